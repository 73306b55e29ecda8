import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { computeAverageSalary } from "./averageSalary.ts";
import { compareDates } from "./dates.ts";
import steps from "./params/salaryRevaluation.json" with { type: "json" };
import cnav from "./params/salaryRevaluationCnav.json" with { type: "json" };
import {
  FIRST_SERIES_YEAR,
  firstCoveredStartDate,
  lastRevaluedYear,
  revaluationCoefficients,
  revaluationExactFrom,
} from "./params.ts";
import { day } from "./testing.ts";

function coefficient(startDate: string, year: number): number {
  return revaluationCoefficients(day(startDate))[year - FIRST_SERIES_YEAR] ?? Number.NaN;
}

const columns = Object.entries(cnav.columns);

describe("salary revaluation: the Cnav's columns", () => {
  it("each published column is the previous one times the new factor, truncated to the thousandth", () => {
    // The rule the engine inverts to rebuild the columns before 2017-10: checked on every published pair.
    const factorOn = new Map(steps.steps.map((s) => [s.effective, Math.round(s.factor * 10000)]));
    for (let i = 1; i < columns.length; i++) {
      const [previousDate, previous] = columns[i - 1] ?? ["", {}];
      const [date, column] = columns[i] ?? ["", {}];
      // Between 2017-10 and 2019-01 the only step is 1 January 2018, a factor of 1.
      const factor = factorOn.get(date);
      assert.ok(factor, `facteur du ${date}`);
      for (const [year, value] of Object.entries(column)) {
        const before = (previous as Record<string, number>)[year];
        if (before === undefined) continue;
        assert.equal(
          Math.floor((Math.round(before * 1000) * factor) / 10000),
          Math.round(value * 1000),
          `${previousDate} → ${date}, salaires ${year}`,
        );
      }
    }
  });

  it("applies the column of the pension's date of effect, published coefficients as printed", () => {
    for (const [date, column] of columns) {
      for (const [year, value] of Object.entries(column)) {
        if (Number(year) < FIRST_SERIES_YEAR) continue;
        assert.equal(coefficient(date, Number(year)), value, `${date}, salaires ${year}`);
      }
    }
    // Circulaire Cnav 2023-34 (pensions from 1 January 2024): 2023 wages 1,053; 2022 wages 1,103 (the
    // 1 January factor covers the previous year's wages, the +4 % of July 2022 is in).
    assert.equal(coefficient("2024-06-01", 2023), 1.053);
    assert.equal(coefficient("2024-06-01", 2022), 1.103);
    // Circulaire Cnav 2022-19: a pension from 1 August 2022 revalues 2022 wages by the mid-year 1,04.
    assert.equal(coefficient("2022-08-01", 2022), 1.04);
    // Wages of the year the column does not reach yet are not revalued.
    assert.equal(coefficient("2025-03-01", 2025), 1);
  });

  it("rebuilds the 2012 column exactly: circulaire Cnav 2012/35", () => {
    // https://www.toutsurmesfinances.com/retraite/retraite-publication-des-coefficients-de-revalorisation-2012-des-salaires-pour-le-calcul-des-pensions-cnav.html
    // "2012 | 1,021 | 1973 | 6,165 | 2011 | 1,042 | 1972 | 6,672 | 2010 | 1,051 | 1971 | 7,404 | 2009 | 1,061
    //  | 1970 | 8,254 | 2008 | 1,07 | 1969 | 9,085 | 2007 | 1,081 | 1968 | 10,481 | 2006 | 1,1 | 1967 |
    //  11,371 | 2005 | 1,119 | 1966 | 12,009 | 2004 | 1,139 | 1965 | 12,709 | 2003 | 1,157 | 1964 | 13,587
    //  | 2002 | 1,176 | 1963 | 15,082 | 2001 | 1,203"
    const published: Record<number, number> = {
      2012: 1.021,
      2011: 1.042,
      2010: 1.051,
      2009: 1.061,
      2008: 1.07,
      2007: 1.081,
      2006: 1.1,
      2005: 1.119,
      2004: 1.139,
      2003: 1.157,
      2002: 1.176,
      2001: 1.203,
      1973: 6.165,
      1972: 6.672,
      1971: 7.404,
      1970: 8.254,
      1969: 9.085,
      1968: 10.481,
      1967: 11.371,
      1966: 12.009,
      1965: 12.709,
      1964: 13.587,
      1963: 15.082,
    };
    for (const [year, value] of Object.entries(published)) {
      assert.equal(coefficient("2012-04-01", Number(year)), value, `salaires ${year}`);
      // The column holds until the next revaluation (1 April 2013).
      assert.equal(coefficient("2013-03-01", Number(year)), value, `salaires ${year}`);
    }
  });

  it("every pension the engine covers gets an exact column (rebuilt without loss back to 1990)", () => {
    assert.ok(compareDates(revaluationExactFrom, firstCoveredStartDate) <= 0);
    assert.deepEqual(revaluationExactFrom, day("1990-01-01"));
  });

  it("a 1 January column covers the previous year's wages, a mid-year one its own year's", () => {
    assert.equal(lastRevaluedYear(day("2024-01-01")), 2023);
    assert.equal(lastRevaluedYear(day("2012-04-01")), 2012);
    assert.equal(coefficient("2013-06-01", 2013), 1.013);
    assert.equal(coefficient("2008-02-01", 2007), 1.011);
  });

  it("a wage of 2023 counts 5,3 % more in a 2024 average salary", () => {
    const sam = computeAverageSalary([{ year: 2023, salary: 30000 }], day("2024-09-01"), 25);
    assert.equal(sam.averageSalary, 31590);
  });
});
