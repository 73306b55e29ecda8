import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { createPersonas, DEMO_PASSWORD } from "../../src/population/index.ts";
import { freePort } from "../franceconnect/fixtures.ts";
import { openTestApp, type TestApp } from "../helpers/app.ts";
import {
  activateByKeyboard,
  assertAccessible,
  browserUnavailable,
  focusByKeyboard,
  launchChromium,
  newContext,
  typeByKeyboard,
} from "../helpers/browser.ts";

const unavailable = browserUnavailable();

describe("career statement in Chromium, by keyboard, with and without JavaScript", {
  skip: unavailable,
}, () => {
  let server: TestApp;
  let base: string;
  let browser: Browser;
  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = await openTestApp("pglite", { publicUrl: base });
    await createPersonas(server.database);
    await server.app.listen({ host: "127.0.0.1", port });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const javaScript of [true, false]) {
    test(`home → career statement → PDF (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const context = await newContext(browser, { javaScript });
      const page = await context.newPage();
      await page.goto(`${base}/connexion`);
      await typeByKeyboard(page, page.locator("#courriel"), "karim.benali@parcours.test");
      await typeByKeyboard(page, page.locator("#mot-de-passe"), DEMO_PASSWORD);
      await activateByKeyboard(page, page.locator("main").getByRole("button", { name: "Se connecter" }));
      await page.waitForURL(`${base}/espace`);
      await assertAccessible(page);

      await activateByKeyboard(page, page.getByRole("link", { name: "Consulter ma carrière" }));
      await page.waitForURL(`${base}/espace/carriere`);
      assert.equal(await page.locator("h1").textContent(), "Ma carrière");
      await page.getByRole("heading", { level: 2, name: "Relevé de tous vos régimes" }).waitFor();
      await page.getByRole("heading", { level: 3, name: "Service militaire : aucun trimestre" }).waitFor();
      const total = page
        .getByRole("table", { name: "Trimestres par régime de retraite" })
        .locator("tfoot td")
        .last();
      assert.match((await total.textContent()) ?? "", /^\d+$/);
      await assertAccessible(page);

      const pdfLink = page.getByRole("link", { name: /Télécharger le relevé de carrière/ });
      await focusByKeyboard(page, pdfLink);
      assert.equal(await pdfLink.getAttribute("href"), "/espace/carriere/releve.pdf");
      const pdf = await context.request.get(`${base}/espace/carriere/releve.pdf`);
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()["content-type"], "application/pdf");
      assert.equal((await pdf.body()).subarray(0, 5).toString(), "%PDF-");

      // On a phone, the page does not scroll sideways: only the wide tables do, inside their frame.
      await page.setViewportSize({ width: 360, height: 740 });
      const overflow = await page.locator("html").evaluate((root) => root.scrollWidth - root.clientWidth);
      assert.equal(overflow, 0);
      await assertAccessible(page);
      await context.close();
    });
  }
});
