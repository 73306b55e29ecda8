import { dateInFrance, displayNameOf, insuredById } from "../identity/index.ts";
import { recordAudit } from "../platform/audit.ts";
import { addDays } from "../platform/calendar.ts";
import type { Db, Tx } from "../platform/db.ts";
import { queueMail } from "../platform/mail.ts";
import {
  type CaseActor,
  type CaseDetail,
  CaseError,
  type CaseEventKind,
  type CaseState,
  type CaseSummary,
  caseReference,
  checkDecisionAmount,
  checkMove,
  daysBetween,
  effectiveTargetDate,
  euros,
  frenchDay,
  fromInsuredSide,
  initialTargetDate,
  isAtRisk,
  isOpen,
  isStalled,
  MESSAGE_MAX_LENGTH,
  openProofRequestsIn,
  PROCEDURE_LABELS,
  PROOF_COMMENT_MAX_LENGTH,
  type ProcedureCode,
  type ProofRequest,
  remainingTime,
  STATE_LABELS,
  stallCutoff,
  timelineOf,
} from "./model.ts";
import {
  type CaseRow,
  caseByReference,
  caseBySubmissionKey,
  caseRow,
  caseRowsOf,
  eventsOf,
  insertCase,
  insertEvent,
  insertTransition,
  lockCase,
  markEventsRead,
  nextCaseId,
  openProofRequestRowsOf,
  type QueueFilter,
  type QueueKey,
  queueRows,
  stalledCaseIds,
  transitionsOf,
  updateCase,
} from "./store.ts";

/** The path of a case in the person's space; mails link to it from the public address. */
export function casePath(reference: string): string {
  return `/espace/dossiers/${reference}`;
}

const SIGNATURE =
  "\n\nL'Assurance retraite\nCe courriel est envoyé automatiquement, merci de ne pas y répondre : écrivez-nous depuis votre dossier.";

/** Runs `fn` in the caller's transaction when given one, in a new one otherwise. */
function inTransaction<T>(db: Db | Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Tx) : db.transaction().execute(fn);
}

function summaryOf(row: CaseRow, now: Date): CaseSummary {
  const today = dateInFrance(now);
  const targetDate = effectiveTargetDate(
    row.target_date,
    row.paused_since && dateInFrance(row.paused_since),
    today,
  );
  return {
    id: row.id,
    reference: row.reference,
    insuredId: row.insured_id,
    fundCode: row.fund_code,
    procedure: row.procedure,
    state: row.state,
    receivedAt: row.received_at,
    targetDate,
    claimedStartDate: row.claimed_start_date,
    priority: row.priority,
    assignedStaffId: row.assigned_staff_id,
    lastActivityAt: row.last_activity_at,
    atRisk: isAtRisk({
      state: row.state,
      targetDate,
      lastActivityAt: row.last_activity_at,
      today,
      now,
      fundCode: row.fund_code,
    }),
    stalled: isOpen(row.state) && isStalled(row.last_activity_at, now),
    remaining: remainingTime(targetDate, today, row.fund_code),
  };
}

function auditActor(actor: CaseActor) {
  return { actorKind: actor.kind, actorId: actor.id };
}

async function mailPerson(
  tx: Tx,
  row: CaseRow,
  publicUrl: string,
  subject: string,
  paragraphs: readonly string[],
): Promise<void> {
  const person = await insuredById(tx, row.insured_id);
  if (!person?.email) return;
  const link = new URL(casePath(row.reference), publicUrl).href;
  const label = PROCEDURE_LABELS[row.procedure];
  await queueMail(tx, {
    to: person.email,
    subject,
    text: `Bonjour ${displayNameOf(person)},\n\n${paragraphs.join("\n\n")}\n\nVotre dossier ${row.reference} (${label.charAt(0).toLowerCase()}${label.slice(1)}) dans votre espace personnel :\n${link}${SIGNATURE}`,
  });
}

/**
 * The change of state itself: stored with who, when and why, audited; entering "awaiting proofs"
 * pauses the clock, leaving it pushes the target date back by the days the pause lasted.
 */
async function applyMove(
  tx: Tx,
  row: CaseRow,
  to: CaseState,
  actor: CaseActor,
  reason: string | null,
  at: Date,
): Promise<CaseRow> {
  checkMove(row.state, to);
  const patch: Parameters<typeof updateCase>[2] = { state: to, last_activity_at: at };
  if (to === "awaiting_proofs") patch.paused_since = at;
  if (row.state === "awaiting_proofs" && row.paused_since) {
    const paused = Math.max(0, daysBetween(dateInFrance(row.paused_since), dateInFrance(at)));
    patch.paused_since = null;
    patch.paused_days = row.paused_days + paused;
    patch.target_date = addDays(row.target_date, paused);
  }
  await updateCase(tx, row.id, patch);
  await insertTransition(tx, {
    caseId: row.id,
    from: row.state,
    to,
    at,
    actorKind: actor.kind,
    actorId: actor.id,
    reason,
  });
  await recordAudit(tx, {
    ...auditActor(actor),
    action: "case.move",
    insuredId: row.insured_id,
    reason,
    details: { caseId: row.id, reference: row.reference, from: row.state, to },
  });
  return { ...row, ...patch } as CaseRow;
}

async function lockedCase(tx: Tx, caseId: number): Promise<CaseRow> {
  const row = await lockCase(tx, caseId);
  if (!row) throw new CaseError("Ce dossier n'existe pas.");
  return row;
}

// ------------------------------------------------------------ opening

export interface OpenCaseInput {
  readonly insuredId: number;
  readonly procedure: ProcedureCode;
  readonly submissionKey: string;
  readonly answers: Record<string, unknown>;
  readonly documentIds: readonly string[];
  readonly claimedStartDate: string | null;
  readonly complete: boolean;
  readonly actor: CaseActor;
  readonly at: Date;
}

/**
 * Opens the case in the caller's transaction (db may be a Tx); idempotent on submissionKey: a second
 * call with the same key returns the existing case with created=false and changes nothing. The fund
 * and the priority are the person's on the day of submission.
 */
export async function openCase(
  db: Db | Tx,
  input: OpenCaseInput,
): Promise<{ case: CaseSummary; created: boolean }> {
  return inTransaction(db, async (tx) => {
    const existing = await caseBySubmissionKey(tx, input.submissionKey);
    if (existing) return { case: summaryOf(sameOwner(existing, input.insuredId), input.at), created: false };
    const person = await insuredById(tx, input.insuredId);
    if (!person) throw new CaseError("La personne de cette demande est inconnue.");
    const receivedOn = dateInFrance(input.at);
    const id = await nextCaseId(tx);
    const inserted = await insertCase(tx, {
      id,
      reference: caseReference(input.procedure, Number(receivedOn.slice(0, 4)), id),
      insuredId: input.insuredId,
      fundCode: person.fundCode,
      procedure: input.procedure,
      submissionKey: input.submissionKey,
      answers: input.answers,
      complete: input.complete,
      claimedStartDate: input.claimedStartDate,
      receivedAt: input.at,
      targetDate: initialTargetDate({ ...input, receivedOn }).targetDate,
      priority: person.situation.fragile,
    });
    if (!inserted) {
      // A concurrent submission with the same key committed first: that one is the case.
      const winner = await caseBySubmissionKey(tx, input.submissionKey);
      if (!winner) throw new CaseError("La demande n'a pas pu être enregistrée.");
      return { case: summaryOf(sameOwner(winner, input.insuredId), input.at), created: false };
    }
    await insertTransition(tx, {
      caseId: id,
      from: null,
      to: "received",
      at: input.at,
      actorKind: input.actor.kind,
      actorId: input.actor.id,
      reason: null,
    });
    if (input.documentIds.length > 0) {
      await insertEvent(tx, {
        caseId: id,
        kind: "message",
        at: input.at,
        authorKind: input.actor.kind,
        authorId: input.actor.id,
        body: "Justificatifs joints à la demande.",
        documentIds: input.documentIds,
      });
    }
    await recordAudit(tx, {
      ...auditActor(input.actor),
      action: "case.open",
      insuredId: input.insuredId,
      reason: null,
      details: { caseId: id, reference: inserted.reference, procedure: input.procedure },
    });
    return { case: summaryOf(inserted, input.at), created: true };
  });
}

/** A submission key is a secret of one person's draft: never hand someone else's case back. */
function sameOwner(row: CaseRow, insuredId: number): CaseRow {
  if (row.insured_id !== insuredId) throw new CaseError("Cette demande a déjà été déposée.");
  return row;
}

// ------------------------------------------------------------ reading

export async function caseOf(
  db: Db | Tx,
  caseId: number,
  now: Date = new Date(),
): Promise<CaseDetail | undefined> {
  const row = await caseRow(db, caseId);
  return row && detailOf(db, row, now);
}

/** The case with this reference, only when it is the person's: anyone else gets undefined (404). */
export async function caseOfReference(
  db: Db | Tx,
  reference: string,
  insuredId: number,
  now: Date = new Date(),
): Promise<CaseDetail | undefined> {
  const row = await caseByReference(db, reference);
  return row && row.insured_id === insuredId ? detailOf(db, row, now) : undefined;
}

async function detailOf(db: Db | Tx, row: CaseRow, now: Date): Promise<CaseDetail> {
  const [transitions, events] = await Promise.all([transitionsOf(db, row.id), eventsOf(db, row.id)]);
  const summary = summaryOf(row, now);
  const running = row.paused_since
    ? Math.max(0, daysBetween(dateInFrance(row.paused_since), dateInFrance(now)))
    : 0;
  return {
    ...summary,
    answers: row.answers,
    complete: row.complete,
    pausedDays: row.paused_days + running,
    pausedSince: row.paused_since,
    computedAmount: row.computed_amount,
    decidedAmount: row.decided_amount,
    amountChangeReason: row.amount_change_reason,
    decidedAt: row.decided_at,
    firstPaymentOn: row.first_payment_on,
    transitions,
    timeline: timelineOf(transitions, events),
    events,
    openProofRequests: openProofRequestsIn(events),
    deadline: initialTargetDate({
      procedure: row.procedure,
      receivedOn: dateInFrance(row.received_at),
      claimedStartDate: row.claimed_start_date,
      complete: row.complete,
    }),
  };
}

/** The person's cases, newest first. */
export async function casesOf(
  db: Db | Tx,
  insuredId: number,
  now: Date = new Date(),
): Promise<CaseSummary[]> {
  return (await caseRowsOf(db, insuredId)).map((row) => summaryOf(row, now));
}

/** What is asked of the person across their cases, for the personal-space home. */
export async function openProofRequestsOf(
  db: Db | Tx,
  insuredId: number,
): Promise<Array<ProofRequest & { caseId: number; reference: string }>> {
  return (await openProofRequestRowsOf(db, insuredId)).map((event) => ({
    eventId: event.id,
    proofCode: event.proofCode ?? "",
    proofLabel: event.proofLabel ?? "",
    reason: event.body,
    requestedAt: event.at,
    requestedBy: event.author,
    caseId: event.caseId,
    reference: event.reference,
  }));
}

// ------------------------------------------------------------ staff actions

/** Guarded: throws CaseTransitionError (French message) on a forbidden move. */
export async function moveCase(
  db: Db | Tx,
  caseId: number,
  to: CaseState,
  actor: CaseActor,
  reason: string,
  at: Date,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    await applyMove(tx, await lockedCase(tx, caseId), to, actor, reason.trim() || null, at);
  });
}

/** Gives the case to a case worker, or back to the fund's queue (null). Audited. */
export async function assignCase(
  db: Db | Tx,
  caseId: number,
  staffId: number | null,
  actor: CaseActor,
  at: Date,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await lockedCase(tx, caseId);
    await updateCase(tx, caseId, { assigned_staff_id: staffId });
    await recordAudit(tx, {
      ...auditActor(actor),
      action: "case.assign",
      insuredId: row.insured_id,
      reason: null,
      details: {
        caseId,
        reference: row.reference,
        from: row.assigned_staff_id,
        to: staffId,
        at: at.toISOString(),
      },
    });
  });
}

export interface MailLink {
  /** The public address of Parcours: mails link to the case from it. */
  readonly publicUrl: string;
}

/**
 * Asks the person for a proof, named as they will read it, with the reason in plain words: the case
 * waits for it (the clock is paused) and the person is told by mail.
 */
export async function requestProof(
  db: Db | Tx,
  caseId: number,
  request: { proofCode: string; proofLabel: string; reason: string; actor: CaseActor; at: Date } & MailLink,
): Promise<void> {
  const reason = request.reason.trim();
  const label = request.proofLabel.trim();
  if (!label) throw new CaseError("Indiquez le justificatif demandé.");
  if (!reason) throw new CaseError("Indiquez à la personne pourquoi ce justificatif est demandé.");
  await inTransaction(db, async (tx) => {
    let row = await lockedCase(tx, caseId);
    if (row.state !== "awaiting_proofs")
      row = await applyMove(
        tx,
        row,
        "awaiting_proofs",
        request.actor,
        `Justificatif demandé : ${label} — ${reason}`,
        request.at,
      );
    else await updateCase(tx, caseId, { last_activity_at: request.at });
    await insertEvent(tx, {
      caseId,
      kind: "proof_request",
      at: request.at,
      authorKind: request.actor.kind,
      authorId: request.actor.id,
      body: reason,
      proofCode: request.proofCode,
      proofLabel: label,
    });
    await recordAudit(tx, {
      ...auditActor(request.actor),
      action: "case.proof.request",
      insuredId: row.insured_id,
      reason,
      details: { caseId, reference: row.reference, proofCode: request.proofCode, proofLabel: label },
    });
    await mailPerson(tx, row, request.publicUrl, "Un justificatif est demandé pour votre dossier", [
      `Pour continuer l'étude de votre dossier, nous avons besoin du justificatif suivant : ${label}.`,
      `Pourquoi : ${reason}`,
      "Vous pouvez le déposer dans votre dossier en ligne (PDF, JPEG ou PNG). L'étude reprend dès sa réception.",
    ]);
  });
}

/**
 * The person answers a proof request with documents and a comment. When nothing else is awaited, the
 * study resumes (the clock restarts).
 */
export async function answerProofRequest(
  db: Db | Tx,
  caseId: number,
  requestEventId: number,
  answer: { documentIds: readonly string[]; body: string; actor: CaseActor; at: Date },
): Promise<void> {
  if (answer.documentIds.length === 0) throw new CaseError("Joignez le justificatif demandé.");
  if (answer.body.trim().length > PROOF_COMMENT_MAX_LENGTH)
    throw new CaseError(`Le commentaire ne doit pas dépasser ${PROOF_COMMENT_MAX_LENGTH} caractères.`);
  await inTransaction(db, async (tx) => {
    const row = await lockedCase(tx, caseId);
    const events = await eventsOf(tx, caseId);
    const open = openProofRequestsIn(events);
    if (!open.some((request) => request.eventId === requestEventId))
      throw new CaseError("Ce justificatif n'est plus demandé : il a déjà été envoyé.");
    await insertEvent(tx, {
      caseId,
      kind: "proof_answer",
      at: answer.at,
      authorKind: answer.actor.kind,
      authorId: answer.actor.id,
      body: answer.body.trim(),
      answersEventId: requestEventId,
      documentIds: answer.documentIds,
    });
    if (open.length === 1 && row.state === "awaiting_proofs")
      await applyMove(tx, row, "under_review", answer.actor, "Justificatifs reçus", answer.at);
    else await updateCase(tx, caseId, { last_activity_at: answer.at });
    await recordAudit(tx, {
      ...auditActor(answer.actor),
      action: "case.proof.answer",
      insuredId: row.insured_id,
      reason: null,
      details: { caseId, reference: row.reference, requestEventId, documents: answer.documentIds.length },
    });
  });
}

/**
 * A message on the case. From staff, the person is told by mail; from the person, it waits in the
 * case worker's view until read.
 */
export async function postMessage(
  db: Db | Tx,
  caseId: number,
  message: { body: string; documentIds: readonly string[]; actor: CaseActor; at: Date } & MailLink,
): Promise<void> {
  const body = message.body.trim();
  if (!body) throw new CaseError("Écrivez votre message.");
  if (body.length > MESSAGE_MAX_LENGTH)
    throw new CaseError(`Le message ne doit pas dépasser ${MESSAGE_MAX_LENGTH} caractères.`);
  const fromStaff = !fromInsuredSide(message.actor);
  await inTransaction(db, async (tx) => {
    const row = await lockedCase(tx, caseId);
    await insertEvent(tx, {
      caseId,
      kind: "message",
      at: message.at,
      authorKind: message.actor.kind,
      authorId: message.actor.id,
      body,
      documentIds: message.documentIds,
    });
    await updateCase(tx, caseId, { last_activity_at: message.at });
    await recordAudit(tx, {
      ...auditActor(message.actor),
      action: "case.message",
      insuredId: row.insured_id,
      reason: null,
      details: { caseId, reference: row.reference, documents: message.documentIds.length },
    });
    if (fromStaff)
      await mailPerson(tx, row, message.publicUrl, "Vous avez un nouveau message sur votre dossier", [
        "Votre conseiller vous a écrit au sujet de votre dossier. Pour le lire et lui répondre, connectez-vous à votre espace personnel.",
      ]);
  });
}

/** What each side reads: the person never sees staff alerts. */
const READ_BY: Readonly<
  Record<"insured" | "staff", { authors: CaseActor["kind"][]; kinds: CaseEventKind[] }>
> = {
  insured: {
    authors: ["staff", "system"],
    kinds: ["message", "proof_request", "reassurance", "decision", "payment_scheduled"],
  },
  staff: { authors: ["insured", "representative"], kinds: ["message", "proof_answer"] },
};

/** Marks read everything the other side wrote on the case. */
export async function markRead(
  db: Db | Tx,
  caseId: number,
  reader: "insured" | "staff",
  at: Date,
): Promise<void> {
  await markEventsRead(db, caseId, READ_BY[reader].authors, READ_BY[reader].kinds, at);
}

// ------------------------------------------------------------ the queue

function encodeCursor(key: QueueKey): string {
  return Buffer.from(`${key.priority ? 1 : 0}|${key.targetDate}|${key.id}`).toString("base64url");
}

function decodeCursor(cursor: string): QueueKey {
  const match = /^([01])\|(\d{4}-\d{2}-\d{2})\|(\d+)$/.exec(Buffer.from(cursor, "base64url").toString());
  if (!match) throw new CaseError("Cette page de la file n'existe pas : revenez au début de la file.");
  return { priority: match[1] === "1", targetDate: match[2] as string, id: Number(match[3]) };
}

/** Open cases only; fragile first, then target date (the nearest, so at risk, first), keyset-paginated. */
export async function caseQueue(
  db: Db | Tx,
  filter: Omit<QueueFilter, "limit"> & { after?: string | undefined; limit: number },
  now: Date = new Date(),
): Promise<{ cases: CaseSummary[]; next: string | null }> {
  const after = filter.after ? decodeCursor(filter.after) : undefined;
  const rows = await queueRows(db, { ...filter, limit: filter.limit + 1 }, after);
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    cases: page.map((row) => summaryOf(row, now)),
    next:
      rows.length > filter.limit && last
        ? encodeCursor({ priority: last.priority, targetDate: last.target_date, id: last.id })
        : null,
  };
}

// ------------------------------------------------------------ decision and payment

/**
 * The decision, from "verified": the engine's amount is stored; a different decided amount needs a
 * reason (audited). The person is told by mail; the letter is served by the case-work pages.
 */
export async function recordDecision(
  db: Db | Tx,
  caseId: number,
  decision: {
    outcome: "granted" | "refused";
    computedAmount: number | null;
    decidedAmount: number | null;
    changeReason: string | null;
    /** Why a claim is refused (required for a refusal): the transition's reason, read by the letter. */
    refusalMotive?: string | null;
    actor: CaseActor;
    at: Date;
  } & MailLink,
): Promise<void> {
  const problem = checkDecisionAmount(decision);
  if (problem) throw new CaseError(problem);
  const decidedAmount =
    decision.outcome === "granted" ? (decision.decidedAmount ?? decision.computedAmount) : null;
  const changed = decidedAmount !== null && decidedAmount !== decision.computedAmount;
  const changeReason = changed ? (decision.changeReason?.trim() ?? null) : null;
  await inTransaction(db, async (tx) => {
    const row = await applyMove(
      tx,
      await lockedCase(tx, caseId),
      decision.outcome,
      decision.actor,
      decision.outcome === "refused" ? (decision.refusalMotive?.trim() ?? null) : changeReason,
      decision.at,
    );
    await updateCase(tx, caseId, {
      decided_at: decision.at,
      computed_amount: decision.computedAmount,
      decided_amount: decidedAmount,
      amount_change_reason: changeReason,
    });
    const body =
      decision.outcome === "granted"
        ? `Votre demande est accordée${decidedAmount !== null ? ` : ${euros(decidedAmount)} brut par mois` : ""}.`
        : `Votre demande est refusée. Motif : ${decision.refusalMotive?.trim()}. La lettre de décision donne les voies de recours.`;
    await insertEvent(tx, {
      caseId,
      kind: "decision",
      at: decision.at,
      authorKind: decision.actor.kind,
      authorId: decision.actor.id,
      body,
    });
    await recordAudit(tx, {
      ...auditActor(decision.actor),
      action: "case.decide",
      insuredId: row.insured_id,
      reason: changeReason,
      details: {
        caseId,
        reference: row.reference,
        outcome: decision.outcome,
        computedAmount: decision.computedAmount,
        decidedAmount,
      },
    });
    await mailPerson(tx, row, decision.publicUrl, "La décision sur votre demande est prise", [
      body,
      "La lettre de décision est disponible dans votre dossier en ligne.",
    ]);
  });
}

/** granted -> first_payment: the date of the first payment is scheduled and the person told. */
export async function recordFirstPayment(
  db: Db | Tx,
  caseId: number,
  payment: { paymentDate: string; actor: CaseActor; at: Date } & MailLink,
): Promise<void> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(payment.paymentDate))
    throw new CaseError("Indiquez la date du premier paiement au format JJ/MM/AAAA.");
  await inTransaction(db, async (tx) => {
    const row = await applyMove(
      tx,
      await lockedCase(tx, caseId),
      "first_payment",
      payment.actor,
      null,
      payment.at,
    );
    await updateCase(tx, caseId, { first_payment_on: payment.paymentDate });
    const body = `Votre premier paiement est programmé le ${frenchDay(payment.paymentDate)}.`;
    await insertEvent(tx, {
      caseId,
      kind: "payment_scheduled",
      at: payment.at,
      authorKind: payment.actor.kind,
      authorId: payment.actor.id,
      body,
    });
    await recordAudit(tx, {
      ...auditActor(payment.actor),
      action: "case.payment.schedule",
      insuredId: row.insured_id,
      reason: null,
      details: { caseId, reference: row.reference, paymentDate: payment.paymentDate },
    });
    await mailPerson(tx, row, payment.publicUrl, "Votre premier paiement est programmé", [
      body,
      "Les paiements suivants ont lieu chaque mois ; leur calendrier est dans votre espace personnel, rubrique « Mes paiements ».",
    ]);
  });
}

// ------------------------------------------------------------ the stall watch

/**
 * The daily job: every open case with no activity for more than two months, not yet reported for this
 * stall, gets a reassurance message to the person (timeline + mail) and an alert for the case worker
 * (the assigned one, or the fund's queue). Idempotent: a case is reported once per stall. Each case in
 * its own transaction, so one failure does not hold back the others' reports.
 */
export async function reportStalledCases(db: Db, now: Date, publicUrl: string): Promise<number> {
  const cutoff = stallCutoff(now);
  let reported = 0;
  for (const caseId of await stalledCaseIds(db, cutoff)) {
    const done = await db.transaction().execute(async (tx) => {
      const row = await lockedCase(tx, caseId);
      const stillStalled =
        isOpen(row.state) &&
        row.last_activity_at < cutoff &&
        (row.stall_reported_at === null || row.stall_reported_at < row.last_activity_at);
      if (!stillStalled) return false;
      const body =
        "Votre dossier est toujours en cours de traitement. Son étude prend plus de temps que prévu ; nous ne vous avons pas oublié. Vous n'avez rien à faire : nous reviendrons vers vous dès qu'il avance.";
      await insertEvent(tx, {
        caseId,
        kind: "reassurance",
        at: now,
        authorKind: "system",
        authorId: null,
        body,
      });
      await insertEvent(tx, {
        caseId,
        kind: "stall_alert",
        at: now,
        authorKind: "system",
        authorId: null,
        body: `Aucune activité depuis le ${row.last_activity_at.toLocaleDateString("fr-FR", {
          timeZone: "Europe/Paris",
        })} (état : ${STATE_LABELS[row.state]}). Un message de réassurance a été envoyé à la personne.${
          row.assigned_staff_id === null ? " Dossier non attribué : à prendre dans la file de la caisse." : ""
        }`,
      });
      await updateCase(tx, caseId, { stall_reported_at: now });
      await recordAudit(tx, {
        actorKind: "system",
        actorId: null,
        action: "case.stall.report",
        insuredId: row.insured_id,
        reason: null,
        details: { caseId, reference: row.reference, assignedStaffId: row.assigned_staff_id },
      });
      await mailPerson(tx, row, publicUrl, "Votre dossier est toujours suivi", [body]);
      return true;
    });
    if (done) reported++;
  }
  return reported;
}
