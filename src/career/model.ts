import { quartersFromSalary, quarterThreshold } from "../rules/index.ts";

export type CareerScheme = "general" | "self_employed" | "agricultural" | "public_service" | "abroad";

/** The kinds of quarter a career year can hold: contributed by work, or credited (assimilés). */
export type QuarterKind = "contributed" | "unemployment" | "sickness" | "maternity" | "military";

export const QUARTER_KINDS: readonly QuarterKind[] = [
  "contributed",
  "unemployment",
  "sickness",
  "maternity",
  "military",
];

export const CAREER_SCHEMES: readonly CareerScheme[] = [
  "general",
  "self_employed",
  "agricultural",
  "public_service",
  "abroad",
];

export type QuarterCounts = Readonly<Record<QuarterKind, number>>;

/** One year of a career in one scheme (a person can have several schemes in the same year). */
export interface CareerYear {
  readonly year: number;
  readonly scheme: CareerScheme;
  readonly employer: string | null;
  /** Gross yearly earnings in whole euros. */
  readonly salary: number;
  readonly quarters: QuarterCounts;
}

export interface ChildQuartersAward {
  readonly childId: number;
  readonly reason: "maternity" | "adoption" | "education";
  readonly quarters: number;
}

/** A child quarters award with the child's first name, as the statement shows it. */
export interface ChildQuartersLine extends ChildQuartersAward {
  readonly firstName: string | null;
}

/** One line of the all-schemes summary (relevé de tous régimes): the quarters of one scheme. */
export interface SchemeSummary {
  readonly scheme: CareerScheme;
  readonly firstYear: number;
  readonly lastYear: number;
  readonly quarters: QuarterCounts;
  readonly total: number;
}

/** A period of whole years, both ends included. */
export interface YearPeriod {
  readonly from: number;
  readonly to: number;
}

/** Something in the career the person should look at, because a right may be missing. */
export type CareerCheck =
  | {
      readonly kind: "wageWithoutQuarter";
      readonly year: number;
      readonly scheme: CareerScheme;
      readonly employer: string | null;
      readonly salary: number;
      /** General scheme only: the wage that validates one quarter that year. */
      readonly threshold: number | null;
      /** General scheme only: the quarters such a wage validates. */
      readonly expectedQuarters: number | null;
    }
  | { readonly kind: "gap"; readonly period: YearPeriod }
  | {
      readonly kind: "missingUnemployment";
      readonly period: YearPeriod;
      readonly lastEmployer: string | null;
    }
  | { readonly kind: "missingMilitaryService"; readonly birthYear: number }
  | { readonly kind: "abroad"; readonly period: YearPeriod };

export interface CareerStatement {
  readonly years: readonly CareerYear[];
  readonly byKind: QuarterCounts;
  /** Every quarter of the career, all schemes, without child quarters. */
  readonly total: number;
  readonly schemes: readonly SchemeSummary[];
  readonly childQuarters: readonly ChildQuartersLine[];
  readonly childQuartersTotal: number;
  readonly totalWithChildQuarters: number;
  readonly checks: readonly CareerCheck[];
}

/** The person facts the checks need. */
export interface CareerHolder {
  readonly sex: "F" | "M";
  readonly birthYear: number;
}

/**
 * National service was compulsory for men born until 1978: law 97-1019 of 28 October 1997 suspended it
 * from the generation born in 1979.
 */
export const LAST_CONSCRIPTED_GENERATION = 1978;

const NO_QUARTERS: QuarterCounts = {
  contributed: 0,
  unemployment: 0,
  sickness: 0,
  maternity: 0,
  military: 0,
};

function addQuarters(a: QuarterCounts, b: QuarterCounts): QuarterCounts {
  return {
    contributed: a.contributed + b.contributed,
    unemployment: a.unemployment + b.unemployment,
    sickness: a.sickness + b.sickness,
    maternity: a.maternity + b.maternity,
    military: a.military + b.military,
  };
}

export function totalQuarters(quarters: QuarterCounts): number {
  return QUARTER_KINDS.reduce((sum, kind) => sum + quarters[kind], 0);
}

/** Consecutive years grouped into periods; `years` ascending, without duplicates. */
export function periodsOf(years: readonly number[]): YearPeriod[] {
  const periods: { from: number; to: number }[] = [];
  for (const year of years) {
    const last = periods.at(-1);
    if (last && last.to === year - 1) last.to = year;
    else periods.push({ from: year, to: year });
  }
  return periods;
}

/** Lines with earnings that validate no quarter at all (neither contributed nor credited). */
export function wagesWithoutQuarter(career: readonly CareerYear[]): CareerCheck[] {
  return career
    .filter((line) => line.salary > 0 && totalQuarters(line.quarters) === 0)
    .map((line) => {
      const general = line.scheme === "general";
      return {
        kind: "wageWithoutQuarter",
        year: line.year,
        scheme: line.scheme,
        employer: line.employer,
        salary: line.salary,
        threshold: general ? quarterThreshold(line.year) : null,
        expectedQuarters: general ? quartersFromSalary(line.year, line.salary) : null,
      };
    });
}

/** A year counts as known when it holds earnings, quarters, or a stay abroad (reported on its own). */
function known(line: CareerYear): boolean {
  return line.salary > 0 || totalQuarters(line.quarters) > 0 || line.scheme === "abroad";
}

/**
 * Periods with nothing recorded between the first and the last year of activity. A period that starts
 * right after a year of salaried work (general scheme) is most often unemployment that was not reported:
 * it is flagged as such; other periods are plain gaps.
 */
export function careerGaps(career: readonly CareerYear[]): CareerCheck[] {
  const activeYears = new Set(career.filter(known).map((line) => line.year));
  if (activeYears.size === 0) return [];
  const first = Math.min(...activeYears);
  const last = Math.max(...activeYears);
  const empty: number[] = [];
  for (let year = first + 1; year < last; year++) if (!activeYears.has(year)) empty.push(year);
  return periodsOf(empty).map((period) => {
    const salaried = career.find(
      (line) => line.year === period.from - 1 && line.scheme === "general" && line.salary > 0,
    );
    return salaried
      ? { kind: "missingUnemployment", period, lastEmployer: salaried.employer }
      : { kind: "gap", period };
  });
}

/** A man of a conscripted generation with no military quarter: his national service may be missing. */
export function missingMilitaryService(career: readonly CareerYear[], holder: CareerHolder): CareerCheck[] {
  if (holder.sex !== "M" || holder.birthYear > LAST_CONSCRIPTED_GENERATION) return [];
  if (career.some((line) => line.quarters.military > 0)) return [];
  return [{ kind: "missingMilitaryService", birthYear: holder.birthYear }];
}

/** Periods worked abroad: they count through the foreign scheme, which the person must also claim. */
export function periodsAbroad(career: readonly CareerYear[]): CareerCheck[] {
  const years = [...new Set(career.filter((l) => l.scheme === "abroad").map((l) => l.year))].sort(
    (a, b) => a - b,
  );
  return periodsOf(years).map((period) => ({ kind: "abroad", period }));
}

/** Every check, in the order of the career: the person reads them from the oldest to the newest. */
export function careerChecks(career: readonly CareerYear[], holder: CareerHolder): CareerCheck[] {
  const checks = [
    ...missingMilitaryService(career, holder),
    ...wagesWithoutQuarter(career),
    ...careerGaps(career),
    ...periodsAbroad(career),
  ];
  const yearOf = (check: CareerCheck): number =>
    check.kind === "wageWithoutQuarter"
      ? check.year
      : check.kind === "missingMilitaryService"
        ? check.birthYear
        : check.period.from;
  return checks.sort((a, b) => yearOf(a) - yearOf(b));
}

/** The career statement: the years, totals by kind and by scheme, child quarters and the checks. */
export function careerStatement(
  career: readonly CareerYear[],
  childQuarters: readonly ChildQuartersLine[],
  holder: CareerHolder,
): CareerStatement {
  const byKind = career.reduce((sum, line) => addQuarters(sum, line.quarters), NO_QUARTERS);
  const schemes = CAREER_SCHEMES.flatMap((scheme): SchemeSummary[] => {
    const lines = career.filter((line) => line.scheme === scheme);
    if (lines.length === 0) return [];
    const quarters = lines.reduce((sum, line) => addQuarters(sum, line.quarters), NO_QUARTERS);
    return [
      {
        scheme,
        firstYear: Math.min(...lines.map((l) => l.year)),
        lastYear: Math.max(...lines.map((l) => l.year)),
        quarters,
        total: totalQuarters(quarters),
      },
    ];
  });
  const total = totalQuarters(byKind);
  const childQuartersTotal = childQuarters.reduce((sum, award) => sum + award.quarters, 0);
  return {
    years: career,
    byKind,
    total,
    schemes,
    childQuarters,
    childQuartersTotal,
    totalWithChildQuarters: total + childQuartersTotal,
    checks: careerChecks(career, holder),
  };
}

// ------------------------------------------------------------ tables (migrations/0003_career.sql)

export type EmployerTable = { id: number; name: string; siret: string };

export type CareerYearTable = {
  insured_id: number;
  year: number;
  scheme: CareerScheme;
  employer_id: number | null;
  salary: number;
  contributed: number;
  unemployment: number;
  sickness: number;
  maternity: number;
  military: number;
};

export type ChildQuartersTable = {
  insured_id: number;
  child_id: number;
  reason: ChildQuartersAward["reason"];
  quarters: number;
};

export type CareerTables = {
  employer: EmployerTable;
  career_year: CareerYearTable;
  child_quarters: ChildQuartersTable;
};
