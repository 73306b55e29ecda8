import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, type Engine, openDatabase } from "../../src/platform/db.ts";
import { migrate } from "../../src/platform/migrations.ts";

/** PGlite always; PostgreSQL too whenever DATABASE_URL is set (CI sets it). */
export const testEngines: readonly Engine[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

export interface TestDatabase extends Database {
  /** The PostgreSQL schema this test owns (undefined on PGlite). */
  readonly schema: string | undefined;
}

let migratedImage: Promise<Blob> | undefined;

/** initdb + migrations once per test process; every test then starts from a copy of the result. */
function pgliteImage(): Promise<Blob> {
  migratedImage ??= (async () => {
    const template = await openDatabase({});
    await migrate(template);
    const image = await (template.dumpImage as () => Promise<Blob>)();
    await template.close();
    return image;
  })();
  return migratedImage;
}

/**
 * A fresh, migrated database that belongs to one test: an in-memory PGlite, or a new schema on the
 * PostgreSQL server of DATABASE_URL, dropped on close.
 */
export async function openTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === "pglite") {
    const database = await openDatabase({ pgliteImage: await pgliteImage() });
    return Object.assign(database, { schema: undefined });
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is required for PostgreSQL tests");
  const schema = `test_${randomBytes(6).toString("hex")}`;
  await adminQuery(url, `create schema ${schema}`);
  const database = await openDatabase({ url, schema });
  await migrate(database);
  return {
    ...database,
    schema,
    async close() {
      await database.close();
      await adminQuery(url, `drop schema ${schema} cascade`);
    },
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
