import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { computeComplementary, permanentCoefficient, pointsForYear } from "./complementary.ts";
import { runCommand } from "./contract.ts";
import { socialSecurityCeiling } from "./params.ts";
import { day, steadyCareer } from "./testing.ts";

describe("Agirc-Arrco points", () => {
  // https://old.mareformedesretraites.fr/agirc-arrco-1-de-revalorisation-des-pensions-de-retraite-complementaire :
  // « une personne qui touche un salaire mensuel brut de 2000 € par mois, obtiendra 85,53 points AGIRC-ARRCO
  // au titre de l'année 2021, soit une pension annuelle brute de 108,74 €. A partir du 1er janvier 2022, cette
  // personne obtiendra 85,36 points AGIRC-ARRCO, soit une pension annuelle brute de 109,61 €. »
  it("matches the published 2021 and 2022 examples (2 000 € a month)", () => {
    assert.equal(pointsForYear(2021, 24000), 85.53);
    assert.equal(pointsForYear(2022, 24000), 85.36);
    const y2021 = computeComplementary({
      birthDate: day("1955-06-15"),
      startDate: day("2021-10-01"),
      career: [{ year: 2021, salary: 24000 }],
    });
    assert.equal(y2021.pointValue, 1.2714);
    assert.ok(Math.abs(y2021.annual - 108.74) <= 0.01, String(y2021.annual));
    const y2022 = computeComplementary({
      birthDate: day("1955-06-15"),
      startDate: day("2021-11-01"),
      career: [{ year: 2022, salary: 24000 }],
    });
    assert.equal(y2022.pointValue, 1.2841);
    assert.ok(Math.abs(y2022.annual - 109.61) <= 0.01, String(y2022.annual));
  });

  it("splits the wage into tranche 1 (6,20 %) and tranche 2 (17 %) since 2019", () => {
    const ceiling = socialSecurityCeiling(2025);
    const expected = (ceiling * 0.062 + ceiling * 0.17) / 20.1877;
    assert.equal(pointsForYear(2025, 2 * ceiling), Math.round(expected * 100) / 100);
    // Above 8 ceilings nothing more is counted.
    assert.equal(pointsForYear(2025, 8 * ceiling), pointsForYear(2025, 20 * ceiling));
  });

  it("counts tranche 2 only up to 3 ceilings before 2019 (non-managers)", () => {
    const ceiling = socialSecurityCeiling(2010);
    assert.equal(pointsForYear(2010, 3 * ceiling), pointsForYear(2010, 5 * ceiling));
    assert.ok(pointsForYear(2010, 3 * ceiling) > pointsForYear(2010, 2 * ceiling));
  });

  it("converts UNIRS points before 1999 at 0,387417", () => {
    const ceiling = socialSecurityCeiling(1990);
    const unirs = (ceiling * 0.04) / 2.9437905228543944;
    assert.equal(pointsForYear(1990, ceiling), Math.round(unirs * 0.387417 * 100) / 100);
    assert.equal(pointsForYear(1961, ceiling), 0);
  });
});

describe("Agirc-Arrco coefficients", () => {
  // openfisca-france-pension, arrco/coefficient_de_minoration.yaml (documentation): « il est de 0,43 à AAD - 10 ans,
  // de 0,4475 à AAD - 9 ans et 3 trimestres, de 0,465 à AAD - 9 ans et 2 trimestres ».
  it("reduces permanently by the Arrco table, linear by quarter", () => {
    assert.equal(permanentCoefficient(0), 1);
    assert.equal(permanentCoefficient(4), 0.96);
    assert.equal(permanentCoefficient(12), 0.88);
    assert.equal(permanentCoefficient(20), 0.78);
    assert.equal(permanentCoefficient(38), 0.465);
    assert.equal(permanentCoefficient(39), 0.4475);
    assert.equal(permanentCoefficient(40), 0.43);
  });

  it("applies the solidarity coefficient for 3 years to a 2020 departure at the full-rate date", () => {
    const result = computeComplementary({
      birthDate: day("1958-03-10"),
      startDate: day("2020-04-01"),
      points: 5000,
      reductionQuarters: 0,
    });
    assert.equal(result.coefficient, 0.9);
    assert.deepEqual(result.coefficientUntil, day("2023-04-01"));
    assert.equal(result.annual, Math.round(5000 * 1.2714 * 0.9 * 100) / 100);
    assert.equal(result.annualAfter, Math.round(5000 * 1.2714 * 100) / 100);
  });

  it("stops the solidarity coefficient on 1 April 2024 for pensions taken in 2022", () => {
    const result = computeComplementary({
      birthDate: day("1960-01-10"),
      startDate: day("2022-02-01"),
      points: 5000,
    });
    assert.equal(result.coefficient, 0.9);
    assert.deepEqual(result.coefficientUntil, day("2024-04-01"));
  });

  it("no longer applies it to pensions from 1 December 2023", () => {
    const result = computeComplementary({
      birthDate: day("1961-08-10"),
      startDate: day("2023-12-01"),
      points: 5000,
    });
    assert.equal(result.coefficient, 1);
    assert.equal(result.coefficientUntil, undefined);
  });

  it("spares people born before 1957 and those who deferred a year", () => {
    const old = computeComplementary({
      birthDate: day("1956-12-31"),
      startDate: day("2020-01-01"),
      points: 100,
    });
    assert.equal(old.coefficient, 1);
    const deferred = computeComplementary({
      birthDate: day("1958-03-10"),
      startDate: day("2021-04-01"),
      fullRateDate: day("2020-04-01"),
      points: 100,
    });
    assert.equal(deferred.coefficient, 1);
    const bonus = computeComplementary({
      birthDate: day("1958-03-10"),
      startDate: day("2022-04-01"),
      fullRateDate: day("2020-04-01"),
      points: 100,
    });
    assert.equal(bonus.coefficient, 1.1);
  });

  it("gives the survivor 60 % of the points, from 55", () => {
    const result = computeComplementary({
      birthDate: day("1962-01-01"),
      startDate: day("2026-01-01"),
      points: 1000,
    });
    assert.equal(result.survivor.share, 0.6);
    assert.equal(result.survivor.minimumAge, 55);
    assert.equal(result.survivor.annual, Math.round(1000 * 1.4386 * 0.6 * 100) / 100);
  });
});

describe("complementary properties", () => {
  const yearArb = fc.integer({ min: 1962, max: 2030 });
  it("a higher wage never gives fewer points", () => {
    fc.assert(
      fc.property(
        yearArb,
        fc.double({ min: 0, max: 600000, noNaN: true }),
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        (year, salary, raise) => {
          assert.ok(pointsForYear(year, salary + raise) >= pointsForYear(year, salary));
        },
      ),
    );
  });

  it("more points or higher wages never lower the pension", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1995, max: 2024 }),
        fc.double({ min: 0, max: 150000, noNaN: true }),
        fc.double({ min: 0, max: 50000, noNaN: true }),
        fc.integer({ min: 0, max: 20 }),
        (first, salary, raise, reductionQuarters) => {
          const base = { birthDate: day("1962-05-01"), startDate: day("2026-06-01"), reductionQuarters };
          const low = computeComplementary({ ...base, career: steadyCareer(first, 2025, salary) });
          const high = computeComplementary({ ...base, career: steadyCareer(first, 2025, salary + raise) });
          assert.ok(high.points >= low.points);
          assert.ok(high.annual >= low.annual);
          const more = computeComplementary({ ...base, points: low.points + raise / 100 });
          assert.ok(more.annual >= low.annual);
        },
      ),
    );
  });
});

describe("complementary command", () => {
  it("answers the contract fields and refuses unknown ones", () => {
    const out = runCommand("complementary", {
      birthDate: "1962-05-01",
      startDate: "2026-06-01",
      career: [{ year: 2025, salary: 30000 }],
    }) as Record<string, unknown>;
    for (const key of ["points", "pointValue", "coefficient", "annual", "monthly", "explanation"]) {
      assert.ok(key in out, key);
    }
    assert.throws(
      () => runCommand("complementary", { birthDate: "1962-05-01", startDate: "2026-06-01" }),
      /career|points/,
    );
    assert.throws(() =>
      runCommand("complementary", {
        birthDate: "1962-05-01",
        startDate: "2026-06-01",
        points: 1,
        cadre: true,
      }),
    );
  });
});
