import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { PENDING_TTL_SECONDS, seal, unseal } from "./pending.ts";

const key = Buffer.from("a-key-for-the-tests-that-is-long-enough");
const at = new Date("2026-11-21T09:00:00Z");
const later = (seconds: number) => new Date(at.getTime() + seconds * 1000);

describe("sealed pending state", () => {
  test("comes back as sealed, for its purpose, within ten minutes", () => {
    const sealed = seal(key, "login", { state: "s", nonce: "n" }, at);
    assert.deepEqual(
      { ...unseal<{ state: string; nonce: string }>(key, "login", sealed, later(PENDING_TTL_SECONDS)) },
      { state: "s", nonce: "n", expiresAt: later(PENDING_TTL_SECONDS).getTime() },
    );
    assert.equal(unseal(key, "login", sealed, later(PENDING_TTL_SECONDS + 1)), undefined);
    assert.equal(unseal(key, "logout", sealed, at), undefined);
  });

  test("is refused when missing, forged, or sealed with another key", () => {
    const sealed = seal(key, "login", { state: "s" }, at);
    const [payload, mac] = sealed.split(".") as [string, string];
    const forged = Buffer.from(JSON.stringify({ state: "t", expiresAt: later(600).getTime() })).toString(
      "base64url",
    );
    assert.equal(unseal(key, "login", undefined, at), undefined);
    assert.equal(unseal(key, "login", "", at), undefined);
    assert.equal(unseal(key, "login", `${forged}.${mac}`, at), undefined);
    assert.equal(unseal(key, "login", `${payload}.${mac.slice(1)}`, at), undefined);
    assert.equal(unseal(Buffer.from("another-key-entirely-0123456789"), "login", sealed, at), undefined);
  });
});
