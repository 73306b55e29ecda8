/** Helpers shared by the engine's tests. */
import type { CareerYear } from "./career.ts";
import type { CalendarDate } from "./dates.ts";
import { parseDate } from "./dates.ts";

export function day(text: string): CalendarDate {
  const parsed = parseDate(text);
  if (!parsed) throw new Error(`Date de test invalide : ${text}`);
  return parsed;
}

/** A career with the same gross wage every year from `first` to `last` inclusive. */
export function steadyCareer(first: number, last: number, salary: number): CareerYear[] {
  const career: CareerYear[] = [];
  for (let year = first; year <= last; year++) career.push({ year, salary });
  return career;
}
