import type { Profile } from "../catalogue/index.ts";
import { CONTACT } from "../platform/format.ts";
import { type Html, html } from "../platform/html.ts";
import { euros } from "../platform/pdf.ts";
import {
  CHILD_REASON_LABELS,
  CORRECTION_ADVICE,
  checkMessage,
  NOT_OFFERED,
  QUARTER_LABELS,
  quartersText,
  SCHEME_LABELS,
} from "./messages.ts";
import { type CareerStatement, QUARTER_KINDS, totalQuarters } from "./model.ts";
import type { CareerStatementView } from "./service.ts";

export const CAREER_PATH = "/espace/carriere";
export const STATEMENT_PDF_PATH = "/espace/carriere/releve.pdf";
const RATING_PATH = "/espace/avis?service=careerStatement";

/** Why checking one's career matters at each age (DESIGN.md: the offers of the person's stage). */
const PROFILE_ADVICE: Readonly<Record<Exclude<Profile, "retiree">, string>> = {
  under45:
    "Vérifiez votre carrière de temps en temps : une erreur se corrige plus facilement tôt, quand vous avez encore vos justificatifs.",
  from45to54:
    "C'est le bon moment pour vérifier votre carrière : une période manquante corrigée maintenant sera prise en compte le jour de votre retraite.",
  from55:
    "Votre retraite approche : vérifiez votre carrière avant de la demander, pour que le calcul parte des bons chiffres.",
};

function breadcrumb(): Html {
  return html`<nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
  <button type="button" class="fr-breadcrumb__button" aria-expanded="false" aria-controls="fil-ariane">Voir le fil d'Ariane</button>
  <div class="fr-collapse" id="fil-ariane">
    <ol class="fr-breadcrumb__list">
      <li><a class="fr-breadcrumb__link" href="/espace">Mon espace</a></li>
      <li><a class="fr-breadcrumb__link" aria-current="page">Ma carrière</a></li>
    </ol>
  </div>
</nav>`;
}

/**
 * A DSFR table. Its frame scrolls sideways on a narrow screen, so it takes the keyboard focus (to scroll
 * with the arrows) and is named by the table's caption.
 */
function table(caption: string, head: readonly string[], rows: readonly Html[], foot?: Html): Html {
  return html`<div class="fr-table fr-table--bordered"><div class="fr-table__wrapper"><div class="fr-table__container" tabindex="0" role="region" aria-label="${caption}"><div class="fr-table__content">
<table>
  <caption>${caption}</caption>
  <thead><tr>${head.map((cell) => html`<th scope="col">${cell}</th>`)}</tr></thead>
  <tbody>${rows}</tbody>
  ${foot ? html`<tfoot>${foot}</tfoot>` : ""}
</table>
</div></div></div></div>`;
}

function checks(statement: CareerStatement): Html {
  if (statement.checks.length === 0) {
    return html`<div class="fr-alert fr-alert--success fr-mb-4w">
  <h2 class="fr-alert__title">Aucun point à vérifier</h2>
  <p>Nous n'avons rien repéré d'inhabituel dans votre carrière. Relisez quand même le détail ci-dessous : vous seul savez si tout y est.</p>
</div>`;
  }
  const count = statement.checks.length;
  return html`<h2 id="a-verifier">${count === 1 ? "Un point à vérifier" : `${count} points à vérifier`}</h2>
<p>Ces points ne sont pas forcément des erreurs, mais des droits peuvent manquer. Pour chacun, voici ce que vous pouvez faire.</p>
${statement.checks.map((check) => {
  const message = checkMessage(check);
  return html`<div class="fr-alert fr-alert--warning fr-mb-3w">
  <h3 class="fr-alert__title">${message.title}</h3>
  <p>${message.text}</p>
  <p><strong>Justificatif à garder :</strong> ${message.proof}</p>
</div>`;
})}
<div class="fr-callout fr-mb-4w">
  <h3 class="fr-callout__title">Faire corriger votre carrière</h3>
  <p class="fr-callout__text">${CORRECTION_ADVICE}</p>
</div>`;
}

function allSchemesSummary(statement: CareerStatement): Html {
  return html`<h2 id="tous-regimes">Relevé de tous vos régimes</h2>
${table(
  "Trimestres par régime de retraite",
  ["Régime", "Période", "Trimestres cotisés", "Trimestres assimilés", "Total"],
  statement.schemes.map(
    (scheme) =>
      html`<tr><th scope="row">${SCHEME_LABELS[scheme.scheme]}</th><td>${scheme.firstYear === scheme.lastYear ? scheme.firstYear : `${scheme.firstYear} à ${scheme.lastYear}`}</td><td>${scheme.quarters.contributed}</td><td>${scheme.total - scheme.quarters.contributed}</td><td>${scheme.total}</td></tr>`,
  ),
  html`<tr><th scope="row">Total tous régimes</th><td></td><td>${statement.byKind.contributed}</td><td>${statement.total - statement.byKind.contributed}</td><td>${statement.total}</td></tr>`,
)}
<p>Les trimestres assimilés sont ceux que vous avez eus sans travailler : chômage, maladie, maternité, service militaire.</p>`;
}

function byKind(statement: CareerStatement): Html {
  return html`<h2 id="par-type">Vos trimestres par type</h2>
${table(
  "Trimestres par type, tous régimes",
  ["Type de trimestre", "Trimestres"],
  [
    ...QUARTER_KINDS.map(
      (kind) => html`<tr><th scope="row">${QUARTER_LABELS[kind]}</th><td>${statement.byKind[kind]}</td></tr>`,
    ),
    html`<tr><th scope="row">Enfants (majoration)</th><td>${statement.childQuartersTotal}</td></tr>`,
  ],
  html`<tr><th scope="row">Total avec les trimestres pour enfants</th><td>${statement.totalWithChildQuarters}</td></tr>`,
)}`;
}

function childQuarters(statement: CareerStatement): Html {
  return html`<h2 id="enfants">Trimestres pour enfants</h2>
${
  statement.childQuarters.length === 0
    ? html`<p>Aucun trimestre pour enfant n'est inscrit. Ces trimestres (majoration de durée d'assurance) sont accordés pour la naissance, l'adoption et l'éducation d'un enfant ; ils sont ajoutés au moment de votre demande de retraite.</p>`
    : table(
        "Trimestres accordés pour vos enfants",
        ["Enfant", "Motif", "Trimestres"],
        statement.childQuarters.map(
          (award) =>
            html`<tr><th scope="row">${award.firstName ?? "Enfant"}</th><td>${CHILD_REASON_LABELS[award.reason]}</td><td>${award.quarters}</td></tr>`,
        ),
        html`<tr><th scope="row">Total</th><td></td><td>${statement.childQuartersTotal}</td></tr>`,
      )
}`;
}

function yearByYear(statement: CareerStatement): Html {
  if (statement.years.length === 0) {
    return html`<h2 id="detail">Le détail, année par année</h2>
<p>Aucune période n'est encore inscrite sur votre relevé.</p>`;
  }
  return html`<h2 id="detail">Le détail, année par année</h2>
${table(
  "Votre carrière année par année : régime, employeur, salaire et trimestres",
  ["Année", "Régime", "Employeur", "Salaire", ...QUARTER_KINDS.map((kind) => QUARTER_LABELS[kind]), "Total"],
  statement.years.map(
    (line) =>
      html`<tr><th scope="row">${line.year}</th><td>${SCHEME_LABELS[line.scheme]}</td><td>${line.employer ?? "-"}</td><td>${euros(line.salary)}</td>${QUARTER_KINDS.map(
        (kind) => html`<td>${line.quarters[kind]}</td>`,
      )}<td>${totalQuarters(line.quarters)}</td></tr>`,
  ),
  html`<tr><th scope="row">Total</th><td></td><td></td><td></td>${QUARTER_KINDS.map(
    (kind) => html`<td>${statement.byKind[kind]}</td>`,
  )}<td>${statement.total}</td></tr>`,
)}`;
}

/** The career statement page: checks first, then the all-schemes summary, totals and the detail. */
export function careerStatementPage(view: CareerStatementView, actingFor: boolean, date: string): Html {
  const { statement } = view;
  const profile = view.profile === "retiree" ? undefined : PROFILE_ADVICE[view.profile];
  return html`${breadcrumb()}
<h1>${actingFor ? `Carrière de ${view.ownerName}` : "Ma carrière"}</h1>
<p class="fr-text--lead">${quartersText(statement.totalWithChildQuarters)} inscrits sur le relevé au ${date}, enfants compris.</p>
${profile ? html`<p>${profile}</p>` : ""}
<p><a class="fr-link fr-link--download" href="${STATEMENT_PDF_PATH}" download>Télécharger le relevé de carrière <span class="fr-link__detail">PDF</span></a></p>
${checks(statement)}
${allSchemesSummary(statement)}
${byKind(statement)}
${childQuarters(statement)}
${yearByYear(statement)}
<p class="fr-mt-6w"><a class="fr-link" href="${RATING_PATH}">Donner mon avis sur ce service</a></p>
<p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/espace">Retour à mon espace</a></p>`;
}

/** A retiree's answer: the statement belongs to working people; the pension is what counts now. */
export function notOfferedPage(): Html {
  return html`${breadcrumb()}
<h1>Ma carrière</h1>
<p class="fr-text--lead">${NOT_OFFERED}</p>
<p>Votre retraite est déjà calculée à partir de votre carrière. Pour toute question sur votre carrière ou votre retraite, appelez le ${CONTACT.line}.</p>
<p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/espace">Retour à mon espace</a></p>`;
}
