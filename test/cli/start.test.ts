import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { sql } from "kysely";
import { openDatabase } from "../../src/platform/db.ts";
import { DEMO_PASSWORD } from "../../src/population/index.ts";

const MAIN = join(import.meta.dirname, "..", "..", "src", "cli", "main.ts");

function run(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [MAIN, ...args], {
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/**
 * A safety net, not a measure: a command that has not finished after this long is stuck, whatever the
 * machine's load. Nothing here asserts a duration; a loaded machine (initdb, seeding) only waits longer.
 */
const GUARD_MS = 120_000;

/** Resolves with the URL once the banner is printed; the process is left running. */
function startServer(
  dataDir: string,
  env: Record<string, string> = { PARCOURS_SEED_PEOPLE: "200" },
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = run(["start"], { PARCOURS_DATA_DIR: dataDir, PORT: "0", ...env });
  let output = "";
  return new Promise((resolve, reject) => {
    const guard = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`start not ready after ${GUARD_MS / 1000} s: ${output}`));
    }, GUARD_MS);
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Parcours est prêt : (http:\/\/\S+)/.exec(output);
      if (match && /Démarré en/.test(output)) {
        clearTimeout(guard);
        resolve({ child, url: match[1] as string, output: () => output });
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("exit", (code) => {
      clearTimeout(guard);
      reject(new Error(`start exited with ${code}: ${output}`));
    });
  });
}

function stopServer(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.on("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}

/**
 * Runs a command to its end (its exit, once its last line is written); resolves with its exit code and
 * output. Only a command stuck past the guard is killed, and its stderr then says so.
 */
function runToEnd(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = run(args, env);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const guard = setTimeout(() => {
    stderr += `\n[killed by the test: still running after ${GUARD_MS / 1000} s]`;
    child.kill("SIGKILL");
  }, GUARD_MS);
  return new Promise((resolve) => {
    child.on("exit", (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}

const dataDir = await mkdtemp(join(tmpdir(), "parcours-start-"));
after(() => rm(dataDir, { recursive: true, force: true }));

test("first start seeds the embedded database, prints the URL and the demo accounts; a restart keeps every row", async () => {
  const first = await startServer(dataDir);
  assert.match(first.output(), /Premier démarrage/);
  assert.match(first.output(), /Comptes de démonstration/);
  assert.match(first.output(), /lea\.moreau@parcours\.test/);
  const ready = await fetch(`${first.url}/readyz`);
  assert.equal(ready.status, 200);
  assert.equal(await stopServer(first.child), 0);

  // Written between two runs, straight into the files the server uses.
  const database = await openDatabase({ dataDir });
  const before = await sql<{ people: number }>`select count(*)::int as people from insured`.execute(
    database.db,
  );
  await sql`insert into audit_log (actor_kind, action, reason) values ('system', 'restart-test', 'avant arrêt')`.execute(
    database.db,
  );
  await database.close();

  const second = await startServer(dataDir);
  assert.doesNotMatch(second.output(), /Premier démarrage/, "an existing population is not seeded again");
  assert.equal((await fetch(`${second.url}/readyz`)).status, 200);
  assert.equal(await stopServer(second.child), 0);

  const reopened = await openDatabase({ dataDir });
  const after = await sql<{ people: number }>`select count(*)::int as people from insured`.execute(
    reopened.db,
  );
  const marks = await sql<{
    reason: string;
  }>`select reason from audit_log where action = 'restart-test'`.execute(reopened.db);
  await reopened.close();
  assert.ok((before.rows[0]?.people ?? 0) >= 200);
  assert.deepEqual(after.rows, before.rows);
  assert.deepEqual(marks.rows, [{ reason: "avant arrêt" }]);
});

test("production starts empty, prints no account nor password; admin:create prints only a single-use link", async () => {
  const productionDir = await mkdtemp(join(tmpdir(), "parcours-production-"));
  const production = {
    PARCOURS_MODE: "production",
    PARCOURS_SECRET: "Zq3v9LxT2mWc8RbK7yPn4HdJ6sGf1AeU5tVo0",
    LOG_LEVEL: "info",
  };
  try {
    const started = await startServer(productionDir, production);
    assert.doesNotMatch(started.output(), /Premier démarrage|Comptes de démonstration|@parcours\.test/);
    assert.doesNotMatch(started.output(), new RegExp(DEMO_PASSWORD));
    assert.match(started.output(), /admin:create/);
    assert.equal((await fetch(`${started.url}/readyz`)).status, 200);
    // Single-use tokens and NIRs in addresses reach the request log masked (M2).
    for (const path of [
      "/mot-de-passe/nouveau?jeton=JETONSECRET0123456789",
      "/inscription/verifier?jeton=JETONSECRET0123456789",
      "/agent/activation?jeton=JETONSECRET0123456789",
      "/nulle-part?nir=1841276451089",
    ])
      await (await fetch(`${started.url}${path}`)).arrayBuffer();
    assert.equal(await stopServer(started.child), 0);
    assert.match(started.output(), /"url":"\/agent\/activation\?jeton=\[masqué\]"/);
    assert.doesNotMatch(started.output(), /JETONSECRET|1841276451089/);

    const created = await runToEnd(["admin:create", "--email", "premiere.admin@cnav.fr"], {
      PARCOURS_DATA_DIR: productionDir,
      ...production,
    });
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /Lien d'activation .*: http:\/\/\S+\/agent\/activation\?jeton=[\w-]{43}$/m);
    assert.doesNotMatch(created.stdout, /mot de passe ?:/i, "no password is printed");

    const database = await openDatabase({ dataDir: productionDir });
    const counts = await sql<{ insured: number; accounts: number; staff: number; roles: string }>`
      select (select count(*)::int from insured) as insured,
             (select count(*)::int from account) as accounts,
             (select count(*)::int from staff) as staff,
             (select string_agg(role::text, ',') from staff) as roles`.execute(database.db);
    await database.close();
    assert.deepEqual(counts.rows, [{ insured: 0, accounts: 0, staff: 1, roles: "administrator" }]);
  } finally {
    await rm(productionDir, { recursive: true, force: true });
  }
});

const wrongSettings: [string, Record<string, string>, RegExp][] = [
  ["a port that is not a number", { PORT: "http" }, /^Erreur : PORT="http" n'est pas valide/],
  [
    "a PostgreSQL server that does not answer",
    { DATABASE_URL: "postgres://postgres@127.0.0.1:1/test" },
    /^Erreur : La base PostgreSQL de DATABASE_URL \(127\.0\.0\.1:1\/test\) ne répond pas/,
  ],
  ["an unknown command", {}, /^Erreur : Commande inconnue « demarrer »/],
];

for (const [what, env, message] of wrongSettings) {
  test(`${what} stops the start with one clear line and no stack`, async () => {
    const args = what === "an unknown command" ? ["demarrer"] : ["start"];
    const result = await runToEnd(args, { PARCOURS_DATA_DIR: dataDir, ...env });
    assert.equal(result.code, 1, "stopped by itself, before the guard");
    assert.match(result.stderr, message);
    assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
  });
}

test("jobs runs every daily job at the instant given, and names a wrong instant in one line", async () => {
  const result = await runToEnd(["jobs", "--at", "2027-06-01T05:00:00Z"], { PARCOURS_DATA_DIR: dataDir });
  assert.equal(result.code, 0, result.stderr);
  for (const job of ["sessions.purge", "identity.login-throttle-purge", "drafts.", "cases.stalled"])
    assert.match(result.stdout, new RegExp(`^${job.replace(".", "\\.")}.* : \\d+ traité\\(s\\)$`, "m"));
  const wrong = await runToEnd(["jobs", "--at", "demain"], { PARCOURS_DATA_DIR: dataDir });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /^Erreur : --at attend une date comme 2027-01-15T08:00 \(reçu « demain »\)/);
});
