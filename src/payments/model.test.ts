import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { addDays, isWorkingDay } from "../platform/calendar.ts";
import {
  ALSACE_MOSELLE_FUND,
  checkRange,
  checkTaxYear,
  contributionRateOf,
  dayLabel,
  firstPaymentDate,
  monthsOf,
  paymentCalendar,
  paymentDate,
  totalsOf,
  weekdayLabel,
  withTax,
} from "./model.ts";

const GENERAL = "carsat-aquitaine";

describe("payment calendar", () => {
  test("2026 as published (Que Choisir, calendrier 2026): the 9th, else the working day before", () => {
    assert.deepEqual(
      paymentCalendar(2026, GENERAL).map((day) => day.paidOn),
      [
        "2026-02-09",
        "2026-03-09",
        "2026-04-09",
        "2026-05-07",
        "2026-06-09",
        "2026-07-09",
        "2026-08-07",
        "2026-09-09",
        "2026-10-09",
        "2026-11-09",
        "2026-12-09",
        "2027-01-08",
      ],
    );
  });

  test("2024 as published (MoneyVox): April on 7 May (8 and 9 May public holidays), May on 7 June", () => {
    assert.equal(paymentDate("2024-02", GENERAL), "2024-03-08");
    assert.equal(paymentDate("2024-04", GENERAL), "2024-05-07");
    assert.equal(paymentDate("2024-05", GENERAL), "2024-06-07");
    assert.equal(paymentDate("2024-10", GENERAL), "2024-11-08");
  });

  test("Carsat Alsace-Moselle pays on the first working day of the month due (2026 as published)", () => {
    assert.equal(paymentDate("2026-01", ALSACE_MOSELLE_FUND), "2026-01-02");
    assert.equal(paymentDate("2026-05", ALSACE_MOSELLE_FUND), "2026-05-04");
    assert.equal(paymentDate("2026-08", ALSACE_MOSELLE_FUND), "2026-08-03");
    assert.equal(paymentDate("2026-12", ALSACE_MOSELLE_FUND), "2026-12-01");
  });

  test("every year 1990–2100: a working day, the 9th of the next month when it is one, else the last working day before it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), (year) => {
        for (const { month, paidOn } of paymentCalendar(year, GENERAL)) {
          assert.ok(isWorkingDay(GENERAL, paidOn), `${month} → ${paidOn}`);
          const [y, m] = month.split("-").map(Number) as [number, number];
          const ninth = m === 12 ? `${y + 1}-01-09` : `${y}-${String(m + 1).padStart(2, "0")}-09`;
          assert.ok(paidOn <= ninth && paidOn.slice(0, 7) === ninth.slice(0, 7), `${month} → ${paidOn}`);
          for (let day = addDays(paidOn, 1); day <= ninth; day = addDays(day, 1))
            assert.ok(!isWorkingDay(GENERAL, day), `${day} is a working day closer to the 9th`);
        }
      }),
    );
  });

  test("French dates", () => {
    assert.equal(weekdayLabel("2026-05-07"), "jeudi 7 mai 2026");
    assert.equal(dayLabel("2026-12-01"), "1er décembre 2026");
    assert.equal(weekdayLabel("2026-12-01"), "mardi 1er décembre 2026");
  });
});

describe("taxable amount", () => {
  const payment = (gross: number, rate: number) => {
    const contributions = Math.round(gross * 100 * rate) / 100;
    return {
      period: "2026-01-01",
      paidOn: "2026-02-09",
      gross,
      socialContributions: contributions,
      net: Math.round((gross - contributions) * 100) / 100,
    };
  };

  test("the CSG rate is recognised from the total contributions and its deductible part removed", () => {
    assert.equal(contributionRateOf(payment(1650, 0.091)).csg, 0.083);
    assert.deepEqual(withTax(payment(1650, 0.091)), {
      ...payment(1650, 0.091),
      deductibleCsg: 97.35,
      taxable: 1552.65,
    });
    assert.equal(withTax(payment(1200, 0.074)).taxable, 1149.6);
    assert.equal(withTax(payment(900, 0.043)).taxable, 865.8);
    assert.equal(withTax(payment(700, 0)).taxable, 700);
  });

  test("any amount, any rate: the deductible CSG is below the contributions and totals add up to the cent", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 800_000 }), fc.constantFrom(0, 0.043, 0.074, 0.091)), {
          minLength: 1,
          maxLength: 24,
        }),
        (lines) => {
          const payments = lines.map(([grossCents, rate]) => withTax(payment(grossCents / 100, rate)));
          for (const p of payments) assert.ok(p.deductibleCsg <= p.socialContributions + 0.01);
          const totals = totalsOf(payments);
          const cents = payments.reduce((sum, p) => sum + Math.round(p.taxable * 100), 0);
          assert.equal(Math.round(totals.taxable * 100), cents);
          assert.equal(Math.round((totals.gross - totals.deductibleCsg) * 100), cents);
        },
      ),
    );
  });
});

describe("choices", () => {
  const span = { firstMonth: "2025-11", lastMonth: "2026-10", firstPaidYear: 2025, lastPaidYear: 2026 };

  test("months of the span", () => {
    assert.equal(monthsOf(span).length, 12);
    assert.equal(monthsOf(span)[1], "2025-12");
  });

  test("a certificate period: two months of the span, in order, with French messages", () => {
    assert.deepEqual(checkRange({ from: "2026-01", to: "2026-03" }, span), {
      ok: true,
      from: "2026-01",
      to: "2026-03",
    });
    assert.deepEqual(checkRange({ from: "", to: "2026-13" }, span), {
      ok: false,
      errors: {
        from: "Choisissez le premier mois de l'attestation.",
        to: "Ce mois n'existe pas : choisissez le dernier mois dans la liste.",
      },
    });
    assert.deepEqual(checkRange({ from: "2026-05", to: "2026-02" }, span), {
      ok: false,
      errors: { to: "Le dernier mois doit être le même que le premier mois ou venir après." },
    });
    assert.deepEqual(checkRange({ from: "2020-01", to: "2026-02" }, span), {
      ok: false,
      errors: {
        from: "Aucun paiement n'est enregistré pour janvier 2020 : choisissez un mois de novembre 2025 à octobre 2026.",
      },
    });
  });

  test("a tax year: one with payments", () => {
    assert.equal(checkTaxYear("2025", span), 2025);
    assert.equal(checkTaxYear("2024", span), undefined);
    assert.equal(checkTaxYear("deux", span), undefined);
  });
});

describe("first payment of a pension just granted", () => {
  test("the payment day of the start month when the decision comes before it", () => {
    assert.equal(firstPaymentDate("2026-04-01", "carsat-aquitaine", "2026-03-20"), "2026-05-07");
    assert.equal(firstPaymentDate("2026-05-01", ALSACE_MOSELLE_FUND, "2026-03-20"), "2026-05-04");
  });

  test("a decision after that day: the next payment day, with the months already due", () => {
    assert.equal(
      firstPaymentDate("2026-04-01", "carsat-aquitaine", "2026-05-08"),
      paymentDate("2026-05", "carsat-aquitaine"),
    );
    assert.equal(firstPaymentDate("2026-04-01", "carsat-aquitaine", "2026-05-07"), "2026-05-07");
  });
});
