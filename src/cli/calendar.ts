/**
 * `parcours calendar`: the working-day calendar of a fund, answered in JSON so it can be checked from
 * outside (issue 10, "the command-line contract").
 *
 *   calendar due --fund <code> --received <ISO date-time> --working-days <N>  → {"due":"YYYY-MM-DD"}
 *   calendar holidays --fund <code> --year <YYYY>                             → {"holidays":[{date,name}]}
 *
 * Invalid input exits with status 2 and `{"error":{"code","message"}}` (message in French) on stdout,
 * and nothing else.
 */
import { parseArgs } from "node:util";
import { dueDate, holidaysOf, isKnownFund } from "../platform/calendar.ts";

class CalendarInputError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** Bounds the loop of a due date: ten thousand working days is about forty years. */
const MAX_WORKING_DAYS = 10_000;

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

function isRealDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The instant of receipt; without an offset, a date-time is read as Paris wall-clock time, so its day is
 * the day written (a date alone is the day of receipt).
 */
function receivedAt(text: string): Date | string {
  const match = DATE_TIME.exec(text);
  const invalid = () =>
    new CalendarInputError(
      "invalid_date",
      `--received attend une date et heure ISO 8601, par exemple 2026-05-07T16:30:00+02:00 (reçu « ${text} »).`,
    );
  if (!match) throw invalid();
  const [, year, month, day, hours, minutes, seconds, offset] = match;
  if (!isRealDay(Number(year), Number(month), Number(day))) throw invalid();
  if (hours !== undefined && (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds ?? 0) > 59)) {
    throw invalid();
  }
  if (offset === undefined) return `${year}-${month}-${day}`;
  const instant = new Date(text.replace(" ", "T"));
  if (Number.isNaN(instant.getTime())) throw invalid();
  return instant;
}

function required(values: Record<string, string | boolean | undefined>, flag: string): string {
  const value = values[flag];
  if (typeof value !== "string" || value === "") {
    throw new CalendarInputError("missing_option", `L'option --${flag} est obligatoire.`);
  }
  return value;
}

function fund(values: Record<string, string | boolean | undefined>): string {
  const code = required(values, "fund");
  if (!isKnownFund(code)) {
    throw new CalendarInputError(
      "unknown_fund",
      `Caisse inconnue « ${code} » : indiquez le code d'une caisse, par exemple carsat-alsace-moselle.`,
    );
  }
  return code;
}

function parse(args: string[], options: readonly string[]): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({
      args,
      options: Object.fromEntries(options.map((name) => [name, { type: "string" as const }])),
      strict: true,
      allowPositionals: false,
    }).values;
  } catch {
    // parseArgs explains in English: the person gets the expected options in French instead.
    throw new CalendarInputError(
      "invalid_arguments",
      `Option inconnue, argument en trop ou valeur manquante. Options attendues : ${options.map((o) => `--${o}`).join(", ")}.`,
    );
  }
}

function answer(args: string[]): unknown {
  const [subcommand, ...rest] = args;
  switch (subcommand) {
    case "due": {
      const values = parse(rest, ["fund", "received", "working-days"]);
      const code = fund(values);
      const received = receivedAt(required(values, "received"));
      const raw = required(values, "working-days");
      if (!/^[1-9]\d*$/.test(raw) || Number(raw) > MAX_WORKING_DAYS) {
        throw new CalendarInputError(
          "invalid_working_days",
          `--working-days attend un nombre entier de jours ouvrés entre 1 et ${MAX_WORKING_DAYS} (reçu « ${raw} »).`,
        );
      }
      return { due: dueDate(code, received, Number(raw)) };
    }
    case "holidays": {
      const values = parse(rest, ["fund", "year"]);
      const code = fund(values);
      const raw = required(values, "year");
      // The Easter computation is the Gregorian one: years before the reform have no meaning here.
      if (!/^\d{4}$/.test(raw) || Number(raw) < 1583) {
        throw new CalendarInputError(
          "invalid_year",
          `--year attend une année sur quatre chiffres, 1583 ou après (reçu « ${raw} »).`,
        );
      }
      return { holidays: holidaysOf(code, Number(raw)) };
    }
    default:
      throw new CalendarInputError(
        "unknown_subcommand",
        subcommand
          ? `Sous-commande inconnue « ${subcommand} » : utilisez « calendar due » ou « calendar holidays ».`
          : "Sous-commande manquante : utilisez « calendar due » ou « calendar holidays ».",
      );
  }
}

/** The JSON answer and the exit status (0, or 2 for invalid input) of `calendar <args>`. */
export function calendarAnswer(args: string[]): { readonly status: 0 | 2; readonly body: unknown } {
  try {
    return { status: 0, body: answer(args) };
  } catch (error) {
    if (!(error instanceof CalendarInputError)) throw error;
    return { status: 2, body: { error: { code: error.code, message: error.message } } };
  }
}

/** Runs the command: writes the JSON answer on stdout and returns the exit status. */
export function calendarCommand(args: string[]): number {
  const { status, body } = calendarAnswer(args);
  process.stdout.write(`${JSON.stringify(body)}\n`);
  return status;
}
