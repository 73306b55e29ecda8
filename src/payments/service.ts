import { displayNameOf, type Insured, insuredById } from "../identity/index.ts";
import type { Db } from "../platform/db.ts";
import { type Fund, fundByCode } from "../reference/index.ts";
import {
  type PaymentSpan,
  type PaymentTotals,
  type PaymentWithTax,
  type PensionInPayment,
  paymentCalendar,
  type ScheduledPayment,
  totalsOf,
  withTax,
} from "./model.ts";
import { lastPayments, paymentSpanOf, paymentsForMonths, paymentsPaidIn, pensionsOf } from "./store.ts";

/** A person who receives a pension: who they are, their fund, their pensions and the months paid. */
export interface PaymentsHolder {
  readonly owner: Insured;
  readonly ownerName: string;
  readonly fund: Fund | undefined;
  readonly pensions: readonly PensionInPayment[];
  readonly span: PaymentSpan;
}

/**
 * The person whose space is open, when a pension of theirs is in payment (own right or survivor's);
 * "no_pension" when none is; undefined when the person does not exist.
 */
export async function paymentsHolder(
  db: Db,
  ownerId: number,
): Promise<PaymentsHolder | "no_pension" | undefined> {
  const owner = await insuredById(db, ownerId);
  if (!owner) return undefined;
  const [pensions, span] = await Promise.all([pensionsOf(db, owner.id), paymentSpanOf(db, owner.id)]);
  if (pensions.length === 0 || !span) return "no_pension";
  return { owner, ownerName: displayNameOf(owner), fund: fundByCode(owner.fundCode), pensions, span };
}

export interface TaxYear {
  readonly year: number;
  readonly payments: readonly PaymentWithTax[];
  readonly totals: PaymentTotals;
  /** True while payments of that year are still to come. */
  readonly inProgress: boolean;
}

/** What was paid in `year` and the amount declared to the tax administration for it. */
export async function taxYearOf(
  db: Db,
  holder: PaymentsHolder,
  year: number,
  today: string,
): Promise<TaxYear> {
  const payments = (await paymentsPaidIn(db, holder.owner.id, year)).map(withTax);
  const calendar = paymentCalendar(year, holder.owner.fundCode);
  const lastDayOfYear = paymentCalendar(year - 1, holder.owner.fundCode)
    .concat(calendar)
    .filter((scheduled) => scheduled.paidOn.startsWith(`${year}-`))
    .at(-1)?.paidOn;
  return {
    year,
    payments,
    totals: totalsOf(payments),
    inProgress: lastDayOfYear !== undefined && today < lastDayOfYear,
  };
}

export interface PaymentsOverview {
  readonly lastPayments: readonly PaymentWithTax[];
  readonly calendar: { readonly year: number; readonly days: readonly ScheduledPayment[] };
  readonly taxYear: TaxYear;
}

/** The payments page: the last three payments, this year's calendar, the amount declared for a year. */
export async function paymentsOverview(
  db: Db,
  holder: PaymentsHolder,
  today: string,
  taxYear: number,
): Promise<PaymentsOverview> {
  const year = Number(today.slice(0, 4));
  const [last, tax] = await Promise.all([
    lastPayments(db, holder.owner.id, 3),
    taxYearOf(db, holder, taxYear, today),
  ]);
  return {
    lastPayments: last.map(withTax),
    calendar: { year, days: paymentCalendar(year, holder.owner.fundCode) },
    taxYear: tax,
  };
}

export interface CertificateContent {
  readonly from: string;
  readonly to: string;
  readonly payments: readonly PaymentWithTax[];
  readonly totals: PaymentTotals;
}

/** The payments of a certificate, for months `from` to `to` ("YYYY-MM", already checked). */
export async function certificateContent(
  db: Db,
  holder: PaymentsHolder,
  from: string,
  to: string,
): Promise<CertificateContent> {
  const payments = (await paymentsForMonths(db, holder.owner.id, from, to)).map(withTax);
  return { from, to, payments, totals: totalsOf(payments) };
}
