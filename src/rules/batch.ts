/**
 * Base pensions of a whole population held in columns (typed arrays, no object per career year), for the
 * synthetic population and national statistics. Same rules as `computePension` for general-scheme wage
 * careers, without explanations: every parameter is looked up once into dense tables, and the best years
 * are found by partial selection instead of a full sort.
 *
 * The caller passes start dates already validated (at or after the legal age, or a long-career departure).
 */
import { coefficientsFor, sumOfLargest } from "./averageSalary.ts";
import type { CalendarDate } from "./dates.ts";
import { compareDates, formatDate, fromMonthIndex, monthIndex } from "./dates.ts";
import {
  allPensionsCeilingOn,
  bonusAfterMinimum,
  FIRST_SERIES_YEAR,
  firstCoveredBirthDate,
  firstCoveredStartDate,
  fullRate,
  generationOf,
  LAST_KNOWN_YEAR,
  maxQuartersPerYear,
  minimumIncreaseThresholdFrom,
  minimumPensionOn,
  pensionCapShare,
  quarterThreshold,
  regimes,
  socialSecurityCeiling,
} from "./params.ts";
import type { MinimumPensionAmounts } from "./pension.ts";
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
  readonly minimum: MinimumPensionAmounts | null;
  readonly ceilingAnnual: number;
  readonly regime: number;
  /** Pensions from 1 April 2009: 120 contributed quarters for the increased minimum… */
  readonly minimumThreshold: boolean;
  /** …and the bonus added after the comparison with the minimum. */
  readonly bonusAfterMinimum: boolean;
}

/** Wages of years after the last known coefficient are not revalued (constant euros), as in the single path. */
function extendedCoefficients(known: Float64Array): Float64Array {
  const all = new Float64Array(SERIES_YEARS).fill(1);
  all.set(known.subarray(0, Math.min(known.length, SERIES_YEARS)));
  return all;
}

// Start dates are first days of months: a dense table by month replaces any search or hashing per person.
const FIRST_START_MONTH = monthIndex(firstCoveredStartDate);
const startTable: (StartParameters | null)[] = new Array<StartParameters | null>(
  (LAST_CAREER_YEAR - firstCoveredStartDate.year + 1) * 12,
).fill(null);

function startParameters(startMonth: number): StartParameters {
  let found = startTable[startMonth - FIRST_START_MONTH];
  if (found) return found;
  if (found === undefined)
    throw new RangeError(`Date de départ hors des tables : ${formatDate(fromMonthIndex(startMonth))}`);
  const start = fromMonthIndex(startMonth);
  const packedStart = packDate(start);
  let regime = 0;
  while (regime + 1 < REGIME_COUNT && (regimeStarts[regime + 1] ?? 0) <= packedStart) regime++;
  const minimum = minimumPensionOn(start);
  const ceiling = allPensionsCeilingOn(start);
  found = {
    coefficients: extendedCoefficients(coefficientsFor(start)),
    cap: pensionCapShare * socialSecurityCeiling(start.year),
    minimum: minimum ?? null,
    ceilingAnnual: ceiling ? ceiling.monthly * 12 : Number.POSITIVE_INFINITY,
    regime,
    minimumThreshold: compareDates(start, minimumIncreaseThresholdFrom) >= 0,
    bonusAfterMinimum: compareDates(start, bonusAfterMinimum.from) >= 0,
  };
  startTable[startMonth - FIRST_START_MONTH] = found;
  return found;
}

export function computeBasePensions(population: Population): BatchResult {
  const { count, birthDate, startDate, firstYear, yearCount, offset, salaries, extraQuarters } = population;
  const averageSalary = new Float64Array(count);
  const quartersOut = new Int32Array(count);
  const pensionAnnual = new Float64Array(count);
  let cents = new Int32Array(64);
  for (let p = 0; p < count; p++) {
    const packedBirth = birthDate[p] ?? 0;
    const packedStart = startDate[p] ?? 0;
    const birthYear = (packedBirth / 10000) | 0;
    const birthMonth = ((packedBirth / 100) | 0) % 100;
    const birthDay = packedBirth % 100;
    const startYear = (packedStart / 10000) | 0;
    const startMonth = ((packedStart / 100) | 0) % 100;
    const startIndex = startYear * 12 + startMonth - 1;
    const birthIndex = birthYear * 12 + birthMonth - 1;
    const generationIndex = birthIndex - FIRST_BIRTH_MONTH;
    const start = startParameters(startIndex);
    const coefficients = start.coefficients;
    const g = generationIndex * REGIME_COUNT + start.regime;
    const required = requiredQuarters[g] ?? 0;

    const years = yearCount[p] ?? 0;
    if (cents.length < years) cents = new Int32Array(years * 2);
    const base = offset[p] ?? 0;
    const first = firstYear[p] ?? 0;
    // Years before the start year: quarters and revalued wages. The start year only adds the quarters
    // of its civil quarters already over; later years are ignored.
    const before = Math.min(years, startYear - first);
    let quarters = 0;
    let used = 0;
    for (let i = 0; i < before; i++) {
      const salary = salaries[base + i] ?? 0;
      const y = first + i - FIRST_SERIES_YEAR;
      // Wages are never negative, so truncation is the floor and the rounding of revaluedCents.
      quarters += Math.min(maxQuartersPerYear, (salary * (inverseThreshold[y] ?? 0)) | 0);
      const ceiling = ceilingByYear[y] ?? 0;
      cents[used] = (Math.min(salary, ceiling) * (coefficients[y] ?? 1) * 100 + 0.5) | 0;
      used += salary > 0 ? 1 : 0;
    }
    const startYearQuarters = ((startMonth - 1) / 3) | 0;
    if (before >= 0 && before < years) {
      const salary = salaries[base + before] ?? 0;
      const q = Math.floor(salary * (inverseThreshold[startYear - FIRST_SERIES_YEAR] ?? 0));
      quarters += Math.min(startYearQuarters, maxQuartersPerYear, q);
    }

    // Contributed quarters in civil quarters that begin on or after the legal age, before the start.
    const legalIndex = birthIndex + (legalMonths[g] ?? 0);
    let afterLegalAge = 0;
    if (startIndex > legalIndex) {
      const legalYear = (legalIndex / 12) | 0;
      const legalMonth = legalIndex - legalYear * 12 + 1;
      const onQuarterStart = birthDay === 1 && (legalMonth - 1) % 3 === 0;
      const legalYearQuarters =
        maxQuartersPerYear - (((legalMonth - 1) / 3) | 0) - 1 + (onQuarterStart ? 1 : 0);
      for (let year = Math.max(legalYear, first); year <= startYear && year < first + years; year++) {
        const salary = salaries[base + year - first] ?? 0;
        let q = Math.min(
          maxQuartersPerYear,
          Math.floor(salary * (inverseThreshold[year - FIRST_SERIES_YEAR] ?? 0)),
        );
        const limit = year === startYear ? startYearQuarters : maxQuartersPerYear;
        if (q > limit) q = limit;
        const fromLegal = year === legalYear ? legalYearQuarters : maxQuartersPerYear;
        const overlap = limit - (maxQuartersPerYear - fromLegal);
        if (overlap > 0) afterLegalAge += Math.min(q, overlap);
      }
    }

    const contributed = quarters;
    const total = quarters + (extraQuarters ? (extraQuarters[p] ?? 0) : 0);
    const best = bestYears[generationIndex] ?? 0;
    const sam = used > 0 ? sumOfLargest(cents, used, best) / (100 * Math.min(best, used)) : 0;

    const fullRateIndex = birthIndex + (fullRateMonths[generationIndex] ?? 0);
    const fullRateStart = fullRateIndex + (birthDay === 1 ? 0 : 1);
    let reduction = 0;
    if (startIndex < fullRateStart) {
      const months = fullRateIndex - startIndex + (birthDay > 1 ? 1 : 0);
      reduction = reductionQuartersFor(required, total, months > 0 ? Math.ceil(months / 3) : 0);
    }
    const rate = fullRate * (1 - (reductionPerQuarter[generationIndex] ?? 0) * reduction);
    const prorataDenominator = prorataQuarters[g] ?? required;
    const prorata = Math.min(1, total / prorataDenominator);
    const capped = Math.min(sam * rate * prorata, start.cap);
    let bonusRate = 0;
    const legalStart = legalIndex + (birthDay === 1 ? 0 : 1);
    if (startIndex >= legalStart && total > required && afterLegalAge > 0) {
      const bonusQuarters = Math.min(afterLegalAge, total - required);
      bonusRate = bonusRateFor(bonusQuarters, unpackDate(packedBirth), unpackDate(packedStart));
    }
    let pension = capped * (1 + bonusRate);
    if (reduction === 0 && start.minimum) {
      // Since April 2009 the minimum is compared with the pension before the bonus, which is added after.
      const compared = start.bonusAfterMinimum ? capped : pension;
      const minimum = minimumPensionUnderCeiling(
        minimumPensionBeforeCeiling(
          start.minimum,
          total,
          contributed,
          prorataDenominator,
          total,
          start.minimumThreshold,
        ),
        compared,
        0,
        start.ceilingAnnual,
      );
      if (minimum > compared) pension = start.bonusAfterMinimum ? minimum + capped * bonusRate : minimum;
    }
    averageSalary[p] = Math.round(sam * 100) / 100;
    quartersOut[p] = total;
    pensionAnnual[p] = Math.round(pension * 100) / 100;
  }
  return { averageSalary, quarters: quartersOut, pensionAnnual };
}
