import type { ColumnType, Generated } from "kysely";
import { addDays, addWorkingDays, workingDaysBetween } from "../platform/calendar.ts";
import { euros, shortFrenchDate as frenchDay } from "../platform/format.ts";

/**
 * Cases: every submitted procedure is followed from receipt to the first payment. The guarded state
 * machine, the five steps the person sees (DESIGN.md "Case tracking", seed 000 §2.2.3.2), the deadlines
 * of the service commitments (COG 2023-2027, seed 003), references. Pure: dates are "YYYY-MM-DD" days
 * in France, given by the caller.
 */

export type ProcedureCode = "retirementClaim" | "survivorPension" | "aspa" | "careerCorrection";
export const PROCEDURE_CODES: readonly ProcedureCode[] = [
  "retirementClaim",
  "survivorPension",
  "aspa",
  "careerCorrection",
];

export const PROCEDURE_LABELS: Readonly<Record<ProcedureCode, string>> = {
  retirementClaim: "Demande de retraite",
  survivorPension: "Demande de pension de réversion",
  aspa: "Demande d'allocation de solidarité aux personnes âgées (Aspa)",
  careerCorrection: "Demande de correction de carrière",
};

export type CaseState =
  | "received"
  | "awaiting_proofs"
  | "under_review"
  | "verified"
  | "granted"
  | "refused"
  | "first_payment";

export const CASE_STATES: readonly CaseState[] = [
  "received",
  "awaiting_proofs",
  "under_review",
  "verified",
  "granted",
  "refused",
  "first_payment",
];

export const STATE_LABELS: Readonly<Record<CaseState, string>> = {
  received: "Demande reçue",
  awaiting_proofs: "En attente de justificatifs",
  under_review: "En cours d'étude",
  verified: "Carrière et droits vérifiés",
  granted: "Accordée",
  refused: "Refusée",
  first_payment: "Premier paiement programmé",
};

/** A decided case leaves the queue: nothing is left for the case worker but the payment, done elsewhere. */
export const CLOSED_STATES: readonly CaseState[] = ["granted", "refused", "first_payment"];

export function isOpen(state: CaseState): boolean {
  return !CLOSED_STATES.includes(state);
}

/** The only moves a case can make; everything else is refused. */
export const TRANSITIONS: Readonly<Record<CaseState, readonly CaseState[]>> = {
  received: ["awaiting_proofs", "under_review"],
  awaiting_proofs: ["under_review"],
  under_review: ["awaiting_proofs", "verified"],
  verified: ["granted", "refused"],
  granted: ["first_payment"],
  refused: [],
  first_payment: [],
};

export function canMove(from: CaseState, to: CaseState): boolean {
  return TRANSITIONS[from].includes(to);
}

export class CaseTransitionError extends Error {
  readonly from: CaseState;
  readonly to: CaseState;
  constructor(from: CaseState, to: CaseState) {
    super(
      TRANSITIONS[from].length === 0
        ? `Le dossier est à l'état « ${STATE_LABELS[from]} » : il ne peut plus changer d'état.`
        : `Un dossier à l'état « ${STATE_LABELS[from]} » ne peut pas passer à l'état « ${STATE_LABELS[to]} » ; il peut passer à : ${TRANSITIONS[
            from
          ]
            .map((state) => `« ${STATE_LABELS[state]} »`)
            .join(", ")}.`,
    );
    this.name = "CaseTransitionError";
    this.from = from;
    this.to = to;
  }
}

/** Throws the French explanation of a forbidden move. */
export function checkMove(from: CaseState, to: CaseState): void {
  if (!canMove(from, to)) throw new CaseTransitionError(from, to);
}

/** A use-case refusal other than a forbidden move (unknown request, amount change without reason…). */
export class CaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CaseError";
  }
}

// ------------------------------------------------------------ actors, transitions, timeline

export type ActorKind = "insured" | "representative" | "staff" | "system";
export type CaseActor = { kind: ActorKind; id: number | null };

export interface CaseTransition {
  readonly id: number;
  readonly from: CaseState | null;
  readonly to: CaseState;
  readonly at: Date;
  readonly actor: CaseActor;
  readonly reason: string | null;
}

export type CaseEventKind =
  | "message"
  | "proof_request"
  | "proof_answer"
  | "reassurance"
  | "stall_alert"
  | "decision"
  | "payment_scheduled";

export interface CaseEvent {
  readonly id: number;
  readonly kind: CaseEventKind;
  readonly at: Date;
  readonly author: CaseActor;
  readonly body: string;
  readonly proofCode: string | null;
  /** The name of the proof asked for, as the person reads it (proof requests only). */
  readonly proofLabel: string | null;
  readonly answersEventId: number | null;
  readonly documentIds: readonly string[];
  /** When the other side read it: the person for staff's and the system's events, staff for the person's. */
  readonly readAt: Date | null;
}

export type TimelineEntry =
  | ({ readonly type: "transition" } & CaseTransition)
  | ({ readonly type: "event" } & CaseEvent);

/** Transitions and events in one list, newest first (a transition before an event of the same instant). */
export function timelineOf(
  transitions: readonly CaseTransition[],
  events: readonly CaseEvent[],
): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...transitions.map((t) => ({ type: "transition" as const, ...t })),
    ...events.map((e) => ({ type: "event" as const, ...e })),
  ];
  return entries.sort(
    (a, b) =>
      b.at.getTime() - a.at.getTime() || (a.type === b.type ? b.id - a.id : a.type === "transition" ? 1 : -1),
  );
}

/** Whether the person (or their representative) wrote it, as opposed to staff or the system. */
export function fromInsuredSide(author: CaseActor): boolean {
  return author.kind === "insured" || author.kind === "representative";
}

export interface ProofRequest {
  readonly eventId: number;
  readonly proofCode: string;
  readonly proofLabel: string;
  readonly reason: string;
  readonly requestedAt: Date;
  readonly requestedBy: CaseActor;
}

/** Proof requests no answer has met yet, oldest first. */
export function openProofRequestsIn(events: readonly CaseEvent[]): ProofRequest[] {
  const answered = new Set(
    events.filter((e) => e.kind === "proof_answer" && e.answersEventId !== null).map((e) => e.answersEventId),
  );
  return events
    .filter((e) => e.kind === "proof_request" && !answered.has(e.id))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id)
    .map((e) => ({
      eventId: e.id,
      proofCode: e.proofCode ?? "",
      proofLabel: e.proofLabel ?? "",
      reason: e.body,
      requestedAt: e.at,
      requestedBy: e.author,
    }));
}

/** Longest message on a case, and longest comment sent with a proof. */
export const MESSAGE_MAX_LENGTH = 5000;
export const PROOF_COMMENT_MAX_LENGTH = 500;

// ------------------------------------------------------------ references

/** Each procedure's prefix in the reference people quote ("RET-2026-000123"). */
export const REFERENCE_PREFIXES: Readonly<Record<ProcedureCode, string>> = {
  retirementClaim: "RET",
  survivorPension: "REV",
  aspa: "ASP",
  careerCorrection: "CAR",
};

/** The number is the case id: unique without a counter per procedure and year to lock. */
export function caseReference(procedure: ProcedureCode, year: number, number: number): string {
  return `${REFERENCE_PREFIXES[procedure]}-${year}-${String(number).padStart(6, "0")}`;
}

export const REFERENCE_PATTERN = /^(RET|REV|ASP|CAR)-\d{4}-\d{6,}$/;

// ------------------------------------------------------------ deadlines

export interface ProcessingTarget {
  readonly procedure: ProcedureCode;
  /** The year of receipt the target applies to; the last year listed applies to later years too. */
  readonly year: number;
  readonly days?: number;
  readonly months?: number;
  readonly indicator: string;
  readonly source: string;
}

const COG = "COG État-Cnav 2023-2027, annexe « Indicateurs de performance » (seed 003)";

/**
 * Processing-time targets of the service commitments, by year of receipt. R15 is an average duration
 * for own-right claims; R16, R17 and R7 are the durations within which a share of requests must be
 * handled: each case gets that duration as its own target.
 */
export const PROCESSING_TARGETS: readonly ProcessingTarget[] = [
  ...(
    [
      [2023, 75],
      [2024, 73],
      [2025, 71],
      [2026, 68],
      [2027, 65],
    ] as const
  ).map(([year, days]) => ({
    procedure: "retirementClaim" as const,
    year,
    days,
    indicator: "R15 Délais de traitement des droits propres",
    source: COG,
  })),
  {
    procedure: "survivorPension",
    year: 2023,
    days: 90,
    indicator: "R16 Demandes de pension de réversion traitées en moins de 90 jours",
    source: COG,
  },
  {
    procedure: "aspa",
    year: 2023,
    days: 90,
    indicator: "R17 Demandes d'Aspa traitées en moins de 90 jours",
    source: COG,
  },
  {
    procedure: "careerCorrection",
    year: 2023,
    months: 6,
    indicator: "R7 Demandes de reconstitution de carrière traitées dans un délai de 6 mois",
    source: COG,
  },
];

/** The target of the year of receipt; before the first year listed, the first one. */
export function processingTargetOf(procedure: ProcedureCode, receivedOn: string): ProcessingTarget {
  const year = Number(receivedOn.slice(0, 4));
  const targets = PROCESSING_TARGETS.filter((t) => t.procedure === procedure).sort((a, b) => a.year - b.year);
  const applicable = targets.filter((t) => t.year <= year).at(-1) ?? targets[0];
  if (!applicable) throw new Error(`no processing target for ${procedure}`);
  return applicable;
}

/** The same day `months` later; the month's last day when it is shorter (31 August + 6 months = 28/29 February). */
export function addMonths(iso: string, months: number): string {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return `${String(targetYear).padStart(4, "0")}-${String(targetMonth).padStart(2, "0")}-${String(
    Math.min(day, lastDay),
  ).padStart(2, "0")}`;
}

/** A complete claim filed this long before the claimed start date is notified before that date (R14). */
export const NOTIFY_BEFORE_START_MONTHS = 4;

export interface InitialTarget {
  readonly targetDate: string;
  readonly rule: "processingTime" | "beforeStartDate";
  readonly target: ProcessingTarget;
}

/**
 * The date the decision is due by, at receipt: the processing-time target, or the day before the
 * claimed start date when the claim is complete, filed 4+ months ahead, and that day comes earlier.
 */
export function initialTargetDate(input: {
  procedure: ProcedureCode;
  receivedOn: string;
  claimedStartDate: string | null;
  complete: boolean;
}): InitialTarget {
  const target = processingTargetOf(input.procedure, input.receivedOn);
  const byProcessingTime = target.months
    ? addMonths(input.receivedOn, target.months)
    : addDays(input.receivedOn, target.days ?? 0);
  const start = input.claimedStartDate;
  if (
    input.complete &&
    start !== null &&
    addMonths(input.receivedOn, NOTIFY_BEFORE_START_MONTHS) <= start &&
    addDays(start, -1) < byProcessingTime
  ) {
    return { targetDate: addDays(start, -1), rule: "beforeStartDate", target };
  }
  return { targetDate: byProcessingTime, rule: "processingTime", target };
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The target date as it stands on `today`: the stored one already carries the pauses that ended; a
 * pause still running pushes it back by the days it has lasted so far.
 */
export function effectiveTargetDate(storedTarget: string, pausedSince: string | null, today: string): string {
  return pausedSince === null
    ? storedTarget
    : addDays(storedTarget, Math.max(0, daysBetween(pausedSince, today)));
}

export interface RemainingTime {
  /** Calendar days left (negative when late). */
  readonly calendarDays: number;
  /** French working days left (negative when late: working days since the target date). */
  readonly workingDays: number;
}

/** Working days are counted in the calendar of the fund handling the case (src/platform/calendar.ts). */
export function remainingTime(targetDate: string, today: string, fundCode: string): RemainingTime {
  const calendarDays = daysBetween(today, targetDate);
  const workingDays =
    targetDate >= today
      ? workingDaysBetween(fundCode, today, targetDate)
      : -workingDaysBetween(fundCode, targetDate, today);
  return { calendarDays, workingDays };
}

/** A case is at risk this many working days before its target date. */
export const AT_RISK_WORKING_DAYS = 10;
/** A case with no activity for more than this many months is stalled: reassure the person, alert staff. */
export const STALL_MONTHS = 2;

/** The instant before which the last activity of a case makes it stalled at `now`. */
export function stallCutoff(now: Date): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - STALL_MONTHS);
  return cutoff;
}

export function isStalled(lastActivityAt: Date, now: Date): boolean {
  return lastActivityAt < stallCutoff(now);
}

/** Open, and either due within AT_RISK_WORKING_DAYS working days (or late), or stalled. */
export function isAtRisk(input: {
  state: CaseState;
  targetDate: string;
  lastActivityAt: Date;
  today: string;
  now: Date;
  fundCode: string;
}): boolean {
  if (!isOpen(input.state)) return false;
  return (
    input.targetDate <= addWorkingDays(input.fundCode, input.today, AT_RISK_WORKING_DAYS) ||
    isStalled(input.lastActivityAt, input.now)
  );
}

// ------------------------------------------------------------ the five public steps

export type PublicStepKey = "received" | "study" | "verified" | "decided" | "paid";

export const PUBLIC_STEPS: readonly { readonly key: PublicStepKey; readonly title: string }[] = [
  { key: "received", title: "Demande reçue" },
  { key: "study", title: "Dossier en cours d'étude" },
  { key: "verified", title: "Carrière et droits vérifiés" },
  { key: "decided", title: "Décision notifiée" },
  { key: "paid", title: "Premier paiement" },
];

export const STEP_OF_STATE: Readonly<Record<CaseState, PublicStepKey>> = {
  received: "received",
  awaiting_proofs: "study",
  under_review: "study",
  verified: "verified",
  granted: "decided",
  refused: "decided",
  first_payment: "paid",
};

export interface PublicStep {
  readonly key: PublicStepKey;
  readonly number: number;
  readonly title: string;
  /** done: passed; current: where the case is; upcoming: still ahead; none: will not happen (refusal). */
  readonly status: "done" | "current" | "upcoming" | "none";
  /** When the case reached the step (its first transition into it). */
  readonly reachedAt: Date | null;
  /** What the step means for this case, in plain French. */
  readonly detail: string | null;
}

export interface PublicTracking {
  readonly steps: readonly PublicStep[];
  readonly current: PublicStep;
  /** What the person has to do now, one sentence per open proof request; empty when nothing. */
  readonly expected: readonly string[];
}

export { euros, frenchDay };

/** The five steps as the person sees them, with the dates of the stored transitions. */
export function publicStepsOf(detail: {
  state: CaseState;
  transitions: readonly Pick<CaseTransition, "to" | "at">[];
  openProofRequests: readonly Pick<ProofRequest, "reason">[];
  decidedAmount: number | null;
  firstPaymentOn: string | null;
}): PublicTracking {
  const currentKey = STEP_OF_STATE[detail.state];
  const currentIndex = PUBLIC_STEPS.findIndex((step) => step.key === currentKey);
  const reached = new Map<PublicStepKey, Date>();
  for (const transition of [...detail.transitions].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const key = STEP_OF_STATE[transition.to];
    if (!reached.has(key)) reached.set(key, transition.at);
  }
  const refused = detail.state === "refused";
  const detailOf = (key: PublicStepKey, status: PublicStep["status"]): string | null => {
    if (key === "study" && status === "current")
      return detail.state === "awaiting_proofs"
        ? "Des justificatifs vous sont demandés : l'étude reprend dès leur réception."
        : "Votre dossier est complet, il est en cours d'étude.";
    if (key === "decided" && status !== "upcoming" && status !== "none")
      return refused
        ? "Votre demande a été refusée : la lettre de décision en donne les motifs et les voies de recours."
        : detail.decidedAmount !== null
          ? `Votre demande est accordée : ${euros(detail.decidedAmount)} brut par mois.`
          : "Votre demande est accordée.";
    if (key === "paid" && status === "none") return "Sans objet : la demande a été refusée.";
    if (key === "paid" && detail.firstPaymentOn !== null)
      return `Premier paiement le ${frenchDay(detail.firstPaymentOn)}.`;
    return null;
  };
  const steps = PUBLIC_STEPS.map((step, index): PublicStep => {
    const status: PublicStep["status"] =
      refused && step.key === "paid"
        ? "none"
        : index < currentIndex
          ? "done"
          : index === currentIndex
            ? // The payment step is the end of the journey: once reached, it is done.
              step.key === "paid"
              ? "done"
              : "current"
            : "upcoming";
    return {
      key: step.key,
      number: index + 1,
      title: step.title,
      status,
      reachedAt: status === "done" || status === "current" ? (reached.get(step.key) ?? null) : null,
      detail: detailOf(step.key, status),
    };
  });
  return {
    steps,
    current: steps[currentIndex] as PublicStep,
    expected: detail.openProofRequests.map((request) => request.reason),
  };
}

// ------------------------------------------------------------ amounts

/** A decided amount other than the engine's needs a stated reason (audited). */
export function checkDecisionAmount(input: {
  outcome: "granted" | "refused";
  computedAmount: number | null;
  decidedAmount: number | null;
  changeReason: string | null;
  refusalMotive?: string | null;
}): string | null {
  if (input.decidedAmount !== null && input.decidedAmount < 0)
    return "Le montant décidé ne peut pas être négatif.";
  if (input.outcome === "refused" && input.decidedAmount !== null)
    return "Une demande refusée n'a pas de montant décidé.";
  if (input.outcome === "refused" && !input.refusalMotive?.trim())
    return "Indiquez le motif du refus : la lettre de décision le donne à la personne.";
  if (
    input.decidedAmount !== null &&
    input.decidedAmount !== input.computedAmount &&
    !input.changeReason?.trim()
  )
    return "Le montant décidé diffère du montant calculé : indiquez le motif de la modification.";
  return null;
}

// ------------------------------------------------------------ tables

export type CaseFileTable = {
  id: Generated<number>;
  reference: string;
  insured_id: number;
  fund_code: string;
  procedure: ProcedureCode;
  submission_key: string;
  answers: ColumnType<Record<string, unknown>, string, string>;
  state: CaseState;
  complete: boolean;
  claimed_start_date: string | null;
  received_at: Date;
  target_date: string;
  paused_since: Date | null;
  paused_days: Generated<number>;
  priority: Generated<boolean>;
  assigned_staff_id: number | null;
  last_activity_at: Date;
  stall_reported_at: Date | null;
  decided_at: Date | null;
  computed_amount: number | null;
  decided_amount: number | null;
  amount_change_reason: string | null;
  first_payment_on: string | null;
};

export type CaseTransitionTable = {
  id: Generated<number>;
  case_id: number;
  from_state: CaseState | null;
  to_state: CaseState;
  at: Date;
  actor_kind: ActorKind;
  actor_id: number | null;
  reason: string | null;
};

export type CaseEventTable = {
  id: Generated<number>;
  case_id: number;
  at: Date;
  kind: CaseEventKind;
  author_kind: ActorKind;
  author_id: number | null;
  body: string;
  proof_code: string | null;
  proof_label: string | null;
  answers_event_id: number | null;
  document_ids: ColumnType<string[], string[] | undefined, string[]>;
  read_at: Date | null;
};

export type CasesTables = {
  case_file: CaseFileTable;
  case_transition: CaseTransitionTable;
  case_event: CaseEventTable;
};

// ------------------------------------------------------------ what callers read

export interface CaseSummary {
  readonly id: number;
  readonly reference: string;
  readonly insuredId: number;
  readonly fundCode: string;
  readonly procedure: ProcedureCode;
  readonly state: CaseState;
  readonly receivedAt: Date;
  /** The date the decision is due by, pushed back by every day spent awaiting proofs (YYYY-MM-DD). */
  readonly targetDate: string;
  readonly claimedStartDate: string | null;
  /** A fragile person's case, handled first. */
  readonly priority: boolean;
  readonly assignedStaffId: number | null;
  readonly lastActivityAt: Date;
  readonly atRisk: boolean;
  /** No activity for more than STALL_MONTHS months. */
  readonly stalled: boolean;
  /** Time left until the target date, in calendar and French working days. */
  readonly remaining: RemainingTime;
}

export interface CaseDetail extends CaseSummary {
  readonly answers: Record<string, unknown>;
  readonly complete: boolean;
  /** Days the clock was paused while proofs were awaited, the running pause included. */
  readonly pausedDays: number;
  readonly pausedSince: Date | null;
  readonly computedAmount: number | null;
  readonly decidedAmount: number | null;
  readonly amountChangeReason: string | null;
  readonly decidedAt: Date | null;
  readonly firstPaymentOn: string | null;
  /** Oldest first. */
  readonly transitions: readonly CaseTransition[];
  /** Transitions and events, newest first. */
  readonly timeline: readonly TimelineEntry[];
  readonly events: readonly CaseEvent[];
  readonly openProofRequests: readonly ProofRequest[];
  /** Where the commitment comes from (indicator and source) and whether the start-date rule applies. */
  readonly deadline: InitialTarget;
}
