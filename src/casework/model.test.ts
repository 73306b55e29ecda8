import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assessClaim, readAmount, readDate, readDecision, readQueueFilter } from "./model.ts";

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

  test("the engine computes own-right claims only, and says why otherwise", () => {
    const survivor = assessClaim({
      procedure: "survivorPension",
      claimedStartDate: "2027-01-01",
      birthDate: "1960-01-01",
      career: [],
      childQuarters: 0,
    });
    assert.equal(survivor.kind, "unavailable");
    const noDate = assessClaim({
      procedure: "retirementClaim",
      claimedStartDate: null,
      birthDate: "1960-01-01",
      career: [],
      childQuarters: 0,
    });
    assert.deepEqual(noDate, {
      kind: "unavailable",
      why: "La demande n'indique pas de date de départ : le montant ne peut pas être calculé.",
    });
    const early = assessClaim({
      procedure: "retirementClaim",
      claimedStartDate: "2020-01-01",
      birthDate: "1965-02-09",
      career: [],
      childQuarters: 0,
    });
    assert.equal(early.kind, "unavailable");
    assert.ok(early.kind === "unavailable" && /âge légal/.test(early.why));
  });
});
