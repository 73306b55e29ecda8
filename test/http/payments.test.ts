import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { formatNir } from "../../src/identity/index.ts";
import { paymentCalendar } from "../../src/payments/model.ts";
import { auditTrailOf } from "../../src/platform/audit.ts";
import { isWorkingDay } from "../../src/platform/calendar.ts";
import { euros } from "../../src/platform/pdf.ts";
import { createPersonas } from "../../src/population/index.ts";
import { loggedInAs, openTestApp, type TestApp, Visitor } from "../helpers/app.ts";
import { testEngines } from "../helpers/database.ts";
import { pdfText } from "../helpers/pdf.ts";

function main(body: string): string {
  return body.slice(body.indexOf("<main"), body.indexOf("</main>"));
}

/** The cells of one table of the page, row by row. */
function tableRows(body: string, id: string): string[][] {
  const start = body.indexOf(`<table id="${id}">`);
  assert.ok(start >= 0, `table ${id}`);
  const markup = body.slice(start, body.indexOf("</table>", start));
  return [...markup.matchAll(/<tr>(.*?)<\/tr>/gs)]
    .slice(1)
    .map((row) =>
      [...(row[1] as string).matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) =>
        (c[1] as string).replace(/<[^>]+>/g, ""),
      ),
    );
}

interface ApiPayment {
  month: string;
  paidOn: string;
  gross: number;
  socialContributions: number;
  net: number;
  taxable: number;
}

for (const engine of testEngines) {
  describe(`retiree payments (${engine})`, () => {
    let testApp: TestApp;
    before(async () => {
      testApp = await openTestApp(engine);
      await createPersonas(testApp.database);
    });
    after(async () => testApp.close());

    const login = (email: string): Promise<Visitor> => loggedInAs(testApp.app, email);

    test("Monique, retiree: the service is offered, the page shows her pension, last three payments and this year's calendar", async () => {
      const monique = await login("monique.garnier@parcours.test");
      const home = await monique.get("/espace");
      assert.match(main(home.body), /<a href="\/espace\/paiements">Mes paiements<\/a>/);

      const page = await monique.get("/espace/paiements");
      assert.equal(page.statusCode, 200);
      const body = main(page.body);
      assert.match(body, /<h1>Mes paiements<\/h1>/);
      assert.match(body, /Retraite personnelle/);
      const api = (await monique.get("/api/v1/me/payments")).json();
      const last: ApiPayment[] = api.lastPayments;
      assert.equal(last.length, 3);
      assert.deepEqual(
        tableRows(page.body, "derniers-paiements-tableau").map((row) => row.slice(2)),
        last.map((p) => [euros(p.gross), euros(p.socialContributions), euros(p.net)]),
      );
      const year = new Date().getFullYear();
      const calendar = tableRows(page.body, "calendrier-tableau");
      assert.equal(calendar.length, 12);
      assert.equal(calendar[0]?.[0], `janvier ${year}`);
      assert.match(body, /href="\/espace\/avis\?service=payments">Donner mon avis sur ce service</);
    });

    test("the certificate PDF holds the figures shown on screen, her identity, NIR, fund and date; it is audited", async () => {
      const monique = await login("monique.garnier@parcours.test");
      const page = await monique.get("/espace/paiements");
      const me = (await monique.get("/api/v1/me")).json();
      const last: ApiPayment[] = (await monique.get("/api/v1/me/payments")).json().lastPayments;
      const from = (last.at(-1) as ApiPayment).month;
      const to = (last[0] as ApiPayment).month;
      const response = await monique.get(`/espace/paiements/attestation.pdf?du=${from}&au=${to}`);
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers["content-type"], "application/pdf");
      assert.match(
        String(response.headers["content-disposition"]),
        /attachment; filename="attestation-paiement-/,
      );
      const text = await pdfText(response.rawPayload);
      for (const row of tableRows(page.body, "derniers-paiements-tableau"))
        for (const cell of row.slice(2)) assert.ok(text.includes(cell), `${cell} in the certificate`);
      assert.match(text, /Attestation de paiement/);
      assert.match(text, /GARNIER/);
      assert.match(text, /Monique Jeanne/);
      const nir = (await testApp.database.db
        .selectFrom("insured" as never)
        .select("nir" as never)
        .where("id" as never, "=", me.id as never)
        .executeTakeFirstOrThrow()) as { nir: string };
      assert.ok(text.includes(formatNir(nir.nir.trim())), "NIR, grouped as on the Vitale card");
      assert.match(text, /Caisse d'assurance retraite et de la santé au travail de Bretagne/);
      assert.match(text, /Fait le \d{1,2}(er)? \S+ \d{4}/);
      const sum = (pick: (p: ApiPayment) => number) =>
        euros(last.reduce((total, p) => total + Math.round(pick(p) * 100), 0) / 100);
      assert.ok(
        text.includes(
          `Total 3 paiements ${sum((p) => p.gross)} ${sum((p) => p.socialContributions)} ${sum((p) => p.net)} ${sum((p) => p.taxable)}`,
        ),
        text,
      );
      const trail = await auditTrailOf(testApp.database.db, me.id);
      assert.ok(
        trail.some((entry) => entry.action === "payments.certificate" && entry.details?.from === from),
      );
    });

    test("the amount declared to tax: on the page, in the API and in the certificate of that year's payments", async () => {
      const monique = await login("monique.garnier@parcours.test");
      const api = (await monique.get("/api/v1/me/payments")).json();
      const { taxYear } = api;
      assert.ok(taxYear.payments.length > 0);
      for (const p of taxYear.payments as ApiPayment[]) assert.ok(p.paidOn.startsWith(`${taxYear.year}-`));
      const page = await monique.get(`/espace/paiements?annee=${taxYear.year}`);
      assert.equal(page.statusCode, 200);
      assert.match(
        page.body,
        new RegExp(`Montant imposable ${taxYear.year} : ${euros(taxYear.totals.taxable)}`),
      );
      const link =
        /href="(\/espace\/paiements\/attestation\.pdf\?du=[\d-]+&amp;au=[\d-]+)">Télécharger l'attestation de ces paiements/.exec(
          page.body,
        );
      assert.ok(link, "link to the certificate of the year");
      const text = await pdfText((await monique.get((link[1] as string).replace("&amp;", "&"))).rawPayload);
      assert.ok(text.includes(euros(taxYear.totals.taxable)), "same taxable total in the PDF");

      const earlier = taxYear.year - 1;
      const previous = await monique.get(`/espace/paiements?annee=${earlier}`);
      assert.equal(previous.statusCode, 200);
      assert.match(previous.body, new RegExp(`Montant imposable ${earlier}`));
    });

    test("the calendar of 2026 follows the published dates; every day is a working day", async () => {
      const monique = await login("monique.garnier@parcours.test");
      const calendar = (await monique.get("/api/v1/me/payments/calendar?annee=2026")).json();
      assert.equal(calendar.year, 2026);
      assert.equal(calendar.days.length, 12);
      // Monique Garnier's fund is the Carsat Bretagne (src/population/personas.ts).
      for (const day of calendar.days) assert.ok(isWorkingDay("carsat-bretagne", day.paidOn), day.paidOn);
      // The rule's dates are pinned to the published 2026 calendar in src/payments/model.test.ts.
      assert.deepEqual(
        calendar.days.map((d: { paidOn: string }) => d.paidOn),
        paymentCalendar(2026, "carsat-bretagne").map((day) => day.paidOn),
      );
      const bad = await monique.get("/api/v1/me/payments/calendar?annee=26");
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.message, "L'année s'écrit avec 4 chiffres, par exemple 2026.");
    });

    test("bad periods and years are refused in French, with the choices kept", async () => {
      const monique = await login("monique.garnier@parcours.test");
      const last: ApiPayment[] = (await monique.get("/api/v1/me/payments")).json().lastPayments;
      const later = (last[0] as ApiPayment).month;
      const earlier = (last[2] as ApiPayment).month;

      const reversed = await monique.get(`/espace/paiements/attestation.pdf?du=${later}&au=${earlier}`);
      assert.equal(reversed.statusCode, 400);
      assert.match(reversed.headers["content-type"] as string, /text\/html/);
      assert.match(reversed.body, /<title>Erreur : Mes paiements/);
      assert.match(reversed.body, /Le dernier mois doit être le même que le premier mois ou venir après\./);
      assert.match(
        reversed.body,
        new RegExp(`<select[^>]*id="du"[^>]*>.*<option value="${later}" selected>`, "s"),
      );
      assert.match(reversed.body, /aria-describedby="au-erreur"/);

      const missing = await monique.get("/espace/paiements/attestation.pdf?du=2026-13");
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /Ce mois n&#39;existe pas : choisissez le premier mois dans la liste\./);
      assert.match(missing.body, /Choisissez le dernier mois de l&#39;attestation\./);

      const old = await monique.get(`/espace/paiements/attestation.pdf?du=1990-01&au=${later}`);
      assert.equal(old.statusCode, 400);
      assert.match(old.body, /Aucun paiement n&#39;est enregistré pour janvier 1990/);

      const year = await monique.get("/espace/paiements?annee=1990");
      assert.equal(year.statusCode, 400);
      assert.match(year.body, /Choisissez une année de la liste/);
      const apiYear = await monique.get("/api/v1/me/payments?annee=1990");
      assert.equal(apiYear.statusCode, 400);
      assert.equal(apiYear.json().error.code, "invalid_year");
    });

    test("Léa, 34, not retired: no service offered, a clear French answer on the page, the PDF and the API", async () => {
      const lea = await login("lea.moreau@parcours.test");
      assert.doesNotMatch(main((await lea.get("/espace")).body), /Mes paiements/);
      const page = await lea.get("/espace/paiements");
      assert.equal(page.statusCode, 404);
      assert.match(page.body, /Vous ne percevez pas de retraite de l'Assurance retraite/);
      assert.doesNotMatch(main(page.body), /€/);
      const pdf = await lea.get("/espace/paiements/attestation.pdf?du=2026-01&au=2026-02");
      assert.equal(pdf.statusCode, 404);
      assert.match(pdf.headers["content-type"] as string, /text\/html/);
      const api = await lea.get("/api/v1/me/payments");
      assert.equal(api.statusCode, 404);
      assert.equal(api.json().error.code, "no_pension");
      assert.match(api.json().error.message, /Aucune retraite de l'Assurance retraite n'est en paiement/);
    });

    test("another person's payments are never reachable: the owner comes from the session only", async () => {
      const monique = await login("monique.garnier@parcours.test");
      const moniqueId = (await monique.get("/api/v1/me")).json().id;
      const lea = await login("lea.moreau@parcours.test");
      for (const url of [
        `/espace/paiements?id=${moniqueId}&insuredId=${moniqueId}`,
        `/api/v1/me/payments?id=${moniqueId}&insuredId=${moniqueId}`,
        `/espace/paiements/attestation.pdf?du=2026-01&au=2026-02&id=${moniqueId}`,
      ]) {
        const response = await lea.get(url);
        assert.equal(response.statusCode, 404, url);
        assert.doesNotMatch(response.body, /GARNIER|Garnier|€/, url);
      }
      const anonymous = new Visitor(testApp.app);
      const page = await anonymous.get("/espace/paiements");
      assert.equal(page.statusCode, 303);
      assert.equal(page.headers.location, "/connexion?retour=%2Fespace%2Fpaiements");
      assert.equal(
        (await anonymous.get("/espace/paiements/attestation.pdf?du=2026-01&au=2026-01")).statusCode,
        303,
      );
      assert.equal((await anonymous.get("/api/v1/me/payments")).statusCode, 401);
    });

    test("António, retiree living in Portugal, sees his payments; the API is documented", async () => {
      const antonio = await login("antonio.ferreira@parcours.test");
      const page = await antonio.get("/espace/paiements");
      assert.equal(page.statusCode, 200);
      assert.equal(tableRows(page.body, "derniers-paiements-tableau").length, 3);
      const openapi = (await antonio.get("/api/v1/openapi.json")).json();
      assert.ok(openapi.paths["/api/v1/me/payments"]);
      assert.ok(openapi.paths["/api/v1/me/payments/calendar"]);
    });
  });
}
