import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { outbox } from "../../src/platform/mail.ts";
import type { TestApp } from "../helpers/app.ts";
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

const PEOPLE = [
  { email: "lea.moreau@parcours.test", holder: "Léa Moreau" },
  { email: "karim.benali@parcours.test", holder: "M. Karim Benali" },
];

async function heading(page: Page): Promise<string> {
  return ((await page.locator("main h1").textContent()) ?? "").trim();
}

describe("profile, ratings and my data in Chromium, by keyboard, with and without JavaScript", {
  skip: unavailable,
}, () => {
  let site: BrowserSite | undefined;
  let server: TestApp;
  let base: string;
  let browser: Browser;
  before(async () => {
    site = await openBrowserSite();
    ({ server, base, browser } = site);
  });
  after(async () => site?.close());

  for (const [run, javaScript] of [true, false].entries()) {
    const person = PEOPLE[run] as (typeof PEOPLE)[number];
    test(`address, bank details with e-mail confirmation, rating, my data (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const context = await newContext(browser, { javaScript });
      const page = await context.newPage();
      const main = page.locator("main");

      await logInByKeyboard(page, base, person.email);

      // From the catalogue to the profile page.
      await activateByKeyboard(page, main.locator('a[href="/espace/profil"]'));
      await page.waitForURL(`${base}/espace/profil`);
      await assertAccessible(page);

      // Address: a wrong postcode first (error state), then a right one.
      await activateByKeyboard(page, main.getByRole("link", { name: "Changer d'adresse" }));
      await page.waitForURL(`${base}/espace/profil/adresse`);
      await assertAccessible(page);
      await replaceByKeyboard(page, page.locator("#adresse"), "5 rue de Rivoli");
      await replaceByKeyboard(page, page.locator("#code-postal"), "99999");
      await replaceByKeyboard(page, page.locator("#commune"), "Paris");
      await submitByKeyboard(page, main.getByRole("button", { name: "Enregistrer ma nouvelle adresse" }));
      assert.match(
        (await main.textContent()) ?? "",
        /Le code postal 99999 ne correspond à aucun département/,
      );
      assert.equal(await page.locator("#adresse").inputValue(), "5 rue de Rivoli");
      await assertAccessible(page);
      await replaceByKeyboard(page, page.locator("#code-postal"), "75001");
      await submitByKeyboard(page, main.getByRole("button", { name: "Enregistrer ma nouvelle adresse" }));
      assert.match((await main.textContent()) ?? "", /Votre nouvelle adresse est enregistrée/);
      await assertAccessible(page);

      // Bank details: a bad key first, then the right IBAN; confirmed from the mailed link.
      await activateByKeyboard(page, main.getByRole("link", { name: "Changer de compte bancaire" }));
      await page.waitForURL(`${base}/espace/profil/banque`);
      await assertAccessible(page);
      await typeByKeyboard(page, page.locator("#titulaire"), person.holder);
      await typeByKeyboard(page, page.locator("#iban"), "FR76 3000 6000 0112 3456 7890 188");
      await typeByKeyboard(page, page.locator("#bic"), "BNPAFRPPXXX");
      await submitByKeyboard(page, main.getByRole("button", { name: "Demander le changement" }));
      assert.match((await main.textContent()) ?? "", /La clé de contrôle de l'IBAN ne correspond pas/);
      await assertAccessible(page);
      await replaceByKeyboard(page, page.locator("#iban"), "FR76 3000 6000 0112 3456 7890 189");
      await submitByKeyboard(page, main.getByRole("button", { name: "Demander le changement" }));
      assert.equal(await heading(page), "Confirmez par courriel");
      await assertAccessible(page);

      const mail = (await outbox(server.database.db)).find(
        (m) => m.to === person.email && m.subject === "Confirmez vos nouvelles coordonnées bancaires",
      );
      const link = /http:\/\/\S+/.exec(mail?.text ?? "")?.[0];
      assert.ok(link, "the confirmation link was mailed");
      await page.goto(link);
      await assertAccessible(page);
      await submitByKeyboard(page, main.getByRole("button", { name: "Confirmer ce compte" }));
      assert.equal(await heading(page), "Nouveau compte bancaire confirmé");
      await assertAccessible(page);

      // The rating form: an empty answer is refused, then a mark chosen with the arrow keys.
      await activateByKeyboard(page, main.getByRole("link", { name: "Donner mon avis sur ce service" }));
      await page.waitForURL(`${base}/espace/avis?service=addressAndBank`);
      await assertAccessible(page);
      await submitByKeyboard(page, main.getByRole("button", { name: "Envoyer mon avis" }));
      assert.match((await main.textContent()) ?? "", /Donnez une note, une raison ou un commentaire/);
      await assertAccessible(page);
      await focusByKeyboard(page, page.locator("#note-aucune"));
      for (let i = 0; i < 8; i++) await page.keyboard.press("ArrowRight");
      assert.equal(await page.locator("#note-8").isChecked(), true);
      await typeByKeyboard(page, page.locator("#commentaire"), "Simple et clair");
      await submitByKeyboard(page, main.getByRole("button", { name: "Envoyer mon avis" }));
      assert.equal(await heading(page), "Merci pour votre avis");
      await assertAccessible(page);

      // My data: the page, an incomplete correction request (error state), then a complete one.
      await page.goto(`${base}/espace`);
      await activateByKeyboard(page, main.locator('a[href="/espace/mes-donnees"]'));
      await page.waitForURL(`${base}/espace/mes-donnees`);
      await assertAccessible(page);
      await typeByKeyboard(page, page.locator("#correction"), "Mon deuxième prénom manque");
      await submitByKeyboard(page, main.getByRole("button", { name: "Envoyer ma demande de correction" }));
      assert.match((await main.textContent()) ?? "", /Choisissez les données concernées/);
      assert.equal(await page.locator("#correction").inputValue(), "Mon deuxième prénom manque");
      await assertAccessible(page);
      await focusByKeyboard(page, page.locator("#donnees"));
      await page.keyboard.press("ArrowDown");
      await submitByKeyboard(page, main.getByRole("button", { name: "Envoyer ma demande de correction" }));
      assert.equal(await heading(page), "Demande de correction enregistrée");
      await assertAccessible(page);
      await context.close();
    });
  }
});
