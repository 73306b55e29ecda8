import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openCase, requestProof } from "../../src/cases/index.ts";
import { createPersonas } from "../../src/population/index.ts";
import { insuredIdOf, loggedInAs, openTestApp, type TestApp, Visitor } from "../helpers/app.ts";
import { testEngines } from "../helpers/database.ts";

function main(body: string): string {
  return body.slice(body.indexOf("<main"), body.indexOf("</main>"));
}

interface Card {
  readonly title: string;
  readonly href: string | undefined;
  readonly soon: boolean;
}

/** The service cards of a page: title, link when the service is built, "Bientôt disponible" otherwise. */
function cards(body: string): Card[] {
  return main(body)
    .split(/<div class="fr-card(?: fr-enlarge-link)?">/)
    .slice(1)
    .map((block) => {
      const title = /<h3 class="fr-card__title">(?:<a href="([^"]*)">)?([^<]*)/.exec(block);
      return { title: title?.[2] ?? "", href: title?.[1], soon: block.includes("Bientôt disponible") };
    });
}

function cardTitles(body: string): string[] {
  return cards(body).map((card) => card.title);
}

for (const engine of testEngines) {
  describe(`personal-space home (${engine})`, () => {
    let testApp: TestApp;
    before(async () => {
      testApp = await openTestApp(engine);
      await createPersonas(testApp.database);
    });
    after(async () => testApp.close());

    async function homeOf(email: string) {
      const visitor = await loggedInAs(testApp.app, email);
      const home = await visitor.get("/espace");
      assert.equal(home.statusCode, 200);
      return { visitor, body: home.body };
    }

    test("Léa, 34: greeting, the under-45 services (built ones are links, the others say so), empty to-do, contact details", async () => {
      const { body } = await homeOf("lea.moreau@parcours.test");
      assert.match(body, /<h1>Bonjour Léa<\/h1>/);
      assert.match(body, /profil moins de 45 ans/);
      const titles = cardTitles(body);
      for (const title of ["Poser une question", "Consulter ma carrière", "Connaître mon âge de départ"])
        assert.ok(titles.includes(title), title);
      for (const title of [
        "Demander ma retraite",
        "Mes paiements",
        "Estimer ma retraite",
        "Prendre rendez-vous",
      ])
        assert.ok(!titles.includes(title), title);
      const services = cards(body);
      assert.equal(services.length, 9);
      for (const card of services) {
        assert.ok(
          (card.href !== undefined) !== card.soon,
          `${card.title}: a link or "Bientôt disponible", never both`,
        );
      }
      assert.equal(services.find((card) => card.title === "Consulter ma carrière")?.href, "/espace/carriere");
      assert.match(body, /Vous n'avez aucune démarche en cours/);
      assert.match(body, /Aucun document ne vous est demandé/);
      assert.match(body, /lea\.moreau@parcours\.test/);
      assert.match(body, /06 39 98 00 01/);
      assert.match(body, /12 rue Sainte-Catherine<br>33000 Bordeaux/);
      assert.match(body, /Agence retraite de Bordeaux/);
      assert.match(body, /Caisse d&#39;assurance retraite et de la santé au travail d&#39;Aquitaine/);
      assert.doesNotMatch(body, /Un conseiller pour vous accompagner/);
    });

    test("to do: a draft to resume with its procedure, date and what is left; the documents a case asks for", async () => {
      const visitor = await loggedInAs(testApp.app, "karim.benali@parcours.test");
      const path = "/espace/demarches/correction-de-carriere";
      await visitor.submit(path, path, {});
      const home = main((await visitor.get("/espace")).body);
      assert.doesNotMatch(home, /Vous n'avez aucune démarche en cours/);
      assert.match(home, /<strong>Correction de carrière<\/strong>/);
      assert.match(home, /Enregistrée le \d{1,2} [a-zéû]+ \d{4}\. Reste 1 étape à compléter\./);
      // The link resumes the draft at its first step, where Karim stopped.
      assert.match(home, new RegExp(`href="${path}/objet">Reprendre ma demande`));

      const karimId = await insuredIdOf(testApp.database.db, "karim.benali@parcours.test");
      const at = new Date();
      const { case: opened } = await openCase(testApp.database.db, {
        insuredId: karimId,
        procedure: "careerCorrection",
        submissionKey: "8b0d2a9e-6a51-4b8e-9b9f-3f2f1c7d5e01",
        answers: {},
        documentIds: [],
        claimedStartDate: null,
        complete: true,
        actor: { kind: "insured", id: karimId },
        at,
      });
      await requestProof(testApp.database.db, opened.id, {
        proofCode: "salaryProof",
        proofLabel:
          "Bulletins de salaire, certificat de travail ou attestation de l'employeur pour la période",
        reason: "Votre certificat de travail de 1995, pour la période chez Dupont SA.",
        actor: { kind: "system", id: null },
        at,
        publicUrl: "http://127.0.0.1:3000",
      });
      const asked = main((await visitor.get("/espace")).body);
      assert.doesNotMatch(asked, /Aucun document ne vous est demandé/);
      assert.match(asked, new RegExp(`Dossier ${opened.reference}`));
      assert.match(asked, /Votre certificat de travail de 1995/);
      assert.match(asked, new RegExp(`href="/espace/dossiers/${opened.reference}">Envoyer ce document`));
    });

    test("Jean-Pierre, 61: claim, global estimate and appointment are offered", async () => {
      const { body } = await homeOf("jean-pierre.lefevre@parcours.test");
      assert.match(body, /profil 55 ans et plus/);
      const titles = cardTitles(body);
      for (const title of [
        "Demander ma retraite",
        "Mon estimation indicative globale",
        "Prendre rendez-vous",
        "Partir plus tôt (carrière longue)",
      ])
        assert.ok(titles.includes(title), title);
      assert.ok(!titles.includes("Mes paiements"));
    });

    test("Monique, retiree: payments, no career services; the API says the same", async () => {
      const { visitor, body } = await homeOf("monique.garnier@parcours.test");
      assert.match(body, /profil retraité/);
      const titles = cardTitles(body);
      assert.ok(titles.includes("Mes paiements"));
      assert.ok(titles.includes("Prendre rendez-vous"));
      assert.ok(!titles.includes("Consulter ma carrière"));
      assert.ok(!titles.includes("Demander ma retraite"));
      const api = await visitor.get("/api/v1/me/services");
      assert.equal(api.json().profile, "retiree");
      assert.ok(api.json().services.some((s: { code: string }) => s.code === "payments"));
    });

    test("Nadia, AAH: the attentive journey offers a human appointment", async () => {
      const { body } = await homeOf("nadia.haddad@parcours.test");
      assert.match(body, /Un conseiller pour vous accompagner/);
      assert.ok(cardTitles(body).includes("Prendre rendez-vous"));
    });

    test("António, living in Portugal: foreign address, agency of his last French department", async () => {
      const { body } = await homeOf("antonio.ferreira@parcours.test");
      assert.match(body, /Rua Augusta 112<br>1100-053 Lisboa<br>Portugal/);
      assert.match(body, /Agence retraite de Paris/);
    });

    test("the home needs a login, and the site map follows the visitor's role", async () => {
      const anonymous = new Visitor(testApp.app);
      const refused = await anonymous.get("/espace");
      assert.equal(refused.statusCode, 303);
      assert.equal(refused.headers.location, "/connexion?retour=%2Fespace");
      const publicMap = (await anonymous.get("/plan-du-site")).body;
      for (const path of ["/connexion", "/inscription", "/mot-de-passe-oublie"])
        assert.match(publicMap, new RegExp(`href="${path}"`));
      assert.doesNotMatch(publicMap, /href="\/espace"/);

      const { visitor } = await homeOf("karim.benali@parcours.test");
      const map = (await visitor.get("/plan-du-site")).body;
      assert.match(map, /href="\/espace"/);
      assert.match(map, /href="\/espace\/representation"/);
      assert.doesNotMatch(map, /href="\/connexion"/);
      assert.equal((await visitor.get("/connexion")).headers.location, "/espace", "already logged in");
    });

    test("the site map lists only the services of the visitor's profile", async () => {
      const working = (await (await homeOf("karim.benali@parcours.test")).visitor.get("/plan-du-site")).body;
      assert.match(working, /href="\/espace\/carriere"/);
      assert.doesNotMatch(working, /href="\/espace\/paiements"/);
      const retired = (await (await homeOf("monique.garnier@parcours.test")).visitor.get("/plan-du-site"))
        .body;
      assert.match(retired, /href="\/espace\/paiements"/);
      assert.doesNotMatch(retired, /href="\/espace\/carriere"/);
    });
  });
}
