import type { Generated } from "kysely";
import { catalogueFor, type Service, type ServiceCode } from "../catalogue/model.ts";

/**
 * Ratings of the personal-space services: an optional mark from 1 to 10, a reason from a short list and
 * a free comment, kept per service and month for the monthly usage table (seed 000 §2.1.2.2). Pure.
 */

export const RATING_REASONS = {
  easy: "C'était simple",
  clear: "Les informations sont claires",
  fast: "C'était rapide",
  hard: "C'était compliqué",
  unclear: "Je n'ai pas tout compris",
  missing: "Il manque quelque chose",
  technical: "Un problème technique",
  other: "Autre raison",
} as const;

export type RatingReason = keyof typeof RATING_REASONS;

export const COMMENT_MAX = 1000;

const NO_SITUATION = {
  receivesAah: false,
  receivesRsa: false,
  invalidityPension: false,
  disability: false,
  livesAbroad: false,
  selfEmployed: false,
  fragile: false,
};

/** Every service of the catalogue, whatever the profile: the union of the four profiles' catalogues. */
export const RATED_SERVICES: ReadonlyMap<ServiceCode, Service> = new Map(
  [
    { age: 30, retiree: false },
    { age: 50, retiree: false },
    { age: 60, retiree: false },
    { age: 70, retiree: true },
  ].flatMap((facts) =>
    catalogueFor({ ...facts, situation: NO_SITUATION }).services.map(
      (service) => [service.code, service] as const,
    ),
  ),
);

export interface RatingForm {
  readonly service: string;
  readonly rating: string;
  readonly reason: string;
  readonly comment: string;
}

export type RatingField = "service" | "rating" | "reason" | "comment";

export interface Rating {
  readonly service: ServiceCode;
  readonly rating: number | null;
  readonly reason: RatingReason | null;
  readonly comment: string | null;
}

export type CheckedRating =
  | { readonly ok: true; readonly value: Rating }
  | { readonly ok: false; readonly errors: Partial<Record<RatingField, string>> };

/** Everything is optional, but an empty answer says nothing: at least a mark, a reason or a comment. */
export function checkRating(form: RatingForm): CheckedRating {
  const errors: Partial<Record<RatingField, string>> = {};
  const service = RATED_SERVICES.has(form.service as ServiceCode) ? (form.service as ServiceCode) : undefined;
  if (!service)
    errors.service =
      form.service === ""
        ? "Choisissez le service que vous avez utilisé."
        : "Ce service n'existe pas dans votre espace.";
  const ratingText = form.rating.trim();
  const rating = ratingText === "" ? null : Number(ratingText);
  if (rating !== null && !(Number.isInteger(rating) && rating >= 1 && rating <= 10))
    errors.rating = "La note est un nombre entier de 1 à 10.";
  const reason = form.reason === "" ? null : form.reason;
  if (reason !== null && !(reason in RATING_REASONS)) errors.reason = "Choisissez une raison dans la liste.";
  const comment = form.comment.trim();
  if (comment.length > COMMENT_MAX)
    errors.comment = `Le commentaire ne peut pas dépasser ${COMMENT_MAX} caractères (il en compte ${comment.length}).`;
  if (Object.keys(errors).length === 0 && rating === null && reason === null && comment === "")
    errors.rating = "Donnez une note, une raison ou un commentaire, ou revenez simplement à votre espace.";
  if (!service || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      service,
      rating,
      reason: reason as RatingReason | null,
      comment: comment === "" ? null : comment,
    },
  };
}

/** "2026-11-01": the first day of the month of a French date ("2026-11-21"). */
export function monthOf(frenchDate: string): string {
  return `${frenchDate.slice(0, 7)}-01`;
}

export interface MonthlyUsage {
  readonly service: ServiceCode;
  readonly month: string;
  /** Answers received, with or without a mark. */
  readonly count: number;
  readonly rated: number;
  /** Mean of the marks, to one decimal; null when no answer has a mark. */
  readonly mean: number | null;
}

/** One line per service and month, in month then catalogue order. */
export function monthlyUsage(
  ratings: readonly {
    readonly service: ServiceCode;
    readonly month: string;
    readonly rating: number | null;
  }[],
): MonthlyUsage[] {
  const groups = new Map<
    string,
    { service: ServiceCode; month: string; count: number; rated: number; sum: number }
  >();
  for (const { service, month, rating } of ratings) {
    const key = `${month} ${service}`;
    const group = groups.get(key) ?? { service, month, count: 0, rated: 0, sum: 0 };
    group.count++;
    if (rating !== null) {
      group.rated++;
      group.sum += rating;
    }
    groups.set(key, group);
  }
  const order = [...RATED_SERVICES.keys()];
  return [...groups.values()]
    .sort((a, b) => a.month.localeCompare(b.month) || order.indexOf(a.service) - order.indexOf(b.service))
    .map(({ sum, ...group }) => ({
      ...group,
      mean: group.rated === 0 ? null : Math.round((sum / group.rated) * 10) / 10,
    }));
}

// ------------------------------------------------------------ tables (migrations/0013_satisfaction.sql)

export type ServiceRatingTable = {
  id: Generated<number>;
  insured_id: number;
  service: ServiceCode;
  month: string;
  rating: number | null;
  reason: RatingReason | null;
  comment: string | null;
  created_at: Generated<Date>;
  actor_kind: string;
  actor_id: number | null;
};

export type SatisfactionTables = { service_rating: ServiceRatingTable };
