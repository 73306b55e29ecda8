/**
 * Every result says how it was reached: one step per rule applied, with its legal reference and a
 * plain French sentence ("parler clair") that an advisor can read out to the insured person.
 */
export interface ExplanationStep {
  readonly rule: string;
  readonly reference: string;
  readonly text: string;
}

export type Explanation = ExplanationStep[];

const numberFormat = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 4 });
const percentFormat = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 4 });

export { euros } from "../platform/format.ts";

export function number(value: number): string {
  return numberFormat.format(value);
}

export function percent(rate: number): string {
  return percentFormat.format(rate);
}

export function quartersText(count: number): string {
  return `${number(count)} trimestre${Math.abs(count) >= 2 ? "s" : ""}`;
}

/** Euro amounts are paid to the cent; rounding happens once, on the amounts shown and returned. */
export function roundCents(amount: number): number {
  return Math.round(amount * 100) / 100;
}
