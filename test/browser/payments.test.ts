import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import {
  activateByKeyboard,
  assertAccessible,
  type BrowserSite,
  browserUnavailable,
  focusByKeyboard,
  logInByKeyboard,
  newContext,
  openBrowserSite,
  submitByKeyboard,
} from "../helpers/browser.ts";
import { pdfText } from "../helpers/pdf.ts";

const unavailable = browserUnavailable();

/** Chooses an option of a select with the keyboard alone: Tab to it, then a key (Home, End, ArrowDown…). */
async function chooseByKeyboard(page: Page, selector: string, key: string): Promise<void> {
  await focusByKeyboard(page, page.locator(selector));
  await page.keyboard.press(key);
}

describe("retiree payments in Chromium, by keyboard, with and without JavaScript", {
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
    test(`Monique: payments, a period refused then a certificate downloaded, the tax amount of a year (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const context = await newContext(browser, { javaScript });
      const page = await context.newPage();
      await logInByKeyboard(page, base, "monique.garnier@parcours.test");
      await activateByKeyboard(page, page.locator("main").getByRole("link", { name: "Mes paiements" }));
      await page.waitForURL(`${base}/espace/paiements`);
      await page.getByRole("heading", { level: 1, name: "Mes paiements" }).waitFor();
      assert.equal(await page.locator("#derniers-paiements-tableau tbody tr").count(), 3);
      assert.equal(await page.locator("#calendrier-tableau tbody tr").count(), 12);
      const shownNet =
        (await page
          .locator("#derniers-paiements-tableau tbody tr")
          .first()
          .locator("td")
          .nth(3)
          .textContent()) ?? "";
      await assertAccessible(page);

      // The last month before the first one: refused, the choices are kept.
      const from = await page.locator("#du").inputValue();
      await chooseByKeyboard(page, "#au", "End");
      const wrongTo = await page.locator("#au").inputValue();
      assert.ok(wrongTo < from, `${wrongTo} before ${from}`);
      await submitByKeyboard(page, page.getByRole("button", { name: "Télécharger l'attestation (PDF)" }));
      await page.getByRole("alert").getByText("Une information est à corriger").waitFor();
      assert.match(await page.title(), /^Erreur/);
      assert.match(
        (await page.locator("#au-erreur").textContent()) ?? "",
        /Le dernier mois doit être le même que le premier mois ou venir après/,
      );
      assert.equal(await page.locator("#du").inputValue(), from);
      assert.equal(await page.locator("#au").inputValue(), wrongTo);
      await assertAccessible(page);

      // Corrected: the certificate downloads and holds the net shown on screen.
      await chooseByKeyboard(page, "#au", "Home");
      const download = page.waitForEvent("download");
      await activateByKeyboard(page, page.getByRole("button", { name: "Télécharger l'attestation (PDF)" }));
      const file = await download;
      assert.match(file.suggestedFilename(), /^attestation-paiement-\d{4}-\d{2}-\d{4}-\d{2}\.pdf$/);
      const text = await pdfText(await readFile(await file.path()));
      assert.match(text, /Attestation de paiement/);
      assert.ok(shownNet.trim() !== "" && text.includes(shownNet.trim()), `${shownNet} in the PDF`);

      // The amount declared to tax for the year before.
      await chooseByKeyboard(page, "#annee", "ArrowDown");
      const year = await page.locator("#annee").inputValue();
      await submitByKeyboard(page, page.getByRole("button", { name: "Afficher le montant" }));
      await page
        .getByRole("heading", { level: 3, name: new RegExp(`Montant imposable ${year} :`) })
        .waitFor();
      await assertAccessible(page);
      await context.close();
    });
  }

  test("Léa, 34, not retired: no payments service, and the page says why", async () => {
    const context = await newContext(browser, { javaScript: true });
    const page = await context.newPage();
    await logInByKeyboard(page, base, "lea.moreau@parcours.test");
    assert.equal(await page.locator("main").getByText("Mes paiements").count(), 0);
    await page.goto(`${base}/espace/paiements`);
    await page
      .getByRole("heading", { level: 2, name: "Vous ne percevez pas de retraite de l'Assurance retraite" })
      .waitFor();
    await assertAccessible(page);
    await activateByKeyboard(page, page.locator("main").getByRole("link", { name: "Retour à mon espace" }));
    await page.waitForURL(`${base}/espace`);
    await context.close();
  });
});
