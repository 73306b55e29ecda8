import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type Database, type Engine, openDatabase } from "../../src/platform/db.ts";
import { MIGRATIONS_DIR, migrate } from "../../src/platform/migrations.ts";

/** PGlite always; PostgreSQL too whenever DATABASE_URL is set (CI sets it). */
export const testEngines: readonly Engine[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

export interface TestDatabase extends Database {
  /** The PostgreSQL schema this test owns (undefined on PGlite). */
  readonly schema: string | undefined;
}

/** Set by test/global-setup.ts: the migrated image the whole run shares. */
export const PGLITE_IMAGE_ENV = "PARCOURS_TEST_PGLITE_IMAGE";

const IMAGE_PREFIX = "parcours-test-pglite-";
/** Images of other source trees (other branches, older migrations) unused this long are removed. */
const STALE_IMAGE_MS = 3 * 24 * 3600 * 1000;

/**
 * Everything the migrated data directory depends on: the PGlite release (its on-disk format), the
 * migration runner and every migration, by name and content. Any change gives another image.
 */
async function imageKey(): Promise<string> {
  const hash = createHash("sha256");
  const pgliteManifest = new URL("../package.json", import.meta.resolve("@electric-sql/pglite"));
  hash.update(JSON.parse(await readFile(pgliteManifest, "utf8")).version);
  hash.update(await readFile(new URL("../../src/platform/migrations.ts", import.meta.url)));
  const files = (await readdir(MIGRATIONS_DIR)).filter((name) => name.endsWith(".sql")).sort();
  for (const name of files) hash.update(`\0${name}\0`).update(await readFile(join(MIGRATIONS_DIR, name)));
  return hash.digest("hex").slice(0, 16);
}

async function buildImage(): Promise<Blob> {
  const template = await openDatabase({});
  await migrate(template);
  const image = await (template.dumpImage as () => Promise<Blob>)();
  await template.close();
  return image;
}

/**
 * The path of the migrated PGlite image of this source tree, built (initdb + migrations, seconds)
 * only when no run has built it yet. Written under a temporary name then renamed, so a process that
 * reads it never sees half a file, even when two runs build it at once.
 */
export async function migratedImageFile(): Promise<string> {
  const path = join(tmpdir(), `${IMAGE_PREFIX}${await imageKey()}.tar`);
  if (existsSync(path)) {
    const now = new Date();
    await utimes(path, now, now);
    return path;
  }
  const partial = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
  await writeFile(partial, Buffer.from(await (await buildImage()).arrayBuffer()));
  await rename(partial, path);
  return path;
}

/** Removes the images no run has used for days (each is ~40 MB). */
export async function pruneStaleImages(): Promise<void> {
  const directory = tmpdir();
  for (const name of await readdir(directory)) {
    if (!name.startsWith(IMAGE_PREFIX)) continue;
    const path = join(directory, name);
    const info = await stat(path).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > STALE_IMAGE_MS) await rm(path, { force: true });
  }
}

let migratedImage: Promise<Blob> | undefined;

/**
 * The migrated image, read once per test process: the run's shared file when the global setup made
 * one, else this tree's cached file (a test file run alone), built here if missing.
 */
function pgliteImage(): Promise<Blob> {
  migratedImage ??= (async () => {
    const path = process.env[PGLITE_IMAGE_ENV] ?? (await migratedImageFile());
    return new Blob([await readFile(path)]);
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
