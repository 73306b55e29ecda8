import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { computeBuyback } from "./buyback.ts";
import { runCommand } from "./contract.ts";
import data from "./params/buyback.json" with { type: "json" };
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

  // Rows 37–66. https://www.credit-et-banque.com/cout-du-rachat-de-trimestres-pour-la-retraite/ (2025) :
  // « 37 ans 1 886 € 6,79 % 2 515 € 2 795 € 10,06 % ».
  // https://www.boursorama.com/patrimoine/actualites/le-nouveau-bareme-des-rachats-de-trimestres-pour-2024-35e7bc643f2eca6c64af19ec1886f025 :
  // « contre respectivement 3.044 euros et 4.512 euros pour un assuré au même salaire âgé de 66 ans ».
  // https://planet.fr/retraite-retraite-les-rachats-de-trimestre-echelonnes-coutent-desormais-moins-cher.2976069.687329.html :
  // « si vous aviez 62 ans […] un salaire supérieur à 43 992 euros, il vous en coûtera 4 510 euros par trimestre au titre du
  // "taux seul" ». Circulaire Cnav n° 2025-01 du 13 janvier 2025 (relevé public, sources.transcription2025 du barème) :
  // 45 ans, taux et durée, « 3 506 € | 12,62 % | 4 674 € ».
  it("matches the published rows from 37 to 66 years", () => {
    const at37 = { birthDate: day("1988-01-10"), date: day("2025-06-01"), quarters: 1 };
    assert.equal(computeBuyback({ ...at37, option: "rate", incomeAnnual: 30000 }).costPerQuarter, 1886);
    assert.equal(computeBuyback({ ...at37, option: "rate", incomeAnnual: 40000 }).costPerQuarter, 2716);
    assert.equal(computeBuyback({ ...at37, option: "rate", incomeAnnual: 50000 }).costPerQuarter, 2515);
    assert.equal(
      computeBuyback({ ...at37, option: "rateAndDuration", incomeAnnual: 30000 }).costPerQuarter,
      2795,
    );
    assert.equal(
      computeBuyback({ ...at37, option: "rateAndDuration", incomeAnnual: 40000 }).costPerQuarter,
      4024,
    );

    const at45 = {
      birthDate: day("1980-03-01"),
      date: day("2025-04-15"),
      quarters: 1,
      option: "rateAndDuration" as const,
    };
    assert.equal(computeBuyback({ ...at45, incomeAnnual: 30000 }).costPerQuarter, 3506);
    assert.equal(computeBuyback({ ...at45, incomeAnnual: 42000 }).costPerQuarter, 5300.4);
    assert.equal(computeBuyback({ ...at45, incomeAnnual: 47100 }).costPerQuarter, 4674);

    const at62 = computeBuyback({
      birthDate: day("1964-01-10"),
      date: day("2026-04-15"),
      quarters: 12,
      option: "rate",
      incomeAnnual: 60000,
    });
    assert.equal(at62.age, 62);
    assert.equal(at62.costPerQuarter, 4510);
    assert.equal(at62.total, 54120);

    const at66 = { birthDate: day("1960-02-01"), date: day("2026-04-15"), quarters: 1, incomeAnnual: 20000 };
    assert.equal(computeBuyback({ ...at66, option: "rate" }).costPerQuarter, 3044);
    assert.equal(computeBuyback({ ...at66, option: "rateAndDuration" }).costPerQuarter, 4512);
  });

  // The barème was built from one percentage per age: low = % × 75 % and high = % × the 2013 ceiling (37 032 €),
  // rounded; the published rows 20–36 stray from it by at most 2,07 €. A mistyped amount or percentage would not.
  it("records every age from 20 to 66, each row consistent with its percentage of the 2013 ceiling", () => {
    const ceiling2013 = socialSecurityCeiling(2013);
    assert.equal(ceiling2013, 37032);
    assert.deepEqual(
      data.rows.map((r) => r.age),
      Array.from({ length: 47 }, (_, i) => 20 + i),
    );
    for (const row of data.rows) {
      for (const scale of [row.rate, row.rateAndDuration]) {
        assert.ok(Math.abs(scale.low - scale.middleShare * 0.75 * ceiling2013) <= 2.1, `bas, ${row.age} ans`);
        assert.ok(Math.abs(scale.high - scale.middleShare * ceiling2013) <= 2.1, `haut, ${row.age} ans`);
      }
      assert.ok(row.rateAndDuration.low > row.rate.low, `options, ${row.age} ans`);
    }
  });

  it("refuses outside 20–66 years and more than 12 quarters", () => {
    const base = { date: day("2026-04-15"), quarters: 1, option: "rate" as const, incomeAnnual: 30000 };
    assert.throws(() => computeBuyback({ ...base, birthDate: day("2007-01-01") }), /20 à 66 ans/);
    assert.throws(() => computeBuyback({ ...base, birthDate: day("1958-01-01") }), /20 à 66 ans/);
    assert.throws(() => computeBuyback({ ...base, birthDate: day("1990-01-01"), quarters: 13 }), /12/);
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
