/**
 * French working days (jours ouvrés): Monday to Friday, minus the eleven national public holidays of
 * art. L3133-1 of the Code du travail. The three movable ones follow Easter (Meeus/Jones/Butcher
 * Gregorian algorithm): Easter Monday, Ascension (+39 days), Whit Monday (+50 days). Alsace-Moselle's
 * extra days (Good Friday, 26 December) are local and not counted here. Dates are "YYYY-MM-DD".
 */

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function toIso(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function fromIso(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export function addDays(iso: string, days: number): string {
  const date = fromIso(iso);
  date.setUTCDate(date.getUTCDate() + days);
  return toIso(date);
}

export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const holidayCache = new Map<number, ReadonlySet<string>>();

/** The national public holidays of a year. */
export function publicHolidays(year: number): ReadonlySet<string> {
  let holidays = holidayCache.get(year);
  if (!holidays) {
    const easter = easterSunday(year);
    holidays = new Set([
      `${year}-01-01`,
      addDays(easter, 1),
      `${year}-05-01`,
      `${year}-05-08`,
      addDays(easter, 39),
      addDays(easter, 50),
      `${year}-07-14`,
      `${year}-08-15`,
      `${year}-11-01`,
      `${year}-11-11`,
      `${year}-12-25`,
    ]);
    holidayCache.set(year, holidays);
  }
  return holidays;
}

export function isWorkingDay(iso: string): boolean {
  const weekday = fromIso(iso).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !publicHolidays(Number(iso.slice(0, 4))).has(iso);
}

/** The day itself when it is a working day, otherwise the next working day. */
export function nextWorkingDay(iso: string): string {
  let day = iso;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** The date `count` working days after `iso` (the start day itself not counted). */
export function addWorkingDays(iso: string, count: number): string {
  let day = iso;
  for (let added = 0; added < count; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) added++;
  }
  return day;
}

/** Working days strictly after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (isWorkingDay(day)) count++;
  }
  return count;
}
