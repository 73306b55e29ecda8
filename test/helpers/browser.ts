import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { AxeBuilder } from "@axe-core/playwright";
import {
  type Browser,
  type BrowserContext,
  type CDPSession,
  chromium,
  type Locator,
  type Page,
} from "playwright-core";
import type { AppConfig } from "../../src/app.ts";
import { createPersonas, DEMO_PASSWORD } from "../../src/population/index.ts";
import { freePort } from "../franceconnect/fixtures.ts";
import { openTestApp, type TestApp } from "./app.ts";
import { totpCode } from "./staff.ts";

/** Debian's Chromium: no test tool downloads a browser (ENGINEERING.md). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Why browser tests cannot run here, or undefined when they can; tests skip visibly with it. */
export function browserUnavailable(): string | undefined {
  return existsSync(CHROMIUM_PATH)
    ? undefined
    : `Chromium absent (${CHROMIUM_PATH}) : installez-le avec « apt-get install -y chromium » (.ci/run le fait).`;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/**
 * "JavaScript off" blocks every script the page asks for, so none of the site's code runs (the CSP
 * already forbids inline scripts). Chromium's own switch would also stop axe-core, which runs inside
 * the page, so the pages seen without JavaScript could not be checked.
 */
export async function newContext(
  browser: Browser,
  options: { javaScript: boolean },
): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
  if (!options.javaScript) await context.route(/\.m?js(\?|$)/, (route) => route.abort());
  return context;
}

/** Zero axe-core violations (WCAG 2.1 A and AA, the level RGAA 4.1 maps to). */
export async function assertAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  assert.deepEqual(summary, [], `axe-core violations on ${page.url()}`);
}

// The few DOM shapes the in-page functions below use (the project compiles without the DOM library;
// these functions run in the browser, sent there by Playwright as source text).
interface DomElement {
  readonly localName: string;
  readonly tabIndex: number;
  readonly disabled?: boolean;
  readonly type?: string;
  readonly name?: string;
  readonly checked?: boolean;
  readonly form?: unknown;
  readonly ownerDocument: DomDocument;
  closest(selector: string): unknown;
  checkVisibility(options: { visibilityProperty: boolean }): boolean;
}
interface DomDocument {
  readonly activeElement: unknown;
  readonly forms: Iterable<unknown>;
  readonly defaultView: { parcoursFocusLog?: unknown[] } | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  addEventListener(type: "focusin", listener: (event: { target: unknown }) => void, capture: boolean): void;
}

/**
 * The page's own answer to "how many Tab presses from the focused element to `target`?", computed
 * from the sequential focus order (positive tabindex first, then document order; disabled, inert,
 * hidden and unchecked radios of a checked group left out). Only a guess, never the proof: the walk
 * presses that many Tabs, then asks the browser where the focus really is. Installs a log of every
 * element that gets the focus, so an overshoot is seen. 0 when it cannot tell.
 */
function predictTabs(target: DomElement): number {
  const doc = target.ownerDocument;
  const win = doc.defaultView;
  if (win) {
    if (!win.parcoursFocusLog)
      doc.addEventListener("focusin", (event) => win.parcoursFocusLog?.push(event.target), true);
    win.parcoursFocusLog = [];
  }
  const selector =
    "a[href], area[href], button, input, select, textarea, iframe, summary, [tabindex], [contenteditable]";
  const isInput = (el: DomElement, type: string) => el.localName === "input" && el.type === type;
  const candidates = [...doc.querySelectorAll(selector)].filter(
    (el) =>
      el.tabIndex >= 0 &&
      !el.disabled &&
      !isInput(el, "hidden") &&
      !el.closest("[inert]") &&
      el.checkVisibility({ visibilityProperty: true }),
  );
  const radioGroups = new Map<string, DomElement[]>();
  for (const el of candidates)
    if (isInput(el, "radio") && el.name) {
      const key = `${el.form ? [...doc.forms].indexOf(el.form) : -1}/${el.name}`;
      radioGroups.set(key, [...(radioGroups.get(key) ?? []), el]);
    }
  const skipped = new Set<DomElement>();
  for (const group of radioGroups.values()) {
    // Forward into a group, Tab lands on its checked radio, or on its first one when none is.
    const landing = group.find((radio) => radio.checked) ?? group[0];
    for (const radio of group) if (radio !== landing) skipped.add(radio);
  }
  const rank = (el: DomElement) => (el.tabIndex > 0 ? el.tabIndex : Number.MAX_SAFE_INTEGER);
  const order = candidates
    .filter((el) => !skipped.has(el))
    .map((el, position) => ({ el, position }))
    .sort((a, b) => rank(a.el) - rank(b.el) || a.position - b.position)
    .map(({ el }) => el);
  const to = order.indexOf(target);
  const from = order.indexOf(doc.activeElement as DomElement);
  return to > from ? to - from : 0;
}

/** Where the walk stands: is `target` focused, and when (if ever) did it get the focus since the guess. */
function focusState(target: DomElement): { focused: boolean; seenAt: number; moves: number } {
  const log = target.ownerDocument.defaultView?.parcoursFocusLog;
  return {
    focused: target === target.ownerDocument.activeElement,
    seenAt: log ? log.indexOf(target) : -1,
    moves: log ? log.length : 0,
  };
}

const cdpSessions = new WeakMap<Page, Promise<CDPSession>>();

/**
 * Presses Tab (or Shift+Tab) `count` times as real key events, all sent before the first answer
 * comes back: the browser handles them in order, exactly as pressed one by one, for one round trip.
 */
async function pressTabs(page: Page, count: number, backwards = false): Promise<void> {
  if (count <= 0) return;
  let session = cdpSessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    cdpSessions.set(page, session);
  }
  const cdp = await session;
  const key = { key: "Tab", code: "Tab", windowsVirtualKeyCode: 9, modifiers: backwards ? 8 : 0 };
  const sent: Promise<unknown>[] = [];
  for (let i = 0; i < count; i++) {
    sent.push(cdp.send("Input.dispatchKeyEvent", { type: "rawKeyDown", ...key }));
    sent.push(cdp.send("Input.dispatchKeyEvent", { type: "keyUp", ...key }));
  }
  await Promise.all(sent);
}

/**
 * Moves the focus with Tab only until `target` has it, pressing at least `minTabs` times; fails if the
 * keyboard cannot reach it within `maxTabs` presses. The presses the page's focus order predicts go in
 * one batch; then the browser says where the focus is. Past the target (a wrong guess), Shift+Tab
 * brings it back; short of it, Tab goes on one press and one look at a time, as the walk always did.
 */
async function tabTo(page: Page, target: Locator, minTabs: 0 | 1, maxTabs: number): Promise<void> {
  const handle = await target.elementHandle();
  assert.ok(handle, "target element exists");
  let pressed = 0;
  const predicted = await handle.evaluate(predictTabs);
  if (predicted >= Math.max(minTabs, 1) && predicted <= maxTabs) {
    await pressTabs(page, predicted);
    pressed = predicted;
    const state = await handle.evaluate(focusState);
    if (state.focused) return;
    if (state.seenAt >= 0) {
      // Reached, then passed: come back by keyboard, one press and one look at a time.
      for (let back = 0; back < state.moves - state.seenAt; back++) {
        await pressTabs(page, 1, true);
        if (await handle.evaluate((el) => el === el.ownerDocument.activeElement)) return;
      }
      assert.fail(`reached by Tab but Shift+Tab does not return to it: ${target}`);
    }
  }
  for (; pressed <= maxTabs; pressed++) {
    if (pressed >= minTabs && (await handle.evaluate((el) => el === el.ownerDocument.activeElement))) return;
    if (pressed < maxTabs) await page.keyboard.press("Tab");
  }
  assert.fail(`not reachable by keyboard within ${maxTabs} Tab presses: ${target}`);
}

/**
 * Moves the focus with Tab only (no mouse) until `target` has it, then presses Enter. Fails if the
 * target is not reachable within `maxTabs` presses: a control the keyboard cannot reach is a defect.
 */
export async function activateByKeyboard(page: Page, target: Locator, maxTabs = 150): Promise<void> {
  await tabTo(page, target, 1, maxTabs);
  await page.keyboard.press("Enter");
}

/** Types into a field reached by keyboard (Tab until focused, then type). */
export async function typeByKeyboard(page: Page, field: Locator, text: string, maxTabs = 150): Promise<void> {
  await tabTo(page, field, 0, maxTabs);
  await page.keyboard.type(text);
}

/**
 * Moves the focus with Tab only until `target` has it (no key pressed when it already has it). Fails if
 * the keyboard cannot reach it within `maxTabs` presses.
 */
export async function focusByKeyboard(page: Page, target: Locator, maxTabs = 150): Promise<void> {
  await tabTo(page, target, 0, maxTabs);
}

/** Reaches a field by keyboard, selects what it holds and types `text` over it. */
export async function replaceByKeyboard(page: Page, field: Locator, text: string): Promise<void> {
  await focusByKeyboard(page, field);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Backspace");
  await page.keyboard.type(text);
}

/**
 * Presses Enter on `target` (reached by Tab, as activateByKeyboard does) and waits for the page it
 * leads to, redirects included: for a form answered at the same address, where waitForURL cannot tell
 * the old page from the new.
 */
export async function submitByKeyboard(page: Page, target: Locator): Promise<void> {
  const loaded = page.waitForNavigation();
  await activateByKeyboard(page, target);
  await loaded;
}

/** The application listening on a local port, and Chromium to visit it. */
export interface BrowserSite {
  readonly server: TestApp;
  /** Where the browser reaches the application (also its public URL, used in the links of e-mails). */
  readonly base: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

/**
 * Opens the application on PGlite at a free port, with `publicUrl` set to that address (links sent by
 * e-mail must carry the address the browser uses), lets `prepare` fill the database (the demo personas by
 * default), listens, and launches Chromium. `config` may add settings that depend on the address.
 */
export async function openBrowserSite(
  options: {
    config?: (base: string) => Partial<AppConfig> | Promise<Partial<AppConfig>>;
    prepare?: (server: TestApp) => Promise<void>;
  } = {},
): Promise<BrowserSite> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await openTestApp("pglite", { publicUrl: base, ...(await options.config?.(base)) });
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await server.close();
  };
  try {
    await (options.prepare ?? ((opened: TestApp) => createPersonas(opened.database)))(server);
    await server.app.listen({ host: "127.0.0.1", port });
    browser = await launchChromium();
  } catch (error) {
    await close();
    throw error;
  }
  return { server, base, browser, close };
}

/** Logs in at /connexion by keyboard alone (Tab, type, Enter) and waits for the personal space. */
export async function logInByKeyboard(
  page: Page,
  base: string,
  email: string,
  password: string = DEMO_PASSWORD,
): Promise<void> {
  await page.goto(`${base}/connexion`);
  await typeByKeyboard(page, page.locator("#courriel"), email);
  await typeByKeyboard(page, page.locator("#mot-de-passe"), password);
  await activateByKeyboard(page, page.locator("main").getByRole("button", { name: "Se connecter" }));
  await page.waitForURL(`${base}/espace`);
}

/**
 * Logs a staff member in at /agent/connexion by keyboard alone: password, then the TOTP code (the
 * enrolment page shows the key on a first login; pass `secret` for a member already enrolled, and
 * `steps` so that a second login within 30 s does not reuse a code). `audit` runs on the login page and
 * on the code page (e.g. assertAccessible). Returns the secret.
 */
export async function staffLogInByKeyboard(
  page: Page,
  base: string,
  email: string,
  options: { secret?: string; steps?: number; audit?: (page: Page) => Promise<void> } = {},
): Promise<string> {
  await page.goto(`${base}/agent/connexion`);
  await options.audit?.(page);
  await typeByKeyboard(page, page.locator("#email"), email);
  await typeByKeyboard(page, page.locator("#password"), DEMO_PASSWORD);
  await activateByKeyboard(page, page.getByRole("button", { name: "Continuer" }));
  await page.waitForURL(`${base}/agent/connexion/code`);
  await options.audit?.(page);
  const secret = options.secret ?? ((await page.locator("#cle").textContent()) ?? "").replace(/ /g, "");
  await typeByKeyboard(page, page.locator("#code"), totpCode(secret, options.steps ?? 0));
  await activateByKeyboard(page, page.getByRole("button", { name: "Confirmer et se connecter" }));
  await page.waitForURL(`${base}/agent`);
  return secret;
}

/** Logs out with the header's button, reached by keyboard, and waits for the page after it. */
export async function logOutByKeyboard(page: Page): Promise<void> {
  await submitByKeyboard(
    page,
    page.locator(".fr-header__tools-links").getByRole("button", { name: "Se déconnecter" }),
  );
}
