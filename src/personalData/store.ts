import type { ActorKind } from "../platform/audit.ts";
import type { Db, Tx } from "../platform/db.ts";
import type { CorrectionTopic, PersonalDataTables } from "./model.ts";

function tables(db: Db | Tx) {
  return db.withTables<PersonalDataTables>();
}

export interface CorrectionRequest {
  readonly id: number;
  readonly topic: CorrectionTopic;
  readonly correction: string;
  readonly createdAt: Date;
}

export async function insertCorrectionRequest(
  db: Db | Tx,
  request: {
    insuredId: number;
    topic: CorrectionTopic;
    correction: string;
    actorKind: ActorKind;
    actorId: number | null;
  },
): Promise<number> {
  const row = await tables(db)
    .insertInto("data_correction_request")
    .values({
      insured_id: request.insuredId,
      topic: request.topic,
      correction: request.correction,
      actor_kind: request.actorKind,
      actor_id: request.actorId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function correctionRequestsOf(db: Db | Tx, insuredId: number): Promise<CorrectionRequest[]> {
  const rows = await tables(db)
    .selectFrom("data_correction_request")
    .selectAll()
    .where("insured_id", "=", insuredId)
    .orderBy("id", "desc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    topic: row.topic,
    correction: row.correction,
    createdAt: row.created_at,
  }));
}
