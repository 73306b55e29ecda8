import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { type CaseSummary, caseOf, openCase } from "../../src/cases/index.ts";
import { insuredIdByAccountEmail } from "../../src/identity/index.ts";
import { createPersonas, DEMO_PASSWORD } from "../../src/population/index.ts";
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

describe("case worker's journey in Chromium, by keyboard, with and without JavaScript", {
  skip: unavailable,
}, () => {
  let site: BrowserSite | undefined;
  let base: string;
  let browser: Browser;
  const cases: CaseSummary[] = [];
  before(async () => {
    site = await openBrowserSite({
      prepare: async (server) => {
        await createPersonas(server.database);
        const lea = await insuredIdByAccountEmail(server.database.db, "lea.moreau@parcours.test");
        assert.ok(lea !== undefined);
        for (let i = 0; i < 2; i++) {
          const opened = await openCase(server.database.db, {
            insuredId: lea,
            procedure: "careerCorrection",
            submissionKey: randomUUID(),
            answers: { periode: "2019" },
            documentIds: [],
            claimedStartDate: null,
            complete: true,
            actor: { kind: "insured", id: lea },
            at: new Date(),
          });
          cases.push(opened.case);
        }
      },
    });
    ({ base, browser } = site);
  });
  after(async () => site?.close());

  const runs = [
    { javaScript: true, email: "technicien@parcours.test" },
    { javaScript: false, email: "pilote.aquitaine@parcours.test" },
  ];
  for (const [index, { javaScript, email }] of runs.entries()) {
    test(`login → queue → filter → case → take it → ask for a proof (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const theCase = cases[index] as CaseSummary;
      const context = await newContext(browser, { javaScript });
      const page = await context.newPage();

      await page.goto(`${base}/agent/connexion`);
      await typeByKeyboard(page, page.locator("#email"), email);
      await typeByKeyboard(page, page.locator("#password"), DEMO_PASSWORD);
      await activateByKeyboard(page, page.getByRole("button", { name: "Continuer" }));
      await page.waitForURL(`${base}/agent/connexion/code`);
      const secret = ((await page.locator("#cle").textContent()) ?? "").replace(/ /g, "");
      await typeByKeyboard(page, page.locator("#code"), totpCode(secret));
      await activateByKeyboard(page, page.getByRole("button", { name: "Confirmer et se connecter" }));
      await page.waitForURL(`${base}/agent`);

      await page.goto(`${base}/agent/dossiers`);
      await page.getByRole("heading", { level: 1, name: "Dossiers à traiter" }).waitFor();
      await assertAccessible(page);

      // A due date that is not one: the message is next to the field, the value kept, the page accessible.
      await typeByKeyboard(page, page.locator("#echeance"), "31/02/2027");
      await submitByKeyboard(page, page.getByRole("button", { name: "Filtrer" }));
      await page.getByRole("alert").waitFor();
      assert.equal(await page.locator("#echeance").inputValue(), "31/02/2027");
      assert.match((await page.locator("#echeance-error").textContent()) ?? "", /date réelle/);
      await assertAccessible(page);

      await page.goto(`${base}/agent/dossiers?demarche=careerCorrection`);
      await activateByKeyboard(page, page.getByRole("link", { name: theCase.reference }));
      await page.waitForURL(`${base}/agent/dossiers/${theCase.id}`);
      await page.getByRole("heading", { level: 1, name: `Dossier ${theCase.reference}` }).waitFor();
      await assertAccessible(page);

      await submitByKeyboard(page, page.getByRole("button", { name: "Je prends ce dossier" }));
      await page.getByText("L'attribution du dossier est enregistrée.").waitFor();

      // "Autre justificatif" (the last choice) without its name nor a reason: both refused, the choice kept.
      await focusByKeyboard(page, page.locator("#piece"));
      await page.keyboard.press("End");
      await submitByKeyboard(page, page.getByRole("button", { name: "Demander le justificatif" }));
      await page.getByRole("alert").waitFor();
      assert.match((await page.locator("#piece-autre-error").textContent()) ?? "", /nom du justificatif/);
      assert.match(
        (await page.locator("#motif-piece-error").textContent()) ?? "",
        /pourquoi ce justificatif/,
      );
      assert.equal(await page.locator("#piece").inputValue(), "other");
      await assertAccessible(page);

      await typeByKeyboard(page, page.locator("#piece-autre"), "Bulletins de salaire de 2019");
      await typeByKeyboard(page, page.locator("#motif-piece"), "La période 2019 manque sur votre relevé");
      await submitByKeyboard(page, page.getByRole("button", { name: "Demander le justificatif" }));
      await page.getByText("La demande de justificatif est envoyée").waitFor();
      await assertAccessible(page);
      const detail = await caseOf((site as BrowserSite).server.database.db, theCase.id);
      assert.equal(detail?.state, "awaiting_proofs");
      assert.deepEqual(
        detail?.openProofRequests.map((request) => [request.proofCode, request.proofLabel]),
        [["other", "Bulletins de salaire de 2019"]],
      );
      await context.close();
    });
  }
});
