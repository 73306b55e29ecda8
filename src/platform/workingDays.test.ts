import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  addDays,
  addWorkingDays,
  easterSunday,
  isWorkingDay,
  nextWorkingDay,
  publicHolidays,
  workingDaysBetween,
} from "./workingDays.ts";

test("Easter Sunday of known years (calendrier grégorien)", () => {
  assert.equal(easterSunday(2024), "2024-03-31");
  assert.equal(easterSunday(2025), "2025-04-20");
  assert.equal(easterSunday(2026), "2026-04-05");
  assert.equal(easterSunday(2027), "2027-03-28");
  assert.equal(easterSunday(2000), "2000-04-23");
  assert.equal(easterSunday(2038), "2038-04-25");
});

test("the eleven holidays of 2026 (service-public.fr, jours fériés 2026)", () => {
  assert.deepEqual([...publicHolidays(2026)].sort(), [
    "2026-01-01",
    "2026-04-06",
    "2026-05-01",
    "2026-05-08",
    "2026-05-14",
    "2026-05-25",
    "2026-07-14",
    "2026-08-15",
    "2026-11-01",
    "2026-11-11",
    "2026-12-25",
  ]);
});

test("weekends and holidays are not working days; the next working day skips them", () => {
  assert.equal(isWorkingDay("2026-11-20"), true, "a Friday");
  assert.equal(isWorkingDay("2026-11-21"), false, "a Saturday");
  assert.equal(isWorkingDay("2026-11-11"), false, "Armistice, a Wednesday");
  assert.equal(nextWorkingDay("2026-05-08"), "2026-05-11", "Friday 8 May → Monday 11");
  assert.equal(nextWorkingDay("2026-12-25"), "2026-12-28");
  assert.equal(addWorkingDays("2026-11-20", 2), "2026-11-24");
  assert.equal(workingDaysBetween("2026-11-20", "2026-11-24"), 2);
});

test("adding n working days always lands on a working day n working days later", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 3650 }), fc.integer({ min: 0, max: 60 }), (offset, count) => {
      const start = addDays("2020-01-01", offset);
      const end = addWorkingDays(start, count);
      assert.equal(workingDaysBetween(start, end), count);
      if (count > 0) assert.equal(isWorkingDay(end), true);
    }),
  );
});
