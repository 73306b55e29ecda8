import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError, loadConfig } from "./config.ts";

test("defaults start the embedded database under ./data on port 3000", () => {
  const config = loadConfig({});
  assert.equal(config.databaseUrl, undefined);
  assert.match(config.dataDir, /\/data$/);
  assert.equal(config.port, 3000);
  assert.equal(config.publicUrl, "http://127.0.0.1:3000");
});

const mistakes: [Record<string, string>, RegExp][] = [
  [{ PORT: "abc" }, /^PORT="abc" n'est pas valide : indiquez un nombre entier entre 0 et 65535\.$/],
  [{ PORT: "70000" }, /^PORT="70000"/],
  [{ LOG_LEVEL: "bavard" }, /^LOG_LEVEL="bavard" n'est pas valide : valeurs possibles fatal, error/],
  [{ PARCOURS_MODE: "prod" }, /^PARCOURS_MODE="prod"/],
  [{ PARCOURS_SEED_PEOPLE: "-5" }, /^PARCOURS_SEED_PEOPLE="-5"/],
  [{ DATABASE_URL: "pas une url" }, /^DATABASE_URL n'est pas une adresse valide/],
  [{ DATABASE_URL: "mysql://localhost/test" }, /^DATABASE_URL doit commencer par postgres:\/\//],
];

for (const [env, message] of mistakes) {
  test(`a wrong value is named with what to fix: ${JSON.stringify(env)}`, () => {
    assert.throws(
      () => loadConfig(env),
      (error: unknown) => error instanceof ConfigError && message.test(error.message),
    );
  });
}

test("production refuses a weak PARCOURS_SECRET; development accepts it (README: what development protects)", () => {
  const production = (secret: string) => ({ PARCOURS_MODE: "production", PARCOURS_SECRET: secret });
  for (const weak of [
    "a".repeat(32),
    "abababababababababababababababab",
    "aaaaaaaabbbbbbbbccccccccdddddddd",
  ]) {
    assert.throws(
      () => loadConfig(production(weak)),
      (error: unknown) => error instanceof ConfigError && /trop prévisible/.test(error.message),
      weak,
    );
    assert.equal(loadConfig({ PARCOURS_SECRET: weak }).secret, weak);
  }
  const strong = "Zq3v9LxT2mWc8RbK7yPn4HdJ6sGf1AeU5tVo0";
  assert.equal(loadConfig(production(strong)).secret, strong);
  assert.equal(loadConfig({}).previousSecrets?.length, 0);
});

test("production starts with no synthetic population unless asked; PARCOURS_SECRET_PREVIOUS is a list", () => {
  assert.equal(loadConfig({ PARCOURS_MODE: "production" }).seedPeople, 0);
  assert.equal(loadConfig({ PARCOURS_MODE: "production", PARCOURS_SEED_PEOPLE: "500" }).seedPeople, 500);
  assert.equal(loadConfig({}).seedPeople, 20000);
  const previous = ["x".repeat(32), "y".repeat(40)];
  assert.deepEqual(loadConfig({ PARCOURS_SECRET_PREVIOUS: previous.join(",") }).previousSecrets, previous);
  assert.throws(() => loadConfig({ PARCOURS_SECRET_PREVIOUS: "court" }), /PARCOURS_SECRET_PREVIOUS/);
});
