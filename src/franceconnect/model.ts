import type { Insured } from "../identity/index.ts";
/**
 * The FranceConnect pivot identity and the rule that finds its owner in the insured base. Pure: no I/O.
 * The rule is documented in docs/franceconnect.md ("Matching rule"); keep both in step.
 */

/** The pivot identity as FranceConnect v2 sends it in the signed userinfo (scope identite_pivot). */
export interface PivotIdentity {
  /** Birth name (`family_name`). */
  readonly familyName: string;
  /** Every first name, separated by spaces (`given_name`). */
  readonly givenNames: string;
  /** "YYYY-MM-DD"; an unknown month or day comes as 01 (`birthdate`). */
  readonly birthdate: string;
  readonly gender: "female" | "male";
  /** INSEE code of the birth town (5 characters, 2A/2B for Corsica); "" for a birth abroad. */
  readonly birthplace: string;
  /** INSEE code of the birth country: 99100 for France, 99XXX abroad. */
  readonly birthcountry: string;
  readonly email: string | null;
}

/** What the rule compares in an insured person's record. */
/** What matching compares of an insured person (birth department: "2B", "971"…, "99" for abroad). */
export type InsuredCandidate = Pick<
  Insured,
  "id" | "nir" | "sex" | "birthName" | "firstNames" | "birthDate" | "birthDepartment"
>;

export type MatchResult =
  | { readonly kind: "one"; readonly insuredId: number }
  | { readonly kind: "none" }
  | { readonly kind: "several"; readonly count: number };

export const FRANCE_COUNTRY_CODE = "99100";
const ABROAD_DEPARTMENT = "99";

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TOWN_CODE = /^(\d\d|2[AB])\d{3}$/;
const COUNTRY_CODE = /^99\d{3}$/;

/**
 * Reads the pivot identity out of verified userinfo claims; undefined when a claim the rule needs is
 * missing or malformed (the person then sees the "could not verify" page, never a guess).
 */
export function pivotIdentityFrom(claims: Record<string, unknown>): PivotIdentity | undefined {
  const text = (name: string): string | undefined =>
    typeof claims[name] === "string" ? (claims[name] as string).trim() : undefined;
  const familyName = text("family_name");
  const givenNames = text("given_name");
  const birthdate = text("birthdate");
  const gender = text("gender");
  const birthcountry = text("birthcountry");
  const birthplace = text("birthplace") ?? "";
  if (!familyName || !givenNames || !birthdate || !DATE.test(birthdate)) return undefined;
  if (gender !== "female" && gender !== "male") return undefined;
  if (!birthcountry || !COUNTRY_CODE.test(birthcountry)) return undefined;
  const bornInFrance = birthcountry === FRANCE_COUNTRY_CODE;
  if (bornInFrance ? !TOWN_CODE.test(birthplace.toUpperCase()) : birthplace !== "") return undefined;
  return {
    familyName,
    givenNames,
    birthdate,
    gender,
    birthplace: birthplace.toUpperCase(),
    birthcountry,
    email: text("email") || null,
  };
}

/**
 * A name as the rule compares it: accents and ligatures removed, upper case, hyphens, apostrophes and
 * runs of spaces made one space. "Le Gall" = "LE-GALL", "Lefèvre" = "LEFEVRE", "Œuvray" = "OEUVRAY".
 */
export function normalizeName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toUpperCase()
    .replace(/Œ/g, "OE")
    .replace(/Æ/g, "AE")
    .replace(/[^A-Z0-9]+/g, " ")
    .trim();
}

/** The first of the first names ("Jean-Pierre Louis" → "JEAN PIERRE"): names are separated by spaces. */
export function firstFirstName(givenNames: string): string {
  return normalizeName(givenNames.trim().split(/\s+/)[0] ?? "");
}

/**
 * The department of an INSEE town code: three characters overseas (971…976, 98x), two otherwise. Corsica
 * is "20" before 1976 and 2A/2B since, in codes as in records: all three count as one department.
 */
export function birthDepartmentOf(townCode: string): string {
  const code = townCode.toUpperCase();
  const department = code.startsWith("97") || code.startsWith("98") ? code.slice(0, 3) : code.slice(0, 2);
  return corsicaAsOne(department);
}

function corsicaAsOne(department: string): string {
  return department === "2A" || department === "2B" ? "20" : department;
}

/** The INSEE country code in a NIR of a person born abroad (99 + the country, characters 6 to 10). */
function birthCountryInNir(nir: string): string {
  return nir.slice(5, 10);
}

/**
 * The rule: same birth name, same first first-name, same birth date, same sex, and the same birth
 * department (derived from the INSEE town code) for a birth in France, or for a birth abroad the same
 * country (the INSEE country code in the NIR).
 */
export function isSamePerson(pivot: PivotIdentity, candidate: InsuredCandidate): boolean {
  if (candidate.birthDate !== pivot.birthdate) return false;
  if (candidate.sex !== (pivot.gender === "female" ? "F" : "M")) return false;
  if (normalizeName(candidate.birthName) !== normalizeName(pivot.familyName)) return false;
  if (firstFirstName(candidate.firstNames) !== firstFirstName(pivot.givenNames)) return false;
  if (pivot.birthcountry === FRANCE_COUNTRY_CODE) {
    return (
      candidate.birthDepartment !== ABROAD_DEPARTMENT &&
      corsicaAsOne(candidate.birthDepartment.toUpperCase()) === birthDepartmentOf(pivot.birthplace)
    );
  }
  return (
    candidate.birthDepartment === ABROAD_DEPARTMENT && birthCountryInNir(candidate.nir) === pivot.birthcountry
  );
}

/** Exactly one person fits, or none, or several: several is never resolved by a guess. */
export function matchInsured(pivot: PivotIdentity, candidates: readonly InsuredCandidate[]): MatchResult {
  const fits = candidates.filter((candidate) => isSamePerson(pivot, candidate));
  if (fits.length === 1) return { kind: "one", insuredId: (fits[0] as InsuredCandidate).id };
  return fits.length === 0 ? { kind: "none" } : { kind: "several", count: fits.length };
}
