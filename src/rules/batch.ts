/**
 * Base pensions of a whole population held in columns (typed arrays, no object per career year), for the
 * synthetic population and national statistics. Same rules as `computePension` for general-scheme wage
 * careers, without explanations: every parameter is looked up once into dense tables, and the best years
 * are found by partial selection instead of a full sort.
 *
 * The caller passes start dates already validated (at or after the legal age, or a long-career departure).
 */
import { coefficientsFor } from "./averageSalary.ts";
import type { CalendarDate } from "./dates.ts";
import { compareDates, fromMonthIndex, monthIndex } from "./dates.ts";
import {
  allPensionsCeilingOn,
  FIRST_SERIES_YEAR,
  firstCoveredBirthDate,
  fullRate,
  generationOf,
  LAST_KNOWN_YEAR,
  maxQuartersPerYear,
  minimumPensionOn,
  pensionCapShare,
  quarterThreshold,
  regimes,
  socialSecurityCeiling,
} from "./params.ts";
import {
  bonusRateFor,
  minimumPensionBeforeCeiling,
  minimumPensionUnderCeiling,
  reductionQuartersFor,
} from "./pension.ts";

export interface Population {
  readonly count: number;
  /** Dates packed as `year * 10000 + month * 100 + day`. */
  readonly birthDate: Int32Array;
  /** Pension start dates, packed the same way; always the first day of a month. */
  readonly startDate: Int32Array;
  /** First career year of each person; career years are consecutive. */
  readonly firstYear: Int32Array;
  readonly yearCount: Int32Array;
  /** Where each person's wages start in `salaries`. */
  readonly offset: Int32Array;
  /** General-scheme yearly gross wages in euros, one per career year. */
  readonly salaries: Float64Array;
  /** Validated quarters that are not contributed (credited, child quarters), per person; none when absent. */
  readonly extraQuarters?: Int32Array;
}

export interface BatchResult {
  readonly averageSalary: Float64Array;
  readonly quarters: Int32Array;
  readonly pensionAnnual: Float64Array;
}

export function packDate(d: CalendarDate): number {
  return d.year * 10000 + d.month * 100 + d.day;
}

export function unpackDate(packed: number): CalendarDate {
  return { year: Math.floor(packed / 10000), month: Math.floor(packed / 100) % 100, day: packed % 100 };
}

const REGIME_COUNT = regimes.length;
const FIRST_BIRTH_MONTH = monthIndex(firstCoveredBirthDate);
const LAST_BIRTH_MONTH = monthIndex({ year: LAST_KNOWN_YEAR, month: 12, day: 1 });
const BIRTH_MONTHS = LAST_BIRTH_MONTH - FIRST_BIRTH_MONTH + 1;
const regimeStarts = Int32Array.from(regimes, (r) => packDate(r.from));

// Generation parameters per birth month (every boundary in the law falls on the first of a month).
const legalMonths = new Int32Array(BIRTH_MONTHS * REGIME_COUNT);
const requiredQuarters = new Int32Array(BIRTH_MONTHS * REGIME_COUNT);
const prorataQuarters = new Int32Array(BIRTH_MONTHS * REGIME_COUNT);
const fullRateMonths = new Int32Array(BIRTH_MONTHS);
const reductionPerQuarter = new Float64Array(BIRTH_MONTHS);
const bestYears = new Int32Array(BIRTH_MONTHS);
for (let m = 0; m < BIRTH_MONTHS; m++) {
  const generation = generationOf(fromMonthIndex(FIRST_BIRTH_MONTH + m));
  if (!generation) continue;
  for (let r = 0; r < REGIME_COUNT; r++) {
    const id = regimes[r]?.id;
    if (!id) continue;
    const age = generation.legalAge[id];
    legalMonths[m * REGIME_COUNT + r] = age.years * 12 + age.months;
    requiredQuarters[m * REGIME_COUNT + r] = generation.requiredQuarters[id];
    prorataQuarters[m * REGIME_COUNT + r] = generation.prorataQuarters ?? generation.requiredQuarters[id];
  }
  fullRateMonths[m] = generation.fullRateAge.years * 12 + generation.fullRateAge.months;
  reductionPerQuarter[m] = generation.reductionPerQuarter;
  bestYears[m] = generation.averageSalaryYears;
}

// Projected careers run past the last known year; the series keep their last value (constant euros).
const LAST_CAREER_YEAR = LAST_KNOWN_YEAR + 80;
const SERIES_YEARS = LAST_CAREER_YEAR - FIRST_SERIES_YEAR + 1;
const ceilingByYear = new Float64Array(SERIES_YEARS);
const inverseThreshold = new Float64Array(SERIES_YEARS);
for (let i = 0; i < SERIES_YEARS; i++) {
  ceilingByYear[i] = socialSecurityCeiling(FIRST_SERIES_YEAR + i);
  const threshold = quarterThreshold(FIRST_SERIES_YEAR + i);
  inverseThreshold[i] = threshold > 0 ? 1 / threshold : 0;
}

interface StartParameters {
  readonly coefficients: Float64Array;
  readonly cap: number;
  readonly minimumBasic: number;
  readonly minimumIncreased: number;
  readonly ceilingAnnual: number;
  readonly regime: number;
}

const startCache = new Map<number, StartParameters>();

function startParameters(packedStart: number): StartParameters {
  let found = startCache.get(packedStart);
  if (found) return found;
  const start = unpackDate(packedStart);
  let regime = 0;
  while (regime + 1 < REGIME_COUNT && (regimeStarts[regime + 1] ?? 0) <= packedStart) regime++;
  const minimum = minimumPensionOn(start);
  const ceiling = allPensionsCeilingOn(start);
  found = {
    coefficients: coefficientsFor(start),
    cap: pensionCapShare * socialSecurityCeiling(start.year),
    minimumBasic: minimum?.basicAnnual ?? 0,
    minimumIncreased: minimum?.increasedAnnual ?? 0,
    ceilingAnnual: ceiling ? ceiling.monthly * 12 : Number.POSITIVE_INFINITY,
    regime,
  };
  startCache.set(packedStart, found);
  return found;
}

/** Rearranges `values[0..length)` so that its `k` largest values come first (Hoare quickselect). */
function selectLargest(values: Float64Array, length: number, k: number): void {
  let left = 0;
  let right = length - 1;
  while (left < right) {
    const pivot = values[(left + right) >> 1] ?? 0;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((values[i] ?? 0) > pivot) i++;
      while ((values[j] ?? 0) < pivot) j--;
      if (i <= j) {
        const swap = values[i] ?? 0;
        values[i] = values[j] ?? 0;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k - 1 <= j) right = j;
    else if (k - 1 >= i) left = i;
    else return;
  }
}

function sumOfLargest(values: Float64Array, length: number, k: number): number {
  if (length > k) selectLargest(values, length, k);
  const n = Math.min(length, k);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] ?? 0;
  return sum;
}

export function computeBasePensions(population: Population): BatchResult {
  const { count, birthDate, startDate, firstYear, yearCount, offset, salaries, extraQuarters } = population;
  const averageSalary = new Float64Array(count);
  const quartersOut = new Int32Array(count);
  const pensionAnnual = new Float64Array(count);
  let scratch = new Float64Array(64);
  for (let p = 0; p < count; p++) {
    const packedBirth = birthDate[p] ?? 0;
    const packedStart = startDate[p] ?? 0;
    const birthYear = Math.floor(packedBirth / 10000);
    const birthMonth = Math.floor(packedBirth / 100) % 100;
    const birthDay = packedBirth % 100;
    const startYear = Math.floor(packedStart / 10000);
    const startMonth = Math.floor(packedStart / 100) % 100;
    const birthIndex = birthYear * 12 + birthMonth - 1 - FIRST_BIRTH_MONTH;
    const start = startParameters(packedStart);
    const g = birthIndex * REGIME_COUNT + start.regime;
    const legal = legalMonths[g] ?? 0;
    const required = requiredQuarters[g] ?? 0;

    // Day the legal age is reached (day clamped as in dateAtAge) and the quarters after it, year by year.
    const legalIndex = birthYear * 12 + birthMonth - 1 + legal;
    const legalYear = Math.floor(legalIndex / 12);
    const legalMonth = legalIndex - legalYear * 12 + 1;
    const legalOnQuarterStart = birthDay === 1 && (legalMonth - 1) % 3 === 0;
    const legalYearQuarters =
      maxQuartersPerYear - (((legalMonth - 1) / 3) | 0) - 1 + (legalOnQuarterStart ? 1 : 0);
    const startIndex = startYear * 12 + startMonth - 1;
    const afterLegalDate = startIndex > legalIndex;
    const startYearQuarters = ((startMonth - 1) / 3) | 0;

    const years = yearCount[p] ?? 0;
    if (scratch.length < years) scratch = new Float64Array(years * 2);
    const base = offset[p] ?? 0;
    const first = firstYear[p] ?? 0;
    let quarters = 0;
    let afterLegalAge = 0;
    let used = 0;
    for (let i = 0; i < years; i++) {
      const year = first + i;
      if (year > startYear) break;
      const salary = salaries[base + i] ?? 0;
      if (salary <= 0) continue;
      const y = year - FIRST_SERIES_YEAR;
      let q = Math.floor(salary * (inverseThreshold[y] ?? 0));
      if (q > maxQuartersPerYear) q = maxQuartersPerYear;
      if (year === startYear) {
        if (q > startYearQuarters) q = startYearQuarters;
      } else {
        const ceiling = ceilingByYear[y] ?? 0;
        scratch[used++] = Math.min(salary, ceiling) * (start.coefficients[y] ?? 1);
      }
      quarters += q;
      if (afterLegalDate && year >= legalYear) {
        const limit = year === startYear ? startYearQuarters : maxQuartersPerYear;
        const fromLegal = year === legalYear ? legalYearQuarters : maxQuartersPerYear;
        const overlap = limit - (maxQuartersPerYear - fromLegal);
        if (overlap > 0) afterLegalAge += Math.min(q, overlap);
      }
    }
    const contributed = quarters;
    const total = quarters + (extraQuarters ? (extraQuarters[p] ?? 0) : 0);
    const best = bestYears[birthIndex] ?? 0;
    const sam = used > 0 ? sumOfLargest(scratch, used, best) / Math.min(used, best) : 0;

    const fullRateIndex = birthYear * 12 + birthMonth - 1 + (fullRateMonths[birthIndex] ?? 0);
    const fullRateStart = fullRateIndex + (birthDay === 1 ? 0 : 1);
    let reduction = 0;
    if (startIndex < fullRateStart) {
      const months = fullRateIndex - startIndex + (birthDay > 1 ? 1 : 0);
      reduction = reductionQuartersFor(required, total, months > 0 ? Math.ceil(months / 3) : 0);
    }
    const rate = fullRate * (1 - (reductionPerQuarter[birthIndex] ?? 0) * reduction);
    const prorataDenominator = prorataQuarters[g] ?? required;
    const prorata = total < prorataDenominator ? total / prorataDenominator : 1;
    const raw = sam * rate * prorata;
    const capped = Math.min(raw, start.cap);
    let bonusRate = 0;
    const legalStart = legalIndex + (birthDay === 1 ? 0 : 1);
    if (startIndex >= legalStart && total > required && afterLegalAge > 0) {
      const bonusQuarters = Math.min(afterLegalAge, total - required);
      bonusRate = bonusRateFor(bonusQuarters, unpackDate(packedBirth), unpackDate(packedStart));
    }
    let pension = capped * (1 + bonusRate);
    if (reduction === 0 && start.minimumBasic > 0) {
      const minimum = minimumPensionUnderCeiling(
        minimumPensionBeforeCeiling(
          { basicAnnual: start.minimumBasic, increasedAnnual: start.minimumIncreased },
          total,
          contributed,
          prorataDenominator,
        ),
        pension,
        0,
        start.ceilingAnnual,
      );
      if (minimum > pension) pension = minimum;
    }
    averageSalary[p] = Math.round(sam * 100) / 100;
    quartersOut[p] = total;
    pensionAnnual[p] = Math.round(pension * 100) / 100;
  }
  return { averageSalary, quarters: quartersOut, pensionAnnual };
}

/** Birth dates the batch tables cover. */
export function coversBirthDate(d: CalendarDate): boolean {
  return compareDates(d, firstCoveredBirthDate) >= 0 && monthIndex(d) <= LAST_BIRTH_MONTH;
}
