import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { recordAudit } from "../platform/audit.ts";
import type { Db, Tx } from "../platform/db.ts";
import { queueMail } from "../platform/mail.ts";
import { closeSessionsOf } from "../platform/sessions.ts";
import {
  type Checked,
  checkSignUp,
  dateInFrance,
  displayNameOf,
  emailProblem,
  type MandateKind,
  mandateIsActive,
  newPasswordProblems,
  normalizeEmail,
  type PasswordField,
  type RepresentativeMandate,
  type SignUpField,
  type SignUpForm,
  TOKEN_LIFETIME_MS,
  type TokenPurpose,
} from "./model.ts";
import {
  accountByEmail,
  accountOf,
  clearLoginFailures,
  consumeToken,
  insertAccount,
  insuredById,
  insuredByIds,
  insuredByNir,
  insuredIdByAccountEmail,
  loginLockedUntil,
  mandatesHeldBy,
  markEmailVerified,
  recordLoginFailure,
  replaceUnverifiedAccount,
  setPasswordHash,
  storeToken,
  tokenIsUsable,
} from "./store.ts";

/** What the account use cases need: the database, the public address for links, and a clock. */
export interface AccountDeps {
  readonly db: Db;
  readonly publicUrl: string;
  readonly now: () => Date;
}

export const VERIFY_EMAIL_PATH = "/inscription/verifier";
export const NEW_PASSWORD_PATH = "/mot-de-passe/nouveau";
const SIGNATURE = "L'Assurance retraite\n3960 (service gratuit + prix d'un appel)";

function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/** A fresh single-use link for the person, stored hashed with its expiry, in the caller's transaction. */
async function issueLink(
  tx: Tx,
  deps: AccountDeps,
  insuredId: number,
  purpose: TokenPurpose,
  path: string,
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(deps.now().getTime() + TOKEN_LIFETIME_MS[purpose]);
  await storeToken(tx, { hash: tokenHash(token), insuredId, purpose, expiresAt });
  return new URL(`${path}?jeton=${token}`, deps.publicUrl).href;
}

async function mailVerificationLink(tx: Tx, deps: AccountDeps, insuredId: number, email: string) {
  const link = await issueLink(tx, deps, insuredId, "verify_email", VERIFY_EMAIL_PATH);
  await queueMail(tx, {
    to: email,
    subject: "Confirmez votre adresse électronique",
    text: `Bonjour,

Vous avez demandé la création de votre espace personnel sur Parcours, le service en ligne de l'Assurance retraite.

Pour confirmer votre adresse électronique et activer votre espace, ouvrez ce lien (valable 24 heures, une seule fois) :
${link}

Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel : aucun espace ne sera activé.

${SIGNATURE}`,
  });
}

// ------------------------------------------------------------ sign-up

/**
 * Creates an account when the NIR and the birth date match a person who has no confirmed account,
 * and mails the confirmation link. Whatever the base holds, the caller gets the same answer, and the
 * same work is done (the password is hashed first, in every case).
 */
export async function signUp(
  deps: AccountDeps,
  form: SignUpForm,
): Promise<Checked<{ email: string }, SignUpField>> {
  const checked = checkSignUp(form, dateInFrance(deps.now()));
  if (!checked.ok) return checked;
  const { nir, birthDate, email, password } = checked.value;
  const passwordHash = await hash(password);
  await deps.db.transaction().execute(async (tx) => {
    const insured = await insuredByNir(tx, nir);
    if (!insured || insured.birthDate !== birthDate) return;
    const existing = await accountOf(tx, insured.id);
    if (existing?.emailVerifiedAt) {
      await queueMail(tx, {
        to: existing.email,
        subject: "Vous avez déjà un espace personnel",
        text: `Bonjour,

Une demande de création d'espace personnel a été faite avec votre numéro de sécurité sociale. Vous avez déjà un espace : connectez-vous avec cette adresse électronique sur ${new URL("/connexion", deps.publicUrl).href}

Vous avez oublié votre mot de passe ? Choisissez-en un nouveau sur ${new URL("/mot-de-passe-oublie", deps.publicUrl).href}

Si vous n'êtes pas à l'origine de cette demande, votre espace n'a pas changé. Appelez le 3960 si vous avez un doute.

${SIGNATURE}`,
      });
      return;
    }
    const owner = await insuredIdByAccountEmail(tx, email);
    if (owner !== undefined && owner !== insured.id) {
      await queueMail(tx, {
        to: email,
        subject: "Cette adresse est déjà celle d'un espace personnel",
        text: `Bonjour,

Une demande de création d'espace personnel a été faite avec cette adresse électronique, qui est déjà celle d'un autre espace. Une adresse ne peut servir qu'à un seul espace : recommencez avec une autre adresse, ou connectez-vous sur ${new URL("/connexion", deps.publicUrl).href}

${SIGNATURE}`,
      });
      return;
    }
    const account = { insuredId: insured.id, email, passwordHash };
    if (existing) await replaceUnverifiedAccount(tx, account);
    else if (!(await insertAccount(tx, account))) return;
    await mailVerificationLink(tx, deps, insured.id, email);
    await recordAudit(tx, {
      actorKind: "insured",
      actorId: insured.id,
      action: existing ? "account.signup_renewed" : "account.created",
      insuredId: insured.id,
      reason: null,
    });
  });
  return { ok: true, value: { email } };
}

/** Confirms the address of the link's account; false when the link is unknown, used or expired. */
export async function verifyEmail(deps: AccountDeps, token: string): Promise<boolean> {
  return deps.db.transaction().execute(async (tx) => {
    const at = deps.now();
    const insuredId = await consumeToken(tx, tokenHash(token), "verify_email", at);
    if (insuredId === undefined) return false;
    await markEmailVerified(tx, insuredId, at);
    await recordAudit(tx, {
      actorKind: "insured",
      actorId: insuredId,
      action: "account.email_verified",
      insuredId,
      reason: null,
    });
    return true;
  });
}

/** Sends a new confirmation link when an unconfirmed account has this address; silent otherwise. */
export async function resendVerification(deps: AccountDeps, emailInput: string): Promise<void> {
  const email = normalizeEmail(emailInput);
  if (emailProblem(email)) return;
  await deps.db.transaction().execute(async (tx) => {
    const account = await accountByEmail(tx, email);
    if (!account || account.emailVerifiedAt) return;
    await mailVerificationLink(tx, deps, account.insuredId, account.email);
  });
}

// ------------------------------------------------------------ login

export type LoginOutcome =
  | { readonly outcome: "ok"; readonly insuredId: number; readonly displayName: string }
  | { readonly outcome: "invalid" | "locked" }
  | { readonly outcome: "unverified"; readonly email: string };

export type LoginField = "email" | "password";

// Verified against when the address has no account, so both cases cost one argon2id verification.
let dummyHash: Promise<string> | undefined;
/** Computes the stand-in hash ahead of the first login, so that login costs what the others do. */
export function preparePasswordChecks(): Promise<string> {
  dummyHash ??= hash(randomBytes(32).toString("base64url"));
  return dummyHash;
}

/** Checks an e-mail and password; an unknown address and a wrong password are the same outcome. */
export async function logIn(
  deps: AccountDeps,
  input: { email: string; password: string },
): Promise<Checked<LoginOutcome, LoginField>> {
  const email = normalizeEmail(input.email);
  const errors: Partial<Record<LoginField, string>> = {};
  const emailError = emailProblem(email);
  if (emailError) errors.email = emailError;
  if (input.password === "") errors.password = "Indiquez votre mot de passe.";
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const at = deps.now();
  const account = await accountByEmail(deps.db, email);
  const passwordHash = account?.passwordHash ?? (await preparePasswordChecks());
  const matches = await verify(passwordHash, input.password).catch(() => false);
  const result = (outcome: LoginOutcome) => ({ ok: true, value: outcome }) as const;

  if (await loginLockedUntil(deps.db, email, at)) return result({ outcome: "locked" });
  if (!account || !matches) {
    const locked = await recordLoginFailure(deps.db, email, at);
    if (account && locked) {
      await recordAudit(deps.db, {
        actorKind: "system",
        actorId: null,
        action: "account.locked",
        insuredId: account.insuredId,
        reason: "too_many_failures",
      });
    }
    return result({ outcome: locked ? "locked" : "invalid" });
  }
  await clearLoginFailures(deps.db, email);
  if (!account.emailVerifiedAt) return result({ outcome: "unverified", email });
  const insured = await insuredById(deps.db, account.insuredId);
  if (!insured) return result({ outcome: "invalid" });
  await recordAudit(deps.db, {
    actorKind: "insured",
    actorId: insured.id,
    action: "account.login",
    insuredId: insured.id,
    reason: null,
  });
  return result({ outcome: "ok", insuredId: insured.id, displayName: displayNameOf(insured) });
}

// ------------------------------------------------------------ password reset

/** Mails a single-use link valid one hour when an account has this address; silent otherwise. */
export async function requestPasswordReset(
  deps: AccountDeps,
  emailInput: string,
): Promise<Checked<{ email: string }, "email">> {
  const email = normalizeEmail(emailInput);
  const emailError = emailProblem(email);
  if (emailError) return { ok: false, errors: { email: emailError } };
  await deps.db.transaction().execute(async (tx) => {
    const account = await accountByEmail(tx, email);
    if (!account) return;
    const link = await issueLink(tx, deps, account.insuredId, "reset_password", NEW_PASSWORD_PATH);
    await queueMail(tx, {
      to: account.email,
      subject: "Choisir un nouveau mot de passe",
      text: `Bonjour,

Vous avez demandé à changer le mot de passe de votre espace personnel Parcours.

Pour choisir un nouveau mot de passe, ouvrez ce lien (valable 1 heure, une seule fois) :
${link}

Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel : votre mot de passe reste le même.

${SIGNATURE}`,
    });
    await recordAudit(tx, {
      actorKind: "insured",
      actorId: account.insuredId,
      action: "account.password_reset_requested",
      insuredId: account.insuredId,
      reason: null,
    });
  });
  return { ok: true, value: { email } };
}

export async function resetLinkIsValid(deps: AccountDeps, token: string): Promise<boolean> {
  return tokenIsUsable(deps.db, tokenHash(token), "reset_password", deps.now());
}

export type ResetOutcome =
  | { readonly outcome: "done" }
  | { readonly outcome: "expired" }
  | { readonly outcome: "invalid"; readonly errors: Partial<Record<PasswordField, string>> };

/**
 * Sets the new password with the link (once), confirms the address (the mail reached its owner),
 * lifts a login lock, ends every open session of the person and tells them by mail.
 */
export async function resetPassword(
  deps: AccountDeps,
  input: { token: string; password: string; passwordConfirmation: string },
): Promise<ResetOutcome> {
  const errors = newPasswordProblems(input.password, input.passwordConfirmation);
  if (Object.keys(errors).length > 0) return { outcome: "invalid", errors };
  const passwordHash = await hash(input.password);
  return deps.db.transaction().execute(async (tx): Promise<ResetOutcome> => {
    const at = deps.now();
    const insuredId = await consumeToken(tx, tokenHash(input.token), "reset_password", at);
    const account = insuredId === undefined ? undefined : await accountOf(tx, insuredId);
    if (!account) return { outcome: "expired" };
    await setPasswordHash(tx, account.insuredId, passwordHash);
    await markEmailVerified(tx, account.insuredId, at);
    await clearLoginFailures(tx, account.email);
    await closeSessionsOf(tx, "insured", account.insuredId);
    await queueMail(tx, {
      to: account.email,
      subject: "Votre mot de passe a été changé",
      text: `Bonjour,

Le mot de passe de votre espace personnel Parcours vient d'être changé. Par sécurité, toutes vos connexions en cours ont été fermées.

Si vous n'êtes pas à l'origine de ce changement, choisissez tout de suite un nouveau mot de passe sur ${new URL("/mot-de-passe-oublie", deps.publicUrl).href} et appelez le 3960.

${SIGNATURE}`,
    });
    await recordAudit(tx, {
      actorKind: "insured",
      actorId: account.insuredId,
      action: "account.password_reset",
      insuredId: account.insuredId,
      reason: null,
    });
    return { outcome: "done" };
  });
}

// ------------------------------------------------------------ legal representatives

export interface Representation {
  readonly insuredId: number;
  readonly name: string;
  readonly kind: MandateKind;
  readonly scope: RepresentativeMandate["scope"];
  readonly startsOn: string;
  readonly endsOn: string | null;
}

/** The people a representative may act for today, with the mandate that allows it. */
export async function activeRepresentations(
  db: Db | Tx,
  representativeId: number,
  at: Date,
): Promise<Representation[]> {
  const today = dateInFrance(at);
  const mandates = (await mandatesHeldBy(db, representativeId)).filter((m) => mandateIsActive(m, today));
  const people = await insuredByIds(
    db,
    mandates.map((m) => m.representedId),
  );
  const representations: Representation[] = [];
  for (const mandate of mandates) {
    const represented = people.get(mandate.representedId);
    if (!represented) continue;
    representations.push({
      insuredId: represented.id,
      name: displayNameOf(represented),
      kind: mandate.kind,
      scope: mandate.scope,
      startsOn: mandate.startsOn,
      endsOn: mandate.endsOn,
    });
  }
  return representations;
}
