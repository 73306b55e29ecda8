import {
  getCountrySpecifications,
  ValidationErrorsBIC,
  ValidationErrorsIBAN,
  validateBIC,
  validateIBAN,
} from "ibantools";
import type { BankField, BankForm, Checked, NewBankDetails } from "./model.ts";

/**
 * Bank details checked at the edge: IBAN layouts and keys, the French RIB key and the BIC (ibantools), and
 * the holder's name. Apart from model.ts so that the pure model loads no npm package (ADR 0001).
 */

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
