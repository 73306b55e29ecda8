import { nextWorkingDay, previousWorkingDay } from "../platform/calendar.ts";
import {
  frenchDay as dayLabel,
  frenchMonth as monthLabel,
  frenchWeekday as weekdayLabel,
} from "../platform/format.ts";

export interface PensionInPayment {
  readonly kind: "own_right" | "survivor";
  readonly startDate: string;
  readonly averageSalary: number | null;
  readonly rate: number | null;
  readonly quartersGeneral: number | null;
  readonly quartersRequired: number | null;
  readonly monthlyGross: number;
}

export interface Payment {
  /** First day of the month the payment is for. */
  readonly period: string;
  readonly paidOn: string;
  readonly gross: number;
  readonly socialContributions: number;
  readonly net: number;
}

// ------------------------------------------------------------ payment calendar

/** The fund that pays in advance, on the first day of the month due (Alsace-Moselle local scheme). */
export const ALSACE_MOSELLE_FUND = "carsat-alsace-moselle";

/** Day of the month the régime général pays the pension of the month before. */
const PAYMENT_DAY = 9;

/** "2026-04" → "2026-04-01"; the month after, as "YYYY-MM". */
function monthAfter(month: string): string {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7));
  return index === 12 ? `${year + 1}-01` : `${year}-${String(index + 1).padStart(2, "0")}`;
}

/**
 * The day the pension of `month` ("YYYY-MM") is paid to the bank.
 *
 * L'Assurance retraite: "Nous versons votre retraite à votre banque le 9 de chaque mois. Si le 9 est un
 * samedi, un dimanche ou un jour férié, nous la versons le 1er jour ouvré précédent ou suivant"
 * (lassuranceretraite.fr, quoted by https://www.moneyvox.fr/retraite/actualites/97544/). The pension is
 * paid after the month it is due for ("à terme échu"). Every published calendar resolves "précédent ou
 * suivant" to the previous working day: April 2024 paid Tuesday 7 May (8 and 9 May public holidays),
 * May 2024 on Friday 7 June (same source); April 2026 on Thursday 7 May, July 2026 on Friday 7 August,
 * December 2026 on Friday 8 January 2027 (https://www.quechoisir.org/actualite-paiement-des-retraites-le-calendrier-2026-n173478/);
 * the tests check those dates.
 *
 * Exception: the Carsat Alsace-Moselle pays in advance ("à terme à échoir"), on the first day of the month
 * due or the next working day: January 2026 on 2 January, May 2026 on 4 May (same Que Choisir page).
 * Working days are the fund's own (src/platform/calendar.ts): Alsace-Moselle's Good Friday and 26 December,
 * and each overseas department's abolition day, never fall on the 1st to the 9th, so the dates stay the
 * national calendar's.
 */
export function paymentDate(month: string, fundCode: string): string {
  if (fundCode === ALSACE_MOSELLE_FUND) return nextWorkingDay(fundCode, `${month}-01`);
  return previousWorkingDay(fundCode, `${monthAfter(month)}-${String(PAYMENT_DAY).padStart(2, "0")}`);
}

/**
 * The day a newly granted pension is first paid: the payment day of its first month. When the decision
 * comes after that day (a late claim, a long review), the months already due are paid together on the
 * next payment day of the calendar that falls on or after `today`.
 */
export function firstPaymentDate(startDate: string, fundCode: string, today: string): string {
  let month = startDate.slice(0, 7);
  let paidOn = paymentDate(month, fundCode);
  while (paidOn < today) {
    month = monthAfter(month);
    paidOn = paymentDate(month, fundCode);
  }
  return paidOn;
}

export interface ScheduledPayment {
  /** The month the pension is due for, "YYYY-MM". */
  readonly month: string;
  readonly paidOn: string;
}

/** The payment day of each month of `year`'s pensions. */
export function paymentCalendar(year: number, fundCode: string): ScheduledPayment[] {
  return Array.from({ length: 12 }, (_, i) => {
    const month = `${year}-${String(i + 1).padStart(2, "0")}`;
    return { month, paidOn: paymentDate(month, fundCode) };
  });
}

// ------------------------------------------------------------ contributions and taxable amount

export interface ContributionRate {
  readonly label: string;
  /** CSG, CRDS and CASA, as shares of the gross pension. */
  readonly csg: number;
  readonly crds: number;
  readonly casa: number;
  /** The part of the CSG deducted from the taxable income. */
  readonly deductibleCsg: number;
}

/**
 * Social contributions on pensions (art. L136-8 CSS for the CSG, CRDS 0.5 %, CASA 0.3 % art. L14-10-4
 * CASF, due only with the median and normal CSG rates) and the deductible part of the CSG
 * (art. 154 quinquies CGI): 3.8 points of the reduced rate, 4.2 of the median 6.6 % rate, 5.9 of the
 * normal 8.3 % rate; the CRDS and CASA are never deductible. Sources:
 * https://impots.dispofi.fr/taux-csg-retraites, https://www.xn--cfdt-retraits-mhb.fr/Retraite-brute-nette-et-imposable,
 * https://politiques-sociales.caissedesdepots.fr/retraite-banquedefrance/fiscalite-cotisations.
 */
export const CONTRIBUTION_RATES: readonly ContributionRate[] = [
  { label: "exonération", csg: 0, crds: 0, casa: 0, deductibleCsg: 0 },
  { label: "CSG au taux réduit de 3,8 %", csg: 0.038, crds: 0.005, casa: 0, deductibleCsg: 0.038 },
  { label: "CSG au taux médian de 6,6 %", csg: 0.066, crds: 0.005, casa: 0.003, deductibleCsg: 0.042 },
  { label: "CSG au taux normal de 8,3 %", csg: 0.083, crds: 0.005, casa: 0.003, deductibleCsg: 0.059 },
];

function totalRate(rate: ContributionRate): number {
  return rate.csg + rate.crds + rate.casa;
}

/**
 * The contribution rate a payment bore. A payment records only the total of its social contributions,
 * not the CSG rate (which the fund sets from the household's tax income): the rate is the one of the
 * table whose total (0, 4.3, 7.4 or 9.1 %) is nearest to contributions ÷ gross. Each total is distinct
 * and amounts are rounded to the cent, so for a payment taken with one of these rates this finds it;
 * the page says the taxable amount is computed this way.
 */
export function contributionRateOf(
  payment: Pick<Payment, "gross" | "socialContributions">,
): ContributionRate {
  const share = payment.gross > 0 ? payment.socialContributions / payment.gross : 0;
  let best = CONTRIBUTION_RATES[0] as ContributionRate;
  for (const rate of CONTRIBUTION_RATES) {
    if (Math.abs(totalRate(rate) - share) < Math.abs(totalRate(best) - share)) best = rate;
  }
  return best;
}

const cents = (amount: number): number => Math.round(amount * 100);

export interface PaymentWithTax extends Payment {
  readonly deductibleCsg: number;
  /** Gross minus the deductible CSG: what the fund declares to the tax administration. */
  readonly taxable: number;
}

export function withTax(payment: Payment): PaymentWithTax {
  const deductible = Math.round(cents(payment.gross) * contributionRateOf(payment).deductibleCsg);
  return {
    ...payment,
    deductibleCsg: deductible / 100,
    taxable: (cents(payment.gross) - deductible) / 100,
  };
}

export interface PaymentTotals {
  readonly gross: number;
  readonly socialContributions: number;
  readonly net: number;
  readonly deductibleCsg: number;
  readonly taxable: number;
}

/** Sums in cents, so totals are exact. */
export function totalsOf(payments: readonly PaymentWithTax[]): PaymentTotals {
  const sum = (pick: (p: PaymentWithTax) => number) =>
    payments.reduce((total, p) => total + cents(pick(p)), 0) / 100;
  return {
    gross: sum((p) => p.gross),
    socialContributions: sum((p) => p.socialContributions),
    net: sum((p) => p.net),
    deductibleCsg: sum((p) => p.deductibleCsg),
    taxable: sum((p) => p.taxable),
  };
}

// ------------------------------------------------------------ choices of the person

/** The months and years for which payments are recorded. */
export interface PaymentSpan {
  /** First and last month paid, "YYYY-MM". */
  readonly firstMonth: string;
  readonly lastMonth: string;
  /** Years in which payments were made (the tax years). */
  readonly firstPaidYear: number;
  readonly lastPaidYear: number;
}

/** Every month of the span, oldest first, "YYYY-MM". */
export function monthsOf(span: PaymentSpan): string[] {
  const months: string[] = [];
  for (let month = span.firstMonth; month <= span.lastMonth; month = monthAfter(month)) months.push(month);
  return months;
}

export function yearsOf(span: PaymentSpan): number[] {
  const years: number[] = [];
  for (let year = span.lastPaidYear; year >= span.firstPaidYear; year--) years.push(year);
  return years;
}

export type RangeField = "from" | "to";

export type RangeCheck =
  | { readonly ok: true; readonly from: string; readonly to: string }
  | { readonly ok: false; readonly errors: Partial<Record<RangeField, string>> };

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export { dayLabel, monthLabel, weekdayLabel };

/** "une retraite personnelle", "une pension de réversion". */
export function pensionLabel(pension: Pick<PensionInPayment, "kind">): string {
  return pension.kind === "own_right" ? "une retraite personnelle" : "une pension de réversion";
}

/** The period of a payment certificate: two months of the span, the first not after the last. */
export function checkRange(
  input: { readonly from?: string | undefined; readonly to?: string | undefined },
  span: PaymentSpan,
): RangeCheck {
  const errors: Partial<Record<RangeField, string>> = {};
  const names: Record<RangeField, string> = { from: "le premier mois", to: "le dernier mois" };
  for (const field of ["from", "to"] as const) {
    const value = input[field]?.trim() ?? "";
    if (value === "") errors[field] = `Choisissez ${names[field]} de l'attestation.`;
    else if (!MONTH_PATTERN.test(value))
      errors[field] = `Ce mois n'existe pas : choisissez ${names[field]} dans la liste.`;
    else if (value < span.firstMonth || value > span.lastMonth)
      errors[field] =
        `Aucun paiement n'est enregistré pour ${monthLabel(value)} : choisissez un mois de ${monthLabel(span.firstMonth)} à ${monthLabel(span.lastMonth)}.`;
  }
  const from = input.from?.trim() ?? "";
  const to = input.to?.trim() ?? "";
  if (!errors.from && !errors.to && from > to)
    errors.to = "Le dernier mois doit être le même que le premier mois ou venir après.";
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, from, to };
}

/** The tax year asked for: one of the years with payments; undefined when it is not one. */
export function checkTaxYear(input: string | undefined, span: PaymentSpan): number | undefined {
  const value = input?.trim() ?? "";
  if (!/^\d{4}$/.test(value)) return undefined;
  const year = Number(value);
  return year >= span.firstPaidYear && year <= span.lastPaidYear ? year : undefined;
}

// ------------------------------------------------------------ tables (migrations/0004_payments.sql)

export type PensionTable = {
  insured_id: number;
  kind: PensionInPayment["kind"];
  start_date: string;
  average_salary: number | null;
  rate: number | null;
  quarters_general: number | null;
  quarters_required: number | null;
  monthly_gross: number;
};

export type PensionPaymentTable = {
  insured_id: number;
  period: string;
  paid_on: string;
  gross: number;
  social_contributions: number;
  net: number;
};

export type PaymentsTables = { pension: PensionTable; pension_payment: PensionPaymentTable };
