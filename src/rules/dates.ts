/**
 * Calendar dates without time zones: pension law counts in civil days, months and quarters,
 * so a date is three integers and never a JavaScript Date (which would drag a time zone in).
 */
import { frenchDay, yearsAndMonths } from "../platform/format.ts";

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** An age or a duration in whole years and months, as the law states them ("62 ans et 9 mois"). */
export interface Age {
  readonly years: number;
  readonly months: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Parses `YYYY-MM-DD`; returns undefined for anything that is not a real calendar day. */
export function parseDate(text: string): CalendarDate | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function date(year: number, month: number, day: number): CalendarDate {
  return { year, month, day };
}

export function formatDate(d: CalendarDate): string {
  return `${String(d.year).padStart(4, "0")}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

/** Months since year 0: lets month arithmetic and comparisons stay integer. */
export function monthIndex(d: CalendarDate): number {
  return d.year * 12 + d.month - 1;
}

export function fromMonthIndex(index: number, day = 1): CalendarDate {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(day, daysInMonth(year, month)) };
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function maxDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return compareDates(a, b) >= 0 ? a : b;
}

export function ageInMonths(age: Age): number {
  return age.years * 12 + age.months;
}

export function ageFromMonths(months: number): Age {
  return { years: Math.floor(months / 12), months: months % 12 };
}

/** The day a person born on `birth` reaches `age` (the anniversary; the 29th-31st fall back to the month's end). */
export function dateAtAge(birth: CalendarDate, age: Age): CalendarDate {
  return fromMonthIndex(monthIndex(birth) + ageInMonths(age), birth.day);
}

/**
 * A pension always starts on the first day of a month, at the earliest the month after the age is
 * reached (art. R351-37 CSS); someone born on the 1st has reached it the day before, so may start that very day.
 */
export function firstStartDateAtAge(birth: CalendarDate, age: Age): CalendarDate {
  const reached = dateAtAge(birth, age);
  return reached.day === 1 ? reached : fromMonthIndex(monthIndex(reached) + 1);
}

/** Age in whole years and months reached on `on`. */
export function ageAt(birth: CalendarDate, on: CalendarDate): Age {
  let months = monthIndex(on) - monthIndex(birth);
  if (on.day < birth.day && on.day < daysInMonth(on.year, on.month)) months -= 1;
  return ageFromMonths(Math.max(0, months));
}

/** Civil quarter (1-4) a date falls in. */
export function civilQuarter(d: CalendarDate): number {
  return Math.floor((d.month - 1) / 3) + 1;
}

export function frenchDate(d: CalendarDate): string {
  return frenchDay(formatDate(d));
}

/** "2027-09-01" → "1er septembre 2027"; a text that is not such a date is given back as it is. */
export function frenchDayOf(iso: string): string {
  const parsed = parseDate(iso);
  return parsed ? frenchDay(iso) : iso;
}

export function frenchAge(age: Age): string {
  return yearsAndMonths(age);
}
