/**
 * `npm run bench:http [-- --people N --sessions S --light L --runs R --duration D --warmup W --log-level L]`:
 * the personal-space home `/espace` under S (default 50) concurrent logged-in sessions, on the
 * PostgreSQL server of DATABASE_URL (default the local test database) holding N synthetic people
 * (default 1 000 000), against a bare Fastify route answering a small constant HTML string, measured
 * in the same run with the same load generator (autocannon) and the same number of connections.
 *
 * - The population is the one of `npm run bench:search`: schema `bench_search_<N>`, reused when present
 *   (migrations brought up to date), seeded the same way otherwise.
 * - S people drawn with a fixed seed get an account (e-mail `bench-http-<i>@parcours.test`, one argon2id
 *   hash of a known password) and log in through the real API (`POST /api/v1/session`, CSRF token and
 *   all), each from its own loopback address: the login rate limit is per IP (10 a minute), and the
 *   server only listens on 127.0.0.1, so 127.0.0.2… are distinct clients of the same machine — what S
 *   people behind S connections are, with no switch in the app to turn the limit off.
 * - The app (`buildApp`, production mode) and the bare server each run in a child process of their own,
 *   so the load generator does not share their event loop; everything stays on loopback.
 * - After a warm-up, R runs of D seconds alternate bare route and app; the median of the runs is
 *   printed: requests/s, p50 and p99 latency (ms, whole milliseconds as autocannon records them), and
 *   the throughput ratio app / bare route. Goal: p99 under 50 ms and at least 25 % of the bare route's
 *   throughput. A miss is reported, the process does not fail on it.
 * - Also printed: the CPU time per request of the server process (from /proc) and, for the app, of
 *   its PostgreSQL backends (found by application_name): what a request costs whatever else the
 *   machine is running, and so what bounds the throughput on this machine's cores. The bare server
 *   needs ~0.01 ms a request: its throughput is mostly the load generator's, on the same cores.
 * - `--light L` (default 10, 0 to skip) repeats the measure with L sessions.
 * - `--cpu-prof-dir DIR` writes a V8 CPU profile of the app process into DIR.
 * - The app logs at `--log-level` (default `info`, as deployed; the lines go nowhere): Fastify's JSON
 *   request lines are part of what a request costs. The bare route has no logger: it is the floor.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { hash } from "@node-rs/argon2";
import Fastify from "fastify";
import { sql } from "kysely";
import pg from "pg";
import type { AppConfig } from "../src/app.ts";
import { type Database, openDatabase } from "../src/platform/db.ts";
import { migrate } from "../src/platform/migrations.ts";
import { createPersonas, populationSize, progressOnStderr, seedPopulation } from "../src/population/index.ts";

const { values } = parseArgs({
  options: {
    people: { type: "string", default: "1000000" },
    sessions: { type: "string", default: "50" },
    light: { type: "string", default: "10" },
    runs: { type: "string", default: "3" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    "log-level": { type: "string", default: "info" },
    // Writes a V8 CPU profile of the app process there (open it in Chrome DevTools).
    "cpu-prof-dir": { type: "string" },
    // Internal: the child processes serving the app or the bare route.
    serve: { type: "string" },
  },
});
const people = Number(values.people);
const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = `bench_search_${people}`;
const HOST = "127.0.0.1";
const PASSWORD = "Bench-http-2026!";
const SECRET = "bench-http-secret-that-is-long-enough-for-hmac-0123456789";
const BARE_BODY = "<!doctype html><html lang=fr><title>Parcours</title><p>Bonjour</p></html>";

// ------------------------------------------------------------------ the benchmark

type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface AutocannonClient {
  setHeaders(headers: Record<string, string>): void;
}
// autocannon ships no types: the few fields used are declared above.
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

async function prepare(): Promise<Database> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema if not exists ${schema}`);
  await admin.end();
  const database = await openDatabase({ url, schema });
  await migrate(database);
  const present = await populationSize(database);
  if (present === 0) {
    console.log(`Première exécution : ${people.toLocaleString("fr-FR")} personnes dans le schéma ${schema}…`);
    await seedPopulation(database, {
      people,
      seed: 20261121,
      today: "2026-11-21",
      onProgress: progressOnStderr(),
    });
    await createPersonas(database, { today: "2026-11-21" });
    await sql`analyze`.execute(database.db);
  } else if (present !== people) {
    throw new Error(`Le schéma ${schema} contient ${present} personnes au lieu de ${people} : supprimez-le.`);
  }
  return database;
}

const emailOf = (i: number) => `bench-http-${i}@parcours.test`;

/**
 * Accounts for `count` people drawn with a fixed seed among those without one (the personas have
 * theirs). Made again at each run, so an earlier run leaves no lock or session behind.
 */
async function createAccounts(database: Database, count: number): Promise<void> {
  const db = database.db;
  await sql`delete from web_session where kind = 'insured' and subject_id in
    (select insured_id from account where email like 'bench-http-%')`.execute(db);
  await sql`delete from login_throttle where email like 'bench-http-%'`.execute(db);
  await sql`delete from account where email like 'bench-http-%'`.execute(db);
  const { rows } = await sql<{ max: number }>`select max(id) as max from insured`.execute(db);
  const max = rows[0]?.max ?? 1;
  let state = 20261122;
  const ids = new Set<number>();
  while (ids.size < count * 2) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    ids.add(1 + (state % max));
  }
  const found = await sql<{ id: number }>`select id from insured i where id = any(${[...ids]}::bigint[])
    and not exists (select 1 from account a where a.insured_id = i.id) order by id limit ${count}`.execute(
    db,
  );
  if (found.rows.length < count)
    throw new Error(`${found.rows.length} personnes sans compte trouvées sur ${count}`);
  // One hash for every account: the cost of argon2 is paid at login, which is what the app does.
  const passwordHash = await hash(PASSWORD);
  for (const [i, { id }] of found.rows.entries()) {
    await sql`insert into account (insured_id, email, password_hash, email_verified_at)
      values (${id}, ${emailOf(i)}, ${passwordHash}, now())`.execute(db);
  }
}

interface Answer {
  status: number;
  cookies: Map<string, string>;
  body: string;
}

/** One HTTP exchange on a fresh connection from `localAddress`. */
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
    req.on("response", (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const cookies = new Map<string, string>();
        for (const line of response.headers["set-cookie"] ?? []) {
          const [pair = ""] = line.split(";");
          const at = pair.indexOf("=");
          cookies.set(pair.slice(0, at), pair.slice(at + 1));
        }
        resolve({ status: response.statusCode ?? 0, cookies, body: Buffer.concat(chunks).toString("utf8") });
      });
    });
    req.end(body);
  });
}

/** Logs person `i` in through the API, from 127.0.0.<i + 2>; returns the Cookie header of the session. */
async function logIn(port: number, i: number): Promise<string> {
  const from = `127.0.0.${i + 2}`;
  const csrf = await exchange(port, from, "GET", "/api/v1/csrf-token", {});
  const visit = [...csrf.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const payload = JSON.stringify({ email: emailOf(i), password: PASSWORD });
  const login = await exchange(
    port,
    from,
    "POST",
    "/api/v1/session",
    { cookie: visit, "content-type": "application/json", "x-csrf-token": csrfToken },
    payload,
  );
  const session = login.cookies.get("parcours_session");
  if (login.status !== 200 || !session) throw new Error(`connexion ${i} : ${login.status} ${login.body}`);
  const cookie = `parcours_session=${session}`;
  const home = await exchange(port, from, "GET", "/espace", { cookie });
  if (home.status !== 200 || !home.body.includes("<h1>Bonjour"))
    throw new Error(`/espace ${i} : ${home.status}`);
  return cookie;
}

function startServer(kind: "app" | "bare"): Promise<Server> {
  const profile =
    kind === "app" && values["cpu-prof-dir"]
      ? ["--cpu-prof", `--cpu-prof-dir=${values["cpu-prof-dir"]}`]
      : [];
  const args = [...profile, import.meta.filename, ...process.argv.slice(2), "--serve", kind];
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", "ignore", "inherit", "ipc"],
    env: { ...process.env, PGAPPNAME: APP_NAME },
  });
  return new Promise((resolve, reject) => {
    child.once("message", (message) => resolve({ child, port: (message as { port: number }).port }));
    child.once("exit", (code) => reject(new Error(`le serveur ${kind} s'est arrêté (${code})`)));
  });
}

interface Measure {
  rps: number;
  p50: number;
  p99: number;
  failures: number;
  /** CPU time per request (ms) of the server process, and of its PostgreSQL backends. */
  nodeCpu: number;
  pgCpu: number;
}

interface Server {
  readonly child: ChildProcess;
  readonly port: number;
}

/** The app's pool connections carry this application_name (PGAPPNAME), to find their backends. */
const APP_NAME = "parcours-bench-http";

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux). */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
const CLOCK_TICKS = 100;

async function backendsCpu(database: Database): Promise<Map<number, number>> {
  const { rows } = await sql<{
    pid: number;
  }>`select pid from pg_stat_activity where application_name = ${APP_NAME}`.execute(database.db);
  return new Map(rows.map(({ pid }) => [pid, cpuMs(pid)]));
}

async function load(
  database: Database,
  server: Server,
  path: string,
  cookies: string[],
  seconds: number,
): Promise<Measure> {
  let next = 0;
  const pid = server.child.pid ?? 0;
  const nodeBefore = cpuMs(pid);
  const pgBefore = await backendsCpu(database);
  const result = await autocannon({
    url: `http://${HOST}:${server.port}${path}`,
    connections: cookies.length,
    duration: seconds,
    // Each connection is one person: it sends that person's session cookie on every request.
    setupClient: (client: AutocannonClient) => {
      const cookie = cookies[next++ % cookies.length];
      if (cookie) client.setHeaders({ cookie });
    },
  });
  const nodeMs = cpuMs(pid) - nodeBefore;
  // Backends opened during the run count whole (they started in it).
  let pgMs = 0;
  for (const [backend, ms] of await backendsCpu(database)) pgMs += ms - (pgBefore.get(backend) ?? 0);
  const total = Math.max(1, result.requests.total);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    nodeCpu: nodeMs / total,
    pgCpu: pgMs / total,
  };
}

function median(list: number[]): number {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function compare(
  database: Database,
  appServer: Server,
  bareServer: Server,
  cookies: string[],
): Promise<void> {
  const runs = Number(values.runs);
  const seconds = Number(values.duration);
  const warmup = Number(values.warmup);
  const anonymous = cookies.map(() => "");
  if (warmup > 0) {
    await load(database, bareServer, "/", anonymous, warmup);
    await load(database, appServer, "/espace", cookies, warmup);
  }
  const bare: Measure[] = [];
  const app: Measure[] = [];
  for (let run = 0; run < runs; run++) {
    bare.push(await load(database, bareServer, "/", anonymous, seconds));
    app.push(await load(database, appServer, "/espace", cookies, seconds));
    const last = app[app.length - 1] as Measure;
    const lastBare = bare[bare.length - 1] as Measure;
    console.error(
      `  essai ${run + 1} : route nue ${lastBare.rps.toFixed(0)} req/s, p99 ${lastBare.p99} ms ; /espace ${last.rps.toFixed(0)} req/s, p50 ${last.p50} ms, p99 ${last.p99} ms`,
    );
  }
  const summary = (list: Measure[]) => ({
    rps: median(list.map((m) => m.rps)),
    p50: median(list.map((m) => m.p50)),
    p99: median(list.map((m) => m.p99)),
    failures: list.reduce((sum, m) => sum + m.failures, 0),
    nodeCpu: median(list.map((m) => m.nodeCpu)),
    pgCpu: median(list.map((m) => m.pgCpu)),
  });
  const a = summary(app);
  const b = summary(bare);
  const ratio = a.rps / b.rps;
  const row = (name: string, m: ReturnType<typeof summary>) =>
    `${name.padEnd(28)} ${m.rps.toFixed(0).padStart(8)} ${String(m.p50).padStart(8)} ${String(m.p99).padStart(8)} ${String(m.failures).padStart(8)}`;
  console.log(`\n${cookies.length} sessions simultanées, médiane de ${runs} essais de ${seconds} s`);
  console.log(`${"".padEnd(28)}    req/s  p50 (ms)  p99 (ms)  échecs`);
  console.log(row("route Fastify nue", b));
  console.log(row("/espace (connecté)", a));
  console.log(`ratio débit /espace / route nue : ${(ratio * 100).toFixed(1)} %`);
  const p99ok = a.p99 < 50;
  const ratioOk = ratio >= 0.25;
  console.log(
    `objectif p99 < 50 ms : ${p99ok ? "atteint" : "MANQUÉ"} (${a.p99} ms) ; objectif débit ≥ 25 % : ${ratioOk ? "atteint" : "MANQUÉ"} (${(ratio * 100).toFixed(1)} %)`,
  );
  console.log(
    `temps CPU par requête : /espace ${a.nodeCpu.toFixed(3)} ms dans Node + ${a.pgCpu.toFixed(3)} ms dans PostgreSQL ; route nue ${b.nodeCpu.toFixed(3)} ms`,
  );
  if (a.failures > 0) console.log(`attention : ${a.failures} réponses en erreur ou hors 2xx sur /espace`);
}

async function main(): Promise<void> {
  const sessions = Number(values.sessions);
  const light = Number(values.light);
  const database = await prepare();
  await createAccounts(database, Math.max(sessions, light));
  const appServer = await startServer("app");
  const bareServer = await startServer("bare");
  const servers = [appServer, bareServer];
  try {
    console.log(
      `${people.toLocaleString("fr-FR")} personnes (PostgreSQL ${new URL(url).host}, schéma ${schema}) ; app en production, journal ${values["log-level"]}`,
    );
    const cookies: string[] = [];
    for (let i = 0; i < Math.max(sessions, light); i++) cookies.push(await logIn(appServer.port, i));
    console.log(
      `${cookies.length} connexions par POST /api/v1/session, chacune depuis sa propre adresse 127.0.0.x`,
    );
    await compare(database, appServer, bareServer, cookies.slice(0, sessions));
    if (light > 0 && light !== sessions)
      await compare(database, appServer, bareServer, cookies.slice(0, light));
  } finally {
    await Promise.all(
      servers.map(({ child }) => {
        const exited = once(child, "exit");
        child.kill();
        return exited;
      }),
    );
    await database.close();
  }
}

// ------------------------------------------------------------------ entry: the benchmark, or one of its two servers (child processes)

if (values.serve === "bare") {
  const bare = Fastify();
  bare.get("/", async (_request, reply) => reply.type("text/html; charset=utf-8").send(BARE_BODY));
  await bare.listen({ host: HOST, port: 0 });
  process.send?.({ port: (bare.server.address() as { port: number }).port });
} else if (values.serve === "app") {
  const { buildApp } = await import("../src/app.ts");
  const database = await openDatabase({ url, schema });
  const config: AppConfig = {
    logLevel: values["log-level"] as AppConfig["logLevel"],
    mode: "production",
    secret: SECRET,
    smtpUrl: undefined,
    mailFrom: "Parcours <ne-pas-repondre@parcours.test>",
    publicUrl: `http://${HOST}`,
    franceConnect: undefined,
  };
  const app = await buildApp(config, database);
  await app.listen({ host: HOST, port: 0 });
  // Stopped by the benchmark: a clean exit, so a CPU profile gets written.
  process.once("SIGTERM", async () => {
    await app.close();
    await database.close();
    process.exit(0);
  });
  process.send?.({ port: (app.server.address() as { port: number }).port });
} else {
  await main();
}
