/**
 * `npm run bench:claims [-- --people N --cases C --claims K --workers W --sessions S --runs R --duration D --warmup U]`:
 * claims submitted through HTTP, and the case worker's queue, on the PostgreSQL server of DATABASE_URL
 * (required).
 *
 * - The population is the schema `bench_search_<N>` (default 100 000 people) of `bench:search` and
 *   `bench:http`, seeded on the first run and reused; migrations are brought up to date.
 * - C open cases (default 100 000) are generated once, spread over the people and so over the funds in
 *   proportion to their size, with every open state, target dates from a month late to six months ahead
 *   and the fragile people's cases marked as such (one INSERT … SELECT over generate_series; reference
 *   `BENCH-<n>`, so a later run finds them and adds none).
 * - Both servers are `bench:http`'s own child processes (production mode, the app's uploads under
 *   `<tmpdir>/parcours-bench-uploads`), everything on loopback.
 * - (a) Claims per second. K people (default 300) aged 56 to 66, not retired, with a career and no
 *   generated retirement claim open — those who may file one — drawn in a fixed order, get an account
 *   (`bench-claims-<i>`, one argon2id hash) and log in through the real API, each from its own
 *   loopback address (the login rate limit is per address; their sessions are removed at the next
 *   run). Each run then prepares one complete retirement-claim draft per person through the real
 *   wizard, untimed: the start POST, every question step POSTed with the pre-filled start date, holder
 *   and IBAN kept (no other scheme, no child declared, living alone: answers that ask for no other
 *   proof), the proofs step POSTed as multipart with one small PDF per proof the page asks for, then
 *   the review page read for the draft id. What is timed: the K submission POSTs (`…/envoyer`, session
 *   cookie and the form's CSRF token) sent by W workers (default 10), each over one keep-alive
 *   connection; every 10th person's POST is sent twice in a row, as a double click, so the two are in
 *   flight together. Every answer must be the 303 to the acknowledgement
 *   (`/espace/demarches/accuse/<reference>`), a double click must get its twin's reference, and after
 *   the timed phase every 10th submission (another tenth) is replayed and must get the same answer
 *   again; three acknowledgement pages are opened; then exactly K cases must have been opened for the
 *   K people, with no draft left. Before each run's submissions, the bare route is loaded for D
 *   seconds by the same client (W keep-alive connections, one request at a time each): the printed
 *   figures are the medians of R runs and the ratio of POSTs per second to the bare route's requests
 *   per second. Also printed, as `bench:http` does: the CPU time per submission POST of the app
 *   process and of its PostgreSQL backends (found by application_name), what a submission costs
 *   whatever else the machine runs.
 * - Each run's cases (found through the submissions of the K people) are deleted with their
 *   transitions and events, the acknowledgement mails they queued, the uploaded documents (rows and
 *   files) and any draft or submission record of those people — before the first run too, so a run
 *   that stopped half-way is cleared. The audit log is append-only: each run's cases leave their
 *   "case.open" entries behind, and each login its "account.login" one. The queue keeps its C cases.
 * - (b) The queue page `/agent/dossiers` of a case worker of the fund with the most open cases, logged in
 *   through the real staff login (password, then TOTP), S connections (default 10) sending that session,
 *   against the bare Fastify route. After a warm-up, R runs of D seconds alternate bare route and queue
 *   page (autocannon); the medians are printed with the ratio to the bare route. Goal: p99 under 200 ms.
 *   A miss is reported; the process does not fail on it.
 */
import { once } from "node:events";
import { Agent, request as httpRequest, type IncomingMessage } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { hash } from "@node-rs/argon2";
import { sql } from "kysely";
import { Secret, TOTP } from "otpauth";
import PDFDocument from "pdfkit";
import { type DocumentStorage, deleteDocuments, documentStorage } from "../src/documents/index.ts";
import type { Database } from "../src/platform/db.ts";
import {
  alternate,
  apiLogIn,
  backendsCpuMs,
  benchEmail,
  cookieHeader,
  createBenchAccounts,
  exchange,
  HOST,
  load,
  loopbackAddress,
  median,
  openPopulation,
  populationLabel,
  printTable,
  processCpuMs,
  type Server,
  startServer as startChild,
  stopServers,
  summary,
} from "./lib.ts";

const { values } = parseArgs({
  options: {
    people: { type: "string", default: "100000" },
    cases: { type: "string", default: "100000" },
    claims: { type: "string", default: "300" },
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
const claims = Number(values.claims);
const workers = Number(values.workers);
const PAGE = "/agent/dossiers";
const GOAL_P99_MS = 200;
const STAFF_EMAIL = "bench-technicien@parcours.test";
const STAFF_PASSWORD = "Bench-claims-2026!";
const PREFIX = "bench-claims";
const PASSWORD = "Bench-claims-insured-2026!";
const CLAIM = "/espace/demarches/demande-de-retraite";
const ACKNOWLEDGEMENT = "/espace/demarches/accuse/";
// A valid IBAN for the people with no account known yet (the one of the procedures tests).
const IBAN = "FR76 3000 6000 0112 3456 7890 189";
/** Every DOUBLE_CLICK-th person's submission is sent twice at once; another tenth is replayed after. */
const DOUBLE_CLICK = 10;
// Where `bench/http.ts --serve app` keeps uploads: the cleanup deletes the run's files there.
const storage: DocumentStorage = documentStorage({
  uploadsDir: join(tmpdir(), "parcours-bench-uploads"),
  clamd: undefined,
});

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

/**
 * The K claimants: offered the retirement claim (55 or more, no own-right pension) with a career to
 * check and no generated retirement claim open (a second one waits for the first one's decision), in a
 * fixed pseudo-random order; those holding this bench's accounts count as without account, so every
 * run draws the same people.
 */
async function claimants(database: Database): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`select i.id from insured i
    where i.birth_date between current_date - interval '66 years' and current_date - interval '56 years'
      and not exists (select 1 from account a where a.insured_id = i.id and a.email not like ${`${PREFIX}-%`})
      and not exists (select 1 from pension p where p.insured_id = i.id and p.kind = 'own_right')
      and exists (select 1 from career_year c where c.insured_id = i.id)
      and not exists (select 1 from case_file f
        where f.insured_id = i.id and f.procedure = 'retirementClaim' and f.reference like 'BENCH-%')
    order by (i.id * 2654435761) % 1000003, i.id limit ${claims}`.execute(database.db);
  if (rows.length < claims) throw new Error(`${rows.length} demandeurs trouvés sur ${claims}`);
  return rows.map(({ id }) => id);
}

/**
 * Removes what submissions of `ids` left: their cases (transitions and events go with them), the
 * acknowledgement mails of those cases, their documents (rows and files), drafts and submission
 * records. Returns the number of cases and documents removed.
 */
async function cleanUp(
  database: Database,
  ids: readonly number[],
): Promise<{ cases: number; documents: number }> {
  const db = database.db;
  const { rows } = await sql<{ id: number; reference: string }>`select c.id, c.reference from case_file c
    join procedure_submission s on s.draft_id = c.submission_key
    where s.insured_id = any(${ids}::bigint[])`.execute(db);
  const references = rows.map((row) => `%(${row.reference})`);
  if (references.length > 0)
    await sql`delete from mail_outbox where subject like any(${references}::text[])`.execute(db);
  const documents = await sql<{
    id: string;
  }>`select id from document where insured_id = any(${ids}::bigint[])`.execute(db);
  const removed = await deleteDocuments(
    db,
    storage,
    documents.rows.map((row) => row.id),
  );
  await sql`delete from case_file where id = any(${rows.map((row) => row.id)}::bigint[])`.execute(db);
  await sql`delete from procedure_draft where insured_id = any(${ids}::bigint[])`.execute(db);
  await sql`delete from procedure_submission where insured_id = any(${ids}::bigint[])`.execute(db);
  return { cases: rows.length, documents: removed };
}

// ------------------------------------------------------------------ HTTP, over keep-alive connections

interface Reply {
  readonly status: number;
  readonly location: string;
  readonly body: string;
}

/** One request over `agent` (one keep-alive connection per worker). */
function send(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: HOST, port, method, path, headers, agent });
    req.on("error", reject);
    req.on("response", (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          location: String(response.headers.location ?? ""),
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    req.end(body);
  });
}

const keepAlive = () => new Agent({ keepAlive: true, maxSockets: 1 });

/** Runs `task` on every item with `concurrency` workers, each with its own keep-alive connection. */
async function pool<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, agent: Agent) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const agent = keepAlive();
      try {
        while (next < items.length) await task(items[next++] as T, agent);
      } finally {
        agent.destroy();
      }
    }),
  );
}

/** The value of the input named `name`, decoded as a browser would. */
function inputValue(body: string, name: string): string | undefined {
  const match = new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(body);
  return match?.[1]
    ?.replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

const csrfOf = (body: string) => inputValue(body, "_csrf") ?? "";
const errorsOf = (body: string) => body.match(/fr-error-text">[^<]*/g)?.join(" ; ") ?? "";

async function onePdf(): Promise<Buffer> {
  const document = new PDFDocument();
  const chunks: Buffer[] = [];
  document.on("data", (chunk: Buffer) => chunks.push(chunk));
  document.text("Justificatif du banc d'essai bench:claims");
  document.end();
  await once(document, "end");
  return Buffer.concat(chunks);
}

function multipart(fields: Record<string, string>, files: readonly { field: string; content: Buffer }[]) {
  const boundary = `----parcoursbench${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  for (const file of files)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.field}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      file.content,
      Buffer.from("\r\n"),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { type: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) };
}

// ------------------------------------------------------------------ (a) claims per second

interface Claimant {
  readonly i: number;
  readonly cookie: string;
}

interface Ready extends Claimant {
  readonly csrf: string;
  readonly draftId: string;
}

/** The answers given at each question step (the pre-filled values are read from the page). */
function answersFor(step: string, page: string): Record<string, string> {
  switch (step) {
    case "date-de-depart":
      return { startDate: inputValue(page, "startDate") ?? "", stillWorking: "non" };
    case "carriere":
      return { careerComplete: "oui" };
    case "autres-regimes":
      return { otherSchemes: "non", workedAbroad: "non" };
    case "enfants":
      return { hasChildren: "non" };
    case "situation-familiale":
      return { familyStatus: "single" };
    case "coordonnees-bancaires":
      return {
        bankHolder: inputValue(page, "bankHolder") || "Titulaire du banc d'essai",
        iban: inputValue(page, "iban") || IBAN,
      };
    default:
      throw new Error(`étape inattendue : ${step}`);
  }
}

/** One person's complete retirement-claim draft, through the wizard as a browser without JavaScript. */
async function prepareDraft(port: number, claimant: Claimant, agent: Agent, pdf: Buffer): Promise<Ready> {
  const { cookie } = claimant;
  const get = (path: string) => send(agent, port, "GET", path, { cookie });
  const post = (path: string, fields: Record<string, string>) =>
    send(
      agent,
      port,
      "POST",
      path,
      { cookie, "content-type": "application/x-www-form-urlencoded" },
      new URLSearchParams(fields).toString(),
    );
  const start = await get(CLAIM);
  if (start.status !== 200 || !start.body.includes("Commencer ma demande"))
    throw new Error(
      `${CLAIM} (personne ${claimant.i}) : ${start.status}, pas de bouton « Commencer ma demande » (${/fr-alert__title">([^<]*)/.exec(start.body)?.[1] ?? ""})`,
    );
  const csrf = csrfOf(start.body);
  let next = await post(CLAIM, { _csrf: csrf });
  for (let steps = 0; next.location !== `${CLAIM}/justificatifs`; steps++) {
    if (next.status !== 303 || steps > 8)
      throw new Error(
        `${CLAIM} (personne ${claimant.i}) : ${next.status} ${next.location} ${errorsOf(next.body)}`,
      );
    const path = next.location;
    const page = await get(path);
    next = await post(path, {
      _csrf: csrf,
      action: "suivant",
      ...answersFor(path.slice(CLAIM.length + 1), page.body),
    });
  }
  const proofsPage = await get(`${CLAIM}/justificatifs`);
  const fields = [
    ...new Set([...proofsPage.body.matchAll(/name="(preuve-[A-Za-z]+)"/g)].map((m) => m[1] as string)),
  ];
  const form = multipart(
    { _csrf: csrf, action: "suivant" },
    fields.map((field) => ({ field, content: pdf })),
  );
  const proofs = await send(
    agent,
    port,
    "POST",
    `${CLAIM}/justificatifs`,
    { cookie, "content-type": form.type },
    form.body,
  );
  if (proofs.status !== 303 || proofs.location !== `${CLAIM}/verification`)
    throw new Error(`justificatifs (personne ${claimant.i}) : ${proofs.status} ${errorsOf(proofs.body)}`);
  const review = await get(`${CLAIM}/verification`);
  const draftId = inputValue(review.body, "brouillon");
  if (review.status !== 200 || !draftId || review.body.includes("À joindre :"))
    throw new Error(`vérification (personne ${claimant.i}) : ${review.status}, demande incomplète`);
  return { ...claimant, csrf, draftId };
}

/** Requests per second of the bare route for `seconds`, by the submissions' client (W connections). */
async function bareThroughput(port: number, seconds: number): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let answered = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const agent = keepAlive();
      while (performance.now() < until) {
        const reply = await send(agent, port, "GET", "/", {});
        if (reply.status !== 200) throw new Error(`route nue : ${reply.status}`);
        answered++;
      }
      agent.destroy();
    }),
  );
  return answered / ((performance.now() - started) / 1000);
}

interface ClaimsRun {
  readonly prepareSeconds: number;
  readonly bareRps: number;
  readonly casesPerSecond: number;
  readonly postsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly documents: number;
  /** CPU time (ms) per submission POST of the app process and of its PostgreSQL backends. */
  readonly nodeCpu: number;
  readonly pgCpu: number;
}

/** The app's pool connections carry this application_name (PGAPPNAME), to find their backends. */
const APP_NAME = "parcours-bench-claims";

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function claimsRun(
  database: Database,
  ids: readonly number[],
  app: Server,
  bare: Server,
  claimantsOf: readonly Claimant[],
  pdf: Buffer,
): Promise<ClaimsRun> {
  const prepareStarted = performance.now();
  const ready: Ready[] = [];
  await pool(claimantsOf, workers, async (claimant, agent) => {
    ready.push(await prepareDraft(app.port, claimant, agent, pdf));
  });
  const prepareSeconds = (performance.now() - prepareStarted) / 1000;
  const bareRps = await bareThroughput(bare.port, Number(values.duration));

  const submit = (person: Ready, agent: Agent) =>
    send(
      agent,
      app.port,
      "POST",
      `${CLAIM}/envoyer`,
      { cookie: person.cookie, "content-type": "application/x-www-form-urlencoded" },
      new URLSearchParams({ _csrf: person.csrf, brouillon: person.draftId }).toString(),
    );
  const acknowledged = (person: Ready, reply: Reply, what: string) => {
    if (reply.status !== 303 || !reply.location.startsWith(ACKNOWLEDGEMENT))
      throw new Error(`${what} (personne ${person.i}) : ${reply.status} ${reply.location}`);
    return reply.location;
  };
  // A double click: the same person twice in a row in the queue, so two workers send it at once.
  const queue = ready.flatMap((person) => (person.i % DOUBLE_CLICK === 0 ? [person, person] : [person]));
  const answers = new Map<number, string>();
  const latencies: number[] = [];
  const appPid = app.child.pid ?? 0;
  const nodeBefore = processCpuMs(appPid);
  const pgBefore = await backendsCpuMs(database, APP_NAME);
  const started = performance.now();
  await pool(queue, workers, async (person, agent) => {
    const sent = performance.now();
    const reply = await submit(person, agent);
    latencies.push(performance.now() - sent);
    const location = acknowledged(person, reply, "envoi");
    const twin = answers.get(person.i);
    if (twin !== undefined && twin !== location)
      throw new Error(`double clic (personne ${person.i}) : ${location} au lieu de ${twin}`);
    answers.set(person.i, location);
  });
  const seconds = (performance.now() - started) / 1000;
  const nodeMs = processCpuMs(appPid) - nodeBefore;
  // Backends opened during the phase count whole (they started in it).
  let pgMs = 0;
  for (const [backend, ms] of await backendsCpuMs(database, APP_NAME))
    pgMs += ms - (pgBefore.get(backend) ?? 0);

  await pool(
    ready.filter((person) => person.i % DOUBLE_CLICK === DOUBLE_CLICK / 2),
    workers,
    async (person, agent) => {
      const location = acknowledged(person, await submit(person, agent), "renvoi");
      if (location !== answers.get(person.i))
        throw new Error(`renvoi (personne ${person.i}) : ${location} au lieu de ${answers.get(person.i)}`);
    },
  );
  const sample = ready.slice(0, 3);
  for (const person of sample) {
    const location = answers.get(person.i) ?? "";
    const page = await exchange(app.port, loopbackAddress(person.i), "GET", location, {
      cookie: person.cookie,
    });
    if (page.status !== 200 || !page.body.includes(location.slice(ACKNOWLEDGEMENT.length)))
      throw new Error(`accusé de réception ${location} : ${page.status}`);
  }
  const db = database.db;
  const opened = await sql<{ n: number }>`select count(*)::int as n from case_file
    where insured_id = any(${ids}::bigint[]) and reference not like 'BENCH-%'`.execute(db);
  const drafts = await sql<{ n: number }>`select count(*)::int as n from procedure_draft
    where insured_id = any(${ids}::bigint[])`.execute(db);
  const distinct = new Set(answers.values()).size;
  if (opened.rows[0]?.n !== claims || distinct !== claims || drafts.rows[0]?.n !== 0)
    throw new Error(
      `${opened.rows[0]?.n} dossiers ouverts, ${distinct} accusés distincts, ${drafts.rows[0]?.n} brouillons restants pour ${claims} demandes`,
    );
  const removed = await cleanUp(database, ids);
  if (removed.cases !== claims || removed.documents < claims)
    throw new Error(
      `${removed.cases} dossiers et ${removed.documents} documents supprimés pour ${claims} demandes`,
    );
  latencies.sort((a, b) => a - b);
  return {
    prepareSeconds,
    bareRps,
    casesPerSecond: claims / seconds,
    postsPerSecond: queue.length / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    documents: removed.documents,
    nodeCpu: nodeMs / queue.length,
    pgCpu: pgMs / queue.length,
  };
}

// ------------------------------------------------------------------ (b) the queue page

function totp(secret: string): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate();
}

/** The real staff login, from `from`: password, enrolment page (its secret), first code. */
async function staffLogIn(port: number, from: string): Promise<string> {
  const cookies = new Map<string, string>();
  const keep = (answer: { cookies: Map<string, string> }) => {
    for (const [k, v] of answer.cookies) cookies.set(k, v);
  };
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
  return startChild(kind, [script, "--people", String(people), "--serve", kind, "--log-level", "warn"], {
    ...process.env,
    PGAPPNAME: APP_NAME,
  });
}

async function queuePage(app: Server, bare: Server, staffFrom: string): Promise<void> {
  const runs = Number(values.runs);
  const cookie = await staffLogIn(app.port, staffFrom);
  const check = await exchange(app.port, staffFrom, "GET", PAGE, { cookie });
  const rows = check.body.split('<th scope="row"><a href="/agent/dossiers/').length - 1;
  if (check.status !== 200 || rows !== 25)
    throw new Error(`${PAGE} : ${check.status}, ${rows} dossiers affichés`);
  const sessions = Number(values.sessions);
  const cookies = Array.from({ length: sessions }, () => cookie);
  const anonymous = cookies.map(() => "");
  const seconds = Number(values.duration);
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
    `(b) File des dossiers, ${sessions} connexions (autocannon), médiane de ${runs} essais de ${seconds} s`,
    [
      ["route nue (Fastify seul)", b],
      [PAGE, p],
    ],
    [28, 8, 9, 9, 7],
  );
  console.log(
    `Rapports à la route nue : débit ${(p.rps / b.rps).toFixed(3)}, p50 ${(p.p50 / Math.max(b.p50, 1)).toFixed(1)}, p99 ${(p.p99 / Math.max(b.p99, 1)).toFixed(1)}`,
  );
  console.log(
    p.p99 < GOAL_P99_MS
      ? `Objectif atteint : p99 de la file ${p.p99} ms < ${GOAL_P99_MS} ms.`
      : `Objectif manqué : p99 de la file ${p.p99} ms ≥ ${GOAL_P99_MS} ms.`,
  );
}

async function main(): Promise<void> {
  const { database } = await openPopulation(people);
  await generateCases(database);
  const { fund, open } = await busiestFund(database);
  await prepareStaff(database, fund);
  const ids = await claimants(database);
  const leftovers = await cleanUp(database, ids);
  if (leftovers.cases + leftovers.documents > 0)
    console.error(
      `  restes d'une exécution interrompue supprimés : ${leftovers.cases} dossiers, ${leftovers.documents} documents`,
    );
  await createBenchAccounts(database, PREFIX, ids, PASSWORD);
  const pdf = await onePdf();

  const servers = await Promise.all([startServer("app"), startServer("bare")]);
  const [app, bare] = servers as [Server, Server];
  try {
    console.log(
      `${populationLabel(people)} ; ${cases.toLocaleString("fr-FR")} dossiers générés ; caisse de la file ${fund} (${open.toLocaleString("fr-FR")} dossiers en cours)`,
    );
    const loginStarted = performance.now();
    const claimantsOf: Claimant[] = [];
    await pool(
      ids.map((_, i) => i),
      workers,
      async (i) => {
        const { cookie } = await apiLogIn(app.port, i, benchEmail(PREFIX, i), PASSWORD);
        claimantsOf.push({ i, cookie });
      },
    );
    claimantsOf.sort((a, b) => a.i - b.i);
    console.error(
      `  ${claims} connexions par POST /api/v1/session (une adresse 127.0.x.y chacune) en ${((performance.now() - loginStarted) / 1000).toFixed(1)} s`,
    );
    const warmup = Number(values.warmup);
    if (warmup > 0) await bareThroughput(bare.port, warmup);
    const runs: ClaimsRun[] = [];
    for (let run = 0; run < Number(values.runs); run++) {
      const result = await claimsRun(database, ids, app, bare, claimantsOf, pdf);
      runs.push(result);
      console.error(
        `  essai ${run + 1} : ${claims} brouillons préparés en ${result.prepareSeconds.toFixed(1)} s ; route nue ${result.bareRps.toFixed(0)} req/s ; ${result.casesPerSecond.toFixed(1)} demandes/s (${result.postsPerSecond.toFixed(1)} POST/s, p50 ${result.p50.toFixed(0)} ms, p99 ${result.p99.toFixed(0)} ms) ; supprimés ensuite : ${claims} dossiers, ${result.documents} documents`,
      );
    }
    const casesPerSecond = median(runs.map((r) => r.casesPerSecond));
    const postsPerSecond = median(runs.map((r) => r.postsPerSecond));
    const bareRps = median(runs.map((r) => r.bareRps));
    const doubles = Math.ceil(claims / DOUBLE_CLICK);
    console.log(
      `\n(a) Demandes de retraite envoyées par HTTP (POST ${CLAIM}/envoyer, CSRF et session), ${workers} connexions, ${claims} demandes + ${doubles} doubles clics par essai, médiane de ${runs.length} essais`,
    );
    console.log(`    demandes déposées (dossiers ouverts) : ${casesPerSecond.toFixed(1)} /s`);
    console.log(
      `    POST d'envoi : ${postsPerSecond.toFixed(1)} /s, p50 ${median(runs.map((r) => r.p50)).toFixed(0)} ms, p99 ${median(runs.map((r) => r.p99)).toFixed(0)} ms`,
    );
    console.log(
      `    temps CPU par POST d'envoi : ${median(runs.map((r) => r.nodeCpu)).toFixed(1)} ms dans Node + ${median(runs.map((r) => r.pgCpu)).toFixed(1)} ms dans PostgreSQL (ce qui borne le débit sur les cœurs de la machine, quelle que soit la charge voisine)`,
    );
    console.log(`    route nue, même client, ${workers} connexions : ${bareRps.toFixed(0)} req/s`);
    console.log(`    rapport POST d'envoi / route nue : ${(postsPerSecond / bareRps).toFixed(4)}`);
    console.log(
      `    contrôles : chaque réponse est la redirection 303 vers l'accusé de réception ; doubles clics et ${Math.floor((claims + DOUBLE_CLICK / 2) / DOUBLE_CLICK)} renvois rendent le même accusé ; exactement ${claims} dossiers ouverts par essai, aucun brouillon restant`,
    );
    await queuePage(app, bare, loopbackAddress(claims));
  } finally {
    await stopServers(servers);
    await database.close();
  }
}

await main();
