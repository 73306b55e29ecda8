import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { PROCEDURES } from "./definitions/index.ts";
import { firstPossibleStart } from "./definitions/retirementClaim.ts";
import {
  type Answers,
  type Checkers,
  type Draft,
  effectiveAnswers,
  expiresAt,
  expiryWarningDue,
  type GroupRow,
  isExpired,
  MAX_STEPS,
  parseAmount,
  parseFrenchDate,
  parseMonth,
  prefilledAnswers,
  remainingOf,
  reminderDue,
  resumeStep,
  type Situation,
  stepProblems,
  stepsOf,
  sweepCandidatesBefore,
  withPostedStep,
} from "./model.ts";

const checkers: Checkers = {
  nir: (text) => (/^\d{15}$/.test(text.replace(/\s/g, "")) ? undefined : "NIR invalide"),
  iban: (text) => (text.startsWith("FR76") ? undefined : "IBAN invalide"),
};

const single: Situation = {
  today: "2026-11-21",
  birthDate: "1964-03-02",
  age: 62,
  sex: "F",
  name: "Mme Anne Martin",
  nir: "264037511200123",
  retiree: false,
  livesAbroad: false,
  partner: null,
  deceasedSpouse: null,
  children: [],
  childQuarters: 0,
  bankAccount: null,
  career: { totalQuarters: 160, firstYear: 1984, lastYear: 2025, otherSchemes: [], checks: 0 },
  startDates: {
    legal: "2027-06-01",
    earliestFullRate: "2028-01-01",
    fullRateAge: "2031-04-01",
    longCareer: null,
    longCareerReason: "Pas de carrière longue.",
    requiredQuarters: 171,
  },
  survivorRefusal: null,
  aspaRefusal: "L'ASPA est versée à partir de 65 ans.",
};

const married: Situation = {
  ...single,
  partner: { kind: "marriage", name: "Paul Martin", birthDate: "1962-05-10", startedOn: "1990-06-02" },
  children: [{ firstName: "Léo", birthDate: "1992-01-15" }],
  childQuarters: 8,
  bankAccount: { holder: "Mme Anne Martin", iban: "FR7630006000011234567890189", bic: "BNPAFRPPXXX" },
};

const claim = PROCEDURES.retirementClaim;

describe("procedure engine", () => {
  test("every procedure fits the DSFR stepper: at most 8 steps, proofs and review included", () => {
    for (const procedure of Object.values(PROCEDURES)) {
      const all = procedure.steps.length + 2;
      assert.ok(all <= MAX_STEPS, `${procedure.code}: ${all} steps`);
    }
  });

  test("only the questions that concern the person: a step with nothing to ask is not shown", () => {
    const correction = PROCEDURES.careerCorrection;
    const period = stepsOf(correction, { correctionKind: "missingPeriod" }, single).map((s) => s.id);
    assert.deepEqual(period, ["objet", "periode", "justificatifs", "verification"]);
    const children = stepsOf(correction, { correctionKind: "childQuarters" }, single).map((s) => s.id);
    assert.deepEqual(children, ["objet", "enfants", "justificatifs", "verification"]);
  });

  test("pre-fill: what is known becomes the draft's first answers, so the spouse questions show", () => {
    const known = prefilledAnswers(claim, married);
    assert.equal(known.familyStatus, "marriage");
    assert.equal(known.spouseName, "Paul Martin");
    assert.equal(known.spouseBirthDate, "10/05/1962");
    assert.deepEqual(known.children, [{ firstName: "Léo", birthDate: "15/01/1992" }]);
    assert.equal(known.startDate, "01/2028", "the earliest full-rate date");
    const alone = prefilledAnswers(claim, single);
    assert.equal(alone.familyStatus, "single");
    assert.equal(alone.spouseName, undefined);
  });

  test("a posted step keeps what was typed, reads a question shown by an answer of the same form, keeps other steps", () => {
    const step = claim.steps[0];
    assert.ok(step);
    const before: Answers = { careerComplete: "oui" };
    const form: Record<string, string> = {
      startDate: "13/2027",
      stillWorking: "oui",
      workEndDate: "31/02/2027",
    };
    const after = withPostedStep(step, before, single, (name) => form[name] ?? "");
    assert.equal(after.startDate, "13/2027");
    assert.equal(after.workEndDate, "31/02/2027");
    assert.equal(after.careerComplete, "oui");
    const problems = stepProblems(step, after, single, checkers);
    assert.match(problems.startDate ?? "", /format mois\/année/);
    assert.match(problems.workEndDate ?? "", /date réelle/);
  });

  test("the start date follows the rules engine: not before the legal age without a long career", () => {
    const step = claim.steps[0];
    assert.ok(step);
    const early = stepProblems(step, { startDate: "01/2027", stillWorking: "non" }, single, checkers);
    assert.match(early.startDate ?? "", /au plus tôt le 1er juin 2027, à votre âge légal/);
    const longCareer: Situation = {
      ...single,
      startDates: {
        ...(single.startDates as NonNullable<Situation["startDates"]>),
        longCareer: "2027-02-01",
      },
    };
    assert.deepEqual(
      stepProblems(step, { startDate: "02/2027", stillWorking: "non" }, longCareer, checkers),
      {},
    );
    assert.equal(firstPossibleStart("2026-12-15"), "2027-01-01");
  });

  test("proofs: the ID always; a RIB only for another account; children's papers only when needed", () => {
    const codes = (answers: Answers, situation: Situation) =>
      claim.proofs(answers, situation).map((proof) => proof.code);
    const same: Answers = { ...prefilledAnswers(claim, married), hasChildren: "oui" };
    assert.deepEqual(codes(same, married), ["identity"]);
    assert.deepEqual(codes({ ...same, iban: "FR76 3000 6000 0112 3456 7890 100" }, married), [
      "identity",
      "bankDetails",
    ]);
    const newChild = {
      ...same,
      children: [...(same.children as GroupRow[]), { firstName: "Zoé", birthDate: "03/04/2001" }],
    };
    assert.ok(codes(newChild, married).includes("childrenCivilStatus"));
    assert.ok(
      codes({ ...same, familyStatus: "marriage", spouseName: "Jean Dupont" }, married).includes(
        "unionCertificate",
      ),
    );
    const survivor = PROCEDURES.survivorPension.proofs({ resourcesMonthly: "0" }, single).map((p) => p.code);
    assert.deepEqual(survivor, ["identity", "deathCertificate", "marriageCertificate", "bankDetails"]);
  });

  test("every proof a rule asks for is an entry of its procedure's catalogue, with the catalogue's label", () => {
    const variants: Record<string, Answers[]> = {
      retirementClaim: ["marriage", "pacs"].map((familyStatus) => ({
        careerComplete: "non",
        hasChildren: "oui",
        children: [{ firstName: "Zoé", birthDate: "03/04/2001" }],
        familyStatus,
        spouseName: "Jean Dupont",
        iban: "FR76 3000 6000 0112 3456 7890 100",
      })),
      survivorPension: [{ resourcesMonthly: "900" }],
      aspa: [{ household: "couple" }],
      careerCorrection: [
        { correctionKind: "childQuarters" },
        ...["salaried", "unemployment", "sickness", "military", "abroad", "other"].map((activity) => ({
          correctionKind: "missingPeriod",
          activity,
        })),
      ],
    };
    for (const procedure of Object.values(PROCEDURES)) {
      const catalogue = new Map(procedure.proofCatalogue.map((proof) => [proof.code, proof.label]));
      assert.equal(catalogue.size, procedure.proofCatalogue.length, `${procedure.code}: codes are unique`);
      const asked = new Set<string>();
      for (const answers of variants[procedure.code] ?? [])
        for (const proof of procedure.proofs(answers, single)) {
          assert.equal(proof.label, catalogue.get(proof.code), `${procedure.code}: ${proof.code}`);
          asked.add(proof.code);
        }
      assert.deepEqual(
        [...asked].sort(),
        [...catalogue.keys()].sort(),
        `${procedure.code}: every entry is asked`,
      );
    }
  });

  test("what is left: incomplete steps and missing proofs; an answer to a question no longer asked is dropped", () => {
    const answers = prefilledAnswers(claim, married);
    const remaining = remainingOf(claim, answers, {}, married, checkers);
    assert.deepEqual(
      remaining.steps.map((step) => step.id),
      ["date-de-depart", "carriere", "autres-regimes", "situation-familiale"],
    );
    assert.deepEqual(
      remaining.proofs.map((proof) => proof.code),
      ["identity"],
    );
    const kept = effectiveAnswers(claim, { ...answers, familyStatus: "single" }, married);
    assert.equal(kept.spouseName, undefined);
    assert.equal(kept.familyStatus, "single");
  });

  test("a draft resumes at the step last saved, or the next one shown when that step no longer concerns the person", () => {
    assert.equal(resumeStep(claim, { answers: {}, currentStep: 2 }, single).id, "autres-regimes");
    const correction = PROCEDURES.careerCorrection;
    const period = correction.steps.findIndex((step) => step.id === "periode");
    const childQuarters = { answers: { correctionKind: "childQuarters" }, currentStep: period };
    assert.equal(resumeStep(correction, childQuarters, single).id, "enfants");
    const saved = { answers: { correctionKind: "missingPeriod" }, currentStep: correction.steps.length };
    assert.equal(resumeStep(correction, saved, single).id, "justificatifs");
  });

  test("typed values: French dates, months, amounts", () => {
    assert.equal(parseFrenchDate("5/11/1968"), "1968-11-05");
    assert.equal(parseFrenchDate("1968-11-05"), "1968-11-05");
    assert.equal(parseFrenchDate("31/02/2027"), undefined);
    assert.equal(parseMonth("9/2027"), "2027-09-01");
    assert.equal(parseMonth("13/2027"), undefined);
    assert.equal(parseAmount("1 234,56 €"), 1234.56);
    assert.equal(parseAmount("-3"), undefined);
  });
});

describe("draft lifecycle", () => {
  const draft = (lastActivityAt: Date, marks: Partial<Draft> = {}): Draft => ({
    id: "d",
    insuredId: 1,
    procedure: "retirementClaim",
    answers: {},
    proofs: {},
    currentStep: 0,
    createdAt: lastActivityAt,
    lastActivityAt,
    remindedAt: null,
    expiryWarnedAt: null,
    ...marks,
  });
  const at = (iso: string) => new Date(`${iso}T08:00:00Z`);

  test("a draft expires 6 months after its last activity, the end of a shorter month included", () => {
    assert.equal(expiresAt(at("2027-01-04")).toISOString(), at("2027-07-04").toISOString());
    assert.equal(expiresAt(at("2027-08-31")).toISOString(), at("2028-02-29").toISOString());
    assert.ok(isExpired(draft(at("2027-08-31")), at("2028-02-29")));
    assert.ok(!isExpired(draft(at("2027-08-31")), at("2028-02-28")));
  });

  test("the sweeps' candidates include every draft that can be warned or deleted", () => {
    const now = at("2028-02-29");
    for (let day = 0; day < 400; day++) {
      const last = new Date(now.getTime() - day * 86_400_000);
      if (expiryWarningDue(draft(last), now) || isExpired(draft(last), now))
        assert.ok(last <= sweepCandidatesBefore(now), last.toISOString());
    }
  });

  test("reminder after 7 days, once per inactivity period; warning in the last 14 days, once", () => {
    const last = at("2027-01-04");
    assert.ok(!reminderDue(draft(last), at("2027-01-10")));
    assert.ok(reminderDue(draft(last), at("2027-01-11")));
    assert.ok(!reminderDue(draft(last, { remindedAt: at("2027-01-11") }), at("2027-01-20")));
    assert.ok(reminderDue(draft(at("2027-01-15"), { remindedAt: at("2027-01-11") }), at("2027-01-22")));
    assert.ok(!expiryWarningDue(draft(last), at("2027-06-19")));
    assert.ok(expiryWarningDue(draft(last), at("2027-06-20")));
    assert.ok(!expiryWarningDue(draft(last, { expiryWarnedAt: at("2027-06-20") }), at("2027-06-25")));
    assert.ok(!expiryWarningDue(draft(last), at("2027-07-04")), "expired: deleted, not warned");
  });
});
