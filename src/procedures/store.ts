import type { Selectable } from "kysely";
import type { Db, Tx } from "../platform/db.ts";
import type { Draft, DraftContent, ProcedureCode, ProcedureDraftTable, ProceduresTables } from "./model.ts";

function tables(db: Db | Tx) {
  return db.withTables<ProceduresTables>();
}

function toDraft(row: Selectable<ProcedureDraftTable>): Draft {
  const content = row.answers ?? { answers: {}, proofs: {} };
  return {
    id: row.id,
    insuredId: row.insured_id,
    procedure: row.procedure,
    answers: content.answers ?? {},
    proofs: content.proofs ?? {},
    currentStep: row.current_step,
    createdAt: row.created_at,
    lastActivityAt: row.last_activity_at,
    remindedAt: row.reminded_at,
    expiryWarnedAt: row.expiry_warned_at,
  };
}

export async function draftOf(
  db: Db | Tx,
  insuredId: number,
  procedure: ProcedureCode,
): Promise<Draft | undefined> {
  const row = await tables(db)
    .selectFrom("procedure_draft")
    .selectAll()
    .where("insured_id", "=", insuredId)
    .where("procedure", "=", procedure)
    .executeTakeFirst();
  return row && toDraft(row);
}

/** The person's draft of this procedure, locked until the transaction ends (submission, abandon). */
export async function lockedDraftOf(
  tx: Tx,
  insuredId: number,
  procedure: ProcedureCode,
): Promise<Draft | undefined> {
  const row = await tables(tx)
    .selectFrom("procedure_draft")
    .selectAll()
    .where("insured_id", "=", insuredId)
    .where("procedure", "=", procedure)
    .forUpdate()
    .executeTakeFirst();
  return row && toDraft(row);
}

export async function draftsOf(db: Db | Tx, insuredId: number): Promise<Draft[]> {
  const rows = await tables(db)
    .selectFrom("procedure_draft")
    .selectAll()
    .where("insured_id", "=", insuredId)
    .orderBy("last_activity_at", "desc")
    .execute();
  return rows.map(toDraft);
}

/**
 * The person's draft of this procedure, created if there is none. Two concurrent starts meet on the
 * unique (insured_id, procedure): the second inserts nothing and reads the first one's draft.
 */
export async function ensureDraft(
  db: Db | Tx,
  draft: { id: string; insuredId: number; procedure: ProcedureCode; content: DraftContent; at: Date },
): Promise<Draft> {
  await tables(db)
    .insertInto("procedure_draft")
    .values({
      id: draft.id,
      insured_id: draft.insuredId,
      procedure: draft.procedure,
      answers: JSON.stringify(draft.content),
      current_step: 0,
      created_at: draft.at,
      last_activity_at: draft.at,
      reminded_at: null,
      expiry_warned_at: null,
    })
    .onConflict((conflict) => conflict.columns(["insured_id", "procedure"]).doNothing())
    .execute();
  const found = await draftOf(db, draft.insuredId, draft.procedure);
  if (!found) throw new Error("draft neither inserted nor found");
  return found;
}

export async function saveDraft(
  db: Db | Tx,
  id: string,
  content: DraftContent,
  currentStep: number,
  at: Date,
): Promise<void> {
  await tables(db)
    .updateTable("procedure_draft")
    .set({ answers: JSON.stringify(content), current_step: currentStep, last_activity_at: at })
    .where("id", "=", id)
    .execute();
}

export async function deleteDraft(db: Db | Tx, id: string): Promise<void> {
  await tables(db).deleteFrom("procedure_draft").where("id", "=", id).execute();
}

/** Drafts without activity since `inactiveSince` not yet reminded for this period of inactivity. */
export async function draftsToRemind(db: Db | Tx, inactiveSince: Date): Promise<Draft[]> {
  const rows = await tables(db)
    .selectFrom("procedure_draft")
    .selectAll()
    .where("last_activity_at", "<=", inactiveSince)
    .where((eb) => eb.or([eb("reminded_at", "is", null), eb("reminded_at", "<", eb.ref("last_activity_at"))]))
    .execute();
  return rows.map(toDraft);
}

/** Drafts last active before `before`: the candidates of the expiry warning and of the deletion. */
export async function draftsInactiveBefore(db: Db | Tx, before: Date): Promise<Draft[]> {
  const rows = await tables(db)
    .selectFrom("procedure_draft")
    .selectAll()
    .where("last_activity_at", "<=", before)
    .execute();
  return rows.map(toDraft);
}

/**
 * Marks a mail as sent for the inactivity period it was decided on: nothing happens if the person came
 * back in the meantime (the draft's last activity moved), so a sweep never marks a fresh period.
 */
export async function markReminded(db: Db | Tx, draft: Draft, at: Date): Promise<boolean> {
  const result = await tables(db)
    .updateTable("procedure_draft")
    .set({ reminded_at: at })
    .where("id", "=", draft.id)
    .where("last_activity_at", "=", draft.lastActivityAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function markExpiryWarned(db: Db | Tx, draft: Draft, at: Date): Promise<boolean> {
  const result = await tables(db)
    .updateTable("procedure_draft")
    .set({ expiry_warned_at: at })
    .where("id", "=", draft.id)
    .where("last_activity_at", "=", draft.lastActivityAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes the draft if it is still as old as when it was found expired; true when it was deleted. */
export async function deleteExpiredDraft(db: Db | Tx, draft: Draft): Promise<boolean> {
  const result = await tables(db)
    .deleteFrom("procedure_draft")
    .where("id", "=", draft.id)
    .where("last_activity_at", "=", draft.lastActivityAt)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function recordSubmission(
  db: Db | Tx,
  submission: {
    draftId: string;
    insuredId: number;
    procedure: ProcedureCode;
    caseReference: string;
    at: Date;
  },
): Promise<void> {
  await tables(db)
    .insertInto("procedure_submission")
    .values({
      draft_id: submission.draftId,
      insured_id: submission.insuredId,
      procedure: submission.procedure,
      case_reference: submission.caseReference,
      submitted_at: submission.at,
    })
    .onConflict((conflict) => conflict.column("draft_id").doNothing())
    .execute();
}

/** The case reference a submitted draft of this person became; undefined for anyone else's draft. */
export async function submittedCaseReference(
  db: Db | Tx,
  draftId: string,
  insuredId: number,
): Promise<string | undefined> {
  const row = await tables(db)
    .selectFrom("procedure_submission")
    .select("case_reference")
    .where("draft_id", "=", draftId)
    .where("insured_id", "=", insuredId)
    .executeTakeFirst();
  return row?.case_reference;
}
