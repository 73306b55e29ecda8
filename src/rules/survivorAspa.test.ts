import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { computeAspa } from "./aspa.ts";
import { computeSurvivorPension, survivorResourcesCeiling } from "./survivor.ts";
import { day } from "./testing.ts";

describe("survivor pension", () => {
  it("uses 2080 hours of minimum wage as resources ceiling, 1.6 times for a couple", () => {
    // https://www.adcf.org/pension-de-reversion-les-nouveaux-montants-et-plafonds-de-ressources-pour-2026
    // "25 001,60 euros pour une personne seule et 40 002,56 euros pour les couples"
    assert.ok(Math.abs(survivorResourcesCeiling(day("2026-03-01"), false) - 25001.6) < 0.005);
    assert.ok(Math.abs(survivorResourcesCeiling(day("2026-03-01"), true) - 40002.56) < 0.005);
    // https://www.abcbourse.com/marches/ce-chiffre-a-ne-surtout-pas-depasser-en-2025-si-vous-touchez-une-pension-de-reve_679299
    // "24 710,40 € pour une personne seule et à 39 536,64 € pour un couple" (2025) ;
    // https://econostrum.info/retraite-plafond-ressources-pension-de-reversion : "24 232 euros" / "38 771,20 euros" (2024)
    assert.ok(Math.abs(survivorResourcesCeiling(day("2025-07-01"), false) - 24710.4) < 0.005);
    assert.ok(Math.abs(survivorResourcesCeiling(day("2025-07-01"), true) - 39536.64) < 0.005);
    assert.ok(Math.abs(survivorResourcesCeiling(day("2024-07-01"), false) - 24232) < 0.005);
    assert.ok(Math.abs(survivorResourcesCeiling(day("2024-07-01"), true) - 38771.2) < 0.005);
  });

  it("pays 54 % of the deceased's pension under the ceiling", () => {
    const result = computeSurvivorPension({
      date: day("2026-03-01"),
      survivorBirthDate: day("1960-05-01"),
      deceasedPensionAnnual: 18000,
      survivorResourcesAnnual: 10000,
    });
    assert.equal(result.eligible, true);
    assert.equal(result.annual, 9720);
    assert.equal(result.monthly, 810);
  });

  it("reduces the pension so resources plus pension fit under the ceiling", () => {
    const result = computeSurvivorPension({
      date: day("2026-03-01"),
      survivorBirthDate: day("1960-05-01"),
      deceasedPensionAnnual: 18000,
      survivorResourcesAnnual: 20000,
    });
    assert.equal(result.beforeCeilingAnnual, 9720);
    assert.equal(result.annual, 5001.6);
  });

  it("refuses before 55 and above the ceiling", () => {
    const young = computeSurvivorPension({
      date: day("2026-03-01"),
      survivorBirthDate: day("1975-05-01"),
      deceasedPensionAnnual: 18000,
      survivorResourcesAnnual: 0,
    });
    assert.equal(young.eligible, false);
    const rich = computeSurvivorPension({
      date: day("2026-03-01"),
      survivorBirthDate: day("1950-05-01"),
      deceasedPensionAnnual: 18000,
      survivorResourcesAnnual: 30000,
    });
    assert.equal(rich.eligible, false);
    assert.equal(rich.annual, 0);
  });

  it("shares the pension between spouses by length of marriage (published example)", () => {
    // https://ppc-conseils.fr/regles-percevoir-pensions-reversion : pension of 1 000 € a month, Mme A married
    // 134 months, Mme B 372 months; "La pension de réversion étant égale à 540 € ... Mme A : (134 / 506) x 540 = 143 €"
    const result = computeSurvivorPension({
      date: day("2020-09-01"),
      survivorBirthDate: day("1950-03-01"),
      deceasedPensionAnnual: 12000,
      survivorResourcesAnnual: 0,
      marriages: [
        { name: "Mme A", months: 134 },
        { name: "Mme B", months: 372 },
      ],
    });
    const [a, b] = result.shares ?? [];
    assert.ok(a && b);
    assert.ok(Math.abs(a.monthly - 143) <= 1);
    assert.ok(Math.abs(a.monthly + b.monthly - 540) <= 0.01);
  });

  it("shares the pension between spouses by length of marriage", () => {
    const result = computeSurvivorPension({
      date: day("2026-03-01"),
      survivorBirthDate: day("1955-05-01"),
      deceasedPensionAnnual: 24000,
      survivorResourcesAnnual: 0,
      marriages: [
        { name: "Claire", months: 300 },
        { name: "Anne", months: 100 },
      ],
    });
    assert.deepEqual(result.shares, [
      { name: "Claire", monthly: 810 },
      { name: "Anne", monthly: 270 },
    ]);
    assert.equal(result.monthly, 810);
  });
});

describe("ASPA", () => {
  it("tops resources up to the published monthly maximum", () => {
    // https://www.clicanoo.com/social/aspa-2025-les-plafonds-de-revenus-pour-toucher-lallocation-de-solidarite-aux-personnes-agees-5598.html
    // 2025 : "1 034,28" € (personne seule) et "1 605,73" € (couple) par mois
    assert.equal(
      computeAspa({ date: day("2025-06-01"), household: "single", resourcesMonthly: 0 }).monthly,
      1034.28,
    );
    assert.equal(
      computeAspa({ date: day("2025-06-01"), household: "couple", resourcesMonthly: 0 }).monthly,
      1605.73,
    );
    const partial = computeAspa({ date: day("2025-06-01"), household: "single", resourcesMonthly: 700 });
    assert.equal(partial.monthly, 334.28);
    assert.equal(partial.eligible, true);
  });

  it("is not due above the ceiling or before 65", () => {
    assert.equal(
      computeAspa({ date: day("2026-02-01"), household: "single", resourcesMonthly: 1100 }).eligible,
      false,
    );
    const young = computeAspa({
      date: day("2026-02-01"),
      household: "single",
      resourcesMonthly: 0,
      birthDate: day("1965-01-01"),
    });
    assert.equal(young.eligible, false);
    assert.match(young.explanation[0]?.text ?? "", /65 ans/);
  });
});
