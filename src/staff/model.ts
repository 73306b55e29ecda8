import type { ColumnType, Generated } from "kysely";

export type StaffRole =
  | "advisor"
  | "case_worker"
  | "complaint_handler"
  | "social_worker"
  | "fund_manager"
  | "national_manager"
  | "administrator";

export interface StaffMember {
  readonly id: number;
  readonly email: string;
  readonly displayName: string;
  readonly role: StaffRole;
  /** Null for national staff. */
  readonly fundCode: string | null;
  readonly active: boolean;
}

/** National staff see every fund; everyone else only their own (DESIGN.md, ground rules). */
export function seesFund(member: Pick<StaffMember, "fundCode">, fundCode: string): boolean {
  return member.fundCode === null || member.fundCode === fundCode;
}

// ------------------------------------------------------------ tables (migrations/0005_staff_audit.sql)

export type StaffTable = {
  id: Generated<number>;
  email: string;
  display_name: string;
  role: StaffRole;
  fund_code: string | null;
  password_hash: string;
  totp_secret: string | null;
  active: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
};

export type StaffTables = { staff: StaffTable };
