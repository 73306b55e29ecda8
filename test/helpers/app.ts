import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { type AppConfig, buildApp } from "../../src/app.ts";
import { insuredIdByAccountEmail } from "../../src/identity/index.ts";
import type { Engine } from "../../src/platform/db.ts";
import { DEMO_PASSWORD } from "../../src/population/index.ts";
import { openTestDatabase, type TestDatabase } from "./database.ts";

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    logLevel: "silent",
    mode: "development",
    secret: "test-secret-that-is-long-enough-for-hmac-0123456789",
    smtpUrl: undefined,
    mailFrom: "Parcours <ne-pas-repondre@parcours.test>",
    publicUrl: "http://127.0.0.1:3000",
    franceConnect: undefined,
    uploadsDir: mkdtempSync(join(tmpdir(), "parcours-uploads-")),
    clamd: undefined,
    ...overrides,
  };
}

export interface TestApp {
  readonly app: FastifyInstance;
  readonly database: TestDatabase;
  close(): Promise<void>;
}

export async function openTestApp(
  engine: Engine = "pglite",
  overrides: Partial<AppConfig> = {},
): Promise<TestApp> {
  const database = await openTestDatabase(engine);
  const app = await buildApp(testConfig(overrides), database);
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** The hidden CSRF field of the first form of a page. */
export function csrfOf(body: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(body);
  if (!match) throw new Error("no CSRF field on the page");
  return match[1] as string;
}

/** One file of a multipart post: the form field, the name on the sender's machine, the bytes. */
export interface MultipartFilePart {
  readonly field: string;
  readonly filename: string;
  readonly content: Buffer;
  /** What the browser declares (from the extension); the server must not trust it. */
  readonly type?: string;
}

/**
 * A visitor with a cookie jar, through `inject`: what a browser does with cookies, without a browser.
 * `submit` posts a form with the CSRF token of the page it was on.
 */
export class Visitor {
  readonly cookies = new Map<string, string>();
  readonly app: FastifyInstance;
  constructor(app: FastifyInstance) {
    this.app = app;
  }

  private keep(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies as { name: string; value: string; expires?: Date }[]) {
      if (cookie.value === "" || (cookie.expires && cookie.expires.getTime() < Date.now()))
        this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  private cookieHeader(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } : {};
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.keep(await this.app.inject({ method: "GET", url, headers: this.cookieHeader() }));
  }

  async post(url: string, form: Record<string, string>): Promise<LightMyRequestResponse> {
    return this.keep(
      await this.app.inject({
        method: "POST",
        url,
        headers: { ...this.cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams(form).toString(),
      }),
    );
  }

  /**
   * Posts a multipart form as a browser does without JavaScript: text fields, then files (a file with an
   * empty name and no bytes is what an input left empty sends).
   */
  async postMultipart(
    url: string,
    form: Record<string, string>,
    files: readonly MultipartFilePart[] = [],
  ): Promise<LightMyRequestResponse> {
    const boundary = `----parcours${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries(form)) {
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
      );
    }
    for (const file of files) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.type ?? "application/octet-stream"}\r\n\r\n`,
        ),
        file.content,
        Buffer.from("\r\n"),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return this.keep(
      await this.app.inject({
        method: "POST",
        url,
        headers: { ...this.cookieHeader(), "content-type": `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat(parts),
      }),
    );
  }

  /** Opens `pageUrl`, then posts `form` and `files` as multipart to `action` with that page's CSRF token. */
  async submitMultipart(
    pageUrl: string,
    action: string,
    form: Record<string, string>,
    files: readonly MultipartFilePart[],
  ): Promise<LightMyRequestResponse> {
    const pageResponse = await this.get(pageUrl);
    return this.postMultipart(action, { _csrf: csrfOf(pageResponse.body), ...form }, files);
  }

  /** Opens `pageUrl`, then posts `form` to `action` with that page's CSRF token. */
  async submit(
    pageUrl: string,
    action: string,
    form: Record<string, string>,
  ): Promise<LightMyRequestResponse> {
    const pageResponse = await this.get(pageUrl);
    return this.post(action, { _csrf: csrfOf(pageResponse.body), ...form });
  }
}

/** A visitor logged in at /connexion as `email`; fails unless the login redirects (303). */
export async function loggedInAs(
  app: FastifyInstance,
  email: string,
  password: string = DEMO_PASSWORD,
): Promise<Visitor> {
  const visitor = new Visitor(app);
  const login = await visitor.submit("/connexion", "/connexion", { email, password });
  assert.equal(login.statusCode, 303, email);
  return visitor;
}

/** The id of the insured person whose account has this e-mail; fails when there is none. */
export async function insuredIdOf(
  db: Parameters<typeof insuredIdByAccountEmail>[0],
  email: string,
): Promise<number> {
  const id = await insuredIdByAccountEmail(db, email);
  assert.ok(id !== undefined, `no account for ${email}`);
  return id;
}
