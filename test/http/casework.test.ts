import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { careerOf, childQuartersOf } from "../../src/career/index.ts";
import { type CaseSummary, caseOf, openCase, openProofRequestsOf } from "../../src/cases/index.ts";
import { amountText, firstOfNextMonth, survivorStartDate } from "../../src/casework/model.ts";
import { dateInFrance, insuredById, nirKey } from "../../src/identity/index.ts";
import { firstPaymentDate, pensionsOf } from "../../src/payments/index.ts";
import { auditTrailOf } from "../../src/platform/audit.ts";
import { euros } from "../../src/platform/pdf.ts";
import { createPersonas } from "../../src/population/index.ts";
import { PROCEDURES } from "../../src/procedures/index.ts";
import {
  computeAspa,
  computePension,
  computeSurvivorPension,
  formatDate,
  legalAgeFor,
  parseDate,
} from "../../src/rules/index.ts";
import { csrfOf, insuredIdOf, loggedInAs, openTestApp, type TestApp, Visitor } from "../helpers/app.ts";
import { testEngines } from "../helpers/database.ts";
import { pdfText } from "../helpers/pdf.ts";
import { staffLogin } from "../helpers/staff.ts";

function main(body: string): string {
  return body.slice(body.indexOf("<main"), body.indexOf("</main>"));
}

/** The references listed in the queue table, in order. */
function queueReferences(body: string): string[] {
  return [
    ...body.matchAll(/<th scope="row"><a href="\/agent\/dossiers\/\d+">([A-Z]{3}-\d{4}-\d+)<\/a>/g),
  ].map((m) => m[1] as string);
}

/** A person of Carsat Aquitaine added for the test (fragile or not), without a career. */
async function addAquitainePerson(t: TestApp, order: number, fragile: boolean): Promise<number> {
  const thirteen = `1580533063${String(order).padStart(3, "0")}`;
  const { rows } = await sql<{
    id: number;
  }>`insert into insured (nir, sex, birth_name, last_name, first_names,
      birth_date, birth_department, birth_place, address_line, postcode, town, department, fund_code, fragile)
    values (${`${thirteen}${nirKey(thirteen)}`}, 'M', 'Castaing', 'Castaing', ${`Test${order}`}, '1958-05-05', '33',
      'Bordeaux', '2 rue du Test', '33000', 'Bordeaux', '33', 'carsat-aquitaine', ${fragile})
    returning id`.execute(t.database.db);
  return (rows[0] as { id: number }).id;
}

/** The first day of the month the person reaches the legal age: a start date the engine accepts. */
async function legalStart(t: TestApp, insuredId: number): Promise<string> {
  const person = await insuredById(t.database.db, insuredId);
  const birth = parseDate(person?.birthDate ?? "");
  assert.ok(birth);
  return formatDate(legalAgeFor(birth).legalAgeStartDate);
}

async function claim(
  t: TestApp,
  insuredId: number,
  procedure: CaseSummary["procedure"],
  claimedStartDate: string | null,
  answers: Record<string, unknown> = { startDate: claimedStartDate ?? "" },
): Promise<CaseSummary> {
  const opened = await openCase(t.database.db, {
    insuredId,
    procedure,
    submissionKey: randomUUID(),
    answers,
    documentIds: [],
    claimedStartDate,
    complete: true,
    actor: { kind: "insured", id: insuredId },
    at: new Date(),
  });
  return opened.case;
}

async function engineMonthly(t: TestApp, insuredId: number, startDate: string): Promise<number> {
  const person = await insuredById(t.database.db, insuredId);
  const [career, awards] = await Promise.all([
    careerOf(t.database.db, insuredId),
    childQuartersOf(t.database.db, insuredId),
  ]);
  return computePension({
    birthDate: parseDate(person?.birthDate ?? "") as NonNullable<ReturnType<typeof parseDate>>,
    startDate: parseDate(startDate) as NonNullable<ReturnType<typeof parseDate>>,
    career: career.map(({ year, scheme, salary, quarters }) => ({ year, scheme, salary, quarters })),
    childQuarters: awards.reduce((sum, a) => sum + a.quarters, 0),
  }).pension.monthly;
}

/** A deceased man of the base, born 3 February 1950, with his own-right pension in payment. */
async function addDeceasedRetiree(t: TestApp, monthlyGross: number): Promise<{ id: number; nir: string }> {
  const thirteen = "1500233063901";
  const nir = `${thirteen}${nirKey(thirteen)}`;
  const { rows } = await sql<{
    id: number;
  }>`insert into insured (nir, sex, birth_name, last_name, first_names,
      birth_date, birth_department, birth_place, address_line, postcode, town, department, fund_code, fragile)
    values (${nir}, 'M', 'Dubreuil', 'Dubreuil', 'Paul', '1950-02-03', '33',
      'Bordeaux', '2 rue du Test', '33000', 'Bordeaux', '33', 'carsat-aquitaine', false)
    returning id`.execute(t.database.db);
  const id = (rows[0] as { id: number }).id;
  await sql`insert into pension (insured_id, kind, start_date, monthly_gross)
    values (${id}, 'own_right', '2012-03-01', ${monthlyGross})`.execute(t.database.db);
  return { id, nir };
}

/** An amount as the page writes it, whatever the space the number format puts in it. */
function amountPattern(amount: number): RegExp {
  return new RegExp(`Montant calculé : ${euros(amount).replace(/ /g, "[\\s\\u00a0\\u202f]")}`);
}

/** Posts a form of the case page with the page's CSRF token. */
async function act(visitor: Visitor, caseId: number, action: string, form: Record<string, string>) {
  return visitor.submit(`/agent/dossiers/${caseId}`, `/agent/dossiers/${caseId}/${action}`, form);
}

async function toVerified(visitor: Visitor, caseId: number): Promise<void> {
  for (const to of ["under_review", "verified"]) {
    const moved = await act(visitor, caseId, "etat", {
      vers: to,
      "motif-etat": "Pièces et carrière contrôlées",
    });
    assert.equal(moved.statusCode, 303, `${to}: ${main(moved.body)}`);
  }
}

for (const engine of testEngines) {
  describe(`case worker's back-office (${engine})`, () => {
    let t: TestApp;
    let technicien: Visitor;
    let technicienHdf: Visitor;
    let national: Visitor;
    let piloteIdf: Visitor;
    let jeanPierre: number;
    let karim: number;
    let jpCase: CaseSummary;
    let karimCase: CaseSummary;
    let leaCase: CaseSummary;
    let fragileCase: CaseSummary;
    let ordinaryCase: CaseSummary;
    let antonioCase: CaseSummary;

    before(async () => {
      t = await openTestApp(engine);
      await createPersonas(t.database);
      const db = t.database.db;
      jeanPierre = await insuredIdOf(db, "jean-pierre.lefevre@parcours.test");
      karim = await insuredIdOf(db, "karim.benali@parcours.test");
      const lea = await insuredIdOf(db, "lea.moreau@parcours.test");
      const antonio = await insuredIdOf(db, "antonio.ferreira@parcours.test");
      ordinaryCase = await claim(t, await addAquitainePerson(t, 1, false), "aspa", null);
      leaCase = await claim(t, lea, "careerCorrection", null);
      fragileCase = await claim(t, await addAquitainePerson(t, 2, true), "aspa", null);
      antonioCase = await claim(t, antonio, "survivorPension", null);
      jpCase = await claim(t, jeanPierre, "retirementClaim", await legalStart(t, jeanPierre));
      karimCase = await claim(t, karim, "retirementClaim", await legalStart(t, karim));
      technicien = new Visitor(t.app);
      await staffLogin(technicien, "technicien@parcours.test");
      technicienHdf = new Visitor(t.app);
      await staffLogin(technicienHdf, "technicien.hdf@parcours.test");
      national = new Visitor(t.app);
      await staffLogin(national, "pilote.national@parcours.test");
      piloteIdf = new Visitor(t.app);
      await staffLogin(piloteIdf, "pilote.idf@parcours.test");
    });
    after(async () => t.close());

    test("the queue shows the fund's open cases, the fragile person's first with a badge saying why", async () => {
      const page = await technicien.get("/agent/dossiers");
      assert.equal(page.statusCode, 200);
      const refs = queueReferences(page.body);
      assert.deepEqual(
        new Set(refs),
        new Set([ordinaryCase.reference, leaCase.reference, fragileCase.reference]),
      );
      assert.equal(refs[0], fragileCase.reference, "fragile first");
      const firstRow = main(page.body).slice(main(page.body).indexOf(fragileCase.reference));
      assert.match(firstRow.slice(0, firstRow.indexOf("</tr>")), /Personne fragile/);
      assert.match(page.body, /Vous voyez les dossiers de votre caisse : Carsat Aquitaine/);
    });

    test("filters: procedure, and a due date that is not one is refused with the value kept", async () => {
      const filtered = await technicien.get("/agent/dossiers?demarche=careerCorrection");
      assert.deepEqual(queueReferences(filtered.body), [leaCase.reference]);
      const wrong = await technicien.get("/agent/dossiers?echeance=31%2F02%2F2027");
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /La date d&#39;échéance doit être une date réelle/);
      assert.match(wrong.body, /id="echeance" name="echeance" value="31\/02\/2027"/);
      const due = await technicien.get("/agent/dossiers?echeance=01%2F01%2F2000");
      assert.deepEqual(queueReferences(due.body), []);
      assert.match(due.body, /Aucun dossier en cours ne correspond/);
    });

    test("keyset pages: « page suivante » continues where the page ended, without repeating a case", async () => {
      for (let i = 0; i < 26; i++) await claim(t, await addAquitainePerson(t, 10 + i, false), "aspa", null);
      const first = await technicien.get("/agent/dossiers?demarche=aspa");
      const firstRefs = queueReferences(first.body);
      assert.equal(firstRefs.length, 25);
      const next = /href="(\/agent\/dossiers\?[^"]*apres=[^"#]+)#resultats">Page suivante/.exec(
        first.body,
      )?.[1];
      assert.ok(next, "a next page link");
      const second = await technicien.get(next.replace(/&amp;/g, "&"));
      const secondRefs = queueReferences(second.body);
      assert.equal(firstRefs.length + secondRefs.length, 28);
      assert.equal(new Set([...firstRefs, ...secondRefs]).size, 28);
      assert.ok(!/Page suivante/.test(second.body));
    });

    test("staff of another fund are refused on every route; advisors do not handle cases", async () => {
      const id = jpCase.id;
      assert.equal((await technicien.get(`/agent/dossiers/${id}`)).statusCode, 403);
      assert.equal((await technicien.get(`/agent/dossiers/${id}/decision.pdf`)).statusCode, 403);
      const csrf = csrfOf((await technicien.get("/agent/dossiers")).body);
      for (const action of ["attribution", "etat", "justificatif", "message", "lu", "decision", "paiement"]) {
        const refused = await technicien.post(`/agent/dossiers/${id}/${action}`, {
          _csrf: csrf,
          prendre: "oui",
        });
        assert.equal(refused.statusCode, 403, action);
      }
      assert.equal((await piloteIdf.get(`/agent/dossiers/${leaCase.id}`)).statusCode, 403);
      assert.ok(!queueReferences((await piloteIdf.get("/agent/dossiers")).body).includes(leaCase.reference));
      const advisor = new Visitor(t.app);
      await staffLogin(advisor, "conseiller@parcours.test");
      assert.equal((await advisor.get("/agent/dossiers")).statusCode, 403);
      assert.equal((await advisor.get(`/agent/dossiers/${leaCase.id}`)).statusCode, 403);
      const after = await caseOf(t.database.db, id);
      assert.equal(after?.state, "received");
      assert.equal(after?.assignedStaffId, null);
    });

    test("the national manager sees every fund, and filters on one", async () => {
      const claims = queueReferences((await national.get("/agent/dossiers?demarche=retirementClaim")).body);
      assert.deepEqual(new Set(claims), new Set([jpCase.reference, karimCase.reference]), "two funds");
      const corrections = queueReferences(
        (await national.get("/agent/dossiers?demarche=careerCorrection")).body,
      );
      assert.deepEqual(corrections, [leaCase.reference]);
      const idf = await national.get("/agent/dossiers?caisse=cnav-idf");
      assert.deepEqual(queueReferences(idf.body), [antonioCase.reference]);
      assert.equal((await national.get(`/agent/dossiers/${antonioCase.id}`)).statusCode, 200);
    });

    test("assignment: taking a case, reassigning it within the fund, never to another fund's agent", async () => {
      const taken = await act(technicien, leaCase.id, "attribution", { prendre: "oui" });
      assert.equal(taken.statusCode, 303);
      const mine = await technicien.get("/agent/dossiers?attribution=moi");
      assert.deepEqual(queueReferences(mine.body), [leaCase.reference]);
      const unassigned = queueReferences((await technicien.get("/agent/dossiers?attribution=aucun")).body);
      assert.ok(!unassigned.includes(leaCase.reference));

      const elsewhere = await act(technicien, leaCase.id, "attribution", {
        agent: "pilote.idf@parcours.test",
      });
      assert.equal(elsewhere.statusCode, 400);
      assert.match(
        elsewhere.body,
        /Aucun agent chargé des dossiers de la caisse Carsat Aquitaine n&#39;a cette adresse/,
      );
      assert.match(elsewhere.body, /value="pilote.idf@parcours.test"/);

      const given = await act(technicien, leaCase.id, "attribution", {
        agent: "pilote.aquitaine@parcours.test",
      });
      assert.equal(given.statusCode, 303);
      const page = await technicien.get(`/agent/dossiers/${leaCase.id}`);
      assert.match(page.body, /Attribué à /);
      assert.deepEqual(queueReferences((await technicien.get("/agent/dossiers?attribution=moi")).body), []);
    });

    test("a proof request: the procedure's proofs or another named one; the person reads its name; a move without reason is refused", async () => {
      const page = await technicienHdf.get(`/agent/dossiers/${jpCase.id}`);
      assert.equal(page.statusCode, 200);
      const reads = (await auditTrailOf(t.database.db, jeanPierre)).filter((e) => e.action === "case.read");
      assert.ok(
        reads.some((e) => e.reason === `Traitement du dossier ${jpCase.reference}`),
        "audited read",
      );
      const form = main(page.body);
      for (const proof of PROCEDURES.retirementClaim.proofCatalogue)
        assert.ok(
          form.includes(`<option value="${proof.code}">${proof.label.replace(/'/g, "&#39;")}</option>`),
          proof.code,
        );
      assert.match(form, /<option value="other">Autre justificatif<\/option>/);
      assert.match(form, /<input[^>]*id="piece-autre"/);

      const noReason = await act(technicienHdf, jpCase.id, "justificatif", {
        piece: "bankDetails",
        "piece-autre": "",
      });
      assert.equal(noReason.statusCode, 400);
      assert.match(
        noReason.body,
        /class="fr-message fr-message--error" id="motif-piece-error">Indiquez pourquoi ce justificatif est nécessaire/,
      );
      assert.match(noReason.body, /<option value="bankDetails" selected>/);

      const unnamed = await act(technicienHdf, jpCase.id, "justificatif", {
        piece: "other",
        "piece-autre": "  ",
        "motif-piece": "La période 2019 manque sur votre relevé",
      });
      assert.equal(unnamed.statusCode, 400);
      assert.match(
        unnamed.body,
        /class="fr-message fr-message--error" id="piece-autre-error">Indiquez le nom du justificatif demandé/,
      );
      assert.match(unnamed.body, /<a href="#piece-autre">Indiquez le nom du justificatif demandé/);
      assert.match(unnamed.body, /<option value="other" selected>/);
      assert.match(unnamed.body, /value="La période 2019 manque sur votre relevé"/);
      assert.equal((await caseOf(t.database.db, jpCase.id))?.state, "received", "nothing asked yet");

      const asked = await act(technicienHdf, jpCase.id, "justificatif", {
        piece: "bankDetails",
        "piece-autre": "typed but not chosen",
        "motif-piece": "Le RIB joint est illisible",
      });
      assert.equal(asked.statusCode, 303);
      assert.equal((await caseOf(t.database.db, jpCase.id))?.state, "awaiting_proofs");
      const other = await act(technicienHdf, jpCase.id, "justificatif", {
        piece: "other",
        "piece-autre": "Bulletins de salaire de 2019",
        "motif-piece": "La période 2019 manque sur votre relevé",
      });
      assert.equal(other.statusCode, 303);
      const shown = await openProofRequestsOf(t.database.db, jeanPierre);
      assert.deepEqual(
        shown.map((r) => [r.reference, r.proofCode, r.proofLabel, r.reason]),
        [
          [
            jpCase.reference,
            "bankDetails",
            "Relevé d'identité bancaire (RIB) à votre nom",
            "Le RIB joint est illisible",
          ],
          [
            jpCase.reference,
            "other",
            "Bulletins de salaire de 2019",
            "La période 2019 manque sur votre relevé",
          ],
        ],
      );

      const person = await loggedInAs(t.app, "jean-pierre.lefevre@parcours.test");
      for (const path of [`/espace/dossiers/${jpCase.reference}`, "/espace"]) {
        const seen = main((await person.get(path)).body);
        assert.ok(seen.includes("Relevé d&#39;identité bancaire (RIB) à votre nom"), path);
        assert.ok(seen.includes("Bulletins de salaire de 2019"), path);
        assert.ok(seen.includes("Le RIB joint est illisible"), path);
        assert.doesNotMatch(seen, /bankDetails|typed but not chosen/, path);
      }

      const bare = await act(technicienHdf, jpCase.id, "etat", { vers: "under_review", "motif-etat": "" });
      assert.equal(bare.statusCode, 400);
      assert.match(bare.body, /Indiquez le motif du changement d&#39;état/);
    });

    test("decision with the engine's amount, explained; the letter; the first payment in the person's payments", async () => {
      const start = await legalStart(t, jeanPierre);
      const expected = await engineMonthly(t, jeanPierre, start);
      await toVerified(technicienHdf, jpCase.id);
      const page = await technicienHdf.get(`/agent/dossiers/${jpCase.id}`);
      assert.match(page.body, amountPattern(expected));
      assert.match(page.body, /Le calcul, étape par étape/);

      const decided = await act(technicienHdf, jpCase.id, "decision", {
        decision: "granted",
        montant: "",
        "motif-decision": "",
      });
      assert.equal(decided.statusCode, 303);
      const detail = await caseOf(t.database.db, jpCase.id);
      assert.equal(detail?.state, "granted");
      assert.equal(detail?.computedAmount, expected);
      assert.equal(detail?.decidedAmount, expected);

      const letter = await technicienHdf.get(`/agent/dossiers/${jpCase.id}/decision.pdf`);
      assert.equal(letter.statusCode, 200);
      assert.equal(letter.headers["content-type"], "application/pdf");
      const text = await pdfText(letter.rawPayload);
      for (const expectedText of [
        "Jean-Pierre Louis LEFÈVRE",
        "27 rue du Moulin",
        jpCase.reference,
        "Votre demande est accordée",
        `Montant mensuel brut : ${euros(expected)}`,
        "Comment ce montant a été calculé",
        "commission de recours amiable",
        "2 mois",
      ])
        assert.ok(text.includes(expectedText), `${expectedText} in ${text}`);

      const scheduled = await act(technicienHdf, jpCase.id, "paiement", {});
      assert.equal(scheduled.statusCode, 303);
      const paid = await caseOf(t.database.db, jpCase.id);
      assert.equal(paid?.state, "first_payment");
      const person = await insuredById(t.database.db, jeanPierre);
      const firstPaymentOn = firstPaymentDate(
        start,
        person?.fundCode ?? "",
        new Date().toISOString().slice(0, 10),
      );
      assert.equal(paid?.firstPaymentOn, firstPaymentOn);

      const jp = await loggedInAs(t.app, "jean-pierre.lefevre@parcours.test");
      const payments = await jp.get("/espace/paiements");
      assert.equal(payments.statusCode, 200);
      assert.match(main(payments.body), /Premier paiement le/);
      assert.match(main(payments.body), /Retraite personnelle/);
      const api = JSON.parse((await jp.get("/api/v1/me/payments")).body) as { firstPaymentOn: string };
      assert.equal(api.firstPaymentOn, firstPaymentOn);

      const own = await jp.get(`/espace/dossiers/${jpCase.reference}/decision.pdf`);
      assert.equal(own.statusCode, 200);
      assert.ok((await pdfText(own.rawPayload)).includes("Votre demande est accordée"));

      const lea = await loggedInAs(t.app, "lea.moreau@parcours.test");
      assert.equal((await lea.get(`/espace/dossiers/${jpCase.reference}/decision.pdf`)).statusCode, 404);
      assert.equal(
        (await lea.get(`/espace/dossiers/${leaCase.reference}/decision.pdf`)).statusCode,
        404,
        "not decided",
      );
      const anonymous = await new Visitor(t.app).get(`/espace/dossiers/${jpCase.reference}/decision.pdf`);
      assert.equal(anonymous.statusCode, 303);
    });

    test("another amount than the engine's: refused without a reason (typed values kept), audited with one", async () => {
      await toVerified(national, karimCase.id);
      const refused = await act(national, karimCase.id, "decision", {
        decision: "granted",
        montant: "1 500,00",
        "motif-decision": "",
      });
      assert.equal(refused.statusCode, 400);
      assert.match(
        refused.body,
        /Expliquez pourquoi le montant diffère de celui calculé|Indiquez pourquoi le montant diffère de celui calculé/,
      );
      assert.match(refused.body, /id="montant" name="montant" value="1 500,00"/);
      assert.match(refused.body, /value="granted" checked/);
      assert.equal((await caseOf(t.database.db, karimCase.id))?.state, "verified");

      const reason = "Trimestres de service militaire justifiés par l'état signalétique";
      const done = await act(national, karimCase.id, "decision", {
        decision: "granted",
        montant: "1 500,00",
        "motif-decision": reason,
      });
      assert.equal(done.statusCode, 303);
      const detail = await caseOf(t.database.db, karimCase.id);
      assert.equal(detail?.decidedAmount, 1500);
      assert.equal(detail?.amountChangeReason, reason);
      const changes = (await auditTrailOf(t.database.db, karim)).filter(
        (e) => e.action === "case.amount.change",
      );
      assert.equal(changes.length, 1);
      assert.equal(changes[0]?.reason, reason);
      assert.equal(changes[0]?.details?.decidedAmount, 1500);
      const text = await pdfText(
        (await national.get(`/agent/dossiers/${karimCase.id}/decision.pdf`)).rawPayload,
      );
      assert.ok(text.includes(`Montant mensuel brut : ${euros(1500)}`), text);
      assert.ok(text.includes(reason));
    });

    test("a refusal states its motive on the case and in the letter", async () => {
      const fresh = await claim(t, await addAquitainePerson(t, 90, false), "careerCorrection", null);
      await toVerified(technicien, fresh.id);
      const bare = await act(technicien, fresh.id, "decision", { decision: "refused", "motif-decision": "" });
      assert.equal(bare.statusCode, 400);
      assert.match(bare.body, /Indiquez le motif du refus/);
      const motive = "Les bulletins de salaire fournis ne concernent pas la période demandée";
      const done = await act(technicien, fresh.id, "decision", {
        decision: "refused",
        "motif-decision": motive,
      });
      assert.equal(done.statusCode, 303);
      const page = await technicien.get(`/agent/dossiers/${fresh.id}`);
      assert.match(page.body, /Demande refusée/);
      assert.ok(page.body.includes(motive), "the motive is on the case");
      const text = await pdfText(
        (await technicien.get(`/agent/dossiers/${fresh.id}/decision.pdf`)).rawPayload,
      );
      assert.ok(text.includes("Votre demande est refusée"));
      assert.ok(text.includes(motive));
      assert.ok(!queueReferences((await technicien.get("/agent/dossiers")).body).includes(fresh.reference));
    });

    test("survivor's pension: the engine computes it from the answers and the deceased's pension in payment", async () => {
      const deceased = await addDeceasedRetiree(t, 1500);
      const widow = await addAquitainePerson(t, 91, false);
      const deathDate = dateInFrance(new Date(Date.now() - 90 * 86_400_000));
      const answers = {
        deceasedName: "Paul Dubreuil",
        deceasedBirthDate: "03/02/1950",
        deceasedNir: deceased.nir.replace(/^(\d)(\d{2})/, "$1 $2 "),
        deathDate: `${deathDate.slice(8, 10)}/${deathDate.slice(5, 7)}/${deathDate.slice(0, 4)}`,
        marriageDate: "21/06/1980",
        previousMarriages: "non",
        livingAsCouple: "non",
        ownPension: "non",
        resourcesMonthly: "800",
      };
      const opened = await claim(t, widow, "survivorPension", null, answers);
      const received = dateInFrance((await caseOf(t.database.db, opened.id))?.receivedAt as Date);
      const startDate = survivorStartDate(deathDate, received);
      const expected = computeSurvivorPension({
        date: parseDate(startDate) as NonNullable<ReturnType<typeof parseDate>>,
        survivorBirthDate: { year: 1958, month: 5, day: 5 },
        deceasedPensionAnnual: 18000,
        survivorResourcesAnnual: 9600,
      });
      assert.ok(expected.eligible && expected.monthly > 0);

      await toVerified(technicien, opened.id);
      const page = await technicien.get(`/agent/dossiers/${opened.id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, amountPattern(expected.monthly));
      assert.match(page.body, /Le calcul, étape par étape/);
      assert.match(page.body, /La pension de réversion est égale à/);
      assert.match(page.body, /Art\. D353-1 CSS/);
      assert.ok(
        (await auditTrailOf(t.database.db, deceased.id)).some(
          (entry) => entry.action === "case.read" && entry.reason?.includes(opened.reference),
        ),
        "reading the deceased's pension is traced on their file",
      );

      const decided = await act(technicien, opened.id, "decision", {
        decision: "granted",
        montant: "",
        "motif-decision": "",
      });
      assert.equal(decided.statusCode, 303, main(decided.body));
      const detail = await caseOf(t.database.db, opened.id);
      assert.equal(detail?.computedAmount, expected.monthly);
      assert.equal(detail?.decidedAmount, expected.monthly);
      const text = await pdfText(
        (await technicien.get(`/agent/dossiers/${opened.id}/decision.pdf`)).rawPayload,
      );
      assert.ok(text.includes("Comment ce montant a été calculé"), text);
      assert.ok(text.includes(`Montant mensuel brut : ${euros(expected.monthly)}`), text);

      const scheduled = await act(technicien, opened.id, "paiement", {});
      assert.equal(scheduled.statusCode, 303, main(scheduled.body));
      const paid = await caseOf(t.database.db, opened.id);
      assert.equal(paid?.state, "first_payment");
      assert.equal(
        paid?.firstPaymentOn,
        firstPaymentDate(startDate, "carsat-aquitaine", dateInFrance(new Date())),
      );
      const pensions = await pensionsOf(t.database.db, widow);
      assert.deepEqual(
        pensions.map((p) => [p.kind, p.startDate, p.monthlyGross]),
        [["survivor", startDate, expected.monthly]],
      );
    });

    test("survivor's pension of someone not in the base: the page says what is missing, the amount needs its basis", async () => {
      const widow = await addAquitainePerson(t, 92, false);
      const opened = await claim(t, widow, "survivorPension", null, {
        deceasedName: "Jacques Inconnu",
        deceasedBirthDate: "01/01/1949",
        deceasedNir: "",
        deathDate: "01/02/2026",
        marriageDate: "21/06/1980",
        previousMarriages: "non",
        livingAsCouple: "non",
        resourcesMonthly: "800",
      });
      await toVerified(technicien, opened.id);
      const page = await technicien.get(`/agent/dossiers/${opened.id}`);
      assert.match(page.body, /Il manque la retraite de base de Jacques Inconnu/);
      assert.ok(!/Montant calculé/.test(page.body));
      const bare = await act(technicien, opened.id, "decision", {
        decision: "granted",
        montant: "",
        "motif-decision": "",
      });
      assert.equal(bare.statusCode, 400);
      assert.match(bare.body, /Indiquez le montant mensuel brut accordé/);
      const unexplained = await act(technicien, opened.id, "decision", {
        decision: "granted",
        montant: "612,40",
        "motif-decision": "",
      });
      assert.equal(unexplained.statusCode, 400);
      assert.match(unexplained.body, /comment ce montant a été établi/);
      const basis = "54 % de la retraite de base attestée par la MSA, ressources sous le plafond";
      const done = await act(technicien, opened.id, "decision", {
        decision: "granted",
        montant: "612,40",
        "motif-decision": basis,
      });
      assert.equal(done.statusCode, 303);
      const detail = await caseOf(t.database.db, opened.id);
      assert.equal(detail?.computedAmount, null);
      assert.equal(detail?.decidedAmount, 612.4);
      assert.equal(detail?.amountChangeReason, basis);
    });

    test("Aspa: the engine's allowance from the household's resources; another amount needs a reason", async () => {
      const person = await addAquitainePerson(t, 93, false);
      const opened = await claim(t, person, "aspa", null, {
        household: "single",
        pensionsMonthly: "450",
        otherIncomeMonthly: "50,50",
        otherProperty: "non",
        livesInFrance: "oui",
        addressSince: "01/09/2015",
      });
      const received = dateInFrance((await caseOf(t.database.db, opened.id))?.receivedAt as Date);
      const expected = computeAspa({
        date: parseDate(firstOfNextMonth(received)) as NonNullable<ReturnType<typeof parseDate>>,
        household: "single",
        resourcesMonthly: 500.5,
        birthDate: { year: 1958, month: 5, day: 5 },
      });
      assert.ok(expected.eligible && expected.monthly > 0);

      await toVerified(technicien, opened.id);
      const page = await technicien.get(`/agent/dossiers/${opened.id}`);
      assert.match(page.body, amountPattern(expected.monthly));
      assert.match(page.body, /Le calcul, étape par étape/);
      assert.match(page.body, /Pour une personne seule/);
      assert.match(
        page.body,
        new RegExp(`id="montant" name="montant" value="${amountText(expected.monthly)}"`),
      );

      const refused = await act(technicien, opened.id, "decision", {
        decision: "granted",
        montant: "300,00",
        "motif-decision": "",
      });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /pourquoi le montant diffère de celui calculé/);
      assert.match(refused.body, /id="montant" name="montant" value="300,00"/);
      const reason = "Revenus fonciers de 2025 découverts sur l'avis d'imposition";
      const done = await act(technicien, opened.id, "decision", {
        decision: "granted",
        montant: "300,00",
        "motif-decision": reason,
      });
      assert.equal(done.statusCode, 303);
      const detail = await caseOf(t.database.db, opened.id);
      assert.equal(detail?.computedAmount, expected.monthly);
      assert.equal(detail?.decidedAmount, 300);
      const changes = (await auditTrailOf(t.database.db, person)).filter(
        (e) => e.action === "case.amount.change",
      );
      assert.equal(changes.length, 1);
      assert.equal(changes[0]?.details?.computedAmount, expected.monthly);

      const granted = await technicien.get(`/agent/dossiers/${opened.id}`);
      assert.match(granted.body, /Aspa est versée avec la retraite/);
      assert.ok(!/Programmer le premier paiement/.test(granted.body), "no payment offered for the Aspa");
      const scheduled = await act(technicien, opened.id, "paiement", {});
      assert.equal(scheduled.statusCode, 400);
      assert.match(scheduled.body, /Aspa est versée avec la retraite/);
    });
  });
}
