import type { Generated } from "kysely";

/**
 * Profile changes: a new postal address (the fund follows the department) and new bank details
 * (IBAN and BIC checked, the holder must bear the person's name, confirmed by e-mail). Pure.
 */

export type Checked<T, F extends string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: Partial<Record<F, string>> };

// ------------------------------------------------------------ address

export interface AddressForm {
  readonly line: string;
  readonly postcode: string;
  readonly town: string;
  readonly country: string;
}

export type AddressField = keyof AddressForm;

export interface NewAddress extends AddressForm {
  /** The department of residence; abroad, the last French one is kept. */
  readonly department: string;
  readonly livesAbroad: boolean;
}

export const FRANCE = "France";

/**
 * The INSEE department of a French postcode: the first two digits, except Corsica (20000–20199 is
 * Corse-du-Sud 2A, 20200–20699 Haute-Corse 2B) and overseas departments (first three digits, 97x).
 * Undefined when the postcode is not one of a department `isDepartment` knows.
 */
export function departmentOfPostcode(postcode: string, isDepartment: (code: string) => boolean) {
  if (!/^\d{5}$/.test(postcode)) return undefined;
  const code = postcode.startsWith("20")
    ? Number(postcode) < 20200
      ? "2A"
      : "2B"
    : postcode.startsWith("97")
      ? postcode.slice(0, 3)
      : postcode.slice(0, 2);
  return isDepartment(code) ? code : undefined;
}

const MAX_LINE = 100;

/** A French address needs a postcode of a known department; an address abroad keeps the last department. */
export function checkAddress(
  form: AddressForm,
  currentDepartment: string,
  isDepartment: (code: string) => boolean,
): Checked<NewAddress, AddressField> {
  const line = form.line.trim().replace(/\s+/g, " ");
  const postcode = form.postcode.replace(/\s+/g, "").toUpperCase();
  const town = form.town.trim().replace(/\s+/g, " ");
  const countryText = form.country.trim().replace(/\s+/g, " ");
  const inFrance = countryText === "" || countryText.toLowerCase() === "france";
  const errors: Partial<Record<AddressField, string>> = {};
  if (line === "") errors.line = "Indiquez le numéro et la voie.";
  else if (line.length > MAX_LINE) errors.line = `L'adresse ne peut pas dépasser ${MAX_LINE} caractères.`;
  if (town === "") errors.town = "Indiquez la commune.";
  else if (town.length > MAX_LINE) errors.town = `La commune ne peut pas dépasser ${MAX_LINE} caractères.`;
  let department = currentDepartment;
  if (inFrance) {
    if (!/^\d{5}$/.test(postcode))
      errors.postcode = "Le code postal français compte 5 chiffres, par exemple 33000.";
    else {
      const found = departmentOfPostcode(postcode, isDepartment);
      if (found) department = found;
      else errors.postcode = `Le code postal ${postcode} ne correspond à aucun département français.`;
    }
  } else if (postcode === "" || postcode.length > 12) {
    errors.postcode = "Indiquez le code postal de votre adresse à l'étranger (12 caractères au plus).";
  }
  if (countryText.length > 60) errors.country = "Le pays ne peut pas dépasser 60 caractères.";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      line,
      postcode,
      town,
      country: inFrance ? FRANCE : countryText,
      department,
      livesAbroad: !inFrance,
    },
  };
}

// ------------------------------------------------------------ bank details (checked in bankDetails.ts)

export interface BankForm {
  readonly holder: string;
  readonly iban: string;
  readonly bic: string;
}

export type BankField = keyof BankForm;

export interface NewBankDetails {
  readonly holder: string;
  readonly iban: string;
  readonly bic: string;
}

/** Only the country, the key and the last 4 characters: "FR76 •••• •••• •••• •••• •••• 189". */
export function maskIban(iban: string): string {
  const groups = iban.match(/.{1,4}/g) ?? [];
  return groups
    .map((group, index) => (index === 0 || index === groups.length - 1 ? group : "••••"))
    .join(" ");
}

export type BankAccountStatus = "pending" | "confirmed" | "replaced";

export interface BankAccount {
  readonly id: number;
  readonly holder: string;
  readonly iban: string;
  readonly bic: string;
  readonly status: BankAccountStatus;
  readonly requestedAt: Date;
  readonly confirmedAt: Date | null;
}

/** How long a confirmation link stays valid. */
export const CONFIRMATION_HOURS = 48;

// ------------------------------------------------------------ tables (migrations/0012_profile.sql)

export type BankAccountTable = {
  id: Generated<number>;
  insured_id: number;
  holder: string;
  iban: string;
  bic: string;
  status: BankAccountStatus;
  requested_at: Generated<Date>;
  confirmed_at: Date | null;
  replaced_at: Date | null;
  token_hash: string | null;
  token_expires_at: Date;
  confirmation_email: string;
};

export type ProfileTables = { bank_account: BankAccountTable };
