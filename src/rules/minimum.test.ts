import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { computeAspa } from "./aspa.ts";
import { runCommand } from "./contract.ts";
import { computePension } from "./pension.ts";
import { day } from "./testing.ts";

const cents = (n: number) => Math.round(n * 100) / 100;

describe("minimum contributif (issue 13, errors 2 to 5 and 7)", () => {
  // Born 1 January 1960: legal age 62, 167 quarters required and for the pro rata.
  const born1960 = day("1960-01-01");

  it("2025 amounts of the circular of 5 March 2025: 8 969,66 / 10 720,72 €", () => {
    const result = computePension({
      birthDate: born1960,
      startDate: day("2025-01-01"),
      averageSalary: 5000,
      quarters: { general: 167, allSchemes: 167, contributed: 167 },
    });
    assert.equal(result.minimumPension.applies, true);
    assert.equal(result.minimumPension.annual, 10720.72);
    const basic = computePension({
      birthDate: born1960,
      startDate: day("2025-01-01"),
      averageSalary: 5000,
      quarters: { general: 167, allSchemes: 167, contributed: 100 },
    });
    assert.equal(basic.minimumPension.annual, 8969.66);
  });

  it("before April 2009 the increase is pro-rated by contributed quarters, with no threshold", () => {
    // Born 1944 (152 quarters for the pro rata), pension on 1 January 2009: amounts of 1 September 2008,
    // 7 013,87 / 7 664,23 €.
    const result = computePension({
      birthDate: day("1944-01-01"),
      startDate: day("2009-01-01"),
      averageSalary: 3000,
      quarters: { general: 152, allSchemes: 152, contributed: 60 },
    });
    assert.equal(result.minimumPension.annual, cents(7013.87 + ((7664.23 - 7013.87) * 60) / 152));
    // From 1 April 2009 the same 60 contributed quarters give no increase at all.
    const after = computePension({
      birthDate: day("1944-01-01"),
      startDate: day("2009-04-01"),
      averageSalary: 3000,
      quarters: { general: 152, allSchemes: 152, contributed: 60 },
    });
    assert.equal(after.minimumPension.annual, 7084);
  });

  it("from April 2009 the surcote is added after the comparison with the minimum", () => {
    const result = computePension({
      birthDate: born1960,
      startDate: day("2024-01-01"),
      averageSalary: 10000,
      quarters: { general: 171, allSchemes: 171, contributed: 171, afterLegalAge: 4 },
    });
    // Calculated pension 10 000 × 50 % = 5 000 €, surcote 4 × 1,25 % = 250 €, minimum 10 513,61 €.
    assert.equal(result.minimumPension.applies, true);
    assert.equal(result.pension.annual, cents(10513.61 + 250));
    assert.ok(result.explanation.some((s) => s.rule === "bonusAfterMinimum"));
  });

  it("with other schemes beyond the reference duration, the general-scheme duration is pro-rated", () => {
    const result = computePension({
      birthDate: born1960,
      startDate: day("2024-01-01"),
      averageSalary: 5000,
      quarters: { general: 100, allSchemes: 200, contributed: 150 },
    });
    // 100 / 200 of the basic minimum, 100 / 200 of the increase: half of 10 513,61 €.
    assert.equal(result.minimumPension.annual, cents(10513.61 / 2));
  });

  it("counts up to 24 AVPF or caregiver quarters for the 120-quarter threshold", () => {
    const input = {
      birthDate: born1960,
      startDate: day("2024-01-01"),
      averageSalary: 5000,
      quarters: { general: 167, allSchemes: 167, contributed: 100, avpf: 30 },
    };
    const result = computePension(input);
    // 100 + 24 ≥ 120: increased minimum, increase pro-rated by 124 / 167.
    assert.equal(result.minimumPension.annual, cents(8796.38 + ((10513.61 - 8796.38) * 124) / 167));
    const without = computePension({ ...input, quarters: { ...input.quarters, avpf: 0 } });
    assert.equal(without.minimumPension.annual, 8796.38);
    const parsed = runCommand("pension", {
      birthDate: "1960-01-01",
      startDate: "2024-01-01",
      averageSalary: 5000,
      quarters: { general: 167, allSchemes: 167, contributed: 100, avpf: 30 },
    }) as { minimumPension: { annual: number } };
    assert.equal(parsed.minimumPension.annual, result.minimumPension.annual);
  });
});

describe("full rate at the legal age (art. L351-8)", () => {
  const input = {
    birthDate: day("1963-03-10"),
    startDate: day("2026-01-01"),
    averageSalary: 20000,
    quarters: { general: 120, allSchemes: 120, contributed: 120 },
  };

  it("AAH, inaptitude, invalidity pension or a disability rate of 50 % give the full rate", () => {
    assert.ok(computePension(input).rate < 0.5);
    for (const situation of [
      { aah: true },
      { inaptitude: true },
      { invalidityPension: true },
      { disabilityRate: 50 },
    ]) {
      const result = computePension({ ...input, situation });
      assert.equal(result.rate, 0.5, JSON.stringify(situation));
      assert.equal(result.reductionQuarters, 0);
    }
    assert.ok(computePension({ ...input, situation: { disabilityRate: 49 } }).rate < 0.5);
  });

  it("is reached through the contract", () => {
    const result = runCommand("pension", {
      birthDate: "1963-03-10",
      startDate: "2026-01-01",
      averageSalary: 20000,
      quarters: { general: 120 },
      situation: { aah: true },
    }) as { rate: number; explanation: { text: string }[] };
    assert.equal(result.rate, 0.5);
    assert.ok(result.explanation.some((s) => s.text.includes("allocation aux adultes handicapés")));
  });
});

describe("child bonus (art. L351-12)", () => {
  const base = {
    birthDate: day("1960-01-01"),
    startDate: day("2024-01-01"),
    averageSalary: 40000,
    quarters: { general: 167, allSchemes: 167, contributed: 167 },
  };

  it("adds 10 % for three children, outside the 50 % cap, minimum included", () => {
    const two = computePension({ ...base, children: 2 });
    const three = computePension({ ...base, children: 3 });
    assert.deepEqual(two.childBonus, { rate: 0, annual: 0 });
    assert.equal(three.childBonus.rate, 0.1);
    assert.equal(three.childBonus.annual, 2000);
    assert.equal(three.pension.annual, 22000);
    const high = computePension({ ...base, averageSalary: 80000, children: 3 });
    assert.ok(high.pension.annual > high.basePension.annual);
    const low = computePension({ ...base, averageSalary: 5000, children: 4 });
    assert.equal(low.childBonus.annual, cents(10513.61 * 0.1));
  });

  it("more children never lower the pension", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }),
        fc.double({ min: 0, max: 90000, noNaN: true }),
        fc.integer({ min: 80, max: 180 }),
        fc.boolean(),
        (children, averageSalary, general, mother) => {
          const input = {
            ...base,
            averageSalary,
            mother,
            quarters: { general, allSchemes: general, contributed: general },
          };
          const fewer = computePension({ ...input, children });
          const more = computePension({ ...input, children: children + 1 });
          assert.ok(more.pension.annual >= fewer.pension.annual);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("ASPA couple with one eligible member", () => {
  it("compares the couple's resources with the couple's maximum, pays at most the single maximum", () => {
    // 2025: 12 411,44 € single (1 034,28 €/month), 19 268,80 € couple (1 605,73 €/month).
    const one = computeAspa({
      date: day("2025-06-01"),
      household: "couple",
      resourcesMonthly: 300,
      eligibleMembers: 1,
    });
    assert.equal(one.monthly, 1034.28);
    const both = computeAspa({ date: day("2025-06-01"), household: "couple", resourcesMonthly: 300 });
    assert.equal(both.monthly, 1305.73);
    const richer = computeAspa({
      date: day("2025-06-01"),
      household: "couple",
      resourcesMonthly: 1000,
      eligibleMembers: 1,
    });
    assert.equal(richer.monthly, 605.73);
    assert.throws(() =>
      runCommand("aspa", {
        date: "2025-06-01",
        household: "single",
        resourcesMonthly: 0,
        eligibleMembers: 2,
      }),
    );
  });
});
