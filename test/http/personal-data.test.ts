import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { insuredById } from "../../src/identity/index.ts";
import { lastPayments } from "../../src/payments/index.ts";
import { auditTrailOf, recordAudit } from "../../src/platform/audit.ts";
import { outbox } from "../../src/platform/mail.ts";
import { euros } from "../../src/platform/pdf.ts";
import { createPersonas } from "../../src/population/index.ts";
import { staffByEmail } from "../../src/staff/index.ts";
import { insuredIdOf, loggedInAs, openTestApp, type TestApp, type Visitor } from "../helpers/app.ts";
import { testEngines } from "../helpers/database.ts";
import { pdfText } from "../helpers/pdf.ts";

function main(body: string): string {
  return body.slice(body.indexOf("<main"), body.indexOf("</main>"));
}

for (const engine of testEngines) {
  describe(`my data: export and correction requests (${engine})`, () => {
    let testApp: TestApp;
    let moniqueId: number;
    before(async () => {
      testApp = await openTestApp(engine);
      await createPersonas(testApp.database);
      moniqueId = await insuredIdOf(testApp.database.db, "monique.garnier@parcours.test");
      // An advisor opened her file after a phone call.
      const advisor = await staffByEmail(testApp.database.db, "conseiller@parcours.test");
      await recordAudit(testApp.database.db, {
        actorKind: "staff",
        actorId: advisor?.id ?? null,
        action: "insured.read",
        insuredId: moniqueId,
        reason: "Appel au 3960 sur un paiement",
      });
    });
    after(async () => testApp.close());

    const logIn = (email: string): Promise<Visitor> => loggedInAs(testApp.app, email);

    test("the JSON export holds her data, who opened her file and why, and nobody else's", async () => {
      const db = testApp.database.db;
      const monique = await insuredById(db, moniqueId);
      const lea = await insuredById(db, await insuredIdOf(db, "lea.moreau@parcours.test"));
      const visitor = await logIn("monique.garnier@parcours.test");
      assert.match((await visitor.get("/espace")).body, /href="\/espace\/mes-donnees"/);
      const page = await visitor.get("/espace/mes-donnees");
      assert.equal(page.statusCode, 200);
      const response = await visitor.get("/espace/mes-donnees/export.json");
      assert.equal(response.statusCode, 200);
      assert.match(
        String(response.headers["content-disposition"]),
        /attachment; filename="mes-donnees-monique-garnier\.json"/,
      );
      const data = response.json();
      assert.equal(data.identity.nir, monique?.nir);
      assert.equal(data.identity.birthName, "Le Gall");
      assert.equal(data.contact.email, "monique.garnier@parcours.test");
      assert.ok(data.career.length > 0);
      assert.equal(data.family.children.length, 2);
      assert.equal(data.pensions[0].kind, "own_right");
      assert.ok(data.payments.length >= 3);
      const opened = data.accessLog.find(
        (entry: { what: string }) => entry.what === "Consultation de votre dossier par un agent",
      );
      assert.match(opened.who, /^Conseiller retraite, Carsat Aquitaine/);
      assert.equal(opened.reason, "Appel au 3960 sur un paiement");
      const text = response.body;
      assert.ok(lea && !text.includes(lea.nir) && !text.includes("Moreau"), "nothing about another person");
      assert.ok((await auditTrailOf(db, moniqueId)).some((e) => e.action === "personalData.export"));
    });

    test("the PDF reads as the figures on record", async () => {
      const visitor = await logIn("monique.garnier@parcours.test");
      const response = await visitor.get("/espace/mes-donnees/export.pdf");
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers["content-type"], "application/pdf");
      const text = await pdfText(response.rawPayload);
      assert.match(text, /Mes données personnelles/);
      assert.match(text, /Nom : Garnier \(nom de naissance : Le Gall\)/);
      const [payment] = await lastPayments(testApp.database.db, moniqueId, 1);
      assert.ok(payment);
      assert.ok(text.includes(`net ${euros(payment.net)}`), `net ${euros(payment.net)} in the PDF`);
      assert.match(
        text,
        /Conseiller retraite, Carsat Aquitaine .* \(motif : Appel au 3960 sur un paiement\)/,
      );
    });

    test("a correction request: refused when empty (values kept), then stored, acknowledged and audited", async () => {
      const visitor = await logIn("monique.garnier@parcours.test");
      const refused = await visitor.submit("/espace/mes-donnees", "/espace/mes-donnees/correction", {
        donnees: "",
        correction: "Mon prénom s'écrit Monique-Jeanne",
      });
      assert.equal(refused.statusCode, 400);
      assert.match(main(refused.body), /Choisissez les données concernées/);
      assert.match(refused.body, />Mon prénom s&#39;écrit Monique-Jeanne<\/textarea>/);
      const saved = await visitor.submit("/espace/mes-donnees", "/espace/mes-donnees/correction", {
        donnees: "identity",
        correction: "Mon prénom s'écrit Monique-Jeanne",
      });
      assert.equal(saved.statusCode, 200);
      assert.match(main(saved.body), /Votre demande n° \d+ est enregistrée/);
      const mail = (await outbox(testApp.database.db)).find((m) =>
        m.subject.startsWith("Votre demande de correction"),
      );
      assert.equal(mail?.to, "monique.garnier@parcours.test");
      assert.match(mail?.text ?? "", /Mon prénom s'écrit Monique-Jeanne/);
      const entry = (await auditTrailOf(testApp.database.db, moniqueId)).find(
        (e) => e.action === "personalData.correction",
      );
      assert.equal(entry?.actorKind, "insured");
      const data = (await visitor.get("/espace/mes-donnees/export.json")).json();
      assert.equal(data.correctionRequests[0].topic, "identity");
    });

    test("a representative downloads the data of the person she represents; the download is hers", async () => {
      const db = testApp.database.db;
      const sophieId = await insuredIdOf(db, "sophie.laurent@parcours.test");
      const nadiaId = await insuredIdOf(db, "nadia.haddad@parcours.test");
      const visitor = await logIn("sophie.laurent@parcours.test");
      await visitor.submit("/espace/representation", "/espace/representation", { personne: String(nadiaId) });
      assert.match(
        (await visitor.get("/espace/mes-donnees")).body,
        /Vous agissez pour le compte de Nadia Haddad/,
      );
      const data = (await visitor.get("/espace/mes-donnees/export.json")).json();
      assert.equal(data.identity.lastName, "Haddad");
      const entry = (await auditTrailOf(db, nadiaId)).find((e) => e.action === "personalData.export");
      assert.equal(entry?.actorKind, "representative");
      assert.equal(entry?.actorId, sophieId);
    });
  });
}
