import { PUBLIC_STEPS } from "../cases/index.ts";
import { documentLink, type StoredDocument, uploadField } from "../documents/index.ts";
import { alert, errorSummary, inputField, postForm } from "../platform/dsfr/index.ts";
import { CONTACT } from "../platform/format.ts";
import { type Html, type HtmlValue, html } from "../platform/html.ts";
import { frenchDayOf } from "../rules/index.ts";
import { PROCEDURES, procedurePath } from "./definitions/index.ts";
import {
  type Answers,
  type AttachedProofs,
  type FieldQuestion,
  fieldValue,
  type GroupQuestion,
  type GroupRow,
  groupInputName,
  groupRows,
  type ProcedureDefinition,
  type ProofRequirement,
  type Question,
  type Remaining,
  receivedDate,
  type Situation,
  type Step,
  type StepEntry,
  type StepPanel,
  visibleQuestions,
} from "./model.ts";

export const ACTION_NEXT = "suivant";
export const ACTION_BACK = "precedent";
export const ACTION_SAVE = "quitter";
export const ACTION_ADD_ROW = "ajouter";
export const ACTION_UPLOAD = "joindre";
export const REMOVE_DOCUMENT = "retirer";

export function stepPath(procedure: ProcedureDefinition, entry: StepEntry): string {
  return `${procedurePath(procedure)}/${entry.id}`;
}

export function proofInputName(code: string): string {
  return `preuve-${code}`;
}

// ------------------------------------------------------------------ fields

function hint(text: string | undefined): HtmlValue {
  return text && html`<span class="fr-hint-text">${text}</span>`;
}

function errorOf(name: string, error: string | undefined): HtmlValue {
  return error && html`<p id="${name}-error" class="fr-error-text">${error}</p>`;
}

function radios(
  name: string,
  question: FieldQuestion,
  value: string,
  error: string | undefined,
  options: readonly { value: string; label: string }[],
  inline: boolean,
): Html {
  return html`<fieldset class="fr-fieldset${error ? " fr-fieldset--error" : ""}" id="${name}" aria-labelledby="${name}-legend${error ? ` ${name}-error` : ""}">
  <legend class="fr-fieldset__legend--regular fr-fieldset__legend" id="${name}-legend">${question.label}${hint(question.hint)}</legend>
  ${options.map(
    (option) => html`<div class="fr-fieldset__element${inline ? " fr-fieldset__element--inline" : ""}">
    <div class="fr-radio-group">
      <input type="radio" id="${name}-${option.value}" name="${name}" value="${option.value}"${option.value === value ? html` checked` : ""}>
      <label class="fr-label" for="${name}-${option.value}">${option.label}</label>
    </div>
  </div>`,
  )}
  <div class="fr-messages-group" aria-live="polite">${errorOf(name, error)}</div>
</fieldset>`;
}

const YES_NO = [
  { value: "oui", label: "Oui" },
  { value: "non", label: "Non" },
];

function field(question: FieldQuestion, name: string, value: string, error: string | undefined): Html {
  switch (question.type) {
    case "yesno":
      return radios(name, question, value, error, YES_NO, true);
    case "choice":
      return radios(name, question, value, error, question.options ?? [], false);
    case "textarea":
      return html`<div class="fr-input-group${error ? " fr-input-group--error" : ""}">
  <label class="fr-label" for="${name}">${question.label}${hint(question.hint)}</label>
  <textarea class="fr-input${error ? " fr-input--error" : ""}" id="${name}" name="${name}" rows="4"${
    question.maxLength ? html` maxlength="${question.maxLength}"` : ""
  }${error ? html` aria-describedby="${name}-error" aria-invalid="true"` : ""}>${value}</textarea>
  ${errorOf(name, error)}
</div>`;
    default:
      return inputField({
        name,
        label: question.label,
        value,
        error,
        ...(question.hint ? { hint: question.hint } : {}),
        ...(question.type === "amount" || question.type === "integer"
          ? { inputmode: "numeric" as const }
          : {}),
        ...(question.maxLength ? { maxlength: question.maxLength } : {}),
      });
  }
}

function group(question: GroupQuestion, rows: readonly GroupRow[], errors: Record<string, string>): Html {
  const shown = [...rows, {}];
  return html`<fieldset class="fr-fieldset" id="${question.id}" aria-labelledby="${question.id}-legend">
  <legend class="fr-fieldset__legend" id="${question.id}-legend">${question.label}<span class="fr-hint-text">Une ligne par ${question.itemLabel.replace(/^Une? /, "").toLowerCase()}. Pour en retirer une, effacez ce qu'elle contient.</span></legend>
  <input type="hidden" name="${question.id}-lignes" value="${shown.length}">
  ${shown.map(
    (row: GroupRow, index) => html`<div class="fr-fieldset__element">
    <fieldset class="fr-fieldset fr-mb-2w" aria-labelledby="${question.id}-${index}-legend">
      <legend class="fr-fieldset__legend fr-text--md" id="${question.id}-${index}-legend">${question.itemLabel} (${index < rows.length ? `n° ${index + 1}` : "à ajouter si besoin"})</legend>
      ${question.fields.map((sub) => {
        const name = groupInputName(question.id, index, sub.id);
        return html`<div class="fr-fieldset__element">${field(sub, name, row[sub.id] ?? "", errors[name])}</div>`;
      })}
    </fieldset>
  </div>`,
  )}
  <div class="fr-fieldset__element">
    <button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit" name="action" value="${ACTION_ADD_ROW}">Enregistrer et ajouter une ligne</button>
  </div>
</fieldset>`;
}

export function questionField(
  question: Question,
  answers: Answers,
  situation: Situation,
  errors: Record<string, string>,
): Html {
  if (question.type === "group") return group(question, groupRows(question, answers, situation), errors);
  return field(question, question.id, fieldValue(question, answers, situation), errors[question.id]);
}

// ------------------------------------------------------------------ panels (what Parcours knows)

function callout(title: string, body: HtmlValue): Html {
  return html`<div class="fr-callout fr-mb-4w">
  <h3 class="fr-callout__title">${title}</h3>
  ${body}
</div>`;
}

function panel(kind: StepPanel, situation: Situation): HtmlValue {
  switch (kind) {
    case "startDates": {
      const dates = situation.startDates;
      if (!dates)
        return callout(
          "Vos dates de départ",
          html`<p class="fr-callout__text">Nous ne pouvons pas calculer vos dates de départ en ligne : indiquez la date souhaitée, votre caisse la vérifiera.</p>`,
        );
      return callout(
        "Vos dates de départ, calculées sur votre carrière",
        html`<ul class="fr-callout__text">
  <li>Âge légal : départ possible à partir du <strong>${frenchDayOf(dates.legal)}</strong>.</li>
  <li>Taux plein au plus tôt, si vous travaillez jusqu'au départ : <strong>${frenchDayOf(dates.earliestFullRate)}</strong> (${dates.requiredQuarters} trimestres exigés pour votre génération).</li>
  <li>Taux plein quel que soit votre nombre de trimestres : <strong>${frenchDayOf(dates.fullRateAge)}</strong>.</li>
  <li>${dates.longCareer ? html`Carrière longue : vous pouvez partir dès le <strong>${frenchDayOf(dates.longCareer)}</strong>.` : dates.longCareerReason}</li>
</ul>
<p class="fr-callout__text fr-text--sm">Partir avant le taux plein réduit votre retraite (décote). <a href="/espace/estimation">Comparer les montants</a></p>`,
      );
    }
    case "career":
      return callout(
        "Votre relevé de carrière",
        html`<p class="fr-callout__text">${
          situation.career.firstYear === null
            ? "Votre relevé de carrière ne contient aucune année."
            : `${situation.career.totalQuarters} trimestres de ${situation.career.firstYear} à ${situation.career.lastYear}, trimestres pour enfants compris.`
        }${
          situation.career.checks > 0
            ? ` Nos vérifications signalent ${situation.career.checks} point${situation.career.checks > 1 ? "s" : ""} à vérifier.`
            : ""
        }</p>
<p class="fr-callout__text"><a href="/espace/carriere">Consulter mon relevé de carrière</a> (nouvelle page) · <a href="${procedurePath(PROCEDURES.careerCorrection)}">Signaler une erreur : demander une correction de carrière</a></p>`,
      );
    case "knownFamily":
      return situation.children.length === 0 && !situation.partner
        ? ""
        : callout(
            "Ce que nous savons de votre famille",
            html`<p class="fr-callout__text">${
              situation.children.length > 0
                ? `Enfants : ${situation.children.map((c) => `${c.firstName} (né(e) le ${frenchDayOf(c.birthDate)})`).join(", ")}. `
                : ""
            }${situation.partner ? `Conjoint : ${situation.partner.name}.` : ""} Les réponses sont pré-remplies avec ces informations : corrigez-les si elles sont inexactes.</p>`,
          );
    case "knownBank":
      return callout(
        "Votre compte bancaire",
        html`<p class="fr-callout__text">${
          situation.bankAccount
            ? "Nous avons pré-rempli le compte sur lequel nous vous payons aujourd'hui. Si vous en changez, un RIB vous sera demandé."
            : "Nous ne connaissons pas de compte à votre nom : un RIB vous sera demandé."
        }</p>`,
      );
    case "deceased":
      return situation.deceasedSpouse
        ? callout(
            "Ce que nous savons",
            html`<p class="fr-callout__text">Nous avons pré-rempli ce que nous savons de ${situation.deceasedSpouse.name}. Vérifiez et corrigez si besoin.</p>`,
          )
        : "";
  }
}

// ------------------------------------------------------------------ page parts

/** The DSFR step indicator: where the person is, out of how many, and what comes next. */
export function stepper(steps: readonly StepEntry[], position: number): Html {
  const current = steps[position] as StepEntry;
  const next = steps[position + 1];
  return html`<div class="fr-stepper">
  <h2 class="fr-stepper__title">${current.title}<span class="fr-stepper__state">Étape ${position + 1} sur ${steps.length}</span></h2>
  <div class="fr-stepper__steps" data-fr-current-step="${position + 1}" data-fr-steps="${steps.length}"></div>
  ${next ? html`<p class="fr-stepper__details"><span class="fr-text--bold">Étape suivante :</span> ${next.title}</p>` : ""}
</div>`;
}

/** Every step as a link, with its state: going back (or ahead) without losing anything. */
function summaryNav(
  procedure: ProcedureDefinition,
  steps: readonly StepEntry[],
  position: number,
  remaining: Remaining,
): Html {
  const todo = new Set(remaining.steps.map((step) => step.index));
  return html`<nav class="fr-mb-4w" aria-label="Étapes de la demande">
  <details>
    <summary>Toutes les étapes et ce qu'il reste à faire</summary>
    <ol class="fr-mt-2w">
      ${steps.map((entry, index) => {
        const state =
          entry.kind === "proofs"
            ? remaining.proofs.length > 0
              ? `${remaining.proofs.length} justificatif${remaining.proofs.length > 1 ? "s" : ""} à joindre`
              : "complète"
            : entry.kind === "review"
              ? "à faire en dernier"
              : todo.has(entry.index)
                ? "à compléter"
                : "complète";
        return html`<li>${
          index === position
            ? html`<strong aria-current="step">${entry.title}</strong>`
            : html`<a href="${stepPath(procedure, entry)}">${entry.title}</a>`
        } — ${state}</li>`;
      })}
    </ol>
  </details>
</nav>`;
}

function navigationButtons(first: boolean, last: boolean): Html {
  // "Continuer" comes first: Enter in a field submits with the form's first button.
  return html`<ul class="fr-btns-group fr-btns-group--inline-md fr-mt-4w">
  ${last ? "" : html`<li><button class="fr-btn" type="submit" name="action" value="${ACTION_NEXT}">Continuer</button></li>`}
  ${first ? "" : html`<li><button class="fr-btn fr-btn--secondary" type="submit" name="action" value="${ACTION_BACK}">Étape précédente</button></li>`}
  <li><button class="fr-btn fr-btn--tertiary" type="submit" name="action" value="${ACTION_SAVE}">Enregistrer et reprendre plus tard</button></li>
</ul>`;
}

export interface WizardPage {
  readonly procedure: ProcedureDefinition;
  readonly steps: readonly StepEntry[];
  readonly position: number;
  readonly csrfToken: string;
  readonly remaining: Remaining;
  readonly errors: Record<string, string>;
  readonly actingFor: string | null;
}

function heading(page: WizardPage): Html {
  return html`<h1>${page.procedure.title}</h1>
${page.actingFor ? html`<p>Demande faite pour ${page.actingFor}.</p>` : ""}
${stepper(page.steps, page.position)}
${summaryNav(page.procedure, page.steps, page.position, page.remaining)}`;
}

/** A step of questions. */
/**
 * Enter in a field sends a form with its first submit button. This hidden first button makes that
 * "Continuer", even on a step whose repeated group puts "Enregistrer et ajouter une ligne" first;
 * hidden, it is no tab stop and nothing is read twice.
 */
const defaultAction = html`<button type="submit" name="action" value="${ACTION_NEXT}" hidden>Continuer</button>`;

export function questionsPage(page: WizardPage, step: Step, answers: Answers, situation: Situation): Html {
  const entry = page.steps[page.position] as StepEntry;
  return html`${heading(page)}
${errorSummary(page.errors)}
${step.intro ? html`<p>${step.intro}</p>` : ""}
${step.panel ? panel(step.panel, situation) : ""}
${postForm(
  stepPath(page.procedure, entry),
  page.csrfToken,
  html`${defaultAction}
${visibleQuestions(step, answers, situation).map((question) => questionField(question, answers, situation, page.errors))}
${navigationButtons(page.position === 0, false)}`,
)}`;
}

function attachedList(documents: readonly StoredDocument[], ids: readonly string[]): HtmlValue {
  const mine = documents.filter((document) => ids.includes(document.id));
  if (mine.length === 0) return "";
  return html`<ul class="fr-mb-2w">${mine.map(
    (document) => html`<li>${documentLink(document, `/espace/documents/${document.id}`)}
  <button class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" type="submit" name="${REMOVE_DOCUMENT}" value="${document.id}" aria-label="Retirer ${document.originalName}">Retirer</button></li>`,
  )}</ul>`;
}

/** The proofs this person must attach, each with its reason, what is attached and a file input. */
export function proofsPage(
  page: WizardPage,
  required: readonly ProofRequirement[],
  proofs: AttachedProofs,
  documents: readonly StoredDocument[],
): Html {
  const entry = page.steps[page.position] as StepEntry;
  return html`${heading(page)}
${errorSummary(page.errors)}
<p>Voici les justificatifs que votre situation demande, et pourquoi. Chaque fichier : PDF, JPEG ou PNG, 10 Mo au plus. Vous pouvez aussi envoyer votre demande sans eux et les joindre plus tard depuis le suivi de votre dossier ; elle ne sera étudiée qu'une fois complète.</p>
${postForm(
  stepPath(page.procedure, entry),
  page.csrfToken,
  html`${required.map((proof) => {
    const name = proofInputName(proof.code);
    return html`<section class="fr-mb-4w" aria-labelledby="${name}-titre">
  <h3 class="fr-h6" id="${name}-titre">${proof.label}</h3>
  <p class="fr-text--sm">${proof.reason}</p>
  ${attachedList(documents, proofs[proof.code] ?? [])}
  ${uploadField({ name, label: (proofs[proof.code] ?? []).length > 0 ? "Ajouter un autre fichier" : "Choisir un fichier", error: page.errors[name] })}
</section>`;
  })}
${
  required.length > 0
    ? html`<button class="fr-btn fr-btn--secondary" type="submit" name="action" value="${ACTION_UPLOAD}">Joindre les fichiers choisis</button>`
    : html`<p>Votre situation ne demande aucun justificatif.</p>`
}
${navigationButtons(false, false)}`,
  html` enctype="multipart/form-data"`,
)}`;
}

function answerText(question: Question, answers: Answers, situation: Situation): HtmlValue {
  if (question.type === "group") {
    const rows = groupRows(question, answers, situation).filter((row) =>
      Object.values(row).some((value) => value.trim() !== ""),
    );
    if (rows.length === 0) return "Aucun";
    return html`<ul>${rows.map(
      (row) =>
        html`<li>${question.fields
          .map((sub) => {
            const value = row[sub.id] ?? "";
            return sub.type === "yesno" ? `${sub.label} ${value}` : value;
          })
          .join(", ")}</li>`,
    )}</ul>`;
  }
  const value = fieldValue(question, answers, situation).trim();
  if (value === "") return html`<span class="fr-text--light">Non renseigné</span>`;
  if (question.type === "yesno") return value === "oui" ? "Oui" : value === "non" ? "Non" : value;
  if (question.type === "choice") return question.options?.find((o) => o.value === value)?.label ?? value;
  return value;
}

/** The last step: every answer with a way to change it, what is left, and the submit button. */
export function reviewPage(
  page: WizardPage,
  answers: Answers,
  situation: Situation,
  draftId: string,
  documents: readonly StoredDocument[],
): Html {
  const { procedure, remaining } = page;
  const blocking = remaining.steps.length > 0;
  return html`${heading(page)}
${
  blocking
    ? alert(
        "warning",
        "Votre demande n'est pas encore complète",
        html`<p>Complétez ces étapes avant de l'envoyer :</p><ul>${remaining.steps.map(
          (entry) => html`<li><a href="${stepPath(procedure, entry)}">${entry.title}</a></li>`,
        )}</ul>`,
      )
    : ""
}
${procedure.steps.map((step, index) => {
  const entry = page.steps.find((candidate) => candidate.index === index);
  if (!entry) return "";
  return html`<section class="fr-mb-4w" aria-labelledby="recap-${step.id}">
  <h3 class="fr-h6" id="recap-${step.id}">${step.title}</h3>
  <dl>${visibleQuestions(step, answers, situation).map(
    (question) =>
      html`<dt class="fr-text--bold">${question.label}</dt><dd>${answerText(question, answers, situation)}</dd>`,
  )}</dl>
  <a class="fr-link fr-icon-edit-line fr-link--icon-left" href="${stepPath(procedure, entry)}">Modifier « ${step.title} »</a>
</section>`;
})}
<section class="fr-mb-4w" aria-labelledby="recap-justificatifs">
  <h3 class="fr-h6" id="recap-justificatifs">Justificatifs</h3>
  ${documents.length > 0 ? html`<p>Joints : ${documents.map((document) => document.originalName).join(", ")}.</p>` : html`<p>Aucun justificatif joint.</p>`}
  ${
    remaining.proofs.length > 0
      ? html`<p>À joindre : ${remaining.proofs.map((proof) => proof.label).join(" ; ")}. Vous pouvez les envoyer plus tard depuis le suivi de votre dossier : l'étude commencera à leur réception.</p>`
      : ""
  }
</section>
${
  blocking
    ? ""
    : postForm(
        `${procedurePath(procedure)}/envoyer`,
        page.csrfToken,
        html`<input type="hidden" name="brouillon" value="${draftId}">
<p>En envoyant cette demande, vous certifiez que les informations données sont exactes.</p>
<ul class="fr-btns-group fr-btns-group--inline-md">
  <li><button class="fr-btn" type="submit">Envoyer ma demande</button></li>
  <li><a class="fr-btn fr-btn--secondary" href="${stepPath(procedure, page.steps[page.position - 1] as StepEntry)}">Étape précédente</a></li>
</ul>`,
      )
}
<p class="fr-mt-4w"><a class="fr-link" href="${procedurePath(procedure)}/abandonner">Abandonner ma demande</a></p>`;
}

/** The page before the first step: what the procedure is, how long, what to have at hand. */
export function startPage(options: {
  procedure: ProcedureDefinition;
  csrfToken: string;
  draft: { lastActivityAt: Date; remaining: Remaining; resumeHref: string } | null;
  likelyProofs: readonly ProofRequirement[];
  refusal: string | null;
}): Html {
  const { procedure, draft } = options;
  if (options.refusal)
    return html`<h1>${procedure.title}</h1>
${alert("info", "Vous ne pouvez pas encore faire cette demande", html`<p>${options.refusal}</p>`)}
<p>Un conseiller peut vous expliquer vos droits : appelez le ${CONTACT.line}.</p>
<p><a class="fr-link" href="/espace">Retour à mon espace</a></p>`;
  return html`<h1>${procedure.title}</h1>
<p class="fr-text--lead">${procedure.description}</p>
${
  draft
    ? html`${alert(
        "info",
        "Vous avez une demande en cours",
        html`<p>Enregistrée le ${draft.lastActivityAt.toLocaleDateString("fr-FR", { timeZone: "Europe/Paris", day: "numeric", month: "long", year: "numeric" })}. ${remainingLine(draft.remaining)}</p>`,
      )}
<ul class="fr-btns-group fr-btns-group--inline-md">
  <li><a class="fr-btn" href="${draft.resumeHref}">Reprendre ma demande</a></li>
  <li><a class="fr-btn fr-btn--tertiary" href="${procedurePath(procedure)}/abandonner">Abandonner ma demande</a></li>
</ul>`
    : html`<h2 class="fr-h5">Ce qu'il vous faudra</h2>
<ul>${options.likelyProofs.map((proof) => html`<li>${proof.label}</li>`)}</ul>
<p>D'autres justificatifs peuvent vous être demandés selon vos réponses. Vos réponses sont enregistrées à chaque étape : vous pouvez vous arrêter et reprendre plus tard.</p>
${postForm(procedurePath(procedure), options.csrfToken, html`<button class="fr-btn" type="submit">Commencer ma demande</button>`)}`
}`;
}

export function remainingLine(remaining: Remaining): string {
  const parts: string[] = [];
  if (remaining.steps.length > 0)
    parts.push(`étapes à compléter : ${remaining.steps.map((step) => step.title).join(", ")}`);
  if (remaining.proofs.length > 0)
    parts.push(`${remaining.proofs.length} justificatif${remaining.proofs.length > 1 ? "s" : ""} à joindre`);
  return parts.length === 0 ? "Elle est prête à être envoyée." : `Reste à faire : ${parts.join(" ; ")}.`;
}

export function notOfferedPage(procedure: ProcedureDefinition): Html {
  return html`<h1>${procedure.title}</h1>
${alert("info", "Cette démarche n'est pas proposée pour votre profil", html`<p>Pour toute question, appelez le ${CONTACT.line}.</p>`)}
<p><a class="fr-link" href="/espace">Retour à mon espace</a></p>`;
}

export function abandonPage(procedure: ProcedureDefinition, csrfToken: string, documents: number): Html {
  return html`<h1>Abandonner ${procedure.named}</h1>
${alert(
  "warning",
  "Votre demande et ses justificatifs seront supprimés",
  html`<p>Les réponses enregistrées${documents > 0 ? ` et les ${documents} fichier${documents > 1 ? "s" : ""} joint${documents > 1 ? "s" : ""}` : ""} seront effacés définitivement. Vous pourrez commencer une nouvelle demande plus tard.</p>`,
)}
${postForm(
  `${procedurePath(procedure)}/abandonner`,
  csrfToken,
  html`<ul class="fr-btns-group fr-btns-group--inline-md">
  <li><button class="fr-btn" type="submit">Oui, abandonner ma demande</button></li>
  <li><a class="fr-btn fr-btn--secondary" href="${procedurePath(procedure)}">Non, garder ma demande</a></li>
</ul>`,
)}`;
}

export interface Acknowledgement {
  readonly procedure: ProcedureDefinition;
  readonly reference: string;
  readonly receivedAt: Date;
  readonly complete: boolean;
  readonly missingProofs: readonly string[];
  readonly trackingHref: string;
  readonly pdfHref: string;
}

export function acknowledgementPage(ack: Acknowledgement): Html {
  return html`<h1>Demande envoyée</h1>
${alert(
  "success",
  `Nous avons bien reçu ${ack.procedure.named}`,
  html`<p>Référence <strong>${ack.reference}</strong>, reçue le ${receivedDate(ack.receivedAt)}. Un accusé de réception vous est aussi envoyé par courriel.</p>`,
)}
${
  ack.complete
    ? ""
    : alert(
        "warning",
        "Des justificatifs manquent encore",
        html`<p>Envoyez-les depuis le suivi de votre dossier : l'étude commencera à leur réception.</p><ul>${ack.missingProofs.map((label) => html`<li>${label}</li>`)}</ul>`,
      )
}
<h2 class="fr-h4">Et maintenant ?</h2>
<p>${ack.procedure.nextSteps}</p>
<h3 class="fr-h6">Les étapes de votre dossier</h3>
<ol>${PUBLIC_STEPS.map((step, index) => html`<li>${step.title}${index === 0 ? html` — <strong>fait le ${receivedDate(ack.receivedAt)}</strong>` : ""}</li>`)}</ol>
<ul class="fr-btns-group fr-btns-group--inline-md fr-mt-4w">
  <li><a class="fr-btn" href="${ack.trackingHref}">Suivre mon dossier</a></li>
  <li><a class="fr-btn fr-btn--secondary" href="${ack.pdfHref}">Télécharger l'accusé de réception (PDF)</a></li>
</ul>`;
}
