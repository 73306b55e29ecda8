/**
 * Loads a generated population in one transaction: COPY (text format) on PostgreSQL, multi-row INSERTs on
 * PGlite. When the population tables are empty, their keys, foreign keys and indexes are dropped for the
 * load and rebuilt once at the end (a sorted build is far cheaper than row-by-row maintenance), and on
 * PostgreSQL the rows are written already frozen (COPY FREEZE after TRUNCATE in the same transaction).
 */
import { createHash, type Hash } from "node:crypto";
import { availableParallelism } from "node:os";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Worker } from "node:worker_threads";
import copyStreams from "pg-copy-streams";
import type { Database, RawConnection } from "../platform/db.ts";
import { parseIsoDate } from "./calendar.ts";
import type { Chunk, GeneratorConfig, IdBases } from "./generator.ts";
import {
  assignOrderNumbers,
  FIRST_RESERVED_ORDER,
  generateEmployers,
  PopulationGenerator,
} from "./generator.ts";
import type { SeedProgress } from "./progress.ts";
import type { TableName, TableRows } from "./tables.ts";
import { identityTables, populationTables, tableNames } from "./tables.ts";
import type { SliceRequest } from "./worker.ts";

export interface SeedOptions {
  readonly people: number;
  readonly seed: number;
  /** "Today" as YYYY-MM-DD: ages, retirements and payments are relative to it. Default: today in Paris. */
  readonly today?: string;
  /** Worker threads generating rows; 0 generates in this thread. Default: one per spare core, at most 2. */
  readonly workers?: number;
  /** People per slice handed to a worker and loaded at once. */
  readonly chunkSize?: number;
  /**
   * Drop keys and indexes of empty tables for the load and rebuild them after (default). False loads with
   * them in place: slower, kept so the benchmark can measure the difference.
   */
  readonly rebuildKeys?: boolean;
  readonly onProgress?: (progress: SeedProgress) => void;
}

export interface SeedResult {
  readonly people: number;
  readonly rows: Readonly<Record<TableName, number>>;
  readonly totalRows: number;
  readonly elapsedMs: number;
  /** Part of `elapsedMs` spent rebuilding keys and indexes and analysing the tables after the rows. */
  readonly rebuildMs: number;
  /** SHA-256 of the generated rows, table by table: equal for equal seeds, people and today. */
  readonly checksum: string;
}

export class PopulationError extends Error {
  override readonly name = "PopulationError";
}

/** Today's date in France, where the scheme's ages and dates are counted. */
export function todayInParis(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
}

const GENERATED_ORDER_BELOW = String(FIRST_RESERVED_ORDER);

async function generatedPeople(connection: RawConnection): Promise<number> {
  const [row] = await connection.query<{ n: number }>(
    "select count(*)::int as n from insured where substr(nir, 11, 3) < $1",
    [GENERATED_ORDER_BELOW],
  );
  return row?.n ?? 0;
}

/** Number of generated people in the database (demo personas excluded). */
export async function populationSize(database: Database): Promise<number> {
  return database.withConnection(generatedPeople);
}

// Any fixed number: it names the lock that keeps two instances from seeding the same database at once.
const SEED_LOCK = 4_242_032;

/** Per-table hashes, combined at the end: the checksum does not depend on how rows were sliced. */
class PopulationHash {
  readonly #hashes = new Map<TableName, Hash>(tableNames.map((name) => [name, createHash("sha256")]));

  add(rows: TableRows): void {
    this.#hashes.get(rows.table)?.update(rows.bytes);
  }

  digest(): string {
    const all = createHash("sha256");
    for (const name of tableNames) all.update(`${name}:${this.#hashes.get(name)?.digest("hex")}\n`);
    return all.digest("hex");
  }
}

// ---------------------------------------------------------------- slices

interface SliceSource {
  next(): Promise<Chunk | undefined>;
  close(): Promise<void>;
}

function slices(people: number, chunkSize: number): { first: number; count: number }[] {
  const list: { first: number; count: number }[] = [];
  for (let first = 0; first < people; first += chunkSize)
    list.push({ first, count: Math.min(chunkSize, people - first) });
  return list;
}

function inThread(config: GeneratorConfig, orders: Uint16Array, chunkSize: number): SliceSource {
  const generator = new PopulationGenerator(config);
  const pending = slices(config.people, chunkSize);
  return {
    async next() {
      const slice = pending.shift();
      if (!slice) return undefined;
      // Let I/O (the previous COPY, progress output) run between slices.
      await new Promise((resolve) => setImmediate(resolve));
      return generator.generate(
        slice.first,
        slice.count,
        orders.subarray(slice.first, slice.first + slice.count),
      );
    },
    async close() {},
  };
}

/** Slices generated by worker threads, several in flight, returned in order. */
function inWorkers(
  config: GeneratorConfig,
  orders: Uint16Array,
  chunkSize: number,
  count: number,
): SliceSource {
  const workers = Array.from(
    { length: count },
    () => new Worker(new URL("./worker.ts", import.meta.url), { workerData: config }),
  );
  // Each worker answers its requests in order: one queue of waiting promises per worker.
  const waiting = workers.map(
    () => [] as { resolve: (chunk: Chunk) => void; reject: (error: Error) => void }[],
  );
  workers.forEach((worker, index) => {
    const queue = waiting[index] ?? [];
    worker.on("message", (chunk: Chunk) => queue.shift()?.resolve(chunk));
    worker.on("error", (error) => {
      for (const pending of queue.splice(0)) pending.reject(error);
    });
  });
  const pending = slices(config.people, chunkSize);
  const results: Promise<Chunk>[] = [];
  let dispatched = 0;
  const dispatch = () => {
    const slice = pending.shift();
    if (!slice) return;
    const index = dispatched++ % workers.length;
    results.push(new Promise<Chunk>((resolve, reject) => waiting[index]?.push({ resolve, reject })));
    const request: SliceRequest = {
      first: slice.first,
      count: slice.count,
      orders: orders.slice(slice.first, slice.first + slice.count),
    };
    workers[index]?.postMessage(request);
  };
  // Two slices per worker in flight: one being generated, one waiting to be loaded.
  for (let i = 0; i < workers.length * 2; i++) dispatch();
  return {
    async next() {
      const result = results.shift();
      if (!result) return undefined;
      const chunk = await result;
      dispatch();
      return chunk;
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

// ---------------------------------------------------------------- writing rows

const columnLists = new Map<TableName, string>(
  populationTables.map((table) => [table.name, table.columns.join(", ")]),
);

async function copyRows(connection: RawConnection, rows: TableRows, freeze: boolean): Promise<void> {
  if (rows.rows === 0) return;
  const client = connection.pgClient;
  if (!client) throw new Error("COPY needs a PostgreSQL connection");
  const statement = `copy ${rows.table} (${columnLists.get(rows.table)}) from stdin${freeze ? " with (freeze)" : ""}`;
  const bytes = Buffer.from(rows.bytes.buffer, rows.bytes.byteOffset, rows.bytes.byteLength);
  await pipeline(Readable.from([bytes]), client.query(copyStreams.from(statement)));
}

/** One COPY text field as an SQL literal: the column's type converts it, as COPY would. */
function literal(field: string): string {
  if (field === "\\N") return "null";
  const text = field.includes("\\")
    ? field.replace(/\\(.)/g, (_, c: string) => (c === "t" ? "\t" : c === "n" ? "\n" : c === "r" ? "\r" : c))
    : field;
  return `'${text.replaceAll("'", "''")}'`;
}

// Larger statements amortise PGlite's per-statement cost: 10 000 rows load about 1.4 times faster than 1 000.
const INSERT_BATCH = 10_000;
const decoder = new TextDecoder();

export async function insertRows(connection: RawConnection, rows: TableRows): Promise<void> {
  if (rows.rows === 0) return;
  const lines = decoder.decode(rows.bytes).split("\n");
  lines.pop();
  const head = `insert into ${rows.table} (${columnLists.get(rows.table)}) values `;
  for (let start = 0; start < lines.length; start += INSERT_BATCH) {
    const values = lines
      .slice(start, start + INSERT_BATCH)
      .map((line) => `(${line.split("\t").map(literal).join(",")})`);
    await connection.exec(head + values.join(","));
  }
}

// ---------------------------------------------------------------- keys and indexes

interface Rebuild {
  readonly drop: string[];
  readonly create: string[];
}

/**
 * Every key, unique constraint, foreign key and index on the population tables (and foreign keys from
 * other tables to them), as statements to drop them now and recreate them after the load.
 */
async function keysAndIndexes(connection: RawConnection): Promise<Rebuild> {
  const names = [...tableNames];
  const constraints = await connection.query<{ tbl: string; name: string; kind: string; def: string }>(
    `select c.conrelid::regclass::text as tbl, c.conname as name, c.contype as kind,
            pg_get_constraintdef(c.oid) as def
       from pg_constraint c
       join pg_class t on t.oid = c.conrelid
       left join pg_class r on r.oid = c.confrelid
      where t.relnamespace = current_schema()::regnamespace
        and c.contype in ('p', 'u', 'f')
        and (t.relname = any($1) or r.relname = any($1))`,
    [names],
  );
  const indexes = await connection.query<{ name: string; def: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
       from pg_index i
       join pg_class t on t.oid = i.indrelid
      where t.relnamespace = current_schema()::regnamespace
        and t.relname = any($1)
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.contype in ('p', 'u', 'x'))`,
    [names],
  );
  const foreign = constraints.filter((c) => c.kind === "f");
  const keys = constraints.filter((c) => c.kind !== "f");
  const dropConstraint = (c: { tbl: string; name: string }) =>
    `alter table ${c.tbl} drop constraint "${c.name}"`;
  const addConstraint = (c: { tbl: string; name: string; def: string }) =>
    `alter table ${c.tbl} add constraint "${c.name}" ${c.def}`;
  return {
    drop: [
      ...foreign.map(dropConstraint),
      ...keys.map(dropConstraint),
      ...indexes.map((i) => `drop index ${i.name}`),
    ],
    create: [...keys.map(addConstraint), ...indexes.map((i) => i.def), ...foreign.map(addConstraint)],
  };
}

async function isEmpty(connection: RawConnection): Promise<boolean> {
  const checks = tableNames.map((name) => `select 1 from ${name}`).join(" union all ");
  const rows = await connection.query(`select exists (${checks}) as found`);
  return rows[0]?.found === false;
}

async function idBases(connection: RawConnection): Promise<IdBases> {
  const [row] = await connection.query<Record<string, number>>(
    `select (select coalesce(max(id), 0) from insured)::bigint as insured,
            (select coalesce(max(id), 0) from child)::bigint as child,
            (select coalesce(max(id), 0) from partnership)::bigint as partnership,
            (select coalesce(max(id), 0) from representative_mandate)::bigint as mandate,
            (select coalesce(max(id), 0) from employer)::bigint as employer`,
  );
  return {
    insured: Number(row?.insured ?? 0),
    child: Number(row?.child ?? 0),
    partnership: Number(row?.partnership ?? 0),
    mandate: Number(row?.mandate ?? 0),
    employer: Number(row?.employer ?? 0),
  };
}

function defaultWorkers(people: number): number {
  // Workers pay off only for large populations; one core stays free for the database.
  return people < 50_000 ? 0 : Math.max(1, Math.min(2, availableParallelism() - 1));
}

// ---------------------------------------------------------------- seeding

/**
 * Adds `people` synthetic people (with careers, families, pensions and payments) to a database that has
 * no generated population yet (demo personas may already be there). All or nothing: one transaction.
 */
export async function seedPopulation(database: Database, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const people = options.people;
  if (!Number.isSafeInteger(people) || people < 1) {
    throw new PopulationError("Le nombre de personnes doit être un entier positif.");
  }
  const seed = options.seed | 0;
  const today = parseIsoDate(options.today ?? todayInParis());
  const chunkSize = options.chunkSize ?? Math.min(20_000, Math.max(1_000, Math.ceil(people / 20)));
  const rows = Object.fromEntries(tableNames.map((name) => [name, 0])) as Record<TableName, number>;
  const hash = new PopulationHash();
  let rebuildStarted = 0;
  return database.withConnection(async (connection) => {
    const postgres = connection.engine === "postgres";
    await connection.exec("begin");
    try {
      if (postgres) await connection.query("select pg_advisory_xact_lock($1)", [SEED_LOCK]);
      if ((await generatedPeople(connection)) > 0) {
        throw new PopulationError(
          "La base contient déjà une population synthétique : repartez d'une base vide pour en créer une autre.",
        );
      }
      if (postgres) {
        // Index builds sort in memory; the load is one transaction whose durability matters only at commit.
        await connection.exec("set local maintenance_work_mem = '512MB'; set local synchronous_commit = off");
      }
      const fast = options.rebuildKeys !== false && (await isEmpty(connection));
      const config: GeneratorConfig = { seed, people, today, ids: await idBases(connection) };
      let rebuild: Rebuild = { drop: [], create: [] };
      if (fast) {
        rebuild = await keysAndIndexes(connection);
        for (const statement of rebuild.drop) await connection.exec(statement);
        // Foreign keys are gone, so these tables can be truncated alone (they are empty anyway).
        if (postgres) await connection.exec(`truncate ${tableNames.join(", ")}`);
      }
      const write = async (table: TableRows) => {
        hash.add(table);
        rows[table.table] += table.rows;
        if (postgres) await copyRows(connection, table, fast);
        else await insertRows(connection, table);
      };
      await write(generateEmployers(config));
      const orders = assignOrderNumbers(config);
      const workers = options.workers ?? defaultWorkers(people);
      const source =
        workers > 0 ? inWorkers(config, orders, chunkSize, workers) : inThread(config, orders, chunkSize);
      try {
        let done = 0;
        for (let chunk = await source.next(); chunk; chunk = await source.next()) {
          for (const table of chunk.tables) await write(table);
          done += chunk.count;
          options.onProgress?.({ done, total: people, elapsedMs: performance.now() - started });
        }
      } finally {
        await source.close();
      }
      rebuildStarted = performance.now();
      for (const statement of rebuild.create) await connection.exec(statement);
      for (const table of identityTables) {
        await connection.query(
          `select setval(pg_get_serial_sequence('${table}', 'id'), coalesce(max(id), 0) + 1, false) from ${table}`,
        );
      }
      await connection.exec("commit");
    } catch (error) {
      await connection.exec("rollback");
      throw error;
    }
    if (postgres) await connection.exec(`analyze ${tableNames.join(", ")}`);
    const totalRows = Object.values(rows).reduce((sum, n) => sum + n, 0);
    const ended = performance.now();
    return {
      people,
      rows,
      totalRows,
      elapsedMs: ended - started,
      rebuildMs: ended - rebuildStarted,
      checksum: hash.digest(),
    };
  });
}

/**
 * Every generated table's rows, slice by slice, in this thread and without a database: the same rows
 * `seedPopulation` loads into an empty database for these options.
 */
export function* generatedRows(options: {
  people: number;
  seed: number;
  today: string;
}): Generator<TableRows> {
  const config: GeneratorConfig = {
    seed: options.seed | 0,
    people: options.people,
    today: parseIsoDate(options.today),
    ids: { insured: 0, child: 0, partnership: 0, mandate: 0, employer: 0 },
  };
  yield generateEmployers(config);
  const orders = assignOrderNumbers(config);
  const generator = new PopulationGenerator(config);
  for (const slice of slices(options.people, 10_000)) {
    yield* generator.generate(
      slice.first,
      slice.count,
      orders.subarray(slice.first, slice.first + slice.count),
    ).tables;
  }
}

/** The checksum `seedPopulation` would report, computed without a database. */
export function populationChecksum(options: { people: number; seed: number; today: string }): string {
  const hash = new PopulationHash();
  for (const rows of generatedRows(options)) hash.add(rows);
  return hash.digest();
}
