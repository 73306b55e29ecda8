/**
 * Loaded by `node --test --test-global-setup` (see package.json): the migrated PGlite image is made
 * (or found) once, before any test process starts, and its path reaches every test process through
 * the environment, so no process pays initdb + migrations of its own.
 */
import { migratedImageFile, PGLITE_IMAGE_ENV, pruneStaleImages } from "./helpers/database.ts";

export async function globalSetup(): Promise<void> {
  process.env[PGLITE_IMAGE_ENV] = await migratedImageFile();
  await pruneStaleImages();
}
