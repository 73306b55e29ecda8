import type { ColumnType, Generated } from "kysely";
import type { Db, Tx } from "./db.ts";

export type ActorKind = "insured" | "representative" | "staff" | "system";

/** Who did what to whose file, and why (append-only: the table refuses updates and deletes). */
export interface AuditEntry {
  readonly actorKind: ActorKind;
  readonly actorId: number | null;
  readonly action: string;
  readonly insuredId: number | null;
  readonly reason: string | null;
  readonly details?: Record<string, unknown>;
}

type AuditLogTable = {
  id: Generated<number>;
  at: ColumnType<Date, never, never>;
  actor_kind: ActorKind;
  actor_id: number | null;
  action: string;
  insured_id: number | null;
  reason: string | null;
  details: ColumnType<unknown, string | null, never>;
};

type AuditTables = { audit_log: AuditLogTable };

export async function recordAudit(db: Db | Tx, entry: AuditEntry): Promise<void> {
  await db
    .withTables<AuditTables>()
    .insertInto("audit_log")
    .values({
      actor_kind: entry.actorKind,
      actor_id: entry.actorId,
      action: entry.action,
      insured_id: entry.insuredId,
      reason: entry.reason,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}

/** Everything recorded about one person's file, newest first. */
export async function auditTrailOf(db: Db | Tx, insuredId: number): Promise<(AuditEntry & { at: Date })[]> {
  const rows = await db
    .withTables<AuditTables>()
    .selectFrom("audit_log")
    .selectAll()
    .where("insured_id", "=", insuredId)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map((row) => ({
    at: row.at,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    action: row.action,
    insuredId: row.insured_id,
    reason: row.reason,
    ...(row.details ? { details: row.details as Record<string, unknown> } : {}),
  }));
}
