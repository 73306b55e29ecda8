import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { funds } from "../reference/index.ts";
import {
  addDays,
  addWorkingDays,
  dueDate,
  easterSunday,
  holidaysOf,
  isKnownFund,
  isWorkingDay,
  nextWorkingDay,
  previousWorkingDay,
  UnknownFundError,
  workingDaysBetween,
} from "./calendar.ts";

const PARIS = "cnav-idf";
const ALSACE_MOSELLE = "carsat-alsace-moselle";

const datesOf = (fund: string, year: number) => holidaysOf(fund, year).map((holiday) => holiday.date);

test("Easter Sunday of known years (calendrier grégorien)", () => {
  assert.equal(easterSunday(2024), "2024-03-31");
  assert.equal(easterSunday(2025), "2025-04-20");
  assert.equal(easterSunday(2026), "2026-04-05");
  assert.equal(easterSunday(2027), "2027-03-28");
  assert.equal(easterSunday(2000), "2000-04-23");
  assert.equal(easterSunday(2038), "2038-04-25");
});

test("the eleven holidays of 2026 (service-public.fr, jours fériés 2026), named, in date order", () => {
  assert.deepEqual(holidaysOf(PARIS, 2026), [
    { date: "2026-01-01", name: "Jour de l'an" },
    { date: "2026-04-06", name: "Lundi de Pâques" },
    { date: "2026-05-01", name: "Fête du Travail" },
    { date: "2026-05-08", name: "Victoire 1945" },
    { date: "2026-05-14", name: "Ascension" },
    { date: "2026-05-25", name: "Lundi de Pentecôte" },
    { date: "2026-07-14", name: "Fête nationale" },
    { date: "2026-08-15", name: "Assomption" },
    { date: "2026-11-01", name: "Toussaint" },
    { date: "2026-11-11", name: "Armistice 1918" },
    { date: "2026-12-25", name: "Noël" },
  ]);
});

test("the Easter-based holidays of 2024, 2025 and 2027 (published calendars)", () => {
  // 2024: Easter 31 March; 2025: 20 April; 2027: 28 March.
  assert.deepEqual(
    datesOf(PARIS, 2024).filter((d) => ["2024-04-01", "2024-05-09", "2024-05-20"].includes(d)),
    ["2024-04-01", "2024-05-09", "2024-05-20"],
  );
  assert.ok(["2025-04-21", "2025-05-29", "2025-06-09"].every((d) => datesOf(PARIS, 2025).includes(d)));
  assert.ok(["2027-03-29", "2027-05-06", "2027-05-17"].every((d) => datesOf(PARIS, 2027).includes(d)));
  for (const year of [2024, 2025, 2026, 2027]) assert.equal(holidaysOf(PARIS, year).length, 11);
});

test("Alsace-Moselle adds Good Friday and Saint-Étienne (L3134-13), 2024 to 2027", () => {
  const goodFridays = { 2024: "2024-03-29", 2025: "2025-04-18", 2026: "2026-04-03", 2027: "2027-03-26" };
  for (const [year, goodFriday] of Object.entries(goodFridays)) {
    const holidays = holidaysOf(ALSACE_MOSELLE, Number(year));
    assert.equal(holidays.length, 13, year);
    assert.deepEqual(
      holidays.find((h) => h.date === goodFriday),
      { date: goodFriday, name: "Vendredi saint" },
    );
    assert.deepEqual(
      holidays.find((h) => h.date === `${year}-12-26`),
      { date: `${year}-12-26`, name: "Saint-Étienne" },
    );
    assert.equal(isWorkingDay(PARIS, goodFriday), true, "Good Friday is worked outside Alsace-Moselle");
  }
  assert.equal(isWorkingDay(ALSACE_MOSELLE, "2026-12-26"), false);
  assert.equal(isWorkingDay(ALSACE_MOSELLE, "2025-12-26"), false, "a Friday");
  assert.equal(isWorkingDay(PARIS, "2025-12-26"), true);
});

test("each overseas fund adds the abolition of slavery of its department (décret 83-1003), 2024 to 2027", () => {
  const days = {
    "cgss-guadeloupe": "05-27",
    "cgss-martinique": "05-22",
    "cgss-guyane": "06-10",
    "cgss-reunion": "12-20",
    "css-mayotte": "04-27",
  };
  for (const [fund, monthDay] of Object.entries(days)) {
    for (const year of [2024, 2025, 2026, 2027]) {
      const holidays = holidaysOf(fund, year);
      assert.equal(holidays.length, 12, `${fund} ${year}`);
      assert.deepEqual(
        holidays.find((h) => h.date === `${year}-${monthDay}`),
        { date: `${year}-${monthDay}`, name: "Abolition de l'esclavage" },
        `${fund} ${year}`,
      );
    }
    // The other overseas days are worked in this fund.
    for (const other of Object.values(days).filter((d) => d !== monthDay)) {
      assert.ok(!datesOf(fund, 2026).includes(`2026-${other}`), `${fund} 2026-${other}`);
    }
  }
  // Wednesday 27 May 2026 in Guadeloupe, Friday 22 May 2026 in Martinique, Monday 27 April 2026 in Mayotte.
  assert.equal(isWorkingDay("cgss-guadeloupe", "2026-05-27"), false);
  assert.equal(isWorkingDay("cgss-martinique", "2026-05-27"), true);
  assert.equal(isWorkingDay("cgss-martinique", "2026-05-22"), false);
  assert.equal(isWorkingDay("css-mayotte", "2026-04-27"), false);
});

test("every mainland fund but Alsace-Moselle has the eleven national holidays only", () => {
  const local = new Set([
    ALSACE_MOSELLE,
    "cgss-guadeloupe",
    "cgss-martinique",
    "cgss-guyane",
    "cgss-reunion",
    "css-mayotte",
  ]);
  for (const fund of funds) {
    if (local.has(fund.code)) continue;
    assert.deepEqual(holidaysOf(fund.code, 2027), holidaysOf("cnav", 2027), fund.code);
  }
  assert.equal(funds.filter((fund) => local.has(fund.code)).length, local.size, "every local fund exists");
});

test("an unknown fund is refused, not given the national calendar", () => {
  assert.equal(isKnownFund("carsat-atlantide"), false);
  assert.equal(isKnownFund("cnav"), true);
  assert.throws(() => holidaysOf("carsat-atlantide", 2026), UnknownFundError);
  assert.throws(() => isWorkingDay("carsat-atlantide", "2026-05-04"), /Caisse inconnue/);
});

test("weekends and holidays are not working days; the next working day skips them", () => {
  assert.equal(isWorkingDay(PARIS, "2026-11-20"), true, "a Friday");
  assert.equal(isWorkingDay(PARIS, "2026-11-21"), false, "a Saturday");
  assert.equal(isWorkingDay(PARIS, "2026-11-11"), false, "Armistice, a Wednesday");
  assert.equal(nextWorkingDay(PARIS, "2026-05-08"), "2026-05-11", "Friday 8 May → Monday 11");
  assert.equal(nextWorkingDay(PARIS, "2026-12-25"), "2026-12-28");
  assert.equal(nextWorkingDay(ALSACE_MOSELLE, "2025-12-25"), "2025-12-29", "Thursday 25, Friday 26 December");
  assert.equal(previousWorkingDay(ALSACE_MOSELLE, "2026-04-06"), "2026-04-02", "Easter Monday, Good Friday");
  assert.equal(previousWorkingDay(PARIS, "2026-04-06"), "2026-04-03");
  assert.equal(addWorkingDays(PARIS, "2026-11-20", 2), "2026-11-24");
  assert.equal(workingDaysBetween(PARIS, "2026-11-20", "2026-11-24"), 2);
});

test("due dates: the day of receipt never counts; weekends and the fund's holidays are skipped", () => {
  // Thursday 2 April 2026, 3 working days: Friday 3 (worked in Paris, Good Friday in Alsace-Moselle),
  // Monday 6 is Easter Monday.
  assert.equal(dueDate(PARIS, new Date("2026-04-02T09:00:00+02:00"), 3), "2026-04-08");
  assert.equal(dueDate(ALSACE_MOSELLE, new Date("2026-04-02T09:00:00+02:00"), 3), "2026-04-09");
  // Saturday 23 May 2026 counts from that Saturday: Monday 25 is Whit Monday, Tuesday 26 the first day.
  assert.equal(dueDate(PARIS, new Date("2026-05-23T10:00:00+02:00"), 1), "2026-05-26");
  // The same in Guadeloupe: Wednesday 27 May is the abolition day, so the 2nd working day is Thursday 28.
  assert.equal(dueDate(PARIS, new Date("2026-05-23T10:00:00+02:00"), 2), "2026-05-27");
  assert.equal(dueDate("cgss-guadeloupe", new Date("2026-05-23T10:00:00+02:00"), 2), "2026-05-28");
  // Friday 22:30 UTC is already Saturday in Paris: counted like a Saturday receipt, not a Friday one…
  assert.equal(dueDate(PARIS, new Date("2026-11-20T22:30:00Z"), 1), "2026-11-23");
  // …and Thursday 23:30 UTC is Friday in Paris: the 1st working day is Monday, not Friday.
  assert.equal(dueDate(PARIS, new Date("2026-11-19T23:30:00Z"), 1), "2026-11-23");
  assert.equal(dueDate(PARIS, new Date("2026-11-19T22:30:00Z"), 1), "2026-11-20", "still Thursday in Paris");
  // Réunion, 20 December 2027 is a Monday; Christmas on a Saturday.
  assert.equal(dueDate("cgss-reunion", "2027-12-17", 2), "2027-12-22");
  assert.equal(dueDate(PARIS, "2027-12-17", 2), "2027-12-21");
  // Alsace-Moselle, Thursday 24 December 2026: Friday 25 and Saturday 26, then Monday 28.
  assert.equal(dueDate(ALSACE_MOSELLE, "2026-12-24", 1), "2026-12-28");
});

test("adding n working days always lands on a working day n working days later, in every fund", () => {
  const codes = funds.map((fund) => fund.code);
  fc.assert(
    fc.property(
      fc.constantFrom(...codes),
      fc.integer({ min: 0, max: 3650 }),
      fc.integer({ min: 0, max: 60 }),
      (fund, offset, count) => {
        const start = addDays("2020-01-01", offset);
        const end = addWorkingDays(fund, start, count);
        assert.equal(workingDaysBetween(fund, start, end), count);
        if (count > 0) assert.equal(isWorkingDay(fund, end), true);
      },
    ),
  );
});
