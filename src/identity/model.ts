import type { ColumnType, Generated } from "kysely";

/** The situations that shape what a person is offered (DESIGN.md, segments). */
export interface SituationFlags {
  readonly receivesAah: boolean;
  readonly receivesRsa: boolean;
  readonly invalidityPension: boolean;
  readonly disability: boolean;
  readonly livesAbroad: boolean;
  readonly selfEmployed: boolean;
  readonly fragile: boolean;
}

export interface Insured {
  readonly id: number;
  readonly nir: string;
  readonly sex: "F" | "M";
  readonly birthName: string;
  readonly lastName: string;
  readonly firstNames: string;
  readonly birthDate: string;
  readonly birthDepartment: string;
  readonly birthPlace: string;
  readonly address: {
    readonly line: string;
    readonly postcode: string;
    readonly town: string;
    readonly country: string;
  };
  readonly department: string;
  readonly fundCode: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly contactByEmail: boolean;
  readonly contactBySms: boolean;
  readonly situation: SituationFlags;
}

export type MandateKind = "guardianship" | "curatorship" | "mandate";

export interface RepresentativeMandate {
  readonly id: number;
  readonly representativeId: number;
  readonly representedId: number;
  readonly kind: MandateKind;
  readonly scope: "full" | "assistance" | "limited";
  readonly startsOn: string;
  readonly endsOn: string | null;
}

/** A mandate counts on the days from its start to its end, both included. */
export function mandateIsActive(
  mandate: Pick<RepresentativeMandate, "startsOn" | "endsOn">,
  on: string,
): boolean {
  return mandate.startsOn <= on && (mandate.endsOn === null || on <= mandate.endsOn);
}

/** Age in whole years on a date, both as "YYYY-MM-DD". */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

// ------------------------------------------------------------ tables (migrations/0001_identity.sql)

export type InsuredTable = {
  id: Generated<number>;
  nir: string;
  sex: "F" | "M";
  birth_name: string;
  last_name: string;
  first_names: string;
  birth_date: string;
  birth_department: string;
  birth_place: string;
  address_line: string;
  postcode: string;
  town: string;
  country: Generated<string>;
  department: string;
  fund_code: string;
  email: string | null;
  phone: string | null;
  contact_by_email: Generated<boolean>;
  contact_by_sms: Generated<boolean>;
  receives_aah: Generated<boolean>;
  receives_rsa: Generated<boolean>;
  invalidity_pension: Generated<boolean>;
  disability: Generated<boolean>;
  lives_abroad: Generated<boolean>;
  self_employed: Generated<boolean>;
  fragile: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
};

export type AccountTable = {
  insured_id: number;
  email: string;
  password_hash: string;
  email_verified_at: Date | null;
  created_at: ColumnType<Date, never, never>;
};

export type RepresentativeMandateTable = {
  id: Generated<number>;
  representative_id: number;
  represented_id: number;
  kind: MandateKind;
  scope: "full" | "assistance" | "limited";
  starts_on: string;
  ends_on: string | null;
};

export type IdentityTables = {
  insured: InsuredTable;
  account: AccountTable;
  representative_mandate: RepresentativeMandateTable;
};
