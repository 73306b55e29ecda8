import type { Generated } from "kysely";

export interface Child {
  readonly id: number;
  readonly firstName: string;
  readonly birthDate: string;
  readonly adopted: boolean;
}

export interface Partnership {
  readonly kind: "marriage" | "pacs" | "cohabitation";
  readonly partnerName: string;
  readonly partnerBirthDate: string;
  readonly startedOn: string;
  readonly endedOn: string | null;
  readonly endReason: "divorce" | "death" | null;
}

/** The partner whose death opens a survivor pension: a marriage ended by death (art. L353-1 CSS). */
export function deceasedSpouse(partnerships: readonly Partnership[]): Partnership | undefined {
  return partnerships.find((p) => p.kind === "marriage" && p.endReason === "death");
}

// ------------------------------------------------------------ tables (migrations/0002_family.sql)

export type ChildTable = {
  id: Generated<number>;
  parent_id: number;
  first_name: string;
  birth_date: string;
  adopted: Generated<boolean>;
};

export type PartnershipTable = {
  id: Generated<number>;
  insured_id: number;
  kind: Partnership["kind"];
  partner_name: string;
  partner_birth_date: string;
  started_on: string;
  ended_on: string | null;
  end_reason: Partnership["endReason"];
};

export type FamilyTables = { child: ChildTable; partnership: PartnershipTable };
