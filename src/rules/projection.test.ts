import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hypotheses, projectPension } from "./projection.ts";
import { day, steadyCareer } from "./testing.ts";

describe("projection with five end-of-career hypotheses", () => {
  const input = {
    birthDate: day("1968-04-20"),
    today: day("2026-11-21"),
    career: [...steadyCareer(1990, 2010, 22000), ...steadyCareer(2011, 2026, 38000)],
  };
  const result = projectPension(input);

  it("gives the five hypotheses, each with three departures", () => {
    assert.equal(result.hypotheses.length, 5);
    assert.deepEqual(
      result.hypotheses.map((h) => h.id),
      hypotheses.map((h) => h.id),
    );
    for (const h of result.hypotheses) {
      assert.ok(h.departures.legalAge.startDate <= h.departures.earliestFullRate.startDate);
      assert.ok(h.departures.earliestFullRate.startDate <= h.departures.fullRateAge.startDate);
      assert.equal(h.earliestFullRateDate, h.departures.earliestFullRate.startDate);
      assert.equal(h.departures.earliestFullRate.result.reductionQuarters, 0);
    }
  });

  it("orders the pensions from the most to the least favourable hypothesis", () => {
    const atFullRateAge = result.hypotheses.map((h) => h.departures.fullRateAge.result.pension.annual);
    for (let i = 1; i < atFullRateAge.length; i++) {
      assert.ok((atFullRateAge[i - 1] ?? 0) >= (atFullRateAge[i] ?? 0), atFullRateAge.join(" > "));
    }
  });

  it("delays the full rate when no further rights are acquired", () => {
    const favourable = result.hypotheses[1];
    const none = result.hypotheses[4];
    assert.ok(favourable && none);
    assert.ok(none.earliestFullRateDate >= favourable.earliestFullRateDate);
    assert.equal(none.departures.legalAge.result.quarters.general, (2026 - 1990 + 1) * 4);
  });

  it("finds the earliest long-career date for someone who started at 18", () => {
    const early = projectPension({
      birthDate: day("1970-09-14"),
      today: day("2026-11-21"),
      career: steadyCareer(1988, 2026, 26000),
    });
    const favourable = early.hypotheses.find((h) => h.id === "favourable");
    // Started before 20 (born 1970: 62 years), with 172 contributed quarters by then.
    assert.equal(favourable?.longCareerEarliestDate, "2032-10-01");
    assert.equal(early.hypotheses.find((h) => h.id === "noFurtherRights")?.longCareerEarliestDate, null);
  });
});
