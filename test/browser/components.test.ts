import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { DEV_COMPONENTS_PATH } from "../../src/platform/dsfr/devPage.ts";
import {
  assertAccessible,
  type BrowserSite,
  browserUnavailable,
  newContext,
  openBrowserSite,
} from "../helpers/browser.ts";

const unavailable = browserUnavailable();

/** What the keyboard must reach in <main>: every enabled control (visibility is checked in the page). */
const CONTROLS =
  "main a[href], main button:not([disabled]), main input:not([disabled]):not([type=hidden]), main select:not([disabled]), main textarea:not([disabled])";

describe("the DSFR components page in Chromium", { skip: unavailable }, () => {
  let site: BrowserSite | undefined;
  let base: string;
  let browser: Browser;
  before(async () => {
    site = await openBrowserSite({ prepare: async () => {} });
    ({ base, browser } = site);
  });
  after(async () => site?.close());

  for (const javaScript of [true, false]) {
    test(`every component in every state: no axe violation, every control reached by Tab in order (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const context = await newContext(browser, { javaScript });
      const page = await context.newPage();
      const response = await page.goto(`${base}${DEV_COMPONENTS_PATH}`);
      assert.equal(response?.status(), 200);
      await assertAccessible(page);

      // What the keyboard must reach in <main>: every visible, enabled control, one stop per radio group
      // (the arrows move inside it). Each gets a marker so the walk below can name what has the focus.
      const expected = (await page.evaluate(`(() => {
        const controls = [...document.querySelectorAll(${JSON.stringify(CONTROLS)})]
          .filter((element) => element.checkVisibility({ visibilityProperty: true }));
        const radioNames = new Set();
        const stops = [];
        controls.forEach((element, index) => {
          if (element.type === "radio") {
            if (radioNames.has(element.name)) return;
            radioNames.add(element.name);
          }
          element.dataset.walk = String(index);
          stops.push(String(index));
        });
        return stops;
      })()`)) as string[];
      assert.ok(expected.length > 60, `the page shows its controls (${expected.length})`);

      // Focus the content's start (the skip link's target), then Tab until the focus leaves <main>.
      await page.locator("main").focus();
      const reached: string[] = [];
      for (let i = 0; i < expected.length + 20; i++) {
        await page.keyboard.press("Tab");
        // A radio group is entered on its checked radio, or its first: it counts as the group's first stop.
        const stop = (await page.evaluate(`(() => {
          const active = document.activeElement;
          if (!active || !active.closest("main")) return null;
          if (active.type === "radio") {
            return document.querySelector('main input[type=radio][name="' + active.name + '"][data-walk]')?.dataset.walk ?? "?";
          }
          return active.dataset.walk ?? "sans marque : " + active.outerHTML.slice(0, 80);
        })()`)) as string | null;
        if (stop === null) break;
        // A date input takes one Tab per part (day, month, year): one stop.
        if (reached.at(-1) !== stop) reached.push(stop);
      }
      assert.deepEqual(reached, expected, "Tab reaches each control once, in the page's order");
      await context.close();
    });
  }
});
