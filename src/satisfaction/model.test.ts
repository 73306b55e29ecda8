import assert from "node:assert/strict";
import { test } from "node:test";
import { checkRating, monthlyUsage, monthOf, RATED_SERVICES } from "./model.ts";

test("every service of the catalogue can be rated", () => {
  assert.equal(RATED_SERVICES.size, 17);
  assert.ok(
    RATED_SERVICES.has("payments") && RATED_SERVICES.has("careerStatement") && RATED_SERVICES.has("aspa"),
  );
});

test("a mark outside 1–10 is refused with the comment kept by the caller; an empty answer too", () => {
  const form = { service: "payments", rating: "11", reason: "", comment: "Très bien" };
  assert.deepEqual(checkRating(form), {
    ok: false,
    errors: { rating: "La note est un nombre entier de 1 à 10." },
  });
  assert.equal(checkRating({ ...form, rating: "7,5" }).ok, false);
  const empty = checkRating({ service: "payments", rating: "", reason: "", comment: "  " });
  assert.equal(empty.ok, false);
  assert.deepEqual(checkRating({ ...form, rating: "" }), {
    ok: true,
    value: { service: "payments", rating: null, reason: null, comment: "Très bien" },
  });
  assert.equal(checkRating({ ...form, rating: "8", service: "inconnu" }).ok, false);
  assert.equal(checkRating({ ...form, rating: "8", reason: "hasard" }).ok, false);
  assert.equal(checkRating({ ...form, rating: "8", comment: "x".repeat(1001) }).ok, false);
});

test("monthly usage: count, marked answers and mean per service and month", () => {
  assert.equal(monthOf("2026-11-21"), "2026-11-01");
  const usage = monthlyUsage([
    { service: "payments", month: "2026-11-01", rating: 8 },
    { service: "payments", month: "2026-11-01", rating: 5 },
    { service: "payments", month: "2026-11-01", rating: null },
    { service: "question", month: "2026-11-01", rating: null },
    { service: "payments", month: "2026-10-01", rating: 10 },
  ]);
  assert.deepEqual(usage, [
    { service: "payments", month: "2026-10-01", count: 1, rated: 1, mean: 10 },
    { service: "question", month: "2026-11-01", count: 1, rated: 0, mean: null },
    { service: "payments", month: "2026-11-01", count: 3, rated: 2, mean: 6.5 },
  ]);
});
