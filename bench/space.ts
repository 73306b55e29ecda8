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
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { request as httpRequest } from "node:http";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { hash } from "@node-rs/argon2";
import { sql } from "kysely";
import { type Database, openDatabase } from "../src/platform/db.ts";
import { migrate } from "../src/platform/migrations.ts";
import { populationSize } from "../src/population/index.ts";

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
const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = `bench_search_${people}`;
const HOST = "127.0.0.1";
const PASSWORD = "Bench-space-2026!";
const PAGE = "/espace/estimation";
const GOAL_P99_MS = 100;

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
// autocannon ships no types: the few fields used are declared above.
const autocannon = createRequire(import.meta.url)("autocannon") as (
  options: Record<string, unknown>,
) => Promise<AutocannonResult>;

const emailOf = (i: number) => `bench-space-${i}@parcours.test`;

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
  const db = database.db;
  await sql`delete from web_session where kind = 'insured' and subject_id in
    (select insured_id from account where email like 'bench-space-%')`.execute(db);
  await sql`delete from login_throttle where email like 'bench-space-%'`.execute(db);
  await sql`delete from account where email like 'bench-space-%'`.execute(db);
  const { rows } = await sql<{ id: number }>`select i.id from insured i
    where i.birth_date between current_date - interval '64 years' and current_date - interval '45 years'
      and not exists (select 1 from account a where a.insured_id = i.id)
      and not exists (select 1 from pension p where p.insured_id = i.id and p.kind = 'own_right')
      and exists (select 1 from career_year c where c.insured_id = i.id)
    order by (i.id * 2654435761) % 1000003 limit ${sessions}`.execute(db);
  if (rows.length < sessions) throw new Error(`${rows.length} personnes trouvées sur ${sessions}`);
  const passwordHash = await hash(PASSWORD);
  for (const [i, { id }] of rows.entries()) {
    await sql`insert into account (insured_id, email, password_hash, email_verified_at)
      values (${id}, ${emailOf(i)}, ${passwordHash}, now())`.execute(db);
  }
}

interface Answer {
  readonly status: number;
  readonly cookies: string;
  readonly body: string;
}

/** One HTTP exchange from `localAddress`; the answer's cookies as a Cookie header. */
function exchange(
  port: number,
  localAddress: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: HOST, port, localAddress, method, path, headers, agent: false });
    req.on("error", reject);
    req.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          cookies: (response.headers["set-cookie"] ?? []).map((line) => line.split(";")[0]).join("; "),
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    req.end(body);
  });
}

/**
 * Logs person `i` in through the API from 127.0.0.<i + 2> and opens the estimate page once (its first
 * view: nothing computed yet for this person); returns the session cookie and that view's time (ms).
 */
async function logIn(port: number, i: number): Promise<{ cookie: string; firstViewMs: number }> {
  const from = `127.0.0.${i + 2}`;
  const csrf = await exchange(port, from, "GET", "/api/v1/csrf-token", {});
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const login = await exchange(
    port,
    from,
    "POST",
    "/api/v1/session",
    { cookie: csrf.cookies, "content-type": "application/json", "x-csrf-token": csrfToken },
    JSON.stringify({ email: emailOf(i), password: PASSWORD }),
  );
  const session = login.cookies.split("; ").find((pair) => pair.startsWith("parcours_session="));
  if (login.status !== 200 || !session) throw new Error(`connexion ${i} : ${login.status} ${login.body}`);
  const started = performance.now();
  const page = await exchange(port, from, "GET", PAGE, { cookie: session });
  const firstViewMs = performance.now() - started;
  const explained = page.body.split("<details").length - 1;
  if (page.status !== 200 || !page.body.includes("<svg") || explained !== 15)
    throw new Error(`${PAGE} ${i} : ${page.status}, ${explained} montants expliqués`);
  return { cookie: session, firstViewMs };
}

interface Server {
  readonly child: ChildProcess;
  readonly port: number;
}

/** `bench:http`'s app or bare-route server, in a child process; it reports its port over IPC. */
function startServer(kind: "app" | "bare"): Promise<Server> {
  const script = new URL("./http.ts", import.meta.url).pathname;
  const child = spawn(process.execPath, [script, "--people", String(people), "--serve", kind], {
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("message", (message) => resolve({ child, port: (message as { port: number }).port }));
    child.once("exit", (code) => reject(new Error(`le serveur ${kind} s'est arrêté (${code})`)));
  });
}

interface Measure {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly failures: number;
}

async function load(
  server: Server,
  path: string,
  cookies: readonly string[],
  seconds: number,
): Promise<Measure> {
  let next = 0;
  const result = await autocannon({
    url: `http://${HOST}:${server.port}${path}`,
    connections: cookies.length,
    duration: seconds,
    // Each connection is one person, sending that person's session cookie.
    setupClient: (client: { setHeaders(headers: Record<string, string>): void }) => {
      const cookie = cookies[next++ % cookies.length];
      if (cookie) client.setHeaders({ cookie });
    },
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

function median(list: readonly number[]): number {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function summary(list: readonly Measure[]): Measure {
  return {
    rps: median(list.map((m) => m.rps)),
    p50: median(list.map((m) => m.p50)),
    p99: median(list.map((m) => m.p99)),
    failures: list.reduce((sum, m) => sum + m.failures, 0),
  };
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
    console.log(
      `${people.toLocaleString("fr-FR")} personnes (PostgreSQL ${new URL(url).host}, schéma ${schema}) ; ${sessions} sessions connectées sur ${PAGE}`,
    );
    if (warmup > 0) {
      await load(bare, "/", anonymous, warmup);
      await load(app, PAGE, cookies, warmup);
    }
    const bareRuns: Measure[] = [];
    const pageRuns: Measure[] = [];
    for (let run = 0; run < runs; run++) {
      const b = await load(bare, "/", anonymous, seconds);
      const p = await load(app, PAGE, cookies, seconds);
      bareRuns.push(b);
      pageRuns.push(p);
      console.error(
        `  essai ${run + 1} : route nue ${b.rps.toFixed(0)} req/s, p99 ${b.p99} ms ; ${PAGE} ${p.rps.toFixed(0)} req/s, p50 ${p.p50} ms, p99 ${p.p99} ms`,
      );
    }
    const b = summary(bareRuns);
    const p = summary(pageRuns);
    const row = (name: string, m: Measure) =>
      `${name.padEnd(30)} ${m.rps.toFixed(0).padStart(8)} ${String(m.p50).padStart(9)} ${String(m.p99).padStart(9)} ${String(m.failures).padStart(7)}`;
    console.log(`\n${sessions} sessions simultanées, médiane de ${runs} essais de ${seconds} s`);
    console.log(`${"".padEnd(30)}    req/s  p50 (ms)  p99 (ms)  échecs`);
    console.log(row("route Fastify nue", b));
    console.log(row(`${PAGE} (connecté)`, p));
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
    await Promise.all(
      servers.map(({ child }) => {
        const exited = once(child, "exit");
        child.kill();
        return exited;
      }),
    );
  }
}

await main();
