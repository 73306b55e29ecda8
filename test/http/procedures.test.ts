import assert from "node:assert/strict";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import PDFDocument from "pdfkit";
import { casesOf } from "../../src/cases/index.ts";
import { documentStorage, MAX_UPLOAD_BYTES } from "../../src/documents/index.ts";
import { outbox } from "../../src/platform/mail.ts";
import { createPersonas } from "../../src/population/index.ts";
import { expiredDraftsSweep, expiryWarningSweep, reminderSweep } from "../../src/procedures/index.ts";
import { csrfOf, insuredIdOf, loggedInAs, openTestApp, type TestApp, Visitor } from "../helpers/app.ts";
import { testEngines } from "../helpers/database.ts";
import { pdfText } from "../helpers/pdf.ts";
import { staffLogin } from "../helpers/staff.ts";

const JEAN_PIERRE = "jean-pierre.lefevre@parcours.test";
const NADIA = "nadia.haddad@parcours.test";
const SOPHIE = "sophie.laurent@parcours.test";
const LEA = "lea.moreau@parcours.test";
const FRANCOISE = "francoise.dubois@parcours.test";
const MONIQUE = "monique.garnier@parcours.test";
const KARIM = "karim.benali@parcours.test";

const CLAIM = "/espace/demarches/demande-de-retraite";
const IBAN = "FR76 3000 6000 0112 3456 7890 189";

function main(body: string): string {
  return body.slice(body.indexOf("<main"), body.indexOf("</main>"));
}

/** The value of the input named `name` on a page, decoded as a browser would. */
function inputValue(body: string, name: string): string | undefined {
  const match = new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(body);
  return match?.[1]
    ?.replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

async function pdfBytes(text: string): Promise<Buffer> {
  const document = new PDFDocument();
  const chunks: Buffer[] = [];
  document.on("data", (chunk: Buffer) => chunks.push(chunk));
  document.text(text);
  document.end();
  await once(document, "end");
  return Buffer.concat(chunks);
}

/** Posts a step of the wizard with the CSRF token of its page; returns the answer. */
async function answerStep(visitor: Visitor, path: string, form: Record<string, string>) {
  return visitor.submit(path, path, { action: "suivant", ...form });
}

/** Jean-Pierre's claim answered up to the proofs step, the way he would. */
async function fillRetirementClaim(visitor: Visitor): Promise<void> {
  const start = await visitor.submit(CLAIM, CLAIM, {});
  assert.equal(start.statusCode, 303);
  const first = await visitor.get(`${CLAIM}/date-de-depart`);
  const startDate = inputValue(first.body, "startDate") ?? "";
  const steps: [string, Record<string, string>][] = [
    ["date-de-depart", { startDate, stillWorking: "non" }],
    ["carriere", { careerComplete: "oui" }],
    ["autres-regimes", { otherSchemes: "non", workedAbroad: "non" }],
  ];
  for (const [step, form] of steps) {
    const answer = await answerStep(visitor, `${CLAIM}/${step}`, form);
    assert.equal(answer.statusCode, 303, `${step}: ${main(answer.body)}`);
  }
  const children = await visitor.get(`${CLAIM}/enfants`);
  const childForm: Record<string, string> = {
    hasChildren: "oui",
    "children-lignes": "2",
    "children-0-firstName": inputValue(children.body, "children-0-firstName") ?? "",
    "children-0-birthDate": inputValue(children.body, "children-0-birthDate") ?? "",
  };
  const childAnswer = await answerStep(visitor, `${CLAIM}/enfants`, childForm);
  assert.equal(
    childAnswer.statusCode,
    303,
    main(childAnswer.body)
      .match(/(?:fr-error-text|fr-message--error)"[^>]*>[^<]*/g)
      ?.join(),
  );
  const family = await visitor.get(`${CLAIM}/situation-familiale`);
  assert.equal(
    (
      await answerStep(visitor, `${CLAIM}/situation-familiale`, {
        familyStatus: "marriage",
        spouseName: inputValue(family.body, "spouseName") ?? "",
        spouseBirthDate: inputValue(family.body, "spouseBirthDate") ?? "",
        spouseRetired: "non",
      })
    ).statusCode,
    303,
  );
  const bank = await answerStep(visitor, `${CLAIM}/coordonnees-bancaires`, {
    bankHolder: "M. Jean-Pierre Lefèvre",
    iban: IBAN,
  });
  assert.equal(bank.statusCode, 303);
  assert.equal(bank.headers.location, `${CLAIM}/justificatifs`);
}

for (const engine of testEngines) {
  describe(`procedures: drafts, steps and submission (${engine})`, () => {
    let testApp: TestApp;
    let uploadsDir: string;
    before(async () => {
      uploadsDir = mkdtempSync(join(tmpdir(), "parcours-procedures-"));
      testApp = await openTestApp(engine, { uploadsDir });
      await createPersonas(testApp.database);
    });
    after(async () => testApp.close());

    // One session per person for the whole suite: logins are rate-limited per address.
    const sessions = new Map<string, Promise<Visitor>>();
    const logIn = (email: string): Promise<Visitor> => {
      if (!sessions.has(email)) sessions.set(email, loggedInAs(testApp.app, email));
      return sessions.get(email) as Promise<Visitor>;
    };

    test("the retirement claim: start, pre-filled start date from the rules engine, DSFR stepper of 8 steps", async () => {
      const visitor = await logIn(JEAN_PIERRE);
      const home = await visitor.get("/espace");
      assert.match(home.body, new RegExp(`href="${CLAIM}"`));
      const start = await visitor.get(CLAIM);
      assert.equal(start.statusCode, 200);
      assert.match(main(start.body), /Commencer ma demande/);
      assert.match(main(start.body), /Pièce d&#39;identité en cours de validité/);
      const started = await visitor.post(CLAIM, { _csrf: csrfOf(start.body) });
      assert.equal(started.statusCode, 303);
      assert.equal(started.headers.location, `${CLAIM}/date-de-depart`);
      const step = await visitor.get(`${CLAIM}/date-de-depart`);
      assert.equal(step.statusCode, 200);
      assert.match(step.body, /class="fr-stepper"/);
      assert.match(step.body, /Étape 1 sur 8/);
      assert.match(step.body, /Étape suivante :<\/span> Votre carrière/);
      assert.match(main(step.body), /Âge légal : départ possible à partir du/);
      assert.match(main(step.body), /Carrière longue/);
      assert.match(inputValue(step.body, "startDate") ?? "", /^\d{2}\/\d{4}$/);
      // Starting again resumes the same draft: never a second one.
      const again = await visitor.post(CLAIM, { _csrf: csrfOf(start.body) });
      assert.equal(again.headers.location, `${CLAIM}/date-de-depart`);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from procedure_draft`.execute(
        testApp.database.db,
      );
      assert.equal(rows[0]?.n, 1);
      assert.match((await visitor.get(CLAIM)).body, /Reprendre ma demande/);
    });

    test("a refused answer shows its message next to the field and keeps what was typed; the draft keeps it too", async () => {
      const visitor = await logIn(JEAN_PIERRE);
      await visitor.submit(CLAIM, CLAIM, {});
      const suggested = inputValue((await visitor.get(`${CLAIM}/date-de-depart`)).body, "startDate") ?? "";
      const refused = await answerStep(visitor, `${CLAIM}/date-de-depart`, {
        startDate: "13/2027",
        stillWorking: "oui",
        workEndDate: "31/02/2027",
      });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /<title>Erreur/);
      assert.match(
        refused.body,
        /<p class="fr-message fr-message--error" id="startDate-error">Indiquez le mois et l&#39;année au format mois\/année, par exemple 09\/2027.<\/p>/,
      );
      assert.match(
        refused.body,
        /<p class="fr-message fr-message--error" id="workEndDate-error">Indiquez une date réelle/,
      );
      assert.equal(inputValue(refused.body, "startDate"), "13/2027");
      assert.equal(inputValue(refused.body, "workEndDate"), "31/02/2027");
      // Saved even when refused: reopening the step shows the same answers.
      const reopened = await visitor.get(`${CLAIM}/date-de-depart`);
      assert.equal(inputValue(reopened.body, "startDate"), "13/2027");
      // A start date in the past is refused with the rule.
      const past = await answerStep(visitor, `${CLAIM}/date-de-depart`, {
        startDate: "01/2020",
        stillWorking: "non",
      });
      assert.equal(past.statusCode, 400);
      assert.match(main(past.body), /Une retraite ne commence pas avant le mois qui suit la demande/);
      const fixed = await answerStep(visitor, `${CLAIM}/date-de-depart`, {
        startDate: suggested,
        stillWorking: "non",
      });
      assert.equal(fixed.statusCode, 303);
      assert.equal(fixed.headers.location, `${CLAIM}/carriere`);
    });

    test("going back keeps every answer; hidden questions come back with their answer when asked again", async () => {
      const visitor = await logIn(KARIM);
      const path = "/espace/demarches/correction-de-carriere";
      await visitor.submit(path, path, {});
      assert.equal(
        (await answerStep(visitor, `${path}/objet`, { correctionKind: "missingPeriod" })).headers.location,
        `${path}/periode`,
      );
      const period = await visitor.get(`${path}/periode`);
      assert.match(period.body, /Étape 2 sur 4/, "the children step is not shown for a period");
      const back = await visitor.submit(`${path}/periode`, `${path}/periode`, {
        action: "precedent",
        periodFrom: "01/09/1995",
        periodTo: "",
        activity: "salaried",
        employer: "Dupont SA",
        whatIsWrong: "",
      });
      assert.equal(back.statusCode, 303);
      assert.equal(back.headers.location, `${path}/objet`);
      const again = await visitor.get(`${path}/periode`);
      assert.equal(inputValue(again.body, "periodFrom"), "01/09/1995");
      assert.equal(inputValue(again.body, "employer"), "Dupont SA");
      // Choosing child quarters shows the children (pre-filled from the family), not the period.
      await answerStep(visitor, `${path}/objet`, { correctionKind: "childQuarters" });
      const children = await visitor.get(`${path}/enfants`);
      assert.equal(children.statusCode, 200);
      assert.equal(inputValue(children.body, "children-0-firstName"), "Yanis");
      assert.equal((await visitor.get(`${path}/periode`)).statusCode, 303, "period hidden now");
      // Back to a period: the period typed earlier is still there.
      await answerStep(visitor, `${path}/objet`, { correctionKind: "missingPeriod" });
      assert.equal(inputValue((await visitor.get(`${path}/periode`)).body, "employer"), "Dupont SA");
    });

    test("only the questions that concern the person: no spouse questions for a single person", async () => {
      const nadia = await logIn(NADIA);
      await nadia.submit(CLAIM, CLAIM, {});
      const family = await nadia.get(`${CLAIM}/situation-familiale`);
      assert.equal(family.statusCode, 200);
      assert.match(family.body, /id="familyStatus-single" name="familyStatus" value="single" checked/);
      assert.doesNotMatch(family.body, /name="spouseName"/);
      const jeanPierre = await logIn(JEAN_PIERRE);
      const his = await jeanPierre.get(`${CLAIM}/situation-familiale`);
      assert.equal(inputValue(his.body, "spouseName"), "Sylvie Lefèvre", "pre-filled from the family");
      // Pre-filled, and correctable: a corrected name is kept, and asks for the union's certificate.
      const corrected = await answerStep(jeanPierre, `${CLAIM}/situation-familiale`, {
        familyStatus: "marriage",
        spouseName: "Sylvie Lefèvre-Martin",
        spouseBirthDate: inputValue(his.body, "spouseBirthDate") ?? "",
        spouseRetired: "non",
      });
      assert.equal(corrected.statusCode, 303);
      const again = await jeanPierre.get(`${CLAIM}/situation-familiale`);
      assert.equal(inputValue(again.body, "spouseName"), "Sylvie Lefèvre-Martin");
      assert.match(
        main((await jeanPierre.get(`${CLAIM}/justificatifs`)).body),
        /Acte de mariage ou livret de famille/,
      );
      await answerStep(jeanPierre, `${CLAIM}/situation-familiale`, {
        familyStatus: "marriage",
        spouseName: "Sylvie Lefèvre",
        spouseBirthDate: inputValue(his.body, "spouseBirthDate") ?? "",
        spouseRetired: "non",
      });
      // The site map lists the procedures of the person's profile only.
      const map = main((await nadia.get("/plan-du-site")).body);
      assert.match(map, /href="\/espace\/demarches\/demande-de-retraite"/);
      assert.doesNotMatch(map, /allocation-de-solidarite/);
    });

    test("the survivor pension is refused and explained before 55; offered with the deceased pre-filled after", async () => {
      const path = "/espace/demarches/pension-de-reversion";
      const lea = await logIn(LEA);
      const refused = await lea.get(path);
      assert.equal(refused.statusCode, 200);
      assert.match(main(refused.body), /la réversion n&#39;est possible qu&#39;à partir de 55 ans/);
      assert.doesNotMatch(main(refused.body), /Commencer ma demande/);
      assert.equal((await lea.submit(path, path, {})).statusCode, 404);
      const francoise = await logIn(FRANCOISE);
      await francoise.submit(path, path, {});
      const deceased = await francoise.get(`${path}/defunt`);
      assert.equal(inputValue(deceased.body, "deceasedName"), "Philippe Dubois");
      assert.match(inputValue(deceased.body, "deathDate") ?? "", /^\d{2}\/\d{2}\/\d{4}$/);
      const badNir = await answerStep(francoise, `${path}/defunt`, {
        deceasedName: "Philippe Dubois",
        deceasedBirthDate: inputValue(deceased.body, "deceasedBirthDate") ?? "",
        deceasedNir: "1 65 02 59 512 123 00",
        deathDate: inputValue(deceased.body, "deathDate") ?? "",
      });
      assert.equal(badNir.statusCode, 400);
      assert.match(badNir.body, /id="deceasedNir-error"/);
    });

    test("the survivor pension from first step to case: only the proofs her answers call for", async () => {
      const path = "/espace/demarches/pension-de-reversion";
      const francoise = await logIn(FRANCOISE);
      await francoise.submit(path, path, {});
      const deceased = await francoise.get(`${path}/defunt`);
      const steps: [string, Record<string, string>][] = [
        [
          "defunt",
          {
            deceasedName: "Philippe Dubois",
            deceasedBirthDate: inputValue(deceased.body, "deceasedBirthDate") ?? "",
            deceasedNir: "",
            deathDate: inputValue(deceased.body, "deathDate") ?? "",
          },
        ],
        [
          "mariage",
          {
            marriageDate: inputValue((await francoise.get(`${path}/mariage`)).body, "marriageDate") ?? "",
            previousMarriages: "non",
          },
        ],
        ["votre-situation", { livingAsCouple: "non", ownPension: "non" }],
        ["ressources", { resourcesMonthly: "0" }],
        ["coordonnees-bancaires", { bankHolder: "Mme Françoise Dubois", iban: IBAN }],
      ];
      for (const [step, form] of steps) {
        const answer = await answerStep(francoise, `${path}/${step}`, form);
        assert.equal(
          answer.statusCode,
          303,
          `${step}: ${main(answer.body)
            .match(/(?:fr-error-text|fr-message--error)"[^>]*>[^<]*/g)
            ?.join()}`,
        );
      }
      const proofs = main((await francoise.get(`${path}/justificatifs`)).body);
      assert.match(proofs, /Acte de décès/);
      assert.match(proofs, /Livret de famille ou acte de mariage/);
      assert.doesNotMatch(proofs, /Justificatifs de vos ressources/, "no resources declared");
      const review = await francoise.get(`${path}/verification`);
      const sent = await francoise.post(`${path}/envoyer`, {
        _csrf: csrfOf(review.body),
        brouillon: inputValue(review.body, "brouillon") ?? "",
      });
      assert.equal(sent.statusCode, 303);
      const [opened] = await casesOf(testApp.database.db, await insuredIdOf(testApp.database.db, FRANCOISE));
      assert.equal(opened?.procedure, "survivorPension");
      assert.equal(opened?.claimedStartDate, null);
    });

    test("the ASPA is offered to retirees, with residence and resources questions", async () => {
      const monique = await logIn(MONIQUE);
      const home = await monique.get("/espace");
      assert.match(home.body, /href="\/espace\/demarches\/allocation-de-solidarite"/);
      const path = "/espace/demarches/allocation-de-solidarite";
      await monique.submit(path, path, {});
      const household = await monique.get(`${path}/foyer`);
      assert.equal(inputValue(household.body, "partnerName"), "Bernard Garnier");
      const jeanPierre = await logIn(JEAN_PIERRE);
      assert.match((await jeanPierre.get(path)).body, /n&#39;est pas proposée pour votre profil/);
    });

    test("proofs: exactly this person's list; a refused upload is explained next to its input", async () => {
      const visitor = await logIn(JEAN_PIERRE);
      await fillRetirementClaim(visitor);
      const proofs = await visitor.get(`${CLAIM}/justificatifs`);
      assert.equal(proofs.statusCode, 200);
      const body = main(proofs.body);
      assert.match(body, /Pièce d&#39;identité en cours de validité/);
      assert.match(body, /Relevé d&#39;identité bancaire \(RIB\)/, "no account known yet");
      assert.doesNotMatch(body, /Acte de mariage/, "the spouse is the one already known");
      const disguised = await visitor.submitMultipart(
        `${CLAIM}/justificatifs`,
        `${CLAIM}/justificatifs`,
        { action: "joindre" },
        [
          {
            field: "preuve-identity",
            filename: "carte.pdf",
            content: Buffer.from("pas un PDF"),
            type: "application/pdf",
          },
        ],
      );
      assert.equal(disguised.statusCode, 400);
      assert.match(disguised.body, /id="preuve-identity-error"/);
      const empty = await visitor.submitMultipart(
        `${CLAIM}/justificatifs`,
        `${CLAIM}/justificatifs`,
        { action: "joindre" },
        [
          {
            field: "preuve-identity",
            filename: "vide.pdf",
            content: Buffer.alloc(0),
            type: "application/pdf",
          },
        ],
      );
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /<p id="preuve-identity-error" class="fr-error-text">[^<]*vide/);
      const large = Buffer.concat([await pdfBytes("Gros fichier"), Buffer.alloc(MAX_UPLOAD_BYTES)]);
      const tooLarge = await visitor.submitMultipart(
        `${CLAIM}/justificatifs`,
        `${CLAIM}/justificatifs`,
        { action: "joindre" },
        [{ field: "preuve-bankDetails", filename: "rib.pdf", content: large, type: "application/pdf" }],
      );
      assert.equal(tooLarge.statusCode, 400);
      assert.match(
        tooLarge.body,
        /<p id="preuve-bankDetails-error" class="fr-error-text">[^<]*dépasse 10 Mo/,
      );
      const kept = await visitor.submitMultipart(
        `${CLAIM}/justificatifs`,
        `${CLAIM}/justificatifs`,
        { action: "joindre" },
        [{ field: "preuve-identity", filename: "carte.pdf", content: await pdfBytes("Carte d'identité") }],
      );
      assert.equal(kept.statusCode, 303);
      const after = await visitor.get(`${CLAIM}/justificatifs`);
      assert.match(after.body, /carte\.pdf/);
    });

    test("ten uploads at once to one draft: the ten files are all referenced by it (none dropped)", async () => {
      const visitor = await logIn(JEAN_PIERRE);
      await fillRetirementClaim(visitor);
      const identityProofs = async () => {
        const { rows } = await sql<{ proofs: Record<string, string[]> | null }>`
          select answers->'proofs' as proofs from procedure_draft
          where insured_id = ${await insuredIdOf(testApp.database.db, JEAN_PIERRE)}`.execute(
          testApp.database.db,
        );
        return new Set(rows[0]?.proofs?.identity ?? []);
      };
      const before = await identityProofs();
      const page = await visitor.get(`${CLAIM}/justificatifs`);
      const csrf = csrfOf(page.body);
      const answers = await Promise.all(
        Array.from({ length: 10 }, async (_, i) =>
          visitor.postMultipart(`${CLAIM}/justificatifs`, { _csrf: csrf, action: "joindre" }, [
            { field: "preuve-identity", filename: `piece-${i}.pdf`, content: await pdfBytes(`Pièce ${i}`) },
          ]),
        ),
      );
      assert.deepEqual(
        answers.map((answer) => answer.statusCode),
        Array(10).fill(303),
      );
      const after = await identityProofs();
      assert.equal(after.size, before.size + 10, "every upload referenced by the draft");
      const listed = (await visitor.get(`${CLAIM}/justificatifs`)).body;
      for (let i = 0; i < 10; i++) assert.match(listed, new RegExp(`piece-${i}\\.pdf`));
    });

    test("abandon: confirmation, then the draft and its files are deleted", async () => {
      const visitor = await logIn(JEAN_PIERRE);
      await fillRetirementClaim(visitor);
      await visitor.submitMultipart(
        `${CLAIM}/justificatifs`,
        `${CLAIM}/justificatifs`,
        { action: "joindre" },
        [{ field: "preuve-identity", filename: "id.pdf", content: await pdfBytes("Identité") }],
      );
      const files = async () => (await readdir(uploadsDir)).filter((name) => /^[0-9a-f]{64}$/.test(name));
      const before = (await files()).length;
      // Every file attached to this draft, in this test or an earlier one, goes with it.
      const proofsPage = main((await visitor.get(`${CLAIM}/justificatifs`)).body);
      const attached = new Set(proofsPage.match(/\/espace\/documents\/[0-9a-f-]{36}/g)).size;
      assert.ok(attached >= 1);
      const confirm = await visitor.get(`${CLAIM}/abandonner`);
      assert.match(main(confirm.body), /Oui, abandonner ma demande/);
      const done = await visitor.post(`${CLAIM}/abandonner`, { _csrf: csrfOf(confirm.body) });
      assert.equal(done.statusCode, 303);
      assert.equal((await files()).length, before - attached);
      assert.match((await visitor.get(CLAIM)).body, /Commencer ma demande/);
    });

    test("submit twice: one case; a replay shows the same acknowledgement; PDF and mail", async () => {
      const visitor = await logIn(JEAN_PIERRE);
      await fillRetirementClaim(visitor);
      const toReview = await answerStep(visitor, `${CLAIM}/justificatifs`, {});
      assert.equal(toReview.headers.location, `${CLAIM}/verification`);
      const review = await visitor.get(`${CLAIM}/verification`);
      assert.equal(review.statusCode, 200);
      assert.match(main(review.body), /Envoyer ma demande/);
      const draftId = inputValue(review.body, "brouillon") ?? "";
      const form = { _csrf: csrfOf(review.body), brouillon: draftId };
      const [first, second] = await Promise.all([
        visitor.post(`${CLAIM}/envoyer`, form),
        visitor.post(`${CLAIM}/envoyer`, form),
      ]);
      assert.equal(first.statusCode, 303);
      assert.equal(second.statusCode, 303);
      assert.equal(first.headers.location, second.headers.location);
      const replay = await visitor.post(`${CLAIM}/envoyer`, form);
      assert.equal(replay.headers.location, first.headers.location);
      const id = await insuredIdOf(testApp.database.db, JEAN_PIERRE);
      const cases = await casesOf(testApp.database.db, id);
      assert.equal(cases.length, 1);
      const reference = cases[0]?.reference ?? "";
      assert.equal(first.headers.location, `/espace/demarches/accuse/${reference}`);
      assert.equal(cases[0]?.procedure, "retirementClaim");
      const ack = await visitor.get(first.headers.location as string);
      assert.equal(ack.statusCode, 200);
      assert.match(main(ack.body), new RegExp(reference));
      assert.match(main(ack.body), /Demande reçue/);
      assert.match(main(ack.body), /Premier paiement/);
      assert.match(main(ack.body), /Des justificatifs manquent encore/);
      assert.match(main(ack.body), /<li>Relevé d&#39;identité bancaire \(RIB\) à votre nom<\/li>/);
      assert.match(main(ack.body), /href="\/espace\/dossiers\//);
      const pdf = await visitor.get(`${first.headers.location}/accuse-de-reception.pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers["content-type"], "application/pdf");
      const text = await pdfText(pdf.rawPayload);
      assert.match(text, /Accusé de réception/);
      assert.match(text, new RegExp(reference));
      assert.match(text, /Jean-Pierre/);
      const mails = (await outbox(testApp.database.db)).filter((mail) => mail.subject.includes(reference));
      assert.equal(mails.length, 1, "one acknowledgement mail");
      assert.match(mails[0]?.text ?? "", /Nous ne vous demanderons jamais votre mot de passe/);
      // The draft is gone: the home no longer offers to resume it.
      assert.doesNotMatch((await visitor.get("/espace")).body, /Demande de retraite<\/strong>/);
      // While the case is open, a second claim is not started: the page says where the first one is.
      const again = await visitor.get(CLAIM);
      assert.match(
        main(again.body),
        new RegExp(`Votre demande de retraite n° ${reference}, reçue le .*en cours de traitement`),
      );
      const start = await visitor.post(CLAIM, { _csrf: csrfOf(again.body) });
      assert.equal(start.statusCode, 404);
      assert.equal((await casesOf(testApp.database.db, id)).length, 1);
    });

    test("authorisation: another person's draft id and acknowledgement are not found; staff cannot use the pages", async () => {
      const karim = await logIn(KARIM);
      const path = "/espace/demarches/correction-de-carriere";
      await karim.submit(path, path, {});
      const { rows } = await sql<{
        id: string;
      }>`select id from procedure_draft where insured_id = ${await insuredIdOf(testApp.database.db, KARIM)}`.execute(
        testApp.database.db,
      );
      const karimDraft = rows[0]?.id ?? "";
      const lea = await logIn(LEA);
      const page = await lea.get("/espace");
      const stolen = await lea.post(`${path}/envoyer`, { _csrf: csrfOf(page.body), brouillon: karimDraft });
      assert.equal(stolen.statusCode, 404);
      const jeanPierreId = await insuredIdOf(testApp.database.db, JEAN_PIERRE);
      const [theirCase] = await casesOf(testApp.database.db, jeanPierreId);
      if (theirCase) {
        assert.equal((await lea.get(`/espace/demarches/accuse/${theirCase.reference}`)).statusCode, 404);
      }
      const staff = new Visitor(testApp.app);
      await staffLogin(staff, "technicien@parcours.test");
      const refused = await staff.get(CLAIM);
      assert.equal(refused.statusCode, 403);
    });

    test("a representative works on the represented person's draft, recorded as theirs", async () => {
      const sophie = await logIn(SOPHIE);
      const list = await sophie.get("/espace/representation");
      await sophie.post("/espace/representation", {
        _csrf: csrfOf(list.body),
        personne: String(await insuredIdOf(testApp.database.db, NADIA)),
      });
      const resumed = await sophie.get(CLAIM);
      assert.match(main(resumed.body), /Reprendre ma demande/, "Nadia's draft, started in an earlier test");
      const family = await sophie.get(`${CLAIM}/situation-familiale`);
      assert.match(family.body, /Demande faite pour Nadia Haddad/);
      const home = await sophie.get("/espace");
      assert.match(home.body, /Demande de retraite/);
    });
  });

  describe(`procedures: reminders, expiry warnings and deletion with an injected clock (${engine})`, () => {
    let testApp: TestApp;
    let uploadsDir: string;
    before(async () => {
      uploadsDir = mkdtempSync(join(tmpdir(), "parcours-drafts-"));
      testApp = await openTestApp(engine, { uploadsDir });
      await createPersonas(testApp.database);
    });
    after(async () => testApp.close());

    const publicUrl = "https://parcours.example";
    const day = (iso: string) => new Date(`${iso}T08:00:00Z`);

    async function setActivity(email: string, at: Date) {
      const id = await insuredIdOf(testApp.database.db, email);
      await sql`update procedure_draft set last_activity_at = ${at}, created_at = ${at} where insured_id = ${id}`.execute(
        testApp.database.db,
      );
    }

    test("a reminder after 7 days without activity, once; the warning 14 days before expiry; deletion even without mail", async () => {
      const db = testApp.database.db;
      const visitor = await loggedInAs(testApp.app, JEAN_PIERRE);
      await visitor.submit(CLAIM, CLAIM, {});
      await visitor.submitMultipart(
        `${CLAIM}/justificatifs`,
        `${CLAIM}/justificatifs`,
        { action: "joindre" },
        [{ field: "preuve-identity", filename: "id.pdf", content: await pdfBytes("Identité") }],
      );
      await setActivity(JEAN_PIERRE, day("2027-01-04"));
      assert.equal(await reminderSweep(db, publicUrl, day("2027-01-10")), 0, "6 days: too early");
      assert.equal(await reminderSweep(db, publicUrl, day("2027-01-11")), 1);
      assert.equal(await reminderSweep(db, publicUrl, day("2027-01-12")), 0, "once per inactivity period");
      const reminder = (await outbox(db)).find(
        (mail) => mail.subject === "Votre demande de retraite n'est pas terminée",
      );
      assert.ok(reminder);
      assert.match(reminder.text, /https:\/\/parcours\.example\/espace\/demarches\/demande-de-retraite/);
      assert.match(reminder.text, /le 4 juillet 2027/, "the exact deletion date");
      assert.match(reminder.text, /Nous ne vous demanderons jamais votre mot de passe/);
      assert.match(reminder.text, /L'Assurance retraite/);

      assert.equal(
        await expiryWarningSweep(db, publicUrl, day("2027-06-19")),
        0,
        "15 days before: too early",
      );
      assert.equal(await expiryWarningSweep(db, publicUrl, day("2027-06-20")), 1);
      assert.equal(await expiryWarningSweep(db, publicUrl, day("2027-06-21")), 0);
      assert.ok(
        (await outbox(db)).some(
          (mail) => mail.subject === "Votre demande de retraite sera supprimée le 4 juillet 2027",
        ),
      );

      // Nadia has no e-mail to warn her with: her draft goes all the same.
      const nadia = await loggedInAs(testApp.app, NADIA);
      await nadia.submit(CLAIM, CLAIM, {});
      const nadiaId = await insuredIdOf(db, NADIA);
      await sql`update insured set email = null where id = ${nadiaId}`.execute(db);
      await setActivity(NADIA, day("2027-01-04"));
      const storage = documentStorage({ uploadsDir, clamd: undefined });
      const files = async () => (await readdir(uploadsDir)).filter((name) => /^[0-9a-f]{64}$/.test(name));
      assert.equal((await files()).length, 1);
      assert.equal(await expiredDraftsSweep(db, storage, day("2027-07-03")), 0, "the day before");
      assert.equal(await expiredDraftsSweep(db, storage, day("2027-07-04")), 2);
      assert.equal((await files()).length, 0, "the proof's file is deleted with the draft");
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from procedure_draft`.execute(db);
      assert.equal(rows[0]?.n, 0);
    });

    test("activity after a reminder makes a new reminder due after 7 more days", async () => {
      const db = testApp.database.db;
      const visitor = await loggedInAs(testApp.app, KARIM);
      const path = "/espace/demarches/correction-de-carriere";
      await visitor.submit(path, path, {});
      await setActivity(KARIM, day("2027-03-01"));
      assert.equal(await reminderSweep(db, publicUrl, day("2027-03-09")), 1);
      await setActivity(KARIM, day("2027-03-10"));
      assert.equal(await reminderSweep(db, publicUrl, day("2027-03-16")), 0);
      assert.equal(await reminderSweep(db, publicUrl, day("2027-03-17")), 1);
    });
  });
}
