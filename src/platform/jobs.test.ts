import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openTestDatabase, type TestDatabase, testEngines } from "../../test/helpers/database.ts";
import { type DailyJob, jobScheduler, parisDayAndHour } from "./jobs.ts";

test("the day and hour of a run are those of France, summer and winter", () => {
  assert.deepEqual(parisDayAndHour(new Date("2026-07-14T22:30:00Z")), { day: "2026-07-15", hour: 0 });
  assert.deepEqual(parisDayAndHour(new Date("2026-12-31T22:59:00Z")), { day: "2026-12-31", hour: 23 });
});

for (const engine of testEngines) {
  describe(`daily jobs (${engine})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await openTestDatabase(engine);
    });
    after(() => database.close());

    /** A job that records the instants it ran at, failing while `failing` is set. */
    function recordingJob(name: string, state: { failing?: boolean } = {}) {
      const ranAt: Date[] = [];
      const job: DailyJob = {
        name,
        hour: 3,
        async run(now) {
          if (state.failing) throw new Error("SMTP indisponible");
          ranAt.push(now);
          return 2;
        },
      };
      return { job, ranAt };
    }

    test("a job runs once a day from its hour, however many instances tick", async () => {
      const { job, ranAt } = recordingJob("once-a-day");
      const clock = { now: new Date("2026-03-02T01:00:00Z") }; // 02:00 in Paris: too early
      const instances = [0, 1, 2].map(() => jobScheduler(database.db, [job], { clock: () => clock.now }));
      assert.deepEqual(await instances[0]?.tick(), []);
      clock.now = new Date("2026-03-02T02:10:00Z"); // 03:10 in Paris
      const outcomes = (await Promise.all(instances.map((scheduler) => scheduler.tick()))).flat();
      assert.deepEqual(outcomes, [{ job: "once-a-day", day: "2026-03-02", handled: 2 }]);
      clock.now = new Date("2026-03-02T20:00:00Z");
      assert.deepEqual(await instances[1]?.tick(), []);
      clock.now = new Date("2026-03-03T05:00:00Z");
      assert.equal((await instances[2]?.tick())?.length, 1);
      assert.deepEqual(
        ranAt.map((at) => at.toISOString()),
        ["2026-03-02T02:10:00.000Z", "2026-03-03T05:00:00.000Z"],
      );
    });

    test("a failed run is recorded and taken again later the same day", async () => {
      const state = { failing: true };
      const { job, ranAt } = recordingJob("retried", state);
      const clock = { now: new Date("2026-03-02T04:00:00Z") };
      const scheduler = jobScheduler(database.db, [job], { clock: () => clock.now });
      assert.deepEqual(await scheduler.tick(), [
        { job: "retried", day: "2026-03-02", error: "SMTP indisponible" },
      ]);
      state.failing = false;
      clock.now = new Date("2026-03-02T04:05:00Z");
      assert.deepEqual(await scheduler.tick(), [], "not retried at once");
      clock.now = new Date("2026-03-02T04:20:00Z");
      assert.deepEqual(await scheduler.tick(), [{ job: "retried", day: "2026-03-02", handled: 2 }]);
      assert.equal(ranAt.length, 1);
    });
  });
}
