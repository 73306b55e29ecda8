import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { euros } from "../../src/platform/pdf.ts";
import { createPersonas } from "../../src/population/index.ts";
import { formatDate, frenchAge, frenchDate, legalAgeFor } from "../../src/rules/index.ts";
import { insuredIdOf, loggedInAs, openTestApp, type TestApp, Visitor } from "../helpers/app.ts";
import { testEngines } from "../helpers/database.ts";
import { pdfText } from "../helpers/pdf.ts";

function main(body: string): string {
  return body.slice(body.indexOf("<main"), body.indexOf("</main>"));
}

/** The monthly amounts of the estimate table, in reading order. */
function tableAmounts(body: string): string[] {
  const table = body.slice(body.indexOf("<table>"), body.indexOf("</table>"));
  return [...table.matchAll(/<strong>([^<]+) par mois<\/strong>/g)].map((m) => m[1] as string);
}

describe("public legal age calculator", () => {
  let testApp: TestApp;
  before(async () => {
    testApp = await openTestApp("pglite");
  });
  after(async () => testApp.close());

  test("agrees with the rules engine for every generation 1950-1975, page and API", async () => {
    for (let year = 1950; year <= 1975; year++) {
      for (const [month, day] of [
        [1, 1],
        [7, 15],
        [12, 31],
      ] as const) {
        const birth = { year, month, day };
        const expected = legalAgeFor(birth);
        const page = await testApp.app.inject(
          `/simulateurs/age-legal?jour=${day}&mois=${month}&annee=${year}`,
        );
        assert.equal(page.statusCode, 200, `${day}/${month}/${year}`);
        const body = main(page.body);
        assert.ok(
          body.includes(
            `<strong>${frenchAge(expected.legalAge)}</strong>, atteint le ${frenchDate(expected.legalAgeDate)}`,
          ),
          `${year}-${month}`,
        );
        assert.ok(
          body.includes(`<strong>${expected.requiredQuarters}</strong> trimestres`),
          `${year}-${month}`,
        );
        assert.ok(
          body.includes(
            `<strong>${frenchAge(expected.fullRateAge)}</strong>, atteint le ${frenchDate(expected.fullRateAgeDate)}`,
          ),
        );
        const api = await testApp.app.inject(`/api/v1/simulation/age?birthDate=${formatDate(birth)}`);
        assert.equal(api.statusCode, 200);
        const json = api.json() as { legalAge: unknown; requiredQuarters: number; legalAgeDate: string };
        assert.deepEqual(json.legalAge, expected.legalAge);
        assert.equal(json.requiredQuarters, expected.requiredQuarters);
        assert.equal(json.legalAgeDate, formatDate(expected.legalAgeDate));
      }
    }
  });

  test("a start date applies the law in force then, with its legal reference", async () => {
    const expected = legalAgeFor({ year: 1965, month: 3, day: 10 }, { year: 2030, month: 9, day: 1 });
    const page = await testApp.app.inject(
      "/simulateurs/age-legal?jour=10&mois=3&annee=1965&departMois=9&departAnnee=2030",
    );
    assert.equal(page.statusCode, 200);
    for (const step of expected.explanation) {
      assert.ok(main(page.body).includes(step.reference.replace(/'/g, "&#39;")), step.rule);
    }
    assert.match(page.body, /pour une retraite qui commence le 1er septembre 2030/);
  });

  test("bad dates: a precise French message, the typed values kept", async () => {
    const cases: [string, RegExp][] = [
      ["jour=31&mois=2&annee=1962", /Le 31\/2\/1962 n&#39;existe pas/],
      ["jour=&mois=2&annee=1962", /incomplète : indiquez le jour/],
      ["jour=3&mois=14&annee=1962", /entre 1 et 12/],
      ["jour=3&mois=2&annee=62", /4 chiffres/],
      ["jour=3&mois=2&annee=1930", /nés à partir du/],
      ["jour=3&mois=2&annee=1962&departMois=5", /La date de départ est incomplète/],
    ];
    for (const [query, message] of cases) {
      const page = await testApp.app.inject(`/simulateurs/age-legal?${query}`);
      assert.equal(page.statusCode, 400, query);
      assert.match(page.body, message, query);
      assert.match(page.body, /<title>Erreur/);
      assert.match(page.body, /fr-fieldset--error/);
      const annee = new URLSearchParams(query).get("annee");
      assert.ok(page.body.includes(`name="annee" value="${annee}"`), query);
    }
    const api = await testApp.app.inject("/api/v1/simulation/age?birthDate=1962-02-31");
    assert.equal(api.statusCode, 400);
    assert.equal((api.json() as { error: { code: string } }).error.code, "date_invalide");
  });

  test("the API is in the OpenAPI document", async () => {
    const doc = (await testApp.app.inject("/api/v1/openapi.json")).json() as {
      paths: Record<string, unknown>;
    };
    for (const path of [
      "/api/v1/simulation/age",
      "/api/v1/me/estimate",
      "/api/v1/me/long-career",
      "/api/v1/me/legal-age",
    ])
      assert.ok(doc.paths[path], path);
  });
});

for (const engine of testEngines) {
  describe(`personal simulators (${engine})`, () => {
    let testApp: TestApp;
    before(async () => {
      testApp = await openTestApp(engine);
      await createPersonas(testApp.database);
    });
    after(async () => testApp.close());

    const logIn = (email: string): Promise<Visitor> => loggedInAs(testApp.app, email);

    test("the catalogue and the site map link to the simulators of the profile", async () => {
      const karim = await logIn("karim.benali@parcours.test");
      const body = main((await karim.get("/espace")).body);
      for (const href of ["/espace/age-de-depart", "/espace/carriere-longue", "/espace/estimation"])
        assert.ok(body.includes(`href="${href}"`), href);
      assert.ok(!body.includes('href="/espace/eig.pdf"'));
      const map = main((await karim.get("/plan-du-site")).body);
      assert.ok(map.includes('href="/espace/estimation"'));
      const lea = await logIn("lea.moreau@parcours.test");
      const leaMap = main((await lea.get("/plan-du-site")).body);
      assert.ok(leaMap.includes('href="/espace/age-de-depart"'));
      assert.ok(!leaMap.includes('href="/espace/estimation"'), "not offered under 45");
    });

    test("under 45 (Léa, 34): legal age from the real career, no estimate", async () => {
      const lea = await logIn("lea.moreau@parcours.test");
      const age = await lea.get("/espace/age-de-depart");
      assert.equal(age.statusCode, 200);
      assert.match(age.body, /Votre relevé de carrière compte <strong>\d+<\/strong> trimestres tous régimes/);
      assert.match(age.body, /href="\/espace\/avis\?service=legalAge"/);
      const estimate = await lea.get("/espace/estimation");
      assert.match(estimate.body, /proposée à partir de 45 ans/);
      assert.doesNotMatch(estimate.body, /<svg/);
      assert.equal((await lea.get("/api/v1/me/estimate")).statusCode, 403);
      assert.equal((await lea.get("/espace/eig.pdf")).statusCode, 403);
    });

    test("55 and over (Françoise, 58): the estimate, chart, table, explanations; the EIG holds the same amounts", async () => {
      const francoise = await logIn("francoise.dubois@parcours.test");
      const page = await francoise.get("/espace/estimation");
      assert.equal(page.statusCode, 200);
      const body = main(page.body);
      assert.match(body, /<svg [^>]*role="img" aria-labelledby="graphique-titre graphique-description"/);
      assert.doesNotMatch(body, /style=/);
      assert.equal(body.split("<polyline").length - 1, 5);
      const amounts = tableAmounts(body);
      assert.equal(amounts.length, 15);
      assert.equal(body.split("<details").length - 1, 15);
      assert.match(body, /Art\. L351-1/);
      assert.match(body, /href="\/espace\/avis\?service=pensionEstimate"/);

      const api = (await francoise.get("/api/v1/me/estimate")).json() as {
        hypotheses: { departures: Record<string, { result: { pension: { monthly: number } } }> }[];
      };
      const fromApi = api.hypotheses.flatMap((h) =>
        ["legalAge", "earliestFullRate", "fullRateAge"].map((key) =>
          euros(h.departures[key]?.result.pension.monthly ?? -1),
        ),
      );
      assert.deepEqual(
        amounts.map((a) => a.replace(/[\u202f\u00a0]/g, " ")),
        fromApi,
      );

      const pdf = await francoise.get("/espace/eig.pdf");
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers["content-type"], "application/pdf");
      const text = await pdfText(pdf.rawPayload);
      assert.match(text, /Estimation indicative globale/);
      assert.match(text, /Françoise Dubois/);
      for (const amount of fromApi) assert.ok(text.includes(`${amount} par mois`), amount);
    });

    test("long career: Jean-Pierre (started at 17) may leave early; Nadia gets the reason", async () => {
      const jeanPierre = await logIn("jean-pierre.lefevre@parcours.test");
      const page = await jeanPierre.get("/espace/carriere-longue");
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Vous pouvez partir avant l'âge légal/);
      const api = (await jeanPierre.get("/api/v1/me/long-career")).json() as { eligible: boolean };
      assert.equal(api.eligible, true);

      const nadia = await logIn("nadia.haddad@parcours.test");
      const refused = await nadia.get("/espace/carriere-longue");
      assert.match(refused.body, /Vous ne pouvez pas partir avant l'âge légal/);
      assert.match(refused.body, /trimestres cotisés pour \d+ exigés : il en manquerait \d+/);
      const json = (await nadia.get("/api/v1/me/long-career")).json() as {
        eligible: boolean;
        reason: string;
      };
      assert.equal(json.eligible, false);
      assert.match(json.reason, /il en manquerait/);
    });

    test("AAH (Nadia, 63): the full rate from the legal age, said on the estimate page", async () => {
      const nadia = await logIn("nadia.haddad@parcours.test");
      const page = await nadia.get("/espace/estimation");
      assert.equal(page.statusCode, 200);
      const body = main(page.body);
      const table = body.slice(body.indexOf("<table>"), body.indexOf("</table>"));
      const rows = table.split("<tr>").filter((row) => row.includes('<th scope="row">'));
      assert.equal(rows.length, 5);
      for (const row of rows) {
        // Cells in order: at the legal age, at the earliest full rate, at the full-rate age.
        const [legal, earliest, automatic] = [...row.matchAll(/le ([^,<]+), à ([^<]+)<\/span>/g)].map(
          (m) => `${m[1]} à ${m[2]}`,
        );
        assert.ok(legal && earliest && automatic, row);
        assert.equal(earliest, legal, "the earliest full-rate departure is the legal-age one");
        assert.notEqual(automatic, legal);
      }
      // Nadia's record holds too few quarters for the full rate by duration: the reason is the AAH.
      assert.match(
        body,
        /Vous avez le taux plein de 50(?:[\u202f\u00a0 ])?% car vous percevez l(?:'|&#39;)allocation aux adultes handicapés \(AAH\)\./,
      );
      assert.doesNotMatch(body, /La décote porte sur/);
    });

    test("a representative sees the represented person's estimate, with the banner", async () => {
      const nadiaId = await insuredIdOf(testApp.database.db, "nadia.haddad@parcours.test");
      const sophie = await logIn("sophie.laurent@parcours.test");
      const list = await sophie.get("/espace/representation");
      const csrf = /name="_csrf" value="([^"]+)"/.exec(list.body)?.[1] as string;
      const chosen = await sophie.post("/espace/representation", { _csrf: csrf, personne: String(nadiaId) });
      assert.equal(chosen.statusCode, 303);
      const page = await sophie.get("/espace/estimation");
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Vous agissez pour le compte de Nadia Haddad/);
      assert.match(page.body, /<h1>Estimation de la retraite de Nadia Haddad<\/h1>/);
      assert.equal(tableAmounts(page.body).length, 15);
    });

    test("anonymous visitors are sent to the login page", async () => {
      const visitor = new Visitor(testApp.app);
      const page = await visitor.get("/espace/estimation");
      assert.equal(page.statusCode, 303);
      assert.equal((await visitor.get("/api/v1/me/estimate")).statusCode, 401);
    });
  });
}
