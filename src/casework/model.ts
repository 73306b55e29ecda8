/**
 * The case worker's pure rules: reading the queue filters and the forms of the case page (moves, proof
 * requests, messages, decisions), each refusal a French sentence tied to its field. No I/O.
 */
import type { CaseState, ProcedureCode } from "../cases/index.ts";
import { CASE_STATES, CLOSED_STATES, PROCEDURE_CODES } from "../cases/index.ts";
import {
  type CareerYear,
  computePension,
  type PensionResult,
  parseDate,
  RulesError,
} from "../rules/index.ts";

export const QUEUE_PAGE_SIZE = 25;

/** The queue shows open cases only: these are the states a filter may ask for. */
export const OPEN_STATES: readonly CaseState[] = CASE_STATES.filter(
  (state) => !CLOSED_STATES.includes(state),
);

export type AssignmentFilter = "" | "moi" | "aucun";

/** The filters exactly as typed in the GET form, kept to show them again. */
export interface QueueValues {
  readonly procedure: string;
  readonly state: string;
  readonly dueBefore: string;
  readonly assigned: string;
  readonly fund: string;
}

export interface QueueFilter {
  readonly procedure?: ProcedureCode;
  readonly state?: CaseState;
  readonly dueBefore?: string;
  readonly assigned: AssignmentFilter;
  /** National staff only: one fund, or undefined for every fund. */
  readonly fund?: string;
}

export type QueueProblems = Partial<Record<keyof QueueValues, string>>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const FRENCH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** "2026-12-31" or "31/12/2026" as "YYYY-MM-DD"; undefined when it is not a real date. */
export function readDate(text: string): string | undefined {
  const trimmed = text.trim();
  let iso: string | undefined;
  if (ISO_DATE.test(trimmed)) iso = trimmed;
  else {
    const match = FRENCH_DATE.exec(trimmed);
    if (match)
      iso = `${match[3]}-${(match[2] as string).padStart(2, "0")}-${(match[1] as string).padStart(2, "0")}`;
  }
  if (!iso) return undefined;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === iso ? iso : undefined;
}

export function readQueueFilter(
  values: QueueValues,
  knownFund: (code: string) => boolean,
): { ok: true; filter: QueueFilter } | { ok: false; problems: QueueProblems } {
  const problems: QueueProblems = {};
  const procedure = values.procedure.trim();
  const state = values.state.trim();
  const due = values.dueBefore.trim();
  const assigned = values.assigned.trim();
  const fund = values.fund.trim();
  if (procedure && !(PROCEDURE_CODES as readonly string[]).includes(procedure))
    problems.procedure = "Choisissez une démarche de la liste.";
  if (state && !(OPEN_STATES as readonly string[]).includes(state))
    problems.state = "Choisissez un état de la liste : la file ne contient que les dossiers en cours.";
  const dueBefore = due ? readDate(due) : undefined;
  if (due && !dueBefore)
    problems.dueBefore =
      "La date d'échéance doit être une date réelle, au format JJ/MM/AAAA, par exemple 31/12/2026.";
  if (assigned && assigned !== "moi" && assigned !== "aucun")
    problems.assigned = "Choisissez « à moi » ou « à personne », ou laissez vide.";
  if (fund && !knownFund(fund)) problems.fund = "Choisissez une caisse de la liste.";
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    filter: {
      ...(procedure ? { procedure: procedure as ProcedureCode } : {}),
      ...(state ? { state: state as CaseState } : {}),
      ...(dueBefore ? { dueBefore } : {}),
      assigned: assigned as AssignmentFilter,
      ...(fund ? { fund } : {}),
    },
  };
}

// ------------------------------------------------------------ reasons and messages

export const MIN_REASON = 5;
export const MAX_REASON = 1000;
export const MAX_MESSAGE = 4000;

/** A reason written by staff (a move, a proof request, an amount change): said in a few words at least. */
export function reasonProblem(text: string, what: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return `Indiquez ${what}.`;
  if (trimmed.length < MIN_REASON)
    return `Expliquez ${what} en quelques mots (${MIN_REASON} caractères au moins).`;
  if (trimmed.length > MAX_REASON) return `Raccourcissez ${what} : ${MAX_REASON} caractères au plus.`;
  return undefined;
}

export function messageProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return "Écrivez votre message avant de l'envoyer.";
  if (trimmed.length > MAX_MESSAGE) return `Raccourcissez le message : ${MAX_MESSAGE} caractères au plus.`;
  return undefined;
}

/** The moves a case worker makes by hand (the decision and the first payment have their own forms). */
export const MANUAL_MOVES: readonly CaseState[] = ["under_review", "verified"];

// ------------------------------------------------------------ decision

export interface DecisionValues {
  readonly outcome: string;
  readonly amount: string;
  readonly reason: string;
}

export type DecisionField = keyof DecisionValues;
export type DecisionProblems = Partial<Record<DecisionField, string>>;

export interface DecisionInput {
  readonly outcome: "granted" | "refused";
  /** The monthly gross amount decided, to the cent; null for a refusal. */
  readonly decidedAmount: number | null;
  readonly changeReason: string | null;
}

/** "1 234,56", "1234.56", "1 234,56 €" → 1234.56; undefined when it is not an amount in euros and cents. */
export function readAmount(text: string): number | undefined {
  const compact = text.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(compact)) return undefined;
  return Math.round(Number(compact) * 100) / 100;
}

/** "1234.5" → "1 234,50": how the form shows an amount. */
export function amountText(amount: number): string {
  return new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    .format(amount)
    .replace(/[\u202f\u00a0]/g, " ");
}

/**
 * The decision as the case worker typed it. A grant stores the engine's amount; another amount is
 * accepted only with the reason for the change (it is audited). Without an engine amount (a procedure
 * the engine does not compute here), the amount is typed and its reason is the basis of the calculation.
 */
export function readDecision(
  values: DecisionValues,
  computedAmount: number | null,
): { ok: true; decision: DecisionInput } | { ok: false; problems: DecisionProblems } {
  const problems: DecisionProblems = {};
  const outcome = values.outcome.trim();
  const reason = values.reason.trim();
  if (outcome !== "granted" && outcome !== "refused") {
    problems.outcome = "Choisissez la décision : accorder ou refuser.";
    return { ok: false, problems };
  }
  if (outcome === "refused") {
    const problem = reasonProblem(reason, "le motif du refus");
    if (problem) return { ok: false, problems: { reason: problem } };
    return { ok: true, decision: { outcome, decidedAmount: null, changeReason: reason } };
  }
  const typed = values.amount.trim();
  const amount = typed === "" ? computedAmount : readAmount(typed);
  if (amount === null) problems.amount = "Indiquez le montant mensuel brut accordé, en euros.";
  else if (amount === undefined)
    problems.amount = "Le montant s'écrit en euros et centimes, par exemple 1 234,56.";
  else if (amount <= 0) problems.amount = "Le montant accordé doit être supérieur à 0 €.";
  const changed = typeof amount === "number" && amount !== computedAmount;
  if (changed && !problems.amount) {
    const problem = reasonProblem(
      reason,
      computedAmount === null
        ? "comment ce montant a été établi"
        : `pourquoi le montant diffère de celui calculé (${amountText(computedAmount)} €)`,
    );
    if (problem) problems.reason = problem;
  }
  if (Object.keys(problems).length > 0 || typeof amount !== "number") return { ok: false, problems };
  return {
    ok: true,
    decision: { outcome, decidedAmount: amount, changeReason: changed ? reason : null },
  };
}

/** A decision that grants money opens a first payment; a career correction changes the career only. */
export function paysPension(procedure: ProcedureCode): boolean {
  return procedure === "retirementClaim" || procedure === "survivorPension" || procedure === "aspa";
}

// ------------------------------------------------------------ the rules engine's result for the claim

export type Assessment =
  | { readonly kind: "computed"; readonly startDate: string; readonly result: PensionResult }
  | { readonly kind: "unavailable"; readonly why: string };

/**
 * The base pension the rules engine computes for the claimed start date, from the person's career as
 * it stands (the same inputs as the person's own estimate). The engine computes own-right pensions; a
 * survivor's pension or the Aspa depend on resources the case worker checks on the proofs.
 */
export function assessClaim(input: {
  readonly procedure: ProcedureCode;
  readonly claimedStartDate: string | null;
  readonly birthDate: string;
  readonly career: readonly CareerYear[];
  readonly childQuarters: number;
}): Assessment {
  if (input.procedure !== "retirementClaim")
    return {
      kind: "unavailable",
      why:
        input.procedure === "careerCorrection"
          ? "Une correction de carrière ne donne pas lieu à un montant : la décision porte sur les périodes à reporter."
          : "Le moteur de règles ne calcule pas ce montant à partir du dossier : il dépend des ressources, à vérifier sur les justificatifs. Indiquez le montant établi et comment il l'a été.",
    };
  const start = input.claimedStartDate === null ? undefined : parseDate(input.claimedStartDate);
  const birth = parseDate(input.birthDate);
  if (!start || !birth)
    return {
      kind: "unavailable",
      why: "La demande n'indique pas de date de départ : le montant ne peut pas être calculé.",
    };
  try {
    const result = computePension({
      birthDate: birth,
      startDate: start,
      career: input.career,
      childQuarters: input.childQuarters,
    });
    return { kind: "computed", startDate: input.claimedStartDate as string, result };
  } catch (error) {
    if (error instanceof RulesError) return { kind: "unavailable", why: error.message };
    throw error;
  }
}
