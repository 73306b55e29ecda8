/**
 * Turns a career statement (one line per year and scheme) into the counts the pension formula needs,
 * keeping contributed quarters apart from credited and child quarters because the minimum pension,
 * long careers and the bonus only look at contributed ones.
 */
import type { CalendarDate } from "./dates.ts";
import { civilQuarter, compareDates, frenchDate } from "./dates.ts";
import { RulesError } from "./errors.ts";
import { firstThresholdYear, maxQuartersPerYear } from "./params.ts";
import { quartersFromSalary } from "./quarters.ts";

export const GENERAL_SCHEME = "general";

export interface CreditedQuarters {
  readonly contributed?: number;
  readonly unemployment?: number;
  readonly sickness?: number;
  readonly maternity?: number;
  readonly military?: number;
}

export interface CareerYear {
  readonly year: number;
  /** Gross wage subject to contributions, in euros (francs converted at 6,55957). */
  readonly salary: number;
  /** Base scheme; the general scheme when absent. */
  readonly scheme?: string;
  readonly quarters?: CreditedQuarters;
}

export interface YearCounts {
  readonly year: number;
  /** General-scheme wage of the year (all employers), before the ceiling. */
  readonly generalSalary: number;
  readonly general: number;
  readonly allSchemes: number;
  readonly contributed: number;
  readonly unemployment: number;
  readonly sickness: number;
  readonly maternity: number;
  readonly military: number;
}

export interface CareerCounts {
  readonly years: readonly YearCounts[];
  readonly general: number;
  readonly allSchemes: number;
  readonly contributed: number;
  readonly credited: number;
  readonly afterLegalAge: number;
}

interface MutableYear {
  generalSalary: number;
  generalContributed: number;
  otherContributed: number;
  generalCredited: number;
  unemployment: number;
  sickness: number;
  maternity: number;
  military: number;
}

/** Civil quarters of `year` that end before the pension starts (art. R351-1: rights stop at the end of the previous quarter). */
function quartersBeforeStart(year: number, startDate: CalendarDate): number {
  if (year < startDate.year) return maxQuartersPerYear;
  if (year > startDate.year) return 0;
  return civilQuarter(startDate) - 1;
}

/** Civil quarters of `year` that begin on or after the day the legal age is reached. */
function quartersFromDate(year: number, from: CalendarDate): number {
  if (year > from.year) return maxQuartersPerYear;
  if (year < from.year) return 0;
  const startsOnQuarter = from.day === 1 && (from.month - 1) % 3 === 0;
  return maxQuartersPerYear - civilQuarter(from) + (startsOnQuarter ? 1 : 0);
}

function positive(value: number | undefined): number {
  return value !== undefined && value > 0 ? value : 0;
}

export function summarizeCareer(
  career: readonly CareerYear[],
  birthDate: CalendarDate,
  startDate: CalendarDate,
  legalAgeDate: CalendarDate,
): CareerCounts {
  const byYear = new Map<number, MutableYear>();
  for (const line of career) {
    if (line.year < birthDate.year || line.year > startDate.year) {
      throw new RulesError(
        "annee_hors_carriere",
        `L'année ${line.year} est en dehors de la carrière (naissance le ${frenchDate(birthDate)}, départ le ${frenchDate(startDate)}).`,
      );
    }
    const stated = line.quarters?.contributed;
    if (stated === undefined && line.year < firstThresholdYear && line.salary > 0) {
      throw new RulesError(
        "trimestres_manquants",
        `Pour l'année ${line.year}, indiquez le nombre de trimestres cotisés : le seuil de validation n'est connu qu'à partir de ${firstThresholdYear}.`,
      );
    }
    const contributed = stated ?? quartersFromSalary(line.year, line.salary);
    const entry = byYear.get(line.year) ?? {
      generalSalary: 0,
      generalContributed: 0,
      otherContributed: 0,
      generalCredited: 0,
      unemployment: 0,
      sickness: 0,
      maternity: 0,
      military: 0,
    };
    const general = (line.scheme ?? GENERAL_SCHEME) === GENERAL_SCHEME;
    const credited = line.quarters;
    const creditedTotal =
      positive(credited?.unemployment) +
      positive(credited?.sickness) +
      positive(credited?.maternity) +
      positive(credited?.military);
    if (general) {
      entry.generalSalary += line.salary;
      entry.generalContributed += contributed;
      entry.generalCredited += creditedTotal;
    } else {
      entry.otherContributed += contributed;
    }
    entry.unemployment += positive(credited?.unemployment);
    entry.sickness += positive(credited?.sickness);
    entry.maternity += positive(credited?.maternity);
    entry.military += positive(credited?.military);
    byYear.set(line.year, entry);
  }

  const years: YearCounts[] = [];
  let general = 0;
  let allSchemes = 0;
  let contributed = 0;
  let credited = 0;
  let afterLegalAge = 0;
  const orderedYears = [...byYear.keys()].sort((a, b) => a - b);
  for (const year of orderedYears) {
    const entry = byYear.get(year);
    if (!entry) continue;
    // At most four quarters a year across all schemes; contributed ones are counted first.
    const limit = Math.min(maxQuartersPerYear, quartersBeforeStart(year, startDate));
    const yearContributed = Math.min(limit, entry.generalContributed + entry.otherContributed);
    const generalContributed = Math.min(yearContributed, entry.generalContributed);
    const creditedTotal = entry.unemployment + entry.sickness + entry.maternity + entry.military;
    const yearCredited = Math.min(limit - yearContributed, creditedTotal);
    const generalCredited = Math.min(yearCredited, entry.generalCredited);
    const counts: YearCounts = {
      year,
      generalSalary: entry.generalSalary,
      general: generalContributed + generalCredited,
      allSchemes: yearContributed + yearCredited,
      contributed: yearContributed,
      unemployment: entry.unemployment,
      sickness: entry.sickness,
      maternity: entry.maternity,
      military: entry.military,
    };
    years.push(counts);
    general += counts.general;
    allSchemes += counts.allSchemes;
    contributed += yearContributed;
    credited += yearCredited;
    if (compareDates(startDate, legalAgeDate) > 0) {
      const overlap = Math.max(0, limit - (maxQuartersPerYear - quartersFromDate(year, legalAgeDate)));
      afterLegalAge += Math.min(yearContributed, overlap);
    }
  }
  return { years, general, allSchemes, contributed, credited, afterLegalAge };
}
