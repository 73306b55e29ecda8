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
 * IBAN structure of the countries of the SEPA zone (SWIFT IBAN registry, release 99): length and the
 * BBAN layout in registry notation (n digits, a upper-case letters, c letters or digits).
 */
export const IBAN_FORMATS: Readonly<Record<string, { readonly country: string; readonly bban: string }>> = {
  AD: { country: "Andorre", bban: "4n4n12c" },
  AT: { country: "Autriche", bban: "5n11n" },
  BE: { country: "Belgique", bban: "3n7n2n" },
  BG: { country: "Bulgarie", bban: "4a4n2n8c" },
  CH: { country: "Suisse", bban: "5n12c" },
  CY: { country: "Chypre", bban: "3n5n16c" },
  CZ: { country: "Tchéquie", bban: "4n6n10n" },
  DE: { country: "Allemagne", bban: "8n10n" },
  DK: { country: "Danemark", bban: "4n9n1n" },
  EE: { country: "Estonie", bban: "2n2n11n1n" },
  ES: { country: "Espagne", bban: "4n4n1n1n10n" },
  FI: { country: "Finlande", bban: "3n11n" },
  FR: { country: "France", bban: "5n5n11c2n" },
  GB: { country: "Royaume-Uni", bban: "4a6n8n" },
  GI: { country: "Gibraltar", bban: "4a15c" },
  GR: { country: "Grèce", bban: "3n4n16c" },
  HR: { country: "Croatie", bban: "7n10n" },
  HU: { country: "Hongrie", bban: "3n4n1n15n1n" },
  IE: { country: "Irlande", bban: "4a6n8n" },
  IS: { country: "Islande", bban: "4n2n6n10n" },
  IT: { country: "Italie", bban: "1a5n5n12c" },
  LI: { country: "Liechtenstein", bban: "5n12c" },
  LT: { country: "Lituanie", bban: "5n11n" },
  LU: { country: "Luxembourg", bban: "3n13c" },
  LV: { country: "Lettonie", bban: "4a13c" },
  MC: { country: "Monaco", bban: "5n5n11c2n" },
  MT: { country: "Malte", bban: "4a5n18c" },
  NL: { country: "Pays-Bas", bban: "4a10n" },
  NO: { country: "Norvège", bban: "4n6n1n" },
  PL: { country: "Pologne", bban: "8n16n" },
  PT: { country: "Portugal", bban: "4n4n11n2n" },
  RO: { country: "Roumanie", bban: "4a16c" },
  SE: { country: "Suède", bban: "3n16n1n" },
  SI: { country: "Slovénie", bban: "5n8n2n" },
  SK: { country: "Slovaquie", bban: "4n6n10n" },
  SM: { country: "Saint-Marin", bban: "1a5n5n12c" },
  VA: { country: "Vatican", bban: "3n15n" },
};

const CHARACTER_CLASS = { n: "[0-9]", a: "[A-Z]", c: "[A-Z0-9]" } as const;

function bbanPattern(layout: string): { pattern: RegExp; length: number } {
  let source = "";
  let length = 0;
  for (const [, count, kind] of layout.matchAll(/(\d+)([nac])/g)) {
    source += `${CHARACTER_CLASS[kind as keyof typeof CHARACTER_CLASS]}{${count}}`;
    length += Number(count);
  }
  return { pattern: new RegExp(`^${source}$`), length };
}

/** ISO 7064 mod 97-10 over the IBAN moved to put the country and key last, letters as 10…35. */
export function ibanKeyIsValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const character of rearranged) {
    const digits = /[A-Z]/.test(character) ? String(character.charCodeAt(0) - 55) : character;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
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
  const format = IBAN_FORMATS[iban.slice(0, 2)];
  if (!format)
    return {
      ok: false,
      errors: {
        iban: `L'IBAN commence par ${iban.slice(0, 2)}, qui n'est pas le code d'un pays de la zone SEPA : votre retraite est versée sur un compte d'un pays de la zone SEPA.`,
      },
    };
  const { pattern, length } = bbanPattern(format.bban);
  const bban = iban.slice(4);
  if (bban.length !== length || !pattern.test(bban))
    return {
      ok: false,
      errors: {
        iban: `Un IBAN ${format.country === "France" ? "français" : `de ce pays (${format.country})`} compte ${length + 4} caractères selon un format précis ; celui-ci en compte ${iban.length}${bban.length === length ? " mais ne respecte pas ce format" : ""}. Vérifiez-le sur votre relevé d'identité bancaire.`,
      },
    };
  if (!ibanKeyIsValid(iban))
    return {
      ok: false,
      errors: {
        iban: "La clé de contrôle de l'IBAN ne correspond pas : un caractère est sans doute mal recopié. Vérifiez-le sur votre relevé d'identité bancaire.",
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
