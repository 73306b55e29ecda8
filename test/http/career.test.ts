import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { createPersonas } from "../../src/population/index.ts";
import { loggedInAs, openTestApp, type TestApp, Visitor } from "../helpers/app.ts";
import { testEngines } from "../helpers/database.ts";
import { pdfText } from "../helpers/pdf.ts";

function main(body: string): string {
  return body.slice(body.indexOf("<main"), body.indexOf("</main>"));
}

/** The cells of the table row whose header cell is `label`. */
function rowCells(body: string, label: string): string[] {
  const row = new RegExp(`<tr><th scope="row">${label}</th>(.*?)</tr>`).exec(body);
  assert.ok(row, `row "${label}"`);
  return [...(row[1] as string).matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1] as string);
}

interface Totals {
  readonly total: number;
  readonly contributed: number;
  readonly bySchemes: Record<string, number>;
}

for (const engine of testEngines) {
  describe(`career statement (${engine})`, () => {
    let testApp: TestApp;
    before(async () => {
      testApp = await openTestApp(engine);
      await createPersonas(testApp.database);
    });
    after(async () => testApp.close());

    async function idOf(email: string): Promise<number> {
      const { rows } = await sql<{ id: number }>`
        select insured_id as id from account where email = ${email}`.execute(testApp.database.db);
      return Number(rows[0]?.id);
    }

    /** The totals straight from the table, to check what the pages say. */
    async function totalsOf(email: string): Promise<Totals> {
      const { rows } = await sql<{ scheme: string; total: number; contributed: number }>`
        select scheme, sum(contributed + unemployment + sickness + maternity + military)::int as total,
               sum(contributed)::int as contributed
        from career_year where insured_id = ${await idOf(email)} group by scheme`.execute(
        testApp.database.db,
      );
      return {
        total: rows.reduce((sum, row) => sum + Number(row.total), 0),
        contributed: rows.reduce((sum, row) => sum + Number(row.contributed), 0),
        bySchemes: Object.fromEntries(rows.map((row) => [row.scheme, Number(row.total)])),
      };
    }

    const loggedIn = (email: string): Promise<Visitor> => loggedInAs(testApp.app, email);

    test("Léa, 34: the home links to her statement, which shows her totals and no check", async () => {
      const visitor = await loggedIn("lea.moreau@parcours.test");
      assert.match(
        main((await visitor.get("/espace")).body),
        /<a href="\/espace\/carriere">Consulter ma carrière<\/a>/,
      );
      const response = await visitor.get("/espace/carriere");
      assert.equal(response.statusCode, 200);
      const body = main(response.body);
      const totals = await totalsOf("lea.moreau@parcours.test");
      assert.ok(totals.total > 40, "a career of more than ten years");
      assert.match(response.body, /<title>Ma carrière - Parcours/);
      assert.match(body, /<h1>Ma carrière<\/h1>/);
      assert.match(body, new RegExp(`${totals.total} trimestres inscrits sur le relevé`));
      assert.deepEqual(rowCells(body, "Régime général \\(salariés\\)").slice(1), [
        String(totals.contributed),
        "0",
        String(totals.total),
      ]);
      assert.deepEqual(rowCells(body, "Total tous régimes").at(-1), String(totals.total));
      assert.match(body, /<caption>Votre carrière année par année/);
      assert.match(body, /<th scope="col">Employeur<\/th>/);
      assert.match(body, /Boulangerie Moreau SARL|Clinique du Parc SA|Transports Lefèvre SAS/);
      assert.match(body, /Aucun point à vérifier/);
      assert.match(body, /Aucun trimestre pour enfant n'est inscrit/);
      assert.match(body, /href="\/espace\/carriere\/releve\.pdf"/);
      assert.match(
        body,
        /<a class="fr-link" href="\/espace\/avis\?service=careerStatement">Donner mon avis sur ce service<\/a>/,
      );
    });

    test("the PDF holds the same totals as the page", async () => {
      const visitor = await loggedIn("karim.benali@parcours.test");
      const totals = await totalsOf("karim.benali@parcours.test");
      const page = main((await visitor.get("/espace/carriere")).body);
      const response = await visitor.get("/espace/carriere/releve.pdf");
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers["content-type"], "application/pdf");
      assert.match(
        String(response.headers["content-disposition"]),
        /attachment; filename="releve-de-carriere\.pdf"/,
      );
      const text = await pdfText(response.rawPayload);
      assert.match(text, /Relevé de carrière/);
      assert.match(text, /Karim Benali/);
      for (const [scheme, label] of [
        ["general", "Régime général \\(salariés\\)"],
        ["self_employed", "Travailleurs indépendants"],
      ] as const) {
        const cells = rowCells(page, label);
        assert.equal(cells.at(-1), String(totals.bySchemes[scheme]));
        assert.match(text, new RegExp(`${label} ${cells.join(" ")}`));
      }
      const total = rowCells(page, "Total tous régimes").filter((cell) => cell !== "");
      assert.equal(total.at(-1), String(totals.total));
      assert.match(text, new RegExp(`Total tous régimes ${total.join(" ")}`));
      assert.match(text, /Service militaire : aucun trimestre/);
    });

    test("Karim, born before 1979 without military quarters: prompted; the API says the same", async () => {
      const visitor = await loggedIn("karim.benali@parcours.test");
      const body = main((await visitor.get("/espace/carriere")).body);
      assert.match(body, /Service militaire : aucun trimestre/);
      assert.match(body, /bientôt disponible.*appelez le 3960/);
      const api = await visitor.get("/api/v1/me/career");
      assert.equal(api.statusCode, 200);
      const career = api.json();
      const totals = await totalsOf("karim.benali@parcours.test");
      assert.equal(career.total, totals.total);
      assert.deepEqual(
        Object.fromEntries(career.schemes.map((s: { scheme: string; total: number }) => [s.scheme, s.total])),
        totals.bySchemes,
      );
      assert.deepEqual(
        career.checks.map((c: { kind: string }) => c.kind),
        ["missingMilitaryService"],
      );
      const jeanPierre = await loggedIn("jean-pierre.lefevre@parcours.test");
      const his = (await jeanPierre.get("/api/v1/me/career")).json();
      assert.ok(his.byKind.military > 0);
      assert.deepEqual(his.checks, [], "his service is on his statement");
    });

    test("a crafted career: wage without quarter, missing unemployment, a stay abroad", async () => {
      const id = await idOf("sophie.laurent@parcours.test");
      const { rows } = await sql<{ year: number }>`
        select min(year)::int as year from career_year where insured_id = ${id}`.execute(testApp.database.db);
      const first = Number(rows[0]?.year);
      const db = testApp.database.db;
      await sql`update career_year set contributed = 0 where insured_id = ${id} and year = ${first + 2}`.execute(
        db,
      );
      await sql`delete from career_year where insured_id = ${id} and year in (${first + 5}, ${first + 6}, ${first + 9})`.execute(
        db,
      );
      await sql`insert into career_year (insured_id, year, scheme, salary, contributed)
        values (${id}, ${first + 9}, 'abroad', 0, 4)`.execute(db);

      const visitor = await loggedIn("sophie.laurent@parcours.test");
      const body = main((await visitor.get("/espace/carriere")).body);
      assert.match(body, /3 points à vérifier/);
      assert.match(body, new RegExp(`${first + 2} : un salaire sans trimestre`));
      assert.match(body, /Avec ce salaire, vous devriez avoir 4 trimestres/);
      assert.match(
        body,
        new RegExp(`De ${first + 5} à ${first + 6} : une période de chômage manque peut-être`),
      );
      assert.match(body, /France Travail/);
      assert.match(body, new RegExp(`En ${first + 9} : une période à l&#39;étranger`));
      assert.match(body, /<h3 class="fr-callout__title">Faire corriger votre carrière<\/h3>/);
      assert.doesNotMatch(body, /href="[^"]*correction/, "no link to a procedure not built yet");
      const kinds = (await visitor.get("/api/v1/me/career"))
        .json()
        .checks.map((c: { kind: string }) => c.kind);
      assert.deepEqual(kinds, ["wageWithoutQuarter", "missingUnemployment", "abroad"]);
    });

    test("only the open space's career: no id in the address, none taken from it", async () => {
      const lea = await loggedIn("lea.moreau@parcours.test");
      const karimId = await idOf("karim.benali@parcours.test");
      const leaTotal = (await totalsOf("lea.moreau@parcours.test")).total;
      for (const url of [`/espace/carriere/${karimId}`, `/api/v1/me/career/${karimId}`])
        assert.equal((await lea.get(url)).statusCode, 404, url);
      const withQuery = await lea.get(`/api/v1/me/career?insuredId=${karimId}&id=${karimId}`);
      assert.equal(withQuery.json().total, leaTotal);
      const page = await lea.get(`/espace/carriere?personne=${karimId}`);
      assert.match(main(page.body), new RegExp(`${leaTotal} trimestres inscrits`));
      assert.doesNotMatch(page.body, /Travailleurs indépendants/);

      const anonymous = new Visitor(testApp.app);
      const refused = await anonymous.get("/espace/carriere");
      assert.equal(refused.statusCode, 303);
      assert.equal(refused.headers.location, "/connexion?retour=%2Fespace%2Fcarriere");
      assert.equal((await anonymous.get("/espace/carriere/releve.pdf")).statusCode, 303);
      assert.equal((await anonymous.get("/api/v1/me/career")).statusCode, 401);
    });

    test("a representative sees the represented person's career, with the banner, and it is audited", async () => {
      const nadiaId = await idOf("nadia.haddad@parcours.test");
      const sophie = await loggedIn("sophie.laurent@parcours.test");
      const chosen = await sophie.submit("/espace/representation", "/espace/representation", {
        personne: String(nadiaId),
      });
      assert.equal(chosen.statusCode, 303);
      const response = await sophie.get("/espace/carriere");
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /Vous agissez pour le compte de Nadia Haddad/);
      assert.match(response.body, /<title>Carrière de Nadia Haddad - Parcours/);
      const totals = await totalsOf("nadia.haddad@parcours.test");
      assert.deepEqual(rowCells(main(response.body), "Total tous régimes").at(-1), String(totals.total));
      assert.match(main(response.body), /<th scope="row">Chômage<\/th><td>[1-9]/);
      assert.equal((await sophie.get("/api/v1/me/career")).json().total, totals.total);
      const pdf = await pdfText((await sophie.get("/espace/carriere/releve.pdf")).rawPayload);
      assert.match(pdf, /Nadia Haddad/);
      const { rows } = await sql<{ actor_kind: string; actor_id: number }>`
        select actor_kind, actor_id from audit_log
        where action = 'career.read' and insured_id = ${nadiaId}`.execute(testApp.database.db);
      assert.equal(rows.length, 3);
      assert.ok(rows.every((row) => row.actor_kind === "representative"));
    });

    test("Monique, retiree: not offered on the home, and a clear answer at the address", async () => {
      const visitor = await loggedIn("monique.garnier@parcours.test");
      assert.doesNotMatch((await visitor.get("/espace")).body, /href="\/espace\/carriere"/);
      const response = await visitor.get("/espace/carriere");
      assert.equal(response.statusCode, 403);
      assert.match(response.body, /<title>Erreur : Ma carrière/);
      assert.match(main(response.body), /Le relevé de carrière n&#39;est pas proposé pour votre profil/);
      assert.match(main(response.body), /3960/);
      assert.equal((await visitor.get("/espace/carriere/releve.pdf")).statusCode, 403);
      const api = await visitor.get("/api/v1/me/career");
      assert.equal(api.statusCode, 403);
      assert.equal(api.json().error.code, "not_offered");
    });
  });
}
