import type { ServiceCode } from "../catalogue/index.ts";
import type { ActorKind } from "../platform/audit.ts";
import type { Db, Tx } from "../platform/db.ts";
import type { Rating, RatingReason, SatisfactionTables } from "./model.ts";

function tables(db: Db | Tx) {
  return db.withTables<SatisfactionTables>();
}

export interface StoredRating extends Rating {
  readonly id: number;
  readonly month: string;
  readonly createdAt: Date;
}

export async function insertRating(
  db: Db | Tx,
  rating: Rating & { insuredId: number; month: string; actorKind: ActorKind; actorId: number | null },
): Promise<number> {
  const row = await tables(db)
    .insertInto("service_rating")
    .values({
      insured_id: rating.insuredId,
      service: rating.service,
      month: rating.month,
      rating: rating.rating,
      reason: rating.reason,
      comment: rating.comment,
      actor_kind: rating.actorKind,
      actor_id: rating.actorId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The person's ratings, newest first. */
export async function ratingsOf(db: Db | Tx, insuredId: number): Promise<StoredRating[]> {
  const rows = await tables(db)
    .selectFrom("service_rating")
    .selectAll()
    .where("insured_id", "=", insuredId)
    .orderBy("id", "desc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    service: row.service as ServiceCode,
    month: row.month,
    rating: row.rating,
    reason: row.reason as RatingReason | null,
    comment: row.comment,
    createdAt: row.created_at,
  }));
}
