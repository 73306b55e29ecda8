import { STAFF_ROLES } from "../access/index.ts";
import { alert, errorSummary, inputField, postForm, selectField } from "../platform/dsfr/index.ts";
import { type Html, html } from "../platform/html.ts";
import { NATIONAL_ROLES, ROLE_LABELS, type StaffMember, type StaffProblems } from "./model.ts";
import { groupedSecret } from "./secondFactor.ts";

export interface FundChoice {
  readonly code: string;
  readonly name: string;
}

// ---------------------------------------------------------------- login

export function loginPage(options: {
  csrfToken: string;
  email?: string;
  returnTo?: string | undefined;
  error?: string;
  loggedOut?: boolean;
}): Html {
  return html`<div class="fr-grid-row fr-grid-row--center"><div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<h1>Connexion à l'espace agent</h1>
<p>Réservé au personnel de l'Assurance retraite. La connexion se fait en deux étapes : votre mot de passe, puis un code à usage unique donné par votre application d'authentification.</p>
${options.loggedOut && alert("info", "Vous êtes déconnecté.")}
${options.error && alert("error", "Connexion impossible", html`<p>${options.error}</p>`)}
${postForm(
  "/agent/connexion",
  options.csrfToken,
  html`<fieldset class="fr-fieldset" aria-labelledby="identifiants">
  <legend class="fr-fieldset__legend" id="identifiants">Vos identifiants</legend>
  <div class="fr-fieldset__element">${inputField({
    name: "email",
    label: "Adresse e-mail professionnelle",
    type: "email",
    autocomplete: "username",
    value: options.email ?? "",
    required: true,
  })}</div>
  <div class="fr-fieldset__element">${inputField({
    name: "password",
    label: "Mot de passe",
    type: "password",
    autocomplete: "current-password",
    required: true,
  })}</div>
</fieldset>
${options.returnTo && html`<input type="hidden" name="retour" value="${options.returnTo}">`}
<button class="fr-btn" type="submit">Continuer</button>`,
)}
</div></div>`;
}

function codeField(error: string | undefined): Html {
  return inputField({
    name: "code",
    label: "Code à 6 chiffres",
    hint: "Le code change toutes les 30 secondes.",
    autocomplete: "one-time-code",
    inputmode: "numeric",
    maxlength: 7,
    required: true,
    error,
  });
}

export function codePage(options: { csrfToken: string; error?: string | undefined }): Html {
  return html`<div class="fr-grid-row fr-grid-row--center"><div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<h1>Code de vérification</h1>
<p>Ouvrez votre application d'authentification et saisissez le code affiché pour Parcours.</p>
${options.error && errorSummary({ code: options.error })}
${postForm("/agent/connexion/code", options.csrfToken, html`${codeField(options.error)}<button class="fr-btn" type="submit">Se connecter</button>`)}
</div></div>`;
}

export function enrolmentPage(options: {
  csrfToken: string;
  secret: string;
  uri: string;
  error?: string | undefined;
}): Html {
  return html`<div class="fr-grid-row fr-grid-row--center"><div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
<h1>Activer la double authentification</h1>
<p>C'est votre première connexion (ou votre compte a été réinitialisé) : associez une application d'authentification à votre compte. Elle vous donnera un code à chaque connexion.</p>
${options.error && errorSummary({ code: options.error })}
<ol>
  <li>Dans votre application d'authentification, ajoutez un compte avec une clé de configuration.</li>
  <li>Saisissez cette clé (les espaces ne comptent pas) :
    <p class="fr-text--lg fr-mt-1w"><strong><code id="cle">${groupedSecret(options.secret)}</code></strong></p>
    <p class="fr-text--sm">Type : basé sur l'heure, 6 chiffres, toutes les 30 secondes. Certaines applications acceptent aussi cette adresse :<br><code>${options.uri}</code></p>
  </li>
  <li>Saisissez le code que l'application affiche pour confirmer.</li>
</ol>
${postForm(
  "/agent/connexion/code",
  options.csrfToken,
  html`${codeField(options.error)}<button class="fr-btn" type="submit">Confirmer et se connecter</button>`,
)}
<p class="fr-text--sm">Cette clé est secrète : ne la communiquez à personne, ne la photographiez pas.</p>
</div></div>`;
}

// ---------------------------------------------------------------- administration

function fundName(funds: readonly FundChoice[], code: string | null): string {
  if (code === null) return "Toutes les caisses (national)";
  return funds.find((fund) => fund.code === code)?.name ?? code;
}

export function staffListPage(options: {
  members: readonly StaffMember[];
  funds: readonly FundChoice[];
  next: string | undefined;
  first: boolean;
}): Html {
  return html`<h1>Gérer les agents</h1>
<p><a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/agent/admin/agents/nouveau">Créer un compte agent</a></p>
<div class="fr-table"><table>
  <caption>Comptes des agents, par adresse e-mail</caption>
  <thead><tr><th scope="col">Nom</th><th scope="col">Adresse e-mail</th><th scope="col">Rôle</th><th scope="col">Caisse</th><th scope="col">État</th></tr></thead>
  <tbody>${options.members.map(
    (member) => html`<tr>
    <td><a href="/agent/admin/agents/${member.id}">${member.displayName}</a></td>
    <td>${member.email}</td>
    <td>${ROLE_LABELS[member.role]}</td>
    <td>${fundName(options.funds, member.fundCode)}</td>
    <td>${member.active ? "Actif" : "Désactivé"}</td>
  </tr>`,
  )}</tbody>
</table></div>
${
  options.members.length === 0 && html`<p>Aucun agent sur cette page.</p>`
}<nav class="fr-mt-2w" role="navigation" aria-label="Pages de la liste des agents"><ul class="fr-btns-group fr-btns-group--inline-md">
${!options.first && html`<li><a class="fr-btn fr-btn--secondary" href="/agent/admin/agents">Début de la liste</a></li>`}
${options.next && html`<li><a class="fr-btn fr-btn--secondary" href="/agent/admin/agents?apres=${encodeURIComponent(options.next)}">Agents suivants</a></li>`}
</ul></nav>`;
}

export interface StaffFormValues {
  readonly email: string;
  readonly displayName: string;
  readonly role: string;
  readonly fundCode: string;
}

function staffFields(
  values: StaffFormValues,
  problems: StaffProblems,
  funds: readonly FundChoice[],
  emailEditable: boolean,
): Html {
  return html`${
    emailEditable
      ? inputField({
          name: "email",
          label: "Adresse e-mail professionnelle",
          hint: "Elle sert d'identifiant de connexion.",
          type: "email",
          autocomplete: "off",
          value: values.email,
          error: problems.email,
          required: true,
        })
      : html`<p>Adresse e-mail (identifiant de connexion) : <strong>${values.email}</strong></p>`
  }
${inputField({
  name: "displayName",
  label: "Prénom et nom",
  autocomplete: "off",
  value: values.displayName,
  error: problems.displayName,
  required: true,
})}
${selectField({
  name: "role",
  label: "Rôle",
  value: values.role,
  error: problems.role,
  empty: "Choisir un rôle",
  options: STAFF_ROLES.map((role) => ({
    value: role,
    label: `${ROLE_LABELS[role]}${NATIONAL_ROLES.has(role) ? " (national)" : ""}`,
  })),
})}
${selectField({
  name: "fundCode",
  label: "Caisse",
  hint: "Obligatoire, sauf pour les rôles nationaux qui voient toutes les caisses.",
  value: values.fundCode,
  error: problems.fundCode,
  empty: "Aucune (rôle national)",
  options: funds.map((fund) => ({ value: fund.code, label: fund.name })),
})}`;
}

export function newStaffPage(options: {
  csrfToken: string;
  values: StaffFormValues;
  problems: StaffProblems;
  funds: readonly FundChoice[];
}): Html {
  return html`<h1>Créer un compte agent</h1>
<p>Un mot de passe provisoire s'affichera une seule fois après la création : transmettez-le à l'agent par un moyen sûr. À sa première connexion, l'agent associera une application d'authentification.</p>
${errorSummary(options.problems)}
${postForm(
  "/agent/admin/agents",
  options.csrfToken,
  html`${staffFields(options.values, options.problems, options.funds, true)}
<ul class="fr-btns-group fr-btns-group--inline-md">
  <li><button class="fr-btn" type="submit">Créer le compte</button></li>
  <li><a class="fr-btn fr-btn--secondary" href="/agent/admin/agents">Annuler</a></li>
</ul>`,
)}`;
}

export function passwordShownOncePage(options: {
  member: StaffMember;
  password: string;
  created: boolean;
}): Html {
  return html`<h1>${options.created ? "Compte créé" : "Compte réinitialisé"}</h1>
${alert(
  "success",
  options.created
    ? `Le compte de ${options.member.displayName} est créé.`
    : `Le compte de ${options.member.displayName} est réinitialisé.`,
  html`<p>${
    options.created
      ? "Transmettez ce mot de passe provisoire à l'agent par un moyen sûr."
      : "Son ancien mot de passe et son application d'authentification ne fonctionnent plus. Transmettez-lui ce mot de passe provisoire par un moyen sûr ; à sa prochaine connexion, il associera de nouveau une application d'authentification."
  }</p>`,
)}
<p>Identifiant : <strong>${options.member.email}</strong></p>
<p>Mot de passe provisoire : <strong><code>${options.password}</code></strong></p>
<p class="fr-text--sm">Ce mot de passe ne sera plus affiché : notez-le maintenant.</p>
<p><a class="fr-link" href="/agent/admin/agents/${options.member.id}">Voir le compte</a> · <a class="fr-link" href="/agent/admin/agents">Retour à la liste des agents</a></p>`;
}

export function staffMemberPage(options: {
  csrfToken: string;
  member: StaffMember;
  values: StaffFormValues;
  problems: StaffProblems;
  funds: readonly FundChoice[];
  saved: boolean;
  self: boolean;
}): Html {
  const { member } = options;
  const action = (path: string, label: string) =>
    postForm(
      `/agent/admin/agents/${member.id}/${path}`,
      options.csrfToken,
      html`<button class="fr-btn fr-btn--secondary" type="submit">${label}</button>`,
    );
  return html`<h1>${member.displayName}</h1>
<p>${ROLE_LABELS[member.role]} · ${fundName(options.funds, member.fundCode)} · ${member.active ? "compte actif" : "compte désactivé"}</p>
${options.saved && alert("success", "Modifications enregistrées.")}
${errorSummary(options.problems)}
<h2>Rôle et caisse</h2>
${postForm(
  `/agent/admin/agents/${member.id}`,
  options.csrfToken,
  html`${staffFields(options.values, options.problems, options.funds, false)}
<button class="fr-btn" type="submit">Enregistrer</button>`,
)}
<h2 class="fr-mt-6w">Accès</h2>
<p>Réinitialiser le compte donne un nouveau mot de passe provisoire et retire l'application d'authentification : l'agent en associera une à sa prochaine connexion.</p>
${action("reinitialisation", "Réinitialiser le mot de passe et la double authentification")}
${
  options.self
    ? html`<p class="fr-mt-2w">Vous ne pouvez pas désactiver votre propre compte.</p>`
    : member.active
      ? html`<p class="fr-mt-2w">Un compte désactivé ne peut plus se connecter ; ses sessions ouvertes cessent aussitôt.</p>${action("desactivation", "Désactiver le compte")}`
      : html`<p class="fr-mt-2w">Ce compte est désactivé.</p>${action("reactivation", "Réactiver le compte")}`
}
<p class="fr-mt-4w"><a class="fr-link" href="/agent/admin/agents">Retour à la liste des agents</a></p>`;
}

// ---------------------------------------------------------------- enrolment link

export function activationPage(options: {
  csrfToken: string;
  token: string;
  email: string;
  errors?: Partial<Record<"password" | "passwordConfirmation", string>>;
}): Html {
  const errors = options.errors ?? {};
  return html`<div class="fr-grid-row fr-grid-row--center"><div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<h1>Activer votre compte agent</h1>
<p>Ce lien est personnel et ne sert qu'une fois. Choisissez le mot de passe du compte <strong>${options.email}</strong> ; à l'étape suivante, vous associerez votre application d'authentification.</p>
${errorSummary(errors)}
${postForm(
  "/agent/activation",
  options.csrfToken,
  html`<input type="hidden" name="jeton" value="${options.token}">
${inputField({
  name: "password",
  label: "Mot de passe",
  hint: "Au moins 12 caractères.",
  type: "password",
  autocomplete: "new-password",
  required: true,
  error: errors.password,
})}
${inputField({
  name: "passwordConfirmation",
  label: "Confirmation du mot de passe",
  type: "password",
  autocomplete: "new-password",
  required: true,
  error: errors.passwordConfirmation,
})}
<button class="fr-btn" type="submit">Enregistrer et continuer</button>`,
)}
</div></div>`;
}

export function expiredActivationPage(): Html {
  return html`<h1>Ce lien d'activation n'est plus valable</h1>
<div class="fr-alert fr-alert--warning fr-mb-4w"><p>Le lien a déjà servi, a expiré (il est valable 72 heures) ou a été remplacé par un lien plus récent.</p></div>
<p>Demandez un nouveau lien à votre administrateur.</p>`;
}
