import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCommand } from "./contract.ts";
import { disabledWorkerRetirement, permanentIncapacityRetirement } from "./earlyRetirement.ts";
import { RulesError } from "./errors.ts";
import { computePensionDetails } from "./pension.ts";
import { day, steadyCareer } from "./testing.ts";

function requirement(birth: string, years: number) {
  const result = disabledWorkerRetirement(day(birth), { contributedQuarters: 0 });
  return result.requirements.find((r) => r.age.years === years);
}

describe("early retirement of disabled workers (art. L351-1-3, D351-1-5)", () => {
  // Fiche service-public F16337 « Retraite anticipée pour handicap du salarié », vérifiée le 4 mars 2022
  // (pensions before 1 September 2023), https://aimargues.fr/Service-Public/voir/F16337 :
  // « 1958, 1959 ou 1960 | 55 ans | 127 | 107 | … | 59 ans | 87 | 67 »
  // « 1961, 1962 ou 1963 | 55 ans | 128 | 108 | 56 ans | 118 | 98 | 57 ans | 108 | 88 | 58 ans | 98 | 78 | 59 ans | 88 | 68 »
  // « si vous êtes âgé(e) de 60 ans ou 61 ans, les conditions à respecter sont les mêmes que pour un départ à partir de 59 ans »
  it("reproduces the 2022 table: total and contributed durations by generation and age", () => {
    assert.deepEqual(
      [requirement("1960-05-10", 55)?.insuredQuarters, requirement("1960-05-10", 55)?.contributedQuarters],
      [127, 107],
    );
    assert.deepEqual(
      [requirement("1960-05-10", 59)?.insuredQuarters, requirement("1960-05-10", 59)?.contributedQuarters],
      [87, 67],
    );
    const born1962 = [55, 56, 57, 58, 59, 60, 61].map((age) => {
      const r = requirement("1962-03-15", age);
      return [r?.insuredQuarters, r?.contributedQuarters];
    });
    assert.deepEqual(born1962, [
      [128, 108],
      [118, 98],
      [108, 88],
      [98, 78],
      [88, 68],
      [88, 68],
      [88, 68],
    ]);
    // https://www.eragny-sur-epte.fr/vie-pratique/etat-civil/?xml=F16337 : « 1967, 1968, 1969 | 55 ans | 130 | 110 | 56 ans | 120 | 100 »
    assert.deepEqual(
      [requirement("1967-04-20", 55)?.insuredQuarters, requirement("1967-04-20", 55)?.contributedQuarters],
      [130, 110],
    );
    assert.deepEqual(
      [requirement("1967-04-20", 56)?.insuredQuarters, requirement("1967-04-20", 56)?.contributedQuarters],
      [120, 100],
    );
  });

  it("since 1 September 2023 only the contributed duration is required", () => {
    // https://lemediasocial.fr/retraite-anticipee-pour-handicap-ou-carriere-longue-ce-que-change-la-reforme_5lgpvM :
    // « la double condition de trimestres validés et cotisés est supprimée, au profit du maintien de la seule
    // condition de trimestres cotisés ». Born April 1967, 57 in May 2024.
    const r57 = requirement("1967-04-20", 57);
    assert.equal(r57?.insuredQuarters, null);
    assert.equal(r57?.contributedQuarters, 90);
    const result = disabledWorkerRetirement(day("1967-04-20"), { contributedQuarters: 92 });
    assert.equal(result.eligible, true);
    assert.deepEqual(result.earliestAge, { years: 57, months: 0 });
    assert.equal(result.earliestStartDate, "2024-05-01");
    assert.match(result.explanation[0]?.text ?? "", /dès 57 ans \(le 1er mai 2024\) au taux plein/);
  });

  it("offers no age once the legal age is reached, and says what the last age asks for", () => {
    const born1970 = disabledWorkerRetirement(day("1970-02-01"), { contributedQuarters: 60 });
    assert.equal(born1970.eligible, false);
    // Legal age 64 for 1970: ages 55 to 63 are listed, the last one asking 171 − 100 = 71 quarters.
    assert.deepEqual(
      born1970.requirements.map((r) => r.age.years),
      [55, 56, 57, 58, 59, 60, 61, 62, 63],
    );
    assert.equal(born1970.requirements.at(-1)?.contributedQuarters, 71);
    assert.match(born1970.explanation[0]?.text ?? "", /71 trimestres cotisés/);
  });

  it("before September 2023, the total duration is required as well", () => {
    // Without the total, ages 55-61 (pensions 2017-2023, before September) stay closed; at 62 (April
    // 2024, legal age 62 y 6 m under the 2023 law) the contributed duration alone suffices.
    const onlyContributed = disabledWorkerRetirement(day("1962-03-15"), { contributedQuarters: 110 });
    assert.deepEqual(onlyContributed.earliestAge, { years: 62, months: 0 });
    assert.equal(onlyContributed.earliestStartDate, "2024-04-01");
    const both = disabledWorkerRetirement(day("1962-03-15"), {
      contributedQuarters: 110,
      insuredQuarters: 128,
    });
    assert.deepEqual(both.earliestAge, { years: 55, months: 0 });
    assert.equal(both.earliestStartDate, "2017-04-01");
  });
});

describe("retirement for permanent incapacity (art. L351-1-4)", () => {
  // https://www.cfdt-retraités.fr/12-Retraite-anticipee-pour-incapacite-permanente : « La retraite anticipée est
  // possible : à 60 ans si incapacité permanente d'au moins 20 % ; deux ans avant l'âge légal si incapacité
  // permanente égale ou supérieure à 10 % et inférieure à 20 %. »
  it("opens at 60 with a rate of at least 20 %", () => {
    const result = permanentIncapacityRetirement(day("1966-06-10"), { rate: 25, occupational: true });
    assert.equal(result.eligible, true);
    assert.deepEqual(result.earliestAge, { years: 60, months: 0 });
    assert.equal(result.earliestStartDate, "2026-07-01");
  });

  it("opens two years before the legal age with 10 % to 20 % and a recognised exposure: 62 at term", () => {
    // https://www.mycse.fr/depart-anticipe-en-cas-dincapacite-permanente-quelles-sont-les-nouvelles-regles/ :
    // « deux ans avant l'âge légal (soit 62 ans à terme) ».
    const born1970 = permanentIncapacityRetirement(day("1970-02-01"), {
      rate: 15,
      occupational: true,
      exposureRecognised: true,
    });
    assert.deepEqual(born1970.earliestAge, { years: 62, months: 0 });
    // Born 1966: legal age 63 y 3 m under the 2026 suspension, so 61 y 3 m.
    const born1966 = permanentIncapacityRetirement(day("1966-06-10"), {
      rate: 12,
      occupational: true,
      exposureRecognised: true,
    });
    assert.deepEqual(born1966.earliestAge, { years: 61, months: 3 });
  });

  it("kept 60 for 10 % to 20 % before September 2023", () => {
    // https://www.dialogue-social.fr/… : « Le départ anticipé à la retraite à 60 ans est également ouvert à
    // l'assuré ayant un taux d'incapacité permanente inférieur à 20 % mais au moins égal à 10 % ».
    const result = permanentIncapacityRetirement(day("1958-03-10"), {
      rate: 15,
      occupational: true,
      exposureRecognised: true,
    });
    assert.deepEqual(result.earliestAge, { years: 60, months: 0 });
    assert.equal(result.earliestStartDate, "2018-04-01");
  });

  it("is refused below 10 %, without recognised exposure between 10 and 20 %, or without an occupational origin", () => {
    const birth = day("1966-06-10");
    assert.equal(permanentIncapacityRetirement(birth, { rate: 8, occupational: true }).eligible, false);
    assert.equal(permanentIncapacityRetirement(birth, { rate: 15, occupational: true }).eligible, false);
    assert.equal(permanentIncapacityRetirement(birth, { rate: 30, occupational: false }).eligible, false);
  });
});

describe("the pension before the legal age for health reasons", () => {
  it("starts at 60 at the full rate with an occupational incapacity of 25 %, without a long career", () => {
    const details = computePensionDetails({
      birthDate: day("1966-06-10"),
      startDate: day("2026-07-01"),
      career: steadyCareer(1995, 2026, 30000),
      situation: { permanentIncapacity: { rate: 25, occupational: true } },
    });
    assert.equal(details.result.rate, 0.5);
    assert.equal(details.longCareer, null);
    assert.equal(details.healthEarlyRetirement?.eligible, true);
    assert.ok(details.result.explanation.some((s) => s.rule === "permanentIncapacityRetirement"));
    assert.ok(details.result.explanation.some((s) => s.rule === "fullRate" && /L351-1-4/.test(s.reference)));
  });

  it("still refuses a start before the early date", () => {
    assert.throws(
      () =>
        computePensionDetails({
          birthDate: day("1966-06-10"),
          startDate: day("2026-05-01"),
          career: steadyCareer(1995, 2026, 30000),
          situation: { permanentIncapacity: { rate: 25, occupational: true } },
        }),
      (e: unknown) => e instanceof RulesError && e.code === "depart_avant_age_legal",
    );
  });

  it("starts at 57 for a disabled worker with enough quarters contributed while disabled", () => {
    const details = computePensionDetails({
      birthDate: day("1967-04-20"),
      startDate: day("2024-05-01"),
      career: steadyCareer(1990, 2024, 26000),
      situation: { disabledWorker: { contributedQuarters: 92 } },
    });
    assert.equal(details.result.rate, 0.5);
    assert.equal(details.result.reductionQuarters, 0);
  });
});

describe("contract: the age command lists the early dates when a situation is given", () => {
  it("returns earlyRetirement next to the existing fields", () => {
    const out = runCommand("age", {
      birthDate: "1967-04-20",
      situation: {
        disabledWorker: { contributedQuarters: 92 },
        permanentIncapacity: { rate: 22, occupational: true },
      },
    }) as Record<string, unknown> & {
      earlyRetirement: {
        disabledWorker: { earliestStartDate: string };
        permanentIncapacity: { earliestStartDate: string };
      };
    };
    assert.ok("legalAge" in out && "fullRateAgeDate" in out && "explanation" in out);
    assert.equal(out.earlyRetirement.disabledWorker.earliestStartDate, "2024-05-01");
    assert.equal(out.earlyRetirement.permanentIncapacity.earliestStartDate, "2027-05-01");
    const without = runCommand("age", { birthDate: "1967-04-20" }) as Record<string, unknown>;
    assert.equal("earlyRetirement" in without, false);
  });

  it("refuses a malformed situation", () => {
    assert.throws(
      () => runCommand("age", { birthDate: "1967-04-20", situation: { disabledWorker: {} } }),
      (e: unknown) => e instanceof RulesError,
    );
  });
});
