/**
 * `npm run bench:seed [-- --people N --workers W --runs R --keep-keys --skip-baseline]`: seeds N synthetic
 * people (default 200 000)
 * into a fresh schema of the PostgreSQL server of DATABASE_URL (default the local test database) and
 * prints the time, people/s, rows/s and database size; then, in the same run, the time of a plain COPY
 * of the very same rows (generated beforehand, not timed) into freshly migrated tables, keys and indexes
 * in place, and the ratio between the two. The 3-minute goal is for `--people 1000000`. `--keep-keys`
 * loads with keys and indexes in place instead of rebuilding them, to measure what the rebuild saves.
 */
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import copyStreams from "pg-copy-streams";
import { type Database, openDatabase } from "../src/platform/db.ts";
import { migrate } from "../src/platform/migrations.ts";
import { generatedRows, progressOnStderr, seedPopulation } from "../src/population/index.ts";
import { populationTables } from "../src/population/tables.ts";

const { values } = parseArgs({
  options: {
    people: { type: "string", default: "200000" },
    workers: { type: "string" },
    runs: { type: "string", default: "1" },
    seed: { type: "string", default: "20261121" },
    "keep-keys": { type: "boolean", default: false },
    "skip-baseline": { type: "boolean", default: false },
  },
});
const people = Number(values.people);
const runs = Number(values.runs);
const seed = Number(values.seed);
const workers = values.workers === undefined ? undefined : Number(values.workers);
const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
// A fixed day keeps every run on the same population.
const today = "2026-11-21";

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function withSchema<T>(fn: (database: Database, schema: string) => Promise<T>): Promise<T> {
  const schema = `bench_seed_${randomBytes(4).toString("hex")}`;
  await admin(`create schema ${schema}`);
  const database = await openDatabase({ url, schema });
  try {
    await migrate(database);
    return await fn(database, schema);
  } finally {
    await database.close();
    await admin(`drop schema ${schema} cascade`);
  }
}

async function schemaBytes(database: Database, schema: string): Promise<number> {
  return database.withConnection(async (connection) => {
    const [row] = await connection.query<{ size: number }>(
      `select coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint as size
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = $1 and c.relkind in ('r', 'm')`,
      [schema],
    );
    return Number(row?.size ?? 0);
  });
}

function median(list: number[]): number {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const format = (n: number) => Math.round(n).toLocaleString("fr-FR");

console.log(
  `Population de ${format(people)} personnes dans PostgreSQL (${new URL(url).host}), ${runs} essai(s).`,
);

const seedTimes: number[] = [];
const rebuildTimes: number[] = [];
let totalRows = 0;
let size = 0;
for (let run = 0; run < runs; run++) {
  await withSchema(async (database, schema) => {
    const result = await seedPopulation(database, {
      people,
      seed,
      today,
      onProgress: progressOnStderr(),
      rebuildKeys: !values["keep-keys"],
      ...(workers === undefined ? {} : { workers }),
    });
    seedTimes.push(result.elapsedMs);
    rebuildTimes.push(result.rebuildMs);
    totalRows = result.totalRows;
    size = await schemaBytes(database, schema);
  });
}
const seedMs = median(seedTimes);
console.log(
  `seed (génération comprise) : ${(seedMs / 1000).toFixed(1)} s — ${format((people * 1000) / seedMs)} personnes/s, ${format((totalRows * 1000) / seedMs)} lignes/s, ${format(totalRows)} lignes`,
);
console.log(
  `dont clés, index et statistiques reconstruits après les lignes : ${(median(rebuildTimes) / 1000).toFixed(1)} s`,
);
console.log(`taille de la base : ${(size / 2 ** 20).toFixed(0)} Mio`);

if (!values["skip-baseline"]) {
  // Baseline: the same rows, generated first (not timed), then one plain COPY per table.
  const byTable = new Map<string, Buffer[]>();
  for (const rows of generatedRows({ people, seed, today })) {
    const list = byTable.get(rows.table) ?? [];
    list.push(Buffer.from(rows.bytes.buffer, rows.bytes.byteOffset, rows.bytes.byteLength));
    byTable.set(rows.table, list);
  }
  const copyTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    await withSchema(async (database) => {
      const started = performance.now();
      await database.withConnection(async (connection) => {
        const client = connection.pgClient;
        if (!client) throw new Error("PostgreSQL attendu");
        await client.query("begin");
        for (const table of populationTables) {
          const statement = `copy ${table.name} (${table.columns.join(", ")}) from stdin`;
          await pipeline(
            Readable.from(byTable.get(table.name) ?? []),
            client.query(copyStreams.from(statement)),
          );
        }
        await client.query("commit");
      });
      copyTimes.push(performance.now() - started);
    });
  }
  const copyMs = median(copyTimes);

  console.log(
    `COPY simple des mêmes lignes (pré-générées) : ${(copyMs / 1000).toFixed(1)} s — ${format((totalRows * 1000) / copyMs)} lignes/s`,
  );
  console.log(`ratio seed / COPY simple : ${(seedMs / copyMs).toFixed(2)}`);
}
