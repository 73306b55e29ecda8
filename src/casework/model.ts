/**
 * The case worker's pure rules: reading the queue filters and the forms of the case page (moves, proof
 * requests, messages, decisions), each refusal a French sentence tied to its field. No I/O.
 */
import type { CaseState, ProcedureCode } from "../cases/index.ts";
import { CASE_STATES, CLOSED_STATES, PROCEDURE_CODES } from "../cases/model.ts";
import { euros as formatEuros, parseAmount } from "../platform/format.ts";
import type { AspaClaimFacts, CatalogueProof, SurvivorClaimFacts } from "../procedures/index.ts";
import {
  type CareerYear,
  computeAspa,
  computePension,
  computeSurvivorPension,
  type ExplanationStep,
  frenchDayOf,
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

// ------------------------------------------------------------ proof requests

/**
 * The choice standing for a proof outside the procedure's catalogue, and the code such a request is
 * stored under: its name is the case worker's, kept with the request.
 */
export const OTHER_PROOF = "other";
export const MAX_PROOF_LABEL = 200;

export interface ProofRequestValues {
  /** A code of the procedure's catalogue, or OTHER_PROOF. */
  readonly proof: string;
  /** The name of the proof, read only when the choice is OTHER_PROOF. */
  readonly otherLabel: string;
  readonly reason: string;
}

export type ProofRequestProblems = Partial<Record<keyof ProofRequestValues, string>>;

export type ProofRequestReading =
  | { readonly ok: true; readonly proof: CatalogueProof; readonly reason: string }
  | { readonly ok: false; readonly problems: ProofRequestProblems };

/** The proof asked for (a catalogue entry, or another named by the case worker) and why. */
export function readProofRequest(
  values: ProofRequestValues,
  catalogue: readonly CatalogueProof[],
): ProofRequestReading {
  const problems: ProofRequestProblems = {};
  let proof: CatalogueProof | undefined;
  if (values.proof === OTHER_PROOF) {
    const label = values.otherLabel.trim();
    if (label === "") problems.otherLabel = "Indiquez le nom du justificatif demandé.";
    else if (label.length > MAX_PROOF_LABEL)
      problems.otherLabel = `Nommez le justificatif en ${MAX_PROOF_LABEL} caractères au plus.`;
    else proof = { code: OTHER_PROOF, label };
  } else if (values.proof === "") problems.proof = "Choisissez le justificatif demandé.";
  else {
    proof = catalogue.find((entry) => entry.code === values.proof);
    if (!proof) problems.proof = "Choisissez le justificatif dans la liste.";
  }
  const reasonIssue = reasonProblem(values.reason, "pourquoi ce justificatif est nécessaire");
  if (reasonIssue) problems.reason = reasonIssue;
  if (!proof || Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, proof, reason: values.reason.trim() };
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
/** Assessment summaries are stored and printed in decision letters: the PDF variant, which every font renders. */
function summaryEuros(amount: number): string {
  return formatEuros(amount, { pdf: true });
}

export function readAmount(text: string): number | undefined {
  const amount = parseAmount(text);
  // A monthly pension decided by hand stays below ten million euros: more is a slip of the keyboard.
  return amount !== undefined && amount < 10_000_000 ? amount : undefined;
}

/** "1234.5" → "1 234,50": how the form shows an amount. */
export function amountText(amount: number): string {
  return new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    .format(amount)
    .replace(/[\u202f\u00a0]/g, " ");
}

/**
 * The decision as the case worker typed it. A grant stores the engine's amount; another amount is
 * accepted only with the reason for the change (it is audited). Without an engine amount (an input the
 * engine lacks, such as the pension of a deceased person unknown to Parcours), the amount is typed and
 * its reason is the basis of the calculation.
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

/**
 * A pension granted here is put in payment by the case worker; a career correction changes the career
 * only, and the Aspa is not a pension in payment of its own (see ASPA_PAYMENT).
 */
export function paysPension(procedure: ProcedureCode): boolean {
  return procedure === "retirementClaim" || procedure === "survivorPension";
}

/** Why the case page offers no first payment for a granted Aspa. */
export const ASPA_PAYMENT =
  "L'Aspa est versée avec la retraite : elle ne se met pas en paiement comme une pension.";

// ------------------------------------------------------------ the rules engine's result for the claim

/** What a pension put in payment records of the calculation (own-right pensions only). */
export interface PensionFacts {
  readonly averageSalary: number;
  readonly rate: number;
  readonly quartersGeneral: number;
  readonly quartersRequired: number;
}

export type Assessment =
  | {
      readonly kind: "computed";
      /** "YYYY-MM-DD": the date the amount is due from, the one the engine computed at. */
      readonly startDate: string;
      readonly monthly: number;
      /** False when the engine finds nothing due (age, resources): the amount is then 0. */
      readonly eligible: boolean;
      /** The inputs in one sentence, as the case worker checks them against the proofs. */
      readonly summary: string;
      readonly explanation: readonly ExplanationStep[];
      readonly pension: PensionFacts | null;
    }
  | { readonly kind: "unavailable"; readonly why: string };

/** The deceased's base pension, as Parcours knows it (a pension in payment) or why it does not. */
export type DeceasedPension =
  | { readonly known: true; readonly annual: number; readonly source: string }
  | { readonly known: false; readonly why: string };

export interface ClaimInput {
  readonly procedure: ProcedureCode;
  readonly claimedStartDate: string | null;
  /** "YYYY-MM-DD", the day the claim was received, in France. */
  readonly receivedOn: string;
  readonly birthDate: string;
  readonly personName: string;
  /** Invalidity or disability: the Aspa is then open before the usual age. */
  readonly incapacity: boolean;
  readonly career: readonly CareerYear[];
  readonly childQuarters: number;
  readonly survivor: SurvivorClaimFacts | null;
  readonly deceasedPension: DeceasedPension | null;
  readonly aspa: AspaClaimFacts | null;
}

const MISSING_ANSWERS = "La demande ne permet pas le calcul : réponse absente ou illisible à";

function missingAnswers(missing: readonly string[]): Assessment {
  return {
    kind: "unavailable",
    why: `${MISSING_ANSWERS} ${missing.map((label) => `« ${label} »`).join(", ")}. Vérifiez-la sur les justificatifs, puis indiquez le montant établi et comment il l'a été.`,
  };
}

/** "2026-03-14" → "2026-04-01". */
export function firstOfNextMonth(iso: string): string {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
}

/** Whole months from one day to another (a marriage's length). */
export function monthsBetween(from: string, until: string): number {
  const months =
    (Number(until.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
    Number(until.slice(5, 7)) -
    Number(from.slice(5, 7)) -
    (Number(until.slice(8, 10)) < Number(from.slice(8, 10)) ? 1 : 0);
  return Math.max(0, months);
}

/**
 * The day a survivor's pension takes effect when the claim names none (art. R353-7 CSS): the earliest
 * the article lets the survivor choose — the first of the month after the death when the claim comes
 * within a year of it (3° a) —, else its default, the first of the month after the claim's receipt. The
 * age condition (2°) is checked by the engine at that date, which refuses and explains when it fails.
 */
export function survivorStartDate(deathDate: string, receivedOn: string): string {
  const yearAfter = `${Number(deathDate.slice(0, 4)) + 1}${deathDate.slice(4)}`;
  return receivedOn <= yearAfter ? firstOfNextMonth(deathDate) : firstOfNextMonth(receivedOn);
}

function engineFailure<T>(compute: () => T): T | Assessment {
  try {
    return compute();
  } catch (error) {
    if (error instanceof RulesError) return { kind: "unavailable", why: error.message };
    throw error;
  }
}

function assessRetirement(input: ClaimInput): Assessment {
  const start = input.claimedStartDate === null ? undefined : parseDate(input.claimedStartDate);
  const birth = parseDate(input.birthDate);
  if (!start || !birth)
    return {
      kind: "unavailable",
      why: "La demande n'indique pas de date de départ : le montant ne peut pas être calculé.",
    };
  return engineFailure((): Assessment => {
    const result = computePension({
      birthDate: birth,
      startDate: start,
      career: input.career,
      childQuarters: input.childQuarters,
    });
    return {
      kind: "computed",
      startDate: input.claimedStartDate as string,
      monthly: result.pension.monthly,
      eligible: true,
      summary: `Taux ${(result.rate * 100).toLocaleString("fr-FR", { maximumFractionDigits: 3 })} %, salaire annuel moyen ${summaryEuros(result.averageSalary)}, ${result.quarters.general} trimestres au régime général sur ${result.requiredQuarters} requis${
        result.minimumPension.applies ? ", minimum contributif appliqué" : ""
      }.`,
      explanation: result.explanation,
      pension: {
        averageSalary: result.averageSalary,
        rate: result.rate,
        quartersGeneral: result.quarters.general,
        quartersRequired: result.requiredQuarters,
      },
    };
  });
}

function assessSurvivor(input: ClaimInput): Assessment {
  const facts = input.survivor;
  if (!facts) return missingAnswers(["La personne décédée"]);
  if (facts.missing.length > 0) return missingAnswers(facts.missing);
  const deathDate = facts.deathDate as string;
  const marriageDate = facts.marriageDate as string;
  const pension = input.deceasedPension;
  if (!pension?.known)
    return {
      kind: "unavailable",
      why: `Il manque la retraite de base de ${facts.deceasedName || "la personne décédée"} : ${pension?.why ?? "elle n'est pas connue de Parcours."} Le moteur de règles ne peut pas calculer la réversion sans elle. Établissez-la auprès du régime qui la versait, puis indiquez le montant de la réversion et comment il a été établi.`,
    };
  const startDate = input.claimedStartDate ?? survivorStartDate(deathDate, input.receivedOn);
  const date = parseDate(startDate);
  const birth = parseDate(input.birthDate);
  if (!date || !birth)
    return { kind: "unavailable", why: "La date de naissance de la personne est illisible." };
  const resourcesMonthly = facts.resourcesMonthly as number;
  return engineFailure((): Assessment => {
    const result = computeSurvivorPension({
      date,
      survivorBirthDate: birth,
      deceasedPensionAnnual: pension.annual,
      survivorResourcesAnnual: resourcesMonthly * 12,
      couple: facts.couple,
      marriages:
        facts.previousMarriages.length === 0
          ? []
          : [
              { name: input.personName, months: monthsBetween(marriageDate, deathDate) },
              ...facts.previousMarriages.map((m) => ({
                name: m.name || "Ex-conjoint",
                months: monthsBetween(m.from, m.until),
              })),
            ],
    });
    const effect =
      input.claimedStartDate === null
        ? `prend effet le ${frenchDayOf(startDate)} (décès le ${frenchDayOf(deathDate)}, demande reçue le ${frenchDayOf(input.receivedOn)} : art. R353-7 CSS)`
        : `est demandée à partir du ${frenchDayOf(startDate)}`;
    return {
      kind: "computed",
      startDate,
      monthly: result.monthly,
      eligible: result.eligible,
      summary: `Retraite de base de ${facts.deceasedName || "la personne décédée"} : ${summaryEuros(pension.annual)} par an (${pension.source}). Ressources déclarées : ${summaryEuros(resourcesMonthly)} par mois, ${facts.couple ? "en couple" : "seul(e)"}. La réversion ${effect}.`,
      explanation: result.explanation,
      pension: null,
    };
  });
}

function assessAspa(input: ClaimInput): Assessment {
  const facts = input.aspa;
  if (!facts) return missingAnswers(["Votre foyer"]);
  if (facts.missing.length > 0) return missingAnswers(facts.missing);
  const startDate = input.claimedStartDate ?? firstOfNextMonth(input.receivedOn);
  const date = parseDate(startDate);
  const birth = parseDate(input.birthDate);
  if (!date || !birth)
    return { kind: "unavailable", why: "La date de naissance de la personne est illisible." };
  const resourcesMonthly = facts.resourcesMonthly as number;
  return engineFailure((): Assessment => {
    const result = computeAspa({
      date,
      household: facts.household as "single" | "couple",
      resourcesMonthly,
      birthDate: birth,
      incapacity: input.incapacity,
    });
    return {
      kind: "computed",
      startDate,
      monthly: result.monthly,
      eligible: result.eligible,
      summary: `Foyer : ${facts.household === "couple" ? "couple" : "personne seule"}. Ressources déclarées du foyer : ${summaryEuros(resourcesMonthly)} par mois (retraites, pensions et autres revenus). L'allocation ${
        input.claimedStartDate === null
          ? `est due à partir du ${frenchDayOf(startDate)}, le 1er jour du mois suivant la réception de la demande (${frenchDayOf(input.receivedOn)})`
          : `est demandée à partir du ${frenchDayOf(startDate)}`
      }.`,
      explanation: result.explanation,
      pension: null,
    };
  });
}

/**
 * The rules engine's amount for the claim, from the person's career (retirement) or the answers of the
 * claim (survivor's pension, Aspa), with the steps that explain it; or why it cannot be computed.
 */
export function assessClaim(input: ClaimInput): Assessment {
  switch (input.procedure) {
    case "retirementClaim":
      return assessRetirement(input);
    case "survivorPension":
      return assessSurvivor(input);
    case "aspa":
      return assessAspa(input);
    case "careerCorrection":
      return {
        kind: "unavailable",
        why: "Une correction de carrière ne donne pas lieu à un montant : la décision porte sur les périodes à reporter.",
      };
  }
}
