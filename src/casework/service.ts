import type { Principal } from "../access/index.ts";
import { type CareerYear, careerOf, childQuartersOf } from "../career/index.ts";
import {
  type CaseActor,
  type CaseDetail,
  type CaseSummary,
  caseQueue,
  PROCEDURE_LABELS,
  recordDecision,
  recordFirstPayment,
} from "../cases/index.ts";
import { documentsOf, type StoredDocument } from "../documents/index.ts";
import {
  dateInFrance,
  displayNameOf,
  formatNir,
  type Insured,
  insuredBornOn,
  insuredById,
  insuredByIds,
  insuredByNir,
} from "../identity/index.ts";
import { pensionsOf, startPension } from "../payments/index.ts";
import { recordAudit } from "../platform/audit.ts";
import type { Db } from "../platform/db.ts";
import {
  type Answers,
  aspaClaimFacts,
  type SurvivorClaimFacts,
  survivorClaimFacts,
} from "../procedures/index.ts";
import { fundByCode } from "../reference/index.ts";
import { frenchDate, parseDate } from "../rules/index.ts";
import { staffById } from "../staff/index.ts";
import type { DecisionLetter } from "./decisionLetter.ts";
import {
  ASPA_PAYMENT,
  type Assessment,
  amountText,
  assessClaim,
  type DeceasedPension,
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
  return assessment.kind === "computed" ? assessment.monthly : null;
}

/** Names compared without case, accents or punctuation: "DUBOIS Philippe" is "Philippe Dubois". */
function nameKey(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean)
    .sort()
    .join(" ");
}

/**
 * The deceased, when they are a person of the base: by the social security number given in the claim,
 * else by the name and birth date declared when exactly one person matches both.
 */
async function deceasedPersonOf(
  db: Db,
  facts: SurvivorClaimFacts,
  claimantId: number,
): Promise<Insured | string> {
  if (facts.deceasedNir) {
    const found = await insuredByNir(db, facts.deceasedNir);
    if (!found) return "aucune personne de la base n'a le numéro de sécurité sociale donné dans la demande.";
    if (found.id === claimantId)
      return "le numéro de sécurité sociale donné pour elle dans la demande est celui de la personne qui demande la réversion.";
    if (facts.deceasedBirthDate && found.birthDate !== facts.deceasedBirthDate)
      return "la personne qui a le numéro de sécurité sociale donné dans la demande n'est pas née le jour déclaré : vérifiez le numéro sur l'acte de décès.";
    return found;
  }
  const wanted = nameKey(facts.deceasedName);
  const matches = facts.deceasedBirthDate
    ? (await insuredBornOn(db, facts.deceasedBirthDate)).filter(
        (person) => person.id !== claimantId && nameKey(`${person.firstNames} ${person.lastName}`) === wanted,
      )
    : [];
  if (matches.length === 1) return matches[0] as Insured;
  return matches.length === 0
    ? "la demande ne donne pas son numéro de sécurité sociale, et aucune personne de la base ne porte ce nom avec cette date de naissance."
    : "la demande ne donne pas son numéro de sécurité sociale, et plusieurs personnes de la base portent ce nom avec cette date de naissance.";
}

async function deceasedPensionOf(
  db: Db,
  facts: SurvivorClaimFacts,
  claimantId: number,
): Promise<{ pension: DeceasedPension; deceasedId: number | null }> {
  const person = await deceasedPersonOf(db, facts, claimantId);
  if (typeof person === "string") return { pension: { known: false, why: person }, deceasedId: null };
  const own = (await pensionsOf(db, person.id)).find((pension) => pension.kind === "own_right");
  if (!own)
    return {
      pension: {
        known: false,
        why: `${displayNameOf(person)} (${formatNir(person.nir)}) est dans la base, mais aucune retraite de base du régime général n'y est en paiement.`,
      },
      deceasedId: person.id,
    };
  const start = parseDate(own.startDate);
  return {
    pension: {
      known: true,
      annual: Math.round(own.monthlyGross * 12 * 100) / 100,
      source: `retraite en paiement depuis le ${start ? frenchDate(start) : own.startDate}, ${amountText(own.monthlyGross)} € brut par mois, n° ${formatNir(person.nir)}`,
    },
    deceasedId: person.id,
  };
}

interface Assembled extends Omit<CaseFile, "detail"> {
  /** The deceased person of the base whose pension the survivor's calculation read, if any. */
  readonly deceasedId: number | null;
}

async function assemble(db: Db, detail: CaseDetail): Promise<Assembled | undefined> {
  const insured = await insuredById(db, detail.insuredId);
  if (!insured) return undefined;
  const answers = detail.answers as Answers;
  const survivor = detail.procedure === "survivorPension" ? survivorClaimFacts(answers) : null;
  const documentIds = [...new Set(detail.timeline.flatMap((e) => (e.type === "event" ? e.documentIds : [])))];
  const [career, awards, documents, assigned, deceased] = await Promise.all([
    careerOf(db, insured.id),
    childQuartersOf(db, insured.id),
    documentsOf(db, insured.id, documentIds),
    detail.assignedStaffId === null ? undefined : staffById(db, detail.assignedStaffId),
    survivor ? deceasedPensionOf(db, survivor, insured.id) : undefined,
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
      receivedOn: dateInFrance(detail.receivedAt),
      birthDate: insured.birthDate,
      personName: displayNameOf(insured),
      incapacity:
        insured.situation.invalidityPension || insured.situation.disability || insured.situation.receivesAah,
      career: engineCareer,
      childQuarters,
      survivor,
      deceasedPension: deceased?.pension ?? null,
      aspa: detail.procedure === "aspa" ? aspaClaimFacts(answers) : null,
    }),
    documents: new Map(documents.map((d) => [d.id, d])),
    assignedName: assigned?.displayName ?? null,
    deceasedId: deceased?.deceasedId ?? null,
  };
}

/**
 * Opens a case for a staff member — the case the route's access check has already read: reading a
 * personal file, so the read is written to the audit log first, with the case as its reason (handling
 * the case is why the file is opened).
 */
export async function openCaseFile(
  db: Db,
  staff: StaffPrincipal,
  detail: CaseDetail,
): Promise<CaseFile | undefined> {
  const caseId = detail.id;
  await recordAudit(db, {
    actorKind: "staff",
    actorId: staff.staffId,
    action: "case.read",
    insuredId: detail.insuredId,
    reason: `Traitement du dossier ${detail.reference}`,
    details: { caseId, reference: detail.reference },
  });
  const assembled = await assemble(db, detail);
  if (!assembled) return undefined;
  const { deceasedId, ...rest } = assembled;
  // The deceased's pension is read from their own file: that read is traced on it too.
  if (deceasedId !== null)
    await recordAudit(db, {
      actorKind: "staff",
      actorId: staff.staffId,
      action: "case.read",
      insuredId: deceasedId,
      reason: `Pension de réversion demandée dans le dossier ${detail.reference}`,
      details: { caseId, reference: detail.reference },
    });
  return { detail, ...rest };
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
  if (detail.procedure === "aspa") return { ok: false, message: ASPA_PAYMENT };
  if (!paysPension(detail.procedure) || detail.decidedAmount === null)
    return { ok: false, message: "Cette décision n'ouvre pas de paiement." };
  const startDate =
    file.assessment.kind === "computed"
      ? file.assessment.startDate
      : (detail.claimedStartDate ?? dateInFrance(at).slice(0, 8).concat("01"));
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
  if (assessment.kind !== "computed" || assessment.pension === null)
    return { averageSalary: null, rate: null, quartersGeneral: null, quartersRequired: null };
  return assessment.pension;
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
    startDate:
      detail.claimedStartDate ?? (file.assessment.kind === "computed" ? file.assessment.startDate : null),
    decidedAmount: detail.decidedAmount,
    computedAmount: detail.computedAmount,
    reason: outcome === "refused" ? refusalMotive(detail) : detail.amountChangeReason,
    assessment: file.assessment,
    firstPaymentOn: detail.firstPaymentOn,
  };
}

/** The case for its owner's letter: the same content as staff see, without an audited staff read. */
export async function caseFileForOwner(db: Db, detail: CaseDetail): Promise<CaseFile | undefined> {
  const assembled = await assemble(db, detail);
  if (!assembled) return undefined;
  const { deceasedId: _deceasedId, ...rest } = assembled;
  return { detail, ...rest };
}
