import { type Html, type HtmlValue, html } from "../platform/html.ts";
import { type MandateKind, PASSWORD_MIN_LENGTH, type SignUpField } from "./model.ts";
import type { Representation } from "./service.ts";

type Errors<F extends string> = Partial<Record<F, string>>;

interface FieldOptions {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly value?: string;
  readonly error?: string | undefined;
  readonly type?: "text" | "email";
  readonly autocomplete: string;
  readonly inputmode?: "numeric";
}

function describedBy(ids: readonly (string | false)[]): Html {
  const list = ids.filter((id): id is string => id !== false);
  return list.length ? html` aria-describedby="${list.join(" ")}"` : html``;
}

/** A DSFR input group; an error is tied to the input with aria-describedby and keeps the typed value. */
function field(options: FieldOptions): Html {
  const errorId = `${options.id}-erreur`;
  return html`<div class="fr-input-group${options.error ? " fr-input-group--error" : ""}">
  <label class="fr-label" for="${options.id}">${options.label}${
    options.hint ? html`<span class="fr-hint-text">${options.hint}</span>` : ""
  }</label>
  <input class="fr-input${options.error ? " fr-input--error" : ""}" type="${options.type ?? "text"}" id="${options.id}" name="${options.name}" value="${options.value ?? ""}" autocomplete="${options.autocomplete}"${
    options.inputmode ? html` inputmode="${options.inputmode}"` : ""
  }${options.type === "email" ? html` spellcheck="false"` : ""} required aria-required="true"${describedBy([
    Boolean(options.error) && errorId,
  ])}>
  ${options.error ? html`<p id="${errorId}" class="fr-error-text">${options.error}</p>` : ""}
</div>`;
}

/** The DSFR password component; the typed password is never sent back. */
function passwordField(options: {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly error?: string | undefined;
  readonly autocomplete: "current-password" | "new-password";
}): Html {
  const messages = `${options.id}-messages`;
  return html`<div class="fr-password fr-mb-3w${options.error ? " fr-password--error" : ""}" id="${options.id}-groupe">
  <label class="fr-label" for="${options.id}">${options.label}${
    options.hint ? html`<span class="fr-hint-text">${options.hint}</span>` : ""
  }</label>
  <div class="fr-input-wrap">
    <input class="fr-password__input fr-input${options.error ? " fr-input--error" : ""}" type="password" id="${options.id}" name="${options.name}" autocomplete="${options.autocomplete}" required aria-required="true" aria-describedby="${messages}">
  </div>
  <div class="fr-messages-group" id="${messages}" aria-live="polite">${
    options.error ? html`<p class="fr-message fr-message--error fr-error-text">${options.error}</p>` : ""
  }</div>
  <div class="fr-password__checkbox fr-checkbox-group fr-checkbox-group--sm">
    <input aria-label="Afficher le mot de passe" id="${options.id}-afficher" type="checkbox">
    <label class="fr-password__checkbox fr-label" for="${options.id}-afficher">Afficher</label>
  </div>
</div>`;
}

/** The list of errors at the top of a form, each a link to its field (RGAA 11.10). */
function errorSummary<F extends string>(errors: Errors<F>, ids: Record<F, string>): HtmlValue {
  const entries = (Object.keys(ids) as F[]).filter((key) => errors[key]);
  if (entries.length === 0) return "";
  return html`<div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
  <h2 class="fr-alert__title">${entries.length === 1 ? "Une information est à corriger" : `${entries.length} informations sont à corriger`}</h2>
  <ul>${entries.map((key) => html`<li><a href="#${ids[key]}">${errors[key]}</a></li>`)}</ul>
</div>`;
}

function csrfField(token: string): Html {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

const PASSWORD_HINT = `Au moins ${PASSWORD_MIN_LENGTH} caractères. Une phrase facile à retenir pour vous, avec des espaces, convient très bien.`;

// ------------------------------------------------------------ sign-up

const SIGN_UP_IDS: Record<SignUpField, string> = {
  nir: "nir",
  birthDate: "date-naissance",
  email: "courriel",
  password: "mot-de-passe",
  passwordConfirmation: "confirmation",
};

export function signUpPage(options: {
  readonly csrfToken: string;
  readonly values?: Partial<Record<"nir" | "birthDate" | "email", string>>;
  readonly errors?: Errors<SignUpField>;
}): Html {
  const errors = options.errors ?? {};
  const values = options.values ?? {};
  return html`<div class="fr-grid-row fr-grid-row--center"><div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<h1>Créer mon espace personnel</h1>
<p>Votre espace personnel vous permet de suivre votre carrière, de préparer et demander votre retraite, puis de suivre vos paiements.</p>
<p>Munissez-vous de votre carte Vitale. Tous les champs sont obligatoires.</p>
${errorSummary(errors, SIGN_UP_IDS)}
<form method="post" action="/inscription" novalidate>
  ${csrfField(options.csrfToken)}
  <fieldset class="fr-fieldset"><legend class="fr-fieldset__legend">Votre identité</legend>
  <div class="fr-fieldset__element">${field({
    id: SIGN_UP_IDS.nir,
    name: "nir",
    label: "Numéro de sécurité sociale",
    hint: "15 caractères, inscrits sur votre carte Vitale. Exemple : 2 92 03 2B 033 990 55",
    value: values.nir ?? "",
    error: errors.nir,
    autocomplete: "off",
  })}</div>
  <div class="fr-fieldset__element">${field({
    id: SIGN_UP_IDS.birthDate,
    name: "birthDate",
    label: "Date de naissance",
    hint: "Format : JJ/MM/AAAA. Exemple : 14/03/1992",
    value: values.birthDate ?? "",
    error: errors.birthDate,
    autocomplete: "bday",
    inputmode: "numeric",
  })}</div>
  </fieldset>
  <fieldset class="fr-fieldset"><legend class="fr-fieldset__legend">Vos identifiants de connexion</legend>
  <div class="fr-fieldset__element">${field({
    id: SIGN_UP_IDS.email,
    name: "email",
    label: "Adresse électronique",
    hint: "Nous y enverrons un lien pour la confirmer. Exemple : nom@exemple.fr",
    value: values.email ?? "",
    error: errors.email,
    type: "email",
    autocomplete: "email",
  })}</div>
  <div class="fr-fieldset__element">${passwordField({
    id: SIGN_UP_IDS.password,
    name: "password",
    label: "Mot de passe",
    hint: PASSWORD_HINT,
    error: errors.password,
    autocomplete: "new-password",
  })}</div>
  <div class="fr-fieldset__element">${passwordField({
    id: SIGN_UP_IDS.passwordConfirmation,
    name: "passwordConfirmation",
    label: "Confirmation du mot de passe",
    error: errors.passwordConfirmation,
    autocomplete: "new-password",
  })}</div>
  </fieldset>
  <button type="submit" class="fr-btn">Créer mon espace</button>
</form>
<p class="fr-mt-4w">Vous avez déjà un espace ? <a class="fr-link" href="/connexion">Se connecter</a></p>
</div></div>`;
}

/** The same answer whatever the base holds: nobody learns whether a NIR or an address is known. */
export function checkYourMailPage(email: string, kind: "sign-up" | "reset"): Html {
  return html`<div class="fr-grid-row fr-grid-row--center"><div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<h1>Consultez votre messagerie</h1>
<div class="fr-alert fr-alert--info fr-mb-4w">
  <h2 class="fr-alert__title">Demande enregistrée</h2>
  <p>${
    kind === "sign-up"
      ? `Si les informations correspondent à un dossier de l'Assurance retraite, vous allez recevoir un courriel à l'adresse ${email}. Il contient un lien pour confirmer votre adresse et activer votre espace. Ce lien est valable 24 heures.`
      : `Si un espace personnel existe avec l'adresse ${email}, vous allez recevoir un courriel avec un lien pour choisir un nouveau mot de passe. Ce lien est valable 1 heure et ne sert qu'une fois.`
  }</p>
</div>
<p>Vous ne recevez rien dans les 15 minutes ? Regardez dans vos courriers indésirables, puis vérifiez ${
    kind === "sign-up"
      ? "votre numéro de sécurité sociale, votre date de naissance et votre adresse électronique"
      : "l'adresse électronique indiquée"
  }. Vous pouvez aussi appeler le 3960 (service gratuit + prix d'un appel).</p>
<p><a class="fr-link" href="/connexion">Aller à la page de connexion</a></p>
</div></div>`;
}

export function emailVerifiedPage(verified: boolean): Html {
  return verified
    ? html`<h1>Votre adresse est confirmée</h1>
<div class="fr-alert fr-alert--success fr-mb-4w"><p>Votre espace personnel est activé.</p></div>
<p><a class="fr-btn" href="/connexion">Se connecter</a></p>`
    : html`<h1>Ce lien n'est plus valable</h1>
<div class="fr-alert fr-alert--warning fr-mb-4w"><p>Le lien a déjà servi, a expiré (il est valable 24 heures) ou a été remplacé par un lien plus récent.</p></div>
<p>Si votre adresse est déjà confirmée, connectez-vous. Sinon, essayez de vous connecter : la page vous proposera de recevoir un nouveau lien.</p>
<p><a class="fr-btn" href="/connexion">Se connecter</a></p>`;
}

// ------------------------------------------------------------ login

export type LoginNotice = "invalid" | "locked" | "unverified" | "logged-out" | "password-changed";

const LOGIN_IDS = { email: "courriel", password: "mot-de-passe" } as const;

function loginNotice(notice: LoginNotice | undefined, email: string, csrfToken: string): HtmlValue {
  switch (notice) {
    case undefined:
      return "";
    case "invalid":
      return html`<div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
  <h2 class="fr-alert__title">Connexion impossible</h2>
  <p>L'adresse électronique ou le mot de passe est incorrect. Vérifiez votre saisie. Après 5 erreurs en 15 minutes, la connexion avec cette adresse est bloquée pendant 15 minutes.</p>
</div>`;
    case "locked":
      return html`<div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
  <h2 class="fr-alert__title">Connexion bloquée pendant 15 minutes</h2>
  <p>Il y a eu trop de tentatives de connexion avec cette adresse électronique. Par sécurité, la connexion est bloquée pendant 15 minutes. Vous pouvez aussi choisir un nouveau mot de passe : cela lève le blocage.</p>
</div>`;
    case "unverified":
      return html`<div class="fr-alert fr-alert--warning fr-mb-4w" role="alert">
  <h2 class="fr-alert__title">Votre adresse électronique n'est pas encore confirmée</h2>
  <p>Ouvrez le courriel que nous vous avons envoyé à la création de votre espace et cliquez sur le lien qu'il contient. Vous ne le trouvez pas ou le lien a expiré ?</p>
  <form method="post" action="/inscription/renvoyer" class="fr-mt-2w">
    ${csrfField(csrfToken)}
    <input type="hidden" name="email" value="${email}">
    <button type="submit" class="fr-btn fr-btn--secondary fr-btn--sm">Recevoir un nouveau lien</button>
  </form>
</div>`;
    case "logged-out":
      return html`<div class="fr-alert fr-alert--success fr-alert--sm fr-mb-4w"><p>Vous êtes déconnecté. À bientôt.</p></div>`;
    case "password-changed":
      return html`<div class="fr-alert fr-alert--success fr-alert--sm fr-mb-4w"><p>Votre mot de passe est changé. Connectez-vous avec ce nouveau mot de passe.</p></div>`;
  }
}

export function loginPage(options: {
  readonly csrfToken: string;
  /** Another way in shown above the e-mail form (FranceConnect, when configured). */
  readonly loginAlternative?: ((csrfToken: string) => Html) | undefined;
  readonly returnTo?: string | undefined;
  readonly email?: string;
  readonly errors?: Errors<keyof typeof LOGIN_IDS>;
  readonly notice?: LoginNotice | undefined;
}): Html {
  const errors = options.errors ?? {};
  return html`<div class="fr-grid-row fr-grid-row--center"><div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<h1>Se connecter à mon espace personnel</h1>
${loginNotice(options.notice, options.email ?? "", options.csrfToken)}
${errorSummary(errors, LOGIN_IDS)}
${options.loginAlternative?.(options.csrfToken)}
<h2 class="fr-h4">Avec mon adresse électronique</h2>
<form method="post" action="/connexion" novalidate>
  ${csrfField(options.csrfToken)}
  ${options.returnTo ? html`<input type="hidden" name="retour" value="${options.returnTo}">` : ""}
  ${field({
    id: LOGIN_IDS.email,
    name: "email",
    label: "Adresse électronique",
    hint: "Exemple : nom@exemple.fr",
    value: options.email ?? "",
    error: errors.email,
    type: "email",
    autocomplete: "username",
  })}
  ${passwordField({
    id: LOGIN_IDS.password,
    name: "password",
    label: "Mot de passe",
    error: errors.password,
    autocomplete: "current-password",
  })}
  <p><a class="fr-link" href="/mot-de-passe-oublie">Mot de passe oublié ?</a></p>
  <button type="submit" class="fr-btn">Se connecter</button>
</form>
<hr class="fr-mt-4w">
<h2 class="fr-h4">Vous n'avez pas encore d'espace ?</h2>
<p><a class="fr-btn fr-btn--secondary" href="/inscription">Créer mon espace personnel</a></p>
</div></div>`;
}

export function tooManyAttemptsPage(): Html {
  return html`<h1>Trop de tentatives</h1>
<div class="fr-alert fr-alert--error fr-mb-4w"><p>Trop de demandes ont été envoyées depuis votre connexion internet en peu de temps. Par sécurité, attendez une minute avant de réessayer.</p></div>
<p><a class="fr-link" href="/connexion">Revenir à la page de connexion</a></p>`;
}

// ------------------------------------------------------------ password reset

export function forgottenPasswordPage(options: {
  readonly csrfToken: string;
  readonly email?: string;
  readonly error?: string | undefined;
}): Html {
  return html`<div class="fr-grid-row fr-grid-row--center"><div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<h1>Mot de passe oublié</h1>
<p>Indiquez l'adresse électronique de votre espace personnel : nous vous enverrons un lien pour choisir un nouveau mot de passe.</p>
${errorSummary({ email: options.error }, { email: "courriel" })}
<form method="post" action="/mot-de-passe-oublie" novalidate>
  ${csrfField(options.csrfToken)}
  ${field({
    id: "courriel",
    name: "email",
    label: "Adresse électronique",
    hint: "Exemple : nom@exemple.fr",
    value: options.email ?? "",
    error: options.error,
    type: "email",
    autocomplete: "email",
  })}
  <button type="submit" class="fr-btn">Recevoir un lien</button>
</form>
<p class="fr-mt-4w"><a class="fr-link" href="/connexion">Revenir à la page de connexion</a></p>
</div></div>`;
}

const NEW_PASSWORD_IDS = { password: "mot-de-passe", passwordConfirmation: "confirmation" } as const;

export function newPasswordPage(options: {
  readonly csrfToken: string;
  readonly token: string;
  readonly errors?: Errors<keyof typeof NEW_PASSWORD_IDS>;
}): Html {
  const errors = options.errors ?? {};
  return html`<div class="fr-grid-row fr-grid-row--center"><div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<h1>Choisir un nouveau mot de passe</h1>
<p>Une fois le mot de passe changé, toutes vos connexions en cours sont fermées, sur tous vos appareils.</p>
${errorSummary(errors, NEW_PASSWORD_IDS)}
<form method="post" action="/mot-de-passe/nouveau" novalidate>
  ${csrfField(options.csrfToken)}
  <input type="hidden" name="jeton" value="${options.token}">
  ${passwordField({
    id: NEW_PASSWORD_IDS.password,
    name: "password",
    label: "Nouveau mot de passe",
    hint: PASSWORD_HINT,
    error: errors.password,
    autocomplete: "new-password",
  })}
  ${passwordField({
    id: NEW_PASSWORD_IDS.passwordConfirmation,
    name: "passwordConfirmation",
    label: "Confirmation du nouveau mot de passe",
    error: errors.passwordConfirmation,
    autocomplete: "new-password",
  })}
  <button type="submit" class="fr-btn">Enregistrer le mot de passe</button>
</form>
</div></div>`;
}

export function expiredResetLinkPage(): Html {
  return html`<h1>Ce lien n'est plus valable</h1>
<div class="fr-alert fr-alert--warning fr-mb-4w"><p>Le lien a déjà servi, a expiré (il est valable 1 heure) ou a été remplacé par un lien plus récent.</p></div>
<p><a class="fr-btn" href="/mot-de-passe-oublie">Recevoir un nouveau lien</a></p>`;
}

// ------------------------------------------------------------ legal representatives

const MANDATE_KINDS: Record<MandateKind, string> = {
  guardianship: "Tutelle",
  curatorship: "Curatelle",
  mandate: "Mandat",
};

function frenchDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

export function representationPage(options: {
  readonly csrfToken: string;
  readonly representations: readonly Representation[];
  readonly actingFor: number | null;
}): Html {
  const choice = (value: string, label: string, action: string, detail: string, current: boolean) =>
    html`<li class="fr-mb-2w"><form method="post" action="/espace/representation">
  ${csrfField(options.csrfToken)}
  <input type="hidden" name="personne" value="${value}">
  <p class="fr-mb-1w"><strong>${label}</strong>${current ? html` <span class="fr-badge fr-badge--info fr-badge--sm">Espace affiché</span>` : ""}<br><span class="fr-text--sm">${detail}</span></p>
  <button type="submit" class="fr-btn fr-btn--secondary fr-btn--sm"${current ? html` disabled` : ""}>${action}</button>
</form></li>`;
  return html`<h1>Représentation d'une personne</h1>
<p>Un mandat enregistré par l'Assurance retraite (tutelle, curatelle ou mandat) vous permet d'ouvrir l'espace de la personne que vous représentez. Tout ce que vous y faites est enregistré à votre nom.</p>
${
  options.representations.length === 0
    ? html`<p>Aucun mandat en cours n'est enregistré à votre nom. Pour en faire enregistrer un, envoyez le jugement ou le mandat à votre caisse de retraite, ou appelez le 3960.</p>`
    : ""
}
<ul class="fr-raw-list">
${choice(
  "",
  "Mon propre espace",
  "Ouvrir mon propre espace",
  "Votre carrière, vos démarches et vos paiements.",
  options.actingFor === null,
)}
${options.representations.map((r) =>
  choice(
    String(r.insuredId),
    r.name,
    `Ouvrir l'espace de ${r.name}`,
    `${MANDATE_KINDS[r.kind]} depuis le ${frenchDate(r.startsOn)}${r.endsOn ? `, jusqu'au ${frenchDate(r.endsOn)}` : ""}`,
    options.actingFor === r.insuredId,
  ),
)}
</ul>`;
}

export function representationRefusedPage(): Html {
  return html`<h1>Accès refusé</h1>
<p class="fr-text--lead">Aucun mandat en cours ne vous permet d'agir pour cette personne.</p>
<p>Cette tentative a été enregistrée. Si vous représentez cette personne, envoyez le jugement ou le mandat à votre caisse de retraite, ou appelez le 3960.</p>
<p><a class="fr-link" href="/espace/representation">Revenir à la liste des personnes que je représente</a></p>`;
}
