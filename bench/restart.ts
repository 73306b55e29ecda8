/**
 * `npm run bench:restart [-- --workers W --duration S --restart-at S --cluster 15/main]`: does the app
 * ride through a restart of its PostgreSQL server, and is any acknowledged write lost?
 *
 * - A fresh schema `bench_restart_<random>` on the server of DATABASE_URL (default the local test
 *   database), migrated, with a table `bench_write` for the writes of this benchmark; dropped at the end.
 * - The app (`buildApp`, production mode) runs in a child process on loopback, with one extra route
 *   `POST /bench/ecriture` that inserts a row in a transaction and answers 201 with its id only after
 *   the commit: an acknowledged write is a 201 received.
 * - W workers (default 8) loop for S seconds (default 30): a write, then `/readyz`. At `--restart-at`
 *   seconds (default 8) the machine's PostgreSQL cluster is restarted once (`pg_ctlcluster … restart`;
 *   the cluster is the first of `pg_lsclusters` unless given).
 * - Printed: answers by status (201, 503, other) before/during/after the restart, connection errors
 *   (the app process gone), the time from the end of the restart to the next acknowledged write, whether
 *   the app process is the same one at the end, and acknowledged writes against rows found (each id).
 * - Exit code 1 when the app died, when it did not serve again, or when an acknowledged write is missing.
 *
 * It restarts the machine's PostgreSQL: run it on a machine where that is acceptable, never in the suite.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import { buildApp } from "../src/app.ts";
import { openDatabase } from "../src/platform/db.ts";
import { migrate } from "../src/platform/migrations.ts";

const DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The child: the app on the bench schema, plus the write route; prints its port. */
async function serve(schema: string): Promise<void> {
  const database = await openDatabase({ url: DATABASE_URL, schema });
  const app = await buildApp(
    {
      logLevel: "silent",
      mode: "production",
      secret: randomBytes(32).toString("base64url"),
      smtpUrl: undefined,
      mailFrom: "Parcours <ne-pas-repondre@parcours.test>",
      publicUrl: "http://127.0.0.1",
      franceConnect: undefined,
      uploadsDir: mkdtempSync(join(tmpdir(), "bench-restart-")),
      clamd: undefined,
    },
    database,
  );
  app.post("/bench/ecriture", { config: { action: "public.view", csrf: false } }, async (_request, reply) => {
    const id = await database.db.transaction().execute(async (tx) => {
      const { rows } = await sql<{ id: number }>`insert into bench_write default values returning id`.execute(
        tx,
      );
      return (rows[0] as { id: number }).id;
    });
    return reply.code(201).send({ id });
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address() as { port: number };
  process.stdout.write(`PORT ${address.port} PID ${process.pid}\n`);
}

type Phase = "avant" | "pendant" | "après";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      serve: { type: "string" },
      workers: { type: "string", default: "8" },
      duration: { type: "string", default: "30" },
      "restart-at": { type: "string", default: "8" },
      cluster: { type: "string" },
    },
  });
  if (values.serve) return serve(values.serve);
  const workers = Number(values.workers);
  const durationMs = Number(values.duration) * 1000;
  const restartAtMs = Number(values["restart-at"]) * 1000;
  const cluster =
    values.cluster ??
    (() => {
      const line = execFileSync("pg_lsclusters", ["--no-header"], { encoding: "utf8" }).trim().split("\n")[0];
      const [version, name] = (line ?? "").split(/\s+/);
      return `${version}/${name}`;
    })();
  const [version, name] = cluster.split("/") as [string, string];

  const schema = `bench_restart_${randomBytes(4).toString("hex")}`;
  await admin(`create schema ${schema}`);
  const setup = await openDatabase({ url: DATABASE_URL, schema });
  await migrate(setup);
  await sql`create table bench_write (id bigint generated always as identity primary key, at timestamptz not null default now())`.execute(
    setup.db,
  );
  await setup.close();

  let child: ChildProcess | undefined;
  try {
    child = spawn(process.execPath, [import.meta.filename, "--serve", schema], {
      env: { ...process.env, DATABASE_URL },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let exited = false;
    child.on("exit", () => {
      exited = true;
    });
    let banner = "";
    const [port, pid] = await new Promise<[number, number]>((resolve, reject) => {
      child?.stdout?.on("data", (chunk: Buffer) => {
        banner += chunk.toString();
        const match = /PORT (\d+) PID (\d+)/.exec(banner);
        if (match) resolve([Number(match[1]), Number(match[2])]);
      });
      child?.on("exit", (code) => reject(new Error(`the app exited with ${code} before listening`)));
    });
    const base = `http://127.0.0.1:${port}`;

    const acknowledged: number[] = [];
    const counts: Record<Phase, Record<string, number>> = { avant: {}, pendant: {}, après: {} };
    let phase: Phase = "avant";
    let restartEnd = 0;
    let firstAckAfter = 0;
    const count = (what: string) => {
      counts[phase][what] = (counts[phase][what] ?? 0) + 1;
    };

    const started = Date.now();
    const restart = (async () => {
      await new Promise((resolve) => setTimeout(resolve, restartAtMs));
      phase = "pendant";
      const begin = Date.now();
      // Asynchronous: the workers keep sending while the server is down.
      const restarting = spawn("pg_ctlcluster", [version, name, "restart"], { stdio: "inherit" });
      const [code] = await once(restarting, "exit");
      if (code !== 0) throw new Error(`pg_ctlcluster ${version} ${name} restart: code ${code}`);
      restartEnd = Date.now();
      phase = "après";
      return restartEnd - begin;
    })();

    async function worker(): Promise<void> {
      while (Date.now() - started < durationMs) {
        try {
          const write = await fetch(`${base}/bench/ecriture`, {
            method: "POST",
            signal: AbortSignal.timeout(10_000),
          });
          count(String(write.status));
          if (write.status === 201) {
            acknowledged.push(((await write.json()) as { id: number }).id);
            if (phase === "après" && firstAckAfter === 0) firstAckAfter = Date.now();
          } else await write.arrayBuffer();
          const ready = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(10_000) });
          count(`readyz ${ready.status}`);
          await ready.arrayBuffer();
        } catch {
          count("erreur de connexion");
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    }
    await Promise.all(Array.from({ length: workers }, worker));
    const restartMs = await restart;

    const final = await fetch(`${base}/readyz`).then(
      (response) => response.status,
      () => 0,
    );
    const check = await openDatabase({ url: DATABASE_URL, schema });
    const { rows } = await sql<{ id: number }>`select id from bench_write`.execute(check.db);
    await check.close();
    const stored = new Set(rows.map((row) => row.id));
    const lost = acknowledged.filter((id) => !stored.has(id));

    console.log(
      `Redémarrage de PostgreSQL ${cluster} : ${restartMs} ms, à ${restartAtMs / 1000} s d'une boucle de ${durationMs / 1000} s, ${workers} clients.`,
    );
    for (const [when, byStatus] of Object.entries(counts)) {
      console.log(
        `  ${when.padEnd(8)} ${
          Object.entries(byStatus)
            .map(([status, n]) => `${status}: ${n}`)
            .join(", ") || "—"
        }`,
      );
    }
    console.log(
      `Première écriture acquittée après le redémarrage : ${firstAckAfter ? `${firstAckAfter - restartEnd} ms` : "aucune"}.`,
    );
    console.log(
      `Processus de l'application : ${exited ? "ARRÊTÉ" : `toujours le même (PID ${pid})`}, /readyz final : ${final}.`,
    );
    console.log(
      `Écritures acquittées : ${acknowledged.length} ; lignes trouvées : ${stored.size} ; perdues : ${lost.length}.`,
    );
    if (exited || final !== 200 || lost.length > 0 || firstAckAfter === 0) process.exitCode = 1;
  } finally {
    child?.kill("SIGTERM");
    if (child && child.exitCode === null) await once(child, "exit");
    await admin(`drop schema ${schema} cascade`).catch(() => {});
  }
}

await main();
