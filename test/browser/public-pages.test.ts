import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { FOOTER_LEGAL_LINKS } from "../../src/platform/dsfr/index.ts";
import {
  activateByKeyboard,
  assertAccessible,
  type BrowserSite,
  browserUnavailable,
  newContext,
  openBrowserSite,
} from "../helpers/browser.ts";

const unavailable = browserUnavailable();

describe("public pages in Chromium, by keyboard, with and without JavaScript", { skip: unavailable }, () => {
  let site: BrowserSite | undefined;
  let base: string;
  let browser: Browser;
  before(async () => {
    // Public pages only: no persona needed.
    site = await openBrowserSite({ prepare: async () => {} });
    ({ base, browser } = site);
  });
  after(async () => site?.close());

  for (const javaScript of [true, false]) {
    test(`home → every footer page → site map, by keyboard (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const context = await newContext(browser, { javaScript });
      const page = await context.newPage();
      const cspErrors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") cspErrors.push(message.text());
      });
      await page.goto(`${base}/`);
      await assertAccessible(page);
      // The first Tab reaches the skip link to the content.
      await page.keyboard.press("Tab");
      assert.equal(await page.locator(":focus").textContent(), "Contenu");
      for (const link of FOOTER_LEGAL_LINKS) {
        await page.goto(`${base}/`);
        await activateByKeyboard(page, page.locator(`footer a[href="${link.href}"]`));
        await page.waitForURL(`${base}${link.href}`);
        assert.equal(await page.locator("h1").count(), 1);
        await assertAccessible(page);
      }
      // Without JavaScript the only errors are the script loads the test itself blocks.
      if (javaScript) assert.deepEqual(cspErrors, [], "no console error (CSP included)");
      await context.close();
    });
  }
});
