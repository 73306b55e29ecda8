import { createHash, randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { newPasswordProblems } from "../identity/index.ts";
import { recordAudit } from "../platform/audit.ts";
import { type Db, type Tx, transaction } from "../platform/db.ts";
import { type StaffMember, type StaffProblems, validateStaff } from "./model.ts";
import { emailIsTaken, insertStaff, resetCredentials, staffById } from "./store.ts";

/**
 * Single-use enrolment links: the only way a staff credential comes into being without anyone else
 * seeing it. The link lets its holder choose a password, then the ordinary first login enrols their
 * authenticator. The token travels in the link only; the database keeps its SHA-256.
 */

export const ENROLMENT_PATH = "/agent/activation";
/** Long enough to reach a mailbox and be opened the next working day; short enough to go stale. */
export const ENROLMENT_LIFETIME_MS = 72 * 60 * 60 * 1000;

type EnrolmentTables = {
  staff_enrolment: {
    token_hash: string;
    staff_id: number;
    created_at: Date;
    expires_at: Date;
    used_at: Date | null;
  };
};

function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/** A new link for the member; earlier unused links of the member stop working. */
export async function issueEnrolment(tx: Tx, staffId: number, publicUrl: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const tables = tx.withTables<EnrolmentTables>();
  await tables
    .updateTable("staff_enrolment")
    .set({ used_at: now })
    .where("staff_id", "=", staffId)
    .where("used_at", "is", null)
    .execute();
  await tables
    .insertInto("staff_enrolment")
    .values({
      token_hash: tokenHash(token),
      staff_id: staffId,
      created_at: now,
      expires_at: new Date(now.getTime() + ENROLMENT_LIFETIME_MS),
      used_at: null,
    })
    .execute();
  const link = new URL(ENROLMENT_PATH, publicUrl);
  link.searchParams.set("jeton", token);
  return link.href;
}

/** The member a link is for, while it is unused and unexpired. */
export async function enrolmentHolder(db: Db, token: string, now: Date): Promise<StaffMember | undefined> {
  if (token === "") return undefined;
  const row = await db
    .withTables<EnrolmentTables>()
    .selectFrom("staff_enrolment")
    .select("staff_id")
    .where("token_hash", "=", tokenHash(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  const member = row && (await staffById(db, row.staff_id));
  return member?.active ? member : undefined;
}

export type EnrolmentOutcome =
  | { readonly outcome: "done"; readonly member: StaffMember }
  | { readonly outcome: "expired" }
  | {
      readonly outcome: "invalid";
      readonly errors: Partial<Record<"password" | "passwordConfirmation", string>>;
    };

/**
 * Uses the link once: the chosen password replaces whatever the account had, and the second factor is
 * cleared so the holder enrols their own authenticator at the login that follows.
 */
export async function completeEnrolment(
  db: Db,
  input: { token: string; password: string; passwordConfirmation: string },
  now: Date,
): Promise<EnrolmentOutcome> {
  const errors = newPasswordProblems(input.password, input.passwordConfirmation);
  if (Object.keys(errors).length > 0) return { outcome: "invalid", errors };
  const passwordHash = await hash(input.password);
  return transaction({ db }, async (tx): Promise<EnrolmentOutcome> => {
    const used = await tx
      .withTables<EnrolmentTables>()
      .updateTable("staff_enrolment")
      .set({ used_at: now })
      .where("token_hash", "=", tokenHash(input.token))
      .where("used_at", "is", null)
      .where("expires_at", ">", now)
      .returning("staff_id")
      .executeTakeFirst();
    const member = used && (await staffById(tx, used.staff_id));
    if (!member?.active) return { outcome: "expired" };
    await resetCredentials(tx, member.id, passwordHash);
    await recordAudit(tx, {
      actorKind: "staff",
      actorId: member.id,
      action: "staff.enrolment_completed",
      insuredId: null,
      reason: null,
    });
    return { outcome: "done", member };
  });
}

export type AdministratorCreation =
  | { readonly ok: true; readonly member: StaffMember; readonly link: string }
  | { readonly ok: false; readonly problems: StaffProblems };

/**
 * The first (or any further) administrator, from the command line of the server: the account gets a
 * random password nobody knows and an enrolment link, which is the only thing printed.
 */
export async function createAdministrator(
  db: Db,
  input: { email: string; displayName: string },
  publicUrl: string,
  now: Date,
): Promise<AdministratorCreation> {
  const checked = validateStaff(
    { email: input.email, displayName: input.displayName, role: "administrator", fundCode: "" },
    () => false,
  );
  if (!checked.ok) return checked;
  if (await emailIsTaken(db, checked.staff.email))
    return { ok: false, problems: { email: "Un agent a déjà cette adresse e-mail." } };
  const unusable = await hash(randomBytes(32).toString("base64url"));
  return transaction({ db }, async (tx) => {
    const member = await insertStaff(tx, checked.staff, unusable);
    const link = await issueEnrolment(tx, member.id, publicUrl, now);
    await recordAudit(tx, {
      actorKind: "system",
      actorId: null,
      action: "staff.created",
      insuredId: null,
      reason: "commande admin:create",
      details: { staffId: member.id, email: member.email, role: member.role },
    });
    return { ok: true as const, member, link };
  });
}
