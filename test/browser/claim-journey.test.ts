import assert from "node:assert/strict";
import { once } from "node:events";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { hash } from "@node-rs/argon2";
import { sql } from "kysely";
import PDFDocument from "pdfkit";
import type { Browser, Locator, Page, Request } from "playwright-core";
import { nirKey } from "../../src/identity/index.ts";
import { outbox } from "../../src/platform/mail.ts";
import { euros } from "../../src/platform/pdf.ts";
import { createPersonas, DEMO_PASSWORD } from "../../src/population/index.ts";
import { PROCEDURES } from "../../src/procedures/index.ts";
import type { TestApp } from "../helpers/app.ts";
import {
  activateByKeyboard,
  assertAccessible,
  type BrowserSite,
  browserUnavailable,
  focusByKeyboard,
  logOutByKeyboard,
  newContext,
  openBrowserSite,
  replaceByKeyboard,
  staffLogInByKeyboard,
  submitByKeyboard,
  typeByKeyboard,
} from "../helpers/browser.ts";
import { pdfText } from "../helpers/pdf.ts";

const unavailable = browserUnavailable();

const CLAIM = "/espace/demarches/demande-de-retraite";
const ACKNOWLEDGEMENT = /\/espace\/demarches\/accuse\/([A-Z]{3}-\d{4}-\d+)$/;

interface Run {
  readonly javaScript: boolean;
  readonly email: string;
  /** The name the decision letter is addressed to. */
  readonly lastName: string;
  readonly caseWorker: string;
}

const RUNS: readonly Run[] = [
  {
    javaScript: true,
    email: "jean-pierre.lefevre@parcours.test",
    lastName: "LEFÈVRE",
    caseWorker: "technicien.hdf@parcours.test",
  },
  {
    javaScript: false,
    email: "martine.roussel@parcours.test",
    lastName: "ROUSSEL",
    caseWorker: "technicien@parcours.test",
  },
];

/**
 * A woman of 63 of Carsat Aquitaine with an account, single, no children, a full career in the general
 * scheme since she was 20: her claim lands in the queue of Carsat Aquitaine's case worker.
 */
async function addMartine(server: TestApp): Promise<void> {
  const db = server.database.db;
  const birthYear = new Date().getFullYear() - 63;
  const thirteen = `2${String(birthYear % 100).padStart(2, "0")}0533063901`;
  const { rows } = await sql<{ id: number }>`insert into insured (nir, sex, birth_name, last_name,
      first_names, birth_date, birth_department, birth_place, address_line, postcode, town, department,
      fund_code, email, contact_by_email)
    values (${`${thirteen}${nirKey(thirteen)}`}, 'F', 'Roussel', 'Roussel', 'Martine', ${`${birthYear}-05-12`},
      '33', 'Bordeaux', '5 cours de l''Intendance', '33000', 'Bordeaux', '33', 'carsat-aquitaine',
      'martine.roussel@parcours.test', true)
    returning id`.execute(db);
  const id = Number((rows[0] as { id: number }).id);
  await sql`insert into account (insured_id, email, password_hash, email_verified_at)
    values (${id}, 'martine.roussel@parcours.test', ${await hash(DEMO_PASSWORD)}, now())`.execute(db);
  for (let year = birthYear + 20; year < new Date().getFullYear(); year++)
    await sql`insert into career_year (insured_id, year, scheme, salary, contributed)
      values (${id}, ${year}, 'general', ${24_000 + (year - birthYear) * 300}, 4)`.execute(db);
}

/** A small real PDF, written where the browser's file chooser picks it from. */
async function writeProof(directory: string, name: string, text: string): Promise<string> {
  const document = new PDFDocument();
  const chunks: Buffer[] = [];
  document.on("data", (chunk: Buffer) => chunks.push(chunk));
  document.text(text);
  document.end();
  await once(document, "end");
  const path = join(directory, name);
  await writeFile(path, Buffer.concat(chunks));
  return path;
}

/** Reaches a file input by keyboard, presses Enter, and answers the file chooser it opens. */
async function chooseFile(page: Page, input: Locator, path: string): Promise<void> {
  const chooser = page.waitForEvent("filechooser");
  await activateByKeyboard(page, input);
  await (await chooser).setFiles(path);
}

/**
 * Waits for the page at `url` once a second submission may have cut the first one short: the browser
 * then drops the first navigation (net::ERR_ABORTED) and follows the second.
 */
async function arrivedAt(page: Page, url: RegExp): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await page.waitForURL(url);
      return;
    } catch (error) {
      if (attempt > 2 || !String(error).includes("net::ERR_ABORTED")) throw error;
    }
  }
}

/** Downloads a document by keyboard (its link is an attachment) and checks it is `expected`, byte for byte. */
async function download(page: Page, link: Locator, expected: Buffer): Promise<void> {
  const started = page.waitForEvent("download");
  await activateByKeyboard(page, link);
  const file = await (await started).path();
  assert.deepEqual(await readFile(file), expected);
}

async function stepTitle(page: Page): Promise<string> {
  return ((await page.locator(".fr-stepper__title").textContent()) ?? "").trim();
}

/** Answers a yes/no question by keyboard: Tab to the group, Space for yes, an arrow for no. */
async function answerYesNo(page: Page, name: string, yes: boolean): Promise<void> {
  await focusByKeyboard(page, page.locator(`#${name}-oui`));
  await page.keyboard.press(yes ? "Space" : "ArrowRight");
  assert.equal(await page.locator(`#${name}-${yes ? "oui" : "non"}`).isChecked(), true, name);
}

/** Presses a button reached by keyboard, waits for the page it leads to and checks it with axe-core. */
async function press(page: Page, name: string, scope: Locator = page.locator("main")): Promise<void> {
  await submitByKeyboard(page, scope.getByRole("button", { name, exact: true }));
  await assertAccessible(page);
}

/** Follows a link reached by keyboard, waits for the page it leads to and checks it with axe-core. */
async function follow(page: Page, link: Locator): Promise<void> {
  await submitByKeyboard(page, link);
  await assertAccessible(page);
}

async function logIn(page: Page, base: string, email: string): Promise<void> {
  await page.goto(`${base}/connexion`);
  await assertAccessible(page);
  await typeByKeyboard(page, page.locator("#courriel"), email);
  await typeByKeyboard(page, page.locator("#mot-de-passe"), DEMO_PASSWORD);
  await activateByKeyboard(page, page.locator("main").getByRole("button", { name: "Se connecter" }));
  await page.waitForURL(`${base}/espace`);
  await assertAccessible(page);
}

// The two runs are independent (two people, two case workers): they run side by side.
describe("a retirement claim from the first click to the decision, in Chromium, by keyboard", {
  skip: unavailable,
  concurrency: true,
}, () => {
  let site: BrowserSite | undefined;
  let server: TestApp;
  let base: string;
  let browser: Browser;
  let files: string;
  before(async () => {
    site = await openBrowserSite({
      prepare: async (opened) => {
        await createPersonas(opened.database);
        await addMartine(opened);
      },
    });
    ({ server, base, browser } = site);
    files = await mkdtemp(join(tmpdir(), "parcours-claim-journey-"));
  });
  after(async () => {
    await site?.close();
    if (files) await rm(files, { recursive: true, force: true });
  });

  for (const run of RUNS) {
    test(`${run.email}: claim, stop, resume, double submission, proof request, decision, letter (JavaScript ${run.javaScript ? "on" : "off"})`, async () => {
      const db = server.database.db;
      const payslips = await writeProof(files, `bulletins-${run.lastName}.pdf`, "Bulletins de salaire");
      const insuredContext = await newContext(browser, { javaScript: run.javaScript });
      const page = await insuredContext.newPage();
      const main = page.locator("main");

      // 1. The claim started from the personal space, the first steps answered, then a pause.
      await logIn(page, base, run.email);
      await follow(page, main.locator(`a[href="${CLAIM}"]`));
      await press(page, "Commencer ma demande");
      assert.match(await stepTitle(page), /^Date de départ/);
      const startDate = await page.locator("#startDate").inputValue();
      assert.match(startDate, /^\d{2}\/\d{4}$/, "start date pre-filled by the rules engine");
      await answerYesNo(page, "stillWorking", false);
      await press(page, "Continuer");
      assert.match(await stepTitle(page), /^Votre carrière/);
      await answerYesNo(page, "careerComplete", true);
      await press(page, "Continuer");
      assert.match(await stepTitle(page), /^Autres régimes/);
      await answerYesNo(page, "otherSchemes", false);
      await answerYesNo(page, "workedAbroad", false);
      await press(page, "Enregistrer et reprendre plus tard");
      assert.equal(new URL(page.url()).pathname, "/espace");
      await logOutByKeyboard(page);
      assert.equal(new URL(page.url()).pathname, "/connexion");
      await assertAccessible(page);

      // 2. Back later: the home offers to resume, at the step left, with every answer kept.
      await logIn(page, base, run.email);
      const toDo = main.locator("#a-faire + div");
      assert.match((await toDo.textContent()) ?? "", /Demande de retraite/);
      await follow(page, toDo.getByRole("link", { name: "Reprendre ma demande : Demande de retraite" }));
      assert.match(await stepTitle(page), /^Autres régimes/);
      assert.equal(await page.locator("#otherSchemes-non").isChecked(), true);
      assert.equal(await page.locator("#workedAbroad-non").isChecked(), true);
      await press(page, "Continuer");

      // 3. The claim completed, proofs attached, sent twice: one case.
      assert.match(await stepTitle(page), /^Vos enfants/);
      if (!(await page.locator("#hasChildren-oui").isChecked()))
        await answerYesNo(page, "hasChildren", false);
      await press(page, "Continuer");
      assert.match(await stepTitle(page), /^Situation familiale/);
      if ((await page.locator("#spouseRetired-oui").count()) > 0)
        await answerYesNo(page, "spouseRetired", false);
      await press(page, "Continuer");
      assert.match(await stepTitle(page), /^Coordonnées bancaires/);
      await replaceByKeyboard(page, page.locator("#iban"), "FR76 3000 6000 0112 3456 7890 189");
      await press(page, "Continuer");
      assert.match(await stepTitle(page), /^Justificatifs/);
      // One file for each proof the situation asks for (an identity card for everyone).
      const inputs = await main
        .locator('input[type="file"]')
        .evaluateAll((all) => all.map((input) => input.id));
      assert.ok(inputs.includes("preuve-identity"), "an identity card is asked for");
      const chosen: string[] = [];
      for (const id of inputs) {
        const name = `${id}-${run.lastName}.pdf`;
        await chooseFile(page, page.locator(`#${id}`), await writeProof(files, name, id));
        chosen.push(name);
      }
      await press(page, "Joindre les fichiers choisis");
      const attached = (await main.textContent()) ?? "";
      for (const name of chosen) assert.ok(attached.includes(name), `${name} attached`);
      await press(page, "Continuer");
      assert.match(await stepTitle(page), /^Vérification et envoi/);
      // The answers given before the pause are those sent.
      const answer = (label: string) =>
        main.locator("dt", { hasText: label }).locator("xpath=following-sibling::dd[1]");
      assert.equal(((await answer("Date de départ souhaitée").textContent()) ?? "").trim(), startDate);
      assert.equal(((await answer("Travaillez-vous encore ?").textContent()) ?? "").trim(), "Non");
      assert.equal(
        ((await answer("Votre relevé de carrière est-il complet").textContent()) ?? "").trim(),
        "Oui",
      );

      const sent: Request[] = [];
      page.on("request", (request) => {
        if (request.method() === "POST" && request.url().endsWith(`${CLAIM}/envoyer`)) sent.push(request);
      });
      // A double press on the button, as an impatient double click.
      await focusByKeyboard(page, main.getByRole("button", { name: "Envoyer ma demande" }));
      await page.keyboard.press("Enter");
      await page.keyboard.press("Enter");
      await arrivedAt(page, ACKNOWLEDGEMENT);
      await assertAccessible(page);
      const reference = ACKNOWLEDGEMENT.exec(new URL(page.url()).pathname)?.[1] as string;
      assert.equal(((await main.locator("h1").textContent()) ?? "").trim(), "Demande envoyée");
      assert.match((await main.textContent()) ?? "", new RegExp(`Référence ${reference}`));
      assert.ok(sent.length >= 1);
      // Back to the review page, when the browser still has it, and sent again: the same acknowledgement.
      await page.goBack();
      await assertAccessible(page);
      const resend = main.getByRole("button", { name: "Envoyer ma demande" });
      if ((await resend.count()) > 0) {
        await submitByKeyboard(page, resend);
        assert.equal(new URL(page.url()).pathname, `/espace/demarches/accuse/${reference}`);
        await assertAccessible(page);
      } else {
        // Asked again, the review page has no draft to show any more: the claim's first page instead.
        assert.equal(new URL(page.url()).pathname, CLAIM);
        await page.goForward();
        await assertAccessible(page);
      }
      // The same form posted again, byte for byte (a replayed request): the same acknowledgement.
      const replayed = await insuredContext.request.fetch(sent[0] as Request, { maxRedirects: 0 });
      assert.equal(replayed.status(), 303);
      assert.equal(replayed.headers().location, `/espace/demarches/accuse/${reference}`);

      const cases = await sql<{ id: number; reference: string; state: string }>`
        select c.id, c.reference, c.state from case_file c join account a on a.insured_id = c.insured_id
        where a.email = ${run.email}`.execute(db);
      assert.deepEqual(
        cases.rows.map((row) => [row.reference, row.state]),
        [[reference, "received"]],
      );
      const caseId = Number(cases.rows[0]?.id);
      const acknowledgements = (await outbox(db)).filter(
        (mail) => mail.to === run.email && mail.subject.includes(reference),
      );
      assert.equal(acknowledgements.length, 1, "one acknowledgement by e-mail");

      await follow(page, main.getByRole("link", { name: "Suivre mon dossier" }));
      await follow(page, main.getByRole("link", { name: "Tous mes dossiers" }));
      assert.equal(await main.locator("tbody tr").count(), 1, "one case in the list");
      assert.equal(await main.locator("tbody tr th").textContent(), reference);

      // 4. The case worker takes the case and asks for a proof.
      const staffContext = await newContext(browser, { javaScript: run.javaScript });
      const desk = await staffContext.newPage();
      await staffLogInByKeyboard(desk, base, run.caseWorker, { audit: assertAccessible });
      await assertAccessible(desk);
      await follow(desk, desk.getByRole("link", { name: "Dossiers à traiter" }).first());
      await follow(desk, desk.locator("main").getByRole("link", { name: reference }));
      assert.equal(new URL(desk.url()).pathname, `/agent/dossiers/${caseId}`);
      await press(desk, "Je prends ce dossier");
      await desk.getByText("L'attribution du dossier est enregistrée.").waitFor();
      const reason = "Votre relevé ne montre pas vos bulletins de salaire de votre dernière année.";
      // The proof is one of the claim's own: its option is chosen by typing the start of its name.
      const careerProof = PROCEDURES.retirementClaim.proofCatalogue.find((p) => p.code === "careerPeriod");
      assert.ok(careerProof);
      await focusByKeyboard(desk, desk.locator("#piece"));
      await desk.keyboard.type("Justificatifs de la");
      assert.equal(await desk.locator("#piece").inputValue(), careerProof.code);
      await typeByKeyboard(desk, desk.locator("#motif-piece"), reason);
      await press(desk, "Demander le justificatif");
      await desk.getByText("La demande de justificatif est envoyée").waitFor();

      // 5. The person sees the request at home and on the case, and answers it with a file.
      await follow(page, main.getByRole("link", { name: "Retour à mon espace" }));
      const requested = main.locator("h3", { hasText: "Documents demandés" }).locator("xpath=..");
      assert.match((await requested.textContent()) ?? "", new RegExp(reason));
      assert.ok(((await requested.textContent()) ?? "").includes(careerProof.label), "the proof's name");
      await follow(
        page,
        requested.getByRole("link", { name: `Envoyer ce document pour le dossier ${reference}` }),
      );
      const expectedOfPerson =
        (await main.locator("#attendu").locator("xpath=following-sibling::*[1]").textContent()) ?? "";
      assert.match(expectedOfPerson, new RegExp(reason));
      assert.ok(expectedOfPerson.includes(careerProof.label), "the proof's name on the case");
      await chooseFile(page, main.locator('input[type="file"][id^="justificatif-"]'), payslips);
      await typeByKeyboard(
        page,
        main.locator('textarea[id^="commentaire-"]'),
        "Mes bulletins de l'an dernier.",
      );
      await press(page, "Envoyer ce justificatif");
      await page.getByText("Votre justificatif est envoyé").waitFor();
      const payslipsName = `bulletins-${run.lastName}.pdf`;
      await download(
        page,
        main.locator("#historique + ul").getByRole("link", { name: payslipsName }),
        await readFile(payslips),
      );

      // 6. The case worker sees the answer, verifies and decides with the engine's amount.
      await follow(desk, desk.getByRole("link", { name: "Dossiers à traiter" }).first());
      await follow(desk, desk.locator("main").getByRole("link", { name: reference }));
      assert.match((await desk.locator("main").textContent()) ?? "", /Mes bulletins de l'an dernier\./);
      await download(
        desk,
        desk.locator("main").getByRole("link", { name: payslipsName }),
        await readFile(payslips),
      );
      const state = await sql<{ state: string }>`select state from case_file where id = ${caseId}`.execute(
        db,
      );
      assert.equal(state.rows[0]?.state, "under_review", "the answer resumes the review");
      await focusByKeyboard(desk, desk.locator("#vers"));
      assert.equal(await desk.locator("#vers").inputValue(), "verified");
      await typeByKeyboard(desk, desk.locator("#motif-etat"), "Carrière et bulletins contrôlés");
      await press(desk, "Changer l'état");
      await focusByKeyboard(desk, desk.locator("#decision"));
      await desk.keyboard.press("Space");
      assert.equal(await desk.locator("#decision").isChecked(), true);
      const amount = await desk.locator("#montant").inputValue();
      assert.match(amount, /\d/, "the engine's amount is offered");
      await press(desk, "Enregistrer la décision");
      const decided = await sql<{ state: string; computed: string; decided: string }>`
        select state, computed_amount::text as computed, decided_amount::text as decided
        from case_file where id = ${caseId}`.execute(db);
      const row = decided.rows[0];
      assert.equal(row?.state, "granted");
      assert.equal(row?.decided, row?.computed, "the engine's amount is decided");
      await staffContext.close();

      // 7. The person, back on the case page (reloaded), sees the decision and downloads the letter.
      await page.reload();
      await assertAccessible(page);
      assert.match(await stepTitle(page), /^Décision notifiéeÉtape 4 sur 5/);
      assert.match(
        (await main.textContent()) ?? "",
        new RegExp(
          `Votre demande est accordée : ${euros(Number(row?.decided)).replace(/\s/g, "\\s")} brut par mois`,
        ),
      );
      const served = page.waitForResponse((response) =>
        response.url().endsWith(`/espace/dossiers/${reference}/decision.pdf`),
      );
      await activateByKeyboard(page, main.getByRole("link", { name: /Lettre de décision/ }));
      const response = await served;
      assert.equal(response.headers()["content-type"], "application/pdf");
      // Chromium shows a PDF in its viewer, whose page is not the file: the file is fetched again with
      // the browser's cookies, as its "download" button does.
      const letter = await (await insuredContext.request.get(response.url())).body();
      assert.equal(letter.subarray(0, 5).toString("latin1"), "%PDF-");
      const text = await pdfText(letter);
      assert.match(text, new RegExp(reference));
      assert.match(text, new RegExp(run.lastName, "i"));
      assert.match(text, /Votre demande est accordée\./);
      assert.ok(text.includes(`Montant mensuel brut : ${euros(Number(row?.decided))}.`), text);
      await insuredContext.close();
    });
  }
});
