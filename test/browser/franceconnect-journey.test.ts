import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { SESSION_COOKIE } from "../../src/platform/sessions.ts";
import { createPersonas } from "../../src/population/index.ts";
import { ACCOUNTS, ANTONIO, LEA, PERSONAS_TODAY } from "../franceconnect/fixtures.ts";
import { type FranceConnectTestProvider, startFranceConnectProvider } from "../franceconnect/provider.ts";
import {
  activateByKeyboard,
  assertAccessible,
  type BrowserSite,
  browserUnavailable,
  focusByKeyboard,
  newContext,
  openBrowserSite,
} from "../helpers/browser.ts";

const unavailable = browserUnavailable();

describe("FranceConnect in Chromium, by keyboard, with and without JavaScript", { skip: unavailable }, () => {
  let site: BrowserSite | undefined;
  let provider: FranceConnectTestProvider;
  let base: string;
  let browser: Browser;
  before(async () => {
    site = await openBrowserSite({
      // The redirect URIs registered at the provider derive from Parcours' public URL: reserve its port.
      async config(address) {
        const started = await startFranceConnectProvider({ serviceUrl: address, accounts: ACCOUNTS });
        provider = started;
        return {
          franceConnect: {
            issuer: started.issuer,
            clientId: started.clientId,
            clientSecret: started.clientSecret,
          },
        };
      },
      prepare: (server) => createPersonas(server.database, { today: PERSONAS_TODAY }),
    });
    ({ base, browser } = site);
  });
  after(async () => {
    await site?.close();
    await provider?.stop();
  });

  const runs = [
    { javaScript: true, account: LEA, greeting: "Bonjour Léa", name: "Léa Moreau" },
    { javaScript: false, account: ANTONIO, greeting: "Bonjour António", name: "António Ferreira" },
  ];
  for (const { javaScript, account, greeting, name } of runs) {
    test(`/connexion → FranceConnect → /espace as ${name} → logout through the provider (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const providerOrigin = new URL(provider.issuer).origin;
      const context = await newContext(browser, { javaScript });
      const page = await context.newPage();

      await page.goto(`${base}/connexion`);
      await assertAccessible(page);
      await activateByKeyboard(page, page.getByRole("button", { name: /S.identifier avec FranceConnect/ }));

      // The provider's page: choose the identity with the arrow keys, then its button.
      await page.waitForURL(
        (url) => url.origin === providerOrigin && url.pathname.startsWith("/interaction/"),
      );
      await page.getByRole("heading", { name: "Connexion avec FranceConnect" }).waitFor();
      const index = ACCOUNTS.indexOf(account);
      await focusByKeyboard(page, page.locator("#compte-0"));
      for (let i = 0; i < index; i++) await page.keyboard.press("ArrowDown");
      assert.ok(await page.locator(`#compte-${index}`).isChecked(), `${account.label} is chosen`);
      await activateByKeyboard(page, page.getByRole("button", { name: "Se connecter" }));

      // Back in Parcours, in the person's space, with a session.
      await page.waitForURL(`${base}/espace`);
      assert.equal(await page.locator("h1").textContent(), greeting);
      assert.match((await page.locator(".fr-header__tools-links").textContent()) ?? "", new RegExp(name));
      assert.ok(
        (await context.cookies(base)).some((cookie) => cookie.name === SESSION_COOKIE),
        "the browser keeps the Secure session cookie",
      );
      await assertAccessible(page);

      // Logout goes through the provider, which asks for confirmation, then comes back to Parcours.
      await activateByKeyboard(
        page,
        page.locator(".fr-header__tools-links").getByRole("button", { name: "Se déconnecter" }),
      );
      await page.waitForURL((url) => url.origin === providerOrigin && url.pathname.includes("/session/end"));
      await page.getByRole("heading", { name: "Se déconnecter de FranceConnect" }).waitFor();
      await activateByKeyboard(page, page.getByRole("button", { name: "Se déconnecter" }));
      await page.waitForURL(`${base}/franceconnect/deconnexion/retour?**`);
      await page.getByText("Vous êtes déconnecté de Parcours et de FranceConnect.").waitFor();
      await assertAccessible(page);
      assert.ok(!(await context.cookies(base)).some((cookie) => cookie.name === SESSION_COOKIE));
      const space = await context.request.get(`${base}/espace`, { maxRedirects: 0 });
      assert.equal(space.status(), 303, "the space is closed after logout");
      await context.close();
    });
  }
});
