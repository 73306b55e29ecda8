import { createHash } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  type PostgresPool,
  type PostgresPoolClient,
  PostgresQueryCompiler,
  type QueryResult,
  type Transaction,
} from "kysely";
import pg from "pg";
import { ConfigError } from "./config.ts";

/**
 * The database as the rest of the code sees it. Contexts type their own tables with
 * `db.withTables<TheirTables>()` in their store, so no module needs to know every table.
 */
// biome-ignore lint/complexity/noBannedTypes: the empty schema is the point: stores add their tables.
export type Db = Kysely<{}>;
// biome-ignore lint/complexity/noBannedTypes: see Db.
export type Tx = Transaction<{}>;
export type Engine = "pglite" | "postgres";

export interface Database {
  readonly engine: Engine;
  readonly db: Db;
  /** Runs a multi-statement SQL script (migrations, DDL) on one connection. */
  exec(script: string): Promise<void>;
  /** Runs `fn` with exclusive use of one raw connection (bulk loading, advisory locks). */
  withConnection<T>(fn: (connection: RawConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PGlite only: a copy of the data directory, to open identical databases quickly (tests). */
  dumpImage?(): Promise<Blob>;
}

/** The few raw operations bulk loading and migrations need, on one connection. */
export interface RawConnection {
  readonly engine: Engine;
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>;
  exec(script: string): Promise<void>;
  /** The pg client when on PostgreSQL (COPY streams); undefined on PGlite. */
  readonly pgClient: pg.PoolClient | undefined;
}

export function transaction<T>(database: { db: Db }, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return database.db.transaction().execute(fn);
}

// Both engines return the same JavaScript values: ids and amounts as numbers, calendar dates as
// "YYYY-MM-DD" strings (a Date would shift with the server's time zone), instants as Date.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const TIMESTAMPTZ = 1184;
const PARSERS: Record<number, (value: string) => unknown> = {
  [INT8]: Number,
  [NUMERIC]: Number,
  [DATE]: (value) => value,
  [TIMESTAMPTZ]: (value) => new Date(value),
};

export interface OpenOptions {
  /** PostgreSQL URL; without it, PGlite. */
  readonly url?: string | undefined;
  /** PGlite data directory; without it (and without url), an in-memory PGlite. */
  readonly dataDir?: string | undefined;
  /** PostgreSQL schema to work in (tests get a fresh one each). */
  readonly schema?: string | undefined;
  /** A PGlite data directory image (from `dumpImage`) to start from: a copy costs far less than initdb. */
  readonly pgliteImage?: Blob | undefined;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.url
    ? openPostgres(options.url, options.schema)
    : openPglite(options.dataDir, options.pgliteImage);
}

// ---------------------------------------------------------------- PostgreSQL

async function openPostgres(url: string, schema: string | undefined): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    // Names the connections in pg_stat_activity (tests and operators can find an instance's own).
    application_name: schema ? `parcours:${schema}` : "parcours",
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        PARSERS[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  pool.on("error", () => {
    // An idle client lost its server; the pool drops it and the next query opens a new one.
  });
  // A client checked out of the pool has no listener of the pool's: when its server goes away (a
  // restart, a failover, pg_terminate_backend) it emits 'error', which without a listener kills the
  // process. Every client gets one for its whole life: the failure still reaches the query that was
  // running (its promise rejects), the pool discards the broken client at release, and service resumes
  // with new connections once the server is back.
  pool.on("connect", (client) => {
    client.on("error", () => {});
  });
  try {
    await pool.query("select 1");
  } catch (error) {
    await pool.end().catch(() => {});
    throw new ConfigError(describeConnectionError(url, error));
  }
  const db = new Kysely<object>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) }) as Db;
  return {
    engine: "postgres",
    db,
    async exec(script) {
      await pool.query(script);
    },
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn({
          engine: "postgres",
          pgClient: client,
          async query(text, params) {
            return (await client.query(text, params as unknown[])).rows;
          },
          async exec(script) {
            await client.query(script);
          },
        });
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

/**
 * Kysely's queries as named (prepared) statements: PostgreSQL parses and plans a query text once per
 * connection instead of at every request, which is most of its work for the small reads of a page.
 * The name is a hash of the text, so one text always has one name. (A transaction-pooling proxy such
 * as PgBouncer in transaction mode would need this turned off.)
 */
function preparingPool(pool: pg.Pool): PostgresPool {
  return {
    async connect() {
      const client = await pool.connect();
      return {
        // Kysely streams no rows here (no cursor is configured): only the (text, values) form is used.
        query: ((text: string, values: readonly unknown[]) =>
          values.length === 0
            ? client.query(text)
            : client.query({
                name: statementName(text),
                text,
                values: [...values],
              })) as unknown as PostgresPoolClient["query"],
        release: () => client.release(),
      };
    },
    end: () => pool.end(),
  };
}

const STATEMENT_NAMES = new Map<string, string>();
function statementName(text: string): string {
  let name = STATEMENT_NAMES.get(text);
  if (!name) {
    name = `k${createHash("sha1").update(text).digest("hex")}`;
    STATEMENT_NAMES.set(text, name);
  }
  return name;
}

const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  // admin_shutdown, crash_shutdown, cannot_connect_now: the server is stopping or starting.
  "57P01",
  "57P02",
  "57P03",
]);
const UNAVAILABLE_MESSAGES =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed and is not queryable)/;

/**
 * Whether an error means the database cannot be reached right now (as opposed to a bug or a refused
 * statement): the request gets "service unavailable, try again", not "internal error".
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    const { code, message } = cause as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) return true;
    if (typeof message === "string" && UNAVAILABLE_MESSAGES.test(message)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

function describeConnectionError(url: string, error: unknown): string {
  const where = safeLocation(url);
  const code = (error as { code?: string }).code;
  switch (code) {
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EHOSTUNREACH":
    case "ETIMEDOUT":
      return `La base PostgreSQL de DATABASE_URL (${where}) ne répond pas : vérifiez qu'elle est démarrée et que l'adresse est juste.`;
    case "3D000":
      return `La base indiquée dans DATABASE_URL (${where}) n'existe pas : créez-la ou corrigez son nom.`;
    case "28P01":
    case "28000":
      return `PostgreSQL refuse la connexion (${where}) : vérifiez l'utilisateur et le mot de passe de DATABASE_URL.`;
    default: {
      const reason = error instanceof Error ? error.message : String(error);
      return `Connexion impossible à la base de DATABASE_URL (${where}) : ${reason}.`;
    }
  }
}

/** host:port/database, never the password. */
function safeLocation(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
}

// ---------------------------------------------------------------- PGlite

/** PGlite is one in-process connection: every user takes turns through this lock. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.#tail;
    this.#tail = previous.then(() => held);
    return previous.then(() => release);
  }
}

async function openPglite(dataDir: string | undefined, image: Blob | undefined): Promise<Database> {
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(image ? { loadDataDir: image } : {}),
      parsers: PARSERS,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(
      `La base embarquée (${dataDir ?? "en mémoire"}) ne peut pas être ouverte : ${reason}. Vérifiez PARCOURS_DATA_DIR.`,
    );
  }
  const mutex = new Mutex();
  const connection: DatabaseConnection = {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      const result = await pglite.query<R>(query.sql, query.parameters as unknown[]);
      return {
        rows: result.rows,
        ...(result.affectedRows !== undefined ? { numAffectedRows: BigInt(result.affectedRows) } : {}),
      };
    },
    // biome-ignore lint/correctness/useYield: PGlite has no cursors; streaming is refused explicitly.
    async *streamQuery() {
      throw new Error("Le streaming de requêtes n'est pas disponible sur la base embarquée.");
    },
  };
  let release: (() => void) | undefined;
  const driver: Driver = {
    async init() {},
    async acquireConnection() {
      release = await mutex.acquire();
      return connection;
    },
    async beginTransaction(conn) {
      await conn.executeQuery({ sql: "begin", parameters: [] } as unknown as CompiledQuery);
    },
    async commitTransaction(conn) {
      await conn.executeQuery({ sql: "commit", parameters: [] } as unknown as CompiledQuery);
    },
    async rollbackTransaction(conn) {
      await conn.executeQuery({ sql: "rollback", parameters: [] } as unknown as CompiledQuery);
    },
    async releaseConnection() {
      release?.();
      release = undefined;
    },
    async destroy() {
      if (!pglite.closed) await pglite.close();
    },
  };
  const db = new Kysely<object>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  }) as Db;
  const raw: RawConnection = {
    engine: "pglite",
    pgClient: undefined,
    async query(text, params) {
      return (await pglite.query(text, params as unknown[])).rows as never[];
    },
    async exec(script) {
      await pglite.exec(script);
    },
  };
  return {
    engine: "pglite",
    db,
    async dumpImage() {
      const done = await mutex.acquire();
      try {
        return await pglite.dumpDataDir("none");
      } finally {
        done();
      }
    },
    async exec(script) {
      const done = await mutex.acquire();
      try {
        await pglite.exec(script);
      } finally {
        done();
      }
    },
    async withConnection(fn) {
      const done = await mutex.acquire();
      try {
        return await fn(raw);
      } finally {
        done();
      }
    },
    async close() {
      // Kysely destroys only a driver it has used; raw connections may have been the only users.
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
