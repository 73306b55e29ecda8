import { resolve } from "node:path";

/** Every setting Parcours reads, all from the environment (README "Configuration"). */
export interface Config {
  readonly host: string;
  readonly port: number;
  /** PostgreSQL connection string; absent means the embedded PGlite database under `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly mode: "production" | "development";
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Size and seed of the synthetic population created on the first start of an empty database. */
  readonly seedPeople: number;
  readonly seedValue: number;
  readonly publicUrl: string;
  /** Signing secret; generated and kept in the database when absent, except in production. */
  readonly secret: string | undefined;
  /** Earlier signing secrets (PARCOURS_SECRET_PREVIOUS), kept only to open values sealed before a rotation. */
  readonly previousSecrets?: readonly string[];
  /** smtp://user:password@host:port — without it, mails stay in the outbox shown at /dev/courriels. */
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** FranceConnect v2 client; absent: the FranceConnect button is not offered. */
  readonly franceConnect: FranceConnectConfig | undefined;
  /** Where uploaded proofs are kept: outside the served tree, files named at random. */
  readonly uploadsDir: string;
  /** clamd address (a Unix socket path, or host:port); absent, uploads are not virus-scanned. */
  readonly clamd: string | undefined;
}

export interface FranceConnectConfig {
  /** Issuer URL, e.g. https://fcp-low.sbx.dev-franceconnect.fr/api/v2 for the integration platform. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** A configuration mistake the operator must fix; printed as one line, never as a stack. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(
      `${name}="${raw}" n'est pas valide : indiquez un nombre entier entre ${min} et ${max}.`,
    );
  }
  return Number(raw);
}

function oneOf<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name}="${raw}" n'est pas valide : valeurs possibles ${allowed.join(", ")}.`);
  }
  return raw as T;
}

function databaseUrl(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === "") return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      "DATABASE_URL n'est pas une adresse valide : attendu postgres://utilisateur@hôte:port/base.",
    );
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new ConfigError(`DATABASE_URL doit commencer par postgres:// (reçu « ${url.protocol}// »).`);
  }
  return raw;
}

/** Bits of entropy a string shows by its own character frequencies (an upper bound for a human choice). */
export function estimatedEntropyBits(value: string): number {
  const characters = [...value];
  const counts = new Map<string, number>();
  for (const character of characters) counts.set(character, (counts.get(character) ?? 0) + 1);
  let perCharacter = 0;
  for (const count of counts.values()) {
    const p = count / characters.length;
    perCharacter -= p * Math.log2(p);
  }
  return perCharacter * characters.length;
}

/** What production asks of PARCOURS_SECRET: 32 characters and at least this much apparent entropy. */
export const MIN_SECRET_BITS = 100;

function secret(env: NodeJS.ProcessEnv, mode: Config["mode"]): string | undefined {
  const raw = env.PARCOURS_SECRET;
  if (raw === undefined || raw === "") return undefined;
  if (raw.length < 32)
    throw new ConfigError("PARCOURS_SECRET est trop court : indiquez au moins 32 caractères aléatoires.");
  if (mode === "production" && estimatedEntropyBits(raw) < MIN_SECRET_BITS)
    throw new ConfigError(
      "PARCOURS_SECRET est trop prévisible (caractères répétés ou trop peu variés) : générez-le, par exemple avec « openssl rand -base64 32 ».",
    );
  return raw;
}

function previousSecrets(env: NodeJS.ProcessEnv): string[] {
  const raw = env.PARCOURS_SECRET_PREVIOUS;
  if (raw === undefined || raw === "") return [];
  return raw.split(",").map((value, index) => {
    if (value.length < 32)
      throw new ConfigError(
        `PARCOURS_SECRET_PREVIOUS : le secret n° ${index + 1} est trop court (32 caractères au moins, séparés par des virgules).`,
      );
    return value;
  });
}

function smtpUrl(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.SMTP_URL;
  if (raw === undefined || raw === "") return undefined;
  if (!/^smtps?:\/\/[^/]+/.test(raw)) {
    throw new ConfigError("SMTP_URL n'est pas valide : attendu smtp://utilisateur:motdepasse@hôte:port.");
  }
  return raw;
}

function franceConnect(env: NodeJS.ProcessEnv): FranceConnectConfig | undefined {
  const issuer = env.FRANCECONNECT_ISSUER;
  const clientId = env.FRANCECONNECT_CLIENT_ID;
  const clientSecret = env.FRANCECONNECT_CLIENT_SECRET;
  if (!issuer && !clientId && !clientSecret) return undefined;
  if (!issuer || !clientId || !clientSecret) {
    throw new ConfigError(
      "FranceConnect est partiellement configuré : indiquez FRANCECONNECT_ISSUER, FRANCECONNECT_CLIENT_ID et FRANCECONNECT_CLIENT_SECRET ensemble.",
    );
  }
  try {
    new URL(issuer);
  } catch {
    throw new ConfigError(`FRANCECONNECT_ISSUER="${issuer}" n'est pas une adresse valide.`);
  }
  return { issuer, clientId, clientSecret };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const host = env.HOST || "127.0.0.1";
  const port = integer(env, "PORT", 3000, 0, 65535);
  const dataDir = resolve(env.PARCOURS_DATA_DIR || "data");
  const mode = oneOf(env, "PARCOURS_MODE", ["production", "development"], "development");
  return {
    host,
    port,
    databaseUrl: databaseUrl(env),
    dataDir,
    mode,
    logLevel: oneOf(env, "LOG_LEVEL", LOG_LEVELS, "info"),
    // Production starts empty: a synthetic population only when asked for explicitly (and never accounts).
    seedPeople: integer(env, "PARCOURS_SEED_PEOPLE", mode === "production" ? 0 : 20000, 0, 50_000_000),
    seedValue: integer(env, "PARCOURS_SEED", 1, 0, 2 ** 31 - 1),
    publicUrl: env.PUBLIC_URL || `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`,
    secret: secret(env, mode),
    previousSecrets: previousSecrets(env),
    smtpUrl: smtpUrl(env),
    mailFrom: env.MAIL_FROM || "Parcours - l'Assurance retraite <ne-pas-repondre@parcours.test>",
    franceConnect: franceConnect(env),
    uploadsDir: resolve(env.PARCOURS_UPLOADS_DIR || resolve(dataDir, "uploads")),
    clamd: env.CLAMD_ADDRESS || undefined,
  };
}
