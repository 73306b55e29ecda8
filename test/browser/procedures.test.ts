import assert from "node:assert/strict";
import { once } from "node:events";
import { after, before, describe, test } from "node:test";
import PDFDocument from "pdfkit";
import type { Browser, Locator, Page } from "playwright-core";
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
} from "../helpers/browser.ts";

const unavailable = browserUnavailable();

const CLAIM = "/espace/demarches/demande-de-retraite";

const PEOPLE = [
  { email: "jean-pierre.lefevre@parcours.test", name: "Jean-Pierre", couple: true },
  { email: "nadia.haddad@parcours.test", name: "Nadia", couple: false },
];

async function heading(page: Page): Promise<string> {
  return ((await page.locator("main h1").textContent()) ?? "").trim();
}

async function stepTitle(page: Page): Promise<string> {
  return ((await page.locator(".fr-stepper__title").textContent()) ?? "").trim();
}

async function pdfBytes(): Promise<Buffer> {
  const document = new PDFDocument();
  const chunks: Buffer[] = [];
  document.on("data", (chunk: Buffer) => chunks.push(chunk));
  document.text("Carte nationale d'identité");
  document.end();
  await once(document, "end");
  return Buffer.concat(chunks);
}

/** Answers a yes/no question by keyboard: Tab to the group, Space for yes, an arrow for no. */
async function answerYesNo(page: Page, name: string, yes: boolean): Promise<void> {
  await focusByKeyboard(page, page.locator(`#${name}-oui`));
  await page.keyboard.press(yes ? "Space" : "ArrowRight");
  assert.equal(await page.locator(`#${name}-${yes ? "oui" : "non"}`).isChecked(), true, name);
}

async function next(page: Page, main: Locator): Promise<void> {
  await submitByKeyboard(page, main.getByRole("button", { name: "Continuer" }));
  await assertAccessible(page);
}

describe("the retirement claim in Chromium, by keyboard, with and without JavaScript", {
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
    test(`${person.name}: from the catalogue to the acknowledgement (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const context = await newContext(browser, { javaScript });
      const page = await context.newPage();
      const main = page.locator("main");
      await logInByKeyboard(page, base, person.email);

      await activateByKeyboard(page, main.locator(`a[href="${CLAIM}"]`));
      await page.waitForURL(`${base}${CLAIM}`);
      await assertAccessible(page);
      await submitByKeyboard(page, main.getByRole("button", { name: "Commencer ma demande" }));
      assert.equal(await stepTitle(page), "Date de départÉtape 1 sur 8");
      await assertAccessible(page);

      // Start date pre-filled from the rules engine; a wrong one first (error state), then the suggestion.
      const suggested = await page.locator("#startDate").inputValue();
      assert.match(suggested, /^\d{2}\/\d{4}$/);
      await replaceByKeyboard(page, page.locator("#startDate"), "01/2020");
      await answerYesNo(page, "stillWorking", false);
      await submitByKeyboard(page, main.getByRole("button", { name: "Continuer" }));
      assert.match((await main.textContent()) ?? "", /Une retraite ne commence pas avant le mois qui suit/);
      assert.equal(await page.locator("#startDate").inputValue(), "01/2020");
      assert.equal(await page.locator("#stillWorking-non").isChecked(), true, "the answer is kept");
      await assertAccessible(page);
      await replaceByKeyboard(page, page.locator("#startDate"), suggested);
      await next(page, main);

      assert.match(await stepTitle(page), /^Votre carrière/);
      await answerYesNo(page, "careerComplete", true);
      await next(page, main);

      // Going back keeps the answer.
      await submitByKeyboard(page, main.getByRole("button", { name: "Étape précédente" }));
      assert.match(await stepTitle(page), /^Votre carrière/);
      assert.equal(await page.locator("#careerComplete-oui").isChecked(), true);
      await next(page, main);

      assert.match(await stepTitle(page), /^Autres régimes/);
      await answerYesNo(page, "otherSchemes", false);
      await answerYesNo(page, "workedAbroad", false);
      await next(page, main);

      assert.match(await stepTitle(page), /^Vos enfants/);
      if (await page.locator("#hasChildren-oui").isChecked()) {
        // Enter in a child's field continues, although "ajouter une ligne" is the first visible button.
        const firstName = page.locator('[name="children-0-firstName"]');
        assert.notEqual(await firstName.inputValue(), "", "children pre-filled");
        await focusByKeyboard(page, firstName);
        await page.keyboard.press("Enter");
        await page.waitForURL(/situation-familiale$/);
        await assertAccessible(page);
      } else {
        await answerYesNo(page, "hasChildren", false);
        await next(page, main);
      }

      assert.match(await stepTitle(page), /^Situation familiale/);
      if (person.couple) {
        assert.notEqual(await page.locator("#spouseName").inputValue(), "", "spouse pre-filled");
        await answerYesNo(page, "spouseRetired", false);
      } else {
        assert.equal(await page.locator("#spouseName").count(), 0, "no spouse questions when single");
      }
      await next(page, main);

      assert.match(await stepTitle(page), /^Coordonnées bancaires/);
      await replaceByKeyboard(page, page.locator("#iban"), "FR76 3000 6000 0112 3456 7890 188");
      await submitByKeyboard(page, main.getByRole("button", { name: "Continuer" }));
      assert.match((await main.textContent()) ?? "", /La clé de contrôle de l'IBAN ne correspond pas/);
      await assertAccessible(page);
      await replaceByKeyboard(page, page.locator("#iban"), "FR76 3000 6000 0112 3456 7890 189");
      await next(page, main);

      // Proofs: the ID card chosen from the file input reached by keyboard.
      assert.match(await stepTitle(page), /^Justificatifs/);
      const chooser = page.waitForEvent("filechooser");
      await activateByKeyboard(page, page.locator("#preuve-identity"));
      await (await chooser).setFiles({
        name: "carte.pdf",
        mimeType: "application/pdf",
        buffer: await pdfBytes(),
      });
      await submitByKeyboard(page, main.getByRole("button", { name: "Joindre les fichiers choisis" }));
      assert.match((await main.textContent()) ?? "", /carte\.pdf/);
      await assertAccessible(page);
      await next(page, main);

      assert.match(await stepTitle(page), /^Vérification et envoi/);
      await submitByKeyboard(page, main.getByRole("button", { name: "Envoyer ma demande" }));
      assert.equal(await heading(page), "Demande envoyée");
      await assertAccessible(page);
      const reference = /[A-Z]{3}-\d{4}-\d+/.exec((await main.textContent()) ?? "")?.[0];
      assert.ok(reference, "the reference is shown");
      assert.ok((await outbox(server.database.db)).some((mail) => mail.subject.includes(reference)));
      await context.close();
    });
  }
});
