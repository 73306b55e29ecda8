/**
 * Typed access to the dated parameter files in `params/`. Lookups by date or year are turned into
 * dense arrays once at load time so the hot paths (batch, projection) never search a table.
 */

import type { Age, CalendarDate } from "./dates.ts";
import { compareDates, formatDate, parseDate } from "./dates.ts";
import aspaData from "./params/aspa.json" with { type: "json" };
import earlyRetirementData from "./params/earlyRetirement.json" with { type: "json" };
import familyData from "./params/family.json" with { type: "json" };
import generationsData from "./params/generations.json" with { type: "json" };
import longCareerData from "./params/longCareer.json" with { type: "json" };
import minimumPensionData from "./params/minimumPension.json" with { type: "json" };
import quarterValidationData from "./params/quarterValidation.json" with { type: "json" };
import ratesData from "./params/rates.json" with { type: "json" };
import revaluationData from "./params/salaryRevaluation.json" with { type: "json" };
import revaluationCnavData from "./params/salaryRevaluationCnav.json" with { type: "json" };
import smicData from "./params/smicHourly.json" with { type: "json" };
import ceilingData from "./params/socialSecurityCeiling.json" with { type: "json" };
import survivorData from "./params/survivorPension.json" with { type: "json" };

export type RegimeId = "law2010" | "law2023" | "suspension2026";

export interface Regime {
  readonly id: RegimeId;
  readonly from: CalendarDate;
  readonly label: string;
  readonly reference: string;
}

export interface GenerationRow {
  readonly bornFrom: CalendarDate;
  readonly bornTo: CalendarDate | undefined;
  readonly legalAge: Readonly<Record<RegimeId, Age>>;
  readonly requiredQuarters: Readonly<Record<RegimeId, number>>;
  readonly prorataQuarters: number | null;
  readonly fullRateAge: Age;
  readonly reductionPerQuarter: number;
  readonly averageSalaryYears: number;
}

function mustParse(text: string): CalendarDate {
  const parsed = parseDate(text);
  if (!parsed) throw new Error(`Paramètre invalide : date ${text}`);
  return parsed;
}

/** Last row whose `from` is on or before `on`: the value in force that day. */
function inForce<T extends { readonly from: CalendarDate }>(
  rows: readonly T[],
  on: CalendarDate,
): T | undefined {
  let found: T | undefined;
  for (const row of rows) {
    if (compareDates(row.from, on) <= 0) found = row;
    else break;
  }
  return found;
}

export const regimes: readonly Regime[] = generationsData.regimes.map((r) => ({
  id: r.id as RegimeId,
  from: mustParse(r.pensionsFrom),
  label: r.label,
  reference: r.reference,
}));

export const generations: readonly GenerationRow[] = generationsData.rows.map((r) => ({
  bornFrom: mustParse(r.bornFrom),
  bornTo: r.bornTo === null ? undefined : mustParse(r.bornTo),
  legalAge: r.legalAge,
  requiredQuarters: r.requiredQuarters,
  prorataQuarters: r.prorataQuarters,
  fullRateAge: r.fullRateAge,
  reductionPerQuarter: r.reductionPerQuarter,
  averageSalaryYears: r.averageSalaryYears,
}));

export const firstCoveredBirthDate: CalendarDate = generations[0]?.bornFrom ?? mustParse("1939-01-01");
export const firstCoveredStartDate: CalendarDate = regimes[0]?.from ?? mustParse("2004-01-01");

const generationsByStart = generations.map((g) => ({ ...g, from: g.bornFrom }));

export function generationOf(birth: CalendarDate): GenerationRow | undefined {
  if (compareDates(birth, firstCoveredBirthDate) < 0) return undefined;
  return inForce(generationsByStart, birth);
}

/** The law that sets ages and durations for a pension starting on `startDate`. */
export function regimeOn(startDate: CalendarDate): Regime {
  const found = inForce(regimes, startDate);
  if (!found) throw new Error(`Aucune règle pour une pension prenant effet le ${formatDate(startDate)}`);
  return found;
}

// ---------- yearly series ----------

const ceilingRows = ceilingData.rows.map((r) => ({ from: mustParse(r.from), annual: r.annual }));
/** First year of the ceiling series: every yearly table is indexed from it. */
export const FIRST_SERIES_YEAR: number = ceilingRows[0]?.from.year ?? 0;

interface YearSeries {
  readonly first: number;
  readonly values: Float64Array;
}

function seriesAt(series: YearSeries, year: number): number {
  const last = series.first + series.values.length - 1;
  const index = Math.min(Math.max(year, series.first), last) - series.first;
  return series.values[index] ?? 0;
}

function yearSeries(first: number, last: number, valueOn: (year: number) => number): YearSeries {
  const values = new Float64Array(last - first + 1);
  for (let year = first; year <= last; year++) values[year - first] = valueOn(year);
  return { first, values };
}

export const LAST_KNOWN_YEAR = ceilingRows[ceilingRows.length - 1]?.from.year ?? FIRST_SERIES_YEAR;

const ceilingSeries = yearSeries(FIRST_SERIES_YEAR, LAST_KNOWN_YEAR, (year) => {
  // Before 1984 the ceiling changed mid-year; the file already sums the semesters into one yearly value.
  let value = 0;
  for (const row of ceilingRows) if (row.from.year <= year) value = row.annual;
  return value;
});

/** Yearly social-security ceiling (PASS) in euros; years after the last known one keep the last value. */
export function socialSecurityCeiling(year: number): number {
  return seriesAt(ceilingSeries, year);
}

const smicRows = smicData.rows.map((r) => ({ from: mustParse(r.from), hourly: r.hourly }));
const FIRST_SMIC_YEAR = smicRows[0]?.from.year ?? FIRST_SERIES_YEAR;

/** Hourly minimum wage in force on a given day. */
export function smicHourlyOn(on: CalendarDate): number {
  return inForce(smicRows, on)?.hourly ?? smicRows[0]?.hourly ?? 0;
}

const smicSeries = yearSeries(FIRST_SMIC_YEAR, Math.max(LAST_KNOWN_YEAR, FIRST_SMIC_YEAR), (year) =>
  smicHourlyOn({ year, month: 1, day: 1 }),
);

/** Hourly minimum wage on 1 January of `year` (the value the law uses for yearly thresholds). */
export function smicHourly(year: number): number {
  return seriesAt(smicSeries, year);
}

const thresholdRows = quarterValidationData.thresholds;
const FIRST_THRESHOLD_YEAR = thresholdRows[0]?.year ?? FIRST_SMIC_YEAR;
const hoursRows = quarterValidationData.hoursOfSmicPerQuarter;

/** Hours of minimum wage that validate one quarter in `year` (none before the SMIC-based rule). */
export function hoursPerQuarter(year: number): number {
  let hours = 0;
  for (const row of hoursRows) if (row.fromYear <= year) hours = row.hours;
  return hours;
}

const thresholdSeries = yearSeries(FIRST_THRESHOLD_YEAR, LAST_KNOWN_YEAR, (year) => {
  const row = thresholdRows.find((r) => r.year === year);
  return row ? row.amount : hoursPerQuarter(year) * smicHourly(year);
});

export const maxQuartersPerYear: number = quarterValidationData.maxQuartersPerYear.value;
export const quarterValidationReference: string = quarterValidationData.reference;

/** First career year for which the wage threshold is known; earlier years need their quarters stated. */
export const firstThresholdYear: number = FIRST_THRESHOLD_YEAR;

/** Wage that validates one quarter in `year` (euros). */
export function quarterThreshold(year: number): number {
  return seriesAt(thresholdSeries, year);
}

// ---------- revaluation ----------

/**
 * The Cnav publishes one column of coefficients per revaluation date; each column is the previous one
 * multiplied by the new factor and truncated to the thousandth, plus the factor itself for the wages the
 * new date brings in (checked on every published pair). Truncation is invertible for a known factor: the
 * previous thousandth is the only one whose truncated product gives the later one. So the columns before
 * the first published one (2017-10) are rebuilt exactly, back to the first pension the engine covers,
 * and the years a published column leaves out are filled from its neighbours.
 */
interface RevaluationColumn {
  readonly from: CalendarDate;
  /** Coefficient in thousandths, by salary year. */
  readonly thousandths: Map<number, number>;
}

const revaluationSteps = revaluationData.steps.map((s) => ({
  from: mustParse(s.effective),
  // Factors have at most four decimals; integers keep the truncation exact.
  factor: Math.round(s.factor * 10000),
}));

/** Last salary year a column dated `from` covers: a 1 January factor covers the previous year's wages. */
export function lastRevaluedYear(from: CalendarDate): number {
  return from.month === 1 && from.day === 1 ? from.year - 1 : from.year;
}

function revalueColumn(
  previous: ReadonlyMap<number, number>,
  factor: number,
  lastYear: number,
): Map<number, number> {
  const next = new Map<number, number>();
  for (const [year, value] of previous) next.set(year, Math.floor((value * factor) / 10000));
  for (let year = lastYear; !next.has(year) && year > FIRST_SERIES_YEAR; year--) {
    next.set(year, Math.floor((1000 * factor) / 10000));
  }
  return next;
}

/** The previous column, and whether every value had its exact antecedent (true back to 1990). */
function unrevalueColumn(
  later: ReadonlyMap<number, number>,
  factor: number,
  lastYear: number,
): { readonly column: Map<number, number>; readonly exact: boolean } {
  const column = new Map<number, number>();
  let exact = true;
  for (const [year, value] of later) {
    if (year > lastYear) continue;
    // Before 1990 the factors on record do not reproduce the Cnav's truncations: the nearest value stands in.
    const candidate = Math.ceil((value * 10000) / factor);
    if (Math.floor((candidate * factor) / 10000) !== value) exact = false;
    column.set(year, candidate);
  }
  return { column, exact };
}

const publishedColumns = new Map(
  Object.entries(revaluationCnavData.columns).map(([from, column]) => [
    from,
    new Map(Object.entries(column).map(([year, value]) => [Number(year), Math.round(value * 1000)])),
  ]),
);

function buildRevaluationColumns(): {
  readonly columns: RevaluationColumn[];
  readonly exactFrom: CalendarDate;
} {
  const steps = revaluationSteps;
  const columns = steps.map((s) => new Map(publishedColumns.get(formatDate(s.from)) ?? []));
  const latest = columns.findLastIndex((c) => c.size > 0);
  let exactFrom = steps[latest]?.from ?? firstCoveredStartDate;
  let exact = true;
  // Backwards from the latest published column: each earlier column is the inverse of the next step.
  for (let i = latest - 1; i >= 0; i--) {
    const step = steps[i + 1];
    const here = steps[i];
    const later = columns[i + 1];
    const column = columns[i];
    if (!step || !here || !later || !column) continue;
    const rebuilt = unrevalueColumn(later, step.factor, lastRevaluedYear(here.from));
    exact = exact && rebuilt.exact;
    if (exact) exactFrom = here.from;
    for (const [year, value] of rebuilt.column) if (!column.has(year)) column.set(year, value);
  }
  // Forwards: years a column leaves out (the oldest ones, or every year after the last published one).
  for (let i = 1; i < columns.length; i++) {
    const step = steps[i];
    const previous = columns[i - 1];
    const column = columns[i];
    if (!step || !previous || !column) continue;
    const derived = revalueColumn(previous, step.factor, lastRevaluedYear(step.from));
    for (const [year, value] of derived) if (!column.has(year)) column.set(year, value);
  }
  return {
    columns: steps.map((s, i) => ({ from: s.from, thousandths: columns[i] ?? new Map() })),
    exactFrom,
  };
}

const builtRevaluation = buildRevaluationColumns();
const revaluationColumns = builtRevaluation.columns;
/** First date of effect from which the rebuilt columns are exactly the Cnav's (earlier: estimates). */
export const revaluationExactFrom: CalendarDate = builtRevaluation.exactFrom;
/** Dates of the Cnav's published columns; the others are rebuilt from them. */
export const publishedRevaluationDates: readonly string[] = [...publishedColumns.keys()];
export const revaluationSources: Readonly<Record<string, string>> = revaluationCnavData.sources;

/**
 * Revaluation coefficients for every salary year, for a pension starting on `startDate`: the Cnav's
 * column in force that day. Wages of years the column does not reach yet are taken as they are (1);
 * years before its first one take its oldest coefficient. Dense array indexed by `year - FIRST_SERIES_YEAR`.
 */
export function revaluationCoefficients(startDate: CalendarDate): Float64Array {
  const count = LAST_KNOWN_YEAR + 1 - FIRST_SERIES_YEAR + 1;
  const coefficients = new Float64Array(count).fill(1);
  const column = inForce(revaluationColumns, startDate);
  if (!column) {
    throw new RangeError(`Aucun coefficient de revalorisation pour une pension au ${formatDate(startDate)}`);
  }
  let oldest = 1;
  for (let year = LAST_KNOWN_YEAR + 1; year >= FIRST_SERIES_YEAR; year--) {
    const value = column.thousandths.get(year);
    if (value !== undefined) oldest = value / 1000;
    coefficients[year - FIRST_SERIES_YEAR] =
      value !== undefined ? value / 1000 : year > lastRevaluedYear(column.from) ? 1 : oldest;
  }
  return coefficients;
}

// ---------- rates ----------

export const fullRate: number = ratesData.fullRate.value;
export const fullRateReference: string = ratesData.fullRate.reference;
export const reductionMaxQuarters: number = ratesData.reductionMaxQuarters.value;
export const reductionReference: string = ratesData.reductionMaxQuarters.reference;
export const pensionCapShare: number = ratesData.pensionCapShareOfCeiling.value;
export const pensionCapReference: string = ratesData.pensionCapShareOfCeiling.reference;
export const bonusReference: string = ratesData.bonus.reference;
export const bonusHigherRateAge: Age = ratesData.bonus.ageForHigherRate;

export interface BonusPeriod {
  readonly from: CalendarDate;
  readonly rate: number;
  readonly rateFromFifthQuarter: number;
  readonly rateFromAge65: number;
}

const bonusPeriods: readonly BonusPeriod[] = ratesData.bonus.periods.map((p) => ({
  from: mustParse(p.quartersFrom),
  rate: p.rate,
  rateFromFifthQuarter: "rateFromFifthQuarter" in p ? (p.rateFromFifthQuarter ?? p.rate) : p.rate,
  rateFromAge65: "rateFromAge65" in p ? (p.rateFromAge65 ?? p.rate) : p.rate,
}));

export function bonusPeriodOn(quarterStart: CalendarDate): BonusPeriod | undefined {
  return inForce(bonusPeriods, quarterStart);
}

// ---------- minimum pension ----------

const minimumRows = minimumPensionData.amounts.map((r) => ({
  from: mustParse(r.from),
  basicAnnual: r.basicAnnual,
  increasedAnnual: r.increasedAnnual,
  estimate: "estimate" in r,
}));
const ceilingAllPensionsRows = minimumPensionData.allPensionsCeiling.map((r) => ({
  from: mustParse(r.from),
  monthly: r.monthly,
  estimate: "estimate" in r,
}));

export const minimumPensionReference: string = minimumPensionData.reference;
export const minimumIncreaseQuarters: number = minimumPensionData.increaseContributedQuarters.value;
/** From this date the increased minimum needs 120 contributed quarters; before, it is pro-rated without threshold. */
export const minimumIncreaseThresholdFrom: CalendarDate = mustParse(
  minimumPensionData.increaseContributedQuarters.from,
);
export const minimumIncreaseReference: string = minimumPensionData.increaseContributedQuarters.reference;
/** From this date the bonus is added after the comparison with the minimum instead of being absorbed by it. */
export const bonusAfterMinimum = {
  from: mustParse(minimumPensionData.bonusAfterMinimum.from),
  reference: minimumPensionData.bonusAfterMinimum.reference,
};
export const otherSchemesProrataReference: string = minimumPensionData.otherSchemesProrata.reference;
/** AVPF and caregiver quarters deemed contributed for the minimum's increase, within a cap. */
export const avpfAsContributed = {
  from: mustParse(minimumPensionData.avpfAsContributed.from),
  max: minimumPensionData.avpfAsContributed.max,
  reference: minimumPensionData.avpfAsContributed.reference,
};

export function minimumPensionOn(on: CalendarDate) {
  return inForce(minimumRows, on);
}

export function allPensionsCeilingOn(on: CalendarDate) {
  return inForce(ceilingAllPensionsRows, on);
}

// ---------- family ----------

export const childQuartersPerChild: number = familyData.childQuartersPerChildForMother.value;
export const childQuartersReference: string = familyData.childQuartersPerChildForMother.reference;
export const childBonus = {
  minimumChildren: familyData.childBonus.minimumChildren,
  rate: familyData.childBonus.rate,
  reference: familyData.childBonus.reference,
};
export const mothersAverageSalary = {
  from: mustParse(familyData.mothersAverageSalaryYears.pensionsFrom),
  oneChild: familyData.mothersAverageSalaryYears.oneChild,
  twoOrMoreChildren: familyData.mothersAverageSalaryYears.twoOrMoreChildren,
  reference: familyData.mothersAverageSalaryYears.reference,
};

// ---------- long career ----------

export interface LongCareerStep {
  readonly startedBeforeAge: number;
  readonly earliestAge: Age;
  readonly byBirth: readonly {
    readonly bornFrom: CalendarDate;
    readonly bornTo: CalendarDate;
    readonly earliestAge?: Age;
    readonly legalAgeMinus?: Age;
  }[];
}

export const longCareer = {
  from: mustParse(longCareerData.pensionsFrom),
  reference: longCareerData.reference,
  startQuarters: longCareerData.startQuarters.value,
  startQuartersBornInLastQuarter: longCareerData.startQuarters.bornInLastCivilQuarter,
  steps: longCareerData.steps.map(
    (s): LongCareerStep => ({
      startedBeforeAge: s.startedBeforeAge,
      earliestAge: s.earliestAge,
      byBirth: ("byBirth" in s ? (s.byBirth ?? []) : []).map((b) => ({
        bornFrom: mustParse(b.bornFrom),
        bornTo: mustParse(b.bornTo),
        ...("earliestAge" in b && b.earliestAge ? { earliestAge: b.earliestAge } : {}),
        ...("legalAgeMinus" in b && b.legalAgeMinus ? { legalAgeMinus: b.legalAgeMinus } : {}),
      })),
    }),
  ),
  deemedContributedCaps: longCareerData.deemedContributedCaps,
  childQuartersAsContributed: {
    from: mustParse(longCareerData.childQuartersAsContributed.pensionsFrom),
    max: longCareerData.childQuartersAsContributed.max,
    reference: longCareerData.childQuartersAsContributed.reference,
  },
};

// ---------- early retirement for health reasons ----------

const disabledData = earlyRetirementData.disabledWorker;
const incapacityData = earlyRetirementData.permanentIncapacity;

export const disabledWorker = {
  reference: disabledData.reference,
  from: mustParse(disabledData.pensionsFrom),
  contributedOnlyFrom: mustParse(disabledData.contributedOnlyFrom),
  minimumDisabilityRate: disabledData.minimumDisabilityRate,
  firstAge: disabledData.firstAge,
  baseQuarters: disabledData.baseQuarters.rows.map((r) => ({
    from: mustParse(r.bornFrom),
    quarters: r.quarters,
  })),
  reductions: disabledData.reductionsByAge.rows,
};

/** Reference duration of the generation for the disabled workers' tables, if the generation is covered. */
export function disabledWorkerBaseQuarters(birthDate: CalendarDate): number | undefined {
  return inForce(disabledWorker.baseQuarters, birthDate)?.quarters;
}

export const permanentIncapacity = {
  reference: incapacityData.reference,
  from: mustParse(incapacityData.pensionsFrom),
  minimumRate: incapacityData.minimumRate,
  higherRate: incapacityData.higherRate,
  ageHigherRate: incapacityData.ageHigherRate as Age,
  lowerRateBefore2023: incapacityData.lowerRateBefore2023 as Age,
  legalAgeMinusFrom: mustParse(incapacityData.lowerRateLegalAgeMinusFrom),
  legalAgeMinus: incapacityData.lowerRateLegalAgeMinus as Age,
};

// ---------- survivor ----------

const survivorRates = survivorData.rates.map((r) => ({ from: mustParse(r.from), rate: r.rate }));
const survivorAges = survivorData.minimumAges.map((r) => ({ from: mustParse(r.from), years: r.years }));

export const survivorReference: string = survivorData.reference;
export const survivorCeilingSmicHours: number = survivorData.ceilingSmicHours.value;
export const survivorCoupleFactor: number = survivorData.coupleCeilingFactor.value;

export function survivorRateOn(on: CalendarDate): number {
  return inForce(survivorRates, on)?.rate ?? 0;
}

export function survivorMinimumAgeOn(on: CalendarDate): number {
  return inForce(survivorAges, on)?.years ?? 0;
}

// ---------- ASPA ----------

const aspaRows = aspaData.rows.map((r) => ({
  from: mustParse(r.from),
  singleAnnual: r.singleAnnual,
  coupleAnnual: r.coupleAnnual,
}));

export const aspaReference: string = aspaData.reference;
export const aspaMinimumAge: number = aspaData.minimumAge.years;
export const aspaMinimumAgeIncapacity: number = aspaData.minimumAgeIncapacity.years;
export const aspaFirstDate: CalendarDate = aspaRows[0]?.from ?? mustParse("2014-04-01");

export function aspaOn(on: CalendarDate) {
  return inForce(aspaRows, on);
}
