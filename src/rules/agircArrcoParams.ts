/**
 * Typed access to `params/agircArrco.json`: the Agirc-Arrco complementary pension's yearly parameters
 * (contractual rates, purchase price of the point) turned into dense arrays once, for the per-year loop.
 */

import type { CalendarDate } from "./dates.ts";
import { compareDates, parseDate } from "./dates.ts";
import data from "./params/agircArrco.json" with { type: "json" };

function mustParse(text: string): CalendarDate {
  const parsed = parseDate(text);
  if (!parsed) throw new Error(`Paramètre invalide : date ${text}`);
  return parsed;
}

/** First career year that earns points: before it the record holds no complementary scheme we can model. */
export const FIRST_POINTS_YEAR: number = data.firstYear;
/** UNIRS points were turned into Arrco points at this rate on 1 January 1999. */
export const UNIRS_CONVERSION: number = data.unirsConversion.value;
/** First year of the unified Arrco point (before it, the UNIRS reference salary and conversion apply). */
export const FIRST_ARRCO_YEAR = 1999;

const lastReferenceYear = data.referenceSalary[data.referenceSalary.length - 1]?.year ?? FIRST_POINTS_YEAR;
export const LAST_REFERENCE_YEAR: number = lastReferenceYear;

const yearCount = lastReferenceYear - FIRST_POINTS_YEAR + 1;
const referenceByYear = new Float64Array(yearCount);
const tranche1ByYear = new Float64Array(yearCount);
const tranche2ByYear = new Float64Array(yearCount);
const tranche2TopByYear = new Float64Array(yearCount);
{
  // A year missing from the tables kept the previous year's value (e.g. no change in 2015 or 2021).
  let reference = 0;
  let rate = data.rates[0];
  for (let year = FIRST_POINTS_YEAR; year <= lastReferenceYear; year++) {
    const row = data.referenceSalary.find((r) => r.year === year);
    if (row) reference = row.value;
    for (const r of data.rates) if (r.fromYear <= year) rate = r;
    const i = year - FIRST_POINTS_YEAR;
    referenceByYear[i] = reference;
    tranche1ByYear[i] = rate?.tranche1 ?? 0;
    tranche2ByYear[i] = rate?.tranche2 ?? 0;
    tranche2TopByYear[i] = rate?.tranche2UpToCeilings ?? 0;
  }
}

function indexOf(year: number): number {
  return Math.min(year, lastReferenceYear) - FIRST_POINTS_YEAR;
}

export interface PointsYearParams {
  /** Purchase price of one point that year, in the year's own scheme (UNIRS before 1999). */
  readonly referenceSalary: number;
  readonly tranche1Rate: number;
  readonly tranche2Rate: number;
  /** Top of tranche 2 in ceilings (3 PASS for non-managers before 2019, 8 PASS since). */
  readonly tranche2UpToCeilings: number;
}

/** Parameters of a career year from FIRST_POINTS_YEAR; years after the last known keep its values. */
export function pointsYearParams(year: number): PointsYearParams {
  const i = indexOf(year);
  return {
    referenceSalary: referenceByYear[i] ?? 0,
    tranche1Rate: tranche1ByYear[i] ?? 0,
    tranche2Rate: tranche2ByYear[i] ?? 0,
    tranche2UpToCeilings: tranche2TopByYear[i] ?? 0,
  };
}

/** Dense views for hot loops (bench, batch): index `year - FIRST_POINTS_YEAR`, clamp to the last year. */
export const pointsTables = {
  referenceByYear,
  tranche1ByYear,
  tranche2ByYear,
  tranche2TopByYear,
} as const;

const pointValues = data.pointValue.map((r) => ({ from: mustParse(r.from), value: r.value }));
export const LAST_POINT_VALUE_DATE: CalendarDate =
  pointValues[pointValues.length - 1]?.from ?? mustParse("1999-01-01");
export const FIRST_POINT_VALUE_DATE: CalendarDate = pointValues[0]?.from ?? mustParse("1999-01-01");

/** Service value of one point in force on `on` (the Arrco point before 2019, Agirc-Arrco since). */
export function pointValueOn(on: CalendarDate): number {
  let found = pointValues[0]?.value ?? 0;
  for (const row of pointValues) {
    if (compareDates(row.from, on) <= 0) found = row.value;
    else break;
  }
  return found;
}

/** Permanent reduction by whole years early (1 → 0,96 … 10 → 0,43); linear by quarter in between. */
export const minorationByYears: readonly number[] = [1, ...data.minoration.rows.map((r) => r.coefficient)];

export const solidarity = {
  coefficient: data.solidarity.coefficient,
  years: data.solidarity.years,
  untilAge: data.solidarity.untilAge,
  bornFrom: mustParse(data.solidarity.bornFrom),
  pensionsFrom: mustParse(data.solidarity.pensionsFrom),
  newPensionsUntil: mustParse(data.solidarity.newPensionsUntil),
  endedForAllOn: mustParse(data.solidarity.endedForAllOn),
  deferralQuartersToAvoid: data.solidarity.deferralQuartersToAvoid,
} as const;

export const survivorShare: number = data.survivor.share;
export const survivorMinimumAge: number = data.survivor.minimumAge;

/** Temporary increase for a deferral of 8, 12 or 16 quarters after the full rate (one year). */
export const temporaryBonus = {
  steps: data.solidarity.bonus,
  years: data.solidarity.bonusYears,
  keptIfBornBefore: mustParse(data.solidarity.bonusKeptIfBornBefore),
} as const;
