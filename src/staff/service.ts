import { randomInt } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { recordAudit } from "../platform/audit.ts";
import { type Db, transaction } from "../platform/db.ts";
import {
  LOCK_MINUTES,
  MAX_FAILED_LOGINS,
  type StaffDraft,
  type StaffMember,
  type StaffProblems,
  validateStaff,
} from "./model.ts";
import { acceptedStep, newTotpSecret, type SecretBox, UnreadableSecret } from "./secondFactor.ts";
import {
  clearLoginFailures,
  credentialsByEmail,
  credentialsById,
  emailIsTaken,
  enrolTotp,
  insertStaff,
  lockedUntil,
  recordLoginFailure,
  resealTotp,
  resetCredentials,
  staffById,
  updateStaff,
  useTotpStep,
} from "./store.ts";

// Verified when the address is unknown, so an unknown address costs the same argon2id work. Computed
// when the routes start (see routes.ts), so even the first unknown address costs no extra hash.
let unknownAddressHash: Promise<string> | undefined;
export function hashForUnknownAddress(): Promise<string> {
  unknownAddressHash ??= hash("adresse inconnue de Parcours");
  return unknownAddressHash;
}

async function countFailure(db: Db, email: string, now: Date): Promise<void> {
  await recordLoginFailure(
    db,
    email,
    now,
    MAX_FAILED_LOGINS,
    new Date(now.getTime() + LOCK_MINUTES * 60_000),
  );
}

export type PasswordCheck =
  | { readonly outcome: "accepted"; readonly member: StaffMember; readonly enrolled: boolean }
  /** Unknown address, wrong password or deactivated account: one answer for all three. */
  | { readonly outcome: "refused" }
  | { readonly outcome: "locked" };

/**
 * First step of a staff login. Failures are counted per address, known or not; a locked address is
 * refused without checking the password, whoever it belongs to.
 */
export async function checkPassword(
  db: Db,
  email: string,
  password: string,
  now: Date,
): Promise<PasswordCheck> {
  if (await lockedUntil(db, email, now)) return { outcome: "locked" };
  const credentials = await credentialsByEmail(db, email);
  const matches = await verify(credentials?.passwordHash ?? (await hashForUnknownAddress()), password);
  if (!matches || !credentials?.member.active) {
    await countFailure(db, email, now);
    return (await lockedUntil(db, email, now)) ? { outcome: "locked" } : { outcome: "refused" };
  }
  return { outcome: "accepted", member: credentials.member, enrolled: credentials.sealedTotpSecret !== null };
}

export type CodeCheck =
  | { readonly outcome: "accepted"; readonly member: StaffMember }
  | { readonly outcome: "wrong" }
  /** A valid code already used once (or older than the last one used). */
  | { readonly outcome: "replayed" }
  /** The stored secret was sealed under a key no longer in the keyring: an administrator must reset. */
  | { readonly outcome: "unreadable" }
  | { readonly outcome: "locked" };

async function codeFailure(
  db: Db,
  member: StaffMember,
  now: Date,
  outcome: "wrong" | "replayed",
): Promise<CodeCheck> {
  await countFailure(db, member.email, now);
  return (await lockedUntil(db, member.email, now)) ? { outcome: "locked" } : { outcome };
}

async function loginSucceeded(db: Db, member: StaffMember, enrolled: boolean): Promise<CodeCheck> {
  await clearLoginFailures(db, member.email);
  await recordAudit(db, {
    actorKind: "staff",
    actorId: member.id,
    action: enrolled ? "staff.second_factor_enrolled" : "staff.logged_in",
    insuredId: null,
    reason: null,
  });
  return { outcome: "accepted", member };
}

/** Second step for an enrolled member: a code of their application, each time step accepted once. */
export async function checkCode(
  db: Db,
  box: SecretBox,
  staffId: number,
  code: string,
  now: Date,
): Promise<CodeCheck> {
  const credentials = await credentialsById(db, staffId);
  if (!credentials?.member.active || credentials.sealedTotpSecret === null) return { outcome: "locked" };
  const { member } = credentials;
  if (await lockedUntil(db, member.email, now)) return { outcome: "locked" };
  let opened: { plain: string; stale: boolean };
  try {
    opened = box.unseal(credentials.sealedTotpSecret);
  } catch (error) {
    if (error instanceof UnreadableSecret) return { outcome: "unreadable" };
    throw error;
  }
  const step = acceptedStep(opened.plain, code, now);
  if (step === null) return codeFailure(db, member, now, "wrong");
  if (!(await useTotpStep(db, member.id, step))) return codeFailure(db, member, now, "replayed");
  // Opened with a previous key: sealed again with the current one, so that key can be retired.
  if (opened.stale) await resealTotp(db, member.id, credentials.sealedTotpSecret, box.seal(opened.plain));
  return loginSucceeded(db, member, false);
}

/** A secret offered at first login, kept sealed in the session until a first code confirms it. */
export function offerTotpSecret(box: SecretBox): { secret: string; sealed: string } {
  const secret = newTotpSecret();
  return { secret, sealed: box.seal(secret) };
}

/** Enrolment: the first valid code proves the application holds the secret, which is then stored. */
export async function confirmEnrolment(
  db: Db,
  box: SecretBox,
  staffId: number,
  sealedOffer: string,
  code: string,
  now: Date,
): Promise<CodeCheck> {
  const credentials = await credentialsById(db, staffId);
  if (!credentials?.member.active) return { outcome: "locked" };
  const { member } = credentials;
  if (await lockedUntil(db, member.email, now)) return { outcome: "locked" };
  let offered: string;
  try {
    offered = box.open(sealedOffer);
  } catch (error) {
    // An offer sealed before a key change: the page offers a new secret (routes.ts).
    if (error instanceof UnreadableSecret) return { outcome: "wrong" };
    throw error;
  }
  const step = acceptedStep(offered, code, now);
  if (step === null) return codeFailure(db, member, now, "wrong");
  // Someone enrolled this account in the meantime (another tab): that enrolment stands.
  if (!(await enrolTotp(db, member.id, sealedOffer, step))) return { outcome: "locked" };
  return loginSucceeded(db, member, true);
}

// ---------------------------------------------------------------- administration

const PASSWORD_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789";

/** A temporary password of 4 groups of 5 characters (about 114 bits), shown once to the administrator. */
export function temporaryPassword(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 5 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join(""),
  );
  return groups.join("-");
}

export type AdminResult<T> =
  | ({ readonly ok: true } & T)
  | { readonly ok: false; readonly problems: StaffProblems }
  | { readonly ok: false; readonly notFound: true };

function audit(administrator: StaffMember, action: string, details: Record<string, unknown>) {
  return {
    actorKind: "staff" as const,
    actorId: administrator.id,
    action,
    insuredId: null,
    reason: null,
    details,
  };
}

function describe(
  member: Pick<StaffMember, "id" | "email" | "displayName" | "role" | "fundCode" | "active">,
) {
  return {
    staffId: member.id,
    email: member.email,
    displayName: member.displayName,
    role: member.role,
    fundCode: member.fundCode,
    active: member.active,
  };
}

export async function createStaffMember(
  db: Db,
  administrator: StaffMember,
  draft: StaffDraft,
  knownFund: (code: string) => boolean,
): Promise<AdminResult<{ member: StaffMember; password: string }>> {
  const checked = validateStaff(draft, knownFund);
  if (!checked.ok) return checked;
  if (await emailIsTaken(db, checked.staff.email))
    return { ok: false, problems: { email: "Un agent a déjà cette adresse e-mail." } };
  const password = temporaryPassword();
  const passwordHash = await hash(password);
  const member = await transaction({ db }, async (tx) => {
    const created = await insertStaff(tx, checked.staff, passwordHash);
    await recordAudit(tx, audit(administrator, "staff.created", describe(created)));
    return created;
  });
  return { ok: true, member, password };
}

/** Name, role and fund; the e-mail address stays (it is how the member logs in and is audited). */
export async function changeStaffMember(
  db: Db,
  administrator: StaffMember,
  id: number,
  draft: Omit<StaffDraft, "email">,
  knownFund: (code: string) => boolean,
): Promise<AdminResult<{ member: StaffMember }>> {
  const before = await staffById(db, id);
  if (!before) return { ok: false, notFound: true };
  const checked = validateStaff({ ...draft, email: before.email }, knownFund);
  if (!checked.ok) return checked;
  if (id === administrator.id && checked.staff.role !== before.role)
    return {
      ok: false,
      problems: {
        role: "Vous ne pouvez pas changer votre propre rôle : demandez-le à un autre administrateur.",
      },
    };
  const { displayName, role, fundCode } = checked.staff;
  const member: StaffMember = { ...before, displayName, role, fundCode };
  await transaction({ db }, async (tx) => {
    await updateStaff(tx, id, { displayName, role, fundCode });
    await recordAudit(
      tx,
      audit(administrator, "staff.changed", { before: describe(before), after: describe(member) }),
    );
  });
  return { ok: true, member };
}

/** Deactivation takes effect at once: the member's open sessions stop counting at their next request. */
export async function setStaffActive(
  db: Db,
  administrator: StaffMember,
  id: number,
  active: boolean,
): Promise<AdminResult<{ member: StaffMember }>> {
  const before = await staffById(db, id);
  if (!before) return { ok: false, notFound: true };
  if (id === administrator.id && !active)
    return { ok: false, problems: { email: "Vous ne pouvez pas désactiver votre propre compte." } };
  const member: StaffMember = { ...before, active };
  await transaction({ db }, async (tx) => {
    await updateStaff(tx, id, { active });
    await recordAudit(
      tx,
      audit(administrator, active ? "staff.reactivated" : "staff.deactivated", describe(member)),
    );
  });
  return { ok: true, member };
}

/** A new temporary password and no second factor: the member enrols a new application at next login. */
export async function resetStaffMember(
  db: Db,
  administrator: StaffMember,
  id: number,
): Promise<AdminResult<{ member: StaffMember; password: string }>> {
  const member = await staffById(db, id);
  if (!member) return { ok: false, notFound: true };
  const password = temporaryPassword();
  const passwordHash = await hash(password);
  await transaction({ db }, async (tx) => {
    await resetCredentials(tx, id, passwordHash);
    await clearLoginFailures(tx, member.email);
    await recordAudit(tx, audit(administrator, "staff.reset", describe(member)));
  });
  return { ok: true, member, password };
}
