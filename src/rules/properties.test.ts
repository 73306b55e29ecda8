import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { legalAgeFor } from "./age.ts";
import { computeAverageSalary } from "./averageSalary.ts";
import { computeBasePensions, packDate } from "./batch.ts";
import type { CareerYear } from "./career.ts";
import type { CalendarDate } from "./dates.ts";
import { fromMonthIndex, monthIndex } from "./dates.ts";
import { pensionCapShare, reductionMaxQuarters, socialSecurityCeiling } from "./params.ts";
import type { PensionInput } from "./pension.ts";
import { computePension } from "./pension.ts";

const birthArb = fc
  .record({
    year: fc.integer({ min: 1944, max: 1985 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
  })
  .map((d): CalendarDate => d);

/** A start date at or after the legal age, up to nine years later. */
function startAfterLegalAge(birth: CalendarDate, extraMonths: number): CalendarDate {
  const first = legalAgeFor(birth).legalAgeStartDate;
  const candidate = fromMonthIndex(monthIndex(first) + extraMonths);
  const legal = legalAgeFor(birth, candidate).legalAgeStartDate;
  const start = monthIndex(candidate) >= monthIndex(legal) ? candidate : legal;
  return start.year < 2004 ? { year: 2004, month: 1, day: 1 } : start;
}

const personArb = fc.record({
  birth: birthArb,
  extraMonths: fc.integer({ min: 0, max: 108 }),
  averageSalary: fc.double({ min: 0, max: 80000, noNaN: true }),
  general: fc.integer({ min: 0, max: 190 }),
  otherSchemes: fc.integer({ min: 0, max: 40 }),
  contributedShare: fc.double({ min: 0, max: 1, noNaN: true }),
  afterLegalAge: fc.integer({ min: 0, max: 30 }),
  incapacity: fc.boolean(),
});

type Person = typeof personArb extends fc.Arbitrary<infer T> ? T : never;

function aggregateInput(p: Person, extraQuarters = 0): PensionInput {
  const general = p.general + extraQuarters;
  // The extra quarter is a contributed one: above the reference duration, an extra quarter that is not
  // contributed dilutes the contributed share of the minimum (art. L351-10 al. 1) by a cent or so.
  const contributed = Math.floor(p.general * p.contributedShare) + extraQuarters;
  return {
    birthDate: p.birth,
    startDate: startAfterLegalAge(p.birth, p.extraMonths),
    averageSalary: p.averageSalary,
    quarters: {
      general,
      allSchemes: general + p.otherSchemes,
      contributed,
      afterLegalAge: Math.min(p.afterLegalAge, contributed),
    },
    incapacity: p.incapacity,
  };
}

const careerArb = fc.array(
  fc.record({
    year: fc.integer({ min: 1975, max: 2023 }),
    salary: fc.double({ min: 0, max: 90000, noNaN: true }),
  }),
  { minLength: 1, maxLength: 45 },
);

describe("properties of the pension rules", () => {
  it("more quarters never lower the pension", () => {
    fc.assert(
      fc.property(personArb, (p) => {
        const fewer = computePension(aggregateInput(p));
        const more = computePension(aggregateInput(p, 1));
        assert.ok(
          more.pension.annual >= fewer.pension.annual,
          `${more.pension.annual} < ${fewer.pension.annual}`,
        );
      }),
      { numRuns: 300 },
    );
  });

  // A year that had no wage at all is not "a higher wage": it adds a year to the average, which lowers it
  // for careers shorter than the best-years count, as the law wants. Only paid years are raised here.
  it("a higher wage in any paid year never lowers the average salary", () => {
    fc.assert(
      fc.property(
        careerArb,
        fc.nat(),
        fc.double({ min: 0, max: 50000, noNaN: true }),
        (career, pick, raise) => {
          const start = { year: 2024, month: 1, day: 1 };
          const paid = career.flatMap((line, i) => (line.salary > 0 ? [i] : []));
          fc.pre(paid.length > 0);
          const index = paid[pick % paid.length] ?? 0;
          const raised = career.map((line, i) =>
            i === index ? { ...line, salary: line.salary + raise } : line,
          );
          const before = computeAverageSalary(career, start, 25).averageSalary;
          const after = computeAverageSalary(raised, start, 25).averageSalary;
          assert.ok(after >= before - 1e-9, `${after} < ${before}`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keeps the rate between its legal floor and 50 % before the bonus", () => {
    fc.assert(
      fc.property(personArb, (p) => {
        const input = aggregateInput(p);
        const result = computePension(input);
        const floor =
          0.5 *
          (1 - legalAgeFor(p.birth, input.startDate).generation.reductionPerQuarter * reductionMaxQuarters);
        assert.ok(result.rate <= 0.5 && result.rate >= floor - 1e-12, `taux ${result.rate}`);
      }),
      { numRuns: 300 },
    );
  });

  it("never pays more than half the ceiling before the bonus, unless raised to the minimum pension", () => {
    fc.assert(
      fc.property(personArb, (p) => {
        const input = aggregateInput(p);
        const result = computePension(input);
        const cap = pensionCapShare * socialSecurityCeiling(input.startDate.year);
        const beforeBonus = result.basePension.annual / (1 + result.bonusRate);
        assert.ok(beforeBonus <= cap + 0.01, `${beforeBonus} > ${cap}`);
      }),
      { numRuns: 300 },
    );
  });

  it("does not depend on the order of career years", () => {
    fc.assert(
      fc.property(birthArb, careerArb, fc.integer({ min: 0, max: 60 }), (birth, lines, extra) => {
        const start = startAfterLegalAge(birth, extra);
        const career: CareerYear[] = lines.filter((l) => l.year >= birth.year + 14 && l.year <= start.year);
        fc.pre(career.length > 0);
        const shuffled = [...career].reverse();
        const a = computePension({ birthDate: birth, startDate: start, career });
        const b = computePension({ birthDate: birth, startDate: start, career: shuffled });
        assert.deepEqual(a, b);
      }),
      { numRuns: 200 },
    );
  });

  it("the columnar batch gives the same pensions as the explained calculation", () => {
    fc.assert(
      fc.property(
        birthArb,
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 16, max: 25 }),
        fc.array(fc.double({ min: 0, max: 90000, noNaN: true }), { minLength: 1, maxLength: 46 }),
        fc.integer({ min: 0, max: 12 }),
        (birth, extra, startAge, wages, extraQuarters) => {
          const start = startAfterLegalAge(birth, extra);
          const firstYear = birth.year + startAge;
          const salaries = wages.slice(0, Math.max(1, start.year - firstYear + 1));
          fc.pre(firstYear <= start.year);
          const career = salaries.map((salary, i) => ({ year: firstYear + i, salary }));
          const single = computePension({
            birthDate: birth,
            startDate: start,
            career,
            childQuarters: extraQuarters,
          });
          const batch = computeBasePensions({
            count: 1,
            birthDate: Int32Array.of(packDate(birth)),
            startDate: Int32Array.of(packDate(start)),
            firstYear: Int32Array.of(firstYear),
            yearCount: Int32Array.of(salaries.length),
            offset: Int32Array.of(0),
            salaries: Float64Array.from(salaries),
            extraQuarters: Int32Array.of(extraQuarters),
          });
          assert.equal(batch.pensionAnnual[0], single.pension.annual);
          assert.equal(batch.averageSalary[0], single.averageSalary);
          assert.equal(batch.quarters[0], single.quarters.general);
        },
      ),
      { numRuns: 400 },
    );
  });
});
