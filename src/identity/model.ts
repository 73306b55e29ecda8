import type { ColumnType, Generated } from "kysely";
import { checkNir } from "./nir.ts";

/** Other contexts' pure models check a NIR through this model (docs/adr/0001-module-boundaries.md). */
export { checkNir };

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

/** The calendar date in France ("YYYY-MM-DD"): ages and mandates count in French days. */
// Built once: constructing a formatter with a time zone costs more than the rest of a page (bench:http).
const PARIS_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" });

export function dateInFrance(at: Date): string {
  return PARIS_DATE.format(at);
}

/** The name shown to a person and about them: first given name and last name. */
export function displayNameOf(insured: Pick<Insured, "firstNames" | "lastName">): string {
  return `${insured.firstNames.split(" ")[0]} ${insured.lastName}`;
}

// ------------------------------------------------------------ accounts

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
const EMAIL_MAX_LENGTH = 254;

/** How long a link sent by e-mail stays valid. */
export const TOKEN_LIFETIME_MS = {
  verify_email: 24 * 60 * 60 * 1000,
  reset_password: 60 * 60 * 1000,
} as const;
export type TokenPurpose = keyof typeof TOKEN_LIFETIME_MS;

/** Failed logins allowed per address within the window before the address is locked. */
export const LOGIN_LOCK = { maxFailures: 5, windowMs: 15 * 60 * 1000, lockMs: 15 * 60 * 1000 } as const;

export interface Account {
  readonly insuredId: number;
  readonly email: string;
  readonly passwordHash: string;
  readonly emailVerifiedAt: Date | null;
}

export function normalizeEmail(input: string): string {
  return input.trim().toLowerCase();
}

export function emailProblem(email: string): string | undefined {
  if (email === "") return "Indiquez votre adresse électronique.";
  if (email.length > EMAIL_MAX_LENGTH || !/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email))
    return "L'adresse électronique n'est pas valide : elle doit être de la forme nom@exemple.fr.";
  return undefined;
}

export type PasswordField = "password" | "passwordConfirmation";

/** The rules of a new password, each broken one explained in French. */
export function newPasswordProblems(
  password: string,
  confirmation: string,
): Partial<Record<PasswordField, string>> {
  const length = [...password].length;
  const problems: Partial<Record<PasswordField, string>> = {};
  if (length === 0) problems.password = "Choisissez un mot de passe.";
  else if (length < PASSWORD_MIN_LENGTH)
    problems.password = `Le mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH} caractères : il en compte ${length}.`;
  else if (length > PASSWORD_MAX_LENGTH)
    problems.password = `Le mot de passe ne peut pas dépasser ${PASSWORD_MAX_LENGTH} caractères : il en compte ${length}.`;
  if (confirmation === "") problems.passwordConfirmation = "Saisissez une seconde fois votre mot de passe.";
  else if (confirmation !== password)
    problems.passwordConfirmation =
      "Les deux mots de passe ne sont pas identiques : saisissez le même mot de passe dans les deux champs.";
  return problems;
}

/** A birth date typed as JJ/MM/AAAA (or AAAA-MM-JJ, what a date picker sends), checked against today. */
export function parseBirthDate(
  input: string,
  today: string,
): { ok: true; date: string } | { ok: false; message: string } {
  const text = input.trim();
  if (text === "") return { ok: false, message: "Indiquez votre date de naissance." };
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const parts = french ? [french[3], french[2], french[1]] : iso ? [iso[1], iso[2], iso[3]] : undefined;
  if (!parts)
    return {
      ok: false,
      message: "La date de naissance doit être au format JJ/MM/AAAA, par exemple 14/03/1992.",
    };
  const [year, month, day] = parts.map(Number) as [number, number, number];
  const date = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  const check = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== date)
    return { ok: false, message: "Cette date n'existe pas : vérifiez le jour et le mois." };
  if (date > today) return { ok: false, message: "La date de naissance ne peut pas être dans le futur." };
  if (year < 1900)
    return { ok: false, message: "Vérifiez l'année de naissance : elle doit compter 4 chiffres." };
  return { ok: true, date };
}

export type SignUpField = "nir" | "birthDate" | "email" | PasswordField;
export type SignUpForm = Readonly<Record<SignUpField, string>>;
export interface SignUpRequest {
  readonly nir: string;
  readonly birthDate: string;
  readonly email: string;
  readonly password: string;
}

export type Checked<T, F extends string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: Partial<Record<F, string>> };

/**
 * Every field of the sign-up form, each with its own message. The NIR carries the year and month of
 * birth (characters 2 to 5): a birth date that contradicts it is a typing mistake worth pointing out.
 */
export function checkSignUp(form: SignUpForm, today: string): Checked<SignUpRequest, SignUpField> {
  const errors: Partial<Record<SignUpField, string>> = {};
  const nir = checkNir(form.nir);
  if (!nir.ok) errors.nir = nir.message;
  const birth = parseBirthDate(form.birthDate, today);
  if (!birth.ok) errors.birthDate = birth.message;
  if (nir.ok && birth.ok && !nirMatchesBirth(nir.nir, birth.date))
    errors.birthDate =
      "Cette date de naissance ne correspond pas à votre numéro de sécurité sociale, dont les chiffres 2 à 5 sont l'année et le mois de naissance.";
  const email = normalizeEmail(form.email);
  const emailError = emailProblem(email);
  if (emailError) errors.email = emailError;
  Object.assign(errors, newPasswordProblems(form.password, form.passwordConfirmation));
  if (!nir.ok || !birth.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { nir: nir.nir, birthDate: birth.date, email, password: form.password } };
}

function nirMatchesBirth(nir: string, birthDate: string): boolean {
  const month = Number(nir.slice(3, 5));
  // Months 20–42 and 50–99 stand for an unknown month: only the year can be compared.
  const monthKnown = month >= 1 && month <= 12;
  return (
    nir.slice(1, 3) === birthDate.slice(2, 4) && (!monthKnown || nir.slice(3, 5) === birthDate.slice(5, 7))
  );
}

/** Where to go after login: only a path of this site (never "//host" or "/\\host", which leave it). */
export function isSafeReturnPath(path: unknown): path is string {
  return typeof path === "string" && path.length <= 2000 && /^\/(?![/\\])[^\s]*$/.test(path);
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

// ------------------------------------------------------------ tables (migrations/0008_accounts.sql)

export type AccountTokenTable = {
  token_hash: string;
  insured_id: number;
  purpose: TokenPurpose;
  expires_at: Date;
  used_at: Date | null;
  created_at: ColumnType<Date, never, never>;
};

export type LoginThrottleTable = {
  email: string;
  failures: number;
  window_started_at: Date;
  locked_until: Date | null;
};

export type IdentityTables = {
  insured: InsuredTable;
  account: AccountTable;
  representative_mandate: RepresentativeMandateTable;
  account_token: AccountTokenTable;
  login_throttle: LoginThrottleTable;
};
