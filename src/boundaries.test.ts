import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { registerHooks } from "node:module";
import { test } from "node:test";

/**
 * The pure layer stays pure (docs/adr/0001-module-boundaries.md): the authorisation policy and every
 * context's model load no npm package, so the unit tests that check them start in milliseconds and the
 * rules they hold cannot come to depend on the database driver or the web framework.
 *
 * Every module this process resolves is recorded (Node's synchronous module hooks); this file itself
 * imports only Node's own modules, so whatever lands under node_modules came from the imports below.
 */
const resolvedFromNodeModules: string[] = [];
registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    if (resolved.url.includes("/node_modules/"))
      resolvedFromNodeModules.push(`${specifier} → ${resolved.url}`);
    return resolved;
  },
});

const SRC = new URL("./", import.meta.url);
const pureModules = [
  new URL("access/policy.ts", SRC),
  ...readdirSync(SRC, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) =>
      readdirSync(new URL(`${entry.name}/`, SRC))
        .filter((file) => file === "model.ts")
        .map((file) => new URL(`${entry.name}/${file}`, SRC)),
    ),
];

test("the policy and every model.ts load no npm package", async () => {
  // A guard against the check passing vacuously: there are a dozen models today.
  assert.ok(pureModules.length > 10, `${pureModules.length} modules found`);
  for (const module of pureModules) {
    const before = resolvedFromNodeModules.length;
    await import(module.href);
    assert.deepEqual(
      resolvedFromNodeModules.slice(before),
      [],
      `${module.pathname.slice(SRC.pathname.length)} loads npm packages`,
    );
  }
});
