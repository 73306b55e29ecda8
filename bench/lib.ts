/**
 * What `bench:http`, `bench:search` and `bench:space` share: the population schema `bench_search_<N>`
 * on the PostgreSQL server of DATABASE_URL, bench accounts, logging in through the API from a loopback
 * address of its own, the app and bare-route servers in child processes, the autocannon load and the
 * tables of medians they print.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { createRequire } from "node:module";
import { hash } from "@node-rs/argon2";
import { sql } from "kysely";
import pg from "pg";
import { type Database, openDatabase } from "../src/platform/db.ts";
import { migrate } from "../src/platform/migrations.ts";
import { createPersonas, populationSize, progressOnStderr, seedPopulation } from "../src/population/index.ts";

export const DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const HOST = "127.0.0.1";

/** The schema holding the population of N people, shared by the benchmarks. */
export const populationSchema = (people: number) => `bench_search_${people}`;

/** "N personnes (PostgreSQL host, schéma S)": the first words of every benchmark's report. */
export function populationLabel(people: number): string {
  return `${people.toLocaleString("fr-FR")} personnes (PostgreSQL ${new URL(DATABASE_URL).host}, schéma ${populationSchema(people)})`;
}

/**
 * The database of `bench_search_<people>`, migrations brought up to date; seeded with `people` people
 * and the personas when empty (`seeded` says so), refused when it holds another number of people.
 */
export async function openPopulation(people: number): Promise<{ database: Database; seeded: boolean }> {
  const schema = populationSchema(people);
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`create schema if not exists ${schema}`);
  await admin.end();
  const database = await openDatabase({ url: DATABASE_URL, schema });
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
    return { database, seeded: true };
  }
  if (present !== people)
    throw new Error(`Le schéma ${schema} contient ${present} personnes au lieu de ${people} : supprimez-le.`);
  return { database, seeded: false };
}

/** A fixed-seed pseudo-random generator (LCG): each call gives the next 32-bit state. */
export function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state;
  };
}

/**
 * Accounts `<prefix>-<i>@parcours.test` for the people `ids`, with one argon2id hash of `password` (the
 * cost of argon2 is paid at login, which is what the app does). The accounts of an earlier run, their
 * sessions and login throttles are removed first, so no lock or session is left behind.
 */
export async function createBenchAccounts(
  database: Database,
  prefix: string,
  ids: readonly number[] | (() => Promise<readonly number[]>),
  password: string,
): Promise<void> {
  const db = database.db;
  await sql`delete from web_session where kind = 'insured' and subject_id in
    (select insured_id from account where email like ${`${prefix}-%`})`.execute(db);
  await sql`delete from login_throttle where email like ${`${prefix}-%`}`.execute(db);
  await sql`delete from account where email like ${`${prefix}-%`}`.execute(db);
  const people = typeof ids === "function" ? await ids() : ids;
  const passwordHash = await hash(password);
  for (const [i, id] of people.entries()) {
    await sql`insert into account (insured_id, email, password_hash, email_verified_at)
      values (${id}, ${benchEmail(prefix, i)}, ${passwordHash}, now())`.execute(db);
  }
}

export const benchEmail = (prefix: string, i: number) => `${prefix}-${i}@parcours.test`;

export interface Answer {
  readonly status: number;
  readonly cookies: Map<string, string>;
  readonly body: string;
}

/** The Cookie header sending back every cookie of `cookies`. */
export const cookieHeader = (cookies: Map<string, string>) =>
  [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");

/** One HTTP exchange on a fresh connection from `localAddress`. */
export function exchange(
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

/**
 * The loopback address of client `i`: 127.0.0.<i + 2> for the first 250, then 127.0.1.2… (all of
 * 127.0.0.0/8 is loopback on Linux), so more clients than one /24 holds each get an address of their own.
 */
export function loopbackAddress(i: number): string {
  return `127.0.${Math.floor(i / 250)}.${(i % 250) + 2}`;
}

/**
 * Logs person `i` in through the API (`POST /api/v1/session`, CSRF token and all) from
 * `loopbackAddress(i)`: the login rate limit is per address. Returns that address and the Cookie header
 * of the session.
 */
export async function apiLogIn(
  port: number,
  i: number,
  email: string,
  password: string,
): Promise<{ from: string; cookie: string }> {
  const from = loopbackAddress(i);
  const csrf = await exchange(port, from, "GET", "/api/v1/csrf-token", {});
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const login = await exchange(
    port,
    from,
    "POST",
    "/api/v1/session",
    { cookie: cookieHeader(csrf.cookies), "content-type": "application/json", "x-csrf-token": csrfToken },
    JSON.stringify({ email, password }),
  );
  const session = login.cookies.get("parcours_session");
  if (login.status !== 200 || !session) throw new Error(`connexion ${i} : ${login.status} ${login.body}`);
  return { from, cookie: `parcours_session=${session}` };
}

/** CPU time (user + system, ms) process `pid` has used so far, from /proc (Linux); 0 once it is gone. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
const CLOCK_TICKS = 100;

/** CPU time so far of each PostgreSQL backend whose connection carries `applicationName`. */
export async function backendsCpuMs(
  database: Database,
  applicationName: string,
): Promise<Map<number, number>> {
  const { rows } = await sql<{
    pid: number;
  }>`select pid from pg_stat_activity where application_name = ${applicationName}`.execute(database.db);
  return new Map(rows.map(({ pid }) => [pid, processCpuMs(pid)]));
}

export interface Server {
  readonly child: ChildProcess;
  readonly port: number;
}

/** Runs `script` with `args` in a child process that reports its port over IPC once it listens. */
export function startServer(
  kind: "app" | "bare",
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Server> {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "inherit", "ipc"], env });
  return new Promise((resolve, reject) => {
    child.once("message", (message) => resolve({ child, port: (message as { port: number }).port }));
    child.once("exit", (code) => reject(new Error(`le serveur ${kind} s'est arrêté (${code})`)));
  });
}

/** Stops the servers and waits for their exit. */
export async function stopServers(servers: readonly Server[]): Promise<void> {
  await Promise.all(
    servers.map(({ child }) => {
      const exited = once(child, "exit");
      child.kill();
      return exited;
    }),
  );
}

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

export interface Measure {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly failures: number;
}

/**
 * `seconds` of autocannon on `path` with one connection per cookie: each connection is one person,
 * sending that person's session cookie on every request. Also the number of requests made.
 */
export async function load(
  server: Server,
  path: string,
  cookies: readonly string[],
  seconds: number,
): Promise<Measure & { readonly requests: number }> {
  let next = 0;
  const result = await autocannon({
    url: `http://${HOST}:${server.port}${path}`,
    connections: cookies.length,
    duration: seconds,
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
    requests: result.requests.total,
  };
}

/**
 * After a warm-up of each (when `warmup` > 0), `runs` measures alternating the bare route and the app;
 * `report` is called after each pair.
 */
export async function alternate<M>(options: {
  runs: number;
  seconds: number;
  warmup: number;
  bare: (seconds: number) => Promise<M>;
  app: (seconds: number) => Promise<M>;
  report: (run: number, bare: M, app: M) => void;
}): Promise<{ bare: M[]; app: M[] }> {
  if (options.warmup > 0) {
    await options.bare(options.warmup);
    await options.app(options.warmup);
  }
  const bare: M[] = [];
  const app: M[] = [];
  for (let run = 0; run < options.runs; run++) {
    const b = await options.bare(options.seconds);
    const a = await options.app(options.seconds);
    bare.push(b);
    app.push(a);
    options.report(run, b, a);
  }
  return { bare, app };
}

export function median(list: readonly number[]): number {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The median of each figure over the runs; failures are added up. */
export function summary(list: readonly Measure[]): Measure {
  return {
    rps: median(list.map((m) => m.rps)),
    p50: median(list.map((m) => m.p50)),
    p99: median(list.map((m) => m.p99)),
    failures: list.reduce((sum, m) => sum + m.failures, 0),
  };
}

/**
 * Prints the table of medians: a title line, the header, then one row per measure. `widths` are those
 * of the name, requests/s, p50, p99 and failures columns.
 */
export function printTable(
  title: string,
  rows: readonly (readonly [string, Measure])[],
  widths: readonly [number, number, number, number, number],
): void {
  const [name, rps, p50, p99, failures] = widths;
  console.log(`\n${title}`);
  console.log(`${"".padEnd(name)}    req/s  p50 (ms)  p99 (ms)  échecs`);
  for (const [label, m] of rows)
    console.log(
      `${label.padEnd(name)} ${m.rps.toFixed(0).padStart(rps)} ${String(m.p50).padStart(p50)} ${String(m.p99).padStart(p99)} ${String(m.failures).padStart(failures)}`,
    );
}
