import type { ServiceCode } from "../catalogue/index.ts";
import { errorSummary, postForm, selectField } from "../platform/dsfr/index.ts";
import { type Html, html } from "../platform/html.ts";
import { COMMENT_MAX, RATED_SERVICES, RATING_REASONS, type RatingField, type RatingForm } from "./model.ts";

export const RATING_PATH = "/espace/avis";

const INPUTS: Record<RatingField, string> = {
  service: "service",
  rating: "note",
  reason: "raison",
  comment: "commentaire",
};

function ratingScale(value: string, error: string | undefined): Html {
  const marks = ["", ...Array.from({ length: 10 }, (_, i) => String(i + 1))];
  return html`<fieldset class="fr-segmented${error ? " fr-fieldset--error" : ""}" id="note"${
    error ? html` aria-describedby="note-error"` : ""
  }>
  <legend class="fr-segmented__legend">Votre note, de 1 (pas du tout satisfait) à 10 (très satisfait)<span class="fr-hint-text">Facultatif</span></legend>
  <div class="fr-segmented__elements">
    ${marks.map(
      (mark) => html`<div class="fr-segmented__element">
      <input value="${mark}" type="radio" id="note-${mark || "aucune"}" name="note"${mark === value ? html` checked` : ""}>
      <label class="fr-label" for="note-${mark || "aucune"}">${mark || "Sans note"}</label>
    </div>`,
    )}
  </div>
  ${error ? html`<p id="note-error" class="fr-error-text">${error}</p>` : ""}
</fieldset>`;
}

export function ratingPage(options: {
  csrfToken: string;
  form: RatingForm;
  errors?: Partial<Record<RatingField, string>>;
}): Html {
  const { form } = options;
  const errors = Object.fromEntries(
    Object.entries(options.errors ?? {}).map(([field, message]) => [INPUTS[field as RatingField], message]),
  ) as Record<string, string | undefined>;
  const service = RATED_SERVICES.get(form.service as ServiceCode);
  return html`<h1>Donner mon avis</h1>
<p class="fr-text--lead">${service ? html`Sur le service « ${service.title} ».` : "Sur un service de votre espace."}</p>
<p>Tout est facultatif : une note, une raison ou un commentaire suffit. Votre avis nous aide à améliorer le service ; il ne change rien à votre dossier.</p>
${errorSummary(errors)}
${postForm(
  RATING_PATH,
  options.csrfToken,
  html`${
    service
      ? html`<input type="hidden" name="service" value="${form.service}">`
      : selectField({
          name: "service",
          label: "Le service que vous avez utilisé",
          value: form.service,
          error: errors.service,
          empty: "Choisir un service",
          options: [...RATED_SERVICES.values()]
            .filter((entry) => entry.code !== "serviceRating")
            .map((entry) => ({ value: entry.code, label: entry.title })),
        })
  }
${ratingScale(form.rating, errors.note)}
${selectField({
  name: "raison",
  label: "La raison principale",
  hint: "Facultatif",
  value: form.reason,
  error: errors.raison,
  empty: "Choisir une raison",
  options: Object.entries(RATING_REASONS).map(([value, label]) => ({ value, label })),
})}
<div class="fr-input-group${errors.commentaire ? " fr-input-group--error" : ""}">
  <label class="fr-label" for="commentaire">Votre commentaire<span class="fr-hint-text">Facultatif, ${COMMENT_MAX} caractères au plus. N'y indiquez pas d'information personnelle : ce commentaire ne sert pas à traiter une demande.</span></label>
  <textarea class="fr-input${errors.commentaire ? " fr-input--error" : ""}" id="commentaire" name="commentaire" rows="5"${
    errors.commentaire ? html` aria-describedby="commentaire-error" aria-invalid="true"` : ""
  }>${form.comment}</textarea>
  ${errors.commentaire ? html`<p id="commentaire-error" class="fr-error-text">${errors.commentaire}</p>` : ""}
</div>
<ul class="fr-btns-group fr-btns-group--inline-md">
  <li><button class="fr-btn" type="submit">Envoyer mon avis</button></li>
  <li><a class="fr-btn fr-btn--tertiary" href="${service?.href ?? "/espace"}">Revenir sans donner d'avis</a></li>
</ul>`,
)}`;
}

export function thanksPage(service: ServiceCode): Html {
  const entry = RATED_SERVICES.get(service);
  return html`<h1>Merci pour votre avis</h1>
<p class="fr-text--lead">Votre avis sur « ${entry?.title ?? service} » est enregistré.</p>
<ul class="fr-btns-group fr-btns-group--inline-md">
  ${entry?.href ? html`<li><a class="fr-btn fr-btn--secondary" href="${entry.href}">Revenir au service</a></li>` : ""}
  <li><a class="fr-btn" href="/espace">Retour à mon espace</a></li>
</ul>`;
}
