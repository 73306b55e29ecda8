import { sql } from "kysely";
import type { StaffRole } from "../access/index.ts";
import type { Db, Tx } from "../platform/db.ts";
import { normalizeEmail, type StaffMember, type StaffTables, type ValidStaff } from "./model.ts";

function members(db: Db | Tx) {
  return db
    .withTables<StaffTables>()
    .selectFrom("staff")
    .select(["id", "email", "display_name", "role", "fund_code", "active"]);
}

function toMember(row: {
  id: number;
  email: string;
  display_name: string;
  role: StaffMember["role"];
  fund_code: string | null;
  active: boolean;
}): StaffMember {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    fundCode: row.fund_code,
    active: row.active,
  };
}

export async function staffByEmail(db: Db | Tx, email: string): Promise<StaffMember | undefined> {
  const row = await members(db).where("email", "=", normalizeEmail(email)).executeTakeFirst();
  return row && toMember(row);
}

export async function staffById(db: Db | Tx, id: number): Promise<StaffMember | undefined> {
  const row = await members(db).where("id", "=", id).executeTakeFirst();
  return row && toMember(row);
}

function tables(db: Db | Tx) {
  return db.withTables<StaffTables>();
}

/** What logging in needs: the member, their password hash and their sealed TOTP secret. */
export interface StaffCredentials {
  readonly member: StaffMember;
  readonly passwordHash: string;
  readonly sealedTotpSecret: string | null;
}

export async function credentialsByEmail(db: Db | Tx, email: string): Promise<StaffCredentials | undefined> {
  const row = await tables(db)
    .selectFrom("staff")
    .select(["id", "email", "display_name", "role", "fund_code", "active", "password_hash", "totp_secret"])
    .where("email", "=", normalizeEmail(email))
    .executeTakeFirst();
  return row && { member: toMember(row), passwordHash: row.password_hash, sealedTotpSecret: row.totp_secret };
}

export async function credentialsById(db: Db | Tx, id: number): Promise<StaffCredentials | undefined> {
  const row = await tables(db)
    .selectFrom("staff")
    .select(["id", "email", "display_name", "role", "fund_code", "active", "password_hash", "totp_secret"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row && { member: toMember(row), passwordHash: row.password_hash, sealedTotpSecret: row.totp_secret };
}

/**
 * Records that a code of time step `step` was used, only if no code of that step or a later one was:
 * true when the code is accepted, false when it is a replay. One statement, so two simultaneous
 * submissions of the same code cannot both pass.
 */
export async function useTotpStep(db: Db | Tx, staffId: number, step: number): Promise<boolean> {
  const result = await tables(db)
    .updateTable("staff")
    .set({ totp_last_step: step })
    .where("id", "=", staffId)
    .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Stores the secret confirmed at enrolment, with the step of the code that confirmed it. */
export async function enrolTotp(
  db: Db | Tx,
  staffId: number,
  sealedSecret: string,
  step: number,
): Promise<boolean> {
  const result = await tables(db)
    .updateTable("staff")
    .set({ totp_secret: sealedSecret, totp_last_step: step })
    .where("id", "=", staffId)
    .where("totp_secret", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Replaces a sealed secret by the same secret sealed under the current key (unless it changed since). */
export async function resealTotp(db: Db | Tx, staffId: number, before: string, after: string): Promise<void> {
  await tables(db)
    .updateTable("staff")
    .set({ totp_secret: after })
    .where("id", "=", staffId)
    .where("totp_secret", "=", before)
    .execute();
}

/** Until when an address is locked, if it is. */
export async function lockedUntil(db: Db | Tx, email: string, now: Date): Promise<Date | undefined> {
  const row = await tables(db)
    .selectFrom("staff_login_failure")
    .select("locked_until")
    .where("email", "=", normalizeEmail(email))
    .where("locked_until", ">", now)
    .executeTakeFirst();
  return row?.locked_until ?? undefined;
}

/**
 * Counts a failed attempt for an address (known or not); the attempt that reaches the limit locks it
 * until `lockUntil`. A failure after a lock has expired starts a new count.
 */
export async function recordLoginFailure(
  db: Db | Tx,
  email: string,
  now: Date,
  limit: number,
  lockUntil: Date,
): Promise<void> {
  await sql`
    insert into staff_login_failure as f (email, failures, last_failure_at) values (${normalizeEmail(email)}, 1, ${now})
    on conflict (email) do update set
      failures = case when f.locked_until is not null and f.locked_until <= ${now} then 1 else f.failures + 1 end,
      locked_until = case
        when f.locked_until is not null and f.locked_until <= ${now} then null
        when f.failures + 1 >= ${limit} then ${lockUntil}::timestamptz
        else f.locked_until end,
      last_failure_at = ${now}`.execute(db);
}

export async function clearLoginFailures(db: Db | Tx, email: string): Promise<void> {
  await tables(db).deleteFrom("staff_login_failure").where("email", "=", normalizeEmail(email)).execute();
}

/** One page of staff members in e-mail order, starting after `afterEmail` (key-based pagination). */
export async function staffPage(
  db: Db | Tx,
  afterEmail: string | undefined,
  size: number,
): Promise<StaffMember[]> {
  let query = members(db).orderBy("email").limit(size);
  if (afterEmail !== undefined) query = query.where("email", ">", afterEmail);
  return (await query.execute()).map(toMember);
}

export async function emailIsTaken(db: Db | Tx, email: string, exceptId?: number): Promise<boolean> {
  let query = tables(db).selectFrom("staff").select("id").where("email", "=", normalizeEmail(email));
  if (exceptId !== undefined) query = query.where("id", "<>", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function insertStaff(
  db: Db | Tx,
  staff: ValidStaff,
  passwordHash: string,
): Promise<StaffMember> {
  const row = await tables(db)
    .insertInto("staff")
    .values({
      email: staff.email,
      display_name: staff.displayName,
      role: staff.role,
      fund_code: staff.fundCode,
      password_hash: passwordHash,
      totp_secret: null,
      totp_last_step: null,
    })
    .returning(["id", "email", "display_name", "role", "fund_code", "active"])
    .executeTakeFirstOrThrow();
  return toMember(row);
}

export async function updateStaff(
  db: Db | Tx,
  id: number,
  changes: Partial<{ displayName: string; role: StaffRole; fundCode: string | null; active: boolean }>,
): Promise<void> {
  await tables(db)
    .updateTable("staff")
    .set({
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.fundCode !== undefined ? { fund_code: changes.fundCode } : {}),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
    })
    .where("id", "=", id)
    .execute();
}

/** A new password, and no second factor: the member enrols again at their next login. */
export async function resetCredentials(db: Db | Tx, id: number, passwordHash: string): Promise<void> {
  await tables(db)
    .updateTable("staff")
    .set({ password_hash: passwordHash, totp_secret: null, totp_last_step: null })
    .where("id", "=", id)
    .execute();
}
