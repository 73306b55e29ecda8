import type { CareerYear } from "../career/index.ts";
import {
  type CaseActor,
  type CaseDetail,
  type CaseState,
  PROCEDURE_CODES,
  PROCEDURE_LABELS,
  STATE_LABELS,
  type TimelineEntry,
  TRANSITIONS,
} from "../cases/index.ts";
import { documentLink } from "../documents/index.ts";
import { formatNir } from "../identity/index.ts";
import { alert, dataTable, errorSummary, inputField, postForm, selectField } from "../platform/dsfr/index.ts";
import { type Html, type HtmlValue, html } from "../platform/html.ts";
import { euros } from "../platform/pdf.ts";
import { describeAnswers, PROCEDURES } from "../procedures/index.ts";
import { funds } from "../reference/index.ts";
import { frenchDayOf } from "../rules/index.ts";
import {
  ASPA_PAYMENT,
  amountText,
  type DecisionProblems,
  type DecisionValues,
  MANUAL_MOVES,
  OPEN_STATES,
  OTHER_PROOF,
  type ProofRequestProblems,
  type ProofRequestValues,
  paysPension,
  type QueueProblems,
  type QueueValues,
} from "./model.ts";
import { type CaseFile, engineAmount, fundName, type QueuePage } from "./service.ts";

export const QUEUE_PATH = "/agent/dossiers";
export const casePagePath = (id: number) => `${QUEUE_PATH}/${id}`;

function day(iso: string | null): string {
  return iso ? frenchDayOf(iso) : "";
}

const instant = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Paris",
});

function when(at: Date): string {
  return instant.format(at);
}

/** Why a case comes first: said in words, not only by its place in the list. */
function badges(summary: { priority: boolean; atRisk: boolean; stalled: boolean }): HtmlValue {
  const list: Html[] = [];
  if (summary.priority)
    list.push(html`<li><p class="fr-badge fr-badge--sm fr-badge--purple-glycine">Personne fragile</p></li>`);
  if (summary.stalled)
    list.push(
      html`<li><p class="fr-badge fr-badge--sm fr-badge--error">Sans activité depuis plus de 2 mois</p></li>`,
    );
  else if (summary.atRisk)
    list.push(
      html`<li><p class="fr-badge fr-badge--sm fr-badge--warning">Échéance proche ou dépassée</p></li>`,
    );
  return list.length ? html`<ul class="fr-badges-group">${list}</ul>` : "";
}

// ---------------------------------------------------------------- the queue

export function queuePageView(options: {
  readonly scope: string;
  readonly national: boolean;
  readonly values: QueueValues;
  readonly problems: QueueProblems;
  readonly page: QueuePage | undefined;
  readonly continued: boolean;
  readonly nextHref: string | null;
}): Html {
  const { values, problems, page } = options;
  return html`<h1>Dossiers à traiter</h1>
<p>${options.scope} Les dossiers des personnes fragiles viennent en premier, puis ceux dont l'échéance est la plus proche.</p>
${errorSummary({ demarche: problems.procedure, etat: problems.state, echeance: problems.dueBefore, attribution: problems.assigned, caisse: problems.fund })}
<form method="get" action="${QUEUE_PATH}" novalidate role="search" aria-label="Filtrer les dossiers">
  <div class="fr-grid-row fr-grid-row--gutters">
    <div class="fr-col-12 fr-col-md-4">${selectField({
      name: "demarche",
      label: "Démarche",
      value: values.procedure,
      error: problems.procedure,
      empty: "Toutes les démarches",
      options: PROCEDURE_CODES.map((code) => ({ value: code, label: PROCEDURE_LABELS[code] })),
    })}</div>
    <div class="fr-col-12 fr-col-md-4">${selectField({
      name: "etat",
      label: "État",
      value: values.state,
      error: problems.state,
      empty: "Tous les dossiers en cours",
      options: OPEN_STATES.map((state) => ({ value: state, label: STATE_LABELS[state] })),
    })}</div>
    <div class="fr-col-12 fr-col-md-4">${inputField({
      name: "echeance",
      label: "Échéance avant le",
      hint: "Au format JJ/MM/AAAA.",
      value: values.dueBefore,
      error: problems.dueBefore,
      autocomplete: "off",
    })}</div>
    <div class="fr-col-12 fr-col-md-4">${selectField({
      name: "attribution",
      label: "Attribué",
      value: values.assigned,
      error: problems.assigned,
      empty: "Peu importe",
      options: [
        { value: "moi", label: "À moi" },
        { value: "aucun", label: "À personne" },
      ],
    })}</div>
    ${
      options.national &&
      html`<div class="fr-col-12 fr-col-md-4">${selectField({
        name: "caisse",
        label: "Caisse",
        value: values.fund,
        error: problems.fund,
        empty: "Toutes les caisses",
        options: funds.map((fund) => ({ value: fund.code, label: fund.shortName })),
      })}</div>`
    }
  </div>
  <button class="fr-btn fr-mt-2w" type="submit">Filtrer</button>
</form>
${page && queueTable(page, options.continued, options.nextHref)}`;
}

function queueTable(page: QueuePage, continued: boolean, nextHref: string | null): Html {
  if (page.entries.length === 0)
    return html`<p class="fr-mt-4w" role="status">${continued ? "Il n'y a plus d'autre dossier." : "Aucun dossier en cours ne correspond à ces critères."}</p>`;
  return html`<h2 class="fr-mt-6w" id="resultats">${continued ? "Dossiers suivants" : "Dossiers"}</h2>
${dataTable(
  `${page.entries.length} dossier${page.entries.length > 1 ? "s" : ""} affiché${page.entries.length > 1 ? "s" : ""}${nextHref ? ", d'autres suivent" : ""}`,
  ["Dossier", "Personne", "Démarche", "État", "Échéance", "Attribué à", "Signalement"],
  page.entries.map(({ summary, personName, assignedName }) => [
    html`<a href="${casePagePath(summary.id)}">${summary.reference}</a>`,
    personName,
    PROCEDURE_LABELS[summary.procedure],
    STATE_LABELS[summary.state],
    day(summary.targetDate),
    assignedName ?? "Personne",
    badges(summary),
  ]),
  "file-dossiers",
)}
${nextHref && html`<p><a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="${nextHref}">Page suivante</a></p>`}`;
}

// ---------------------------------------------------------------- the case page

/** Forms of the case page, with what was typed and what is to fix. */
export interface CaseForms {
  readonly move?: {
    readonly to: string;
    readonly reason: string;
    readonly problems: { to?: string; reason?: string };
  };
  readonly proof?: { readonly values: ProofRequestValues; readonly problems: ProofRequestProblems };
  readonly message?: { readonly body: string; readonly problem?: string };
  readonly assign?: { readonly email: string; readonly problem?: string };
  readonly decision?: { readonly values: DecisionValues; readonly problems: DecisionProblems };
  readonly payment?: { readonly problem: string };
}

const DONE_MESSAGES: Readonly<Record<string, string>> = {
  attribution: "L'attribution du dossier est enregistrée.",
  etat: "Le changement d'état est enregistré.",
  justificatif: "La demande de justificatif est envoyée : la personne est prévenue et le délai est suspendu.",
  message: "Votre message est envoyé ; la personne est prévenue par courriel.",
  lu: "Les messages de la personne sont marqués comme lus.",
  decision: "La décision est enregistrée et la lettre de décision est disponible.",
  paiement: "Le premier paiement est programmé ; la personne le voit dans son espace.",
};

function actorName(actor: CaseActor, names: ReadonlyMap<number, string>, personName: string): string {
  switch (actor.kind) {
    case "insured":
      return personName;
    case "representative":
      return `Représentant de ${personName}`;
    case "staff":
      return (actor.id !== null && names.get(actor.id)) || "Agent";
    case "system":
      return "Parcours";
  }
}

const EVENT_TITLES = {
  message: "Message",
  proof_request: "Justificatif demandé",
  proof_answer: "Justificatif reçu",
  reassurance: "Message de réassurance",
  stall_alert: "Alerte : dossier sans activité",
  decision: "Décision",
  payment_scheduled: "Premier paiement programmé",
} as const;

function timelineItem(
  entry: TimelineEntry,
  file: CaseFile,
  names: ReadonlyMap<number, string>,
  personName: string,
): Html {
  if (entry.type === "transition")
    return html`<li class="fr-mb-2w"><p class="fr-mb-0"><strong>${
      entry.from ? `${STATE_LABELS[entry.from]} → ${STATE_LABELS[entry.to]}` : STATE_LABELS[entry.to]
    }</strong> — ${when(entry.at)}, ${actorName(entry.actor, names, personName)}</p>${
      entry.reason && html`<p class="fr-mb-0">Motif : ${entry.reason}</p>`
    }</li>`;
  const unread =
    entry.readAt === null && (entry.author.kind === "insured" || entry.author.kind === "representative");
  return html`<li class="fr-mb-2w"><p class="fr-mb-0"><strong>${EVENT_TITLES[entry.kind]}${entry.proofLabel ? ` : ${entry.proofLabel}` : ""}</strong> — ${when(entry.at)}, ${actorName(entry.author, names, personName)}${
    unread ? html` <span class="fr-badge fr-badge--sm fr-badge--new">Non lu</span>` : ""
  }</p>
<p class="fr-mb-0">${entry.body}</p>${
    entry.documentIds.length > 0 &&
    html`<ul>${entry.documentIds.map((id) => {
      const document = file.documents.get(id);
      return html`<li>${document ? documentLink(document, `/agent/documents/${id}`) : html`<a href="/agent/documents/${id}">Document joint</a>`}</li>`;
    })}</ul>`
  }</li>`;
}

/** The engine's result, whatever the procedure: the amount, its inputs, and the calculation step by step. */
function engineSection(file: CaseFile): Html {
  const { assessment } = file;
  if (assessment.kind === "unavailable")
    return html`<h2 id="calcul" class="fr-mt-6w">Calcul du moteur de règles</h2>
<div class="fr-callout"><p class="fr-callout__text">${assessment.why}</p></div>`;
  return html`<h2 id="calcul" class="fr-mt-6w">Calcul du moteur de règles au ${day(assessment.startDate)}</h2>
<div class="fr-callout">
  <h3 class="fr-callout__title">Montant calculé : ${euros(assessment.monthly)} brut par mois${
    assessment.eligible ? "" : " (rien n'est dû selon le moteur de règles)"
  }</h3>
  <p class="fr-callout__text">${assessment.summary}</p>
</div>
<h3 class="fr-h6">Le calcul, étape par étape</h3>
<ol>${assessment.explanation.map((step) => html`<li>${step.text} <span class="fr-hint-text">${step.reference}</span></li>`)}</ol>`;
}

function careerSection(file: CaseFile): Html {
  if (file.career.length === 0)
    return html`<h2 id="carriere" class="fr-mt-6w">Carrière</h2><p>Aucune année de carrière n'est enregistrée.</p>`;
  const first = file.career[0];
  const last = file.career.at(-1);
  const quartersOf = (year: CareerYear) => Object.values(year.quarters).reduce((sum, n) => sum + n, 0);
  const total = file.career.reduce((sum, year) => sum + quartersOf(year), 0);
  return html`<h2 id="carriere" class="fr-mt-6w">Carrière</h2>
<p>De ${first?.year} à ${last?.year} : ${total} trimestres reportés${file.childQuarters > 0 ? `, plus ${file.childQuarters} trimestres au titre des enfants` : ""}.</p>
<details><summary>Voir la carrière année par année</summary>
${dataTable(
  "Carrière année par année",
  ["Année", "Employeur", "Salaire", "Trimestres"],
  file.career.map((year) => [
    String(year.year),
    year.employer ?? "",
    euros(year.salary),
    String(quartersOf(year)),
  ]),
  "carriere-tableau",
)}
</details>`;
}

/** The answers as the person saw the questions, step by step (the procedure's own labels). */
function answersSection(detail: CaseDetail): Html {
  const lines = describeAnswers(detail.procedure, detail.answers);
  if (lines.length === 0) return html`<p>La demande ne contient pas de réponse.</p>`;
  const steps = [...new Set(lines.map((line) => line.step))];
  return html`${steps.map(
    (step) => html`<h3 class="fr-h6 fr-mt-3w">${step}</h3>
<dl>${lines
      .filter((line) => line.step === step)
      .map(
        (line) =>
          html`<div class="fr-mb-1w"><dt class="fr-text--bold fr-mb-0">${line.label}</dt><dd class="fr-ml-0">${line.value}</dd></div>`,
      )}</dl>`,
  )}`;
}

/**
 * The proofs of the case's procedure, or another named by the case worker: both fields are always there
 * (no script needed), the name read only when "Autre justificatif" is chosen.
 */
function proofRequestForm(file: CaseFile, csrfToken: string, form: CaseForms["proof"]): Html {
  const values = form?.values ?? { proof: "", otherLabel: "", reason: "" };
  const problems = form?.problems ?? {};
  return html`${form && errorSummary({ piece: problems.proof, "piece-autre": problems.otherLabel, "motif-piece": problems.reason })}
${postForm(
  `${casePagePath(file.detail.id)}/justificatif`,
  csrfToken,
  html`${selectField({
    name: "piece",
    label: "Justificatif demandé",
    hint: `Ceux que la démarche « ${PROCEDURE_LABELS[file.detail.procedure]} » peut demander, ou un autre.`,
    value: values.proof,
    error: problems.proof,
    empty: "Choisissez un justificatif",
    options: [
      ...PROCEDURES[file.detail.procedure].proofCatalogue.map((proof) => ({
        value: proof.code,
        label: proof.label,
      })),
      { value: OTHER_PROOF, label: "Autre justificatif" },
    ],
  })}
${inputField({ name: "piece-autre", label: "Nom de l'autre justificatif", hint: "Seulement si vous avez choisi « Autre justificatif » ; la personne lit ce nom. Par exemple : bulletins de salaire de 2019.", value: values.otherLabel, error: problems.otherLabel })}
${inputField({ name: "motif-piece", label: "Pourquoi ce justificatif est nécessaire", hint: "La personne lit ce motif ; le délai de traitement est suspendu jusqu'à sa réponse.", value: values.reason, error: problems.reason })}
<button class="fr-btn" type="submit">Demander le justificatif</button>`,
)}`;
}

function caseForms(file: CaseFile, csrfToken: string, forms: CaseForms, selfAssigned: boolean): Html {
  const { detail } = file;
  const path = casePagePath(detail.id);
  const moves = MANUAL_MOVES.filter((to) => (TRANSITIONS[detail.state] as readonly CaseState[]).includes(to));
  const open = OPEN_STATES.includes(detail.state);
  const computed = engineAmount(file.assessment);
  const decision = forms.decision?.values ?? {
    outcome: "",
    amount: computed === null ? "" : amountText(computed),
    reason: "",
  };
  const decisionProblems = forms.decision?.problems ?? {};
  return html`<h2 id="traitement" class="fr-mt-6w">Traiter le dossier</h2>
<h3 class="fr-h6" id="traiter-attribution">Attribution</h3>
<p>${file.assignedName ? `Attribué à ${file.assignedName}.` : "Ce dossier n'est attribué à personne."}</p>
${forms.assign && errorSummary({ agent: forms.assign.problem })}
${!selfAssigned && postForm(`${path}/attribution`, csrfToken, html`<input type="hidden" name="prendre" value="oui"><button class="fr-btn" type="submit">Je prends ce dossier</button>`)}
${postForm(
  `${path}/attribution`,
  csrfToken,
  html`${inputField({
    name: "agent",
    label: "Attribuer à un autre agent",
    hint: "Son adresse électronique professionnelle ; laissez vide pour remettre le dossier dans la file.",
    value: forms.assign?.email ?? "",
    error: forms.assign?.problem,
    type: "email",
    autocomplete: "off",
  })}<button class="fr-btn fr-btn--secondary" type="submit">Réattribuer</button>`,
  html` class="fr-mt-2w"`,
)}
${
  moves.length > 0 &&
  html`<h3 class="fr-h6 fr-mt-4w" id="traiter-etat">Faire avancer le dossier</h3>
${forms.move && errorSummary({ vers: forms.move.problems.to, "motif-etat": forms.move.problems.reason })}
${postForm(
  `${path}/etat`,
  csrfToken,
  html`${selectField({
    name: "vers",
    label: "Nouvel état",
    value: forms.move?.to ?? "",
    error: forms.move?.problems.to,
    options: moves.map((to) => ({ value: to, label: STATE_LABELS[to] })),
  })}
${inputField({ name: "motif-etat", label: "Motif", hint: "Il est conservé dans l'historique du dossier.", value: forms.move?.reason ?? "", error: forms.move?.problems.reason })}
<button class="fr-btn" type="submit">Changer l'état</button>`,
)}`
}
${
  open &&
  html`<h3 class="fr-h6 fr-mt-4w" id="traiter-justificatif">Demander un justificatif</h3>
${proofRequestForm(file, csrfToken, forms.proof)}`
}
<h3 class="fr-h6 fr-mt-4w" id="traiter-message">Écrire à la personne</h3>
${forms.message && errorSummary({ corps: forms.message.problem })}
${postForm(
  `${path}/message`,
  csrfToken,
  html`<div class="fr-input-group${forms.message?.problem ? " fr-input-group--error" : ""}">
  <label class="fr-label" for="corps">Message</label>
  <textarea class="fr-input${forms.message?.problem ? " fr-input--error" : ""}" id="corps" name="corps" rows="4"${forms.message?.problem ? html` aria-describedby="corps-error" aria-invalid="true"` : ""}>${forms.message?.body ?? ""}</textarea>
  ${forms.message?.problem && html`<p id="corps-error" class="fr-error-text">${forms.message.problem}</p>`}
</div>
<button class="fr-btn" type="submit">Envoyer le message</button>`,
)}
${postForm(`${path}/lu`, csrfToken, html`<button class="fr-btn fr-btn--tertiary fr-mt-2w" type="submit">Marquer les messages de la personne comme lus</button>`)}
${
  detail.state === "verified" &&
  html`<h3 class="fr-h6 fr-mt-4w" id="traiter-decision">Décider</h3>
${errorSummary({ decision: decisionProblems.outcome, montant: decisionProblems.amount, "motif-decision": decisionProblems.reason })}
${postForm(
  `${path}/decision`,
  csrfToken,
  html`<fieldset class="fr-fieldset${decisionProblems.outcome ? " fr-fieldset--error" : ""}" id="decision-choix"${decisionProblems.outcome ? html` aria-labelledby="decision-legende decision-error"` : html` aria-labelledby="decision-legende"`}>
  <legend class="fr-fieldset__legend" id="decision-legende">Décision</legend>
  ${(["granted", "refused"] as const).map(
    (outcome, i) => html`<div class="fr-fieldset__element"><div class="fr-radio-group">
    <input type="radio" id="${i === 0 ? "decision" : "decision-refus"}" name="decision" value="${outcome}"${decision.outcome === outcome ? html` checked` : ""}>
    <label class="fr-label" for="${i === 0 ? "decision" : "decision-refus"}">${outcome === "granted" ? "Accorder" : "Refuser"}</label>
  </div></div>`,
  )}
  ${decisionProblems.outcome && html`<p id="decision-error" class="fr-error-text">${decisionProblems.outcome}</p>`}
</fieldset>
${inputField({
  name: "montant",
  label: "Montant mensuel brut accordé, en euros",
  hint:
    computed === null
      ? "Le moteur de règles ne le calcule pas pour ce dossier : indiquez-le, avec la façon dont il a été établi."
      : `Montant calculé par le moteur de règles : ${amountText(computed)}. Un autre montant demande un motif, qui est tracé.`,
  value: decision.amount,
  error: decisionProblems.amount,
  inputmode: "numeric",
  autocomplete: "off",
})}
${inputField({
  name: "motif-decision",
  label: "Motif (refus, ou montant différent du calcul)",
  value: decision.reason,
  error: decisionProblems.reason,
})}
<button class="fr-btn" type="submit">Enregistrer la décision</button>`,
)}`
}
${
  detail.state === "granted" &&
  paysPension(detail.procedure) &&
  html`<h3 class="fr-h6 fr-mt-4w" id="traiter-paiement">Mettre en paiement</h3>
${forms.payment && alert("error", forms.payment.problem)}
<p>${detail.procedure === "survivorPension" ? "La pension de réversion accordée" : "La retraite accordée"} (${euros(detail.decidedAmount ?? 0)} brut par mois) est mise en paiement ; le premier paiement suit le calendrier de la caisse de la personne pour le mois ${detail.procedure === "survivorPension" ? "d'effet" : "de départ"}.</p>
${postForm(`${path}/paiement`, csrfToken, html`<button class="fr-btn" type="submit">Programmer le premier paiement</button>`)}`
}
${
  detail.state === "granted" &&
  detail.procedure === "aspa" &&
  html`<h3 class="fr-h6 fr-mt-4w" id="traiter-paiement">Mettre en paiement</h3>
<p>${ASPA_PAYMENT}</p>`
}`;
}

export function casePageView(options: {
  readonly file: CaseFile;
  readonly csrfToken: string;
  readonly forms: CaseForms;
  readonly done: string | undefined;
  readonly staffNames: ReadonlyMap<number, string>;
  readonly selfAssigned: boolean;
}): Html {
  const { file } = options;
  const { detail, insured } = file;
  const personName = `${insured.firstNames} ${insured.lastName.toUpperCase()}`;
  const done = options.done ? DONE_MESSAGES[options.done] : undefined;
  const decided = detail.decidedAt !== null;
  return html`<h1>Dossier ${detail.reference}</h1>
${done && html`<div class="fr-alert fr-alert--success fr-mb-3w" role="status"><p>${done}</p></div>`}
<p class="fr-text--lead">${PROCEDURE_LABELS[detail.procedure]} de ${personName} — ${STATE_LABELS[detail.state]}</p>
${badges(detail)}
<div class="fr-grid-row fr-grid-row--gutters">
  <div class="fr-col-12 fr-col-md-6">
    <h2 class="fr-h5">La personne</h2>
    <dl>
      <dt class="fr-text--bold">Nom</dt><dd class="fr-ml-0">${personName}</dd>
      <dt class="fr-text--bold">Né${insured.sex === "F" ? "e" : ""} le</dt><dd class="fr-ml-0">${day(insured.birthDate)}</dd>
      <dt class="fr-text--bold">Numéro de sécurité sociale</dt><dd class="fr-ml-0">${formatNir(insured.nir)}</dd>
      <dt class="fr-text--bold">Adresse</dt><dd class="fr-ml-0">${insured.address.line}, ${insured.address.postcode} ${insured.address.town}</dd>
    </dl>
  </div>
  <div class="fr-col-12 fr-col-md-6">
    <h2 class="fr-h5">Le dossier</h2>
    <dl>
      <dt class="fr-text--bold">Caisse</dt><dd class="fr-ml-0">${fundName(detail.fundCode)}</dd>
      <dt class="fr-text--bold">Reçu le</dt><dd class="fr-ml-0">${when(detail.receivedAt)}</dd>
      <dt class="fr-text--bold">Date de départ demandée</dt><dd class="fr-ml-0">${detail.claimedStartDate ? day(detail.claimedStartDate) : "Non indiquée"}</dd>
      <dt class="fr-text--bold">Échéance</dt><dd class="fr-ml-0">${day(detail.targetDate)} (${detail.remaining.calendarDays >= 0 ? `dans ${detail.remaining.calendarDays} jours, ${detail.remaining.workingDays} jours ouvrés` : `dépassée de ${-detail.remaining.calendarDays} jours`})${detail.pausedDays > 0 ? `, repoussée de ${detail.pausedDays} jours d'attente de justificatifs` : ""}</dd>
      <dt class="fr-text--bold">Demande complète au dépôt</dt><dd class="fr-ml-0">${detail.complete ? "Oui" : "Non"}</dd>
    </dl>
  </div>
</div>
${
  decided &&
  html`<div class="fr-callout fr-mt-4w" id="decision-prise">
  <h2 class="fr-callout__title">${detail.state === "refused" ? "Demande refusée" : "Demande accordée"} le ${when(detail.decidedAt as Date)}</h2>
  <p class="fr-callout__text">${
    detail.decidedAmount !== null
      ? `Montant décidé : ${euros(detail.decidedAmount)} brut par mois${detail.computedAmount !== null && detail.computedAmount !== detail.decidedAmount ? ` (calculé : ${euros(detail.computedAmount)} ; motif : ${detail.amountChangeReason ?? ""})` : ""}.`
      : ""
  }${detail.firstPaymentOn ? ` Premier paiement le ${day(detail.firstPaymentOn)}.` : ""}</p>
  <a class="fr-link fr-link--download" href="${casePagePath(detail.id)}/decision.pdf">Lettre de décision <span class="fr-link__detail">PDF</span></a>
</div>`
}
${
  detail.openProofRequests.length > 0 &&
  html`<h2 class="fr-mt-4w fr-h5">Justificatifs attendus</h2><ul>${detail.openProofRequests.map(
    (request) =>
      html`<li>${request.proofLabel} — ${request.reason} (demandé le ${when(request.requestedAt)})</li>`,
  )}</ul>`
}
${engineSection(file)}
${careerSection(file)}
<h2 id="reponses" class="fr-mt-6w">Réponses de la demande</h2>
${answersSection(detail)}
<h2 id="historique" class="fr-mt-6w">Historique et messages</h2>
<ol class="fr-raw-list">${detail.timeline.map((entry) => timelineItem(entry, file, options.staffNames, personName))}</ol>
${caseForms(file, options.csrfToken, options.forms, options.selfAssigned)}
<p class="fr-mt-6w"><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="${QUEUE_PATH}">Retour aux dossiers</a></p>`;
}
