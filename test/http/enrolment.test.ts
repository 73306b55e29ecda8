import assert from "node:assert/strict";
import { test } from "node:test";
import { sql } from "kysely";
import { createAdministrator } from "../../src/staff/index.ts";
import { csrfOf, openTestApp, Visitor } from "../helpers/app.ts";
import { testEngines } from "../helpers/database.ts";
import { enrolmentSecret, staffLogin, submitCode, totpCode } from "../helpers/staff.ts";

for (const engine of testEngines) {
  test(`[${engine}] admin:create's link sets a password, enrols the authenticator and logs in, once`, async () => {
    const { app, database, close } = await openTestApp(engine);
    try {
      const created = await createAdministrator(
        database.db,
        { email: "Premiere.Admin@cnav.fr", displayName: "Première Admin" },
        "http://127.0.0.1:3000",
        new Date(),
      );
      assert.ok(created.ok);
      const link = new URL(created.link);
      assert.equal(link.pathname, "/agent/activation");
      // Only the hash of the token is kept: the database alone does not give the link.
      const stored = await sql<{ token_hash: string }>`select token_hash from staff_enrolment`.execute(
        database.db,
      );
      assert.equal(stored.rows.length, 1);
      assert.notEqual(stored.rows[0]?.token_hash, link.searchParams.get("jeton"));

      const visitor = new Visitor(app);
      const form = await visitor.get(link.pathname + link.search);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /premiere\.admin@cnav\.fr/);
      const tooShort = await visitor.post("/agent/activation", {
        _csrf: csrfOf(form.body),
        jeton: link.searchParams.get("jeton") ?? "",
        password: "court",
        passwordConfirmation: "court",
      });
      assert.equal(tooShort.statusCode, 400);
      assert.match(tooShort.body, /au moins 12 caractères/);
      const chosen = await visitor.post("/agent/activation", {
        _csrf: csrfOf(tooShort.body),
        jeton: link.searchParams.get("jeton") ?? "",
        password: "Mon-mot-de-passe-2026",
        passwordConfirmation: "Mon-mot-de-passe-2026",
      });
      assert.equal(chosen.statusCode, 303);
      assert.equal(chosen.headers.location, "/agent/connexion/code");
      const enrol = await visitor.get("/agent/connexion/code");
      assert.match(enrol.body, /Activer la double authentification/);
      const secret = enrolmentSecret(enrol.body);
      const done = await submitCode(visitor, totpCode(secret));
      assert.equal(done.statusCode, 303);
      assert.equal((await visitor.get("/agent/admin/agents")).statusCode, 200, "logged in as administrator");

      // The link served once: a second use is refused, whoever holds it.
      const again = await new Visitor(app).get(link.pathname + link.search);
      assert.equal(again.statusCode, 410);
      assert.match(again.body, /n'est plus valable/);

      // The password chosen is the one that works from now on, with the enrolled authenticator.
      await staffLogin(new Visitor(app), "premiere.admin@cnav.fr", {
        password: "Mon-mot-de-passe-2026",
        secret,
        steps: 1,
      });
      const taken = await createAdministrator(
        database.db,
        { email: "premiere.admin@cnav.fr", displayName: "Doublon" },
        "http://127.0.0.1:3000",
        new Date(),
      );
      assert.equal(taken.ok, false);
    } finally {
      await close();
    }
  });

  test(`[${engine}] an expired or unknown enrolment link is refused`, async () => {
    const { app, database, close } = await openTestApp(engine);
    try {
      const longAgo = new Date(Date.now() - 73 * 3_600_000);
      const created = await createAdministrator(
        database.db,
        { email: "ancienne@cnav.fr", displayName: "Ancienne Admin" },
        "http://127.0.0.1:3000",
        longAgo,
      );
      assert.ok(created.ok);
      const link = new URL(created.link);
      assert.equal((await new Visitor(app).get(link.pathname + link.search)).statusCode, 410);
      assert.equal((await new Visitor(app).get("/agent/activation?jeton=inconnu")).statusCode, 410);
    } finally {
      await close();
    }
  });
}
