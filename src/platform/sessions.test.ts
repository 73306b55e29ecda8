import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import Fastify, { type FastifyInstance } from "fastify";
import { openTestDatabase, type TestDatabase } from "../../test/helpers/database.ts";
import {
  ABSOLUTE_TIMEOUT_MS,
  IDLE_TIMEOUT_MS,
  purgeExpiredSessions,
  SESSION_COOKIE,
  sessionPlugin,
} from "./sessions.ts";

/** A bare app with the session plugin and a clock the test moves. */
async function appWithClock(database: TestDatabase, clock: { now: Date }): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(cookie);
  await app.register(formbody);
  await app.register(sessionPlugin, {
    db: database.db,
    secrets: { signingKey: Buffer.from("k".repeat(32)) },
    now: () => clock.now,
  });
  app.get("/form", async (request) => ({ csrf: request.csrfToken() }));
  app.post("/login", async (_request, reply) => {
    await reply.openSession("insured", 42, { data: { displayName: "Léa" } });
    return { ok: true };
  });
  app.get("/who", async (request) => ({ subject: request.session?.subjectId ?? null }));
  return app;
}

const cookieOf = (response: { cookies: { name: string; value: string }[] }, name: string) =>
  response.cookies.find((c) => c.name === name)?.value;

describe("sessions", () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const clock = { now: new Date("2026-11-21T09:00:00Z") };
  before(async () => {
    database = await openTestDatabase("pglite");
    app = await appWithClock(database, clock);
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  async function login(): Promise<string> {
    const form = await app.inject("/form");
    const visit = cookieOf(form, "parcours_visite") as string;
    const response = await app.inject({
      method: "POST",
      url: "/login",
      headers: { cookie: `parcours_visite=${visit}` },
      payload: { _csrf: form.json().csrf },
    });
    assert.equal(response.statusCode, 200);
    const token = cookieOf(response, SESSION_COOKIE);
    assert.ok(token);
    return token;
  }

  const who = async (token: string) =>
    (await app.inject({ url: "/who", headers: { cookie: `${SESSION_COOKIE}=${token}` } })).json().subject;

  test("a POST without the CSRF token of the visit is refused", async () => {
    const response = await app.inject({ method: "POST", url: "/login", payload: { _csrf: "forged" } });
    assert.equal(response.statusCode, 403);
    assert.equal(cookieOf(response, SESSION_COOKIE), undefined);
  });

  test("the session cookie is HttpOnly, Secure and SameSite=Lax", async () => {
    const form = await app.inject("/form");
    const response = await app.inject({
      method: "POST",
      url: "/login",
      headers: { cookie: `parcours_visite=${cookieOf(form, "parcours_visite")}` },
      payload: { _csrf: form.json().csrf },
    });
    const set = String(response.headers["set-cookie"]);
    assert.match(set, new RegExp(`${SESSION_COOKIE}=[^;]+;.*HttpOnly`));
    assert.match(set, /Secure/);
    assert.match(set, /SameSite=Lax/);
  });

  test("logging in again gives a new session id and ends the previous one (no fixation)", async () => {
    const first = await login();
    const second = await app.inject({
      method: "POST",
      url: "/login",
      headers: { cookie: `${SESSION_COOKIE}=${first}` },
      payload: {
        _csrf: (await app.inject({ url: "/form", headers: { cookie: `${SESSION_COOKIE}=${first}` } })).json()
          .csrf,
      },
    });
    const renewed = cookieOf(second, SESSION_COOKIE) as string;
    assert.notEqual(renewed, first);
    assert.equal(await who(first), null);
    assert.equal(await who(renewed), 42);
  });

  test("a session ends after 30 minutes without activity", async () => {
    const token = await login();
    clock.now = new Date(clock.now.getTime() + IDLE_TIMEOUT_MS - 60_000);
    assert.equal(await who(token), 42, "29 minutes later it is still open");
    clock.now = new Date(clock.now.getTime() + IDLE_TIMEOUT_MS - 60_000);
    assert.equal(await who(token), 42, "activity keeps it open");
    clock.now = new Date(clock.now.getTime() + IDLE_TIMEOUT_MS + 1000);
    assert.equal(await who(token), null);
  });

  test("a session ends after 12 hours whatever the activity", async () => {
    const token = await login();
    const steps = Math.ceil(ABSOLUTE_TIMEOUT_MS / (IDLE_TIMEOUT_MS / 2));
    for (let i = 0; i < steps - 1; i++) {
      clock.now = new Date(clock.now.getTime() + IDLE_TIMEOUT_MS / 2);
      assert.equal(await who(token), 42);
    }
    clock.now = new Date(clock.now.getTime() + IDLE_TIMEOUT_MS / 2 + 1000);
    assert.equal(await who(token), null);
  });

  test("the database holds only a hash of the token", async () => {
    const token = await login();
    const { rows } = await database.db
      .withTables<{ web_session: { token_hash: string } }>()
      .selectFrom("web_session")
      .select("token_hash")
      .execute()
      .then((r) => ({ rows: r }));
    assert.ok(rows.length > 0);
    assert.ok(rows.every((row) => row.token_hash !== token));
  });
  test("the daily purge removes the sessions no request can use, and only those", async () => {
    const idle = await login();
    clock.now = new Date(clock.now.getTime() + IDLE_TIMEOUT_MS - 60_000);
    const live = await login();
    clock.now = new Date(clock.now.getTime() + 2 * 60_000);
    assert.ok((await purgeExpiredSessions(database.db, clock.now)) >= 1);
    assert.equal(await purgeExpiredSessions(database.db, clock.now), 0, "nothing left to purge");
    assert.equal(await who(live), 42);
    assert.equal(await who(idle), null);
  });
});
