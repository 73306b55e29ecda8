import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/app.ts";
import { FOOTER_LEGAL_LINKS } from "../../src/platform/dsfr/index.ts";
import { testConfig } from "../helpers/app.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/database.ts";

describe("HTTP shell", () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  before(async () => {
    database = await openTestDatabase("pglite");
    app = await buildApp(testConfig(), database);
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  test("/healthz answers while the process runs, /readyz once the database answers", async () => {
    assert.deepEqual((await app.inject("/healthz")).json(), { status: "ok" });
    const ready = await app.inject("/readyz");
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: "ready", database: "pglite" });
  });

  test("every response carries a request id, the caller's own when given", async () => {
    const generated = await app.inject("/healthz");
    assert.match(String(generated.headers["x-request-id"]), /^[0-9a-f-]{36}$/);
    const given = await app.inject({ url: "/healthz", headers: { "x-request-id": "appel-3960-42" } });
    assert.equal(given.headers["x-request-id"], "appel-3960-42");
  });

  test("pages use the DSFR layout in French with skip links and the mandatory footer links", async () => {
    const response = await app.inject("/");
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers["content-type"]), /text\/html; charset=utf-8/);
    const body = response.body;
    assert.match(body, /<html lang="fr"/);
    assert.match(body, /<link rel="stylesheet" href="\/dsfr\/dsfr.min.css">/);
    assert.match(body, /class="fr-skiplinks"[\s\S]*href="#contenu"[\s\S]*href="#pied-de-page"/);
    assert.match(body, /<main id="contenu"/);
    for (const link of FOOTER_LEGAL_LINKS) {
      assert.ok(body.includes(`href="${link.href}"`), `footer links to ${link.href}`);
    }
  });

  test("the footer links lead to real pages, each listed in the site map", async () => {
    const map = (await app.inject("/plan-du-site")).body;
    for (const link of FOOTER_LEGAL_LINKS) {
      const response = await app.inject(link.href);
      assert.equal(response.statusCode, 200, link.href);
      assert.match(response.body, /<h1>/);
      assert.ok(map.includes(`href="${link.href}"`), `site map lists ${link.href}`);
    }
  });

  test("services not built yet say so and are not links", async () => {
    const body = (await app.inject("/")).body;
    assert.match(body, /Bientôt disponible/);
    assert.doesNotMatch(body, /href="\/espace"/);
  });

  test("DSFR assets are served locally", async () => {
    const css = await app.inject("/dsfr/dsfr.min.css");
    assert.equal(css.statusCode, 200);
    assert.match(String(css.headers["content-type"]), /text\/css/);
    assert.equal((await app.inject("/dsfr/dsfr.module.min.js")).statusCode, 200);
    assert.equal((await app.inject("/dsfr/utility/icons/icons.min.css")).statusCode, 200);
  });

  test("an unknown address gets a French 404 page", async () => {
    const response = await app.inject("/nulle-part");
    assert.equal(response.statusCode, 404);
    assert.match(response.body, /Page introuvable/);
    assert.match(response.body, /Adresse demandée : \/nulle-part/);
  });

  test("an unknown API address gets a JSON 404 in French", async () => {
    const response = await app.inject("/api/v1/nulle-part");
    assert.equal(response.statusCode, 404);
    assert.deepEqual(response.json(), {
      error: { code: "not_found", message: "Cette ressource n'existe pas." },
    });
  });

  test("/readyz reports 503 when the database is gone", async () => {
    const lost = await openTestDatabase("pglite");
    const lostApp = await buildApp(testConfig(), lost);
    await lost.close();
    const response = await lostApp.inject("/readyz");
    assert.equal(response.statusCode, 503);
    await lostApp.close();
  });
});
