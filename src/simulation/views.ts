import { type Html, html } from "../platform/html.ts";
import { euros } from "../platform/pdf.ts";
import {
  type CalendarDate,
  type ExplanationStep,
  frenchAge,
  frenchDate,
  type HypothesisProjection,
  type LegalAgeResult,
  type ProjectionResult,
  parseDate,
} from "../rules/index.ts";
import {
  type ChartGeometry,
  chartGeometry,
  DEPARTURE_KEYS,
  DEPARTURE_LABELS,
  type LongCareerOutlook,
  monthlyOf,
  type SimulationService,
} from "./model.ts";
import type { PersonalLegalAge } from "./service.ts";

const frenchDay = (iso: string) => frenchDate(parseDate(iso) as CalendarDate);

/** Plain figures: amounts as the PDF writes them, so the page and the EIG show the same text. */
export function monthlyText(amount: number): string {
  return `${euros(amount)} par mois`;
}

export function explanationList(steps: readonly ExplanationStep[]): Html {
  return html`<ol class="fr-mb-0">${steps.map(
    (step) =>
      html`<li>${step.text} <span class="fr-text--sm fr-text-mention--grey">(${step.reference})</span></li>`,
  )}</ol>`;
}

function explained(summary: string, steps: readonly ExplanationStep[]): Html {
  return html`<details class="fr-my-1w"><summary>${summary}</summary>${explanationList(steps)}</details>`;
}

export function ratingLink(service: SimulationService): Html {
  return html`<p class="fr-mt-6w"><a class="fr-link fr-icon-feedback-line fr-link--icon-left" href="/espace/avis?service=${service}">Donner mon avis sur ce service</a></p>`;
}

function backToSpace(): Html {
  return html`<p class="fr-mt-4w"><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/espace">Retour à mon espace</a></p>`;
}

// ------------------------------------------------------------------ legal age calculator

export interface LegalAgeFormValues {
  readonly jour?: string;
  readonly mois?: string;
  readonly annee?: string;
  readonly departMois?: string;
  readonly departAnnee?: string;
}

export interface LegalAgeFormErrors {
  readonly birthDate?: string;
  readonly startDate?: string;
}

function numberInput(options: {
  id: string;
  name: string;
  label: string;
  hint: string;
  value: string | undefined;
  error: boolean;
  autocomplete: string;
  describedBy: string;
  size: "number" | "year";
}): Html {
  return html`<div class="fr-fieldset__element fr-fieldset__element--inline fr-fieldset__element--${options.size}">
  <div class="fr-input-group${options.error ? " fr-input-group--error" : ""}">
    <label class="fr-label" for="${options.id}">${options.label}<span class="fr-hint-text">${options.hint}</span></label>
    <input class="fr-input${options.error ? " fr-input--error" : ""}" type="text" inputmode="numeric" id="${options.id}" name="${options.name}" value="${options.value ?? ""}" autocomplete="${options.autocomplete}" aria-describedby="${options.describedBy}">
  </div>
</div>`;
}

/** The DSFR date pattern: one fieldset, a field per part, the message of the whole date below. */
function dateFieldset(options: {
  id: string;
  legend: string;
  hint: string;
  error: string | undefined;
  fields: readonly Html[];
}): Html {
  const messages = `${options.id}-messages`;
  return html`<fieldset class="fr-fieldset${options.error ? " fr-fieldset--error" : ""}" id="${options.id}" role="group" aria-labelledby="${options.id}-legende ${messages}">
  <legend class="fr-fieldset__legend" id="${options.id}-legende">${options.legend}<span class="fr-hint-text">${options.hint}</span></legend>
  ${options.fields}
  <div class="fr-messages-group" id="${messages}" aria-live="polite">${
    options.error
      ? html`<p class="fr-message fr-message--error" id="${options.id}-erreur">${options.error}</p>`
      : ""
  }</div>
</fieldset>`;
}

function legalAgeForm(values: LegalAgeFormValues, errors: LegalAgeFormErrors): Html {
  const birthError = Boolean(errors.birthDate);
  const startError = Boolean(errors.startDate);
  const summary = [
    errors.birthDate && html`<li><a href="#jour">${errors.birthDate}</a></li>`,
    errors.startDate && html`<li><a href="#depart-mois">${errors.startDate}</a></li>`,
  ].filter(Boolean);
  return html`${
    summary.length
      ? html`<div class="fr-alert fr-alert--error fr-mb-4w" role="alert"><h2 class="fr-alert__title">${
          summary.length === 1
            ? "Une information est à corriger"
            : `${summary.length} informations sont à corriger`
        }</h2><ul>${summary}</ul></div>`
      : ""
  }
<form method="get" action="/simulateurs/age-legal" novalidate>
${dateFieldset({
  id: "date-naissance",
  legend: "Date de naissance",
  hint: "Exemple : 14 3 1962",
  error: errors.birthDate,
  fields: [
    numberInput({
      id: "jour",
      name: "jour",
      label: "Jour",
      hint: "Entre 1 et 31",
      value: values.jour,
      error: birthError,
      autocomplete: "bday-day",
      describedBy: "date-naissance-messages",
      size: "number",
    }),
    numberInput({
      id: "mois",
      name: "mois",
      label: "Mois",
      hint: "Entre 1 et 12",
      value: values.mois,
      error: birthError,
      autocomplete: "bday-month",
      describedBy: "date-naissance-messages",
      size: "number",
    }),
    numberInput({
      id: "annee",
      name: "annee",
      label: "Année",
      hint: "Exemple : 1962",
      value: values.annee,
      error: birthError,
      autocomplete: "bday-year",
      describedBy: "date-naissance-messages",
      size: "year",
    }),
  ],
})}
${dateFieldset({
  id: "date-depart",
  legend: "Date de départ envisagée (facultatif)",
  hint: "La retraite commence le 1er du mois. Sans date, la règle de votre premier départ possible s'applique.",
  error: errors.startDate,
  fields: [
    numberInput({
      id: "depart-mois",
      name: "departMois",
      label: "Mois",
      hint: "Entre 1 et 12",
      value: values.departMois,
      error: startError,
      autocomplete: "off",
      describedBy: "date-depart-messages",
      size: "number",
    }),
    numberInput({
      id: "depart-annee",
      name: "departAnnee",
      label: "Année",
      hint: "Exemple : 2028",
      value: values.departAnnee,
      error: startError,
      autocomplete: "off",
      describedBy: "date-depart-messages",
      size: "year",
    }),
  ],
})}
<button class="fr-btn" type="submit">Calculer mon âge de départ</button>
</form>`;
}

function legalAgeFigures(legal: LegalAgeResult): Html {
  return html`<dl class="fr-mb-2w">
  <dt>Âge légal de départ</dt><dd><strong>${frenchAge(legal.legalAge)}</strong>, atteint le ${frenchDate(legal.legalAgeDate)} ; retraite possible à partir du ${frenchDate(legal.legalAgeStartDate)}</dd>
  <dt>Trimestres requis pour le taux plein</dt><dd><strong>${legal.requiredQuarters}</strong> trimestres, tous régimes confondus</dd>
  <dt>Âge du taux plein automatique</dt><dd><strong>${frenchAge(legal.fullRateAge)}</strong>, atteint le ${frenchDate(legal.fullRateAgeDate)}</dd>
</dl>
<h3 class="fr-h6">La règle qui s'applique</h3>
${explanationList(legal.explanation)}`;
}

export function publicLegalAgePage(options: {
  values: LegalAgeFormValues;
  errors: LegalAgeFormErrors;
  legal: LegalAgeResult | undefined;
}): Html {
  return html`<h1>Connaître mon âge de départ à la retraite</h1>
<p class="fr-text--lead">Indiquez votre date de naissance : vous saurez à quel âge vous pouvez partir, combien de trimestres il vous faut, et la règle qui s'applique à votre génération.</p>
<div class="fr-grid-row fr-grid-row--gutters">
<div class="fr-col-12 fr-col-md-6">${legalAgeForm(options.values, options.errors)}</div>
<div class="fr-col-12 fr-col-md-6">${
    options.legal
      ? html`<section aria-labelledby="resultat"><h2 id="resultat">Votre résultat</h2>${legalAgeFigures(options.legal)}</section>`
      : html`<p>Ce calcul porte sur la retraite de base du régime général. Pour le calculer à partir de votre carrière réelle, <a href="/connexion?retour=%2Fespace%2Fage-de-depart">connectez-vous à votre espace</a>.</p>`
  }</div>
</div>`;
}

export function personalLegalAgePage(facts: PersonalLegalAge, actingFor: string | null): Html {
  const { legal, sofar } = facts;
  const missing = Math.max(0, legal.requiredQuarters - sofar.quarters.allSchemes);
  return html`<h1>${actingFor ? `Âge de départ de ${actingFor}` : "Mon âge de départ"}</h1>
<p class="fr-text--lead">Calculé à partir de la date de naissance et de la carrière enregistrées dans votre dossier.</p>
${legalAgeFigures(legal)}
<h2 class="fr-mt-4w">Vos trimestres à ce jour</h2>
<p>Votre relevé de carrière compte <strong>${sofar.quarters.allSchemes}</strong> trimestres tous régimes, dont ${sofar.quarters.contributed} cotisés. ${
    missing > 0
      ? html`Il vous en manque <strong>${missing}</strong> pour le taux plein : vous les validerez en continuant à travailler, ou vous aurez le taux plein à ${frenchAge(legal.fullRateAge)}.`
      : "Vous avez déjà tous les trimestres requis : vous aurez le taux plein dès l'âge légal."
  }</p>
${explained(
  "Comment ces trimestres sont comptés",
  sofar.explanation.filter((step) => step.rule === "quarters" || step.rule === "childQuarters"),
)}
<p><a class="fr-link" href="/espace/estimation">Estimer le montant de ma retraite</a></p>
${ratingLink("legalAge")}
${backToSpace()}`;
}

// ------------------------------------------------------------------ long career

export function longCareerPage(outlook: LongCareerOutlook, actingFor: string | null): Html {
  const possible = outlook.asItStands ?? outlook.ifWorking;
  return html`<h1>${actingFor ? `Départ anticipé pour carrière longue de ${actingFor}` : "Partir plus tôt : carrière longue"}</h1>
<p class="fr-text--lead">Si vous avez commencé à travailler jeune et cotisé toute la durée requise, vous pouvez partir avant l'âge légal (art. L351-1-1 et D351-1-1 du code de la sécurité sociale). Ce calcul part de votre carrière enregistrée.</p>
${
  possible
    ? html`<div class="fr-callout"><h2 class="fr-callout__title">Vous pouvez partir avant l'âge légal</h2>
<p class="fr-callout__text">${
        outlook.asItStands
          ? html`Avec votre carrière actuelle, votre retraite peut commencer au plus tôt le <strong>${frenchDay(outlook.asItStands)}</strong>.`
          : html`En continuant à travailler à temps plein, votre retraite peut commencer au plus tôt le <strong>${frenchDay(outlook.ifWorking as string)}</strong>.`
      }</p></div>
${
  outlook.asItStands && outlook.ifWorking && outlook.ifWorking !== outlook.asItStands
    ? html`<p>En continuant à travailler à temps plein, ce serait le ${frenchDay(outlook.ifWorking)}.</p>`
    : ""
}`
    : html`<div class="fr-callout"><h2 class="fr-callout__title">Vous ne pouvez pas partir avant l'âge légal</h2>
<p class="fr-callout__text">${outlook.reason}</p></div>
<p>Votre retraite peut commencer à l'âge légal, à partir du ${frenchDay(outlook.legalStartDate)}.</p>`
}
<p>À l'âge légal, en travaillant à temps plein jusque-là, votre carrière compterait ${outlook.contributedAtLegalAge} trimestres cotisés pour ${outlook.requiredQuarters} exigés pour votre génération.</p>
<p><a class="fr-link" href="/espace/estimation">Estimer le montant de ma retraite</a></p>
${ratingLink("longCareerEarlyRetirement")}
${backToSpace()}`;
}

// ------------------------------------------------------------------ pension estimate

/** Distinct strokes so series differ by more than colour (RGAA 3.1). */
const SERIES_STYLE = [
  { stroke: "#000091", dash: "" },
  { stroke: "#18753c", dash: "8 4" },
  { stroke: "#b34000", dash: "2 4" },
  { stroke: "#6e445a", dash: "12 4 2 4" },
  { stroke: "#3a3a3a", dash: "4 2" },
] as const;

function styleOf(index: number) {
  return SERIES_STYLE[index % SERIES_STYLE.length] as (typeof SERIES_STYLE)[number];
}

export function estimateChart(geometry: ChartGeometry): Html {
  const { plot } = geometry;
  const legendTop = geometry.height - 22;
  return html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${geometry.width} ${geometry.height}" width="100%" role="img" aria-labelledby="graphique-titre graphique-description" font-family="Marianne, arial, sans-serif" font-size="12">
<title id="graphique-titre">Montant mensuel de la retraite selon l'âge de départ</title>
<desc id="graphique-description">Une ligne par hypothèse de fin de carrière ; chaque point est un âge de départ. Les mêmes chiffres sont dans le tableau qui suit.</desc>
<g stroke="#dddddd" stroke-width="1">${geometry.yTicks.map((t) => html`<line x1="${plot.left}" x2="${plot.right}" y1="${t.y}" y2="${t.y}"/>`)}</g>
<g fill="#3a3a3a" text-anchor="end">${geometry.yTicks.map((t) => html`<text x="${plot.left - 6}" y="${t.y + 4}">${euros(t.label).replace(",00", "")}</text>`)}</g>
<g fill="#3a3a3a" text-anchor="middle">${geometry.xTicks.map((t) => html`<text x="${t.x}" y="${plot.bottom + 18}">${t.label} ans</text>`)}</g>
<line x1="${plot.left}" x2="${plot.right}" y1="${plot.bottom}" y2="${plot.bottom}" stroke="#3a3a3a"/>
${geometry.series.map((series, index) => {
  const style = styleOf(index);
  return html`<g stroke="${style.stroke}" fill="${style.stroke}"><polyline fill="none" stroke-width="2"${style.dash ? html` stroke-dasharray="${style.dash}"` : ""} points="${series.points.map((p) => `${p.x},${p.y}`).join(" ")}"/>${series.points.map((p) => html`<circle cx="${p.x}" cy="${p.y}" r="4"/>`)}</g>`;
})}
<g font-size="11">${geometry.series.map((series, index) => {
    const style = styleOf(index);
    const x = plot.left + index * 130;
    return html`<line x1="${x}" x2="${x + 24}" y1="${legendTop}" y2="${legendTop}" stroke="${style.stroke}" stroke-width="2"${style.dash ? html` stroke-dasharray="${style.dash}"` : ""}/><text x="${x + 28}" y="${legendTop + 4}" fill="#3a3a3a">${series.label}</text>`;
  })}</g>
</svg>`;
}

function departureCell(h: HypothesisProjection, key: (typeof DEPARTURE_KEYS)[number]): Html {
  const d = h.departures[key];
  return html`<td><strong>${monthlyText(monthlyOf(d.result))}</strong><br><span class="fr-text--sm">le ${frenchDay(d.startDate)}, à ${frenchAge(d.age)}</span></td>`;
}

export function estimateTable(projection: ProjectionResult): Html {
  return html`<div class="fr-table"><div class="fr-table__wrapper"><div class="fr-table__container"><div class="fr-table__content">
<table>
<caption>Montant mensuel brut de la retraite de base, selon l'hypothèse et la date de départ</caption>
<thead><tr><th scope="col">Hypothèse</th>${DEPARTURE_KEYS.map((key) => html`<th scope="col">${DEPARTURE_LABELS[key]}</th>`)}</tr></thead>
<tbody>${projection.hypotheses.map(
    (h) =>
      html`<tr><th scope="row">${h.label}</th>${DEPARTURE_KEYS.map((key) => departureCell(h, key))}</tr>`,
  )}</tbody>
</table></div></div></div></div>`;
}

function hypothesisDetails(h: HypothesisProjection): Html {
  return html`<section class="fr-mt-4w" aria-labelledby="hypothese-${h.id}">
<h3 id="hypothese-${h.id}">Hypothèse ${h.label.toLowerCase()}</h3>
<p>${h.description}${
    h.longCareerEarliestDate
      ? html` Départ anticipé pour carrière longue possible dès le ${frenchDay(h.longCareerEarliestDate)}.`
      : ""
  }</p>
${DEPARTURE_KEYS.map((key) => {
  const d = h.departures[key];
  return explained(
    `${DEPARTURE_LABELS[key]} (${frenchDay(d.startDate)}) : ${monthlyText(monthlyOf(d.result))} — voir le calcul`,
    d.result.explanation,
  );
})}
</section>`;
}

export function estimatePage(options: {
  projection: ProjectionResult;
  actingFor: string | null;
  globalEstimate: boolean;
}): Html {
  const { projection } = options;
  return html`<h1>${options.actingFor ? `Estimation de la retraite de ${options.actingFor}` : "Estimer ma retraite"}</h1>
<p class="fr-text--lead">Votre retraite de base du régime général, calculée à partir de votre carrière enregistrée, selon cinq hypothèses de fin de carrière et trois dates de départ. Les montants sont bruts, en euros d'aujourd'hui.</p>
<div class="fr-notice fr-notice--info fr-mb-4w"><div class="fr-container"><div class="fr-notice__body"><p class="fr-notice__title">Il s'agit d'une estimation : le montant définitif est calculé lors de votre demande de retraite.</p></div></div></div>
<h2>Le montant selon l'âge de départ</h2>
<figure class="fr-content-media" role="group" aria-label="Graphique et tableau des montants">
${estimateChart(chartGeometry(projection))}
<figcaption class="fr-content-media__caption">Chaque point du graphique est un montant du tableau ci-dessous.</figcaption>
</figure>
${estimateTable(projection)}
<h2 class="fr-mt-6w">Le détail de chaque montant</h2>
<p>Ouvrez un montant pour voir chaque étape du calcul et la règle de droit appliquée.</p>
${projection.hypotheses.map(hypothesisDetails)}
${
  options.globalEstimate
    ? html`<h2 class="fr-mt-6w">Votre estimation indicative globale</h2>
<p><a class="fr-link fr-icon-download-line fr-link--icon-left" href="/espace/eig.pdf" download>Télécharger mon estimation indicative globale<span class="fr-link__detail">PDF</span></a></p>`
    : ""
}
${ratingLink("pensionEstimate")}
${backToSpace()}`;
}

/** Shown to people the estimate is not offered to (under 45, or already retired). */
export function estimateNotOfferedPage(retiree: boolean): Html {
  return html`<h1>Estimer ma retraite</h1>
<p class="fr-text--lead">${
    retiree
      ? "Votre retraite est déjà en paiement : son montant figure dans vos paiements."
      : "L'estimation du montant de la retraite est proposée à partir de 45 ans, quand elle devient assez fiable. Vous pouvez déjà connaître votre âge de départ."
  }</p>
<p><a class="fr-link" href="${retiree ? "/espace" : "/espace/age-de-depart"}">${retiree ? "Retour à mon espace" : "Connaître mon âge de départ"}</a></p>`;
}
