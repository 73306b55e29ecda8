import assert from "node:assert/strict";
import { test } from "node:test";
import { pino } from "pino";
import { REDACTED, redact } from "./redact.ts";
import { loggerOptions, requestId } from "./server.ts";

test("single-use tokens in addresses are masked, whatever the route", () => {
  for (const url of [
    "/mot-de-passe/nouveau?jeton=Abc-123_xyz",
    "/inscription/verifier?jeton=Abc-123_xyz&x=1",
    "/espace/profil/banque/confirmation?jeton=Abc-123_xyz",
    "/agent/activation?jeton=Abc-123_xyz",
    "/franceconnect/retour?code=Abc-123_xyz&state=Abc-123_xyz",
  ]) {
    const masked = redact(url);
    assert.doesNotMatch(masked, /Abc-123_xyz/, url);
    assert.match(masked, new RegExp(REDACTED.replace(/[[\]]/g, "\\$&")));
  }
  assert.equal(redact("/espace/dossiers?page=2"), "/espace/dossiers?page=2");
});

test("a NIR is masked however it is typed, other numbers are kept", () => {
  for (const nir of [
    "1841276451089",
    "184127645108946",
    "1 84 12 76 451 089 46",
    "1+84+12+76+451+089",
    "2%2084%2012%202A%20451%20089",
    "18412 2B 451089",
  ]) {
    assert.equal(redact(`nir ${nir} !`), `nir ${REDACTED} !`, nir);
  }
  for (const kept of [
    "montant 123456789012345678",
    "2026-06-01",
    "9841276451089",
    '{"level":30,"time":1796332408796}',
  ]) {
    assert.equal(redact(kept), kept);
  }
});

test("every line the server's logger writes goes through the redaction, error stacks included", () => {
  const lines: string[] = [];
  const logger = pino(loggerOptions("info"), { write: (line: string) => lines.push(line) });
  logger.info({ req: { url: "/mot-de-passe/nouveau?jeton=SECRETTOKEN" } }, "incoming request");
  logger.error({ err: new Error("NIR 1 84 12 76 451 089 refusé") }, "request failed");
  const written = lines.join("\n");
  assert.doesNotMatch(written, /SECRETTOKEN|451 089/);
  assert.equal(lines.length, 2);
});

test("a client's X-Request-Id is kept only when it is short and plain", () => {
  assert.equal(requestId("proxy-4f2a.01_b"), "proxy-4f2a.01_b");
  for (const unsafe of ["<script>alert(1)</script>", "a".repeat(65), "", "a b", "é"]) {
    assert.match(requestId(unsafe), /^[0-9a-f-]{36}$/, unsafe);
  }
  assert.match(requestId(undefined), /^[0-9a-f-]{36}$/);
  assert.match(requestId(["a", "b"]), /^[0-9a-f-]{36}$/);
});
