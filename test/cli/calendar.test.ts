import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { calendarAnswer } from "../../src/cli/calendar.ts";

const ROOT = join(import.meta.dirname, "..", "..");

interface Outcome {
  readonly status: number | null;
  readonly stdout: string;
}

/** Runs the command exactly as the contract states it: `npm run -s parcours -- calendar …`. */
function spawnCalendar(...args: string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "-s", "parcours", "--", "calendar", ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout }));
  });
}

const dueArgs = (fund: string, received: string, workingDays: string) => [
  "due",
  "--fund",
  fund,
  "--received",
  received,
  "--working-days",
  workingDays,
];

// Each spawn loads the whole command line (main.ts imports the application): four spawns check the
// contract end to end, side by side; the many cases run in-process through the same function.
test("the command line answers the contract: JSON on stdout, status 0 or 2", async () => {
  const [dueAlsace, holidays, unknownFund, unknownSubcommand] = await Promise.all([
    spawnCalendar(...dueArgs("carsat-alsace-moselle", "2026-04-02T09:00:00+02:00", "3")),
    spawnCalendar("holidays", "--fund", "cgss-reunion", "--year", "2027"),
    spawnCalendar(...dueArgs("carsat-atlantide", "2026-05-04T10:00:00Z", "2")),
    spawnCalendar("weekends"),
  ]);
  assert.deepEqual(dueAlsace, { status: 0, stdout: '{"due":"2026-04-09"}\n' });
  assert.equal(holidays.status, 0);
  const reunion = JSON.parse(holidays.stdout).holidays as { date: string; name: string }[];
  assert.equal(reunion.length, 12);
  assert.deepEqual(reunion.at(-2), { date: "2027-12-20", name: "Abolition de l'esclavage" });
  assert.deepEqual(reunion[1], { date: "2027-03-29", name: "Lundi de Pâques" });
  for (const [outcome, code] of [
    [unknownFund, "unknown_fund"],
    [unknownSubcommand, "unknown_subcommand"],
  ] as const) {
    assert.equal(outcome.status, 2);
    const lines = outcome.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 1, outcome.stdout);
    assert.deepEqual(Object.keys(JSON.parse(lines[0] as string)), ["error"]);
    assert.equal(JSON.parse(lines[0] as string).error.code, code);
  }
  assert.match(JSON.parse(unknownFund.stdout).error.message, /^Caisse inconnue « carsat-atlantide »/);
});

test("calendar due: the N-th working day after the day of receipt, in the fund's calendar", () => {
  const cases: [fund: string, received: string, days: string, due: string][] = [
    // Thursday 2 April 2026, 3 working days: Good Friday is a holiday in Alsace-Moselle only.
    ["carsat-alsace-moselle", "2026-04-02T09:00:00+02:00", "3", "2026-04-09"],
    ["cnav-idf", "2026-04-02T09:00:00+02:00", "3", "2026-04-08"],
    // Saturday 23 May 2026 counts from that Saturday: Whit Monday 25, so Tuesday 26 is the 1st working day.
    ["carsat-aquitaine", "2026-05-23T10:00:00+02:00", "1", "2026-05-26"],
    // Wednesday 27 May 2026 is the abolition day in Guadeloupe only.
    ["cgss-guadeloupe", "2026-05-23T10:00:00+02:00", "2", "2026-05-28"],
    ["cgss-martinique", "2026-05-23T10:00:00+02:00", "2", "2026-05-27"],
    // Thursday 23:30 UTC is Friday 00:30 in Paris: the first working day is Monday 23 November…
    ["carsat-bretagne", "2026-11-19T23:30:00Z", "1", "2026-11-23"],
    // …while 22:30 UTC is still Thursday evening in Paris.
    ["carsat-bretagne", "2026-11-19T22:30:00Z", "1", "2026-11-20"],
    // Without an offset the time is Paris time; a date alone is the day of receipt.
    ["carsat-bretagne", "2026-11-19T23:30", "1", "2026-11-20"],
    ["carsat-bretagne", "2026-11-19", "1", "2026-11-20"],
    // Mayotte, Friday 24 April 2026: Monday 27 April is its abolition day; then 1 May and 8 May.
    ["css-mayotte", "2026-04-24T15:00:00+03:00", "6", "2026-05-06"],
    ["cnav-idf", "2026-04-24T15:00:00+02:00", "6", "2026-05-05"],
    // Guyane, 10 June 2027 is a Thursday.
    ["cgss-guyane", "2027-06-09T12:00:00-03:00", "1", "2027-06-11"],
    ["cnav", "2027-06-09T12:00:00+02:00", "1", "2027-06-10"],
  ];
  for (const [fund, received, days, due] of cases) {
    assert.deepEqual(calendarAnswer(dueArgs(fund, received, days)), { status: 0, body: { due } }, fund);
  }
});

test("calendar holidays: Alsace-Moselle's Good Friday and Saint-Étienne", () => {
  const { status, body } = calendarAnswer(["holidays", "--fund", "carsat-alsace-moselle", "--year", "2025"]);
  assert.equal(status, 0);
  const holidays = (body as { holidays: { date: string; name: string }[] }).holidays;
  assert.equal(holidays.length, 13);
  assert.deepEqual(
    holidays.filter((h) => h.date === "2025-04-18" || h.date === "2025-12-26"),
    [
      { date: "2025-04-18", name: "Vendredi saint" },
      { date: "2025-12-26", name: "Saint-Étienne" },
    ],
  );
});

test("invalid input: status 2 and an error code with a French message", () => {
  const valid = "2026-05-04T10:00:00Z";
  const cases: [args: string[], code: string, message: RegExp][] = [
    [dueArgs("carsat-atlantide", valid, "2"), "unknown_fund", /^Caisse inconnue/],
    [dueArgs("cnav-idf", "2026-02-30T10:00:00Z", "2"), "invalid_date", /attend une date et heure/],
    [dueArgs("cnav-idf", "2026-05-04T25:00:00Z", "2"), "invalid_date", /attend une date et heure/],
    [dueArgs("cnav-idf", "demain", "2"), "invalid_date", /reçu « demain »/],
    [dueArgs("cnav-idf", valid, "0"), "invalid_working_days", /nombre entier de jours ouvrés/],
    [
      ["due", "--fund", "cnav-idf", "--received", valid, "--working-days=-3"],
      "invalid_working_days",
      /nombre entier/,
    ],
    [dueArgs("cnav-idf", valid, "2.5"), "invalid_working_days", /nombre entier/],
    [dueArgs("cnav-idf", valid, "deux"), "invalid_working_days", /nombre entier/],
    [["due", "--fund", "cnav-idf", "--received", valid], "missing_option", /--working-days est obligatoire/],
    [["due", "--received", valid, "--working-days", "2"], "missing_option", /--fund est obligatoire/],
    [["holidays", "--fund", "cnav-idf"], "missing_option", /--year est obligatoire/],
    [["holidays", "--fund", "cnav-idf", "--year", "deux-mille"], "invalid_year", /année sur quatre chiffres/],
    [
      ["holidays", "--fund", "cnav-idf", "--year", "2026", "--verbose"],
      "invalid_arguments",
      /Option inconnue/,
    ],
    [["holidays", "--fund"], "invalid_arguments", /Options attendues : --fund, --year/],
    [["weekends"], "unknown_subcommand", /Sous-commande inconnue « weekends »/],
    [[], "unknown_subcommand", /Sous-commande manquante/],
  ];
  for (const [args, code, message] of cases) {
    const { status, body } = calendarAnswer(args);
    assert.equal(status, 2, args.join(" "));
    const { error } = body as { error: { code: string; message: string } };
    assert.deepEqual(Object.keys(body as object), ["error"]);
    assert.equal(error.code, code, args.join(" "));
    assert.match(error.message, message, args.join(" "));
  }
});
