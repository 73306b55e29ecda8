import type { Db, Tx } from "../platform/db.ts";
import type { Payment, PaymentsTables, PensionInPayment } from "./model.ts";

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
  return rows.map((row) => ({
    period: row.period,
    paidOn: row.paid_on,
    gross: row.gross,
    socialContributions: row.social_contributions,
    net: row.net,
  }));
}
