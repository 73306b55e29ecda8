import type { ColumnType, Generated } from "kysely";
import { STAFF_ROLES, type StaffRole } from "../access/index.ts";

export interface StaffMember {
  readonly id: number;
  readonly email: string;
  readonly displayName: string;
  readonly role: StaffRole;
  /** Null for national staff. */
  readonly fundCode: string | null;
  readonly active: boolean;
}

export const ROLE_LABELS: Readonly<Record<StaffRole, string>> = {
  advisor: "Conseiller retraite",
  case_worker: "Technicien retraite",
  complaint_handler: "Chargé de réclamations",
  social_worker: "Travailleur social",
  fund_manager: "Pilote de caisse",
  national_manager: "Pilote national",
  administrator: "Administrateur",
};

/** Roles that work for every fund: they have no fund of their own. */
export const NATIONAL_ROLES: ReadonlySet<StaffRole> = new Set(["national_manager", "administrator"]);

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

/** E-mail addresses are compared as typed, without surrounding spaces and in lower case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** After this many failed attempts in a row (password or code), the address is locked for a while. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/** What an administrator enters for a staff member; each problem is tied to its field. */
export interface StaffDraft {
  readonly email: string;
  readonly displayName: string;
  readonly role: string;
  readonly fundCode: string;
}

export type StaffField = keyof StaffDraft;
export type StaffProblems = Partial<Record<StaffField, string>>;

export interface ValidStaff {
  readonly email: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly fundCode: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks an administrator's entry: a valid e-mail, a name, a known role, and a fund unless the role is
 * national (a national role never keeps a fund). `knownFund` says whether a fund code exists.
 */
export function validateStaff(
  draft: StaffDraft,
  knownFund: (code: string) => boolean,
): { ok: true; staff: ValidStaff } | { ok: false; problems: StaffProblems } {
  const problems: StaffProblems = {};
  const email = normalizeEmail(draft.email);
  const displayName = draft.displayName.trim().replace(/\s+/g, " ");
  if (!EMAIL.test(email) || email.length > 254)
    problems.email = "Indiquez une adresse e-mail valide, par exemple prenom.nom@carsat.fr.";
  if (displayName.length < 2 || displayName.length > 120)
    problems.displayName = "Indiquez le prénom et le nom de l'agent (120 caractères au plus).";
  const role = draft.role;
  if (!isStaffRole(role)) {
    problems.role = "Choisissez un rôle dans la liste.";
  } else if (!NATIONAL_ROLES.has(role) && !knownFund(draft.fundCode)) {
    problems.fundCode = "Choisissez la caisse de l'agent : ce rôle est rattaché à une caisse.";
  }
  if (Object.keys(problems).length > 0 || !isStaffRole(role)) return { ok: false, problems };
  return {
    ok: true,
    staff: { email, displayName, role, fundCode: NATIONAL_ROLES.has(role) ? null : draft.fundCode },
  };
}

/** National staff see every fund; everyone else only their own (DESIGN.md, ground rules). */
export function seesFund(member: Pick<StaffMember, "fundCode">, fundCode: string): boolean {
  return member.fundCode === null || member.fundCode === fundCode;
}

// ------------------------------------------------------------ tables (migrations/0005_staff_audit.sql, 0009)

export type StaffTable = {
  id: Generated<number>;
  email: string;
  display_name: string;
  role: StaffRole;
  fund_code: string | null;
  password_hash: string;
  totp_secret: string | null;
  totp_last_step: number | null;
  active: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
};

// migrations/0009_backoffice.sql
export type StaffLoginFailureTable = {
  email: string;
  failures: number;
  locked_until: Date | null;
  last_failure_at: Date;
};

export type StaffTables = { staff: StaffTable; staff_login_failure: StaffLoginFailureTable };
