import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  CONTACT,
  euros,
  frenchDay,
  frenchDayOfInstant,
  frenchMonth,
  frenchWeekday,
  parseAmount,
  parseFrenchDate,
  shortFrenchDate,
  yearsAndMonths,
} from "./format.ts";

test("dates are worded the French way: 1er, weekday, month", () => {
  assert.equal(frenchDay("2026-09-01"), "1er septembre 2026");
  assert.equal(frenchDay("2026-09-02"), "2 septembre 2026");
  assert.equal(frenchDay("2027-08-11"), "11 août 2027");
  assert.equal(frenchWeekday("2027-01-14"), "jeudi 14 janvier 2027");
  assert.equal(frenchWeekday("2026-12-01"), "mardi 1er décembre 2026");
  assert.equal(frenchWeekday("2027-02-01"), "lundi 1er février 2027");
  assert.equal(frenchMonth("2026-02"), "février 2026");
  assert.equal(frenchMonth("2026-12-25"), "décembre 2026");
  assert.equal(shortFrenchDate("1968-11-05"), "05/11/1968");
  // 31 December 23:30 UTC is already 1 January in Paris.
  assert.equal(frenchDayOfInstant(new Date("2026-12-31T23:30:00Z")), "1er janvier 2027");
});

test("dates are read as typed (JJ/MM/AAAA and its variants) or as ISO; impossible days are refused", () => {
  assert.equal(parseFrenchDate("05/11/1968"), "1968-11-05");
  assert.equal(parseFrenchDate(" 5/11/1968 "), "1968-11-05");
  assert.equal(parseFrenchDate("5.11.1968"), "1968-11-05");
  assert.equal(parseFrenchDate("5 11 1968"), "1968-11-05");
  assert.equal(parseFrenchDate("1968-11-05"), "1968-11-05");
  assert.equal(parseFrenchDate("29/02/2024"), "2024-02-29");
  for (const wrong of [
    "29/02/2023",
    "31/04/2026",
    "00/01/2026",
    "12/13/2026",
    "2026-13-01",
    "1968-11-5",
    "demain",
    "",
  ]) {
    assert.equal(parseFrenchDate(wrong), undefined, wrong);
  }
});

test("a date written short, or as an ISO date, reads back to itself", () => {
  fc.assert(
    fc.property(
      fc.date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true }),
      (d) => {
        const iso = d.toISOString().slice(0, 10);
        assert.equal(parseFrenchDate(shortFrenchDate(iso)), iso);
        assert.equal(parseFrenchDate(iso), iso);
        assert.match(frenchDay(iso), /^(1er|[12]?\d|3[01]) [a-zéû]+ \d{4}$/);
      },
    ),
  );
});

test("euros: narrow no-break space between thousands, no-break space before €; plain spaces for PDFs", () => {
  assert.equal(euros(1234.5), "1\u202f234,50\u00a0€");
  assert.equal(euros(1234567.891), "1\u202f234\u202f567,89\u00a0€");
  assert.equal(euros(0), "0,00\u00a0€");
  assert.equal(euros(987.6), "987,60\u00a0€");
  assert.equal(euros(1234.5, { pdf: true }), "1 234,50 €");
  assert.doesNotMatch(euros(1234567, { pdf: true }), /[\u202f\u00a0]/);
});

test("amounts are read as typed; a formatted amount reads back to itself", () => {
  assert.equal(parseAmount("1 234,56"), 1234.56);
  assert.equal(parseAmount("1234.5"), 1234.5);
  assert.equal(parseAmount("1 234,56 €"), 1234.56);
  assert.equal(parseAmount("1\u202f234,56\u00a0€"), 1234.56);
  for (const wrong of ["", "abc", "-3", "12,345", "1,2,3"])
    assert.equal(parseAmount(wrong), undefined, wrong);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 10_000_000_00 }), (cents) => {
      assert.equal(parseAmount(euros(cents / 100)), cents / 100);
      assert.equal(parseAmount(euros(cents / 100, { pdf: true })), cents / 100);
    }),
  );
});

test("durations in years and months", () => {
  assert.equal(yearsAndMonths({ years: 2, months: 3 }), "2 ans et 3 mois");
  assert.equal(yearsAndMonths({ years: 62, months: 0 }), "62 ans");
  assert.equal(yearsAndMonths({ years: 1, months: 6 }), "1 an et 6 mois");
  assert.equal(yearsAndMonths({ years: 0, months: 9 }), "9 mois");
});

test("the contact line gives the number, its price and the opening hours", () => {
  assert.equal(CONTACT.line, `${CONTACT.phone} (${CONTACT.price}), ${CONTACT.hours}`);
});
