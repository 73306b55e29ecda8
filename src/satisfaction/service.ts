import { dateInFrance } from "../identity/index.ts";
import type { ActorKind } from "../platform/audit.ts";
import type { Db } from "../platform/db.ts";
import { checkRating, monthOf, type Rating, type RatingField, type RatingForm } from "./model.ts";
import { insertRating } from "./store.ts";

export type RatingOutcome =
  | { readonly ok: false; readonly errors: Partial<Record<RatingField, string>> }
  | { readonly ok: true; readonly id: number; readonly month: string; readonly rating: Rating };

/** Stores a rating under the month it was given (French calendar); a wrong answer stores nothing. */
export async function rateService(
  db: Db,
  ownerId: number,
  actor: { actorKind: ActorKind; actorId: number | null },
  form: RatingForm,
  at: Date,
): Promise<RatingOutcome> {
  const checked = checkRating(form);
  if (!checked.ok) return checked;
  const month = monthOf(dateInFrance(at));
  const id = await insertRating(db, { ...checked.value, insuredId: ownerId, month, ...actor });
  return { ok: true, id, month, rating: checked.value };
}
