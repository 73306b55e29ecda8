import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RulesError } from "./errors.ts";
import { computePension, computePensionDetails } from "./pension.ts";
import { quartersForSalary } from "./quarters.ts";
import { day, steadyCareer } from "./testing.ts";

/** Published figures are truncated or rounded by their authors: at most 1 € apart. */
function near(actual: number, expected: number, tolerance = 1): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} ≠ ${expected} (± ${tolerance})`);
}

describe("published worked examples", () => {
  it("bonus of 1,25 % per extra quarter after the legal age (since 2009)", () => {
    // https://www.ag2rlamondiale.fr/calcul-retraite/conseil-comment-est-calculee-la-surcote-de-la-retraite
    // "cette pension s'élève à 12 000€ par an ... 4 trimestres supplémentaires ... 5% ... 12 600€ par an"
    const result = computePension({
      birthDate: day("1960-06-15"),
      startDate: day("2023-07-01"),
      averageSalary: 24000,
      quarters: { general: 171, allSchemes: 171, contributed: 171, afterLegalAge: 4 },
    });
    assert.equal(result.bonusQuarters, 4);
    near(result.bonusRate * 100, 5, 1e-9);
    near(result.pension.annual, 12600);
  });

  it("pre-2009 bonus: 0,75 % for the first four quarters, 1 % after, 1,25 % after 65", () => {
    // https://www.notretemps.com/retraite/actualites-retraite/trimestres-en-plus-quelle-surcote,i2241
    // "4 x 0,75 = 3% ... 4 x 1 = 4% ... 2 x 1,25 = 2,5% ... 9,5% ... si ce montant est égal à 10 000 €, ...
    //  Le montant versé sera alors de 10 950 € par an."
    const result = computePension({
      birthDate: day("1943-01-01"),
      startDate: day("2008-07-01"),
      averageSalary: 20000,
      quarters: { general: 170, allSchemes: 170, contributed: 170, afterLegalAge: 10 },
    });
    assert.equal(result.bonusQuarters, 10);
    near(result.bonusRate * 100, 9.5, 1e-9);
    near(result.pension.annual, 10950);
  });

  it("reduction floor for the 1952 generation: 1,375 % per quarter, never below 36,25 %", () => {
    // https://mairie-lanton.fr/service-public-particuliers/?xml=F19666 (service-public F19666)
    // "Le coefficient de minoration ... est de 1,375 %. La diminution du taux par trimestre manquant est de 0,6875.
    //  Le taux de la pension ne peut pas être inférieur à 36,25 % (correspondant à 20 trimestres et plus manquant)."
    const result = computePension({
      birthDate: day("1952-06-15"),
      startDate: day("2013-04-01"),
      averageSalary: 20000,
      quarters: { general: 120, allSchemes: 120, contributed: 120 },
    });
    assert.equal(result.reductionQuarters, 20);
    near(result.rate * 100, 36.25, 1e-9);
  });

  it("reduction of 0,625 point per missing quarter for generations from 1953", () => {
    // https://huongxuan2016.blogspot.com (article « tout savoir sur le calcul de la retraite du régime général ») :
    // "le taux de liquidation est donc réduit de 0,625 point (par exemple à 47,5% s'il manque 4 trimestres ...)"
    const result = computePension({
      birthDate: day("1958-03-20"),
      startDate: day("2021-01-01"),
      averageSalary: 30000,
      quarters: { general: 163, allSchemes: 163, contributed: 163 },
    });
    assert.equal(result.reductionQuarters, 4);
    near(result.rate * 100, 47.5, 1e-9);
  });

  it("pro rata of the general-scheme duration", () => {
    // https://institut-du-salarie.fr/blog/questions-reponses-4/post/comment-la-pension-de-retraite-est-elle-calculee
    // "Si ce même salarié [né en 1957] n'avait cotisé que pendant 37 ans, le rapport DA/DR serait alors égal à 148/166."
    const result = computePension({
      birthDate: day("1957-04-02"),
      startDate: day("2024-05-01"),
      averageSalary: 30000,
      quarters: { general: 148, allSchemes: 148, contributed: 148 },
    });
    near(result.prorata, 148 / 166, 1e-12);
    assert.equal(result.rate, 0.5);
  });

  it("maximum base pension: half the yearly ceiling", () => {
    // https://econostrum.info/retraite-maximale-regime-general : "1 962,50 euros brut par mois" en 2025
    const result = computePension({
      birthDate: day("1962-11-20"),
      startDate: day("2025-06-01"),
      averageSalary: 60000,
      quarters: { general: 169, allSchemes: 169, contributed: 169 },
    });
    near(result.pension.monthly, 1962.5);
  });

  it("increased minimum pension for a full, contributed, low-wage career (2026)", () => {
    // https://www.adcf.org/montant-minimum-retraite-2026 : "756,29 € brut par mois, et jusqu'à 903,93 €" ;
    // "plafond d'écrêtement fixé à 1 410,89 €"
    const full = computePension({
      birthDate: day("1963-11-02"),
      startDate: day("2026-10-01"),
      averageSalary: 9000,
      quarters: { general: 170, allSchemes: 170, contributed: 170 },
    });
    assert.equal(full.minimumPension.applies, true);
    near(full.pension.monthly, 903.93);
    const basic = computePension({
      birthDate: day("1963-11-02"),
      startDate: day("2026-10-01"),
      averageSalary: 9000,
      quarters: { general: 170, allSchemes: 170, contributed: 100 },
    });
    near(basic.pension.monthly, 756.29);
    const capped = computePension({
      birthDate: day("1963-11-02"),
      startDate: day("2026-10-01"),
      averageSalary: 9000,
      quarters: { general: 170, allSchemes: 170, contributed: 170 },
      otherPensionsMonthly: 600,
    });
    near(capped.pension.monthly, 1410.89 - 600);
  });

  it("quarter validation thresholds", () => {
    // https://www.boursorama.com/patrimoine/actualites/retraite-voici-le-salaire-que-vous-devez-gagner-en-2025-pour-valider-un-trimestre-c64abf41ea3062359366b8295efded26
    // "1 782 euros brut" (2025) ; https://guidedessalaires.prev.artwai.fr/fiche/la-retraite-du-regime-de-base :
    // "200 fois le taux horaire brut du SMIC (9,22 € x 200 = 1 844 € au 1er janvier 2012)"
    assert.equal(quartersForSalary(2025, 1782).quarters, 1);
    assert.equal(quartersForSalary(2025, 1781.99).quarters, 0);
    near(quartersForSalary(2012, 0).threshold, 1844, 0.001);
    assert.equal(quartersForSalary(2012, 100000).quarters, 4);
  });
});

describe("generations of the 2003 reform transition", () => {
  it("uses the generation's reduction coefficient and pro-rata denominator (born 1945)", () => {
    // https://www.gestion-retraite.fr/la-decote-pour-trimestre-manquant/ and openfisca decote.yaml / prorat.yaml:
    // 2,25 % of the full rate per missing quarter for 1945, pro rata over 154 quarters, 160 required.
    const result = computePension({
      birthDate: day("1945-05-10"),
      startDate: day("2005-06-01"),
      averageSalary: 20000,
      quarters: { general: 150, allSchemes: 150, contributed: 150 },
    });
    assert.equal(result.requiredQuarters, 160);
    assert.equal(result.reductionQuarters, 10);
    near(result.rate, 0.5 * (1 - 0.0225 * 10), 1e-12);
    near(result.prorata, 150 / 154, 1e-12);
  });

  it("averages the 16 best years for the 1939 generation", () => {
    const wages = steadyCareer(1960, 1998, 10000).map((line, i) => ({ ...line, salary: 8000 + 100 * i }));
    const result = computePensionDetails({
      birthDate: day("1939-02-01"),
      startDate: day("2004-03-01"),
      career: wages.map((line) => ({ ...line, quarters: { contributed: 4 } })),
    });
    assert.match(
      result.result.explanation.find((s) => s.rule === "averageSalary")?.text ?? "",
      /16 meilleures/,
    );
  });
});

describe("career-based pension", () => {
  it("counts only whole civil quarters before the start date and leaves the start year out of the average", () => {
    const { result } = computePensionDetails({
      birthDate: day("1962-03-15"),
      startDate: day("2024-10-01"),
      career: steadyCareer(1982, 2024, 30000),
    });
    assert.equal(result.quarters.general, 42 * 4 + 3);
    assert.equal(result.rate, 0.5);
    assert.ok(result.explanation.every((s) => s.rule && s.reference && s.text));
  });

  it("adds child quarters to the duration but not to contributed quarters", () => {
    const result = computePension({
      birthDate: day("1966-02-01"),
      startDate: day("2029-06-01"),
      career: steadyCareer(1990, 2029, 25000),
      mother: true,
      children: 2,
    });
    assert.equal(result.quarters.general - result.quarters.contributed, 16);
  });

  it("opens the 58-year step to people who started before 16", () => {
    const career = steadyCareer(1985, 2028, 20000);
    const details = computePensionDetails({
      birthDate: day("1970-03-05"),
      startDate: day("2028-04-01"),
      career,
    });
    assert.equal(details.longCareer?.startedBeforeAge, 16);
    assert.deepEqual(details.longCareer?.earliestAge, { years: 58, months: 0 });
    assert.equal(details.result.rate, 0.5);
  });

  it("refuses aggregates that contradict each other", () => {
    assert.throws(
      () =>
        computePension({
          birthDate: day("1960-01-10"),
          startDate: day("2024-01-01"),
          averageSalary: 20000,
          quarters: { general: 160, allSchemes: 150 },
        }),
      (e: unknown) => e instanceof RulesError && e.code === "trimestres_incoherents",
    );
  });

  it("refuses a departure before the legal age without a long career", () => {
    assert.throws(
      () =>
        computePension({
          birthDate: day("1970-01-15"),
          startDate: day("2030-01-01"),
          career: steadyCareer(1995, 2029, 30000),
        }),
      (e: unknown) => e instanceof RulesError && e.code === "depart_avant_age_legal",
    );
  });

  it("accepts a long-career departure: started before 20, 60 years and 3 months for 1964 under the suspension", () => {
    // https://www.moneyvox.fr/retraite/actualites/106712/carriere-longue-ce-quil-faut-retenir-de-la-suspension-de-la-reforme-des-retraites
    // "| 1964 | 60 ans et 3 mois (contre 60 ans et 6 mois avec la réforme Borne) |"
    const law2023 = computePensionDetails({
      birthDate: day("1964-06-10"),
      startDate: day("2025-01-01"),
      career: steadyCareer(1982, 2025, 28000),
    });
    assert.equal(law2023.longCareer?.eligible, true);
    assert.deepEqual(law2023.longCareer?.earliestAge, { years: 60, months: 6 });
    const law2026 = computePensionDetails({
      birthDate: day("1964-06-10"),
      startDate: day("2026-09-01"),
      career: steadyCareer(1982, 2026, 28000),
    });
    assert.deepEqual(law2026.longCareer?.earliestAge, { years: 60, months: 3 });
    const suspended = computePensionDetails({
      birthDate: day("1966-06-10"),
      startDate: day("2027-04-01"),
      career: steadyCareer(1984, 2027, 28000),
    });
    assert.deepEqual(suspended.longCareer?.earliestAge, { years: 60, months: 9 });
  });
});
