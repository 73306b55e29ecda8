import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Database } from "./db.ts";

export const MIGRATIONS_DIR = join(import.meta.dirname, "..", "..", "migrations");

// Any fixed number: it names the lock that keeps two instances from migrating at once.
const MIGRATION_LOCK = 4_242_031;

/**
 * Applies, in file-name order and in one transaction, the SQL files of `migrations/` not yet
 * recorded in `schema_migration`. Returns the names applied.
 */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith(".sql")).sort();
  const scripts = await Promise.all(
    files.map(async (name) => ({ name, sql: await readFile(join(dir, name), "utf8") })),
  );
  return database.withConnection(async (connection) => {
    await connection.exec("begin");
    try {
      if (connection.engine === "postgres") {
        await connection.query("select pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
      }
      await connection.exec(
        "create table if not exists schema_migration (name text primary key, applied_at timestamptz not null default now())",
      );
      const done = new Set(
        (await connection.query<{ name: string }>("select name from schema_migration")).map(
          (row) => row.name,
        ),
      );
      const applied: string[] = [];
      for (const { name, sql } of scripts) {
        if (done.has(name)) continue;
        await connection.exec(sql);
        await connection.query("insert into schema_migration (name) values ($1)", [name]);
        applied.push(name);
      }
      await connection.exec("commit");
      return applied;
    } catch (error) {
      await connection.exec("rollback");
      throw error;
    }
  });
}
