/**
 * The French calendar of working days (jours ouvrés), per fund: Monday to Friday, minus the public
 * holidays that apply where the fund is. Dates are "YYYY-MM-DD" civil days in France.
 *
 * - Everywhere: the eleven public holidays of the Code du travail, art. L3133-1. The three movable ones
 *   follow Easter Sunday (Meeus/Jones/Butcher Gregorian algorithm): Easter Monday (+1 day), Ascension
 *   (+39 days), Whit Monday (+50 days).
 * - Alsace-Moselle (Bas-Rhin 67, Haut-Rhin 68, Moselle 57): art. L3134-13 adds 26 December everywhere,
 *   and Good Friday (Easter −2 days) in the communes that have a Protestant temple or a mixed church.
 *   Parcours treats Good Friday as a holiday for the whole Carsat Alsace-Moselle: the fund works as one
 *   office, and a deadline must not depend on the commune of the agency that received the letter.
 * - Overseas departments: art. L3422-2 makes the commemoration of the abolition of slavery a public
 *   holiday; its day is fixed for each department by décret n° 83-1003 du 23 novembre 1983, as amended by
 *   décret n° 2012-553 du 23 avril 2012: Guadeloupe 27 May, Guyane 10 June, Martinique 22 May, Mayotte
 *   27 April, La Réunion 20 December.
 *
 * Local days are attached to departments, and a fund's calendar is the one of its departments
 * (src/reference/funds.json), so the fund ↔ department mapping is read, not restated here.
 *
 * Pure: no I/O and no npm package (the rules engine and page models may import it). Libraries were
 * considered: @socialgouv/jours-feries covers Alsace-Moselle but none of the overseas days;
 * date-holidays covers more but loads lodash and js-yaml for eleven fixed rules.
 */
import { fundByCode, nationalFund } from "../reference/index.ts";

export interface Holiday {
  readonly date: string;
  readonly name: string;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function toIso(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function fromIso(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** Calendar-day arithmetic on "YYYY-MM-DD" (negative `days` go back). */
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

/** The eleven public holidays of art. L3133-1 of the Code du travail. */
function nationalHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  return [
    { date: `${year}-01-01`, name: "Jour de l'an" },
    { date: addDays(easter, 1), name: "Lundi de Pâques" },
    { date: `${year}-05-01`, name: "Fête du Travail" },
    { date: `${year}-05-08`, name: "Victoire 1945" },
    { date: addDays(easter, 39), name: "Ascension" },
    { date: addDays(easter, 50), name: "Lundi de Pentecôte" },
    { date: `${year}-07-14`, name: "Fête nationale" },
    { date: `${year}-08-15`, name: "Assomption" },
    { date: `${year}-11-01`, name: "Toussaint" },
    { date: `${year}-11-11`, name: "Armistice 1918" },
    { date: `${year}-12-25`, name: "Noël" },
  ];
}

const ABOLITION = "Abolition de l'esclavage";

/** The local holidays of a department, beyond the national ones (sources in the header). */
const LOCAL_HOLIDAYS: Readonly<Record<string, (year: number) => Holiday[]>> = (() => {
  const alsaceMoselle = (year: number): Holiday[] => [
    { date: addDays(easterSunday(year), -2), name: "Vendredi saint" },
    { date: `${year}-12-26`, name: "Saint-Étienne" },
  ];
  const abolition =
    (monthDay: string) =>
    (year: number): Holiday[] => [{ date: `${year}-${monthDay}`, name: ABOLITION }];
  return {
    "57": alsaceMoselle,
    "67": alsaceMoselle,
    "68": alsaceMoselle,
    "971": abolition("05-27"), // Guadeloupe
    "972": abolition("05-22"), // Martinique
    "973": abolition("06-10"), // Guyane
    "974": abolition("12-20"), // La Réunion
    "976": abolition("04-27"), // Mayotte
  };
})();

/** Thrown for a fund code that is neither a regional fund nor the national one. */
export class UnknownFundError extends Error {
  readonly fundCode: string;
  constructor(fundCode: string) {
    super(`Caisse inconnue « ${fundCode} ».`);
    this.fundCode = fundCode;
    this.name = "UnknownFundError";
  }
}

/** The departments whose local holidays a fund observes; the national entry observes none. */
function departmentsOf(fundCode: string): readonly string[] {
  if (fundCode === nationalFund.code) return [];
  const fund = fundByCode(fundCode);
  if (!fund) throw new UnknownFundError(fundCode);
  return fund.departments;
}

export function isKnownFund(fundCode: string): boolean {
  return fundCode === nationalFund.code || fundByCode(fundCode) !== undefined;
}

const holidayCache = new Map<string, readonly Holiday[]>();
const holidayDateCache = new Map<string, ReadonlySet<string>>();

/** The public holidays a fund observes in a year, in date order, with their French names. */
export function holidaysOf(fundCode: string, year: number): readonly Holiday[] {
  const key = `${fundCode}|${year}`;
  let holidays = holidayCache.get(key);
  if (!holidays) {
    const byDate = new Map<string, Holiday>();
    for (const holiday of nationalHolidays(year)) byDate.set(holiday.date, holiday);
    for (const department of departmentsOf(fundCode)) {
      for (const holiday of LOCAL_HOLIDAYS[department]?.(year) ?? []) {
        if (!byDate.has(holiday.date)) byDate.set(holiday.date, holiday);
      }
    }
    holidays = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
    holidayCache.set(key, holidays);
  }
  return holidays;
}

function holidayDates(fundCode: string, year: number): ReadonlySet<string> {
  const key = `${fundCode}|${year}`;
  let dates = holidayDateCache.get(key);
  if (!dates) {
    dates = new Set(holidaysOf(fundCode, year).map((holiday) => holiday.date));
    holidayDateCache.set(key, dates);
  }
  return dates;
}

export function isWorkingDay(fundCode: string, iso: string): boolean {
  const weekday = fromIso(iso).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidayDates(fundCode, Number(iso.slice(0, 4))).has(iso);
}

/** The day itself when it is a working day, otherwise the next working day. */
export function nextWorkingDay(fundCode: string, iso: string): string {
  let day = iso;
  while (!isWorkingDay(fundCode, day)) day = addDays(day, 1);
  return day;
}

/** The day itself when it is a working day, otherwise the working day before. */
export function previousWorkingDay(fundCode: string, iso: string): string {
  let day = iso;
  while (!isWorkingDay(fundCode, day)) day = addDays(day, -1);
  return day;
}

/** The date `count` working days after `iso` (the start day itself not counted). */
export function addWorkingDays(fundCode: string, iso: string, count: number): string {
  let day = iso;
  for (let added = 0; added < count; ) {
    day = addDays(day, 1);
    if (isWorkingDay(fundCode, day)) added++;
  }
  return day;
}

/** Working days strictly after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(fundCode: string, from: string, to: string): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (isWorkingDay(fundCode, day)) count++;
  }
  return count;
}

// Built once: constructing a formatter with a time zone is dear (see identity's dateInFrance).
const PARIS_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" });

/**
 * The due date of something a fund received at `receivedAt` and owes within `workingDays` working days:
 * the last day of the N-th working day after the day of receipt in Paris. The day of receipt never
 * counts, whether or not it is a working day (a letter received on Saturday counts from that Saturday:
 * Monday is its first working day, as for a letter received on Friday). `receivedAt` is an instant, or
 * the day of receipt in Paris ("YYYY-MM-DD") when only the local day is known.
 */
export function dueDate(fundCode: string, receivedAt: Date | string, workingDays: number): string {
  const day = typeof receivedAt === "string" ? receivedAt : PARIS_DATE.format(receivedAt);
  return addWorkingDays(fundCode, day, workingDays);
}
