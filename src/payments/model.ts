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
