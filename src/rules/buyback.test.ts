import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { computeBuyback } from "./buyback.ts";
import { runCommand } from "./contract.ts";
import { socialSecurityCeiling } from "./params.ts";
import { day } from "./testing.ts";

// https://www.moneyvox.fr/retraite/actualites/107556/voici-le-prix-un-rachat-de-trimestre-en-2026-pour-partir-plus-tot-ou-booster-votre-pension :
// taux seul, 2026 : « 20 ans | 1 055 € | 3,80 % du revenu annuel | 1 407 € », « 27 | 1 324 € | 4,77 % | 1 765 € »,
// tranches « < 36 045 € », « 36 045 € à 48 060 € », « > 48 060 € ».
// https://www.credit-et-banque.com/cout-du-rachat-de-trimestres-pour-la-retraite/ (2025, même barème) :
// « 20 ans 1 055 € 3,80 % 1 407 € 1 564 € 5,63 % 2 085 € », « 36 ans 1 828 € 6,58 % 2 438 € 2 709 € 9,76 % 3 613 € ».
describe("buy-back of quarters", () => {
  it("uses 75 % and 100 % of the 2026 ceiling as brackets", () => {
    assert.equal(socialSecurityCeiling(2026) * 0.75, 36045);
    assert.equal(socialSecurityCeiling(2026), 48060);
  });

  it("matches the published 2026 rate-only rows", () => {
    const at20 = {
      birthDate: day("2006-03-01"),
      date: day("2026-04-15"),
      quarters: 1,
      option: "rate" as const,
    };
    assert.equal(computeBuyback({ ...at20, incomeAnnual: 20000 }).costPerQuarter, 1055);
    assert.equal(computeBuyback({ ...at20, incomeAnnual: 40000 }).costPerQuarter, 1520);
    assert.equal(computeBuyback({ ...at20, incomeAnnual: 60000 }).costPerQuarter, 1407);
    const at27 = {
      birthDate: day("1998-06-01"),
      date: day("2026-04-15"),
      quarters: 4,
      option: "rate" as const,
    };
    const low = computeBuyback({ ...at27, incomeAnnual: 30000 });
    assert.equal(low.costPerQuarter, 1324);
    assert.equal(low.total, 5296);
    assert.equal(computeBuyback({ ...at27, incomeAnnual: 70000 }).costPerQuarter, 1765);
  });

  it("matches the published rate-and-duration rows", () => {
    const at20 = {
      birthDate: day("2005-03-01"),
      date: day("2025-04-15"),
      quarters: 1,
      option: "rateAndDuration" as const,
    };
    assert.equal(computeBuyback({ ...at20, incomeAnnual: 10000 }).costPerQuarter, 1564);
    assert.equal(computeBuyback({ ...at20, incomeAnnual: 90000 }).costPerQuarter, 2085);
    const at36 = {
      birthDate: day("1989-01-10"),
      date: day("2025-06-01"),
      quarters: 12,
      option: "rateAndDuration" as const,
    };
    assert.equal(computeBuyback({ ...at36, incomeAnnual: 35000 }).costPerQuarter, 2709);
    assert.equal(computeBuyback({ ...at36, incomeAnnual: 40000 }).costPerQuarter, 3904);
    assert.equal(computeBuyback({ ...at36, incomeAnnual: 47100 }).costPerQuarter, 3613);
  });

  it("refuses outside 20–66 years, more than 12 quarters, and ages whose row is not recorded", () => {
    const base = { date: day("2026-04-15"), quarters: 1, option: "rate" as const, incomeAnnual: 30000 };
    assert.throws(() => computeBuyback({ ...base, birthDate: day("2007-01-01") }), /20 à 66 ans/);
    assert.throws(() => computeBuyback({ ...base, birthDate: day("1958-01-01") }), /20 à 66 ans/);
    assert.throws(() => computeBuyback({ ...base, birthDate: day("1990-01-01"), quarters: 13 }), /12/);
    assert.throws(() => computeBuyback({ ...base, birthDate: day("1970-01-01") }), /pas encore enregistré/);
  });

  it("answers the buyback command", () => {
    const out = runCommand("buyback", {
      birthDate: "2006-03-01",
      date: "2026-04-15",
      quarters: 2,
      option: "rateAndDuration",
      incomeAnnual: 20000,
    }) as { costPerQuarter: number; total: number; explanation: unknown[] };
    assert.equal(out.costPerQuarter, 1564);
    assert.equal(out.total, 3128);
    assert.ok(out.explanation.length > 0);
    assert.throws(() =>
      runCommand("buyback", {
        birthDate: "2006-03-01",
        date: "2026-04-15",
        quarters: 2,
        option: "durée",
        incomeAnnual: 1,
      }),
    );
  });
});
