import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * What the browser carries between leaving for FranceConnect and coming back: an HMAC-sealed value in
 * a short-lived cookie. Why a cookie and not a database row: the round trip must be bound to the
 * browser that started it (a callback opened in another browser must fail: no login CSRF), nothing is
 * written for visitors who never come back, and any instance of the app can finish what another began.
 * The seal makes the value tamper-proof; it is not secret from its own browser, which is fine: the PKCE
 * verifier and the nonce only have to stay out of reach of other parties, and the cookie is HttpOnly,
 * Secure, limited to /franceconnect and to ten minutes.
 */
export const PENDING_TTL_SECONDS = 10 * 60;

export type Purpose = "login" | "logout";

function mac(key: Buffer, purpose: Purpose, payload: string): string {
  return createHmac("sha256", key).update(`franceconnect:${purpose}:${payload}`).digest("base64url");
}

export function seal<T extends object>(key: Buffer, purpose: Purpose, value: T, now: Date): string {
  const payload = Buffer.from(
    JSON.stringify({ ...value, expiresAt: now.getTime() + PENDING_TTL_SECONDS * 1000 }),
  ).toString("base64url");
  return `${payload}.${mac(key, purpose, payload)}`;
}

/** The sealed value, or undefined when the seal is missing, forged, for another purpose or expired. */
export function unseal<T extends object>(
  key: Buffer,
  purpose: Purpose,
  sealed: string | undefined,
  now: Date,
): T | undefined {
  const [payload, given] = (sealed ?? "").split(".");
  if (!payload || !given) return undefined;
  const expected = mac(key, purpose, payload);
  if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected)))
    return undefined;
  const value = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as T & { expiresAt: number };
  return value.expiresAt >= now.getTime() ? value : undefined;
}
