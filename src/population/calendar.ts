/**
 * Dates in the generator's hot loops are plain integers, never objects: a day number (days since
 * 1970-01-01) for arithmetic, or a packed `year * 10000 + month * 100 + day` for comparison and output.
 * The rules engine's CalendarDate objects are built only where the engine is called.
 */
import type { CalendarDate } from "../rules/index.ts";

/** Days since 1970-01-01 of a civil date (proleptic Gregorian; H. Hinnant's days_from_civil). */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Packed date of a day number (civil_from_days). */
export function packedFromDay(days: number): number {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return year * 10000 + month * 100 + day;
}

export function pack(date: CalendarDate): number {
  return date.year * 10000 + date.month * 100 + date.day;
}

export function unpack(packed: number): CalendarDate {
  return { year: Math.floor(packed / 10000), month: Math.floor(packed / 100) % 100, day: packed % 100 };
}

export function yearOf(packed: number): number {
  return Math.floor(packed / 10000);
}

export function monthOf(packed: number): number {
  return Math.floor(packed / 100) % 100;
}

/** Months since year 0 of a packed date: month arithmetic stays integer. */
export function monthIndexOf(packed: number): number {
  return yearOf(packed) * 12 + monthOf(packed) - 1;
}

/** Packed first day of a month index. */
export function firstOfMonth(monthIndex: number): number {
  const year = Math.floor(monthIndex / 12);
  return year * 10000 + (monthIndex - year * 12 + 1) * 100 + 1;
}

export function dayNumberOf(packed: number): number {
  return dayNumber(yearOf(packed), monthOf(packed), packed % 100);
}

/** "YYYY-MM-DD" of a packed date. */
export function isoDate(packed: number): string {
  const year = yearOf(packed);
  const month = monthOf(packed);
  const day = packed % 100;
  return `${year}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

export function parseIsoDate(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new RangeError(`Date invalide : ${text}`);
  return Number(match[1]) * 10000 + Number(match[2]) * 100 + Number(match[3]);
}

/** Whole years reached on `on` by someone born on `birth` (both packed). */
export function ageOn(birth: number, on: number): number {
  const years = yearOf(on) - yearOf(birth);
  return on % 10000 >= birth % 10000 ? years : years - 1;
}
