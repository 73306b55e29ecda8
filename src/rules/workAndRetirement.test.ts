import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCommand } from "./contract.ts";
import { day } from "./testing.ts";
import { simulatePhasedRetirement, simulateWorkingWhileRetired } from "./workAndRetirement.ts";

describe("phased retirement", () => {
  // service-public F13249: working at 60 % gives 40 % of the pension (« fraction = 100 % − durée de travail »).
  it("pays 100 % minus the working time, from 2 years before the legal age with 150 quarters", () => {
    const ok = simulatePhasedRetirement({
      birthDate: day("1965-05-10"),
      date: day("2026-09-01"),
      quarters: 160,
      workingShare: 0.6,
      pensionAnnual: 12000,
    });
    assert.equal(ok.eligible, true);
    assert.equal(ok.fraction, 0.4);
    assert.equal(ok.annual, 4800);
    const young = simulatePhasedRetirement({
      birthDate: day("1970-05-10"),
      date: day("2026-09-01"),
      quarters: 160,
      workingShare: 0.6,
      pensionAnnual: 12000,
    });
    assert.equal(young.eligible, false);
    const few = simulatePhasedRetirement({
      birthDate: day("1965-05-10"),
      date: day("2026-09-01"),
      quarters: 149,
      workingShare: 0.6,
      pensionAnnual: 12000,
    });
    assert.equal(few.eligible, false);
    const full = simulatePhasedRetirement({
      birthDate: day("1965-05-10"),
      date: day("2026-09-01"),
      quarters: 160,
      workingShare: 0.9,
      pensionAnnual: 12000,
    });
    assert.equal(full.eligible, false);
  });
});

describe("working while retired", () => {
  it("is unlimited at full rate with every pension, with a second pension capped at 5 % of the PASS since 2024", () => {
    const r = simulateWorkingWhileRetired({
      birthDate: day("1958-01-10"),
      date: day("2026-03-01"),
      fullRate: true,
      allPensionsTaken: true,
      pensionsMonthly: 1800,
      earningsMonthly: 2500,
    });
    assert.equal(r.kind, "unlimited");
    assert.equal(r.reductionMonthly, 0);
    assert.equal(r.newRights, true);
    assert.equal(r.secondPensionCapAnnual, 2403);
  });

  it("is capped at the higher of 160 % of the SMIC and the last wage otherwise", () => {
    const r = simulateWorkingWhileRetired({
      birthDate: day("1958-01-10"),
      date: day("2026-03-01"),
      fullRate: false,
      allPensionsTaken: true,
      pensionsMonthly: 1500,
      earningsMonthly: 2500,
      lastWageMonthly: 3000,
    });
    assert.equal(r.kind, "capped");
    assert.equal(r.capMonthly, 3000);
    assert.equal(r.reductionMonthly, 1000);
    assert.equal(r.pensionsPaidMonthly, 500);
    assert.equal(r.newRights, false);
    const out = runCommand("workingWhileRetired", {
      birthDate: "1958-01-10",
      date: "2026-03-01",
      pensionsMonthly: 100,
      earningsMonthly: 100,
    }) as { kind: string };
    assert.equal(out.kind, "capped");
    const phased = runCommand("phasedRetirement", {
      birthDate: "1965-05-10",
      date: "2026-09-01",
      quarters: 160,
      workingShare: 0.5,
      pensionAnnual: 1000,
    }) as { annual: number };
    assert.equal(phased.annual, 500);
  });
});
