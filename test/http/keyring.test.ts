import assert from "node:assert/strict";
import { test } from "node:test";
import { sql } from "kysely";
import { buildApp } from "../../src/app.ts";
import { createPersonas } from "../../src/population/index.ts";
import { testConfig, Visitor } from "../helpers/app.ts";
import { openTestDatabase, testEngines } from "../helpers/database.ts";
import { staffLogin, submitCode, submitPassword, totpCode } from "../helpers/staff.ts";

const OLD = "ancien-secret-de-parcours-0123456789-abcdefgh";
const NEW = "nouveau-secret-de-parcours-9876543210-zyxwvut";
const EMAIL = "technicien@parcours.test";

for (const engine of testEngines) {
  test(`[${engine}] rotating PARCOURS_SECRET: the previous key still opens TOTP secrets, which are sealed again; an unknown key gets a French message, never a 500`, async () => {
    const database = await openTestDatabase(engine);
    await createPersonas(database);
    const sealed = async () =>
      (
        await sql<{ totp_secret: string }>`select totp_secret from staff where email = ${EMAIL}`.execute(
          database.db,
        )
      ).rows[0]?.totp_secret;
    try {
      const before = await buildApp(testConfig({ secret: OLD }), database);
      const secret = await staffLogin(new Visitor(before), EMAIL);
      await before.close();
      const sealedWithOld = await sealed();

      // New secret, old one kept for reading: the member logs in as before.
      const rotated = await buildApp(testConfig({ secret: NEW, previousSecrets: [OLD] }), database);
      await staffLogin(new Visitor(rotated), EMAIL, { secret, steps: 1 });
      await rotated.close();
      const resealed = await sealed();
      assert.notEqual(resealed, sealedWithOld, "sealed again with the current key on use");

      // The old key retired: the value sealed again opens with the new key alone. (The replay guard is
      // reset so a third login within the same 30 s has a code to use.)
      await sql`update staff set totp_last_step = null where email = ${EMAIL}`.execute(database.db);
      const retired = await buildApp(testConfig({ secret: NEW }), database);
      await staffLogin(new Visitor(retired), EMAIL, { secret });
      await retired.close();

      // A key nobody kept: the code step explains what to do, with no server error.
      const lost = await buildApp(
        testConfig({ secret: "un-tout-autre-secret-0123456789-abcdefghij" }),
        database,
      );
      const visitor = new Visitor(lost);
      assert.equal((await submitPassword(visitor, EMAIL)).statusCode, 303);
      const refused = await submitCode(visitor, totpCode(secret, 0));
      assert.equal(refused.statusCode, 401);
      assert.match(refused.body, /la clé de sécurité du service a changé/);
      assert.match(refused.body, /Demandez à votre administrateur de réinitialiser votre compte/);
      await lost.close();
    } finally {
      await database.close();
    }
  });
}
