import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { legalAgeFor } from "./age.ts";
import { formatDate } from "./dates.ts";
import { RulesError } from "./errors.ts";
import { day } from "./testing.ts";

describe("legal age and required quarters", () => {
  it("applies the 2026 suspension to pensions starting from 1 September 2026", () => {
    // https://www.boursorama.com/actualite-economique/actualites/suspension-de-la-reforme-borne-a-quel-age-allez-vous-pouvoir-partir-a-la-retaite-b4457e5cdbbe4d8a2a79b5a63c16f66c
    // "Vous êtes né en 1964 : ... 63 ans selon la réforme Borne ... ne sera finalement que de 62 ans et 9 mois ...
    //  171 trimestres selon la réforme Borne, ... 170 trimestres."
    const suspended = legalAgeFor(day("1964-05-10"), day("2027-03-01"));
    assert.deepEqual(suspended.legalAge, { years: 62, months: 9 });
    assert.equal(suspended.requiredQuarters, 170);
    const before = legalAgeFor(day("1964-05-10"), day("2026-08-01"));
    assert.deepEqual(before.legalAge, { years: 63, months: 0 });
    assert.equal(before.requiredQuarters, 171);
  });

  it("gives the first quarter of 1965 two quarters back and the rest of 1965 one", () => {
    // Same source: "né au 1er trimestre 1965 : ... 62 ans et 9 mois, 170 trimestres" ;
    // "63 ans (génération 1965 sauf natifs du premier trimestre)" ; "171 trimestres ... entre avril et décembre 1965".
    const early = legalAgeFor(day("1965-02-20"));
    assert.deepEqual(early.legalAge, { years: 62, months: 9 });
    assert.equal(early.requiredQuarters, 170);
    const late = legalAgeFor(day("1965-06-20"));
    assert.deepEqual(late.legalAge, { years: 63, months: 0 });
    assert.equal(late.requiredQuarters, 171);
  });

  it("dates the legal age on the anniversary", () => {
    // https://politiques-sociales.caissedesdepots.fr/DJF/node/1411 : "Un ouvrier né le 01/01/1963 atteint son âge
    // légal (62 ans et 9 mois), le 01/10/2025 ... Pour la génération 1963, ... 170."
    const result = legalAgeFor(day("1963-01-01"));
    assert.equal(formatDate(result.legalAgeDate), "2025-10-01");
    assert.equal(formatDate(result.legalAgeStartDate), "2025-10-01");
    assert.equal(result.requiredQuarters, 170);
  });

  it("keeps the 2010 law for generations born before 1961", () => {
    // https://www.gestion-retraite.fr/la-decote-pour-trimestre-manquant/ : "1952 60 ans et 9 mois 65 ans et 9 mois 164"
    const result = legalAgeFor(day("1952-07-14"));
    assert.deepEqual(result.legalAge, { years: 60, months: 9 });
    assert.deepEqual(result.fullRateAge, { years: 65, months: 9 });
    assert.equal(result.requiredQuarters, 164);
    assert.equal(formatDate(result.legalAgeStartDate), "2013-05-01");
  });

  it("covers the 2003 reform transition generations with their own pro-rata denominators", () => {
    const result = legalAgeFor(day("1945-03-03"));
    assert.equal(result.requiredQuarters, 160);
    assert.equal(result.prorataQuarters, 154);
    assert.equal(result.generation.averageSalaryYears, 22);
  });

  it("sets the full-rate age at 67 for generations born from 1955", () => {
    const result = legalAgeFor(day("1980-09-12"));
    assert.deepEqual(result.fullRateAge, { years: 67, months: 0 });
    assert.equal(formatDate(result.fullRateAgeDate), "2047-09-12");
    assert.deepEqual(result.legalAge, { years: 64, months: 0 });
    assert.equal(result.requiredQuarters, 172);
  });

  it("refuses generations and start dates it does not cover, in French", () => {
    assert.throws(
      () => legalAgeFor(day("1935-01-01")),
      (e: unknown) => e instanceof RulesError && /nés à partir/.test(e.message),
    );
    assert.throws(() => legalAgeFor(day("1941-01-01"), day("2001-01-01")), RulesError);
  });
});
