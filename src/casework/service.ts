import type { Principal } from "../access/policy.ts";
import { type CareerYear, careerOf, childQuartersOf } from "../career/index.ts";
import {
  type CaseActor,
  type CaseDetail,
  type CaseSummary,
  caseOf,
  caseQueue,
  PROCEDURE_LABELS,
  recordDecision,
  recordFirstPayment,
} from "../cases/index.ts";
import { documentsOf, type StoredDocument } from "../documents/index.ts";
import { dateInFrance, type Insured, insuredById, insuredByIds } from "../identity/index.ts";
import { startPension } from "../payments/index.ts";
import { recordAudit } from "../platform/audit.ts";
import type { Db } from "../platform/db.ts";
import { fundByCode } from "../reference/index.ts";
import { staffById } from "../staff/index.ts";
import type { DecisionLetter } from "./decisionLetter.ts";
import {
  type Assessment,
  assessClaim,
  type DecisionInput,
  paysPension,
  QUEUE_PAGE_SIZE,
  type QueueFilter,
} from "./model.ts";

export type StaffPrincipal = Extract<Principal, { kind: "staff" }>;

export function staffActor(staff: StaffPrincipal): CaseActor {
  return { kind: "staff", id: staff.staffId };
}

export function fundName(code: string): string {
  return fundByCode(code)?.shortName ?? code;
}

export interface QueueEntry {
  readonly summary: CaseSummary;
  readonly personName: string;
  readonly assignedName: string | null;
}

export interface QueuePage {
  readonly entries: readonly QueueEntry[];
  readonly next: string | null;
}

/**
 * One page of the queue: the staff member's fund (national staff: every fund, or the one they
 * filter on), open cases only, fragile people first, then the nearest target date.
 */
export async function queuePage(
  db: Db,
  staff: StaffPrincipal,
  filter: QueueFilter,
  after: string | undefined,
  now: Date,
): Promise<QueuePage> {
  const { cases, next } = await caseQueue(
    db,
    {
      fundCode: staff.fundCode ?? filter.fund ?? null,
      procedure: filter.procedure,
      state: filter.state,
      dueBefore: filter.dueBefore,
      assignedStaffId:
        filter.assigned === "moi" ? staff.staffId : filter.assigned === "aucun" ? "none" : undefined,
      after,
      limit: QUEUE_PAGE_SIZE,
    },
    now,
  );
  const staffIds = [
    ...new Set(cases.flatMap((c) => (c.assignedStaffId === null ? [] : [c.assignedStaffId]))),
  ];
  // One read for the page's people; the assigned staff are a handful of distinct members.
  const [people, assigned] = await Promise.all([
    insuredByIds(
      db,
      cases.map((c) => c.insuredId),
    ),
    Promise.all(staffIds.map((id) => staffById(db, id))),
  ]);
  const members = new Map(assigned.flatMap((m) => (m ? [[m.id, m]] : [])));
  return {
    entries: cases.map((summary) => {
      const person = people.get(summary.insuredId);
      return {
        summary,
        personName: person ? `${person.lastName.toUpperCase()} ${person.firstNames}` : "",
        assignedName:
          summary.assignedStaffId === null ? null : (members.get(summary.assignedStaffId)?.displayName ?? ""),
      };
    }),
    next,
  };
}

/** What the case page shows: the case, the person, their career and the engine's result, explained. */
export interface CaseFile {
  readonly detail: CaseDetail;
  readonly insured: Insured;
  readonly career: readonly CareerYear[];
  readonly childQuarters: number;
  readonly assessment: Assessment;
  readonly documents: ReadonlyMap<string, StoredDocument>;
  readonly assignedName: string | null;
}

/** The engine's monthly amount for the claimed start date; null when it does not compute one. */
export function engineAmount(assessment: Assessment): number | null {
  return assessment.kind === "computed" ? assessment.result.pension.monthly : null;
}

async function assemble(db: Db, detail: CaseDetail): Promise<Omit<CaseFile, "detail"> | undefined> {
  const insured = await insuredById(db, detail.insuredId);
  if (!insured) return undefined;
  const documentIds = [...new Set(detail.timeline.flatMap((e) => (e.type === "event" ? e.documentIds : [])))];
  const [career, awards, documents, assigned] = await Promise.all([
    careerOf(db, insured.id),
    childQuartersOf(db, insured.id),
    documentsOf(db, insured.id, documentIds),
    detail.assignedStaffId === null ? undefined : staffById(db, detail.assignedStaffId),
  ]);
  const childQuarters = awards.reduce((sum, award) => sum + award.quarters, 0);
  const engineCareer = career.map(({ year, scheme, salary, quarters }) => ({
    year,
    scheme,
    salary,
    quarters,
  }));
  return {
    insured,
    career,
    childQuarters,
    assessment: assessClaim({
      procedure: detail.procedure,
      claimedStartDate: detail.claimedStartDate,
      birthDate: insured.birthDate,
      career: engineCareer,
      childQuarters,
    }),
    documents: new Map(documents.map((d) => [d.id, d])),
    assignedName: assigned?.displayName ?? null,
  };
}

/**
 * Opens a case for a staff member: reading a personal file, so the read is written to the audit log
 * first, with the case as its reason (handling the case is why the file is opened).
 */
export async function openCaseFile(
  db: Db,
  staff: StaffPrincipal,
  caseId: number,
  now: Date,
): Promise<CaseFile | undefined> {
  const detail = await caseOf(db, caseId, now);
  if (!detail) return undefined;
  await recordAudit(db, {
    actorKind: "staff",
    actorId: staff.staffId,
    action: "case.read",
    insuredId: detail.insuredId,
    reason: `Traitement du dossier ${detail.reference}`,
    details: { caseId, reference: detail.reference },
  });
  const rest = await assemble(db, detail);
  return rest && { detail, ...rest };
}

/**
 * Records the decision. The computed amount is the engine's, computed again here from the stored case
 * and the career, never taken from the form. A refusal's motive is stored with the move to "refused",
 * where the letter reads it.
 */
export async function decideCase(
  db: Db,
  staff: StaffPrincipal,
  file: CaseFile,
  decision: DecisionInput,
  publicUrl: string,
  at: Date,
): Promise<void> {
  const computedAmount = engineAmount(file.assessment);
  await db.transaction().execute(async (tx) => {
    await recordDecision(tx, file.detail.id, {
      outcome: decision.outcome,
      computedAmount,
      decidedAmount: decision.decidedAmount,
      changeReason: decision.outcome === "granted" ? decision.changeReason : null,
      refusalMotive: decision.outcome === "refused" ? decision.changeReason : null,
      actor: staffActor(staff),
      at,
      publicUrl,
    });
    if (decision.outcome === "granted" && decision.changeReason && decision.decidedAmount !== computedAmount)
      await recordAudit(tx, {
        actorKind: "staff",
        actorId: staff.staffId,
        action: "case.amount.change",
        insuredId: file.detail.insuredId,
        reason: decision.changeReason,
        details: {
          caseId: file.detail.id,
          reference: file.detail.reference,
          computedAmount,
          decidedAmount: decision.decidedAmount,
        },
      });
  });
}

export type PaymentScheduling =
  | { readonly ok: true; readonly firstPaymentOn: string }
  | { readonly ok: false; readonly message: string };

/**
 * Puts the granted pension in payment (the person becomes a retiree, or a survivor's pension holder,
 * with their fund's payment calendar) and records the first payment day on the case, in one
 * transaction: a case never says "first payment" for a pension that is not in payment.
 */
export async function scheduleFirstPayment(
  db: Db,
  staff: StaffPrincipal,
  file: CaseFile,
  publicUrl: string,
  at: Date,
): Promise<PaymentScheduling> {
  const { detail } = file;
  if (detail.state !== "granted")
    return { ok: false, message: "Le premier paiement se programme sur une demande accordée." };
  if (!paysPension(detail.procedure) || detail.decidedAmount === null)
    return { ok: false, message: "Cette décision n'ouvre pas de paiement." };
  if (detail.procedure === "aspa")
    return {
      ok: false,
      message: "L'Aspa est versée avec la retraite : elle ne se met pas en paiement comme une pension.",
    };
  const startDate = detail.claimedStartDate ?? dateInFrance(at).slice(0, 8).concat("01");
  const result = computedPensionFacts(file.assessment);
  return db.transaction().execute(async (tx) => {
    const started = await startPension(tx, {
      insuredId: detail.insuredId,
      pension: {
        kind: detail.procedure === "survivorPension" ? "survivor" : "own_right",
        startDate,
        monthlyGross: detail.decidedAmount as number,
        ...result,
      },
      today: dateInFrance(at),
    });
    if (!started.ok)
      return {
        ok: false as const,
        message:
          started.problem === "already_in_payment"
            ? "Une retraite de ce type est déjà en paiement pour cette personne : vérifiez son dossier avant de programmer un paiement."
            : "Cette personne n'existe plus dans la base.",
      };
    await recordFirstPayment(tx, detail.id, {
      paymentDate: started.firstPaymentOn,
      actor: staffActor(staff),
      at,
      publicUrl,
    });
    return { ok: true as const, firstPaymentOn: started.firstPaymentOn };
  });
}

function computedPensionFacts(assessment: Assessment) {
  if (assessment.kind !== "computed")
    return { averageSalary: null, rate: null, quartersGeneral: null, quartersRequired: null };
  const { result } = assessment;
  return {
    averageSalary: result.averageSalary,
    rate: result.rate,
    quartersGeneral: result.quarters.general,
    quartersRequired: result.requiredQuarters,
  };
}

/** A refusal's motive: the reason stored with the move to "refused". */
function refusalMotive(detail: CaseDetail): string | null {
  return detail.transitions.find((transition) => transition.to === "refused")?.reason ?? null;
}

/** The letter's content, for a decided case; undefined while nothing is decided. */
export function decisionLetterOf(file: CaseFile): DecisionLetter | undefined {
  const { detail, insured } = file;
  const outcome = detail.state === "refused" ? "refused" : detail.decidedAt ? "granted" : undefined;
  if (!outcome || !detail.decidedAt) return undefined;
  return {
    reference: detail.reference,
    procedureLabel: PROCEDURE_LABELS[detail.procedure],
    insured,
    fundName: fundByCode(detail.fundCode)?.name ?? "L'Assurance retraite",
    outcome,
    decidedOn: dateInFrance(detail.decidedAt),
    startDate: detail.claimedStartDate,
    decidedAmount: detail.decidedAmount,
    computedAmount: detail.computedAmount,
    reason: outcome === "refused" ? refusalMotive(detail) : detail.amountChangeReason,
    assessment: file.assessment,
    firstPaymentOn: detail.firstPaymentOn,
  };
}

/** The case for its owner's letter: the same content as staff see, without an audited staff read. */
export async function caseFileForOwner(db: Db, detail: CaseDetail): Promise<CaseFile | undefined> {
  const rest = await assemble(db, detail);
  return rest && { detail, ...rest };
}
