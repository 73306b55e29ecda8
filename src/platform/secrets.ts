import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { type Config, ConfigError } from "./config.ts";
import type { Database } from "./db.ts";

export interface Secrets {
  /** Key of the HMACs that bind CSRF tokens to a session. */
  readonly signingKey: Buffer;
  /** Previous application secrets (PARCOURS_SECRET_PREVIOUS): they only open values sealed before a rotation. */
  readonly previousKeys?: readonly Buffer[];
}

/**
 * PARCOURS_SECRET when set (required in production); otherwise a key generated on first start and
 * kept in the database, so restarts and side-by-side instances share it and nothing lands in the repo.
 */
export async function loadSecrets(
  config: Pick<Config, "mode" | "secret" | "previousSecrets">,
  database: Database,
): Promise<Secrets> {
  const previousKeys = (config.previousSecrets ?? []).map((value) => Buffer.from(value, "utf8"));
  if (config.secret) return { signingKey: Buffer.from(config.secret, "utf8"), previousKeys };
  if (config.mode === "production") {
    throw new ConfigError(
      "PARCOURS_SECRET est obligatoire en production : indiquez au moins 32 caractères aléatoires.",
    );
  }
  const candidate = randomBytes(32).toString("base64url");
  await sql`insert into app_secret (name, value) values ('signing_key', ${candidate}) on conflict (name) do nothing`.execute(
    database.db,
  );
  const { rows } = await sql<{
    value: string;
  }>`select value from app_secret where name = 'signing_key'`.execute(database.db);
  return { signingKey: Buffer.from((rows[0] as { value: string }).value, "utf8"), previousKeys };
}
