/**
 * How Parcours reads and writes dates, amounts and durations in French, and the contact lines every
 * page and letter gives. One copy of each, so pages, e-mails and PDFs never disagree ("1er septembre"
 * everywhere, never "1 septembre").
 *
 * Pure: no I/O and no npm package, so the rules engine (src/rules) may import it.
 */

const MONTHS = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
] as const;

const WEEKDAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"] as const;

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function isRealDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// ------------------------------------------------------------ dates

/**
 * A date as people type it — "05/11/1968", "5/11/1968", "5.11.1968", "5-11-1968", "5 11 1968" — or as a
 * date input sends it ("1968-11-05") → "1968-11-05"; undefined when it is not a real calendar day.
 */
export function parseFrenchDate(text: string): string | undefined {
  const value = text.trim();
  const french = /^(\d{1,2})[/.\s-](\d{1,2})[/.\s-](\d{4})$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const parts = french ? [french[3], french[2], french[1]] : iso ? [iso[1], iso[2], iso[3]] : undefined;
  if (!parts) return undefined;
  const [year, month, day] = parts.map(Number) as [number, number, number];
  if (year < 1 || !isRealDay(year, month, day)) return undefined;
  return `${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}`;
}

/** "2026-09-01" → "1er septembre 2026" (French writes the first of a month "1er"). */
export function frenchDay(iso: string): string {
  const day = Number(iso.slice(8, 10));
  return `${day === 1 ? "1er" : day} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${Number(iso.slice(0, 4))}`;
}

/** "2027-01-14" → "jeudi 14 janvier 2027". */
export function frenchWeekday(iso: string): string {
  return `${WEEKDAYS[new Date(`${iso.slice(0, 10)}T00:00:00Z`).getUTCDay()]} ${frenchDay(iso)}`;
}

/** "2026-02" (or any date of that month) → "février 2026". */
export function frenchMonth(isoMonth: string): string {
  return `${MONTHS[Number(isoMonth.slice(5, 7)) - 1]} ${Number(isoMonth.slice(0, 4))}`;
}

/** "1968-11-05" → "05/11/1968", the way a person types a date back into a form. */
export function shortFrenchDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

// Built once: constructing a formatter with a time zone is dear (bench:http).
const PARIS_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" });

/** The day in France an instant falls on, worded: "21 novembre 2026". */
export function frenchDayOfInstant(at: Date): string {
  return frenchDay(PARIS_DAY.format(at));
}

// ------------------------------------------------------------ amounts

const EUROS = new Intl.NumberFormat("fr-FR", {
  style: "currency",
  currency: "EUR",
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/**
 * "1 234,56 €": thousands separated by a narrow no-break space (U+202F), a no-break space before the
 * sign, as the French typographic rule and the fr-FR locale write them. `pdf: true` gives ordinary
 * spaces instead: pdfkit's standard fonts (Helvetica) encode text in WinAnsi, which has no U+202F.
 */
export function euros(amount: number, options: { readonly pdf?: boolean } = {}): string {
  const text = EUROS.format(amount);
  return options.pdf ? text.replace(/[\u202f\u00a0]/g, " ") : text;
}

/**
 * An amount in euros as people type it — "1 234,56", "1234.56", "1 234,56 €" — → 1234.56; undefined
 * when it is not a non-negative amount with at most two decimals.
 */
export function parseAmount(text: string): number | undefined {
  const compact = text.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(compact)) return undefined;
  return Math.round(Number(compact) * 100) / 100;
}

// ------------------------------------------------------------ durations

/** 2 years and 3 months → "2 ans et 3 mois"; "1 an", "6 mois", "0 mois" for an empty duration. */
export function yearsAndMonths(duration: { readonly years: number; readonly months: number }): string {
  const years = duration.years === 1 ? "1 an" : `${duration.years} ans`;
  const months = `${duration.months} mois`;
  if (duration.years === 0) return months;
  return duration.months === 0 ? years : `${years} et ${months}`;
}

// ------------------------------------------------------------ contact

/** How to reach l'Assurance retraite by phone (lassuranceretraite.fr, « Nous contacter »). */
export const CONTACT = {
  /** The national number. */
  phone: "3960",
  price: "service gratuit + prix d'un appel",
  hours: "du lundi au vendredi de 8 h à 17 h",
  /** The same service from abroad, or from a box or a mobile that cannot call short numbers. */
  phoneFromAbroad: "+33 9 71 10 39 60",
  /** The line pages, e-mails and letters give. */
  line: "3960 (service gratuit + prix d'un appel), du lundi au vendredi de 8 h à 17 h",
} as const;
