import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { openTestApp, type TestApp } from "../helpers/app.ts";

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
}

// The document comes from the route schemas, not from the data: one engine is enough.
describe("OpenAPI document of the JSON API", () => {
  let testApp: TestApp;
  let document: OpenApiDocument;
  before(async () => {
    testApp = await openTestApp();
    await testApp.app.ready();
    const response = await testApp.app.inject({ method: "GET", url: "/api/v1/openapi.json" });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers["content-type"]), /^application\/json/);
    document = response.json() as OpenApiDocument;
  });
  after(async () => testApp.close());

  test("is a valid OpenAPI 3.1 document for an independent validator", async () => {
    const validator = new Validator();
    const result = await validator.validate(document as unknown as Record<string, unknown>);
    assert.deepEqual(result.errors ?? [], []);
    assert.equal(result.valid, true);
    assert.equal(validator.version, "3.1");
    assert.equal(document.openapi, "3.1.0");
    assert.equal(document.info.title, "Parcours API");
  });

  test("lists the /api/v1 actions of the contexts with their methods", () => {
    const expected: [path: string, method: string][] = [
      ["/api/v1/csrf-token", "get"],
      ["/api/v1/accounts", "post"],
      ["/api/v1/session", "post"],
      ["/api/v1/session", "delete"],
      ["/api/v1/password-resets", "post"],
      ["/api/v1/me", "get"],
      ["/api/v1/me/services", "get"],
      ["/api/v1/agent/session", "get"],
      ["/api/v1/agent/insured/search", "post"],
      ["/api/v1/agent/insured/{id}/openings", "post"],
    ];
    for (const [path, method] of expected) {
      assert.ok(document.paths[path], `${path} is missing`);
      assert.ok(document.paths[path]?.[method], `${method.toUpperCase()} ${path} is missing`);
    }
  });

  test("lists no HTML page, asset or probe: every path is under /api/v1/", () => {
    const paths = Object.keys(document.paths);
    assert.ok(paths.length >= 10);
    for (const path of paths) assert.ok(path.startsWith("/api/v1/"), `${path} is not an API path`);
    for (const page of ["/", "/connexion", "/espace", "/agent", "/plan-du-site", "/healthz"])
      assert.equal(document.paths[page], undefined, page);
    assert.equal(document.paths["/api/v1/openapi.json"], undefined);
  });
});
