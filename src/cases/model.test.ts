import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  addMonths,
  CASE_STATES,
  type CaseState,
  CaseTransitionError,
  canMove,
  caseReference,
  checkDecisionAmount,
  checkMove,
  effectiveTargetDate,
  initialTargetDate,
  isAtRisk,
  isStalled,
  openProofRequestsIn,
  processingTargetOf,
  publicStepsOf,
  REFERENCE_PATTERN,
  remainingTime,
  timelineOf,
} from "./model.ts";

const ALLOWED: ReadonlyArray<[CaseState, CaseState]> = [
  ["received", "awaiting_proofs"],
  ["received", "under_review"],
  ["awaiting_proofs", "under_review"],
  ["under_review", "awaiting_proofs"],
  ["under_review", "verified"],
  ["verified", "granted"],
  ["verified", "refused"],
  ["granted", "first_payment"],
];

test("the state machine allows exactly the listed moves, and explains a refusal in French", () => {
  for (const from of CASE_STATES) {
    for (const to of CASE_STATES) {
      const listed = ALLOWED.some(([a, b]) => a === from && b === to);
      assert.equal(canMove(from, to), listed, `${from} -> ${to}`);
    }
  }
  assert.throws(
    () => checkMove("received", "granted"),
    (error: unknown) =>
      error instanceof CaseTransitionError &&
      /Un dossier à l'état « Demande reçue » ne peut pas passer à l'état « Accordée »/.test(error.message),
  );
  assert.throws(() => checkMove("refused", "under_review"), /il ne peut plus changer d'état/);
});

test("property: any walk through allowed moves from 'received' ends where no further decision is possible only after a decision", () => {
  const decided: ReadonlySet<CaseState> = new Set(["granted", "refused", "first_payment"]);
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...CASE_STATES), { maxLength: 30 }), (wanted) => {
      let state: CaseState = "received";
      const visited: CaseState[] = [state];
      for (const to of wanted) {
        if (canMove(state, to)) {
          state = to;
          visited.push(state);
        } else {
          assert.throws(() => checkMove(state, to), CaseTransitionError);
        }
      }
      // A decision is only ever reached through "verified"; a payment only after a grant.
      const firstDecision = visited.findIndex((s) => decided.has(s));
      if (firstDecision >= 0) assert.equal(visited[firstDecision - 1], "verified");
      const payment = visited.indexOf("first_payment");
      if (payment >= 0) assert.equal(visited[payment - 1], "granted");
      // Once decided, a case never returns to study.
      if (firstDecision >= 0) assert.ok(visited.slice(firstDecision).every((s) => decided.has(s)));
    }),
  );
});

test("processing-time targets: own right 75 days in 2023 down to 65 in 2027 (and after); survivor and ASPA 90 days; career correction 6 months", () => {
  assert.equal(processingTargetOf("retirementClaim", "2023-05-01").days, 75);
  assert.equal(processingTargetOf("retirementClaim", "2026-11-21").days, 68);
  assert.equal(processingTargetOf("retirementClaim", "2027-01-01").days, 65);
  assert.equal(processingTargetOf("retirementClaim", "2030-01-01").days, 65);
  assert.equal(processingTargetOf("retirementClaim", "2022-06-01").days, 75);
  assert.equal(processingTargetOf("survivorPension", "2026-01-01").days, 90);
  assert.equal(processingTargetOf("aspa", "2026-01-01").days, 90);
  assert.equal(processingTargetOf("careerCorrection", "2026-01-01").months, 6);
  assert.match(processingTargetOf("aspa", "2026-01-01").indicator, /^R17/);
  assert.match(processingTargetOf("retirementClaim", "2026-01-01").source, /COG/);
});

test("target date: the processing time, or the day before the start date for a complete claim filed 4+ months ahead", () => {
  const base = { procedure: "retirementClaim" as const, receivedOn: "2026-03-02" };
  // No start date: 68 days in 2026.
  assert.deepEqual(
    initialTargetDate({ ...base, claimedStartDate: null, complete: true }).targetDate,
    "2026-05-09",
  );
  // Filed exactly 4 months ahead, complete: due the day before the start date (earlier than 68 days? no: 4 months is later).
  const fourMonths = initialTargetDate({ ...base, claimedStartDate: "2026-07-01", complete: true });
  assert.equal(fourMonths.rule, "processingTime");
  assert.equal(fourMonths.targetDate, "2026-05-09");
  // A short processing time makes the start-date rule bite for career corrections (6 months).
  const correction = initialTargetDate({
    procedure: "careerCorrection",
    receivedOn: "2026-01-15",
    claimedStartDate: "2026-05-15",
    complete: true,
  });
  assert.deepEqual([correction.rule, correction.targetDate], ["beforeStartDate", "2026-05-14"]);
  // Incomplete, or filed less than 4 months ahead: the processing time stays.
  assert.equal(
    initialTargetDate({
      procedure: "careerCorrection",
      receivedOn: "2026-01-15",
      claimedStartDate: "2026-05-15",
      complete: false,
    }).rule,
    "processingTime",
  );
  assert.equal(
    initialTargetDate({
      procedure: "careerCorrection",
      receivedOn: "2026-01-16",
      claimedStartDate: "2026-05-15",
      complete: true,
    }).targetDate,
    "2026-07-16",
  );
  assert.equal(
    initialTargetDate({ procedure: "aspa", receivedOn: "2026-01-01", claimedStartDate: null, complete: true })
      .targetDate,
    "2026-04-01",
  );
});

test("months are added calendar-wise, clipped to the month's last day", () => {
  assert.equal(addMonths("2026-08-31", 6), "2027-02-28");
  assert.equal(addMonths("2027-08-31", 6), "2028-02-29");
  assert.equal(addMonths("2026-11-15", 4), "2027-03-15");
});

test("the clock pauses while proofs are awaited: the target moves by the days of the running pause", () => {
  assert.equal(effectiveTargetDate("2026-05-09", null, "2026-04-01"), "2026-05-09");
  assert.equal(effectiveTargetDate("2026-05-09", "2026-04-01", "2026-04-11"), "2026-05-19");
  assert.equal(effectiveTargetDate("2026-05-09", "2026-04-01", "2026-04-01"), "2026-05-09");
});

test("remaining time in calendar and French working days (1 May, 8 May and Ascension not worked)", () => {
  // Thursday 30 April 2026 -> Friday 15 May 2026: 1 May, 8 May (Fridays) and Ascension (Thu 14 May) are holidays.
  assert.deepEqual(remainingTime("2026-05-15", "2026-04-30", "carsat-aquitaine"), {
    calendarDays: 15,
    workingDays: 8,
  });
  assert.deepEqual(remainingTime("2026-04-30", "2026-05-04", "carsat-aquitaine"), {
    calendarDays: -4,
    workingDays: -1,
  });
  // The same fortnight in Martinique: Friday 22 May 2026 (abolition day) is not worked either.
  assert.deepEqual(remainingTime("2026-05-22", "2026-04-30", "cgss-martinique"), {
    calendarDays: 22,
    workingDays: 12,
  });
  assert.deepEqual(remainingTime("2026-05-22", "2026-04-30", "carsat-aquitaine"), {
    calendarDays: 22,
    workingDays: 13,
  });
});

test("at risk when due within 10 working days or late, or stalled for more than 2 months; never once decided", () => {
  const now = new Date("2026-11-20T10:00:00Z");
  const recent = new Date("2026-11-01T10:00:00Z");
  const base = {
    state: "under_review" as const,
    lastActivityAt: recent,
    today: "2026-11-20",
    now,
    fundCode: "carsat-aquitaine",
  };
  assert.equal(isAtRisk({ ...base, targetDate: "2027-01-15" }), false);
  // 10 working days after Friday 20 November 2026 is Friday 4 December.
  assert.equal(isAtRisk({ ...base, targetDate: "2026-12-04" }), true);
  assert.equal(isAtRisk({ ...base, targetDate: "2026-12-07" }), false);
  assert.equal(isAtRisk({ ...base, targetDate: "2026-11-01" }), true);
  assert.equal(
    isAtRisk({ ...base, targetDate: "2027-01-15", lastActivityAt: new Date("2026-09-19T10:00:00Z") }),
    true,
  );
  assert.equal(isAtRisk({ ...base, state: "granted", targetDate: "2026-11-01" }), false);
  assert.equal(isStalled(new Date("2026-09-20T10:00:01Z"), now), false);
  assert.equal(isStalled(new Date("2026-09-20T09:59:59Z"), now), true);
});

test("references carry the procedure's prefix, the year and the number", () => {
  assert.equal(caseReference("retirementClaim", 2026, 123), "RET-2026-000123");
  assert.equal(caseReference("survivorPension", 2026, 1), "REV-2026-000001");
  assert.equal(caseReference("aspa", 2027, 1234567), "ASP-2027-1234567");
  assert.match(caseReference("careerCorrection", 2026, 5), REFERENCE_PATTERN);
});

const at = (iso: string) => new Date(`${iso}T09:00:00Z`);

test("the five public steps: dates from the transitions, what is expected from open proof requests", () => {
  const tracking = publicStepsOf({
    state: "awaiting_proofs",
    transitions: [
      { to: "received", at: at("2026-03-02") },
      { to: "awaiting_proofs", at: at("2026-03-10") },
    ],
    openProofRequests: [{ reason: "Votre livret de famille, pour les trimestres d'enfants." }],
    decidedAmount: null,
    firstPaymentOn: null,
  });
  assert.deepEqual(
    tracking.steps.map((s) => [s.number, s.status, s.reachedAt?.toISOString().slice(0, 10) ?? null]),
    [
      [1, "done", "2026-03-02"],
      [2, "current", "2026-03-10"],
      [3, "upcoming", null],
      [4, "upcoming", null],
      [5, "upcoming", null],
    ],
  );
  assert.equal(tracking.current.title, "Dossier en cours d'étude");
  assert.match(tracking.current.detail ?? "", /justificatifs vous sont demandés/);
  assert.deepEqual(tracking.expected, ["Votre livret de famille, pour les trimestres d'enfants."]);

  const paid = publicStepsOf({
    state: "first_payment",
    transitions: [
      { to: "received", at: at("2026-03-02") },
      { to: "under_review", at: at("2026-03-03") },
      { to: "awaiting_proofs", at: at("2026-03-10") },
      { to: "under_review", at: at("2026-03-20") },
      { to: "verified", at: at("2026-04-01") },
      { to: "granted", at: at("2026-04-10") },
      { to: "first_payment", at: at("2026-04-11") },
    ],
    openProofRequests: [],
    decidedAmount: 1234.5,
    firstPaymentOn: "2026-05-09",
  });
  assert.ok(paid.steps.every((s) => s.status === "done"));
  assert.equal(
    paid.steps[1]?.reachedAt?.toISOString().slice(0, 10),
    "2026-03-03",
    "first entry into the step",
  );
  assert.match(paid.steps[3]?.detail ?? "", /1\s234,50\s€ brut par mois/);
  assert.equal(paid.steps[4]?.detail, "Premier paiement le 09/05/2026.");

  const refused = publicStepsOf({
    state: "refused",
    transitions: [{ to: "refused", at: at("2026-04-10") }],
    openProofRequests: [],
    decidedAmount: null,
    firstPaymentOn: null,
  });
  assert.deepEqual(
    refused.steps.map((s) => s.status),
    ["done", "done", "done", "current", "none"],
  );
});

test("open proof requests are those no answer met; the timeline is newest first", () => {
  const author = { kind: "staff" as const, id: 1 };
  const event = (
    id: number,
    kind: "proof_request" | "proof_answer",
    day: string,
    answers: number | null = null,
  ) => ({
    id,
    kind,
    at: at(day),
    author,
    body: `event ${id}`,
    proofCode: kind === "proof_request" ? "bankDetails" : null,
    proofLabel: kind === "proof_request" ? "Relevé d'identité bancaire" : null,
    answersEventId: answers,
    documentIds: [],
    readAt: null,
  });
  const events = [
    event(1, "proof_request", "2026-03-01"),
    event(2, "proof_request", "2026-03-02"),
    event(3, "proof_answer", "2026-03-03", 1),
  ];
  assert.deepEqual(
    openProofRequestsIn(events).map((r) => r.eventId),
    [2],
  );
  const timeline = timelineOf(
    [{ id: 1, from: null, to: "received", at: at("2026-03-01"), actor: author, reason: null }],
    events,
  );
  assert.deepEqual(
    timeline.map((e) => `${e.type}:${e.id}`),
    ["event:3", "event:2", "event:1", "transition:1"],
  );
});

test("a decided amount different from the engine's needs a reason; a refusal has no amount", () => {
  const base = { outcome: "granted" as const, computedAmount: 1000, changeReason: null };
  assert.equal(checkDecisionAmount({ ...base, decidedAmount: 1000 }), null);
  assert.equal(checkDecisionAmount({ ...base, decidedAmount: null }), null);
  assert.match(checkDecisionAmount({ ...base, decidedAmount: 1100 }) ?? "", /indiquez le motif/);
  assert.equal(checkDecisionAmount({ ...base, decidedAmount: 1100, changeReason: "Trimestres AVPF" }), null);
  assert.match(
    checkDecisionAmount({ outcome: "refused", computedAmount: null, decidedAmount: 10, changeReason: "x" }) ??
      "",
    /refusée n'a pas de montant/,
  );
});
