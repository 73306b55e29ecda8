import { displayNameOf, type Insured, insuredById } from "../identity/index.ts";
import type { Db, Tx } from "../platform/db.ts";
import { type Fund, fundByCode } from "../reference/index.ts";
import {
  firstPaymentDate,
  type PaymentSpan,
  type PaymentTotals,
  type PaymentWithTax,
  type PensionInPayment,
  paymentCalendar,
  type ScheduledPayment,
  totalsOf,
  withTax,
} from "./model.ts";
import {
  insertPension,
  lastPayments,
  paymentSpanOf,
  paymentsForMonths,
  paymentsPaidIn,
  pensionsOf,
} from "./store.ts";

/** A person who receives a pension: who they are, their fund, their pensions and the months paid. */
export interface PaymentsHolder {
  readonly owner: Insured;
  readonly ownerName: string;
  readonly fund: Fund | undefined;
  readonly pensions: readonly PensionInPayment[];
  readonly span: PaymentSpan;
}

/** A person whose pension was just granted: in payment, nothing paid yet. */
export interface AwaitingFirstPayment {
  readonly awaiting: true;
  readonly owner: Insured;
  readonly ownerName: string;
  readonly pensions: readonly PensionInPayment[];
  /** The day the first payment is made (the months already due, if any, paid with it). */
  readonly firstPaymentOn: string;
}

/**
 * The person whose space is open, when a pension of theirs is in payment (own right or survivor's);
 * "no_pension" when none is; undefined when the person does not exist. A pension granted whose first
 * payment is still to come gives `AwaitingFirstPayment`.
 */
export async function paymentsHolder(
  db: Db,
  ownerId: number,
  today: string,
): Promise<PaymentsHolder | AwaitingFirstPayment | "no_pension" | undefined> {
  const owner = await insuredById(db, ownerId);
  if (!owner) return undefined;
  const [pensions, span] = await Promise.all([pensionsOf(db, owner.id), paymentSpanOf(db, owner.id)]);
  if (pensions.length === 0) return "no_pension";
  const ownerName = displayNameOf(owner);
  if (!span) {
    const start = pensions.reduce((earliest, p) => (p.startDate < earliest ? p.startDate : earliest), "9999");
    return {
      awaiting: true,
      owner,
      ownerName,
      pensions,
      firstPaymentOn: firstPaymentDate(start, owner.fundCode, today),
    };
  }
  return { owner, ownerName, fund: fundByCode(owner.fundCode), pensions, span };
}

export type PensionStart =
  | { readonly ok: true; readonly firstPaymentOn: string }
  | { readonly ok: false; readonly problem: "unknown_person" | "already_in_payment" };

/**
 * Puts a granted pension in payment: the person becomes a retiree (own right) or a survivor's pension
 * holder, with the payment calendar of their fund; the first payment day follows from the start month.
 */
export async function startPension(
  db: Db | Tx,
  input: { readonly insuredId: number; readonly pension: PensionInPayment; readonly today: string },
): Promise<PensionStart> {
  const owner = await insuredById(db, input.insuredId);
  if (!owner) return { ok: false, problem: "unknown_person" };
  if (!(await insertPension(db, input.insuredId, input.pension)))
    return { ok: false, problem: "already_in_payment" };
  return { ok: true, firstPaymentOn: firstPaymentDate(input.pension.startDate, owner.fundCode, input.today) };
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
