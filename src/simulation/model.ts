/**
 * The simulators' pure rules: reading a date typed in the DSFR date pattern, and shaping the rules
 * engine's results for the pages (departure options, long-career outlook, chart geometry). No I/O.
 */
import {
  type Age,
  type CalendarDate,
  frenchDate,
  type HypothesisProjection,
  type PensionResult,
  type ProjectionResult,
  parseDate,
} from "../rules/index.ts";

/** Ages at which a service is offered (DESIGN.md, services by profile). */
export const ESTIMATE_FROM_AGE = 45;
export const GLOBAL_ESTIMATE_FROM_AGE = 55;

/** The catalogue codes of the simulators (for the rating link). */
export type SimulationService = "legalAge" | "longCareerEarlyRetirement" | "pensionEstimate";

export type DateCheck =
  | { readonly ok: true; readonly date: CalendarDate | undefined }
  | { readonly ok: false; readonly message: string };

const digits = (text: string) => /^\d+$/.test(text);

/**
 * A birth date typed as day, month and year (DSFR "date" pattern). Every field is required once one is
 * given; the message names what to fix.
 */
export function readBirthDate(day: string, month: string, year: string, today: CalendarDate): DateCheck {
  const parts = [day.trim(), month.trim(), year.trim()];
  if (parts.every((part) => part === ""))
    return { ok: false, message: "Indiquez votre date de naissance : jour, mois et année." };
  const [d, m, y] = parts as [string, string, string];
  if (d === "" || m === "" || y === "") {
    const missing = [d === "" && "le jour", m === "" && "le mois", y === "" && "l'année"].filter(Boolean);
    return { ok: false, message: `La date de naissance est incomplète : indiquez ${missing.join(" et ")}.` };
  }
  if (!digits(d) || !digits(m) || !digits(y))
    return {
      ok: false,
      message: "La date de naissance ne doit contenir que des chiffres. Exemple : 14 3 1962.",
    };
  if (y.length !== 4)
    return { ok: false, message: "L'année de naissance s'écrit avec 4 chiffres. Exemple : 1962." };
  if (Number(m) < 1 || Number(m) > 12)
    return { ok: false, message: "Le mois de naissance doit être compris entre 1 et 12." };
  const date = parseDate(`${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`);
  if (!date) return { ok: false, message: `Le ${d}/${m}/${y} n'existe pas : vérifiez le jour.` };
  if (date.year * 10000 + date.month * 100 + date.day > today.year * 10000 + today.month * 100 + today.day)
    return { ok: false, message: "La date de naissance ne peut pas être dans le futur." };
  return { ok: true, date };
}

/** An optional retirement start: a month and a year (a pension always starts on the 1st). */
export function readStartDate(month: string, year: string): DateCheck {
  const m = month.trim();
  const y = year.trim();
  if (m === "" && y === "") return { ok: true, date: undefined };
  if (m === "" || y === "")
    return {
      ok: false,
      message: `La date de départ est incomplète : indiquez ${m === "" ? "le mois" : "l'année"}, ou laissez les deux champs vides.`,
    };
  if (!digits(m) || !digits(y) || y.length !== 4 || Number(m) < 1 || Number(m) > 12)
    return {
      ok: false,
      message:
        "La date de départ s'écrit avec un mois entre 1 et 12 et une année à 4 chiffres. Exemple : 9 2027.",
    };
  return { ok: true, date: { year: Number(y), month: Number(m), day: 1 } };
}

export type DepartureKey = "legalAge" | "earliestFullRate" | "fullRateAge";

export const DEPARTURE_LABELS: Record<DepartureKey, string> = {
  legalAge: "À l'âge légal",
  earliestFullRate: "Au plus tôt au taux plein",
  fullRateAge: "À l'âge du taux plein automatique",
};

export const DEPARTURE_KEYS: readonly DepartureKey[] = ["legalAge", "earliestFullRate", "fullRateAge"];

export function ageInYears(age: Age): number {
  return age.years + age.months / 12;
}

/** Monthly pension of one departure, the figure every page, the API and the EIG show. */
export function monthlyOf(result: PensionResult): number {
  return result.pension.monthly;
}

export interface LongCareerOutlook {
  /** Earliest long-career departure with the career as it stands (no further quarter). */
  readonly asItStands: string | null;
  /** Earliest long-career departure if the person keeps working full time. */
  readonly ifWorking: string | null;
  /** Why no early departure is possible, in plain French; null when one is. */
  readonly reason: string | null;
  readonly contributedAtLegalAge: number;
  readonly requiredQuarters: number;
  readonly legalStartDate: string;
}

function projectionOf(projection: ProjectionResult, id: string): HypothesisProjection {
  const found = projection.hypotheses.find((h) => h.id === id);
  if (!found) throw new Error(`Hypothèse ${id} absente de la projection`);
  return found;
}

/**
 * Long-career early retirement from the projections of the real career: with no further rights, and
 * with full-time work until departure. When neither allows it, the reason: the contributed duration
 * that would be missing at the legal age, or else a start of work too late for the scheme.
 */
export function longCareerOutlook(projection: ProjectionResult): LongCareerOutlook {
  const standing = projectionOf(projection, "noFurtherRights");
  const working = projectionOf(projection, "favourable");
  const atLegalAge = working.departures.legalAge;
  const contributed = atLegalAge.result.quarters.contributed;
  const required = atLegalAge.result.requiredQuarters;
  const possible = standing.longCareerEarliestDate ?? working.longCareerEarliestDate;
  const legalStart = parseDate(atLegalAge.startDate) as CalendarDate;
  let reason: string | null = null;
  if (!possible) {
    reason =
      contributed < required
        ? `Même en travaillant à temps plein jusqu'à votre âge légal (départ le ${frenchDate(legalStart)}), vous auriez ${contributed} trimestres cotisés pour ${required} exigés : il en manquerait ${required - contributed}. Le départ anticipé demande d'avoir cotisé toute la durée requise.`
        : "Vous n'avez pas commencé à travailler assez jeune : le départ anticipé demande des trimestres cotisés avant la fin de l'année de vos 16, 18, 20 ou 21 ans.";
  }
  return {
    asItStands: standing.longCareerEarliestDate,
    ifWorking: working.longCareerEarliestDate,
    reason,
    contributedAtLegalAge: contributed,
    requiredQuarters: required,
    legalStartDate: atLegalAge.startDate,
  };
}

// ------------------------------------------------------------------ chart geometry

export interface ChartPoint {
  readonly x: number;
  readonly y: number;
  readonly age: Age;
  readonly monthly: number;
}

export interface ChartSeries {
  readonly id: string;
  readonly label: string;
  readonly points: readonly ChartPoint[];
}

export interface ChartGeometry {
  readonly width: number;
  readonly height: number;
  readonly plot: {
    readonly left: number;
    readonly top: number;
    readonly right: number;
    readonly bottom: number;
  };
  readonly series: readonly ChartSeries[];
  readonly xTicks: readonly { readonly x: number; readonly label: number }[];
  readonly yTicks: readonly { readonly y: number; readonly label: number }[];
}

/** A "nice" step (1, 2 or 5 × 10^n) giving about `count` ticks over `span`. */
function niceStep(span: number, count: number): number {
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

/** Monthly pension by departure age, one series per hypothesis, in SVG user units. */
export function chartGeometry(projection: ProjectionResult): ChartGeometry {
  const width = 720;
  const height = 360;
  const plot = { left: 72, top: 16, right: width - 16, bottom: height - 56 };
  const all = projection.hypotheses.flatMap((h) => DEPARTURE_KEYS.map((key) => h.departures[key]));
  const ages = all.map((d) => ageInYears(d.age));
  const minAge = Math.floor(Math.min(...ages));
  const maxAge = Math.max(Math.ceil(Math.max(...ages)), minAge + 1);
  const yStep = niceStep(Math.max(1, ...all.map((d) => monthlyOf(d.result))), 5);
  const maxY = Math.max(yStep, Math.ceil(Math.max(...all.map((d) => monthlyOf(d.result))) / yStep) * yStep);
  const x = (age: number) => plot.left + ((age - minAge) / (maxAge - minAge)) * (plot.right - plot.left);
  const y = (value: number) => plot.bottom - (value / maxY) * (plot.bottom - plot.top);
  const round = (value: number) => Math.round(value * 10) / 10;
  const series = projection.hypotheses.map((h) => ({
    id: h.id,
    label: h.label,
    points: DEPARTURE_KEYS.map((key) => h.departures[key])
      .map((d) => ({
        x: round(x(ageInYears(d.age))),
        y: round(y(monthlyOf(d.result))),
        age: d.age,
        monthly: monthlyOf(d.result),
      }))
      .sort((a, b) => a.x - b.x),
  }));
  const xTicks = [];
  for (let age = minAge; age <= maxAge; age++) xTicks.push({ x: round(x(age)), label: age });
  const yTicks = [];
  for (let value = 0; value <= maxY; value += yStep) yTicks.push({ y: round(y(value)), label: value });
  return { width, height, plot, series, xTicks, yTicks };
}
