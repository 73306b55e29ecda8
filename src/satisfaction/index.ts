export type { MonthlyUsage, RatingReason } from "./model.ts";
export { monthlyUsage, RATED_SERVICES, RATING_REASONS } from "./model.ts";
export type { StoredRating } from "./store.ts";
export { ratingsOf } from "./store.ts";
