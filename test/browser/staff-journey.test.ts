import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import type { Browser } from "playwright-core";
import { SESSION_COOKIE } from "../../src/platform/sessions.ts";
import { DEMO_PASSWORD } from "../../src/population/index.ts";
import {
  activateByKeyboard,
  assertAccessible,
  type BrowserSite,
  browserUnavailable,
  focusByKeyboard,
  newContext,
  openBrowserSite,
  submitByKeyboard,
  typeByKeyboard,
} from "../helpers/browser.ts";
import { totpCode } from "../helpers/staff.ts";

const unavailable = browserUnavailable();

/** A code that is not the one the application shows now (nor, in practice, one step either side). */
function wrongCode(secret: string): string {
  const code = totpCode(secret);
  return `${code.slice(0, 5)}${(Number(code[5]) + 5) % 10}`;
}

describe("staff journey in Chromium, by keyboard, with and without JavaScript", { skip: unavailable }, () => {
  let site: BrowserSite | undefined;
  let base: string;
  let browser: Browser;
  let leaNir: string;
  before(async () => {
    site = await openBrowserSite();
    ({ base, browser } = site);
    const { rows } = await sql<{
      nir: string;
    }>`select i.nir from insured i join account a on a.insured_id = i.id
      where a.email = 'lea.moreau@parcours.test'`.execute(site.server.database.db);
    leaNir = (rows[0]?.nir ?? "").trim();
    assert.equal(leaNir.length, 15);
  });
  after(async () => site?.close());

  // Two members of Carsat Aquitaine, each enrolling their authenticator on their first login.
  const runs = [
    { javaScript: true, email: "conseiller@parcours.test" },
    { javaScript: false, email: "technicien@parcours.test" },
  ];
  for (const { javaScript, email } of runs) {
    test(`password → TOTP enrolment → search by NIR → reason → 360° page → logout (JavaScript ${javaScript ? "on" : "off"}, ${email})`, async () => {
      const context = await newContext(browser, { javaScript });
      const page = await context.newPage();

      // First factor.
      await page.goto(`${base}/agent/connexion`);
      await assertAccessible(page);
      await typeByKeyboard(page, page.locator("#email"), email);
      await typeByKeyboard(page, page.locator("#password"), DEMO_PASSWORD);
      await activateByKeyboard(page, page.getByRole("button", { name: "Continuer" }));
      await page.waitForURL(`${base}/agent/connexion/code`);

      // Enrolment: the page shows the key an authenticator application would be given.
      await page.getByRole("heading", { level: 1, name: "Activer la double authentification" }).waitFor();
      await assertAccessible(page);
      const secret = ((await page.locator("#cle").textContent()) ?? "").replace(/ /g, "");
      assert.match(secret, /^[A-Z2-7]{16,}$/);

      // A wrong code first: the error is announced and the page stays accessible.
      await typeByKeyboard(page, page.locator("#code"), wrongCode(secret));
      await submitByKeyboard(page, page.getByRole("button", { name: "Confirmer et se connecter" }));
      await page.getByRole("alert").getByText("Une information est à corriger").waitFor();
      assert.match((await page.locator("#code-error").textContent()) ?? "", /Ce code n'est pas le bon/);
      await assertAccessible(page);
      const sameSecret = ((await page.locator("#cle").textContent()) ?? "").replace(/ /g, "");
      assert.equal(sameSecret, secret, "the key offered stays the same");

      await typeByKeyboard(page, page.locator("#code"), totpCode(secret));
      await activateByKeyboard(page, page.getByRole("button", { name: "Confirmer et se connecter" }));
      await page.waitForURL(`${base}/agent`);
      assert.ok(
        (await context.cookies(base)).some((cookie) => cookie.name === SESSION_COOKIE),
        "the browser keeps the Secure session cookie",
      );
      await page.getByRole("heading", { level: 1, name: "Rechercher un assuré" }).waitFor();
      await assertAccessible(page);

      // Search by NIR, typed with spaces as read over the phone.
      const byNir = page.getByRole("search", { name: "Recherche par numéro de sécurité sociale" });
      const spaced = `${leaNir.slice(0, 1)} ${leaNir.slice(1, 3)} ${leaNir.slice(3, 5)} ${leaNir.slice(5, 7)} ${leaNir.slice(7, 10)} ${leaNir.slice(10, 13)} ${leaNir.slice(13)}`;
      await typeByKeyboard(page, byNir.locator("#nir"), spaced);
      await activateByKeyboard(page, byNir.getByRole("button", { name: "Rechercher" }));
      await page.waitForURL(`${base}/agent/recherche`);
      const results = page.locator("#resultats + .fr-table table");
      await results.waitFor();
      assert.equal(await results.locator("tbody tr").count(), 1);
      await assertAccessible(page);

      // The file: a reason first.
      await activateByKeyboard(page, results.getByRole("link", { name: "MOREAU" }));
      await page.waitForURL(/\/agent\/assures\/\d+$/);
      const fileUrl = page.url();
      await page
        .getByRole("heading", { level: 1, name: "Ouvrir le dossier de Léa Camille MOREAU" })
        .waitFor();
      await assertAccessible(page);

      // Without a reason the file stays closed, and the error page is accessible too.
      await submitByKeyboard(page, page.getByRole("button", { name: "Ouvrir le dossier" }));
      await page.getByRole("alert").waitFor();
      assert.equal(page.url(), fileUrl);
      assert.equal(
        await page.getByRole("heading", { name: "Identité" }).count(),
        0,
        "no file without a reason",
      );
      await assertAccessible(page);

      // The first radio button gets the focus by Tab; Space chooses it.
      await focusByKeyboard(page, page.locator("#motif-phone_call"));
      await page.keyboard.press("Space");
      assert.ok(await page.locator("#motif-phone_call").isChecked());
      await submitByKeyboard(page, page.getByRole("button", { name: "Ouvrir le dossier" }));

      // The 360° page.
      await page.getByRole("heading", { level: 1, name: "Léa Camille MOREAU" }).waitFor();
      assert.equal(page.url(), fileUrl);
      assert.match(
        (await page.locator(".fr-alert").first().textContent()) ?? "",
        /Ouverture enregistrée\s*Motif : Appel de l'assuré \(3960\)/,
      );
      for (const section of [
        "Identité",
        "Situation",
        "Coordonnées",
        "Carrière",
        "Dossiers",
        "Historique des contacts",
      ])
        await page.getByRole("heading", { level: 2, name: section, exact: true }).waitFor();
      await assertAccessible(page);

      // Logout from the header.
      await activateByKeyboard(
        page,
        page.locator(".fr-header__tools-links").getByRole("button", { name: "Se déconnecter" }),
      );
      await page.waitForURL(`${base}/agent/connexion?deconnecte=1`);
      await page.getByText("Vous êtes déconnecté.").waitFor();
      await assertAccessible(page);
      const home = await context.request.get(`${base}/agent`, { maxRedirects: 0 });
      assert.notEqual(home.status(), 200, "the back-office is closed after logout");
      await context.close();
    });
  }
});
