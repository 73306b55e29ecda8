import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { quarterThreshold } from "../rules/index.ts";
import { checkMessage } from "./messages.ts";
import {
  type CareerScheme,
  type CareerYear,
  careerChecks,
  careerGaps,
  careerStatement,
  missingMilitaryService,
  periodsAbroad,
  periodsOf,
  type QuarterCounts,
  wagesWithoutQuarter,
} from "./model.ts";

function line(
  year: number,
  salary: number,
  quarters: Partial<QuarterCounts> = {},
  scheme: CareerScheme = "general",
  employer: string | null = "Boulangerie Moreau SARL",
): CareerYear {
  return {
    year,
    scheme,
    employer,
    salary,
    quarters: { contributed: 0, unemployment: 0, sickness: 0, maternity: 0, military: 0, ...quarters },
  };
}

const woman = { sex: "F", birthYear: 1990 } as const;
const worked = (year: number) => line(year, 30_000, { contributed: 4 });

describe("career statement", () => {
  test("totals by kind, by scheme, and with child quarters", () => {
    const statement = careerStatement(
      [
        line(2010, 20_000, { contributed: 4 }),
        line(2011, 5_000, { contributed: 2, unemployment: 2 }),
        line(2012, 0, { military: 4 }),
        line(2013, 15_000, { contributed: 4 }, "self_employed", null),
        line(2013, 0, { sickness: 1 }),
      ],
      [
        { childId: 1, firstName: "Yanis", reason: "maternity", quarters: 4 },
        { childId: 1, firstName: "Yanis", reason: "education", quarters: 4 },
      ],
      woman,
    );
    assert.deepEqual(statement.byKind, {
      contributed: 10,
      unemployment: 2,
      sickness: 1,
      maternity: 0,
      military: 4,
    });
    assert.equal(statement.total, 17);
    assert.equal(statement.childQuartersTotal, 8);
    assert.equal(statement.totalWithChildQuarters, 25);
    assert.deepEqual(
      statement.schemes.map((s) => [s.scheme, s.firstYear, s.lastYear, s.total]),
      [
        ["general", 2010, 2013, 13],
        ["self_employed", 2013, 2013, 4],
      ],
    );
  });

  test("an empty career: zero everywhere, no check for a woman", () => {
    const statement = careerStatement([], [], woman);
    assert.equal(statement.total, 0);
    assert.deepEqual(statement.schemes, []);
    assert.deepEqual(statement.checks, []);
  });
});

describe("checks that prompt the person", () => {
  test("periods group consecutive years", () => {
    assert.deepEqual(periodsOf([2001, 2002, 2004, 2006, 2007]), [
      { from: 2001, to: 2002 },
      { from: 2004, to: 2004 },
      { from: 2006, to: 2007 },
    ]);
  });

  test("a wage above the threshold without quarter says how many quarters it should give", () => {
    const threshold = quarterThreshold(2015);
    const [check] = wagesWithoutQuarter([line(2015, Math.ceil(threshold * 4) + 10), worked(2016)]);
    assert.ok(check && check.kind === "wageWithoutQuarter");
    assert.equal(check.expectedQuarters, 4);
    assert.equal(check.threshold, threshold);
    assert.match(checkMessage(check).text, /vous devriez avoir 4 trimestres/);
  });

  test("a wage below the threshold is explained, not presented as an error", () => {
    const [check] = wagesWithoutQuarter([line(2015, 300)]);
    assert.ok(check && check.kind === "wageWithoutQuarter");
    assert.equal(check.expectedQuarters, 0);
    assert.match(checkMessage(check).text, /ce salaire n'y suffit pas/);
  });

  test("a credited quarter is a quarter: a small wage with unemployment is no prompt", () => {
    assert.deepEqual(wagesWithoutQuarter([line(2015, 300, { unemployment: 4 })]), []);
  });

  test("an empty period after salaried work is likely unemployment; after anything else, a gap", () => {
    const career = [
      worked(2000),
      worked(2001),
      line(2004, 20_000, { contributed: 4 }, "self_employed", null),
      line(2005, 0),
      line(2007, 20_000, { contributed: 4 }, "self_employed", null),
    ];
    assert.deepEqual(careerGaps(career), [
      {
        kind: "missingUnemployment",
        period: { from: 2002, to: 2003 },
        lastEmployer: "Boulangerie Moreau SARL",
      },
      { kind: "gap", period: { from: 2005, to: 2006 } },
    ]);
  });

  test("nothing before the first or after the last year of activity is a gap", () => {
    assert.deepEqual(careerGaps([worked(2000), worked(2001)]), []);
    assert.deepEqual(careerGaps([]), []);
  });

  test("military service: men born before 1979 without military quarters", () => {
    assert.deepEqual(missingMilitaryService([worked(1998)], { sex: "M", birthYear: 1976 }), [
      { kind: "missingMilitaryService", birthYear: 1976 },
    ]);
    assert.deepEqual(missingMilitaryService([worked(1998)], { sex: "M", birthYear: 1978 }).length, 1);
    assert.deepEqual(missingMilitaryService([worked(2000)], { sex: "M", birthYear: 1979 }), []);
    assert.deepEqual(missingMilitaryService([worked(1998)], { sex: "F", birthYear: 1976 }), []);
    assert.deepEqual(
      missingMilitaryService([line(1996, 0, { military: 4 }), worked(1998)], { sex: "M", birthYear: 1976 }),
      [],
    );
  });

  test("periods abroad are grouped", () => {
    const abroad = (year: number) => line(year, 0, { contributed: 4 }, "abroad", null);
    assert.deepEqual(periodsAbroad([worked(2000), abroad(2001), abroad(2002), worked(2003), abroad(2004)]), [
      { kind: "abroad", period: { from: 2001, to: 2002 } },
      { kind: "abroad", period: { from: 2004, to: 2004 } },
    ]);
  });

  test("all checks in the order of the career, each with a plain French title, text and proof", () => {
    const checks = careerChecks(
      [
        worked(1996),
        line(1998, 0, {}, "abroad", null),
        line(1999, 0, { contributed: 4 }, "abroad", null),
        worked(2001),
        line(2002, 25_000),
      ],
      { sex: "M", birthYear: 1975 },
    );
    assert.deepEqual(
      checks.map((c) => c.kind),
      ["missingMilitaryService", "missingUnemployment", "abroad", "gap", "wageWithoutQuarter"],
    );
    for (const check of checks) {
      const message = checkMessage(check);
      for (const text of [message.title, message.text, message.proof]) assert.ok(text.length > 10, text);
    }
    assert.equal(checkMessage(checks[1] as never).title, "En 1997 : une période de chômage manque peut-être");
    assert.equal(checkMessage(checks[3] as never).title, "En 2000 : rien n'est inscrit");
  });
});
