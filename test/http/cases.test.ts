import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { after, before, describe, test } from "node:test";
import PDFDocument from "pdfkit";
import {
  type CaseSummary,
  caseOf,
  markRead,
  moveCase,
  openCase,
  postMessage,
  recordDecision,
  requestProof,
} from "../../src/cases/index.ts";
import { auditTrailOf } from "../../src/platform/audit.ts";
import { outbox } from "../../src/platform/mail.ts";
import { createPersonas } from "../../src/population/index.ts";
import { staffByEmail } from "../../src/staff/index.ts";
import { csrfOf, insuredIdOf, loggedInAs, openTestApp, type TestApp, Visitor } from "../helpers/app.ts";
import { testEngines } from "../helpers/database.ts";
import { staffLogin } from "../helpers/staff.ts";

const LEA = "lea.moreau@parcours.test";
const KARIM = "karim.benali@parcours.test";
const PUBLIC_URL = "http://127.0.0.1:3000";

async function pdfBytes(): Promise<Buffer> {
  const document = new PDFDocument();
  const chunks: Buffer[] = [];
  document.on("data", (chunk: Buffer) => chunks.push(chunk));
  document.text("Livret de famille");
  document.end();
  await once(document, "end");
  return Buffer.concat(chunks);
}

function main(body: string): string {
  return body.slice(body.indexOf("<main"), body.indexOf("</main>"));
}

for (const engine of testEngines) {
  describe(`cases: the insured person's case pages (${engine})`, () => {
    let testApp: TestApp;
    let leaId: number;
    let leaCase: CaseSummary;
    let karimCase: CaseSummary;
    let caseWorker: number;
    before(async () => {
      testApp = await openTestApp(engine);
      await createPersonas(testApp.database);
      const db = testApp.database.db;
      leaId = await insuredIdOf(db, LEA);
      const karimId = await insuredIdOf(db, KARIM);
      caseWorker = (await staffByEmail(db, "technicien@parcours.test"))?.id as number;
      const seed = (insuredId: number) =>
        openCase(db, {
          insuredId,
          procedure: "retirementClaim",
          submissionKey: randomUUID(),
          answers: {},
          documentIds: [],
          claimedStartDate: null,
          complete: true,
          actor: { kind: "insured", id: insuredId },
          at: new Date(),
        });
      leaCase = (await seed(leaId)).case;
      karimCase = (await seed(karimId)).case;
    });
    after(async () => testApp.close());

    const staff = () => ({ kind: "staff" as const, id: caseWorker });
    const casePath = (summary: CaseSummary) => `/espace/dossiers/${summary.reference}`;

    test("the list shows the person's cases only; the site map lists it", async () => {
      const visitor = await loggedInAs(testApp.app, LEA);
      const list = await visitor.get("/espace/dossiers");
      assert.equal(list.statusCode, 200);
      assert.match(main(list.body), new RegExp(`href="/espace/dossiers/${leaCase.reference}"`));
      assert.doesNotMatch(list.body, new RegExp(karimCase.reference));
      assert.match(main(list.body), /Demande reçue/);
      assert.match((await visitor.get("/plan-du-site")).body, /href="\/espace\/dossiers"/);
    });

    test("own case: the five steps and the target date; another person's case is 404; staff are refused; visitors sent to log in", async () => {
      const visitor = await loggedInAs(testApp.app, LEA);
      const page = await visitor.get(casePath(leaCase));
      assert.equal(page.statusCode, 200);
      const body = main(page.body);
      for (const step of [
        "Demande reçue",
        "Dossier en cours d&#39;étude",
        "Carrière et droits vérifiés",
        "Décision notifiée",
        "Premier paiement",
      ])
        assert.ok(body.includes(step), step);
      assert.match(body, /Étape 1 sur 5/);
      assert.match(body, /au plus tard le <strong>/);
      assert.match(body, /jours ouvrés/);
      assert.doesNotMatch(body, /decision\.pdf/, "no letter before a decision");

      assert.equal((await visitor.get(casePath(karimCase))).statusCode, 404);
      assert.equal((await visitor.get("/espace/dossiers/RET-2026-999999")).statusCode, 404);

      const agent = new Visitor(testApp.app);
      await staffLogin(agent, "technicien@parcours.test");
      assert.equal((await agent.get(casePath(leaCase))).statusCode, 403);
      assert.equal((await agent.get("/espace/dossiers")).statusCode, 403);

      const anonymous = await new Visitor(testApp.app).get(casePath(leaCase));
      assert.equal(anonymous.statusCode, 303);
      assert.match(String(anonymous.headers.location), /^\/connexion/);
    });

    test("answering a proof request: a disguised file is refused next to its input with the comment kept; a real PDF resumes the study", async () => {
      await requestProof(testApp.database.db, leaCase.id, {
        proofCode: "childrenCivilStatus",
        proofLabel: "Livret de famille ou acte de naissance de chacun de vos enfants",
        reason: "Votre livret de famille, pour compter les trimestres de vos enfants.",
        actor: staff(),
        at: new Date(),
        publicUrl: PUBLIC_URL,
      });
      const mail = (await outbox(testApp.database.db)).find(
        (m) => m.to === LEA && m.subject === "Un justificatif est demandé pour votre dossier",
      );
      assert.ok(mail?.text.includes(`${PUBLIC_URL}${casePath(leaCase)}`));

      const visitor = await loggedInAs(testApp.app, LEA);
      const home = await visitor.get(casePath(leaCase));
      assert.match(main(home.body), /Votre livret de famille, pour compter les trimestres de vos enfants/);
      const eventId = (await caseOf(testApp.database.db, leaCase.id))?.openProofRequests[0]
        ?.eventId as number;
      const action = `${casePath(leaCase)}/justificatifs/${eventId}`;
      assert.ok(home.body.includes(`action="${action}"`));
      assert.ok(home.body.includes('enctype="multipart/form-data"'));

      const disguised = await visitor.postMultipart(
        action,
        { _csrf: csrfOf(home.body), [`commentaire-${eventId}`]: "Page 1 et 2 du livret" },
        [
          {
            field: `justificatif-${eventId}`,
            filename: "livret.pdf",
            content: Buffer.from("ceci n'est pas un PDF"),
            type: "application/pdf",
          },
        ],
      );
      assert.equal(disguised.statusCode, 400);
      const refused = main(disguised.body);
      assert.match(
        refused,
        new RegExp(`id="justificatif-${eventId}-error" class="fr-error-text">[^<]*livret\\.pdf`),
      );
      assert.match(refused, /Page 1 et 2 du livret<\/textarea>/);

      const none = await visitor.postMultipart(action, { _csrf: csrfOf(home.body) }, []);
      assert.equal(none.statusCode, 400);
      assert.match(main(none.body), /Choisissez le fichier du justificatif/);

      const sent = await visitor.postMultipart(
        action,
        { _csrf: csrfOf(home.body), [`commentaire-${eventId}`]: "Page 1 et 2 du livret" },
        [
          {
            field: `justificatif-${eventId}`,
            filename: "livret.pdf",
            content: await pdfBytes(),
            type: "application/pdf",
          },
        ],
      );
      assert.equal(sent.statusCode, 303);
      assert.equal(sent.headers.location, `${casePath(leaCase)}?envoye=justificatif`);
      const detail = await caseOf(testApp.database.db, leaCase.id);
      assert.equal(detail?.state, "under_review");
      assert.equal(detail?.openProofRequests.length, 0);
      const answer = detail?.events.find((e) => e.kind === "proof_answer");
      assert.equal(answer?.documentIds.length, 1);

      const after = main((await visitor.get(`${casePath(leaCase)}?envoye=justificatif`)).body);
      assert.match(after, /Votre justificatif est envoyé/);
      assert.match(after, /Justificatif envoyé : Page 1 et 2 du livret/);
      assert.ok(after.includes(`href="/espace/documents/${answer?.documentIds[0]}"`));
      const download = await visitor.get(`/espace/documents/${answer?.documentIds[0]}`);
      assert.equal(download.statusCode, 200);
      assert.equal(download.headers["content-type"], "application/pdf");

      const replay = await visitor.postMultipart(action, { _csrf: csrfOf(home.body) }, [
        { field: `justificatif-${eventId}`, filename: "livret.pdf", content: await pdfBytes() },
      ]);
      assert.equal(replay.statusCode, 303, "a replayed answer changes nothing");
      assert.equal(
        (await caseOf(testApp.database.db, leaCase.id))?.events.filter((e) => e.kind === "proof_answer")
          .length,
        1,
      );
    });

    test("messages: a refused attachment keeps the text; staff messages are marked read when the person opens the page; 'Lu le' once staff read", async () => {
      const db = testApp.database.db;
      await postMessage(db, leaCase.id, {
        body: "Bonjour, nous étudions votre dossier.",
        documentIds: [],
        actor: staff(),
        at: new Date(),
        publicUrl: PUBLIC_URL,
      });
      const visitor = await loggedInAs(testApp.app, LEA);
      const page = await visitor.get(casePath(leaCase));
      assert.match(main(page.body), /Bonjour, nous étudions votre dossier\./);
      const staffMessage = (await caseOf(db, leaCase.id))?.events.find(
        (e) => e.kind === "message" && e.author.kind === "staff",
      );
      assert.ok(staffMessage?.readAt, "opening the page marks the staff message read");

      const action = `${casePath(leaCase)}/messages`;
      const empty = await visitor.postMultipart(action, { _csrf: csrfOf(page.body), message: "  " });
      assert.equal(empty.statusCode, 400);
      assert.match(main(empty.body), /id="message-error" class="fr-error-text">Écrivez votre message/);

      const badFile = await visitor.postMultipart(
        action,
        { _csrf: csrfOf(page.body), message: "Merci, voici mon RIB." },
        [{ field: "pieces-jointes", filename: "rib.png", content: Buffer.from("pas une image") }],
      );
      assert.equal(badFile.statusCode, 400);
      assert.match(main(badFile.body), /id="pieces-jointes-error"/);
      assert.match(main(badFile.body), /Merci, voici mon RIB\.<\/textarea>/);

      const sent = await visitor.postMultipart(
        action,
        { _csrf: csrfOf(page.body), message: "Merci, voici mon RIB." },
        [{ field: "pieces-jointes", filename: "rib.pdf", content: await pdfBytes() }],
      );
      assert.equal(sent.statusCode, 303);
      let thread = main((await visitor.get(casePath(leaCase))).body);
      assert.match(thread, /Merci, voici mon RIB\./);
      assert.match(thread, /Pas encore lu/);

      await markRead(db, leaCase.id, "staff", new Date());
      thread = main((await visitor.get(casePath(leaCase))).body);
      assert.match(thread, /Lu le \d{1,2} \S+ \d{4}/);
    });

    test("a legal representative acting for the person sees the case and writes as themselves (audited)", async () => {
      const db = testApp.database.db;
      const nadiaId = await insuredIdOf(db, "nadia.haddad@parcours.test");
      const sophieId = await insuredIdOf(db, "sophie.laurent@parcours.test");
      const { case: nadiaCase } = await openCase(db, {
        insuredId: nadiaId,
        procedure: "aspa",
        submissionKey: randomUUID(),
        answers: {},
        documentIds: [],
        claimedStartDate: null,
        complete: false,
        actor: { kind: "representative", id: sophieId },
        at: new Date(),
      });
      const sophie = await loggedInAs(testApp.app, "sophie.laurent@parcours.test");
      assert.equal((await sophie.get(casePath(nadiaCase))).statusCode, 404, "not while acting for herself");
      const list = await sophie.get("/espace/representation");
      await sophie.post("/espace/representation", { _csrf: csrfOf(list.body), personne: String(nadiaId) });
      const page = await sophie.get(casePath(nadiaCase));
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Vous agissez pour le compte de Nadia Haddad/);
      const sent = await sophie.postMultipart(`${casePath(nadiaCase)}/messages`, {
        _csrf: csrfOf(page.body),
        message: "Je représente Mme Haddad.",
      });
      assert.equal(sent.statusCode, 303);
      const message = (await caseOf(db, nadiaCase.id))?.events.find((e) => e.kind === "message");
      assert.deepEqual(message?.author, { kind: "representative", id: sophieId });
      const trail = await auditTrailOf(db, nadiaId);
      assert.ok(trail.some((e) => e.action === "case.read" && e.actorId === sophieId));
      assert.ok(trail.some((e) => e.action === "case.message" && e.actorKind === "representative"));
    });

    test("once decided, the page links the decision letter and shows the decision step", async () => {
      const db = testApp.database.db;
      await moveCase(db, karimCase.id, "under_review", staff(), "", new Date());
      await moveCase(db, karimCase.id, "verified", staff(), "", new Date());
      await recordDecision(db, karimCase.id, {
        outcome: "granted",
        computedAmount: 1523.4,
        decidedAmount: null,
        changeReason: null,
        actor: staff(),
        at: new Date(),
        publicUrl: PUBLIC_URL,
      });
      const visitor = await loggedInAs(testApp.app, KARIM);
      const body = main((await visitor.get(casePath(karimCase))).body);
      assert.ok(body.includes(`href="${casePath(karimCase)}/decision.pdf"`));
      assert.match(body, /Étape 4 sur 5/);
      assert.match(body, /1\s523,40\s€ brut par mois/);
    });
  });
}
