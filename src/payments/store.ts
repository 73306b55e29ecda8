import type { Db, Tx } from "../platform/db.ts";
import type { Payment, PaymentSpan, PaymentsTables, PensionInPayment } from "./model.ts";

/** Puts a pension in payment; false when the person already has a pension of that kind. */
export async function insertPension(
  db: Db | Tx,
  insuredId: number,
  pension: PensionInPayment,
): Promise<boolean> {
  const inserted = await db
    .withTables<PaymentsTables>()
    .insertInto("pension")
    .values({
      insured_id: insuredId,
      kind: pension.kind,
      start_date: pension.startDate,
      average_salary: pension.averageSalary,
      rate: pension.rate,
      quarters_general: pension.quartersGeneral,
      quarters_required: pension.quartersRequired,
      monthly_gross: pension.monthlyGross,
    })
    .onConflict((conflict) => conflict.columns(["insured_id", "kind"]).doNothing())
    .returning("insured_id")
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function pensionsOf(db: Db | Tx, insuredId: number): Promise<PensionInPayment[]> {
  const rows = await db
    .withTables<PaymentsTables>()
    .selectFrom("pension")
    .selectAll()
    .where("insured_id", "=", insuredId)
    .orderBy("kind")
    .execute();
  return rows.map((row) => ({
    kind: row.kind,
    startDate: row.start_date,
    averageSalary: row.average_salary,
    rate: row.rate,
    quartersGeneral: row.quarters_general,
    quartersRequired: row.quarters_required,
    monthlyGross: row.monthly_gross,
  }));
}

/** The most recent payments first (the primary key serves this order). */
export async function lastPayments(db: Db | Tx, insuredId: number, count: number): Promise<Payment[]> {
  const rows = await db
    .withTables<PaymentsTables>()
    .selectFrom("pension_payment")
    .selectAll()
    .where("insured_id", "=", insuredId)
    .orderBy("period", "desc")
    .limit(count)
    .execute();
  return rows.map(paymentOf);
}

function paymentOf(row: PaymentsTables["pension_payment"]): Payment {
  return {
    period: row.period,
    paidOn: row.paid_on,
    gross: row.gross,
    socialContributions: row.social_contributions,
    net: row.net,
  };
}

/** The first and last months paid, and the years of the first and last payments; undefined if none. */
export async function paymentSpanOf(db: Db | Tx, insuredId: number): Promise<PaymentSpan | undefined> {
  const row = await db
    .withTables<PaymentsTables>()
    .selectFrom("pension_payment")
    .select((eb) => [
      eb.fn.min("period").as("first_period"),
      eb.fn.max("period").as("last_period"),
      eb.fn.min("paid_on").as("first_paid_on"),
      eb.fn.max("paid_on").as("last_paid_on"),
    ])
    .where("insured_id", "=", insuredId)
    .executeTakeFirst();
  if (!row?.first_period || !row.last_period || !row.first_paid_on || !row.last_paid_on) return undefined;
  return {
    firstMonth: row.first_period.slice(0, 7),
    lastMonth: row.last_period.slice(0, 7),
    firstPaidYear: Number(row.first_paid_on.slice(0, 4)),
    lastPaidYear: Number(row.last_paid_on.slice(0, 4)),
  };
}

/** Payments for the months `from` to `to` ("YYYY-MM", both included), oldest first. */
export async function paymentsForMonths(
  db: Db | Tx,
  insuredId: number,
  from: string,
  to: string,
): Promise<Payment[]> {
  const rows = await db
    .withTables<PaymentsTables>()
    .selectFrom("pension_payment")
    .selectAll()
    .where("insured_id", "=", insuredId)
    .where("period", ">=", `${from}-01`)
    .where("period", "<=", `${to}-01`)
    .orderBy("period")
    .execute();
  return rows.map(paymentOf);
}

/**
 * Payments made in a calendar year, oldest first: the income of that year for the tax administration.
 * A payment is made at most two months after the month it is for, so the primary key bounds the scan.
 */
export async function paymentsPaidIn(db: Db | Tx, insuredId: number, year: number): Promise<Payment[]> {
  const rows = await db
    .withTables<PaymentsTables>()
    .selectFrom("pension_payment")
    .selectAll()
    .where("insured_id", "=", insuredId)
    .where("period", ">=", `${year - 1}-10-01`)
    .where("period", "<=", `${year}-12-01`)
    .where("paid_on", ">=", `${year}-01-01`)
    .where("paid_on", "<=", `${year}-12-31`)
    .orderBy("period")
    .execute();
  return rows.map(paymentOf);
}
