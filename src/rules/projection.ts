/**
 * Pension projections from today to the departure, under five end-of-career hypotheses (see
 * params/projection.json), each with three departure dates: the legal age, the earliest full rate and
 * the full-rate age. Future amounts are in constant euros.
 */

import { legalAgeFor } from "./age.ts";
import type { CareerYear } from "./career.ts";
import { GENERAL_SCHEME, summarizeCareer } from "./career.ts";
import type { Age, CalendarDate } from "./dates.ts";
import { ageAt, compareDates, formatDate, fromMonthIndex, maxDate, monthIndex } from "./dates.ts";
import type { LongCareerResult } from "./longCareer.ts";
import { longCareerEligibility } from "./longCareer.ts";
import projectionData from "./params/projection.json" with { type: "json" };
import type { PensionInput, PensionResult, Situation } from "./pension.ts";
import { childQuartersOf, computePension, fullRateSituation } from "./pension.ts";

export interface ProjectionInput {
  readonly birthDate: CalendarDate;
  readonly today: CalendarDate;
  readonly career: readonly CareerYear[];
  readonly childQuarters?: number;
  readonly children?: number;
  readonly mother?: boolean;
  readonly incapacity?: boolean;
  readonly situation?: Situation;
  readonly otherPensionsMonthly?: number;
}

export interface Hypothesis {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly activity: string;
  readonly salaryFactor: number;
  readonly yearlyRealGrowth: number;
}

export const hypotheses: readonly Hypothesis[] = projectionData.hypotheses;

export interface Departure {
  readonly startDate: string;
  readonly age: Age;
  readonly result: PensionResult;
}

export interface HypothesisProjection {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly earliestFullRateDate: string;
  readonly longCareerEarliestDate: string | null;
  readonly departures: {
    readonly legalAge: Departure;
    readonly earliestFullRate: Departure;
    readonly fullRateAge: Departure;
  };
}

export interface ProjectionResult {
  readonly birthDate: string;
  readonly today: string;
  readonly hypotheses: HypothesisProjection[];
}

function lastSalary(career: readonly CareerYear[]): { year: number; salary: number } {
  let found = { year: 0, salary: 0 };
  for (const line of career) {
    if ((line.scheme ?? GENERAL_SCHEME) !== GENERAL_SCHEME || line.salary <= 0) continue;
    if (line.year > found.year) found = { year: line.year, salary: line.salary };
    else if (line.year === found.year) found = { year: line.year, salary: found.salary + line.salary };
  }
  return found;
}

/** The career as stated, extended year by year up to `until` according to the hypothesis. */
function projectCareer(
  career: readonly CareerYear[],
  today: CalendarDate,
  until: CalendarDate,
  hypothesis: Hypothesis,
): CareerYear[] {
  const projected: CareerYear[] = career.filter((line) => line.year <= until.year);
  const lastStated = career.reduce((last, line) => Math.max(last, line.year), 0);
  const reference = lastSalary(career);
  for (let year = Math.max(lastStated + 1, today.year); year <= until.year; year++) {
    if (hypothesis.activity === "work") {
      const growth = (1 + hypothesis.yearlyRealGrowth) ** Math.max(0, year - reference.year);
      projected.push({ year, salary: reference.salary * hypothesis.salaryFactor * growth });
    } else if (hypothesis.activity === "unemployment") {
      projected.push({
        year,
        salary: 0,
        quarters: { contributed: 0, unemployment: projectionData.creditedQuartersPerYearUnemployed },
      });
    }
  }
  return projected;
}

function nextMonthStart(today: CalendarDate): CalendarDate {
  return today.day === 1 ? today : fromMonthIndex(monthIndex(today) + 1);
}

function pensionInput(input: ProjectionInput, startDate: CalendarDate, career: CareerYear[]): PensionInput {
  return {
    birthDate: input.birthDate,
    startDate,
    career,
    ...(input.childQuarters !== undefined ? { childQuarters: input.childQuarters } : {}),
    ...(input.children !== undefined ? { children: input.children } : {}),
    ...(input.mother !== undefined ? { mother: input.mother } : {}),
    ...(input.incapacity !== undefined ? { incapacity: input.incapacity } : {}),
    ...(input.situation !== undefined ? { situation: input.situation } : {}),
    ...(input.otherPensionsMonthly !== undefined ? { otherPensionsMonthly: input.otherPensionsMonthly } : {}),
  };
}

function departure(input: ProjectionInput, startDate: CalendarDate, hypothesis: Hypothesis): Departure {
  const career = projectCareer(input.career, input.today, startDate, hypothesis);
  return {
    startDate: formatDate(startDate),
    age: ageAt(input.birthDate, startDate),
    result: computePension(pensionInput(input, startDate, career)),
  };
}

/** First start date, from `from`, at which the whole required duration is reached (or the full-rate age). */
function earliestFullRate(input: ProjectionInput, from: CalendarDate, hypothesis: Hypothesis): CalendarDate {
  const childQuarters = childQuartersOf(pensionInput(input, from, []));
  let index = monthIndex(from);
  for (;;) {
    const start = fromMonthIndex(index);
    const legal = legalAgeFor(input.birthDate, start);
    const situation = compareDates(start, legal.legalAgeStartDate) >= 0 && fullRateSituation(input);
    if (situation || compareDates(start, legal.fullRateAgeStartDate) >= 0) return start;
    const career = projectCareer(input.career, input.today, start, hypothesis);
    const counts = summarizeCareer(career, input.birthDate, start, legal.legalAgeDate);
    if (counts.allSchemes + childQuarters >= legal.requiredQuarters) return start;
    index++;
  }
}

/** Earliest long-career departure before the legal age, if the projected career allows one. */
function longCareerEarliest(
  input: ProjectionInput,
  notBefore: CalendarDate,
  legalStart: CalendarDate,
  hypothesis: Hypothesis,
): CalendarDate | null {
  const childQuarters = childQuartersOf(pensionInput(input, legalStart, []));
  const evaluate = (start: CalendarDate): LongCareerResult => {
    const legal = legalAgeFor(input.birthDate, start);
    const career = projectCareer(input.career, input.today, start, hypothesis);
    const counts = summarizeCareer(career, input.birthDate, start, legal.legalAgeDate);
    return longCareerEligibility(input.birthDate, start, counts, childQuarters, legal);
  };
  const justBefore = fromMonthIndex(monthIndex(legalStart) - 1);
  if (compareDates(justBefore, notBefore) < 0) return null;
  const step = evaluate(justBefore);
  if (!step.earliestStartDate) return null;
  const from = maxDate(step.earliestStartDate, notBefore);
  for (let index = monthIndex(from); index < monthIndex(legalStart); index++) {
    const start = fromMonthIndex(index);
    if (evaluate(start).eligible) return start;
  }
  return null;
}

export function projectPension(input: ProjectionInput): ProjectionResult {
  const earliestPossible = nextMonthStart(input.today);
  const firstLegal = legalAgeFor(input.birthDate);
  const legalStart = maxDate(firstLegal.legalAgeStartDate, earliestPossible);
  const fullRateAgeStart = maxDate(firstLegal.fullRateAgeStartDate, earliestPossible);
  return {
    birthDate: formatDate(input.birthDate),
    today: formatDate(input.today),
    hypotheses: hypotheses.map((hypothesis) => {
      const fullRateStart = earliestFullRate(input, legalStart, hypothesis);
      const early = longCareerEarliest(input, earliestPossible, legalStart, hypothesis);
      return {
        id: hypothesis.id,
        label: hypothesis.label,
        description: hypothesis.description,
        earliestFullRateDate: formatDate(fullRateStart),
        longCareerEarliestDate: early ? formatDate(early) : null,
        departures: {
          legalAge: departure(input, legalStart, hypothesis),
          earliestFullRate: departure(input, fullRateStart, hypothesis),
          fullRateAge: departure(input, fullRateAgeStart, hypothesis),
        },
      };
    }),
  };
}
