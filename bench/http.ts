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
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Fastify from "fastify";
import { sql } from "kysely";
import type { AppConfig } from "../src/app.ts";
import { type Database, openDatabase } from "../src/platform/db.ts";
import {
  alternate,
  apiLogIn,
  backendsCpuMs,
  benchEmail,
  createBenchAccounts,
  DATABASE_URL,
  exchange,
  HOST,
  lcg,
  load as loadRoute,
  median,
  openPopulation,
  populationLabel,
  populationSchema,
  printTable,
  processCpuMs,
  type Measure as RouteMeasure,
  summary as routeSummary,
  type Server,
  startServer as startChild,
  stopServers,
} from "./lib.ts";

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
const url = DATABASE_URL;
const schema = populationSchema(people);
const PASSWORD = "Bench-http-2026!";
const SECRET = "bench-http-secret-that-is-long-enough-for-hmac-0123456789";
const BARE_BODY = "<!doctype html><html lang=fr><title>Parcours</title><p>Bonjour</p></html>";

// ------------------------------------------------------------------ the benchmark

async function prepare(): Promise<Database> {
  const { database, seeded } = await openPopulation(people);
  if (seeded) await sql`analyze`.execute(database.db);
  return database;
}

const emailOf = (i: number) => benchEmail("bench-http", i);

/**
 * Accounts for `count` people drawn with a fixed seed among those without one (the personas have
 * theirs). Made again at each run, so an earlier run leaves no lock or session behind.
 */
async function createAccounts(database: Database, count: number): Promise<void> {
  await createBenchAccounts(
    database,
    "bench-http",
    async () => {
      const db = database.db;
      const { rows } = await sql<{ max: number }>`select max(id) as max from insured`.execute(db);
      const max = rows[0]?.max ?? 1;
      const next = lcg(20261122);
      const ids = new Set<number>();
      while (ids.size < count * 2) ids.add(1 + (next() % max));
      const found = await sql<{ id: number }>`select id from insured i where id = any(${[...ids]}::bigint[])
        and not exists (select 1 from account a where a.insured_id = i.id) order by id limit ${count}`.execute(
        db,
      );
      if (found.rows.length < count)
        throw new Error(`${found.rows.length} personnes sans compte trouvées sur ${count}`);
      return found.rows.map(({ id }) => id);
    },
    PASSWORD,
  );
}

/** Logs person `i` in through the API, from 127.0.0.<i + 2>; returns the Cookie header of the session. */
async function logIn(port: number, i: number): Promise<string> {
  const { from, cookie } = await apiLogIn(port, i, emailOf(i), PASSWORD);
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
  return startChild(kind, args, { ...process.env, PGAPPNAME: APP_NAME });
}

interface Measure extends RouteMeasure {
  /** CPU time per request (ms) of the server process, and of its PostgreSQL backends. */
  nodeCpu: number;
  pgCpu: number;
}

/** The app's pool connections carry this application_name (PGAPPNAME), to find their backends. */
const APP_NAME = "parcours-bench-http";

const backendsCpu = (database: Database) => backendsCpuMs(database, APP_NAME);

async function load(
  database: Database,
  server: Server,
  path: string,
  cookies: string[],
  seconds: number,
): Promise<Measure> {
  const pid = server.child.pid ?? 0;
  const nodeBefore = processCpuMs(pid);
  const pgBefore = await backendsCpu(database);
  const { requests, ...measure } = await loadRoute(server, path, cookies, seconds);
  const nodeMs = processCpuMs(pid) - nodeBefore;
  // Backends opened during the run count whole (they started in it).
  let pgMs = 0;
  for (const [backend, ms] of await backendsCpu(database)) pgMs += ms - (pgBefore.get(backend) ?? 0);
  const total = Math.max(1, requests);
  return { ...measure, nodeCpu: nodeMs / total, pgCpu: pgMs / total };
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
  const measures = await alternate({
    runs,
    seconds,
    warmup,
    bare: (duration) => load(database, bareServer, "/", anonymous, duration),
    app: (duration) => load(database, appServer, "/espace", cookies, duration),
    report: (run, lastBare, last) =>
      console.error(
        `  essai ${run + 1} : route nue ${lastBare.rps.toFixed(0)} req/s, p99 ${lastBare.p99} ms ; /espace ${last.rps.toFixed(0)} req/s, p50 ${last.p50} ms, p99 ${last.p99} ms`,
      ),
  });
  const summary = (list: Measure[]) => ({
    ...routeSummary(list),
    nodeCpu: median(list.map((m) => m.nodeCpu)),
    pgCpu: median(list.map((m) => m.pgCpu)),
  });
  const a = summary(measures.app);
  const b = summary(measures.bare);
  const ratio = a.rps / b.rps;
  printTable(
    `${cookies.length} sessions simultanées, médiane de ${runs} essais de ${seconds} s`,
    [
      ["route Fastify nue", b],
      ["/espace (connecté)", a],
    ],
    [28, 8, 8, 8, 8],
  );
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
    console.log(`${populationLabel(people)} ; app en production, journal ${values["log-level"]}`);
    const cookies: string[] = [];
    for (let i = 0; i < Math.max(sessions, light); i++) cookies.push(await logIn(appServer.port, i));
    console.log(
      `${cookies.length} connexions par POST /api/v1/session, chacune depuis sa propre adresse 127.0.0.x`,
    );
    await compare(database, appServer, bareServer, cookies.slice(0, sessions));
    if (light > 0 && light !== sessions)
      await compare(database, appServer, bareServer, cookies.slice(0, light));
  } finally {
    await stopServers(servers);
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
    uploadsDir: join(tmpdir(), "parcours-bench-uploads"),
    clamd: undefined,
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
