import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { dateInFrance } from "../../src/identity/index.ts";
import { createPersonas } from "../../src/population/index.ts";
import { ratingsOf } from "../../src/satisfaction/index.ts";
import { insuredIdOf, loggedInAs, openTestApp, type TestApp, Visitor } from "../helpers/app.ts";
import { testEngines } from "../helpers/database.ts";

function main(body: string): string {
  return body.slice(body.indexOf("<main"), body.indexOf("</main>"));
}

for (const engine of testEngines) {
  describe(`service ratings (${engine})`, () => {
    let testApp: TestApp;
    before(async () => {
      testApp = await openTestApp(engine);
      await createPersonas(testApp.database);
    });
    after(async () => testApp.close());

    const logIn = (email: string): Promise<Visitor> => loggedInAs(testApp.app, email);

    test("a rating is stored per service and month; a wrong mark is refused and the comment kept", async () => {
      const db = testApp.database.db;
      const leaId = await insuredIdOf(db, "lea.moreau@parcours.test");
      const visitor = await logIn("lea.moreau@parcours.test");
      const form = await visitor.get("/espace/avis?service=addressAndBank");
      assert.equal(form.statusCode, 200);
      assert.match(main(form.body), /Sur le service « Changer d&#39;adresse ou de compte bancaire »/);

      const refused = await visitor.submit("/espace/avis?service=addressAndBank", "/espace/avis", {
        service: "addressAndBank",
        note: "11",
        raison: "easy",
        commentaire: "Formulaire clair & rapide",
      });
      assert.equal(refused.statusCode, 400);
      assert.match(main(refused.body), /La note est un nombre entier de 1 à 10/);
      assert.match(refused.body, />Formulaire clair &amp; rapide<\/textarea>/);
      assert.match(refused.body, /<option value="easy" selected>/);
      assert.equal((await ratingsOf(db, leaId)).length, 0);

      const empty = await visitor.submit("/espace/avis?service=addressAndBank", "/espace/avis", {
        service: "addressAndBank",
        note: "",
        raison: "",
        commentaire: "",
      });
      assert.equal(empty.statusCode, 400);

      const thanks = await visitor.submit("/espace/avis?service=addressAndBank", "/espace/avis", {
        service: "addressAndBank",
        note: "9",
        raison: "easy",
        commentaire: "Formulaire clair & rapide",
      });
      assert.equal(thanks.statusCode, 200);
      assert.match(main(thanks.body), /Merci pour votre avis/);
      assert.match(main(thanks.body), /href="\/espace\/profil"/);
      const month = `${dateInFrance(new Date()).slice(0, 7)}-01`;
      assert.deepEqual(
        (await ratingsOf(db, leaId)).map(({ service, month, rating, reason, comment }) => ({
          service,
          month,
          rating,
          reason,
          comment,
        })),
        [
          {
            service: "addressAndBank",
            month,
            rating: 9,
            reason: "easy",
            comment: "Formulaire clair & rapide",
          },
        ],
      );
      const { rows } = await sql<{ n: string | number }>`
        select count(*) as n from service_rating where service = 'addressAndBank' and month = ${month}`.execute(
        db,
      );
      assert.equal(Number(rows[0]?.n), 1);
    });

    test("without a service in the address, the form asks which one", async () => {
      const visitor = await logIn("monique.garnier@parcours.test");
      const page = await visitor.get("/espace/avis");
      assert.match(main(page.body), /<select[^>]*name="service"/);
      const refused = await visitor.submit("/espace/avis", "/espace/avis", {
        service: "",
        note: "5",
        raison: "",
        commentaire: "",
      });
      assert.equal(refused.statusCode, 400);
      assert.match(main(refused.body), /Choisissez le service que vous avez utilisé/);
      assert.match(refused.body, /id="note-5" name="note" checked/);
    });

    test("JSON API: 201 with the month; a mark of 0 is refused with the field; a login is needed", async () => {
      const caller = async (visitor: Visitor) => {
        const token = (await visitor.get("/api/v1/csrf-token")).json().csrfToken as string;
        const cookie = [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
        return (payload: object) =>
          testApp.app.inject({
            method: "POST",
            url: "/api/v1/me/ratings",
            headers: { cookie, "x-csrf-token": token },
            payload,
          });
      };
      const anonymous = await (await caller(new Visitor(testApp.app)))({ service: "payments", rating: 7 });
      assert.equal(anonymous.statusCode, 401);
      const call = await caller(await logIn("monique.garnier@parcours.test"));
      const created = await call({ service: "payments", rating: 7, reason: "fast", comment: "Bien" });
      assert.equal(created.statusCode, 201);
      assert.equal(created.json().service, "payments");
      assert.match(created.json().month, /^\d{4}-\d{2}-01$/);
      const refused = await call({ service: "payments", rating: 0, comment: "Bien" });
      assert.equal(refused.statusCode, 400);
      assert.equal(refused.json().error.fields.rating, "La note est un nombre entier de 1 à 10.");
    });
  });
}
