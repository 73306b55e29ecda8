import { Secret, TOTP } from "otpauth";
import { DEMO_PASSWORD } from "../../src/population/index.ts";
import { csrfOf, type Visitor } from "./app.ts";

/** The code an authenticator application shows for `secret`, `steps` periods of 30 s from now. */
export function totpCode(secret: string, steps = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + steps * 30_000 });
}

/** The secret shown on the enrolment page, without its grouping spaces. */
export function enrolmentSecret(body: string): string {
  const match = /<code id="cle">([A-Z2-7 ]+)<\/code>/.exec(body);
  if (!match) throw new Error("no TOTP secret on the page");
  return (match[1] as string).replace(/ /g, "");
}

/** First step of the staff login: e-mail and password. */
export function submitPassword(visitor: Visitor, email: string, password = DEMO_PASSWORD) {
  return visitor.submit("/agent/connexion", "/agent/connexion", { email, password });
}

/** Second step: posts `code` with the CSRF token of the code page. */
export async function submitCode(visitor: Visitor, code: string) {
  const page = await visitor.get("/agent/connexion/code");
  return visitor.post("/agent/connexion/code", { _csrf: csrfOf(page.body), code });
}

/**
 * Logs a staff member in through both steps, enrolling them when they have no application yet;
 * returns their TOTP secret. Pass the secret of a member already enrolled, and a step offset so that
 * two logins within the same 30 s do not reuse a code.
 */
export async function staffLogin(
  visitor: Visitor,
  email: string,
  options: { password?: string; secret?: string; steps?: number } = {},
): Promise<string> {
  const first = await submitPassword(visitor, email, options.password);
  if (first.headers.location !== "/agent/connexion/code") throw new Error(`password refused for ${email}`);
  const page = await visitor.get("/agent/connexion/code");
  const secret = options.secret ?? enrolmentSecret(page.body);
  const done = await visitor.post("/agent/connexion/code", {
    _csrf: csrfOf(page.body),
    code: totpCode(secret, options.steps ?? 0),
  });
  if (done.statusCode !== 303) throw new Error(`code refused for ${email}: ${done.statusCode}`);
  return secret;
}
