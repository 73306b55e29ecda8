import assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import { test } from "node:test";
import { sql } from "kysely";
import pg from "pg";
import { buildApp } from "../../src/app.ts";
import { isDatabaseUnavailable, openDatabase } from "../../src/platform/db.ts";
import { testConfig } from "../helpers/app.ts";
import { openTestDatabase } from "../helpers/database.ts";

/**
 * A loopback TCP relay to the PostgreSQL server that a test can cut (every connection dropped, new ones
 * refused, as during a server restart) and restore on the same port.
 */
async function tcpRelay(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      const listening = createServer((client) => {
        const upstream = new (client.constructor as typeof Socket)();
        upstream.connect(target.port, target.host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on("close", () => sockets.delete(socket));
          socket.on("error", () => {});
        }
        client.pipe(upstream).pipe(client);
      });
      server = listening;
      listening.listen(port, "127.0.0.1", () => {
        port = (listening.address() as { port: number }).port;
        resolve();
      });
    });
  await listen();
  return {
    get port() {
      return port;
    },
    get open() {
      return sockets.size;
    },
    async cut() {
      const closed = new Promise<void>((resolve) => server?.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    restore: listen,
    close() {
      return this.cut();
    },
  };
}

const url = process.env.DATABASE_URL;

test("a client's X-Request-Id is echoed only when it is plain; anything else gets a generated id", async () => {
  const database = await openTestDatabase("pglite");
  const app = await buildApp(testConfig(), database);
  try {
    const plain = await app.inject({ url: "/healthz", headers: { "x-request-id": "front-01.ab_c" } });
    assert.equal(plain.headers["x-request-id"], "front-01.ab_c");
    const hostile = await app.inject({ url: "/healthz", headers: { "x-request-id": "<script>x</script>" } });
    assert.match(String(hostile.headers["x-request-id"]), /^[0-9a-f-]{36}$/);
  } finally {
    await app.close();
    await database.close();
  }
});

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** How many statements of this test's connections sleep on the server right now. */
async function sleepingStatements(schema: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query(
      "select count(*)::int as n from pg_stat_activity where application_name = $1 and state = 'active' and query like 'select pg_sleep%'",
      [`parcours:${schema}`],
    );
    return result.rows[0].n;
  } finally {
    await client.end();
  }
}

test("the app rides through a lost database: 503 (French page, JSON on the API) while it is away, service back by itself", {
  skip: url ? false : "needs DATABASE_URL (PostgreSQL)",
}, async () => {
  const owner = await openTestDatabase("postgres");
  const target = new URL(url as string);
  const relay = await tcpRelay({ host: target.hostname, port: Number(target.port || 5432) });
  const throughRelay = new URL(target.href);
  throughRelay.host = `127.0.0.1:${relay.port}`;
  const database = await openDatabase({ url: throughRelay.href, schema: owner.schema });
  const app = await buildApp(testConfig(), database);
  try {
    assert.equal((await app.inject("/readyz")).statusCode, 200);

    // A statement running on a checked-out connection when the server goes away. Before the fix the
    // client's unhandled 'error' event killed the whole process here.
    const running = sql`select pg_sleep(10)`.execute(database.db);
    await until(async () => (await sleepingStatements(owner.schema as string)) === 1);
    await relay.cut();
    await assert.rejects(running, (error: unknown) => isDatabaseUnavailable(error));

    const cookie = { cookie: "parcours_session=jeton-quelconque" };
    const ready = await app.inject("/readyz");
    assert.equal(ready.statusCode, 503);
    const pageDuring = await app.inject({ url: "/", headers: cookie });
    assert.equal(pageDuring.statusCode, 503);
    assert.match(pageDuring.body, /Service momentanément indisponible/);
    assert.match(pageDuring.body, /enregistré est conservé/);
    const apiDuring = await app.inject({ url: "/api/v1/csrf-token", headers: cookie });
    assert.equal(apiDuring.statusCode, 503);
    assert.equal(apiDuring.json().error.code, "unavailable");

    await relay.restore();
    assert.equal((await app.inject("/readyz")).statusCode, 200, "back without a restart of the app");
    const pageAfter = await app.inject({ url: "/", headers: cookie });
    assert.equal(pageAfter.statusCode, 200);
    const rows = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(database.db);
    assert.equal(typeof rows.rows[0]?.n, "number");
  } finally {
    await app.close();
    await database.close();
    await relay.close();
    await owner.close();
  }
});
