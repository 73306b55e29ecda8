import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { insuredIdOf } from "../../test/helpers/app.ts";
import { openTestDatabase, type TestDatabase, testEngines } from "../../test/helpers/database.ts";
import { insuredById } from "../identity/index.ts";
import { auditTrailOf } from "../platform/audit.ts";
import { outbox } from "../platform/mail.ts";
import { createPersonas } from "../population/index.ts";
import { staffByEmail } from "../staff/index.ts";
import {
  answerProofRequest,
  assignCase,
  CaseError,
  type CaseSummary,
  CaseTransitionError,
  caseOf,
  caseQueue,
  casesOf,
  markRead,
  moveCase,
  openCase,
  openProofRequestsOf,
  type ProcedureCode,
  postMessage,
  recordDecision,
  recordFirstPayment,
  reportStalledCases,
  requestProof,
} from "./index.ts";
import { queueQuery } from "./store.ts";

const PUBLIC_URL = "http://127.0.0.1:3000";
const at = (iso: string) => new Date(iso);

for (const engine of testEngines) {
  describe(`cases service (${engine})`, () => {
    let database: TestDatabase;
    let lea: number;
    let nadia: number;
    let sophie: number;
    let caseWorker: number;
    before(async () => {
      database = await openTestDatabase(engine);
      await createPersonas(database);
      lea = await insuredIdOf(database.db, "lea.moreau@parcours.test");
      nadia = await insuredIdOf(database.db, "nadia.haddad@parcours.test");
      sophie = await insuredIdOf(database.db, "sophie.laurent@parcours.test");
      caseWorker = (await staffByEmail(database.db, "technicien@parcours.test"))?.id as number;
    });
    after(async () => database.close());

    const staff = () => ({ kind: "staff" as const, id: caseWorker });
    const open = (
      insuredId: number,
      options: Partial<{
        procedure: ProcedureCode;
        at: Date;
        key: string;
        start: string | null;
        complete: boolean;
      }> = {},
    ) =>
      openCase(database.db, {
        insuredId,
        procedure: options.procedure ?? "retirementClaim",
        submissionKey: options.key ?? randomUUID(),
        answers: { startDate: options.start ?? null },
        documentIds: [],
        claimedStartDate: options.start ?? null,
        complete: options.complete ?? true,
        actor: { kind: "insured", id: insuredId },
        at: options.at ?? at("2026-03-02T09:00:00Z"),
      });

    test("openCase: reference, fund and priority of the person, target date, stored transition; same key = same case", async () => {
      const key = randomUUID();
      const first = await open(nadia, { key, start: "2026-09-01" });
      assert.equal(first.created, true);
      assert.match(first.case.reference, /^RET-2026-\d{6}$/);
      assert.equal(first.case.fundCode, (await insuredById(database.db, nadia))?.fundCode);
      assert.equal(first.case.priority, true, "Nadia is fragile");
      assert.equal(first.case.state, "received");
      // 68 days in 2026; the start date is 6 months away, later than that.
      assert.equal(first.case.targetDate, "2026-05-09");

      const again = await open(nadia, { key, start: "2027-01-01" });
      assert.deepEqual(
        [again.created, again.case.id, again.case.claimedStartDate],
        [false, first.case.id, "2026-09-01"],
      );

      const racing = randomUUID();
      const both = await Promise.all([open(lea, { key: racing }), open(lea, { key: racing })]);
      assert.equal(both[0].case.id, both[1].case.id);
      assert.deepEqual(both.map((r) => r.created).sort(), [false, true]);
      const leas = await casesOf(database.db, lea);
      assert.equal(leas.filter((c) => c.id === both[0].case.id).length, 1);

      await assert.rejects(open(sophie, { key }), CaseError, "someone else's key never returns their case");

      const detail = await caseOf(database.db, first.case.id, at("2026-03-02T10:00:00Z"));
      assert.deepEqual(
        detail?.transitions.map((t) => [t.from, t.to, t.actor.kind]),
        [[null, "received", "insured"]],
      );
      assert.equal(detail?.deadline.rule, "processingTime");
      const audit = await auditTrailOf(database.db, nadia);
      assert.ok(audit.some((entry) => entry.action === "case.open"));
    });

    test("a complete claim filed 4+ months ahead with an early start date is due the day before", async () => {
      const { case: opened } = await open(lea, {
        procedure: "careerCorrection",
        at: at("2026-01-15T09:00:00Z"),
        start: "2026-05-15",
      });
      assert.equal(opened.targetDate, "2026-05-14");
    });

    test("moves are guarded: a forbidden one is refused in French and changes nothing; an allowed one is stored with who, when, why", async () => {
      const { case: opened } = await open(lea);
      await assert.rejects(
        moveCase(database.db, opened.id, "verified", staff(), "trop tôt", at("2026-03-03T09:00:00Z")),
        (error: unknown) => error instanceof CaseTransitionError && /ne peut pas passer/.test(error.message),
      );
      assert.equal((await caseOf(database.db, opened.id))?.state, "received");
      await moveCase(
        database.db,
        opened.id,
        "under_review",
        staff(),
        "Dossier complet",
        at("2026-03-03T09:00:00Z"),
      );
      const detail = await caseOf(database.db, opened.id);
      assert.deepEqual(
        detail?.transitions.at(-1) && {
          from: detail.transitions.at(-1)?.from,
          to: detail.transitions.at(-1)?.to,
          actor: detail.transitions.at(-1)?.actor,
          reason: detail.transitions.at(-1)?.reason,
          at: detail.transitions.at(-1)?.at.toISOString(),
        },
        {
          from: "received",
          to: "under_review",
          actor: staff(),
          reason: "Dossier complet",
          at: "2026-03-03T09:00:00.000Z",
        },
      );
      const audit = await auditTrailOf(database.db, lea);
      assert.ok(
        audit.some(
          (e) =>
            e.action === "case.move" &&
            e.actorId === caseWorker &&
            (e.details as { to: string }).to === "under_review",
        ),
      );
    });

    test("a proof request pauses the clock and mails the reason; the answer resumes the study and pushes the target back", async () => {
      const { case: opened } = await open(lea, { at: at("2026-03-02T09:00:00Z") });
      assert.equal(opened.targetDate, "2026-05-09");
      await requestProof(database.db, opened.id, {
        proofCode: "childrenCivilStatus",
        proofLabel: "Livret de famille",
        reason: "Votre livret de famille, pour compter les trimestres de vos enfants.",
        actor: staff(),
        at: at("2026-03-10T09:00:00Z"),
        publicUrl: PUBLIC_URL,
      });
      const waiting = await caseOf(database.db, opened.id, at("2026-03-20T09:00:00Z"));
      assert.equal(waiting?.state, "awaiting_proofs");
      assert.equal(waiting?.pausedDays, 10);
      assert.equal(waiting?.targetDate, "2026-05-19", "the running pause pushes the target back");
      const mail = (await outbox(database.db)).find(
        (m) => m.subject === "Un justificatif est demandé pour votre dossier",
      );
      assert.ok(mail);
      assert.equal(mail.to, "lea.moreau@parcours.test");
      assert.match(mail.text, /livret de famille/);
      assert.ok(mail.text.includes(`${PUBLIC_URL}/espace/dossiers/${opened.reference}`));

      const asked = (await openProofRequestsOf(database.db, lea)).filter((r) => r.caseId === opened.id);
      assert.equal(asked.length, 1);
      assert.equal(asked[0]?.reference, opened.reference);
      await assert.rejects(
        answerProofRequest(database.db, opened.id, asked[0]?.eventId as number, {
          documentIds: [],
          body: "oubli",
          actor: { kind: "insured", id: lea },
          at: at("2026-03-14T09:00:00Z"),
        }),
        /Joignez le justificatif/,
      );
      await answerProofRequest(database.db, opened.id, asked[0]?.eventId as number, {
        documentIds: [randomUUID()],
        body: "Voici le livret.",
        actor: { kind: "insured", id: lea },
        at: at("2026-03-15T09:00:00Z"),
      });
      const resumed = await caseOf(database.db, opened.id, at("2026-04-01T09:00:00Z"));
      assert.equal(resumed?.state, "under_review");
      assert.equal(resumed?.pausedDays, 5);
      assert.equal(resumed?.targetDate, "2026-05-14");
      assert.equal(
        (await openProofRequestsOf(database.db, lea)).filter((r) => r.caseId === opened.id).length,
        0,
      );
      await assert.rejects(
        answerProofRequest(database.db, opened.id, asked[0]?.eventId as number, {
          documentIds: [randomUUID()],
          body: "",
          actor: { kind: "insured", id: lea },
          at: at("2026-03-16T09:00:00Z"),
        }),
        /n'est plus demandé/,
      );
    });

    test("messages: staff's mailed to the person; read marks on each side", async () => {
      const { case: opened } = await open(lea);
      await postMessage(database.db, opened.id, {
        body: "Bonjour, votre dossier est complet.",
        documentIds: [],
        actor: staff(),
        at: at("2026-03-05T09:00:00Z"),
        publicUrl: PUBLIC_URL,
      });
      await postMessage(database.db, opened.id, {
        body: "Merci !",
        documentIds: [randomUUID()],
        actor: { kind: "insured", id: lea },
        at: at("2026-03-06T09:00:00Z"),
        publicUrl: PUBLIC_URL,
      });
      await assert.rejects(
        postMessage(database.db, opened.id, {
          body: "   ",
          documentIds: [],
          actor: { kind: "insured", id: lea },
          at: at("2026-03-06T09:00:00Z"),
          publicUrl: PUBLIC_URL,
        }),
        /Écrivez votre message/,
      );
      assert.ok(
        (await outbox(database.db)).some(
          (m) => m.subject === "Vous avez un nouveau message sur votre dossier",
        ),
      );
      await markRead(database.db, opened.id, "insured", at("2026-03-07T09:00:00Z"));
      let messages = (await caseOf(database.db, opened.id))?.events.filter((e) => e.kind === "message") ?? [];
      assert.deepEqual(
        messages.map((m) => [m.author.kind, m.readAt?.toISOString() ?? null]),
        [
          ["staff", "2026-03-07T09:00:00.000Z"],
          ["insured", null],
        ],
      );
      await markRead(database.db, opened.id, "staff", at("2026-03-08T09:00:00Z"));
      messages = (await caseOf(database.db, opened.id))?.events.filter((e) => e.kind === "message") ?? [];
      assert.equal(messages[1]?.readAt?.toISOString(), "2026-03-08T09:00:00.000Z");
      assert.equal(
        messages[0]?.readAt?.toISOString(),
        "2026-03-07T09:00:00.000Z",
        "a read mark is never moved",
      );
    });

    test("decision: from verified only; a changed amount needs a reason (audited); first payment scheduled; mails", async () => {
      const { case: opened } = await open(lea);
      const decide = (decidedAmount: number | null, changeReason: string | null) =>
        recordDecision(database.db, opened.id, {
          outcome: "granted",
          computedAmount: 1000.5,
          decidedAmount,
          changeReason,
          actor: staff(),
          at: at("2026-04-01T09:00:00Z"),
          publicUrl: PUBLIC_URL,
        });
      await assert.rejects(decide(1000.5, null), CaseTransitionError);
      await moveCase(database.db, opened.id, "under_review", staff(), "", at("2026-03-03T09:00:00Z"));
      await moveCase(
        database.db,
        opened.id,
        "verified",
        staff(),
        "Carrière vérifiée",
        at("2026-03-20T09:00:00Z"),
      );
      await assert.rejects(decide(1100, null), /indiquez le motif/);
      await decide(1100, "Trimestres d'AVPF reportés");
      const decided = await caseOf(database.db, opened.id);
      assert.deepEqual(
        [decided?.state, decided?.computedAmount, decided?.decidedAmount, decided?.amountChangeReason],
        ["granted", 1000.5, 1100, "Trimestres d'AVPF reportés"],
      );
      assert.equal(decided?.decidedAt?.toISOString(), "2026-04-01T09:00:00.000Z");
      const audit = (await auditTrailOf(database.db, lea)).find((e) => e.action === "case.decide");
      assert.equal(audit?.reason, "Trimestres d'AVPF reportés");
      await recordFirstPayment(database.db, opened.id, {
        paymentDate: "2026-05-09",
        actor: staff(),
        at: at("2026-04-02T09:00:00Z"),
        publicUrl: PUBLIC_URL,
      });
      const paid = await caseOf(database.db, opened.id);
      assert.deepEqual([paid?.state, paid?.firstPaymentOn], ["first_payment", "2026-05-09"]);
      const subjects = (await outbox(database.db)).map((m) => m.subject);
      assert.ok(subjects.includes("La décision sur votre demande est prise"));
      assert.ok(subjects.includes("Votre premier paiement est programmé"));
      assert.ok(
        paid?.timeline.some(
          (e) => e.type === "event" && e.kind === "decision" && /1\s100,00\s€/.test(e.body),
        ),
      );
    });

    test("stall job: reported once per stall with an injected clock; new activity starts a new stall", async () => {
      const { case: opened } = await open(sophie, { at: at("2026-01-05T09:00:00Z"), procedure: "aspa" });
      await assignCase(database.db, opened.id, caseWorker, staff(), at("2026-01-06T09:00:00Z"));
      const count = (now: string) => reportStalledCases(database.db, at(now), PUBLIC_URL);
      const reportsOf = async () =>
        ((await caseOf(database.db, opened.id))?.events ?? []).filter((e) => e.kind === "reassurance").length;
      assert.ok((await count("2026-03-04T09:00:00Z")) >= 0);
      assert.equal(await reportsOf(), 0, "two months have not passed");
      assert.ok((await count("2026-03-06T09:00:00Z")) >= 1);
      assert.equal(await reportsOf(), 1);
      await count("2026-03-07T09:00:00Z");
      assert.equal(await reportsOf(), 1, "idempotent");
      const detail = await caseOf(database.db, opened.id, at("2026-03-07T09:00:00Z"));
      assert.ok(detail?.stalled);
      assert.ok(detail?.atRisk);
      const alert = detail?.events.find((e) => e.kind === "stall_alert");
      assert.match(alert?.body ?? "", /^Aucune activité depuis le 05\/01\/2026 \(état : Demande reçue\)/);
      assert.doesNotMatch(alert?.body ?? "", /non attribué/, "assigned: the alert is the case worker's");
      const mail = (await outbox(database.db)).find((m) => m.subject === "Votre dossier est toujours suivi");
      assert.equal(mail?.to, "sophie.laurent@parcours.test");

      await postMessage(database.db, opened.id, {
        body: "Où en est mon dossier ?",
        documentIds: [],
        actor: { kind: "insured", id: sophie },
        at: at("2026-03-10T09:00:00Z"),
        publicUrl: PUBLIC_URL,
      });
      await count("2026-04-10T09:00:00Z");
      assert.equal(await reportsOf(), 1);
      await count("2026-05-11T09:00:00Z");
      assert.equal(await reportsOf(), 2, "a new stall is reported again");
    });

    test("queue: open cases of the fund, fragile first then target date, keyset pages, filters", async () => {
      const fund = (await insuredById(database.db, sophie))?.fundCode as string;
      assert.equal((await insuredById(database.db, nadia))?.fundCode, fund);
      const opened: CaseSummary[] = [];
      for (const [index, person] of [sophie, nadia, sophie, sophie, nadia, sophie, sophie].entries()) {
        opened.push(
          (
            await open(person, {
              at: at(`2026-02-${String(10 + ((index * 7) % 13)).padStart(2, "0")}T09:00:00Z`),
            })
          ).case,
        );
      }
      const closed = (await open(sophie, { at: at("2026-01-01T09:00:00Z") })).case;
      await moveCase(database.db, closed.id, "under_review", staff(), "", at("2026-01-02T09:00:00Z"));
      await moveCase(database.db, closed.id, "verified", staff(), "", at("2026-01-03T09:00:00Z"));
      await assert.rejects(
        recordDecision(database.db, closed.id, {
          outcome: "refused",
          computedAmount: null,
          decidedAmount: null,
          changeReason: null,
          actor: staff(),
          at: at("2026-01-04T09:00:00Z"),
          publicUrl: PUBLIC_URL,
        }),
        /motif du refus/,
        "a refusal states its motive",
      );
      await recordDecision(database.db, closed.id, {
        outcome: "refused",
        computedAmount: null,
        decidedAmount: null,
        changeReason: null,
        refusalMotive: "Durée de résidence insuffisante",
        actor: staff(),
        at: at("2026-01-04T09:00:00Z"),
        publicUrl: PUBLIC_URL,
      });

      const all: CaseSummary[] = [];
      let after: string | undefined;
      let pages = 0;
      do {
        const page = await caseQueue(database.db, { fundCode: fund, limit: 3, ...(after ? { after } : {}) });
        all.push(...page.cases);
        after = page.next ?? undefined;
        pages++;
      } while (after);
      const whole = (await caseQueue(database.db, { fundCode: fund, limit: 1000 })).cases;
      assert.deepEqual(
        all.map((c) => c.id),
        whole.map((c) => c.id),
      );
      assert.ok(pages >= 3);
      assert.ok(!whole.some((c) => c.id === closed.id), "decided cases leave the queue");
      assert.ok(whole.every((c) => c.fundCode === fund));
      for (const item of opened) assert.ok(whole.some((c) => c.id === item.id));
      const firstNotFragile = whole.findIndex((c) => !c.priority);
      assert.ok(
        firstNotFragile > 0 && whole.slice(firstNotFragile).every((c) => !c.priority),
        "fragile first",
      );
      for (let i = 1; i < whole.length; i++) {
        const [previous, current] = [whole[i - 1] as CaseSummary, whole[i] as CaseSummary];
        if (previous.priority === current.priority) assert.ok(previous.targetDate <= current.targetDate);
      }

      const fragileOnly = await caseQueue(database.db, {
        fundCode: fund,
        limit: 100,
        assignedStaffId: "none",
      });
      assert.ok(fragileOnly.cases.every((c) => c.assignedStaffId === null));
      const due = await caseQueue(database.db, { fundCode: fund, limit: 100, dueBefore: "2026-04-25" });
      assert.ok(due.cases.length > 0 && due.cases.every((c) => c.targetDate < "2026-04-25"));
      const aspa = await caseQueue(database.db, { fundCode: fund, limit: 100, procedure: "aspa" });
      assert.ok(aspa.cases.every((c) => c.procedure === "aspa"));
      const national = await caseQueue(database.db, { fundCode: null, limit: 1000 });
      assert.ok(national.cases.length > whole.length);
      await assert.rejects(
        caseQueue(database.db, { fundCode: fund, limit: 3, after: "nimportequoi" }),
        CaseError,
      );
    });

    if (engine === "postgres") {
      for (const [queue, fundCode, index] of [
        ["a fund's queue", "13", "case_file_queue"],
        ["the national queue", null, "case_file_national_queue"],
      ] as const) {
        test(`EXPLAIN: a page of ${queue} walks the index ${index} in order, without sorting`, async () => {
          const plan = await database.db.transaction().execute(async (tx) => {
            // A near-empty test table would be read whole: plan as for a large one.
            await sql`set local enable_seqscan = off`.execute(tx);
            await sql`set local enable_bitmapscan = off`.execute(tx);
            return queueQuery(
              tx,
              { fundCode, limit: 51 },
              { priority: false, targetDate: "2026-01-01", id: 1 },
            ).explain();
          });
          const text = plan.map((row) => String(row["QUERY PLAN"])).join("\n");
          assert.match(text, new RegExp(`Index Scan using ${index} `));
          assert.doesNotMatch(text, /Sort/);
        });
      }
    }
  });
}
