import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { auditTrailOf } from "../../src/platform/audit.ts";
import { outbox } from "../../src/platform/mail.ts";
import { createPersonas } from "../../src/population/index.ts";
import { accountForNextPayment } from "../../src/profile/index.ts";
import { insuredIdOf, loggedInAs, openTestApp, type TestApp, Visitor } from "../helpers/app.ts";
import { testEngines } from "../helpers/database.ts";

const VALID_IBAN = "FR76 3000 6000 0112 3456 7890 189";
const OTHER_IBAN = "DE89 3704 0044 0532 0130 00";

function main(body: string): string {
  return body.slice(body.indexOf("<main"), body.indexOf("</main>"));
}

/** The confirmation link of the latest mail to `to`, as a path with its token. */
async function confirmationLink(testApp: TestApp, to: string): Promise<string> {
  const mail = (await outbox(testApp.database.db)).find(
    (m) => m.to === to && m.subject === "Confirmez vos nouvelles coordonnées bancaires",
  );
  assert.ok(mail, `confirmation mail to ${to}`);
  const match = /http:\/\/127\.0\.0\.1:3000(\/espace\/profil\/banque\/confirmer\?jeton=[\w-]+)/.exec(
    mail.text,
  );
  assert.ok(match, "the mail carries the link");
  return match[1] as string;
}

for (const engine of testEngines) {
  describe(`profile: address and bank details (${engine})`, () => {
    let testApp: TestApp;
    before(async () => {
      testApp = await openTestApp(engine);
      await createPersonas(testApp.database);
    });
    after(async () => testApp.close());

    const logIn = (email: string): Promise<Visitor> => loggedInAs(testApp.app, email);

    test("the catalogue links to the profile page; it needs a login", async () => {
      assert.equal((await new Visitor(testApp.app).get("/espace/profil")).statusCode, 303);
      const visitor = await logIn("lea.moreau@parcours.test");
      assert.match((await visitor.get("/espace")).body, /href="\/espace\/profil"/);
      const page = await visitor.get("/espace/profil");
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /12 rue Sainte-Catherine/);
    });

    test("IBAN refusals in French: bad key, wrong length for France, unknown country; values kept", async () => {
      const visitor = await logIn("monique.garnier@parcours.test");
      const send = (iban: string, holder = "Mme Monique Garnier") =>
        visitor.submit("/espace/profil/banque", "/espace/profil/banque", {
          titulaire: holder,
          iban,
          bic: "BNPAFRPPXXX",
        });

      const badKey = await send("FR76 3000 6000 0112 3456 7890 188");
      assert.equal(badKey.statusCode, 400);
      assert.match(badKey.body, /<title>Erreur/);
      assert.match(main(badKey.body), /La clé de contrôle de l&#39;IBAN ne correspond pas/);
      assert.match(badKey.body, /value="FR76 3000 6000 0112 3456 7890 188"/);
      assert.match(badKey.body, /value="Mme Monique Garnier"/);

      const tooShort = await send("FR76 3000 6000 0112 3456 7890 18");
      assert.equal(tooShort.statusCode, 400);
      assert.match(
        main(tooShort.body),
        /Un IBAN français compte 27 caractères selon un format précis ; celui-ci en compte 26/,
      );

      const unknown = await send("XX76 3000 6000 0112 3456 7890 189");
      assert.equal(unknown.statusCode, 400);
      assert.match(
        main(unknown.body),
        /L&#39;IBAN commence par XX, qui n&#39;est pas le code d&#39;un pays de la zone SEPA/,
      );

      const wrongHolder = await send(VALID_IBAN, "Jean Dupont");
      assert.equal(wrongHolder.statusCode, 400);
      assert.match(
        main(wrongHolder.body),
        /Le compte doit être à votre nom : le titulaire doit comporter votre nom \(Garnier ou Le Gall\)/,
      );

      const badBic = await visitor.submit("/espace/profil/banque", "/espace/profil/banque", {
        titulaire: "Garnier",
        iban: VALID_IBAN,
        bic: "BNP",
      });
      assert.equal(badBic.statusCode, 400);
      assert.match(main(badBic.body), /Le BIC compte 8 ou 11 caractères/);
    });

    test("a new account is pending until the mailed link confirms it; the previous address is told", async () => {
      const moniqueId = await insuredIdOf(testApp.database.db, "monique.garnier@parcours.test");
      const visitor = await logIn("monique.garnier@parcours.test");
      const asked = await visitor.submit("/espace/profil/banque", "/espace/profil/banque", {
        titulaire: "M. ou Mme Garnier",
        iban: VALID_IBAN,
        bic: "bnpafrpp",
      });
      assert.equal(asked.statusCode, 200);
      assert.match(main(asked.body), /lien de confirmation à monique\.garnier@parcours\.test/);
      assert.equal(
        await accountForNextPayment(testApp.database.db, moniqueId),
        undefined,
        "not before confirmation",
      );
      const profile = (await visitor.get("/espace/profil")).body;
      assert.match(profile, /En attente de confirmation par courriel : FR76 •••• •••• •••• •••• •••• 189/);
      assert.doesNotMatch(profile, /0112 3456/, "only masked IBANs are shown");

      const link = await confirmationLink(testApp, "monique.garnier@parcours.test");
      const confirmPage = await visitor.get(link);
      assert.equal(confirmPage.statusCode, 200);
      assert.equal(
        await accountForNextPayment(testApp.database.db, moniqueId),
        undefined,
        "opening the link is not enough",
      );
      const jeton = new URL(link, "http://x").searchParams.get("jeton") as string;
      const confirmed = await visitor.submit(link, "/espace/profil/banque/confirmer", { jeton });
      assert.equal(confirmed.statusCode, 200);
      assert.match(main(confirmed.body), /Nouveau compte bancaire confirmé/);
      assert.equal(
        (await accountForNextPayment(testApp.database.db, moniqueId))?.iban,
        "FR7630006000011234567890189",
      );
      const reused = await visitor.submit("/espace/profil", "/espace/profil/banque/confirmer", { jeton });
      assert.equal(reused.statusCode, 410, "a link serves once");

      // Her e-mail address changes; the next change is confirmed from the new one, the old one is told.
      await sql`update insured set email = 'monique.nouvelle@parcours.test' where id = ${moniqueId}`.execute(
        testApp.database.db,
      );
      await visitor.submit("/espace/profil/banque", "/espace/profil/banque", {
        titulaire: "Monique Garnier",
        iban: OTHER_IBAN,
        bic: "COBADEFFXXX",
      });
      assert.equal(
        (await accountForNextPayment(testApp.database.db, moniqueId))?.iban,
        "FR7630006000011234567890189",
      );
      const second = await confirmationLink(testApp, "monique.nouvelle@parcours.test");
      await visitor.submit(second, "/espace/profil/banque/confirmer", {
        jeton: new URL(second, "http://x").searchParams.get("jeton") as string,
      });
      assert.equal(
        (await accountForNextPayment(testApp.database.db, moniqueId))?.iban,
        "DE89370400440532013000",
      );
      const notice = (await outbox(testApp.database.db)).find(
        (m) => m.subject === "Vos coordonnées bancaires ont changé" && m.text.includes("DE89"),
      );
      assert.equal(notice?.to, "monique.garnier@parcours.test", "the notice goes to the previous address");

      const actions = (await auditTrailOf(testApp.database.db, moniqueId)).map((e) => e.action);
      assert.equal(actions.filter((a) => a === "profile.bank.request").length, 2);
      assert.equal(actions.filter((a) => a === "profile.bank.confirm").length, 2);
    });

    test("an address in another department moves the file to that fund; the person is told", async () => {
      const leaId = await insuredIdOf(testApp.database.db, "lea.moreau@parcours.test");
      const visitor = await logIn("lea.moreau@parcours.test");
      const wrong = await visitor.submit("/espace/profil/adresse", "/espace/profil/adresse", {
        adresse: "5 rue de Rivoli",
        "code-postal": "99999",
        commune: "Paris",
        pays: "France",
      });
      assert.equal(wrong.statusCode, 400);
      assert.match(main(wrong.body), /Le code postal 99999 ne correspond à aucun département français/);
      assert.match(wrong.body, /value="5 rue de Rivoli"/);

      const moved = await visitor.submit("/espace/profil/adresse", "/espace/profil/adresse", {
        adresse: "5 rue de Rivoli",
        "code-postal": "75001",
        commune: "Paris",
        pays: "France",
      });
      assert.equal(moved.statusCode, 303);
      const page = await visitor.get(moved.headers.location as string);
      assert.match(main(page.body), /Votre nouvelle adresse est enregistrée/);
      assert.match(
        main(page.body),
        /désormais suivi par <strong>Caisse nationale d&#39;assurance vieillesse/,
      );
      const { rows } = await sql<{ fund_code: string; department: string }>`
        select fund_code, department from insured where id = ${leaId}`.execute(testApp.database.db);
      assert.deepEqual(rows[0], { fund_code: "cnav-idf", department: "75" });
      const mail = (await outbox(testApp.database.db)).find(
        (m) => m.subject === "Votre changement d'adresse est enregistré",
      );
      assert.equal(mail?.to, "lea.moreau@parcours.test");
      assert.match(mail?.text ?? "", /Votre dossier est désormais suivi par/);
      const entry = (await auditTrailOf(testApp.database.db, leaId)).find(
        (e) => e.action === "profile.address.change",
      );
      assert.deepEqual(entry?.details, {
        department: { from: "33", to: "75" },
        fund: { from: "carsat-aquitaine", to: "cnav-idf" },
      });
    });

    test("a legal representative changes the address with the banner; the act is audited as hers", async () => {
      const db = testApp.database.db;
      const sophieId = await insuredIdOf(db, "sophie.laurent@parcours.test");
      const nadiaId = await insuredIdOf(db, "nadia.haddad@parcours.test");
      const visitor = await logIn("sophie.laurent@parcours.test");
      await visitor.submit("/espace/representation", "/espace/representation", { personne: String(nadiaId) });
      const page = await visitor.get("/espace/profil/adresse");
      assert.match(page.body, /Vous agissez pour le compte de Nadia Haddad/);
      const saved = await visitor.submit("/espace/profil/adresse", "/espace/profil/adresse", {
        adresse: "8 place du Marché",
        "code-postal": "13001",
        commune: "Marseille",
        pays: "France",
      });
      assert.equal(saved.statusCode, 303);
      const entry = (await auditTrailOf(db, nadiaId)).find((e) => e.action === "profile.address.change");
      assert.equal(entry?.actorKind, "representative");
      assert.equal(entry?.actorId, sophieId);
      const bank = await visitor.get("/espace/profil/banque");
      assert.match(bank.body, /Vous agissez pour le compte de Nadia Haddad/);
      assert.match(bank.body, /votre nom \(Haddad/);
    });
  });
}
