import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import {
  activateByKeyboard,
  assertAccessible,
  type BrowserSite,
  browserUnavailable,
  focusByKeyboard,
  logInByKeyboard,
  newContext,
  openBrowserSite,
} from "../helpers/browser.ts";

const unavailable = browserUnavailable();

describe("career statement in Chromium, by keyboard, with and without JavaScript", {
  skip: unavailable,
}, () => {
  let site: BrowserSite | undefined;
  let base: string;
  let browser: Browser;
  before(async () => {
    site = await openBrowserSite();
    ({ base, browser } = site);
  });
  after(async () => site?.close());

  for (const javaScript of [true, false]) {
    test(`home → career statement → PDF (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const context = await newContext(browser, { javaScript });
      const page = await context.newPage();
      await logInByKeyboard(page, base, "karim.benali@parcours.test");
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
