import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openTestDatabase, type TestDatabase, testEngines } from "../../test/helpers/database.ts";
import { LOGIN_LOCK } from "./model.ts";
import { loginLockedUntil, purgeLoginThrottles, recordLoginFailure } from "./store.ts";

for (const engine of testEngines) {
  describe(`login throttle purge (${engine})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await openTestDatabase(engine);
    });
    after(() => database.close());

    test("the daily purge forgets ended windows and locks, never a running lock", async () => {
      const db = database.db;
      const start = new Date("2026-05-04T08:00:00Z");
      await recordLoginFailure(db, "oubli@parcours.test", start);
      for (let i = 0; i < LOGIN_LOCK.maxFailures; i++)
        await recordLoginFailure(db, "verrou@parcours.test", start);
      const windowOver = new Date(start.getTime() + LOGIN_LOCK.windowMs);
      const lockOver = new Date(start.getTime() + LOGIN_LOCK.lockMs);
      const afterBoth = new Date(Math.max(windowOver.getTime(), lockOver.getTime()));

      assert.equal(await purgeLoginThrottles(db, new Date(start.getTime() + 60_000)), 0);
      assert.equal(
        await purgeLoginThrottles(db, new Date(afterBoth.getTime() - 1)),
        0,
        "the lock still runs",
      );
      assert.ok(await loginLockedUntil(db, "verrou@parcours.test", new Date(afterBoth.getTime() - 1)));
      assert.equal(await purgeLoginThrottles(db, afterBoth), 2);
    });
  });
}
