import assert from "node:assert/strict";
import { test } from "node:test";
import { projectPension } from "../rules/index.ts";
import { chartGeometry, longCareerOutlook, readBirthDate, readStartDate } from "./model.ts";
import { offersEstimate, offersGlobalEstimate, type SimulationSubject } from "./service.ts";

const today = { year: 2026, month: 11, day: 21 };

test("birth dates: each mistake gets its own French message", () => {
  assert.deepEqual(readBirthDate("14", "3", "1962", today), {
    ok: true,
    date: { year: 1962, month: 3, day: 14 },
  });
  const message = (d: string, m: string, y: string) => {
    const check = readBirthDate(d, m, y, today);
    return check.ok ? "" : check.message;
  };
  assert.match(message("", "", ""), /Indiquez votre date de naissance/);
  assert.match(message("14", "", ""), /indiquez le mois et l'année/);
  assert.match(message("1a", "3", "1962"), /que des chiffres/);
  assert.match(message("29", "2", "1963"), /Le 29\/2\/1963 n'existe pas/);
  assert.match(message("1", "1", "2027"), /dans le futur/);
  assert.deepEqual(readStartDate("", ""), { ok: true, date: undefined });
  assert.deepEqual(readStartDate("9", "2030"), { ok: true, date: { year: 2030, month: 9, day: 1 } });
  assert.equal(readStartDate("13", "2030").ok, false);
});

test("the estimate from 45, the EIG from 55, neither for a retiree", () => {
  const subject = (age: number, retiree = false) => ({ age, retiree }) as SimulationSubject;
  assert.equal(offersEstimate(subject(32)), false);
  assert.equal(offersEstimate(subject(44)), false);
  assert.equal(offersEstimate(subject(45)), true);
  assert.equal(offersGlobalEstimate(subject(54)), false);
  assert.equal(offersGlobalEstimate(subject(57)), true);
  assert.equal(offersEstimate(subject(64, true)), false);
});

test("chart: one series per hypothesis, points ordered by age inside the plot; long-career reason", () => {
  const career = Array.from({ length: 30 }, (_, i) => ({ year: 1990 + i, salary: 30000 }));
  const projection = projectPension({ birthDate: { year: 1968, month: 5, day: 4 }, today, career });
  const chart = chartGeometry(projection);
  assert.equal(chart.series.length, 5);
  for (const series of chart.series) {
    assert.equal(series.points.length, 3);
    for (const [i, point] of series.points.entries()) {
      assert.ok(point.x >= chart.plot.left && point.x <= chart.plot.right);
      assert.ok(point.y >= chart.plot.top && point.y <= chart.plot.bottom);
      if (i > 0) assert.ok(point.x >= (series.points[i - 1]?.x ?? 0));
    }
  }
  const outlook = longCareerOutlook(projection);
  assert.equal(outlook.asItStands, null);
  assert.match(outlook.reason ?? "", /assez jeune|il en manquerait/);
});
