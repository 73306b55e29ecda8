import { type Selectable, sql, type Updateable } from "kysely";
import type { Db, Tx } from "../platform/db.ts";
import {
  type ActorKind,
  type CaseEvent,
  type CaseEventKind,
  type CaseEventTable,
  type CaseFileTable,
  type CaseState,
  type CasesTables,
  type CaseTransition,
  type CaseTransitionTable,
  CLOSED_STATES,
  type ProcedureCode,
} from "./model.ts";

function tables(db: Db | Tx) {
  return db.withTables<CasesTables>();
}

export type CaseRow = Selectable<CaseFileTable>;

export function toTransition(row: Selectable<CaseTransitionTable>): CaseTransition {
  return {
    id: row.id,
    from: row.from_state,
    to: row.to_state,
    at: row.at,
    actor: { kind: row.actor_kind, id: row.actor_id },
    reason: row.reason,
  };
}

export function toEvent(row: Selectable<CaseEventTable>): CaseEvent {
  return {
    id: row.id,
    kind: row.kind,
    at: row.at,
    author: { kind: row.author_kind, id: row.author_id },
    body: row.body,
    proofCode: row.proof_code,
    proofLabel: row.proof_label,
    answersEventId: row.answers_event_id,
    documentIds: row.document_ids,
    readAt: row.read_at,
  };
}

/** The id the next case will get: the reference is built from it before the row is written. */
export async function nextCaseId(tx: Tx): Promise<number> {
  const result = await sql<{
    id: number;
  }>`select nextval(pg_get_serial_sequence('case_file', 'id')) as id`.execute(tx);
  return Number(result.rows[0]?.id);
}

export interface NewCaseRow {
  readonly id: number;
  readonly reference: string;
  readonly insuredId: number;
  readonly fundCode: string;
  readonly procedure: ProcedureCode;
  readonly submissionKey: string;
  readonly answers: Record<string, unknown>;
  readonly complete: boolean;
  readonly claimedStartDate: string | null;
  readonly receivedAt: Date;
  readonly targetDate: string;
  readonly priority: boolean;
}

/** Writes the case unless one exists with this submission key; undefined then (nothing written). */
export async function insertCase(tx: Tx, row: NewCaseRow): Promise<CaseRow | undefined> {
  return tables(tx)
    .insertInto("case_file")
    .values({
      id: row.id,
      reference: row.reference,
      insured_id: row.insuredId,
      fund_code: row.fundCode,
      procedure: row.procedure,
      submission_key: row.submissionKey,
      answers: JSON.stringify(row.answers),
      state: "received",
      complete: row.complete,
      claimed_start_date: row.claimedStartDate,
      received_at: row.receivedAt,
      target_date: row.targetDate,
      paused_since: null,
      priority: row.priority,
      assigned_staff_id: null,
      last_activity_at: row.receivedAt,
      stall_reported_at: null,
      decided_at: null,
      computed_amount: null,
      decided_amount: null,
      amount_change_reason: null,
      first_payment_on: null,
    })
    .onConflict((oc) => oc.column("submission_key").doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function caseBySubmissionKey(db: Db | Tx, submissionKey: string): Promise<CaseRow | undefined> {
  return tables(db)
    .selectFrom("case_file")
    .selectAll()
    .where("submission_key", "=", submissionKey)
    .executeTakeFirst();
}

export async function caseRow(db: Db | Tx, caseId: number): Promise<CaseRow | undefined> {
  return tables(db).selectFrom("case_file").selectAll().where("id", "=", caseId).executeTakeFirst();
}

/** The case locked for a change: concurrent changes of one case take turns. */
export async function lockCase(tx: Tx, caseId: number): Promise<CaseRow | undefined> {
  return tables(tx)
    .selectFrom("case_file")
    .selectAll()
    .where("id", "=", caseId)
    .forUpdate()
    .executeTakeFirst();
}

export async function caseByReference(db: Db | Tx, reference: string): Promise<CaseRow | undefined> {
  return tables(db).selectFrom("case_file").selectAll().where("reference", "=", reference).executeTakeFirst();
}

/** The person's cases, newest first. */
export async function caseRowsOf(db: Db | Tx, insuredId: number): Promise<CaseRow[]> {
  return tables(db)
    .selectFrom("case_file")
    .selectAll()
    .where("insured_id", "=", insuredId)
    .orderBy("received_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

export async function transitionsOf(db: Db | Tx, caseId: number): Promise<CaseTransition[]> {
  const rows = await tables(db)
    .selectFrom("case_transition")
    .selectAll()
    .where("case_id", "=", caseId)
    .orderBy("at")
    .orderBy("id")
    .execute();
  return rows.map(toTransition);
}

export async function eventsOf(db: Db | Tx, caseId: number): Promise<CaseEvent[]> {
  const rows = await tables(db)
    .selectFrom("case_event")
    .selectAll()
    .where("case_id", "=", caseId)
    .orderBy("at")
    .orderBy("id")
    .execute();
  return rows.map(toEvent);
}

export async function insertTransition(
  tx: Tx,
  transition: {
    caseId: number;
    from: CaseState | null;
    to: CaseState;
    at: Date;
    actorKind: ActorKind;
    actorId: number | null;
    reason: string | null;
  },
): Promise<void> {
  await tables(tx)
    .insertInto("case_transition")
    .values({
      case_id: transition.caseId,
      from_state: transition.from,
      to_state: transition.to,
      at: transition.at,
      actor_kind: transition.actorKind,
      actor_id: transition.actorId,
      reason: transition.reason,
    })
    .execute();
}

export async function insertEvent(
  tx: Tx,
  event: {
    caseId: number;
    kind: CaseEventKind;
    at: Date;
    authorKind: ActorKind;
    authorId: number | null;
    body: string;
    proofCode?: string | null;
    proofLabel?: string | null;
    answersEventId?: number | null;
    documentIds?: readonly string[];
  },
): Promise<number> {
  const row = await tables(tx)
    .insertInto("case_event")
    .values({
      case_id: event.caseId,
      kind: event.kind,
      at: event.at,
      author_kind: event.authorKind,
      author_id: event.authorId,
      body: event.body,
      proof_code: event.proofCode ?? null,
      proof_label: event.proofLabel ?? null,
      answers_event_id: event.answersEventId ?? null,
      document_ids: [...(event.documentIds ?? [])],
      read_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export type CasePatch = Partial<
  Pick<
    Updateable<CaseFileTable>,
    | "state"
    | "target_date"
    | "paused_since"
    | "paused_days"
    | "assigned_staff_id"
    | "last_activity_at"
    | "stall_reported_at"
    | "decided_at"
    | "computed_amount"
    | "decided_amount"
    | "amount_change_reason"
    | "first_payment_on"
  >
>;

export async function updateCase(tx: Tx, caseId: number, patch: CasePatch): Promise<void> {
  await tables(tx)
    .updateTable("case_file")
    .set(patch as never)
    .where("id", "=", caseId)
    .execute();
}

/** Proof requests of the person's cases that no answer has met, oldest first. */
export async function openProofRequestRowsOf(
  db: Db | Tx,
  insuredId: number,
): Promise<Array<CaseEvent & { caseId: number; reference: string }>> {
  const rows = await tables(db)
    .selectFrom("case_event as request")
    .innerJoin("case_file", "case_file.id", "request.case_id")
    .selectAll("request")
    .select(["case_file.reference"])
    .where("case_file.insured_id", "=", insuredId)
    .where("request.kind", "=", "proof_request")
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("case_event as answer")
            .select("answer.id")
            .whereRef("answer.answers_event_id", "=", "request.id")
            .where("answer.kind", "=", "proof_answer"),
        ),
      ),
    )
    .orderBy("request.at")
    .orderBy("request.id")
    .execute();
  return rows.map((row) => ({ ...toEvent(row), caseId: row.case_id, reference: row.reference }));
}

/** Marks read what the other side wrote and `reader` has not read yet. */
export async function markEventsRead(
  tx: Db | Tx,
  caseId: number,
  authors: readonly ActorKind[],
  kinds: readonly CaseEventKind[],
  at: Date,
): Promise<number> {
  const result = await tables(tx)
    .updateTable("case_event")
    .set({ read_at: at })
    .where("case_id", "=", caseId)
    .where("read_at", "is", null)
    .where("author_kind", "in", authors)
    .where("kind", "in", kinds)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface QueueFilter {
  readonly fundCode: string | null;
  readonly procedure?: ProcedureCode | undefined;
  readonly state?: CaseState | undefined;
  readonly dueBefore?: string | undefined;
  readonly assignedStaffId?: number | "none" | undefined;
  readonly limit: number;
}

export interface QueueKey {
  readonly priority: boolean;
  readonly targetDate: string;
  readonly id: number;
}

/**
 * Open cases in queue order — fragile people first, then the nearest target date — after `after`.
 * Written so PostgreSQL walks the partial index case_file_queue (fund_code, priority desc, target_date,
 * id) in order and stops at the limit: the keyset condition is a range of that index.
 */
export function queueQuery(db: Db | Tx, filter: QueueFilter, after: QueueKey | undefined) {
  let query = tables(db)
    .selectFrom("case_file")
    .selectAll()
    .where("state", "not in", CLOSED_STATES as CaseState[]);
  if (filter.fundCode !== null) query = query.where("fund_code", "=", filter.fundCode);
  if (filter.procedure) query = query.where("procedure", "=", filter.procedure);
  if (filter.state) query = query.where("state", "=", filter.state);
  if (filter.dueBefore) query = query.where("target_date", "<", filter.dueBefore);
  if (filter.assignedStaffId === "none") query = query.where("assigned_staff_id", "is", null);
  else if (filter.assignedStaffId !== undefined)
    query = query.where("assigned_staff_id", "=", filter.assignedStaffId);
  if (after) {
    const tail = sql<boolean>`(case_file.target_date, case_file.id) > (${after.targetDate}::date, ${after.id}::bigint)`;
    query = after.priority
      ? query.where((eb) => eb.or([eb("priority", "=", false), eb.and([eb("priority", "=", true), tail])]))
      : query.where("priority", "=", false).where(tail);
  }
  return query.orderBy("priority", "desc").orderBy("target_date").orderBy("id").limit(filter.limit);
}

export function queueRows(db: Db | Tx, filter: QueueFilter, after: QueueKey | undefined): Promise<CaseRow[]> {
  return queueQuery(db, filter, after).execute();
}

/**
 * Open cases with no activity since `cutoff` whose current stall has not been reported yet (a report
 * older than the last activity belongs to an earlier stall).
 */
export async function stalledCaseIds(db: Db | Tx, cutoff: Date): Promise<number[]> {
  const rows = await tables(db)
    .selectFrom("case_file")
    .select("id")
    .where("state", "not in", CLOSED_STATES as CaseState[])
    .where("last_activity_at", "<", cutoff)
    .where((eb) =>
      eb.or([eb("stall_reported_at", "is", null), eb("stall_reported_at", "<", eb.ref("last_activity_at"))]),
    )
    .orderBy("last_activity_at")
    .execute();
  return rows.map((row) => row.id);
}
