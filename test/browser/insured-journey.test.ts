import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { SESSION_COOKIE } from "../../src/platform/sessions.ts";
import { createPersonas, seedPopulation } from "../../src/population/index.ts";
import type { TestApp } from "../helpers/app.ts";
import {
  activateByKeyboard,
  assertAccessible,
  type BrowserSite,
  browserUnavailable,
  logInByKeyboard,
  newContext,
  openBrowserSite,
  replaceByKeyboard,
  submitByKeyboard,
  typeByKeyboard,
} from "../helpers/browser.ts";

const unavailable = browserUnavailable();
const PASSWORD = "une phrase de passe assez longue";

interface Person {
  readonly nir: string;
  /** JJ/MM/AAAA, as the sign-up form asks for it. */
  readonly birthDate: string;
  readonly firstName: string;
}

/** People of the seeded base who have no account yet: one per run of the journey. */
async function peopleWithoutAccount(server: TestApp, count: number): Promise<Person[]> {
  const { rows } = await sql<{ nir: string; birth_date: string | Date; first_names: string }>`
    select i.nir, i.birth_date, i.first_names from insured i
    where not exists (select 1 from account a where a.insured_id = i.id)
    order by i.id limit ${count}`.execute(server.database.db);
  assert.equal(rows.length, count, "the seeded base has people without an account");
  return rows.map((row) => {
    const iso =
      row.birth_date instanceof Date ? row.birth_date.toISOString().slice(0, 10) : String(row.birth_date);
    const nir = row.nir.trim();
    return {
      // Typed the way it is printed on the Vitale card.
      nir: `${nir.slice(0, 1)} ${nir.slice(1, 3)} ${nir.slice(3, 5)} ${nir.slice(5, 7)} ${nir.slice(7, 10)} ${nir.slice(10, 13)} ${nir.slice(13)}`,
      birthDate: `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`,
      firstName: row.first_names.split(" ")[0] as string,
    };
  });
}

async function hasSessionCookie(context: BrowserContext): Promise<boolean> {
  return (await context.cookies()).some((cookie) => cookie.name === SESSION_COOKIE);
}

/** The logout button of the header (DSFR copies the header tools into the mobile menu when JS runs). */
function logoutButton(page: Page) {
  return page.locator(".fr-header__tools-links").getByRole("button", { name: "Se déconnecter" });
}

describe("insured journeys in Chromium, by keyboard, with and without JavaScript", {
  skip: unavailable,
}, () => {
  let site: BrowserSite | undefined;
  let base: string;
  let browser: Browser;
  let people: Person[];
  before(async () => {
    site = await openBrowserSite({
      async prepare(server) {
        await seedPopulation(server.database, { people: 50, seed: 1, workers: 0 });
        await createPersonas(server.database);
        people = await peopleWithoutAccount(server, 2);
      },
    });
    ({ base, browser } = site);
  });
  after(async () => site?.close());

  for (const [run, javaScript] of [true, false].entries()) {
    test(`sign up → verify the address → log in → home → log out (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const person = people[run] as Person;
      const email = `assure.${javaScript ? "js" : "sans-js"}@exemple.fr`;
      const context = await newContext(browser, { javaScript });
      const page = await context.newPage();

      // From the home page to the sign-up form.
      await page.goto(`${base}/`);
      await assertAccessible(page);
      await activateByKeyboard(page, page.locator(".fr-header__tools-links a", { hasText: "Se connecter" }));
      await page.waitForURL(`${base}/connexion`);
      await assertAccessible(page);
      await activateByKeyboard(page, page.getByRole("link", { name: "Créer mon espace personnel" }));
      await page.waitForURL(`${base}/inscription`);
      await assertAccessible(page);

      // A first attempt with a date that does not exist: one error, what was typed is kept.
      await typeByKeyboard(page, page.locator("#nir"), person.nir);
      await typeByKeyboard(page, page.locator("#date-naissance"), "31/02/1990");
      await typeByKeyboard(page, page.locator("#courriel"), email);
      await typeByKeyboard(page, page.locator("#mot-de-passe"), PASSWORD);
      await typeByKeyboard(page, page.locator("#confirmation"), PASSWORD);
      await submitByKeyboard(page, page.getByRole("button", { name: "Créer mon espace" }));
      await page.getByRole("alert").getByText("Une information est à corriger").waitFor();
      assert.match(await page.title(), /^Erreur/);
      assert.match(
        (await page.locator("#date-naissance-erreur").textContent()) ?? "",
        /Cette date n'existe pas/,
      );
      assert.equal(await page.locator("#nir").inputValue(), person.nir);
      assert.equal(await page.locator("#date-naissance").inputValue(), "31/02/1990");
      assert.equal(await page.locator("#courriel").inputValue(), email);
      assert.equal(await page.locator("#mot-de-passe").inputValue(), "", "a password is never sent back");
      await assertAccessible(page);

      // Corrected, the request goes through.
      await replaceByKeyboard(page, page.locator("#date-naissance"), person.birthDate);
      await typeByKeyboard(page, page.locator("#mot-de-passe"), PASSWORD);
      await typeByKeyboard(page, page.locator("#confirmation"), PASSWORD);
      await submitByKeyboard(page, page.getByRole("button", { name: "Créer mon espace" }));
      await page.getByRole("heading", { level: 1, name: "Consultez votre messagerie" }).waitFor();
      await assertAccessible(page);

      // The verification link, from the development outbox.
      await page.goto(`${base}/dev/courriels`);
      await assertAccessible(page);
      const mail = page.locator("section", { hasText: `À ${email}` });
      await activateByKeyboard(page, mail.locator('a[href*="/inscription/verifier?jeton="]'));
      await page.waitForURL(/\/inscription\/verifier\?jeton=/);
      await page.getByRole("heading", { level: 1, name: "Votre adresse est confirmée" }).waitFor();
      await assertAccessible(page);

      // Log in.
      await activateByKeyboard(page, page.locator("main").getByRole("link", { name: "Se connecter" }));
      await page.waitForURL(`${base}/connexion`);
      await typeByKeyboard(page, page.locator("#courriel"), email);
      await typeByKeyboard(page, page.locator("#mot-de-passe"), PASSWORD);
      await activateByKeyboard(page, page.locator("main").getByRole("button", { name: "Se connecter" }));
      await page.waitForURL(`${base}/espace`);
      assert.ok(await hasSessionCookie(context), "the browser keeps the Secure session cookie");

      // The home: greeting, services of the profile, some not built yet, contact details.
      assert.equal(await page.locator("h1").textContent(), `Bonjour ${person.firstName}`);
      await page.getByRole("heading", { level: 2, name: "Mes services" }).waitFor();
      assert.ok((await page.locator(".fr-card").count()) > 0, "services are listed");
      assert.ok((await page.getByText("Bientôt disponible").count()) > 0, "services not built yet are shown");
      await page.getByRole("heading", { level: 2, name: "Coordonnées" }).waitFor();
      await assertAccessible(page);

      // Log out from the header.
      await activateByKeyboard(page, logoutButton(page));
      await page.waitForURL(`${base}/connexion?deconnexion`);
      await page.getByText("Vous êtes déconnecté").waitFor();
      await assertAccessible(page);
      assert.ok(!(await hasSessionCookie(context)), "the session cookie is gone");
      const space = await context.request.get(`${base}/espace`, { maxRedirects: 0 });
      assert.equal(space.status(), 303, "the space is closed after logout");
      await context.close();
    });
  }

  test("a legal representative opens the space of the person she represents; every page says so", async () => {
    const context = await newContext(browser, { javaScript: true });
    const page = await context.newPage();
    const banner = page.getByRole("region", { name: "Représentation" });
    const actingFor = async () => {
      await banner.waitFor();
      assert.match(
        (await banner.textContent()) ?? "",
        /Vous agissez pour le compte de Nadia Haddad\. Tout ce que vous faites est enregistré à votre nom\./,
      );
      await assertAccessible(page);
    };

    await logInByKeyboard(page, base, "sophie.laurent@parcours.test");
    assert.equal(await page.locator("h1").textContent(), "Bonjour Sophie");
    assert.equal(await banner.count(), 0, "in her own space, no banner");
    await assertAccessible(page);

    await activateByKeyboard(
      page,
      page.getByRole("link", { name: "Ouvrir l'espace d'une personne que je représente" }),
    );
    await page.waitForURL(`${base}/espace/representation`);
    await assertAccessible(page);
    await activateByKeyboard(page, page.getByRole("button", { name: "Ouvrir l'espace de Nadia Haddad" }));
    await page.waitForURL(`${base}/espace`);
    assert.equal(await page.locator("h1").textContent(), "Espace de Nadia Haddad");
    await page.getByRole("heading", { level: 2, name: "Ses services" }).waitFor();
    await actingFor();

    // Every page: the site map, a legal page, the representation page (through the banner's link).
    await activateByKeyboard(page, page.locator('footer a[href="/plan-du-site"]'));
    await page.waitForURL(`${base}/plan-du-site`);
    await actingFor();
    await activateByKeyboard(page, page.locator('footer a[href="/accessibilite"]'));
    await page.waitForURL(`${base}/accessibilite`);
    await actingFor();
    await activateByKeyboard(page, banner.getByRole("link", { name: "Changer" }));
    await page.waitForURL(`${base}/espace/representation`);
    await actingFor();

    // Back to her own space: the banner goes.
    await activateByKeyboard(page, page.getByRole("button", { name: "Ouvrir mon propre espace" }));
    await page.waitForURL(`${base}/espace`);
    assert.equal(await page.locator("h1").textContent(), "Bonjour Sophie");
    assert.equal(await banner.count(), 0);
    await activateByKeyboard(page, logoutButton(page));
    await page.waitForURL(`${base}/connexion?deconnexion`);
    await context.close();
  });
});
