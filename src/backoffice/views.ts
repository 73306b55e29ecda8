import { formatNir, type Insured, maskNir } from "../identity/index.ts";
import { alert, errorSummary, inputField, postForm } from "../platform/dsfr/index.ts";
import { euros, frenchDay, shortFrenchDate } from "../platform/format.ts";
import { type Html, type HtmlValue, html } from "../platform/html.ts";
import { fundByCode } from "../reference/index.ts";
import {
  encodeCursor,
  MAX_REASON_COMMENT,
  OPENING_REASONS,
  type ReasonProblems,
  type SearchHit,
  type SearchProblems,
} from "./model.ts";
import type { InsuredFile, SearchPage } from "./service.ts";

const SEARCH_PATH = "/agent/recherche";

const percent = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 2 });

/** 26/07/1957 */
export const shortDate = shortFrenchDate;

export function fundName(code: string): string {
  return fundByCode(code)?.shortName ?? code;
}

// ---------------------------------------------------------------- home and search

export interface SearchValues {
  readonly nir: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly birthDate: string;
}

export const EMPTY_SEARCH: SearchValues = { nir: "", lastName: "", firstName: "", birthDate: "" };

export function homeWithoutSearch(options: { manageStaff: boolean }): Html {
  return html`<h1>Espace agent</h1>
<p>Votre profil ne donne pas accès aux dossiers des assurés : la recherche et la fiche assuré sont réservées aux conseillers, techniciens, chargés de réclamations et travailleurs sociaux.</p>
${options.manageStaff && html`<p><a class="fr-btn" href="/agent/admin/agents">Gérer les comptes des agents</a></p>`}`;
}

function searchForms(options: {
  csrfToken: string;
  values: SearchValues;
  problems: SearchProblems;
  scope: string;
}): Html {
  const { values, problems } = options;
  return html`<h1>Rechercher un assuré</h1>
<p>${options.scope}</p>
${errorSummary({ nir: problems.nir, nom: problems.lastName, prenom: problems.firstName, naissance: problems.birthDate })}
<div class="fr-grid-row fr-grid-row--gutters">
  <div class="fr-col-12 fr-col-md-5">
    <h2 class="fr-h4">Par numéro de sécurité sociale</h2>
    ${postForm(
      SEARCH_PATH,
      options.csrfToken,
      html`${inputField({
        name: "nir",
        label: "Numéro de sécurité sociale",
        hint: "15 caractères, clé comprise ; les espaces sont acceptés.",
        autocomplete: "off",
        value: values.nir,
        error: problems.nir,
      })}
<button class="fr-btn" type="submit">Rechercher</button>`,
      html` role="search" aria-label="Recherche par numéro de sécurité sociale"`,
    )}
  </div>
  <div class="fr-col-12 fr-col-md-7">
    <h2 class="fr-h4">Par nom et date de naissance</h2>
    ${postForm(
      SEARCH_PATH,
      options.csrfToken,
      html`${inputField({
        name: "nom",
        label: "Nom de naissance ou nom d'usage",
        hint: "Le début du nom suffit ; accents et tirets ne comptent pas.",
        autocomplete: "off",
        value: values.lastName,
        error: problems.lastName,
      })}
${inputField({
  name: "prenom",
  label: "Prénom (facultatif)",
  autocomplete: "off",
  value: values.firstName,
  error: problems.firstName,
})}
${inputField({
  name: "naissance",
  label: "Date de naissance",
  hint: "Au format JJ/MM/AAAA, par exemple 14/03/1992.",
  autocomplete: "off",
  inputmode: "numeric",
  value: values.birthDate,
  error: problems.birthDate,
})}
<button class="fr-btn" type="submit">Rechercher</button>`,
      html` role="search" aria-label="Recherche par nom et date de naissance"`,
    )}
  </div>
</div>`;
}

function hitRow(hit: SearchHit): Html {
  return html`<tr>
  <td><a href="/agent/assures/${hit.id}">${hit.lastName.toUpperCase()}</a>${
    hit.birthName !== hit.lastName
      ? html`<br><span class="fr-text--sm">né(e) ${hit.birthName.toUpperCase()}</span>`
      : ""
  }</td>
  <td>${hit.firstNames}</td>
  <td>${shortDate(hit.birthDate)}</td>
  <td>${maskNir(hit.nir)}</td>
  <td>${fundName(hit.fundCode)}</td>
</tr>`;
}

function results(options: {
  csrfToken: string;
  values: SearchValues;
  page: SearchPage;
  continued: boolean;
}): Html {
  const { page, values } = options;
  if (page.hits.length === 0) {
    return html`<h2 id="resultats" class="fr-mt-6w">Résultats</h2>
<p>${
      options.continued
        ? "Il n'y a pas d'autre résultat."
        : "Aucun assuré ne correspond à cette recherche dans votre périmètre. Vérifiez l'orthographe du nom et la date de naissance, ou cherchez par numéro de sécurité sociale."
    }</p>`;
  }
  const hidden = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}">`;
  return html`<h2 id="resultats" class="fr-mt-6w">Résultats</h2>
<div class="fr-table"><table>
  <caption>${page.hits.length} assuré${page.hits.length > 1 ? "s" : ""} ${options.continued ? "de plus" : `trouvé${page.hits.length > 1 ? "s" : ""}`}${
    page.next ? " (d'autres suivent)" : ""
  }</caption>
  <thead><tr><th scope="col">Nom</th><th scope="col">Prénoms</th><th scope="col">Date de naissance</th><th scope="col">Numéro de sécurité sociale</th><th scope="col">Caisse</th></tr></thead>
  <tbody>${page.hits.map(hitRow)}</tbody>
</table></div>
${
  page.next &&
  postForm(
    SEARCH_PATH,
    options.csrfToken,
    html`${hidden("nir", values.nir)}${hidden("nom", values.lastName)}${hidden("prenom", values.firstName)}${hidden(
      "naissance",
      values.birthDate,
    )}${hidden("apres", encodeCursor(page.next))}
<button class="fr-btn fr-btn--secondary" type="submit">Résultats suivants</button>`,
  )
}`;
}

export function searchPage(options: {
  csrfToken: string;
  values: SearchValues;
  problems: SearchProblems;
  scope: string;
  page?: SearchPage;
  continued?: boolean;
}): Html {
  return html`${searchForms(options)}
${options.page && results({ csrfToken: options.csrfToken, values: options.values, page: options.page, continued: options.continued ?? false })}`;
}

// ---------------------------------------------------------------- opening a file

function fullName(insured: Pick<Insured, "firstNames" | "lastName">): string {
  return `${insured.firstNames} ${insured.lastName.toUpperCase()}`;
}

export function reasonPage(options: {
  csrfToken: string;
  insured: Insured;
  reason: string;
  comment: string;
  problems: ReasonProblems;
}): Html {
  const { insured, problems } = options;
  const reasonError = problems.reason;
  return html`<h1>Ouvrir le dossier de ${fullName(insured)}</h1>
<p>Né(e) le ${frenchDay(insured.birthDate)}. Chaque ouverture d'un dossier est enregistrée avec votre nom, la date et le motif que vous indiquez.</p>
${errorSummary({ motif: reasonError, precision: problems.comment })}
${postForm(
  `/agent/assures/${insured.id}`,
  options.csrfToken,
  html`<fieldset class="fr-fieldset${reasonError ? " fr-fieldset--error" : ""}" id="motif" aria-labelledby="motif-legende${reasonError ? " motif-erreur" : ""}"${
    reasonError ? html` role="group"` : ""
  }>
  <legend class="fr-fieldset__legend" id="motif-legende">Motif de consultation</legend>
  ${Object.entries(OPENING_REASONS).map(
    ([value, label]) => html`<div class="fr-fieldset__element"><div class="fr-radio-group">
    <input type="radio" id="motif-${value}" name="reason" value="${value}"${value === options.reason ? html` checked` : ""}>
    <label class="fr-label" for="motif-${value}">${label}</label>
  </div></div>`,
  )}
  <div class="fr-messages-group" id="motif-erreur" aria-live="polite">${
    reasonError && html`<p class="fr-message fr-message--error">${reasonError}</p>`
  }</div>
</fieldset>
<div class="fr-input-group${problems.comment ? " fr-input-group--error" : ""}">
  <label class="fr-label" for="precision">Précision<span class="fr-hint-text">Obligatoire pour « Autre motif » ; ${MAX_REASON_COMMENT} caractères au plus. N'y écrivez pas de donnée de santé.</span></label>
  <textarea class="fr-input${problems.comment ? " fr-input--error" : ""}" id="precision" name="comment" rows="2" maxlength="${MAX_REASON_COMMENT}"${
    problems.comment ? html` aria-describedby="precision-erreur" aria-invalid="true"` : ""
  }>${options.comment}</textarea>
  ${problems.comment && html`<p id="precision-erreur" class="fr-error-text">${problems.comment}</p>`}
</div>
<ul class="fr-btns-group fr-btns-group--inline-md">
  <li><button class="fr-btn" type="submit">Ouvrir le dossier</button></li>
  <li><a class="fr-btn fr-btn--secondary" href="/agent">Retour à la recherche</a></li>
</ul>`,
)}`;
}

// ---------------------------------------------------------------- the 360° page

function definitionRows(rows: readonly (readonly [string, HtmlValue])[]): Html {
  return html`<dl>${rows.map(([term, value]) => html`<div class="fr-mb-1w"><dt class="fr-text--bold fr-mb-0">${term}</dt><dd class="fr-ml-0">${value}</dd></div>`)}</dl>`;
}

const SITUATION_LABELS: readonly [keyof Insured["situation"], string][] = [
  ["fragile", "Situation de fragilité (parcours attentionné)"],
  ["receivesAah", "Bénéficiaire de l'allocation aux adultes handicapés (AAH)"],
  ["receivesRsa", "Bénéficiaire du revenu de solidarité active (RSA)"],
  ["invalidityPension", "Titulaire d'une pension d'invalidité"],
  ["disability", "Situation de handicap"],
  ["livesAbroad", "Réside à l'étranger"],
  ["selfEmployed", "Travailleur indépendant"],
];

const SCHEME_LABELS: Readonly<Record<string, string>> = {
  general: "Régime général",
  self_employed: "Indépendants",
  agricultural: "Agricole",
  public_service: "Fonction publique",
  abroad: "Étranger",
};

function identitySection(insured: Insured): Html {
  return html`<section class="fr-mb-6w" aria-labelledby="identite">
<h2 id="identite">Identité</h2>
${definitionRows([
  ["Nom d'usage", insured.lastName.toUpperCase()],
  ["Nom de naissance", insured.birthName.toUpperCase()],
  ["Prénoms", insured.firstNames],
  ["Sexe", insured.sex === "F" ? "Femme" : "Homme"],
  ["Date de naissance", frenchDay(insured.birthDate)],
  [
    "Lieu de naissance",
    `${insured.birthPlace} (${insured.birthDepartment === "99" ? "étranger" : insured.birthDepartment})`,
  ],
  ["Numéro de sécurité sociale", formatNir(insured.nir)],
  ["Caisse", fundName(insured.fundCode)],
])}
</section>`;
}

function situationSection(insured: Insured, children: number): Html {
  const flags = SITUATION_LABELS.filter(([flag]) => insured.situation[flag]).map(([, label]) => label);
  return html`<section class="fr-mb-6w" aria-labelledby="situation">
<h2 id="situation">Situation</h2>
${
  flags.length
    ? html`<ul class="fr-tags-group">${flags.map((label) => html`<li><p class="fr-tag">${label}</p></li>`)}</ul>`
    : html`<p>Aucune situation particulière n'est signalée.</p>`
}
<p>Enfants connus : ${children}.</p>
</section>`;
}

function contactSection(insured: Insured): Html {
  const channels = [insured.contactByEmail && "e-mail", insured.contactBySms && "SMS"]
    .filter(Boolean)
    .join(" et ");
  return html`<section class="fr-mb-6w" aria-labelledby="coordonnees">
<h2 id="coordonnees">Coordonnées</h2>
${definitionRows([
  [
    "Adresse",
    html`${insured.address.line}<br>${insured.address.postcode} ${insured.address.town}${
      insured.address.country !== "France" ? html`<br>${insured.address.country}` : ""
    }`,
  ],
  ["E-mail", insured.email ?? "non communiqué"],
  ["Téléphone", insured.phone ?? "non communiqué"],
  ["Accepte d'être contacté par", channels || "courrier uniquement"],
])}
</section>`;
}

function careerSection(file: InsuredFile): Html {
  const summary = file.careerSummary;
  const q = summary.quarters;
  return html`<section class="fr-mb-6w" aria-labelledby="carriere">
<h2 id="carriere">Carrière</h2>
${
  summary.firstYear === null
    ? html`<p>Aucun trimestre n'est reporté au compte de cette personne.</p>`
    : html`<p>De ${summary.firstYear} à ${summary.lastYear} : ${summary.yearsWithQuarters} année${summary.yearsWithQuarters > 1 ? "s" : ""} avec des trimestres. <strong>${summary.totalQuarters} trimestres validés</strong> tous régimes (4 au plus par an, majorations pour enfants comprises), dont ${summary.generalSchemeQuarters} au régime général.</p>
<div class="fr-table"><table>
  <caption>Trimestres par nature</caption>
  <thead><tr><th scope="col">Nature</th><th scope="col">Trimestres</th></tr></thead>
  <tbody>
    <tr><td>Cotisés (travail)</td><td>${q.contributed}</td></tr>
    <tr><td>Chômage</td><td>${q.unemployment}</td></tr>
    <tr><td>Maladie</td><td>${q.sickness}</td></tr>
    <tr><td>Maternité</td><td>${q.maternity}</td></tr>
    <tr><td>Service militaire</td><td>${q.military}</td></tr>
    <tr><td>Majorations pour enfants</td><td>${summary.childQuarters}</td></tr>
  </tbody>
</table></div>
<details class="fr-mt-2w"><summary>Détail par année (${file.career.length} lignes)</summary>
<div class="fr-table"><table>
  <caption>Années de carrière</caption>
  <thead><tr><th scope="col">Année</th><th scope="col">Régime</th><th scope="col">Employeur</th><th scope="col">Revenus bruts</th><th scope="col">Trimestres</th></tr></thead>
  <tbody>${file.career.map(
    (year) =>
      html`<tr><td>${year.year}</td><td>${SCHEME_LABELS[year.scheme] ?? year.scheme}</td><td>${year.employer ?? "—"}</td><td>${euros(year.salary)}</td><td>${
        year.quarters.contributed +
        year.quarters.unemployment +
        year.quarters.sickness +
        year.quarters.maternity +
        year.quarters.military
      }</td></tr>`,
  )}</tbody>
</table></div>
</details>`
}
</section>`;
}

function pensionsSection(file: InsuredFile): HtmlValue {
  if (file.pensions.length === 0) return "";
  return html`<section class="fr-mb-6w" aria-labelledby="retraite">
<h2 id="retraite">Retraite en paiement</h2>
<div class="fr-table"><table>
  <caption>Pensions versées</caption>
  <thead><tr><th scope="col">Pension</th><th scope="col">Depuis le</th><th scope="col">Montant mensuel brut</th><th scope="col">Taux</th><th scope="col">Trimestres retenus</th></tr></thead>
  <tbody>${file.pensions.map(
    (pension) => html`<tr>
    <td>${pension.kind === "own_right" ? "Retraite de base (droit propre)" : "Pension de réversion"}</td>
    <td>${frenchDay(pension.startDate)}</td>
    <td>${euros(pension.monthlyGross)}</td>
    <td>${pension.rate === null ? "—" : percent.format(pension.rate)}</td>
    <td>${pension.quartersGeneral === null ? "—" : `${pension.quartersGeneral} sur ${pension.quartersRequired ?? "—"}`}</td>
  </tr>`,
  )}</tbody>
</table></div>
</section>`;
}

export function filePage(file: InsuredFile, openedFor: string): Html {
  const { insured } = file;
  return html`<h1>${fullName(insured)}</h1>
<p>Né(e) le ${frenchDay(insured.birthDate)} · ${fundName(insured.fundCode)}</p>
${alert("info", "Ouverture enregistrée", html`<p>Motif : ${openedFor}.</p>`)}
${identitySection(insured)}
${situationSection(insured, file.children)}
${contactSection(insured)}
${careerSection(file)}
${pensionsSection(file)}
<section class="fr-mb-6w" aria-labelledby="dossiers">
<h2 id="dossiers">Dossiers</h2>
<p>Cette rubrique listera les dossiers de la personne (demandes de retraite, régularisations de carrière, réclamations) avec leur étape ; aucun n'est encore géré dans Parcours.</p>
</section>
<section class="fr-mb-6w" aria-labelledby="contacts">
<h2 id="contacts">Historique des contacts</h2>
<p>Cette rubrique listera les contacts avec la personne (appels, messages, rendez-vous, courriers) ; aucun n'est encore enregistré dans Parcours.</p>
</section>
<p><a class="fr-link" href="/agent">Nouvelle recherche</a></p>`;
}
