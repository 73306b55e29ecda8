/**
 * `npm run bench:space [-- --people N --sessions S --runs R --duration D --warmup W]`: the pension
 * estimate page `/espace/estimation` (five hypotheses × three departures, every amount with its
 * explanation, the SVG chart and its table) under S (default 20) concurrent logged-in sessions, on the
 * PostgreSQL server of DATABASE_URL (default the local test database) holding N people (default
 * 1 000 000), against the bare Fastify route of `bench:http`, in the same run with the same load
 * generator (autocannon) and the same number of connections.
 *
 * - The population is the schema `bench_search_<N>` that `npm run bench:search` or `npm run bench:http`
 *   seed; migrations are brought up to date, the people are not seeded again.
 * - S people aged 45 to 64, not retired and with a career, drawn in a fixed pseudo-random order, get an
 *   account (`bench-space-<i>@parcours.test`) and log in through the real API, each from its own
 *   loopback address (127.0.0.2…), as `bench:http` does: the login rate limit is per address.
 * - The two servers are `bench:http`'s own (`bench/http.ts --serve app|bare`, production mode, each
 *   in its own process), so both benchmarks measure the same app setup; everything stays on loopback.
 * - After a warm-up, R runs of D seconds alternate bare route and estimate page; the median of the runs
 *   is printed: requests/s, p50 and p99 (ms), and the ratios to the bare route. Goal: p99 under
 *   100 ms. A miss is reported; the process does not fail on it.
 * - Under load each session reloads its own page, so the app serves the projection and the page it
 *   computed at the first view (PersonMemo, keyed on every input; the queries still run each time);
 *   the time of each person's first view, one at a time before the load, is printed too.
 */
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { type Database, openDatabase } from "../src/platform/db.ts";
import { migrate } from "../src/platform/migrations.ts";
import { populationSize } from "../src/population/index.ts";
import {
  alternate,
  apiLogIn,
  benchEmail,
  createBenchAccounts,
  DATABASE_URL,
  exchange,
  load,
  median,
  populationLabel,
  populationSchema,
  printTable,
  type Server,
  startServer as startChild,
  stopServers,
  summary,
} from "./lib.ts";

const { values } = parseArgs({
  options: {
    people: { type: "string", default: "1000000" },
    sessions: { type: "string", default: "20" },
    runs: { type: "string", default: "3" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
  },
});
const people = Number(values.people);
const sessions = Number(values.sessions);
const url = DATABASE_URL;
const schema = populationSchema(people);
const PASSWORD = "Bench-space-2026!";
const PAGE = "/espace/estimation";
const GOAL_P99_MS = 100;

const emailOf = (i: number) => benchEmail("bench-space", i);

async function prepare(): Promise<Database> {
  const database = await openDatabase({ url, schema });
  await migrate(database);
  if ((await populationSize(database)) === 0) {
    await database.close();
    throw new Error(
      `Le schéma ${schema} est vide : lancez d'abord « npm run bench:http -- --people ${people} », qui le remplit.`,
    );
  }
  return database;
}

/** Accounts for people offered the estimate (45 to 64, not retired, with a career); made again each run. */
async function createAccounts(database: Database): Promise<void> {
  await createBenchAccounts(
    database,
    "bench-space",
    async () => {
      const { rows } = await sql<{ id: number }>`select i.id from insured i
        where i.birth_date between current_date - interval '64 years' and current_date - interval '45 years'
          and not exists (select 1 from account a where a.insured_id = i.id)
          and not exists (select 1 from pension p where p.insured_id = i.id and p.kind = 'own_right')
          and exists (select 1 from career_year c where c.insured_id = i.id)
        order by (i.id * 2654435761) % 1000003 limit ${sessions}`.execute(database.db);
      if (rows.length < sessions) throw new Error(`${rows.length} personnes trouvées sur ${sessions}`);
      return rows.map(({ id }) => id);
    },
    PASSWORD,
  );
}

/**
 * Logs person `i` in through the API from 127.0.0.<i + 2> and opens the estimate page once (its first
 * view: nothing computed yet for this person); returns the session cookie and that view's time (ms).
 */
async function logIn(port: number, i: number): Promise<{ cookie: string; firstViewMs: number }> {
  const { from, cookie: session } = await apiLogIn(port, i, emailOf(i), PASSWORD);
  const started = performance.now();
  const page = await exchange(port, from, "GET", PAGE, { cookie: session });
  const firstViewMs = performance.now() - started;
  const explained = page.body.split("<details").length - 1;
  if (page.status !== 200 || !page.body.includes("<svg") || explained !== 15)
    throw new Error(`${PAGE} ${i} : ${page.status}, ${explained} montants expliqués`);
  return { cookie: session, firstViewMs };
}

/** `bench:http`'s app or bare-route server, in a child process; it reports its port over IPC. */
function startServer(kind: "app" | "bare"): Promise<Server> {
  const script = new URL("./http.ts", import.meta.url).pathname;
  return startChild(kind, [script, "--people", String(people), "--serve", kind]);
}

async function main(): Promise<void> {
  const database = await prepare();
  await createAccounts(database);
  await database.close();
  const servers = await Promise.all([startServer("app"), startServer("bare")]);
  const [app, bare] = servers as [Server, Server];
  try {
    const cookies: string[] = [];
    const firstViews: number[] = [];
    for (let i = 0; i < sessions; i++) {
      const { cookie, firstViewMs } = await logIn(app.port, i);
      cookies.push(cookie);
      firstViews.push(firstViewMs);
    }
    const anonymous = cookies.map(() => "");
    const runs = Number(values.runs);
    const seconds = Number(values.duration);
    const warmup = Number(values.warmup);
    console.log(`${populationLabel(people)} ; ${sessions} sessions connectées sur ${PAGE}`);
    const measures = await alternate({
      runs,
      seconds,
      warmup,
      bare: (duration) => load(bare, "/", anonymous, duration),
      app: (duration) => load(app, PAGE, cookies, duration),
      report: (run, b, p) =>
        console.error(
          `  essai ${run + 1} : route nue ${b.rps.toFixed(0)} req/s, p99 ${b.p99} ms ; ${PAGE} ${p.rps.toFixed(0)} req/s, p50 ${p.p50} ms, p99 ${p.p99} ms`,
        ),
    });
    const b = summary(measures.bare);
    const p = summary(measures.app);
    printTable(
      `${sessions} sessions simultanées, médiane de ${runs} essais de ${seconds} s`,
      [
        ["route Fastify nue", b],
        [`${PAGE} (connecté)`, p],
      ],
      [30, 8, 9, 9, 7],
    );
    console.log(
      `ratio débit estimation / route nue : ${((p.rps / b.rps) * 100).toFixed(1)} % ; p99 ${p.p99} ms contre ${b.p99} ms`,
    );
    console.log(
      `première vue d'une personne (rien de calculé pour elle, une à la fois) : médiane ${median(firstViews).toFixed(1)} ms, max ${Math.max(...firstViews).toFixed(1)} ms`,
    );
    console.log(
      `objectif p99 < ${GOAL_P99_MS} ms : ${p.p99 < GOAL_P99_MS ? "atteint" : "MANQUÉ"} (${p.p99} ms)`,
    );
    if (p.failures > 0) console.log(`attention : ${p.failures} réponses en erreur ou hors 2xx sur ${PAGE}`);
  } finally {
    await stopServers(servers);
  }
}

await main();
