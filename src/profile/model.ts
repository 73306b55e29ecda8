import {
  getCountrySpecifications,
  ValidationErrorsBIC,
  ValidationErrorsIBAN,
  validateBIC,
  validateIBAN,
} from "ibantools";
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

// ------------------------------------------------------------ bank details

/**
 * The countries of the SEPA zone a pension can be paid to, with their French names for the messages.
 * Their IBAN layouts (length, BBAN format) and check digits are ibantools' (SWIFT IBAN registry).
 */
export const SEPA_COUNTRIES: Readonly<Record<string, string>> = {
  AD: "Andorre",
  AT: "Autriche",
  BE: "Belgique",
  BG: "Bulgarie",
  CH: "Suisse",
  CY: "Chypre",
  CZ: "Tchéquie",
  DE: "Allemagne",
  DK: "Danemark",
  EE: "Estonie",
  ES: "Espagne",
  FI: "Finlande",
  FR: "France",
  GB: "Royaume-Uni",
  GI: "Gibraltar",
  GR: "Grèce",
  HR: "Croatie",
  HU: "Hongrie",
  IE: "Irlande",
  IS: "Islande",
  IT: "Italie",
  LI: "Liechtenstein",
  LT: "Lituanie",
  LU: "Luxembourg",
  LV: "Lettonie",
  MC: "Monaco",
  MT: "Malte",
  NL: "Pays-Bas",
  NO: "Norvège",
  PL: "Pologne",
  PT: "Portugal",
  RO: "Roumanie",
  SE: "Suède",
  SI: "Slovénie",
  SK: "Slovaquie",
  SM: "Saint-Marin",
  VA: "Vatican",
};

const IBAN_SPECIFICATIONS = getCountrySpecifications();

/**
 * Countries whose BBAN is a French RIB (bank, branch, account, RIB key): ibantools checks the RIB key,
 * which the IBAN's mod-97 key does not cover (an IBAN computed over a mistyped RIB passes mod 97).
 */
const RIB_COUNTRIES: ReadonlySet<string> = new Set(["FR", "MC"]);

/** ISO 7064 mod 97-10, the IBAN's own check digits (positions 3 and 4). */
export function ibanKeyIsValid(iban: string): boolean {
  return !validateIBAN(iban).errorCodes.includes(ValidationErrorsIBAN.WrongIBANChecksum);
}

/** Spaces and dashes removed, upper case: what people copy from a bank statement. */
export function normaliseIban(text: string): string {
  return text.replace(/[\s-]+/g, "").toUpperCase();
}

export function checkIban(text: string): Checked<string, "iban"> {
  const iban = normaliseIban(text);
  if (iban === "") return { ok: false, errors: { iban: "Indiquez l'IBAN du compte." } };
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(iban))
    return {
      ok: false,
      errors: {
        iban: "L'IBAN commence par 2 lettres (le pays) et 2 chiffres (la clé), suivis de lettres et de chiffres, par exemple FR76 3000 6000 0112 3456 7890 189.",
      },
    };
  const countryCode = iban.slice(0, 2);
  const country = SEPA_COUNTRIES[countryCode];
  const length = IBAN_SPECIFICATIONS[countryCode]?.chars;
  if (!country || !length)
    return {
      ok: false,
      errors: {
        iban: `L'IBAN commence par ${countryCode}, qui n'est pas le code d'un pays de la zone SEPA : votre retraite est versée sur un compte d'un pays de la zone SEPA.`,
      },
    };
  const { errorCodes } = validateIBAN(iban);
  if (
    errorCodes.includes(ValidationErrorsIBAN.WrongBBANLength) ||
    errorCodes.includes(ValidationErrorsIBAN.WrongBBANFormat)
  )
    return {
      ok: false,
      errors: {
        iban: `Un IBAN ${country === "France" ? "français" : `de ce pays (${country})`} compte ${length} caractères selon un format précis ; celui-ci en compte ${iban.length}${iban.length === length ? " mais ne respecte pas ce format" : ""}. Vérifiez-le sur votre relevé d'identité bancaire.`,
      },
    };
  if (errorCodes.includes(ValidationErrorsIBAN.WrongIBANChecksum))
    return {
      ok: false,
      errors: {
        iban: "La clé de contrôle de l'IBAN ne correspond pas : un caractère est sans doute mal recopié. Vérifiez-le sur votre relevé d'identité bancaire.",
      },
    };
  if (
    RIB_COUNTRIES.has(countryCode) &&
    errorCodes.includes(ValidationErrorsIBAN.WrongAccountBankBranchChecksum)
  )
    return {
      ok: false,
      errors: {
        iban: "La clé RIB (les 2 derniers chiffres de l'IBAN) ne correspond pas au numéro de compte : l'IBAN a sans doute été calculé sur un numéro mal recopié. Vérifiez-le sur votre relevé d'identité bancaire.",
      },
    };
  return { ok: true, value: iban };
}

/** ISO 9362: bank (4 letters), country (2 letters), location (2), optional branch (3). */
export function checkBic(text: string): Checked<string, "bic"> {
  const bic = text.replace(/\s+/g, "").toUpperCase();
  if (bic === "") return { ok: false, errors: { bic: "Indiquez le BIC de votre banque." } };
  if (!/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic))
    return {
      ok: false,
      errors: {
        bic: "Le BIC compte 8 ou 11 caractères : 4 lettres pour la banque, 2 lettres pour le pays, puis 2 ou 5 lettres ou chiffres, par exemple BNPAFRPPXXX.",
      },
    };
  if (validateBIC(bic).errorCodes.includes(ValidationErrorsBIC.NoBICCountry))
    return {
      ok: false,
      errors: {
        bic: `Les 5e et 6e caractères du BIC (${bic.slice(4, 6)}) doivent être le code d'un pays, par exemple FR dans BNPAFRPPXXX.`,
      },
    };
  return { ok: true, value: bic };
}

/** Lower case, no accents, words of letters only: "M. LE GALL-Garnier" → ["m", "le", "gall", "garnier"]. */
function nameWords(text: string): string[] {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((word) => word !== "");
}

/**
 * The rule, as the page explains it: the account must be in the person's name, so the holder must
 * contain their last name or their birth name in full (any order, accents and case ignored). A joint
 * account ("M. ou Mme Garnier") qualifies; an account in someone else's name alone does not.
 */
export function holderBearsName(holder: string, person: { lastName: string; birthName: string }): boolean {
  const words = nameWords(holder).join(" ");
  return [person.lastName, person.birthName].some((name) => {
    const wanted = nameWords(name).join(" ");
    return wanted !== "" && ` ${words} `.includes(` ${wanted} `);
  });
}

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

export function checkBankDetails(
  form: BankForm,
  person: { lastName: string; birthName: string },
): Checked<NewBankDetails, BankField> {
  const holder = form.holder.trim().replace(/\s+/g, " ");
  const iban = checkIban(form.iban);
  const bic = checkBic(form.bic);
  const errors: Partial<Record<BankField, string>> = {};
  if (holder === "") errors.holder = "Indiquez le titulaire du compte, tel qu'il figure sur votre RIB.";
  else if (holder.length > 70) errors.holder = "Le titulaire ne peut pas dépasser 70 caractères.";
  else if (!holderBearsName(holder, person))
    errors.holder = `Le compte doit être à votre nom : le titulaire doit comporter votre nom (${person.lastName}${
      person.birthName !== person.lastName ? ` ou ${person.birthName}` : ""
    }).`;
  if (!iban.ok) errors.iban = iban.errors.iban;
  if (!bic.ok) errors.bic = bic.errors.bic;
  if (!iban.ok || !bic.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { holder, iban: iban.value, bic: bic.value } };
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
