import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { aspaClaimFacts, PROCEDURES, survivorClaimFacts } from "../procedures/index.ts";
import { computeAspa, computeSurvivorPension } from "../rules/index.ts";
import {
  assessClaim,
  type ClaimInput,
  monthsBetween,
  OTHER_PROOF,
  readAmount,
  readDate,
  readDecision,
  readProofRequest,
  readQueueFilter,
  survivorStartDate,
} from "./model.ts";

const base: ClaimInput = {
  procedure: "retirementClaim",
  claimedStartDate: null,
  receivedOn: "2026-05-02",
  birthDate: "1958-06-01",
  personName: "Martine Dubois",
  incapacity: false,
  career: [],
  childQuarters: 0,
  survivor: null,
  deceasedPension: null,
  aspa: null,
};

const survivorAnswers = {
  deceasedName: "Philippe Dubois",
  deceasedBirthDate: "12/06/1955",
  deceasedNir: "",
  deathDate: "14/03/2026",
  marriageDate: "21/06/1990",
  previousMarriages: "non",
  livingAsCouple: "non",
  resourcesMonthly: "900",
};

describe("case worker's forms", () => {
  test("amounts and dates as people type them", () => {
    assert.equal(readAmount("1 234,56"), 1234.56);
    assert.equal(readAmount("1234.5 €"), 1234.5);
    assert.equal(readAmount("12,345"), undefined);
    assert.equal(readAmount("abc"), undefined);
    assert.equal(readDate("31/12/2026"), "2026-12-31");
    assert.equal(readDate("2026-12-31"), "2026-12-31");
    assert.equal(readDate("31/02/2027"), undefined);
  });

  test("a proof request: an entry of the procedure's catalogue, or another proof named by the case worker", () => {
    const catalogue = [{ code: "deathCertificate", label: "Acte de décès" }];
    const reason = "La copie reçue est illisible.";
    assert.deepEqual(
      readProofRequest({ proof: "deathCertificate", otherLabel: "ignoré", reason: ` ${reason} ` }, catalogue),
      { ok: true, proof: catalogue[0], reason },
    );
    assert.deepEqual(
      readProofRequest(
        { proof: OTHER_PROOF, otherLabel: " Bulletins de salaire de 2019 ", reason },
        catalogue,
      ),
      { ok: true, proof: { code: OTHER_PROOF, label: "Bulletins de salaire de 2019" }, reason },
    );
    assert.deepEqual(readProofRequest({ proof: OTHER_PROOF, otherLabel: " ", reason: "" }, catalogue), {
      ok: false,
      problems: {
        otherLabel: "Indiquez le nom du justificatif demandé.",
        reason: "Indiquez pourquoi ce justificatif est nécessaire.",
      },
    });
    assert.deepEqual(readProofRequest({ proof: "", otherLabel: "", reason }, catalogue), {
      ok: false,
      problems: { proof: "Choisissez le justificatif demandé." },
    });
    assert.deepEqual(readProofRequest({ proof: "resources", otherLabel: "", reason }, catalogue), {
      ok: false,
      problems: { proof: "Choisissez le justificatif dans la liste." },
    });
    const long = readProofRequest({ proof: OTHER_PROOF, otherLabel: "x".repeat(201), reason }, catalogue);
    assert.ok(!long.ok && long.problems.otherLabel?.includes("200 caractères"));
    for (const procedure of Object.values(PROCEDURES))
      assert.ok(
        procedure.proofCatalogue.every((proof) => proof.code !== OTHER_PROOF),
        `${procedure.code}: no proof of the catalogue is stored under the code of another proof`,
      );
  });

  test("a grant keeps the engine's amount; another amount needs a reason", () => {
    const keep = readDecision({ outcome: "granted", amount: "", reason: "" }, 1243.84);
    assert.deepEqual(keep, {
      ok: true,
      decision: { outcome: "granted", decidedAmount: 1243.84, changeReason: null },
    });
    const same = readDecision({ outcome: "granted", amount: "1 243,84", reason: "" }, 1243.84);
    assert.ok(same.ok && same.decision.changeReason === null);
    const changed = readDecision({ outcome: "granted", amount: "1 500", reason: "" }, 1243.84);
    assert.ok(!changed.ok);
    assert.match(
      changed.problems.reason ?? "",
      /pourquoi le montant diffère de celui calculé \(1 243,84 €\)/,
    );
    const explained = readDecision(
      { outcome: "granted", amount: "1 500", reason: "Trimestres justifiés" },
      1243.84,
    );
    assert.deepEqual(explained, {
      ok: true,
      decision: { outcome: "granted", decidedAmount: 1500, changeReason: "Trimestres justifiés" },
    });
  });

  test("without an engine amount the amount is typed with how it was established; a refusal needs its motive", () => {
    const missing = readDecision({ outcome: "granted", amount: "", reason: "" }, null);
    assert.ok(!missing.ok && missing.problems.amount);
    const typed = readDecision({ outcome: "granted", amount: "320,10", reason: "" }, null);
    assert.ok(!typed.ok);
    assert.match(typed.problems.reason ?? "", /comment ce montant a été établi/);
    const refused = readDecision({ outcome: "refused", amount: "", reason: "" }, 1000);
    assert.ok(!refused.ok);
    assert.match(refused.problems.reason ?? "", /motif du refus/);
    assert.deepEqual(readDecision({ outcome: "", amount: "", reason: "" }, 1000), {
      ok: false,
      problems: { outcome: "Choisissez la décision : accorder ou refuser." },
    });
  });

  test("queue filters: only open states, known procedures and funds", () => {
    const known = (code: string) => code === "cnav-idf";
    const ok = readQueueFilter(
      { procedure: "aspa", state: "verified", dueBefore: "01/03/2027", assigned: "moi", fund: "cnav-idf" },
      known,
    );
    assert.deepEqual(ok, {
      ok: true,
      filter: {
        procedure: "aspa",
        state: "verified",
        dueBefore: "2027-03-01",
        assigned: "moi",
        fund: "cnav-idf",
      },
    });
    const bad = readQueueFilter(
      { procedure: "x", state: "granted", dueBefore: "demain", assigned: "lui", fund: "nulle-part" },
      known,
    );
    assert.ok(!bad.ok);
    assert.deepEqual(Object.keys(bad.problems).sort(), [
      "assigned",
      "dueBefore",
      "fund",
      "procedure",
      "state",
    ]);
  });

  test("retirement claims: the engine's pension at the claimed date, or why it cannot be computed", () => {
    const noDate = assessClaim({ ...base, procedure: "retirementClaim", claimedStartDate: null });
    assert.deepEqual(noDate, {
      kind: "unavailable",
      why: "La demande n'indique pas de date de départ : le montant ne peut pas être calculé.",
    });
    const early = assessClaim({
      ...base,
      procedure: "retirementClaim",
      claimedStartDate: "2020-01-01",
      birthDate: "1965-02-09",
    });
    assert.equal(early.kind, "unavailable");
    assert.ok(early.kind === "unavailable" && /âge légal/.test(early.why));
    const correction = assessClaim({ ...base, procedure: "careerCorrection" });
    assert.ok(correction.kind === "unavailable" && /ne donne pas lieu à un montant/.test(correction.why));
  });

  test("survivor's pension: the engine's amount from the answers and the deceased's pension", () => {
    const facts = survivorClaimFacts(survivorAnswers);
    assert.deepEqual(facts.missing, []);
    const assessed = assessClaim({
      ...base,
      procedure: "survivorPension",
      survivor: facts,
      deceasedPension: { known: true, annual: 18000, source: "retraite en paiement" },
    });
    // Claim received within a year of the death: due from the month after the death.
    const expected = computeSurvivorPension({
      date: { year: 2026, month: 4, day: 1 },
      survivorBirthDate: { year: 1958, month: 6, day: 1 },
      deceasedPensionAnnual: 18000,
      survivorResourcesAnnual: 900 * 12,
      couple: false,
    });
    assert.equal(assessed.kind, "computed");
    assert.ok(assessed.kind === "computed");
    assert.equal(assessed.startDate, "2026-04-01");
    assert.equal(assessed.monthly, expected.monthly);
    assert.ok(assessed.monthly > 0);
    assert.deepEqual(assessed.explanation, expected.explanation);
    assert.equal(assessed.pension, null);

    const unknown = assessClaim({
      ...base,
      procedure: "survivorPension",
      survivor: facts,
      deceasedPension: { known: false, why: "aucune personne de la base n'a ce numéro." },
    });
    assert.ok(unknown.kind === "unavailable");
    assert.match(unknown.why, /Il manque la retraite de base de Philippe Dubois : aucune personne/);

    const incomplete = assessClaim({
      ...base,
      procedure: "survivorPension",
      survivor: survivorClaimFacts({ ...survivorAnswers, resourcesMonthly: "" }),
      deceasedPension: { known: true, annual: 18000, source: "retraite en paiement" },
    });
    assert.ok(incomplete.kind === "unavailable");
    assert.match(incomplete.why, /« Vos ressources par mois, en euros »/);
  });

  test("survivor's pension: former marriages share it, by months of marriage", () => {
    const facts = survivorClaimFacts({
      ...survivorAnswers,
      previousMarriages: "oui",
      previousSpouses: [{ name: "Anne Martin", from: "01/01/1980", until: "01/01/1990" }],
    });
    assert.deepEqual(facts.previousMarriages, [
      { name: "Anne Martin", from: "1980-01-01", until: "1990-01-01" },
    ]);
    const assessed = assessClaim({
      ...base,
      procedure: "survivorPension",
      survivor: facts,
      deceasedPension: { known: true, annual: 18000, source: "retraite en paiement" },
    });
    assert.ok(assessed.kind === "computed");
    assert.ok(assessed.explanation.some((step) => step.rule === "survivorPensionSharing"));
  });

  test("the survivor's pension takes effect after the death within a year, else after the claim", () => {
    assert.equal(survivorStartDate("2026-03-14", "2026-05-02"), "2026-04-01");
    assert.equal(survivorStartDate("2025-12-14", "2026-12-14"), "2026-01-01");
    assert.equal(survivorStartDate("2025-03-14", "2026-05-02"), "2026-06-01");
    assert.equal(monthsBetween("1990-06-21", "2026-03-14"), 428);
    assert.equal(monthsBetween("1990-06-21", "2026-03-21"), 429);
  });

  test("Aspa: the engine's allowance from the household and its resources, from the month after the claim", () => {
    const assessed = assessClaim({
      ...base,
      procedure: "aspa",
      aspa: aspaClaimFacts({ household: "couple", pensionsMonthly: "700", otherIncomeMonthly: "50,50" }),
    });
    const expected = computeAspa({
      date: { year: 2026, month: 6, day: 1 },
      household: "couple",
      resourcesMonthly: 750.5,
      birthDate: { year: 1958, month: 6, day: 1 },
      incapacity: false,
    });
    assert.ok(assessed.kind === "computed");
    assert.equal(assessed.startDate, "2026-06-01");
    assert.equal(assessed.monthly, expected.monthly);
    assert.ok(assessed.monthly > 0);
    assert.deepEqual(assessed.explanation, expected.explanation);
    const missing = assessClaim({ ...base, procedure: "aspa", aspa: aspaClaimFacts({}) });
    assert.ok(missing.kind === "unavailable");
    assert.match(missing.why, /« Vivez-vous seul\(e\) ou en couple \? »/);
  });
});
