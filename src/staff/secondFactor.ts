import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";

/**
 * The staff second factor: time-based one-time codes (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps,
 * one step of clock drift allowed either way), and the encryption of the shared secrets at rest.
 */

const ISSUER = "Parcours - Assurance retraite";
const PERIOD_SECONDS = 30;
const DIGITS = 6;

function totp(secret: string, label: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: DIGITS,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** A new random secret (160 bits, the size RFC 4226 recommends), in base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// address an authenticator application reads to add the account. */
export function totpUri(secret: string, email: string): string {
  return totp(secret, email).toString();
}

/** The secret in groups of four characters, easier to type into an application by hand. */
export function groupedSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

/** A code as typed, without the spaces some applications show in the middle. */
export function normalizeCode(code: string): string {
  return code.replace(/\s/g, "");
}

/**
 * The time step a code belongs to when it is valid at `now` (current step, or the one before or
 * after), else null. Callers accept a step only once: that is what refuses a replayed code.
 */
export function acceptedStep(secret: string, code: string, now: Date): number | null {
  if (!new RegExp(`^\\d{${DIGITS}}$`).test(code)) return null;
  const generator = totp(secret, "");
  const delta = generator.validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : generator.counter({ timestamp: now.getTime() }) + delta;
}

/** Seals and opens short secrets with AES-256-GCM under keys derived from the application secrets. */
export interface SecretBox {
  /** Sealed with the current key. */
  seal(plain: string): string;
  /** Opened with the current key or a previous one; throws UnreadableSecret when none opens it. */
  open(sealed: string): string;
  /** As `open`, and says whether it took a previous key (the value should be sealed again). */
  unseal(sealed: string): { readonly plain: string; readonly stale: boolean };
}

/** A sealed value that no key of the keyring opens: its owner must enrol again. */
export class UnreadableSecret extends Error {
  override name = "UnreadableSecret";
}

const SEALED_PREFIX = "v1";

function derivedKey(applicationSecret: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", applicationSecret, "parcours", "staff totp secret", 32));
}

function openWith(key: Buffer, sealed: string): string | undefined {
  const [prefix, iv, tag, body] = sealed.split(".");
  if (prefix !== SEALED_PREFIX || !iv || !tag || body === undefined) return undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    return undefined;
  }
}

/**
 * The TOTP secrets are stored sealed: a copy of the database alone does not give the codes. Keys are
 * derived (HKDF-SHA256) from the application secret and, for reading only, from the previous ones
 * (PARCOURS_SECRET_PREVIOUS): rotating PARCOURS_SECRET locks nobody out, and each secret is sealed
 * again with the current key when it is next used (see service.ts).
 */
export function secretBox(applicationSecret: Buffer, previousSecrets: readonly Buffer[] = []): SecretBox {
  const key = derivedKey(applicationSecret);
  const previousKeys = previousSecrets.map(derivedKey);
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return [SEALED_PREFIX, iv, cipher.getAuthTag(), body]
        .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
        .join(".");
    },
    unseal(sealed) {
      const plain = openWith(key, sealed);
      if (plain !== undefined) return { plain, stale: false };
      for (const previous of previousKeys) {
        const old = openWith(previous, sealed);
        if (old !== undefined) return { plain: old, stale: true };
      }
      throw new UnreadableSecret("no key of the keyring opens this sealed value");
    },
    open(sealed) {
      return this.unseal(sealed).plain;
    },
  };
}
