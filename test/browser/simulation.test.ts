import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { frenchAge, legalAgeFor } from "../../src/rules/index.ts";
import {
  activateByKeyboard,
  assertAccessible,
  type BrowserSite,
  browserUnavailable,
  focusByKeyboard,
  logInByKeyboard,
  newContext,
  openBrowserSite,
  replaceByKeyboard,
  submitByKeyboard,
  typeByKeyboard,
} from "../helpers/browser.ts";

const unavailable = browserUnavailable();

describe("simulators in Chromium, by keyboard, with and without JavaScript", { skip: unavailable }, () => {
  let site: BrowserSite | undefined;
  let base: string;
  let browser: Browser;
  before(async () => {
    site = await openBrowserSite();
    ({ base, browser } = site);
  });
  after(async () => site?.close());

  for (const javaScript of [true, false]) {
    test(`public legal age calculator from the home page (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const context = await newContext(browser, { javaScript });
      const page = await context.newPage();
      await page.goto(`${base}/`);
      await activateByKeyboard(page, page.getByRole("link", { name: "Connaître mon âge de départ" }));
      await page.waitForURL(`${base}/simulateurs/age-legal`);
      await assertAccessible(page);

      // A date that does not exist: the message names it, the typed values stay.
      await typeByKeyboard(page, page.locator("#jour"), "31");
      await typeByKeyboard(page, page.locator("#mois"), "2");
      await typeByKeyboard(page, page.locator("#annee"), "1964");
      await submitByKeyboard(page, page.getByRole("button", { name: "Calculer mon âge de départ" }));
      assert.match(await page.title(), /^Erreur/);
      assert.match((await page.locator("#date-naissance-erreur").textContent()) ?? "", /n'existe pas/);
      assert.equal(await page.locator("#annee").inputValue(), "1964");
      await assertAccessible(page);

      await replaceByKeyboard(page, page.locator("#jour"), "15");
      await focusByKeyboard(page, page.getByRole("button", { name: "Calculer mon âge de départ" }));
      const loaded = page.waitForNavigation();
      await page.keyboard.press("Enter");
      await loaded;
      const expected = legalAgeFor({ year: 1964, month: 2, day: 15 });
      await page.getByRole("heading", { level: 2, name: "Votre résultat" }).waitFor();
      const result = (await page.locator("section[aria-labelledby=resultat]").textContent()) ?? "";
      assert.ok(result.includes(frenchAge(expected.legalAge)), result);
      assert.ok(result.includes(`${expected.requiredQuarters} trimestres`), result);
      await assertAccessible(page);
      await context.close();
    });

    test(`the estimate page: chart, table, explanations by keyboard (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const context = await newContext(browser, { javaScript });
      const page = await context.newPage();
      await logInByKeyboard(page, base, "francoise.dubois@parcours.test");
      await activateByKeyboard(page, page.getByRole("link", { name: "Estimer ma retraite" }));
      await page.waitForURL(`${base}/espace/estimation`);
      await page.getByRole("img", { name: "Montant mensuel de la retraite selon l'âge de départ" }).waitFor();
      assert.equal(await page.locator("table tbody tr").count(), 5);
      await assertAccessible(page);

      // The first explanation opens from the keyboard, without script.
      const first = page.locator("details").first();
      assert.equal(await first.evaluate((el) => el.hasAttribute("open")), false);
      await activateByKeyboard(page, first.locator("summary"));
      assert.equal(await first.evaluate((el) => el.hasAttribute("open")), true);
      assert.match((await first.textContent()) ?? "", /Art\. L/);
      await assertAccessible(page);
      await context.close();
    });
  }
});
