import type { CalendarDate } from "./dates.ts";
import { compareDates } from "./dates.ts";
import type { ExplanationStep } from "./explanation.ts";
import { euros, number } from "./explanation.ts";
import {
  FIRST_SERIES_YEAR,
  mothersAverageSalary,
  revaluationCoefficients,
  socialSecurityCeiling,
} from "./params.ts";

export interface SalaryYear {
  readonly year: number;
  readonly salary: number;
}

export interface AverageSalaryResult {
  readonly averageSalary: number;
  readonly yearsUsed: number;
  readonly bestYears: number;
  readonly explanation: ExplanationStep[];
}

/** Number of best years: the generation's, or fewer for mothers under the 2026 social-security budget law. */
export function bestYearsCount(
  generationYears: number,
  startDate: CalendarDate,
  mother: boolean,
  children: number,
): number {
  if (!mother || children < 1 || compareDates(startDate, mothersAverageSalary.from) < 0)
    return generationYears;
  const mothersYears = children >= 2 ? mothersAverageSalary.twoOrMoreChildren : mothersAverageSalary.oneChild;
  return Math.min(generationYears, mothersYears);
}

const coefficientCache = new Map<string, Float64Array>();

/** Coefficients only change with the start date, and a population shares few start dates. */
export function coefficientsFor(startDate: CalendarDate): Float64Array {
  const key = `${startDate.year}-${startDate.month}-${startDate.day}`;
  let coefficients = coefficientCache.get(key);
  if (!coefficients) {
    coefficients = revaluationCoefficients(startDate);
    coefficientCache.set(key, coefficients);
  }
  return coefficients;
}

/**
 * Each year's general-scheme wage is capped at that year's ceiling, revalued to the start date, and the
 * best years are averaged; the year the pension starts is left out because its wages are not yet known.
 */
export function computeAverageSalary(
  salaries: readonly SalaryYear[],
  startDate: CalendarDate,
  bestYears: number,
): AverageSalaryResult {
  const coefficients = coefficientsFor(startDate);
  const byYear = new Map<number, number>();
  for (const { year, salary } of salaries) {
    if (year < startDate.year && salary > 0) byYear.set(year, (byYear.get(year) ?? 0) + salary);
  }
  const revalued: number[] = [];
  for (const [year, salary] of byYear) {
    const capped = Math.min(salary, socialSecurityCeiling(year));
    revalued.push(capped * (coefficients[year - FIRST_SERIES_YEAR] ?? 1));
  }
  revalued.sort((a, b) => b - a);
  const yearsUsed = Math.min(bestYears, revalued.length);
  let sum = 0;
  for (let i = 0; i < yearsUsed; i++) sum += revalued[i] ?? 0;
  const averageSalary = yearsUsed > 0 ? sum / yearsUsed : 0;
  const fewer =
    yearsUsed < bestYears
      ? ` Vous avez moins de ${bestYears} années de salaire : toutes (${yearsUsed}) sont retenues.`
      : "";
  return {
    averageSalary,
    yearsUsed,
    bestYears,
    explanation: [
      {
        rule: "averageSalary",
        reference: "Art. L351-1, L351-11 et R351-29 CSS",
        text: `Chaque salaire annuel du régime général est retenu dans la limite du plafond de la sécurité sociale de l'année, puis revalorisé jusqu'à la date de départ. La moyenne des ${number(bestYears)} meilleures années donne un salaire annuel moyen de ${euros(averageSalary)}.${fewer}`,
      },
    ],
  };
}
