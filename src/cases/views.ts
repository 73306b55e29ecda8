import { documentLink, type StoredDocument, uploadField } from "../documents/index.ts";
import { alert, dataTable, errorSummary, postForm } from "../platform/dsfr/index.ts";
import { type Html, type HtmlValue, html } from "../platform/html.ts";
import {
  type CaseDetail,
  type CaseEvent,
  type CaseSummary,
  fromInsuredSide,
  isOpen,
  MESSAGE_MAX_LENGTH,
  PROCEDURE_LABELS,
  PROOF_COMMENT_MAX_LENGTH,
  type ProofRequest,
  PUBLIC_STEPS,
  type PublicStep,
  publicStepsOf,
  STATE_LABELS,
  STEP_OF_STATE,
  type TimelineEntry,
} from "./model.ts";

export const CASES_PATH = "/espace/dossiers";
export const casePagePath = (reference: string) => `${CASES_PATH}/${reference}`;
export const proofAnswerPath = (reference: string, eventId: number) =>
  `${CASES_PATH}/${reference}/justificatifs/${eventId}`;
export const messagePath = (reference: string) => `${CASES_PATH}/${reference}/messages`;
export const decisionLetterPath = (reference: string) => `${CASES_PATH}/${reference}/decision.pdf`;

/** Form input names, in French as the person sees them. */
export const PROOF_INPUTS = { file: "justificatif", comment: "commentaire" } as const;
export const MESSAGE_INPUTS = { body: "message", files: "pieces-jointes" } as const;

const PARIS_DAY = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", dateStyle: "long" });
const PARIS_TIME = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", timeStyle: "short" });

function day(at: Date): string {
  return PARIS_DAY.format(at);
}

function moment(at: Date): string {
  return `${PARIS_DAY.format(at)} à ${PARIS_TIME.format(at)}`;
}

function longDay(iso: string): string {
  return PARIS_DAY.format(new Date(`${iso}T12:00:00Z`));
}

function stepTitle(summary: Pick<CaseSummary, "state">): string {
  return PUBLIC_STEPS.find((step) => step.key === STEP_OF_STATE[summary.state])?.title ?? "";
}

/** The date the person watches: when the decision is due, or what happened last. */
function nextDate(summary: CaseSummary): string {
  if (isOpen(summary.state)) return `Décision attendue au plus tard le ${longDay(summary.targetDate)}`;
  return STATE_LABELS[summary.state];
}

export function casesPage(cases: readonly CaseSummary[]): Html {
  return html`<h1>Mes dossiers</h1>
${
  cases.length === 0
    ? html`<p>Vous n'avez aucun dossier pour le moment. Une demande déposée en ligne (retraite, réversion, Aspa, correction de carrière) apparaît ici dès sa réception, avec chaque étape de son traitement.</p>`
    : dataTable(
        cases.length === 1 ? "Votre dossier" : `Vos ${cases.length} dossiers`,
        ["Référence", "Demande", "Reçue le", "Étape", "Prochaine date"],
        cases.map((summary) => [
          html`<a href="${casePagePath(summary.reference)}">${summary.reference}</a>`,
          PROCEDURE_LABELS[summary.procedure],
          day(summary.receivedAt),
          stepTitle(summary),
          nextDate(summary),
        ]),
      )
}
<p class="fr-mt-4w"><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/espace">Retour à mon espace</a></p>`;
}

/** What a refused form of the page carries back: the message next to the input, what was typed. */
export type PageForm =
  | {
      readonly kind: "proof";
      readonly eventId: number;
      readonly comment: string;
      readonly errors: { file?: string; comment?: string };
    }
  | { readonly kind: "message"; readonly body: string; readonly errors: { body?: string; files?: string } };

export interface CasePageOptions {
  readonly detail: CaseDetail;
  readonly documents: ReadonlyMap<string, StoredDocument>;
  readonly csrfToken: string;
  readonly sent?: "justificatif" | "message" | undefined;
  readonly form?: PageForm | undefined;
}

function stepItem(step: PublicStep): Html {
  const state =
    step.status === "done"
      ? "Étape franchie"
      : step.status === "current"
        ? "Étape en cours"
        : step.status === "none"
          ? "Sans objet"
          : "À venir";
  return html`<li${step.status === "current" ? html` aria-current="step"` : ""}>
  <p class="fr-mb-0"><strong>${step.number}. ${step.title}</strong> — ${state}${step.reachedAt ? ` depuis le ${day(step.reachedAt)}` : ""}</p>
  ${step.detail ? html`<p class="fr-text--sm fr-mb-1w">${step.detail}</p>` : ""}
</li>`;
}

function stepper(detail: CaseDetail): Html {
  const tracking = publicStepsOf(detail);
  const next = tracking.steps.find((step) => step.number === tracking.current.number + 1);
  return html`<div class="fr-stepper">
  <h2 class="fr-stepper__title">${tracking.current.title}<span class="fr-stepper__state">Étape ${tracking.current.number} sur ${PUBLIC_STEPS.length}</span></h2>
  <div class="fr-stepper__steps" data-fr-current-step="${tracking.current.number}" data-fr-steps="${PUBLIC_STEPS.length}"></div>
  ${next && next.status !== "none" ? html`<p class="fr-stepper__details"><span class="fr-text--bold">Étape suivante :</span> ${next.title}</p>` : ""}
</div>
<ol class="fr-mb-4w">${tracking.steps.map(stepItem)}</ol>`;
}

function deadline(detail: CaseDetail): HtmlValue {
  if (!isOpen(detail.state)) return "";
  const { calendarDays, workingDays } = detail.remaining;
  const left =
    calendarDays >= 0
      ? `dans ${calendarDays} jour${calendarDays > 1 ? "s" : ""}, soit ${workingDays} jour${workingDays > 1 ? "s" : ""} ouvré${workingDays > 1 ? "s" : ""}`
      : `le délai est dépassé de ${-calendarDays} jour${calendarDays < -1 ? "s" : ""}`;
  return html`<h2 class="fr-mt-4w">Délai de traitement</h2>
<p>Nous nous engageons à vous notifier notre décision au plus tard le <strong>${longDay(detail.targetDate)}</strong> (${left}).</p>
${
  detail.deadline.rule === "beforeStartDate" && detail.claimedStartDate
    ? html`<p class="fr-text--sm">Votre demande complète a été déposée plus de 4 mois avant la date de départ souhaitée (${longDay(detail.claimedStartDate)}) : la décision vous est notifiée avant cette date.</p>`
    : ""
}
${
  detail.state === "awaiting_proofs"
    ? html`<p class="fr-text--sm">Ce délai est suspendu tant que nous attendons vos justificatifs${detail.pausedDays > 0 ? ` (${detail.pausedDays} jour${detail.pausedDays > 1 ? "s" : ""} jusqu'ici)` : ""} : il reprend dès leur réception.</p>`
    : detail.pausedDays > 0
      ? html`<p class="fr-text--sm">Il tient compte des ${detail.pausedDays} jour${detail.pausedDays > 1 ? "s" : ""} passés à attendre des justificatifs.</p>`
      : ""
}`;
}

/** A DSFR text area: label tied to it, the error linked by aria-describedby, the typed text kept. */
function textArea(field: {
  name: string;
  label: string;
  hint: string;
  value: string;
  error: string | undefined;
  rows: number;
  maxlength: number;
}): Html {
  return html`<div class="fr-input-group${field.error ? " fr-input-group--error" : ""}">
  <label class="fr-label" for="${field.name}">${field.label}<span class="fr-hint-text">${field.hint}</span></label>
  <textarea class="fr-input${field.error ? " fr-input--error" : ""}" id="${field.name}" name="${field.name}" rows="${field.rows}" maxlength="${field.maxlength}"${
    field.error ? html` aria-describedby="${field.name}-error" aria-invalid="true"` : ""
  }>${field.value}</textarea>
  ${field.error ? html`<p id="${field.name}-error" class="fr-error-text">${field.error}</p>` : ""}
</div>`;
}

function proofForm(
  detail: CaseDetail,
  request: ProofRequest,
  csrfToken: string,
  form: PageForm | undefined,
): Html {
  const refused = form?.kind === "proof" && form.eventId === request.eventId ? form : undefined;
  const fileId = `${PROOF_INPUTS.file}-${request.eventId}`;
  const commentId = `${PROOF_INPUTS.comment}-${request.eventId}`;
  return html`<div class="fr-card fr-card--no-arrow fr-mb-3w"><div class="fr-card__body"><div class="fr-card__content">
  <h3 class="fr-card__title">${request.proofLabel}</h3>
  <p class="fr-card__desc">${request.reason}</p>
  <p class="fr-card__detail fr-mb-2w">Demandé le ${day(request.requestedAt)}</p>
  ${postForm(
    proofAnswerPath(detail.reference, request.eventId),
    csrfToken,
    html`${uploadField({
      name: fileId,
      label: "Le justificatif",
      hint: "Un ou plusieurs fichiers.",
      multiple: true,
      error: refused?.errors.file,
    })}
${textArea({
  name: commentId,
  label: "Commentaire (facultatif)",
  hint: `${PROOF_COMMENT_MAX_LENGTH} caractères au plus.`,
  value: refused?.comment ?? "",
  error: refused?.errors.comment,
  rows: 3,
  maxlength: PROOF_COMMENT_MAX_LENGTH,
})}
<button class="fr-btn" type="submit">Envoyer ce justificatif</button>`,
    html` enctype="multipart/form-data"`,
  )}
</div></div></div>`;
}

function expected(detail: CaseDetail, csrfToken: string, form: PageForm | undefined): Html {
  return html`<h2 class="fr-mt-4w" id="attendu">Ce qui est attendu de vous</h2>
${
  detail.openProofRequests.length === 0
    ? html`<p>Rien pour le moment. Si nous avons besoin d'un document, nous vous l'écrirons par courriel et il apparaîtra ici.</p>`
    : detail.openProofRequests.map((request) => proofForm(detail, request, csrfToken, form))
}`;
}

function authorLabel(event: Pick<CaseEvent, "author">): string {
  switch (event.author.kind) {
    case "insured":
      return "Vous";
    case "representative":
      return "Votre représentant";
    case "staff":
      return "Votre conseiller retraite";
    case "system":
      return "L'Assurance retraite";
  }
}

function attachments(ids: readonly string[], documents: ReadonlyMap<string, StoredDocument>): HtmlValue {
  const found = ids.map((id) => documents.get(id)).filter((d): d is StoredDocument => d !== undefined);
  if (found.length === 0) return "";
  return html`<ul class="fr-mb-1w">${found.map((document) => html`<li>${documentLink(document, `/espace/documents/${document.id}`)}</li>`)}</ul>`;
}

function thread(options: CasePageOptions): Html {
  const { detail, documents, csrfToken, form } = options;
  const messages = detail.events.filter((event) => event.kind === "message");
  const refused = form?.kind === "message" ? form : undefined;
  return html`<h2 class="fr-mt-4w" id="messages">Messages</h2>
${
  messages.length === 0
    ? html`<p>Aucun message sur ce dossier.</p>`
    : html`<ul class="fr-raw-list">${messages.map(
        (message) => html`<li class="fr-mb-3w">
  <p class="fr-mb-0"><strong>${authorLabel(message)}</strong>, le ${moment(message.at)}${
    fromInsuredSide(message.author)
      ? message.readAt
        ? ` — Lu le ${day(message.readAt)}`
        : " — Pas encore lu"
      : ""
  }</p>
  <p class="fr-mb-1w">${message.body}</p>
  ${attachments(message.documentIds, documents)}
</li>`,
      )}</ul>`
}
<h3 class="fr-mt-3w">Écrire à votre conseiller</h3>
${refused ? errorSummary({ [MESSAGE_INPUTS.body]: refused.errors.body, [MESSAGE_INPUTS.files]: refused.errors.files }) : ""}
${postForm(
  messagePath(detail.reference),
  csrfToken,
  html`${textArea({
    name: MESSAGE_INPUTS.body,
    label: "Votre message",
    hint: `${MESSAGE_MAX_LENGTH.toLocaleString("fr-FR")} caractères au plus.`,
    value: refused?.body ?? "",
    error: refused?.errors.body,
    rows: 5,
    maxlength: MESSAGE_MAX_LENGTH,
  })}
${uploadField({
  name: MESSAGE_INPUTS.files,
  label: "Pièces jointes (facultatif)",
  multiple: true,
  error: refused?.errors.files,
})}
<button class="fr-btn" type="submit">Envoyer le message</button>`,
  html` enctype="multipart/form-data"`,
)}`;
}

/** What a timeline entry says to the person; staff-only alerts are not shown. */
function timelineText(entry: TimelineEntry): string | undefined {
  if (entry.type === "transition")
    return entry.from === null
      ? "Demande reçue."
      : `Nouvelle étape : ${STATE_LABELS[entry.to].toLowerCase()}.`;
  switch (entry.kind) {
    case "message":
      return fromInsuredSide(entry.author)
        ? `Message envoyé : ${entry.body}`
        : `Message de ${authorLabel(entry)
            .replace(/^L'/, "l'")
            .replace(/^Votre/, "votre")} : ${entry.body}`;
    case "proof_request":
      return `Justificatif demandé : ${entry.proofLabel ? `${entry.proofLabel} — ` : ""}${entry.body}`;
    case "proof_answer":
      return `Justificatif envoyé${entry.body ? ` : ${entry.body}` : "."}`;
    case "reassurance":
    case "decision":
    case "payment_scheduled":
      return entry.body;
    case "stall_alert":
      return undefined;
  }
}

function timeline(detail: CaseDetail, documents: ReadonlyMap<string, StoredDocument>): Html {
  const shown = detail.timeline
    .map((entry) => ({ entry, text: timelineText(entry) }))
    .filter((item): item is { entry: TimelineEntry; text: string } => item.text !== undefined);
  return html`<h2 class="fr-mt-4w" id="historique">Historique du dossier</h2>
<ul class="fr-raw-list">${shown.map(
    ({ entry, text }) => html`<li class="fr-mb-2w">
  <p class="fr-mb-0 fr-text--sm"><strong>${moment(entry.at)}</strong></p>
  <p class="fr-mb-0">${text}</p>
  ${entry.type === "event" ? attachments(entry.documentIds, documents) : ""}
</li>`,
  )}</ul>`;
}

export function casePage(options: CasePageOptions): Html {
  const { detail } = options;
  const decided = detail.decidedAt !== null && !isOpen(detail.state);
  return html`<nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
  <ol class="fr-breadcrumb__list">
    <li><a class="fr-breadcrumb__link" href="/espace">Mon espace</a></li>
    <li><a class="fr-breadcrumb__link" href="${CASES_PATH}">Mes dossiers</a></li>
    <li><a class="fr-breadcrumb__link" aria-current="page">${detail.reference}</a></li>
  </ol>
</nav>
<h1>${PROCEDURE_LABELS[detail.procedure]}</h1>
<p class="fr-text--lead">Dossier ${detail.reference}, reçu le ${day(detail.receivedAt)}.</p>
${
  options.sent === "justificatif"
    ? alert(
        "success",
        "Votre justificatif est envoyé",
        html`<p>Il est joint à votre dossier ; votre conseiller en est informé.</p>`,
      )
    : options.sent === "message"
      ? alert(
          "success",
          "Votre message est envoyé",
          html`<p>Votre conseiller vous répondra ici ; vous serez prévenu par courriel.</p>`,
        )
      : ""
}
${stepper(detail)}
${decided ? html`<p><a class="fr-link fr-link--download" href="${decisionLetterPath(detail.reference)}">Lettre de décision<span class="fr-link__detail">PDF</span></a></p>` : ""}
${detail.firstPaymentOn ? html`<p>Premier paiement le <strong>${longDay(detail.firstPaymentOn)}</strong>.</p>` : ""}
${deadline(detail)}
${expected(detail, options.csrfToken, options.form)}
${thread(options)}
${timeline(detail, options.documents)}
<p class="fr-mt-4w"><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="${CASES_PATH}">Tous mes dossiers</a></p>`;
}
