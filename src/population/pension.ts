/**
 * Pensions of synthetic retirees: the start date each one chose, the amount the rules engine computes
 * from their generated career, and the monthly payments of the last twelve months.
 */
import { paymentDate } from "../payments/index.ts";
import type { Age, CalendarDate, CareerYear } from "../rules/index.ts";
import {
  computeAverageSalary,
  computePensionDetails,
  firstCoveredBirthDate,
  firstCoveredStartDate,
  firstStartDateAtAge,
  legalAgeFor,
  socialSecurityCeiling,
} from "../rules/index.ts";
import familyParams from "../rules/params/family.json" with { type: "json" };
import ratesParams from "../rules/params/rates.json" with { type: "json" };
import revaluationParams from "../rules/params/salaryRevaluation.json" with { type: "json" };
import { firstOfMonth, isoDate, monthIndexOf, pack, parseIsoDate } from "./calendar.ts";
import type { RowWriter } from "./copyText.ts";

/** Child quarters (MDA) a mother gets per child: half for the birth or adoption, half for education. */
export const childQuartersPerChild: number = familyParams.childQuartersPerChildForMother.value;

export const FIRST_COVERED_BIRTH: number = pack(firstCoveredBirthDate);
export const FIRST_COVERED_START: number = pack(firstCoveredStartDate);

export interface PensionFigures {
  readonly averageSalary: number;
  readonly rate: number;
  readonly quartersGeneral: number;
  readonly quartersRequired: number;
  readonly monthlyCents: number;
}

export interface PensionClaim {
  readonly birth: CalendarDate;
  readonly start: CalendarDate;
  readonly career: readonly CareerYear[];
  readonly mother: boolean;
  /** Children born before the start date. */
  readonly children: number;
  readonly childQuarters: number;
}

const legalAges = new Map<number, Age>();

/** First possible start date at the legal age, for the law in force when the person reaches it. */
export function legalStartDate(birth: CalendarDate): CalendarDate {
  const key = birth.year * 12 + birth.month;
  let age = legalAges.get(key);
  if (!age) {
    // Generations are bounded by first days of months: one computation serves a whole birth month.
    age = legalAgeFor({ year: birth.year, month: birth.month, day: 1 }).legalAge;
    legalAges.set(key, age);
  }
  return firstStartDateAtAge(birth, age);
}

/** The amount the rules engine grants; throws its RulesError when the start date is not allowed. */
export function coveredPension(claim: PensionClaim): PensionFigures {
  const { result } = computePensionDetails({
    birthDate: claim.birth,
    startDate: claim.start,
    career: claim.career,
    mother: claim.mother,
    children: claim.children,
    childQuarters: claim.childQuarters,
  });
  return {
    averageSalary: result.averageSalary,
    rate: result.rate,
    quartersGeneral: result.quarters.general,
    quartersRequired: result.requiredQuarters,
    monthlyCents: Math.round(result.pension.monthly * 100),
  };
}

const firstGeneration = legalAgeFor(firstCoveredBirthDate, firstCoveredStartDate);

/**
 * People born before the engine's first generation (1939) retired before its first start date (2004).
 * Their pensions follow the same formula with that first generation's figures (16 best years, pro rata
 * over 150 quarters) at the full rate, which every one of them had from 65: an approximation for the
 * oldest insured, stated as such, never shown as a simulation.
 */
export function earlyGenerationPension(claim: PensionClaim): PensionFigures {
  const general: { year: number; salary: number }[] = [];
  const quartersByYear = new Map<number, number>();
  for (const line of claim.career) {
    const q = line.quarters;
    const quarters =
      (q?.contributed ?? 0) +
      (q?.unemployment ?? 0) +
      (q?.sickness ?? 0) +
      (q?.maternity ?? 0) +
      (q?.military ?? 0);
    quartersByYear.set(line.year, Math.min(4, (quartersByYear.get(line.year) ?? 0) + quarters));
    if ((line.scheme ?? "general") === "general") general.push({ year: line.year, salary: line.salary });
  }
  let quarters = claim.childQuarters;
  for (const value of quartersByYear.values()) quarters += value;
  const sam = computeAverageSalary(general, claim.start, firstGeneration.generation.averageSalaryYears);
  const prorata = Math.min(1, quarters / firstGeneration.prorataQuarters);
  const cap = ratesParams.pensionCapShareOfCeiling.value * socialSecurityCeiling(claim.start.year);
  const annual = Math.min(sam.averageSalary * ratesParams.fullRate.value * prorata, cap);
  return {
    averageSalary: Math.round(sam.averageSalary * 100) / 100,
    rate: ratesParams.fullRate.value,
    quartersGeneral: quarters,
    quartersRequired: firstGeneration.prorataQuarters,
    monthlyCents: Math.round((annual / 12) * 100),
  };
}

// Pensions in payment are revalued on the same dates and by the same coefficients as the wages carried to
// the account (art. L161-25 and L351-11 CSS): a cumulative index by month turns one into the other.
const revaluationSteps = revaluationParams.steps.map((step) => ({
  month: monthIndexOf(parseIsoDate(step.effective)),
  factor: step.factor,
}));
const FIRST_INDEX_MONTH = revaluationSteps[0]?.month ?? 0;
const revaluationIndex = (() => {
  const months =
    (revaluationSteps[revaluationSteps.length - 1]?.month ?? FIRST_INDEX_MONTH) - FIRST_INDEX_MONTH + 1;
  const index = new Float64Array(months);
  let product = 1;
  let step = 0;
  for (let m = 0; m < months; m++) {
    while (step < revaluationSteps.length && (revaluationSteps[step]?.month ?? 0) <= FIRST_INDEX_MONTH + m) {
      product *= revaluationSteps[step]?.factor ?? 1;
      step++;
    }
    index[m] = product;
  }
  return index;
})();

function indexAt(monthIndex: number): number {
  const i = Math.min(Math.max(monthIndex - FIRST_INDEX_MONTH, 0), revaluationIndex.length - 1);
  return revaluationIndex[i] ?? 1;
}

/**
 * Social contributions on pensions: CSG at 0, 3.8, 6.6 or 8.3 % depending on the household's tax income,
 * CRDS 0.5 % and CASA 0.3 % (art. L136-8 CSS, L245-14 CSS). The generator knows no tax income; the base
 * pension stands in for it, which gives the usual spread of rates without claiming to be exact.
 */
const contributionBrackets: readonly { readonly belowCents: number; readonly rate: number }[] = [
  { belowCents: 800_00, rate: 0 },
  { belowCents: 1_000_00, rate: 0.038 + 0.005 },
  { belowCents: 1_500_00, rate: 0.066 + 0.005 + 0.003 },
  { belowCents: Number.POSITIVE_INFINITY, rate: 0.083 + 0.005 + 0.003 },
];

export function contributionRate(monthlyCents: number): number {
  for (const bracket of contributionBrackets) if (monthlyCents < bracket.belowCents) return bracket.rate;
  return 0;
}

const paidOnCache = new Map<string, number>();

/**
 * Packed date the pension of a month is paid on, by the payments context's rule (the 9th of the next
 * month or the working day before; the 1st in Alsace-Moselle). Memoised per month and fund: the loader
 * calls it millions of times and the answer depends on nothing else.
 */
function paidOn(monthIndex: number, fundCode: string): number {
  const month = isoDate(firstOfMonth(monthIndex)).slice(0, 7);
  const key = `${month}:${fundCode}`;
  let packed = paidOnCache.get(key);
  if (packed === undefined) {
    packed = parseIsoDate(paymentDate(month, fundCode));
    paidOnCache.set(key, packed);
  }
  return packed;
}

/**
 * Writes the payments of the last twelve months already paid on `today` (packed), from the start month
 * on; returns how many. The gross is the pension revalued to the month paid.
 */
export function writePayments(
  writer: RowWriter,
  insuredId: number,
  start: number,
  monthlyCents: number,
  today: number,
  fundCode: string,
): number {
  let latest = monthIndexOf(today);
  while (paidOn(latest, fundCode) > today) latest--;
  const startMonth = monthIndexOf(start);
  const first = Math.max(startMonth, latest - 11);
  const startIndex = indexAt(startMonth);
  for (let month = first; month <= latest; month++) {
    const gross = Math.round((monthlyCents * indexAt(month)) / startIndex);
    const contributions = Math.round(gross * contributionRate(gross));
    writer.int(insuredId).tab().date(firstOfMonth(month)).tab().date(paidOn(month, fundCode));
    writer
      .tab()
      .cents(gross)
      .tab()
      .cents(contributions)
      .tab()
      .cents(gross - contributions)
      .end();
  }
  return Math.max(0, latest - first + 1);
}
