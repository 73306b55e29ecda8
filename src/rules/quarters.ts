import type { ExplanationStep } from "./explanation.ts";
import { euros, quartersText } from "./explanation.ts";
import {
  firstThresholdYear,
  hoursPerQuarter,
  LAST_KNOWN_YEAR,
  maxQuartersPerYear,
  quarterThreshold,
  quarterValidationReference,
} from "./params.ts";

export interface QuartersForSalary {
  readonly threshold: number;
  readonly quarters: number;
  readonly explanation: ExplanationStep[];
}

/** Quarters a year's wage validates on its own: one per threshold reached, at most four a year. */
export function quartersFromSalary(year: number, salary: number): number {
  if (salary <= 0) return 0;
  const quarters = Math.floor(salary / quarterThreshold(year));
  return Math.min(quarters, maxQuartersPerYear);
}

export function quartersForSalary(year: number, salary: number): QuartersForSalary {
  const threshold = quarterThreshold(year);
  const quarters = quartersFromSalary(year, salary);
  const hours = hoursPerQuarter(year);
  const basis =
    year > LAST_KNOWN_YEAR
      ? `seuil de ${LAST_KNOWN_YEAR}, le dernier connu, en euros constants`
      : year >= firstThresholdYear && hours > 0
        ? `${hours} heures payées au SMIC horaire du 1er janvier ${year}`
        : `le seuil fixé pour ${year}`;
  return {
    threshold,
    quarters,
    explanation: [
      {
        rule: "quartersFromSalary",
        reference: quarterValidationReference,
        text: `En ${year}, chaque tranche de ${euros(threshold)} de salaire (${basis}) valide un trimestre, dans la limite de ${maxQuartersPerYear} par an : un salaire de ${euros(salary)} valide ${quartersText(quarters)}.`,
      },
    ],
  };
}
