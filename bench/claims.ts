/**
 * `npm run bench:claims [-- --people N --cases C --claims K --workers W --sessions S --runs R --duration D --warmup U]`:
 * claims and the case worker's queue on the PostgreSQL server of DATABASE_URL (required).
 *
 * - The population is the schema `bench_search_<N>` (default 100 000 people) of `bench:search` and
 *   `bench:http`, seeded on the first run and reused; migrations are brought up to date.
 * - C open cases (default 100 000) are generated once, spread over the people and so over the funds in
 *   proportion to their size, with every open state, target dates from a month late to six months ahead
 *   and the fragile people's cases marked as such (one INSERT … SELECT over generate_series; reference
 *   `BENCH-<n>`, so a later run finds them and adds none).
 * - (a) Claims per second: K claims (default 2 000) opened by W concurrent workers (default 10) through
 *   `openCase` of the cases context, in-process: the HTTP submission of the procedures context has not
 *   landed in the repository yet. Each run's claims are deleted afterwards, so the queue keeps C cases.
 * - (b) The queue page `/agent/dossiers` of a case worker of the fund with the most open cases, logged in
 *   through the real staff login (password, then TOTP), S connections (default 10) sending that session,
 *   against the bare Fastify route of `bench:http`: both servers are `bench:http`'s own child processes
 *   (production mode), everything on loopback. After a warm-up, R runs of D seconds alternate bare route
 *   and queue page; the medians are printed with the ratio to the bare route. Goal: p99 under 200 ms.
 *   A miss is reported; the process does not fail on it.
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { hash } from "@node-rs/argon2";
import { sql } from "kysely";
import { Secret, TOTP } from "otpauth";
import { openCase } from "../src/cases/index.ts";
import type { Database } from "../src/platform/db.ts";
import {
  alternate,
  cookieHeader,
  exchange,
  load,
  median,
  openPopulation,
  populationLabel,
  printTable,
  type Server,
  startServer as startChild,
  stopServers,
  summary,
} from "./lib.ts";

const { values } = parseArgs({
  options: {
    people: { type: "string", default: "100000" },
    cases: { type: "string", default: "100000" },
    claims: { type: "string", default: "2000" },
    workers: { type: "string", default: "10" },
    sessions: { type: "string", default: "10" },
    runs: { type: "string", default: "3" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
  },
});
if (!process.env.DATABASE_URL) {
  console.error(
    "bench:claims mesure PostgreSQL : définissez DATABASE_URL (par exemple postgres://postgres@127.0.0.1:5432/test).",
  );
  process.exit(2);
}
const people = Number(values.people);
const cases = Number(values.cases);
const PAGE = "/agent/dossiers";
const GOAL_P99_MS = 200;
const STAFF_EMAIL = "bench-technicien@parcours.test";
const STAFF_PASSWORD = "Bench-claims-2026!";

// ------------------------------------------------------------------ data

/** C open cases, made once: the people are walked with a stride prime to their number. */
async function generateCases(database: Database): Promise<void> {
  const db = database.db;
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from case_file where reference like 'BENCH-%'`.execute(db);
  const present = rows[0]?.n ?? 0;
  if (present === cases) return;
  if (present !== 0)
    throw new Error(
      `${present} dossiers BENCH- au lieu de ${cases} : supprimez-les (delete from case_file where reference like 'BENCH-%').`,
    );
  const total =
    (await sql<{ n: number }>`select count(*)::int as n from insured`.execute(db)).rows[0]?.n ?? 0;
  const started = performance.now();
  await sql`with people as (
      select id, fund_code, fragile, row_number() over (order by id) as rn from insured
    )
    insert into case_file (reference, insured_id, fund_code, procedure, submission_key, answers, state, complete,
      claimed_start_date, received_at, target_date, priority, last_activity_at)
    select 'BENCH-' || g, p.id, p.fund_code,
      (array['retirementClaim', 'survivorPension', 'aspa', 'careerCorrection'])[1 + g % 4],
      gen_random_uuid(), '{}'::jsonb,
      (array['received', 'awaiting_proofs', 'under_review', 'verified'])[1 + (g / 4) % 4],
      g % 3 <> 0, null,
      now() - (g % 120) * interval '1 day',
      current_date + (g % 210) - 30,
      p.fragile,
      now() - (g % 90) * interval '1 day'
    from generate_series(1, ${cases}::int) g
    join people p on p.rn = 1 + (g::bigint * 7919) % ${total}::int`.execute(db);
  await sql`analyze case_file`.execute(db);
  console.log(
    `${cases.toLocaleString("fr-FR")} dossiers en cours créés en ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
}

/** A case worker of `fund` whose TOTP is enrolled again at each run (its secret is read at enrolment). */
async function prepareStaff(database: Database, fund: string): Promise<void> {
  const db = database.db;
  const passwordHash = await hash(STAFF_PASSWORD);
  await sql`delete from login_throttle where email = ${STAFF_EMAIL}`.execute(db);
  await sql`insert into staff (email, display_name, role, fund_code, password_hash)
    values (${STAFF_EMAIL}, 'Technicien du banc d''essai', 'case_worker', ${fund}, ${passwordHash})
    on conflict (email) do update set fund_code = excluded.fund_code, password_hash = excluded.password_hash,
      totp_secret = null, active = true`.execute(db);
}

async function busiestFund(database: Database): Promise<{ fund: string; open: number }> {
  const { rows } = await sql<{
    fund_code: string;
    n: number;
  }>`select fund_code, count(*)::int as n from case_file
    where state not in ('granted', 'refused', 'first_payment') group by fund_code order by n desc limit 1`.execute(
    database.db,
  );
  const row = rows[0];
  if (!row) throw new Error("aucun dossier en cours");
  return { fund: row.fund_code, open: row.n };
}

// ------------------------------------------------------------------ (a) claims per second

async function claimsPerSecond(database: Database): Promise<number> {
  const db = database.db;
  const count = Number(values.claims);
  const workers = Number(values.workers);
  const { rows } = await sql<{
    id: number;
  }>`select id from insured order by (id * 2654435761) % 1000003 limit ${count}`.execute(db);
  const ids = rows.map((row) => row.id);
  const opened: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < ids.length) {
        const insuredId = ids[next++] as number;
        const result = await openCase(db, {
          insuredId,
          procedure: "retirementClaim",
          submissionKey: randomUUID(),
          answers: { startDate: "2027-09" },
          documentIds: [],
          claimedStartDate: "2027-09-01",
          complete: true,
          actor: { kind: "insured", id: insuredId },
          at: new Date(),
        });
        opened.push(result.case.id);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  // The audit log is append-only: the bench's claims leave their "case.open" entries behind.
  await sql`delete from case_file where id = any(${opened}::bigint[])`.execute(db);
  return ids.length / seconds;
}

// ------------------------------------------------------------------ (b) the queue page

function totp(secret: string): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate();
}

/** The real staff login, from 127.0.0.2: password, enrolment page (its secret), first code. */
async function staffLogIn(port: number): Promise<string> {
  const from = "127.0.0.2";
  const cookies = new Map<string, string>();
  const keep = (answer: { cookies: Map<string, string> }) => {
    for (const [k, v] of answer.cookies) cookies.set(k, v);
  };
  const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? "";
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const formHeaders = () => ({
    cookie: cookieHeader(cookies),
    "content-type": "application/x-www-form-urlencoded",
  });
  const loginPage = await exchange(port, from, "GET", "/agent/connexion", {});
  keep(loginPage);
  const password = await exchange(
    port,
    from,
    "POST",
    "/agent/connexion",
    formHeaders(),
    form({ _csrf: csrfOf(loginPage.body), email: STAFF_EMAIL, password: STAFF_PASSWORD }),
  );
  keep(password);
  if (password.status !== 303) throw new Error(`mot de passe refusé : ${password.status}`);
  const codePage = await exchange(port, from, "GET", "/agent/connexion/code", {
    cookie: cookieHeader(cookies),
  });
  keep(codePage);
  const secret = /<code id="cle">([A-Z2-7 ]+)<\/code>/.exec(codePage.body)?.[1]?.replace(/ /g, "");
  if (!secret) throw new Error("pas de clé TOTP sur la page d'enrôlement");
  const code = await exchange(
    port,
    from,
    "POST",
    "/agent/connexion/code",
    formHeaders(),
    form({ _csrf: csrfOf(codePage.body), code: totp(secret) }),
  );
  keep(code);
  if (code.status !== 303) throw new Error(`code refusé : ${code.status}`);
  return cookieHeader(new Map([["parcours_session", cookies.get("parcours_session") ?? ""]]));
}

function startServer(kind: "app" | "bare"): Promise<Server> {
  const script = new URL("./http.ts", import.meta.url).pathname;
  return startChild(kind, [script, "--people", String(people), "--serve", kind, "--log-level", "warn"]);
}

async function main(): Promise<void> {
  const { database } = await openPopulation(people);
  await generateCases(database);
  const { fund, open } = await busiestFund(database);
  await prepareStaff(database, fund);

  const runs = Number(values.runs);
  const claimRates: number[] = [];
  for (let run = 0; run < runs; run++) {
    claimRates.push(await claimsPerSecond(database));
    console.error(`  essai ${run + 1} : ${claimRates.at(-1)?.toFixed(0)} demandes/s`);
  }
  await database.close();

  const servers = await Promise.all([startServer("app"), startServer("bare")]);
  const [app, bare] = servers as [Server, Server];
  try {
    const cookie = await staffLogIn(app.port);
    const check = await exchange(app.port, "127.0.0.2", "GET", PAGE, { cookie });
    const rows = check.body.split('<th scope="row"><a href="/agent/dossiers/').length - 1;
    if (check.status !== 200 || rows !== 25)
      throw new Error(`${PAGE} : ${check.status}, ${rows} dossiers affichés`);
    const sessions = Number(values.sessions);
    const cookies = Array.from({ length: sessions }, () => cookie);
    const anonymous = cookies.map(() => "");
    const seconds = Number(values.duration);
    console.log(
      `${populationLabel(people)} ; ${cases.toLocaleString("fr-FR")} dossiers générés ; caisse mesurée ${fund} (${open.toLocaleString("fr-FR")} dossiers en cours)`,
    );
    console.log(
      `\n(a) Demandes déposées par seconde (openCase en processus, ${values.workers} en parallèle, ${values.claims} par essai, médiane de ${runs} essais) : ${median(claimRates).toFixed(0)}`,
    );
    const measures = await alternate({
      runs,
      seconds,
      warmup: Number(values.warmup),
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
      `(b) File des dossiers, ${sessions} connexions, médiane de ${runs} essais de ${seconds} s`,
      [
        ["route nue (Fastify seul)", b],
        [PAGE, p],
      ],
      [28, 8, 9, 9, 7],
    );
    console.log(
      `\nRapports à la route nue : débit ${(p.rps / b.rps).toFixed(3)}, p50 ${(p.p50 / Math.max(b.p50, 1)).toFixed(1)}, p99 ${(p.p99 / Math.max(b.p99, 1)).toFixed(1)}`,
    );
    console.log(
      p.p99 < GOAL_P99_MS
        ? `Objectif atteint : p99 de la file ${p.p99} ms < ${GOAL_P99_MS} ms.`
        : `Objectif manqué : p99 de la file ${p.p99} ms ≥ ${GOAL_P99_MS} ms.`,
    );
  } finally {
    await stopServers(servers);
  }
}

await main();
