import type { Profile } from "../catalogue/index.ts";
import { CONTACT, frenchDayOfInstant as savedOn } from "../platform/format.ts";
import { type Html, html } from "../platform/html.ts";
import { remainingSummary } from "../procedures/index.ts";
import { serviceCards } from "../site/views.ts";
import type { SpaceHome } from "./service.ts";

const PROFILE_LABELS: Record<Profile, string> = {
  under45: "moins de 45 ans",
  from45to54: "de 45 à 54 ans",
  from55: "55 ans et plus",
  retiree: "retraité",
};

function phone(number: string): string {
  return /^\d{10}$/.test(number) ? number.replace(/(\d\d)(?=\d)/g, "$1 ") : number;
}

function contactDetails(home: SpaceHome): Html {
  const { owner, fund, agency } = home;
  const missing = html`<span class="fr-text--light">non renseigné</span>`;
  return html`<h2 id="coordonnees" class="fr-mt-6w">Coordonnées</h2>
<div class="fr-grid-row fr-grid-row--gutters">
  <div class="fr-col-12 fr-col-md-6">
    <div class="fr-card fr-card--no-arrow"><div class="fr-card__body"><div class="fr-card__content">
      <h3 class="fr-card__title">${home.ownerName}</h3>
      <dl class="fr-card__desc">
        <dt>Adresse électronique</dt><dd>${owner.email ?? missing}</dd>
        <dt>Téléphone</dt><dd>${owner.phone ? phone(owner.phone) : missing}</dd>
        <dt>Adresse postale</dt><dd>${owner.address.line}<br>${owner.address.postcode} ${owner.address.town}${
          owner.address.country === "France" ? "" : html`<br>${owner.address.country}`
        }</dd>
      </dl>
    </div></div></div>
  </div>
  <div class="fr-col-12 fr-col-md-6">
    <div class="fr-card fr-card--no-arrow"><div class="fr-card__body"><div class="fr-card__content">
      <h3 class="fr-card__title">Votre caisse de retraite</h3>
      <dl class="fr-card__desc">
        <dt>Caisse</dt><dd>${fund ? fund.name : missing}</dd>
        ${agency ? html`<dt>Agence la plus proche</dt><dd>${agency.name}<br>${agency.street}<br>${agency.postcode} ${agency.town}</dd>` : ""}
        <dt>Par téléphone</dt><dd>${CONTACT.line}</dd>
      </dl>
    </div></div></div>
  </div>
</div>`;
}

function drafts(home: SpaceHome): Html {
  if (home.drafts.length === 0)
    return html`<p>Vous n'avez aucune démarche en cours. Une démarche commencée et pas encore envoyée s'affichera ici, pour la reprendre là où vous l'avez laissée.</p>`;
  return html`<ul class="fr-raw-list">${home.drafts.map(
    (overview) => html`<li class="fr-mb-3w">
  <p class="fr-mb-1v"><strong>${overview.procedure.title}</strong></p>
  <p class="fr-text--sm fr-mb-1v">Enregistrée le ${savedOn(overview.draft.lastActivityAt)}. ${remainingSummary(overview.remaining)}.</p>
  <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="${overview.href}">Reprendre ma demande<span class="fr-sr-only"> : ${overview.procedure.title}</span></a>
</li>`,
  )}</ul>`;
}

function proofRequests(home: SpaceHome): Html {
  if (home.proofRequests.length === 0)
    return html`<p>Aucun document ne vous est demandé. Si votre caisse a besoin d'un justificatif, la demande s'affichera ici.</p>`;
  return html`<ul class="fr-raw-list">${home.proofRequests.map(
    (request) => html`<li class="fr-mb-3w">
  <p class="fr-mb-1v"><strong>Dossier ${request.reference}</strong>, demandé le ${savedOn(request.requestedAt)}</p>
  <p class="fr-mb-1v">${request.proofLabel}</p>
  <p class="fr-text--sm fr-mb-1v">${request.reason}</p>
  <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="${request.href}">Envoyer ce document<span class="fr-sr-only"> pour le dossier ${request.reference}</span></a>
</li>`,
  )}</ul>`;
}

function toDo(home: SpaceHome): Html {
  return html`<h2 id="a-faire" class="fr-mt-6w">À faire</h2>
<div class="fr-grid-row fr-grid-row--gutters">
  <div class="fr-col-12 fr-col-md-6">
    <h3 class="fr-h5">Démarches en cours</h3>
    ${drafts(home)}
  </div>
  <div class="fr-col-12 fr-col-md-6">
    <h3 class="fr-h5">Documents demandés</h3>
    ${proofRequests(home)}
  </div>
</div>`;
}

/** The home of a personal space: greeting, services of the profile, things to do, contact details. */
export function spaceHomePage(home: SpaceHome, viewerName: string, actingFor: boolean): Html {
  const firstName = home.owner.firstNames.split(" ")[0];
  return html`${
    actingFor
      ? html`<h1>Espace de ${home.ownerName}</h1>
<p class="fr-text--lead">Bonjour ${viewerName}. Vous consultez l'espace de ${home.ownerName}, que vous représentez.</p>`
      : html`<h1>Bonjour ${firstName}</h1>
<p class="fr-text--lead">Bienvenue dans votre espace personnel.</p>`
  }
${
  home.representations.length > 0
    ? html`<div class="fr-callout fr-mb-4w">
  <h2 class="fr-callout__title">Vous représentez ${home.representations.length === 1 ? "une personne" : `${home.representations.length} personnes`}</h2>
  <p class="fr-callout__text">${home.representations.map((r) => r.name).join(", ")}.</p>
  <a class="fr-btn fr-btn--secondary" href="/espace/representation">Ouvrir l'espace d'une personne que je représente</a>
</div>`
    : ""
}
${
  home.catalogue.attentive
    ? html`<div class="fr-callout fr-callout--blue-ecume fr-mb-4w">
  <h2 class="fr-callout__title">Un conseiller pour vous accompagner</h2>
  <p class="fr-callout__text">Votre situation vous donne droit à un accompagnement personnalisé : un conseiller peut vous recevoir, vous appeler et vous aider dans vos démarches. Appelez le 3960 ou prenez rendez-vous.</p>
</div>`
    : ""
}
<h2 id="services">${actingFor ? "Ses services" : "Mes services"}</h2>
<p>Services proposés pour un profil ${PROFILE_LABELS[home.catalogue.profile]}.</p>
${serviceCards(home.catalogue.services)}
${toDo(home)}
${contactDetails(home)}`;
}
