/**
 * The back-office: finding an insured person and opening their file (the 360° page). Pure: search
 * criteria, name keys, cursors, masking, career summary, reasons for opening a file.
 */
import type { CareerYear, ChildQuartersAward } from "../career/index.ts";
import { checkNir } from "../identity/model.ts";
import { parseFrenchDate } from "../platform/format.ts";

// ---------------------------------------------------------------- names

// The same translation as parcours_name_key in migrations/0009_backoffice.sql: keep both in step.
const ACCENTED = "àâäáãåçéèêëíìîïñóòôöõúùûüýÿÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸ";
const PLAIN = "aaaaaaceeeeiiiinooooouuuuyyAAAAAACEEEEIIIINOOOOOUUUUYY";
const LIGATURES: Readonly<Record<string, string>> = { œ: "oe", Œ: "OE", æ: "ae", Æ: "AE" };

/** A name as searched: upper case ASCII letters only ("Lefèvre" → LEFEVRE, "Le Gall" → LEGALL). */
export function nameKey(name: string): string {
  let out = "";
  for (const character of name) {
    const ligature = LIGATURES[character];
    if (ligature !== undefined) {
      out += ligature;
      continue;
    }
    const index = ACCENTED.indexOf(character);
    out += index === -1 ? character : PLAIN[index];
  }
  return out.toUpperCase().replace(/[^A-Z]/g, "");
}

// ---------------------------------------------------------------- criteria

export type SearchCriteria =
  | { readonly by: "nir"; readonly nir: string }
  | {
      readonly by: "name";
      /** Name key prefixes. */
      readonly lastName: string;
      readonly firstName: string | undefined;
      readonly birthDate: string;
    };

export interface SearchInput {
  readonly nir?: string | undefined;
  readonly lastName?: string | undefined;
  readonly firstName?: string | undefined;
  readonly birthDate?: string | undefined;
}

export type SearchField = "nir" | "lastName" | "firstName" | "birthDate";
export type SearchProblems = Partial<Record<SearchField, string>>;

const MIN_NAME_LETTERS = 2;

function validDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && value >= "1890-01-01";
}

/** Reads a birth date typed as JJ/MM/AAAA or given as AAAA-MM-JJ (date inputs). */
export function parseBirthDate(value: string): string | undefined {
  const iso = parseFrenchDate(value);
  return iso !== undefined && validDate(iso) ? iso : undefined;
}

/**
 * A search by NIR when a NIR is given, otherwise by name and birth date. Every problem is tied to the
 * field to correct, in French.
 */
export function readCriteria(
  input: SearchInput,
): { ok: true; criteria: SearchCriteria } | { ok: false; by: "nir" | "name"; problems: SearchProblems } {
  if ((input.nir ?? "").trim() !== "") {
    const checked = checkNir(input.nir ?? "");
    return checked.ok
      ? { ok: true, criteria: { by: "nir", nir: checked.nir } }
      : { ok: false, by: "nir", problems: { nir: checked.message } };
  }
  const problems: SearchProblems = {};
  const lastName = nameKey(input.lastName ?? "");
  const firstName = nameKey(input.firstName ?? "");
  const birthDate = parseBirthDate(input.birthDate ?? "");
  if (lastName.length < MIN_NAME_LETTERS)
    problems.lastName =
      "Indiquez le nom de naissance ou le nom d'usage (au moins 2 lettres), ou cherchez par numéro de sécurité sociale.";
  if ((input.birthDate ?? "").trim() === "")
    problems.birthDate = "Indiquez la date de naissance, par exemple 14/03/1992.";
  else if (!birthDate)
    problems.birthDate =
      "La date de naissance n'est pas valide : indiquez-la sous la forme JJ/MM/AAAA, par exemple 14/03/1992.";
  if ((input.firstName ?? "").trim() !== "" && firstName === "")
    problems.firstName = "Le prénom doit contenir des lettres.";
  if (Object.keys(problems).length > 0 || !birthDate) return { ok: false, by: "name", problems };
  return { ok: true, criteria: { by: "name", lastName, firstName: firstName || undefined, birthDate } };
}

// ---------------------------------------------------------------- results and cursors

export interface SearchHit {
  readonly id: number;
  readonly lastName: string;
  readonly birthName: string;
  readonly firstNames: string;
  readonly birthDate: string;
  readonly nir: string;
  readonly fundCode: string;
}

/** Where the next page starts: after this (last name key, first names key, id). */
export interface SearchCursor {
  readonly lastName: string;
  readonly firstNames: string;
  readonly id: number;
}

export function cursorAfter(hit: SearchHit): SearchCursor {
  return { lastName: nameKey(hit.lastName), firstNames: nameKey(hit.firstNames), id: hit.id };
}

export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(`${cursor.lastName}.${cursor.firstNames}.${cursor.id}`, "utf8").toString("base64url");
}

export function decodeCursor(text: string): SearchCursor | undefined {
  const match = /^([A-Z]*)\.([A-Z]*)\.(\d{1,15})$/.exec(Buffer.from(text, "base64url").toString("utf8"));
  return match
    ? { lastName: match[1] as string, firstNames: match[2] as string, id: Number(match[3]) }
    : undefined;
}

// ---------------------------------------------------------------- reasons for opening a file

export const OPENING_REASONS = {
  phone_call: "Appel de l'assuré (3960)",
  appointment: "Rendez-vous en agence ou à distance",
  mail: "Réponse à un courrier ou à un message",
  case_processing: "Traitement d'un dossier",
  complaint: "Traitement d'une réclamation",
  social_support: "Accompagnement social",
  other: "Autre motif (à préciser)",
} as const;

export type OpeningReason = keyof typeof OPENING_REASONS;

export const MAX_REASON_COMMENT = 300;

export function isOpeningReason(value: string): value is OpeningReason {
  return Object.hasOwn(OPENING_REASONS, value);
}

export type ReasonProblems = Partial<Record<"reason" | "comment", string>>;

/** The reason a staff member gives before opening a file; "other" needs a few words. */
export function readReason(
  reason: string,
  comment: string,
): { ok: true; reason: OpeningReason; comment: string } | { ok: false; problems: ReasonProblems } {
  const text = comment.trim().replace(/\s+/g, " ");
  const problems: ReasonProblems = {};
  if (!isOpeningReason(reason)) problems.reason = "Choisissez le motif de consultation du dossier.";
  else if (reason === "other" && text.length < 3)
    problems.comment = "Précisez le motif de consultation en quelques mots.";
  if (text.length > MAX_REASON_COMMENT)
    problems.comment = `La précision ne doit pas dépasser ${MAX_REASON_COMMENT} caractères.`;
  if (Object.keys(problems).length > 0 || !isOpeningReason(reason)) return { ok: false, problems };
  return { ok: true, reason, comment: text };
}

/** How the reason reads in the audit log. */
export function reasonText(reason: OpeningReason, comment: string): string {
  return comment ? `${OPENING_REASONS[reason]} : ${comment}` : OPENING_REASONS[reason];
}

// ---------------------------------------------------------------- career summary

export interface QuarterCounts {
  readonly contributed: number;
  readonly unemployment: number;
  readonly sickness: number;
  readonly maternity: number;
  readonly military: number;
}

export interface CareerSummary {
  readonly firstYear: number | null;
  readonly lastYear: number | null;
  /** Calendar years with at least one validated quarter. */
  readonly yearsWithQuarters: number;
  readonly quarters: QuarterCounts;
  readonly childQuarters: number;
  /** Validated quarters, all schemes, at most 4 a year, plus child quarters. */
  readonly totalQuarters: number;
  /** Validated quarters in the general scheme alone (at most 4 a year). */
  readonly generalSchemeQuarters: number;
}

const KINDS = ["contributed", "unemployment", "sickness", "maternity", "military"] as const;

function quartersOf(year: CareerYear): number {
  return KINDS.reduce((sum, kind) => sum + year.quarters[kind], 0);
}

export function summarizeCareer(
  years: readonly CareerYear[],
  childQuarters: readonly ChildQuartersAward[],
): CareerSummary {
  const quarters = { contributed: 0, unemployment: 0, sickness: 0, maternity: 0, military: 0 };
  const perYear = new Map<number, number>();
  const generalPerYear = new Map<number, number>();
  for (const year of years) {
    for (const kind of KINDS) quarters[kind] += year.quarters[kind];
    perYear.set(year.year, (perYear.get(year.year) ?? 0) + quartersOf(year));
    if (year.scheme === "general")
      generalPerYear.set(year.year, (generalPerYear.get(year.year) ?? 0) + quartersOf(year));
  }
  const capped = (map: Map<number, number>) => [...map.values()].reduce((sum, n) => sum + Math.min(4, n), 0);
  const child = childQuarters.reduce((sum, award) => sum + award.quarters, 0);
  const worked = [...perYear].filter(([, n]) => n > 0).map(([year]) => year);
  return {
    firstYear: worked.length ? Math.min(...worked) : null,
    lastYear: worked.length ? Math.max(...worked) : null,
    yearsWithQuarters: worked.length,
    quarters,
    childQuarters: child,
    totalQuarters: capped(perYear) + child,
    generalSchemeQuarters: capped(generalPerYear),
  };
}
