/**
 * The procedure engine: a procedure is data (steps, questions with conditions and pre-fill, proof
 * rules); these pure functions say which questions concern the person, check a step, and what is left
 * to do. Answers are kept as the person typed them, so a refused answer is never lost; they are parsed
 * when checked.
 */

import type { ColumnType } from "kysely";
import type { ProcedureCode } from "../cases/index.ts";
import type { ServiceCode } from "../catalogue/index.ts";
import {
  frenchDayOfInstant,
  shortFrenchDate as frenchShortDate,
  parseAmount,
  parseFrenchDate,
} from "../platform/format.ts";

// One name for the four procedures everywhere: the cases context's, which stores them.
export type { ProcedureCode };

/** One row of a repeated group (a child, a period), field by field, as typed. */
export type GroupRow = Readonly<Record<string, string>>;
export type AnswerValue = string | readonly GroupRow[];
export type Answers = Readonly<Record<string, AnswerValue>>;

/** What Parcours already knows of the person: read by conditions, pre-fill and proof rules. */
export interface Situation {
  /** Today in France, YYYY-MM-DD. */
  readonly today: string;
  readonly birthDate: string;
  readonly age: number;
  readonly sex: "F" | "M";
  readonly name: string;
  readonly nir: string;
  readonly retiree: boolean;
  readonly livesAbroad: boolean;
  readonly partner: {
    readonly kind: "marriage" | "pacs" | "cohabitation";
    readonly name: string;
    readonly birthDate: string;
    readonly startedOn: string;
  } | null;
  readonly deceasedSpouse: {
    readonly name: string;
    readonly birthDate: string;
    readonly startedOn: string;
    readonly diedOn: string | null;
  } | null;
  readonly children: readonly { readonly firstName: string; readonly birthDate: string }[];
  /** Child quarters already on the career statement. */
  readonly childQuarters: number;
  /** The account payments go to today (confirmed bank details). */
  readonly bankAccount: { readonly holder: string; readonly iban: string; readonly bic: string } | null;
  readonly career: {
    readonly totalQuarters: number;
    readonly firstYear: number | null;
    readonly lastYear: number | null;
    /** Other schemes the career statement already shows (French labels). */
    readonly otherSchemes: readonly string[];
    /** How many points the career statement's checks ask the person to verify (gaps, missing periods). */
    readonly checks: number;
  };
  /** Start dates the rules engine computed (YYYY-MM-DD, first of a month); null when not computable. */
  readonly startDates: {
    readonly legal: string;
    readonly earliestFullRate: string;
    readonly fullRateAge: string;
    /** Earliest long-career departure, null when not eligible. */
    readonly longCareer: string | null;
    readonly longCareerReason: string | null;
    readonly requiredQuarters: number;
  } | null;
  /** Why a survivor pension cannot be claimed yet (the rules engine's age rule), null when it can. */
  readonly survivorRefusal: string | null;
  /** Why the ASPA cannot be claimed yet (the rules engine's age rule), null when it can. */
  readonly aspaRefusal: string | null;
}

export type QuestionType =
  | "text"
  | "textarea"
  | "date"
  | "month"
  | "yesno"
  | "choice"
  | "amount"
  | "integer"
  | "iban"
  | "nir";

export interface Option {
  readonly value: string;
  readonly label: string;
}

export type Condition = (answers: Answers, situation: Situation) => boolean;

interface QuestionBase {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  /** Asked only when this holds; an answer given before the condition changed is kept, not used. */
  readonly when?: Condition;
  readonly optional?: boolean;
}

export interface FieldQuestion extends QuestionBase {
  readonly type: QuestionType;
  readonly options?: readonly Option[];
  readonly min?: number;
  readonly max?: number;
  readonly maxLength?: number;
  /** What is already known, shown as the initial value (the person corrects it if wrong). */
  readonly prefill?: (situation: Situation) => string | undefined;
  /** A rule of the procedure on a well-formed answer; returns the French message when it is broken. */
  readonly check?: (value: string, answers: Answers, situation: Situation) => string | undefined;
}

/** A repeated group (children, periods): rows of fields; an empty row is ignored. */
export interface GroupQuestion extends QuestionBase {
  readonly type: "group";
  readonly itemLabel: string;
  readonly fields: readonly FieldQuestion[];
  readonly prefill?: (situation: Situation) => GroupRow[] | undefined;
  /** At least one row when asked (unless optional). */
  readonly minRows?: number;
}

export type Question = FieldQuestion | GroupQuestion;

/** What a step shows besides its questions, from what Parcours computed (rendered by the views). */
export type StepPanel = "startDates" | "career" | "knownFamily" | "knownBank" | "deceased";

export interface Step {
  readonly id: string;
  readonly title: string;
  readonly intro?: string;
  readonly panel?: StepPanel;
  readonly questions: readonly Question[];
}

/** A proof a procedure may ask for: its code is shared by the claim's rules and the case worker's requests. */
export interface CatalogueProof {
  readonly code: string;
  /** What the person reads: the name of the document, in plain French. */
  readonly label: string;
}

/** The catalogue entries of `labels`, keyed by code, in the order given. */
export function proofCatalogue<Code extends string>(
  labels: Readonly<Record<Code, string>>,
): Readonly<Record<Code, CatalogueProof>> {
  return Object.fromEntries(
    Object.entries<string>(labels).map(([code, label]) => [code, { code, label }]),
  ) as Record<Code, CatalogueProof>;
}

export interface ProofRequirement extends CatalogueProof {
  /** Why this person is asked for it, in plain French. */
  readonly reason: string;
}

export interface ProcedureDefinition {
  readonly code: ProcedureCode;
  /** The address of the procedure under /espace/demarches/. */
  readonly slug: string;
  readonly title: string;
  /** "votre demande de retraite": how sentences name it. */
  readonly named: string;
  readonly description: string;
  /** The personal-space service the procedure belongs to (catalogue). */
  readonly service: ServiceCode;
  /** Why this person cannot file it (rules), or null when they can. */
  readonly refusal?: (situation: Situation) => string | null;
  /**
   * Several cases may be open at once (career corrections: one per period); otherwise a second claim
   * waits until the open one is decided, so nobody files the same claim twice by mistake.
   */
  readonly severalOpenCases?: true;
  readonly steps: readonly Step[];
  /** Every proof the procedure may ask for: what its rules return, and what a case worker may request. */
  readonly proofCatalogue: readonly CatalogueProof[];
  /** The proofs this person must attach: entries of the catalogue, each with why. */
  readonly proofs: (answers: Answers, situation: Situation) => ProofRequirement[];
  readonly claimedStartDate?: (answers: Answers) => string | null;
  /** What happens after submission, in plain French (acknowledgement page, PDF, mail). */
  readonly nextSteps: string;
}

/** The two steps every procedure ends with, after its own. */
export const PROOFS_STEP_TITLE = "Justificatifs";
export const REVIEW_STEP_TITLE = "Vérification et envoi";
export const MAX_STEPS = 8;

export interface StepEntry {
  readonly index: number;
  readonly id: string;
  readonly title: string;
  readonly kind: "questions" | "proofs" | "review";
}

/**
 * The steps of the wizard for this person: the procedure's own that ask them something, then proofs,
 * then review (at most 8, the DSFR stepper). `index` is the step's place in the full list, stable
 * whatever the answers.
 */
export function stepsOf(procedure: ProcedureDefinition, answers: Answers, situation: Situation): StepEntry[] {
  const own = procedure.steps
    .map((step, index) => ({ index, id: step.id, title: step.title, kind: "questions" as const, step }))
    .filter(({ step }) => visibleQuestions(step, answers, situation).length > 0)
    .map(({ step: _, ...entry }) => entry);
  const count = procedure.steps.length;
  return [
    ...own,
    { index: count, id: "justificatifs", title: PROOFS_STEP_TITLE, kind: "proofs" },
    { index: count + 1, id: "verification", title: REVIEW_STEP_TITLE, kind: "review" },
  ];
}

/** Where a draft resumes: the step last saved, or the nearest one still shown. */
export function resumeStep(
  procedure: ProcedureDefinition,
  draft: Pick<Draft, "answers" | "currentStep">,
  situation: Situation,
): StepEntry {
  const entries = stepsOf(procedure, draft.answers, situation);
  return (entries.find((entry) => entry.index >= draft.currentStep) ?? entries[0]) as StepEntry;
}

export function isAsked(question: Question, answers: Answers, situation: Situation): boolean {
  return question.when ? question.when(answers, situation) : true;
}

export function visibleQuestions(step: Step, answers: Answers, situation: Situation): Question[] {
  return step.questions.filter((question) => isAsked(question, answers, situation));
}

/** The answer as the person gave it, else what Parcours knows (pre-fill), else empty. */
export function fieldValue(question: FieldQuestion, answers: Answers, situation: Situation): string {
  const given = answers[question.id];
  if (typeof given === "string") return given;
  return question.prefill?.(situation) ?? "";
}

export function groupRows(question: GroupQuestion, answers: Answers, situation: Situation): GroupRow[] {
  const given = answers[question.id];
  if (Array.isArray(given)) return given as GroupRow[];
  return question.prefill?.(situation) ?? [];
}

/**
 * A new draft's answers: everything Parcours already knows, as if the person had typed it. Conditions
 * and proof rules then see the known situation (a known spouse shows the spouse questions), and the
 * person corrects what is wrong.
 */
export function prefilledAnswers(procedure: ProcedureDefinition, situation: Situation): Answers {
  const answers: Record<string, AnswerValue> = {};
  for (const step of procedure.steps) {
    for (const question of step.questions) {
      const known = question.prefill?.(situation);
      if (known !== undefined && known.length > 0) answers[question.id] = known;
    }
  }
  return answers;
}

/** A single answer, as text. */
export function textAnswer(answers: Answers, id: string): string {
  const value = answers[id];
  return typeof value === "string" ? value.trim() : "";
}

// ------------------------------------------------------------------ parsing typed values

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** "09/2027" or "9/2027" → "2027-09-01" (a pension starts on the first of a month). */
export function parseMonth(text: string): string | undefined {
  const match = /^(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(text.trim());
  if (!match) return undefined;
  const month = Number(match[1]);
  const year = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  return `${year}-${pad(month)}-01`;
}

export { frenchShortDate, parseAmount, parseFrenchDate };

export type NirChecker = (text: string) => string | undefined;
export type IbanChecker = (text: string) => string | undefined;

/** Checks that need another context (NIR key, IBAN): given by the service, so the model stays pure. */
export interface Checkers {
  readonly nir: NirChecker;
  readonly iban: IbanChecker;
}

function formatProblem(question: FieldQuestion, value: string, checkers: Checkers): string | undefined {
  switch (question.type) {
    case "text":
    case "textarea":
      return question.maxLength && value.length > question.maxLength
        ? `${question.maxLength} caractères au plus : votre réponse en compte ${value.length}.`
        : undefined;
    case "date":
      return parseFrenchDate(value)
        ? undefined
        : "Indiquez une date réelle au format jour/mois/année, par exemple 05/11/1968.";
    case "month":
      return parseMonth(value)
        ? undefined
        : "Indiquez le mois et l'année au format mois/année, par exemple 09/2027.";
    case "yesno":
      return value === "oui" || value === "non" ? undefined : "Répondez par oui ou par non.";
    case "choice":
      return question.options?.some((option) => option.value === value)
        ? undefined
        : "Choisissez une des réponses proposées.";
    case "amount": {
      const amount = parseAmount(value);
      if (amount === undefined)
        return "Indiquez un montant en euros, en chiffres, par exemple 1250 ou 1250,50 (sans signe moins).";
      if (question.max !== undefined && amount > question.max)
        return `Ce montant dépasse ${question.max} € : vérifiez-le (un montant mensuel, pas annuel ?).`;
      return undefined;
    }
    case "integer": {
      if (!/^\d+$/.test(value)) return "Indiquez un nombre entier, en chiffres.";
      const n = Number(value);
      if (question.min !== undefined && n < question.min) return `Indiquez au moins ${question.min}.`;
      if (question.max !== undefined && n > question.max) return `Indiquez au plus ${question.max}.`;
      return undefined;
    }
    case "iban":
      return checkers.iban(value);
    case "nir":
      return checkers.nir(value);
  }
}

function missingMessage(question: FieldQuestion): string {
  switch (question.type) {
    case "yesno":
      return `Répondez par oui ou par non à la question « ${question.label} ».`;
    case "choice":
      return `Choisissez une réponse à la question « ${question.label} ».`;
    default:
      return `Renseignez « ${question.label} » : cette information est nécessaire.`;
  }
}

function fieldProblem(
  question: FieldQuestion,
  value: string,
  answers: Answers,
  situation: Situation,
  checkers: Checkers,
): string | undefined {
  const trimmed = value.trim();
  if (trimmed === "") return question.optional ? undefined : missingMessage(question);
  return formatProblem(question, trimmed, checkers) ?? question.check?.(trimmed, answers, situation);
}

/** The input name of a field of a group row. */
export function groupInputName(group: string, row: number, field: string): string {
  return `${group}-${row}-${field}`;
}

function rowIsEmpty(row: GroupRow): boolean {
  return Object.values(row).every((value) => value.trim() === "");
}

/** Problems of one step, by input name, in French, next to each field. Empty when the step is complete. */
export function stepProblems(
  step: Step,
  answers: Answers,
  situation: Situation,
  checkers: Checkers,
): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const question of visibleQuestions(step, answers, situation)) {
    if (question.type === "group") {
      const rows = groupRows(question, answers, situation).filter((row) => !rowIsEmpty(row));
      if (rows.length < (question.optional ? 0 : (question.minRows ?? 1))) {
        problems[groupInputName(question.id, 0, question.fields[0]?.id ?? "")] =
          `${question.label} : indiquez au moins une ligne.`;
      }
      rows.forEach((row, index) => {
        for (const field of question.fields) {
          const problem = fieldProblem(field, row[field.id] ?? "", answers, situation, checkers);
          if (problem) problems[groupInputName(question.id, index, field.id)] = problem;
        }
      });
      continue;
    }
    const problem = fieldProblem(
      question,
      fieldValue(question, answers, situation),
      answers,
      situation,
      checkers,
    );
    if (problem) problems[question.id] = problem;
  }
  return problems;
}

/**
 * The answers after a step's form was posted: the step's visible questions take what was posted (empty
 * group rows dropped, plus `extraRows` empty rows to type into); everything else is kept untouched, so
 * going back or changing an earlier answer never loses a later one.
 */
export function withPostedStep(
  step: Step,
  answers: Answers,
  situation: Situation,
  read: (name: string) => string,
): Answers {
  const next: Record<string, AnswerValue> = { ...answers };
  // In the step's order, so a question shown by an answer of the same form (a "yes" above it) is read.
  for (const question of step.questions) {
    if (!isAsked(question, next, situation)) continue;
    if (question.type === "group") {
      const rows: GroupRow[] = [];
      const count = Number(read(`${question.id}-lignes`)) || 0;
      for (let index = 0; index < Math.min(count, 50); index++) {
        const row = Object.fromEntries(
          question.fields.map((field) => [field.id, read(groupInputName(question.id, index, field.id))]),
        );
        if (!rowIsEmpty(row)) rows.push(row);
      }
      next[question.id] = rows;
    } else {
      next[question.id] = read(question.id);
    }
  }
  return next;
}

/** Only what is asked: the answers a case keeps (an answer to a question no longer asked is dropped). */
export function effectiveAnswers(
  procedure: ProcedureDefinition,
  answers: Answers,
  situation: Situation,
): Answers {
  const kept: Record<string, AnswerValue> = {};
  for (const step of procedure.steps) {
    for (const question of visibleQuestions(step, answers, situation)) {
      kept[question.id] =
        question.type === "group"
          ? groupRows(question, answers, situation).filter((row) => !rowIsEmpty(row))
          : fieldValue(question, answers, situation).trim();
    }
  }
  return kept;
}

/** Document ids attached, per proof code. */
export type AttachedProofs = Readonly<Record<string, readonly string[]>>;

export interface Remaining {
  /** The procedure's own steps still incomplete. */
  readonly steps: readonly StepEntry[];
  /** Proofs this person must attach and has not. */
  readonly proofs: readonly ProofRequirement[];
}

/** What is left to do: steps with a problem and required proofs without a document. */
export function remainingOf(
  procedure: ProcedureDefinition,
  answers: Answers,
  proofs: AttachedProofs,
  situation: Situation,
  checkers: Checkers,
): Remaining {
  const steps = stepsOf(procedure, answers, situation).filter((entry) => {
    const step = procedure.steps[entry.index];
    return step !== undefined && Object.keys(stepProblems(step, answers, situation, checkers)).length > 0;
  });
  const missing = procedure
    .proofs(answers, situation)
    .filter((proof) => (proofs[proof.code] ?? []).length === 0);
  return { steps, proofs: missing };
}

/** "1 étape et 2 justificatifs", the short "what is left" line of the home page. */
export function remainingSummary(remaining: Remaining): string {
  const parts: string[] = [];
  if (remaining.steps.length > 0)
    parts.push(`${remaining.steps.length} étape${remaining.steps.length > 1 ? "s" : ""} à compléter`);
  if (remaining.proofs.length > 0)
    parts.push(`${remaining.proofs.length} justificatif${remaining.proofs.length > 1 ? "s" : ""} à joindre`);
  return parts.length === 0 ? "Prête à être envoyée" : `Reste ${parts.join(" et ")}`;
}

// ------------------------------------------------------------------ drafts and their lifecycle

export interface DraftContent {
  readonly answers: Answers;
  readonly proofs: AttachedProofs;
}

export interface Draft extends DraftContent {
  readonly id: string;
  readonly insuredId: number;
  readonly procedure: ProcedureCode;
  readonly currentStep: number;
  readonly createdAt: Date;
  readonly lastActivityAt: Date;
  readonly remindedAt: Date | null;
  readonly expiryWarnedAt: Date | null;
}

export const REMINDER_AFTER_DAYS = 7;
export const EXPIRY_MONTHS = 6;
export const EXPIRY_WARNING_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A draft is deleted 6 months after its last activity (same day of the month, at the same time). */
export function expiresAt(lastActivityAt: Date): Date {
  const at = new Date(lastActivityAt);
  const day = at.getUTCDate();
  at.setUTCDate(1);
  at.setUTCMonth(at.getUTCMonth() + EXPIRY_MONTHS);
  const lastDay = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 0)).getUTCDate();
  at.setUTCDate(Math.min(day, lastDay));
  return at;
}

/**
 * Drafts last active before this instant may be due for the expiry warning or the deletion at `now`
 * (six months are at least 181 days): the sweeps read only those through the index, then decide exactly.
 */
export function sweepCandidatesBefore(now: Date): Date {
  return new Date(now.getTime() - (181 - EXPIRY_WARNING_DAYS) * DAY_MS);
}

export function reminderDue(draft: Draft, now: Date): boolean {
  return (
    now.getTime() - draft.lastActivityAt.getTime() >= REMINDER_AFTER_DAYS * DAY_MS &&
    (draft.remindedAt === null || draft.remindedAt < draft.lastActivityAt) &&
    now < expiresAt(draft.lastActivityAt)
  );
}

export function expiryWarningDue(draft: Draft, now: Date): boolean {
  const expiry = expiresAt(draft.lastActivityAt);
  return (
    expiry.getTime() - now.getTime() <= EXPIRY_WARNING_DAYS * DAY_MS &&
    now < expiry &&
    (draft.expiryWarnedAt === null || draft.expiryWarnedAt < draft.lastActivityAt)
  );
}

export function isExpired(draft: Draft, now: Date): boolean {
  return now >= expiresAt(draft.lastActivityAt);
}

// ------------------------------------------------------------------ tables (migrations/0015_procedures.sql)

/** Answers are written as JSON text and read back parsed. */
export type ProcedureDraftTable = {
  id: string;
  insured_id: number;
  procedure: ProcedureCode;
  answers: ColumnType<DraftContent, string, string>;
  current_step: number;
  created_at: Date;
  last_activity_at: Date;
  reminded_at: Date | null;
  expiry_warned_at: Date | null;
};

export type ProcedureSubmissionTable = {
  draft_id: string;
  insured_id: number;
  procedure: ProcedureCode;
  case_reference: string;
  submitted_at: Date;
};

export type ProceduresTables = {
  procedure_draft: ProcedureDraftTable;
  procedure_submission: ProcedureSubmissionTable;
};

/** The day in France an instant falls on, as sentences write it: "21 novembre 2026". */
export const receivedDate = frenchDayOfInstant;

/** "votre demande de retraite" at the start of a sentence. */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
