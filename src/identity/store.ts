import { type Selectable, sql } from "kysely";
import type { Db, Tx } from "../platform/db.ts";
import {
  type Account,
  type AccountTable,
  type IdentityTables,
  type Insured,
  type InsuredTable,
  LOGIN_LOCK,
  type RepresentativeMandate,
  type TokenPurpose,
} from "./model.ts";

function tables(db: Db | Tx) {
  return db.withTables<IdentityTables>();
}

function toInsured(row: Selectable<InsuredTable>): Insured {
  return {
    id: row.id,
    nir: row.nir.trim(),
    sex: row.sex,
    birthName: row.birth_name,
    lastName: row.last_name,
    firstNames: row.first_names,
    birthDate: row.birth_date,
    birthDepartment: row.birth_department,
    birthPlace: row.birth_place,
    address: { line: row.address_line, postcode: row.postcode, town: row.town, country: row.country },
    department: row.department,
    fundCode: row.fund_code,
    email: row.email,
    phone: row.phone,
    contactByEmail: row.contact_by_email,
    contactBySms: row.contact_by_sms,
    situation: {
      receivesAah: row.receives_aah,
      receivesRsa: row.receives_rsa,
      invalidityPension: row.invalidity_pension,
      disability: row.disability,
      livesAbroad: row.lives_abroad,
      selfEmployed: row.self_employed,
      fragile: row.fragile,
    },
  };
}

export async function insuredById(db: Db | Tx, id: number): Promise<Insured | undefined> {
  const row = await tables(db).selectFrom("insured").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toInsured(row);
}

/** Everyone born on a date: a few dozen people a day even at millions (index on birth_date, migration 0009). */
export async function insuredBornOn(db: Db | Tx, birthDate: string): Promise<Insured[]> {
  const rows = await tables(db)
    .selectFrom("insured")
    .selectAll()
    .where("birth_date", "=", birthDate)
    .execute();
  return rows.map(toInsured);
}

/** Several people in one query, keyed by id (absent ids are simply missing). */
export async function insuredByIds(db: Db | Tx, ids: readonly number[]): Promise<Map<number, Insured>> {
  if (ids.length === 0) return new Map();
  const rows = await tables(db).selectFrom("insured").selectAll().where("id", "in", ids).execute();
  return new Map(rows.map((row) => [row.id, toInsured(row)]));
}

export async function insuredByNir(db: Db | Tx, nir: string): Promise<Insured | undefined> {
  const row = await tables(db).selectFrom("insured").selectAll().where("nir", "=", nir).executeTakeFirst();
  return row && toInsured(row);
}

/** A new postal address, with the department and fund that follow from it (the profile context checks them). */
export async function changeAddress(
  db: Db | Tx,
  insuredId: number,
  change: {
    line: string;
    postcode: string;
    town: string;
    country: string;
    department: string;
    fundCode: string;
    livesAbroad: boolean;
  },
): Promise<void> {
  await tables(db)
    .updateTable("insured")
    .set({
      address_line: change.line,
      postcode: change.postcode,
      town: change.town,
      country: change.country,
      department: change.department,
      fund_code: change.fundCode,
      lives_abroad: change.livesAbroad,
    })
    .where("id", "=", insuredId)
    .execute();
}

/** Mandates a representative holds, active or not; callers check the dates with `mandateIsActive`. */
export async function mandatesHeldBy(
  db: Db | Tx,
  representativeId: number,
): Promise<RepresentativeMandate[]> {
  const rows = await tables(db)
    .selectFrom("representative_mandate")
    .selectAll()
    .where("representative_id", "=", representativeId)
    .orderBy("starts_on")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    representativeId: row.representative_id,
    representedId: row.represented_id,
    kind: row.kind,
    scope: row.scope,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
  }));
}

/** The insured person owning the personal-space account with this e-mail. */
export async function insuredIdByAccountEmail(db: Db | Tx, email: string): Promise<number | undefined> {
  const row = await tables(db)
    .selectFrom("account")
    .select("insured_id")
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
  return row?.insured_id;
}

// ------------------------------------------------------------ accounts

function toAccount(row: Selectable<AccountTable>): Account {
  return {
    insuredId: row.insured_id,
    email: row.email,
    passwordHash: row.password_hash,
    emailVerifiedAt: row.email_verified_at,
  };
}

export async function accountByEmail(db: Db | Tx, email: string): Promise<Account | undefined> {
  const row = await tables(db)
    .selectFrom("account")
    .selectAll()
    .where("email", "=", email)
    .executeTakeFirst();
  return row && toAccount(row);
}

export async function accountOf(db: Db | Tx, insuredId: number): Promise<Account | undefined> {
  const row = await tables(db)
    .selectFrom("account")
    .selectAll()
    .where("insured_id", "=", insuredId)
    .executeTakeFirst();
  return row && toAccount(row);
}

/** False when the person or the e-mail already has an account (a concurrent sign-up won). */
export async function insertAccount(
  db: Db | Tx,
  account: { insuredId: number; email: string; passwordHash: string },
): Promise<boolean> {
  const inserted = await tables(db)
    .insertInto("account")
    .values({ insured_id: account.insuredId, email: account.email, password_hash: account.passwordHash })
    .onConflict((conflict) => conflict.doNothing())
    .returning("insured_id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/** A new sign-up over an account never confirmed: the new address and password replace the old ones. */
export async function replaceUnverifiedAccount(
  db: Db | Tx,
  account: { insuredId: number; email: string; passwordHash: string },
): Promise<void> {
  await tables(db)
    .updateTable("account")
    .set({ email: account.email, password_hash: account.passwordHash })
    .where("insured_id", "=", account.insuredId)
    .where("email_verified_at", "is", null)
    .execute();
}

export async function markEmailVerified(db: Db | Tx, insuredId: number, at: Date): Promise<void> {
  await tables(db)
    .updateTable("account")
    .set({ email_verified_at: at })
    .where("insured_id", "=", insuredId)
    .where("email_verified_at", "is", null)
    .execute();
}

export async function setPasswordHash(db: Db | Tx, insuredId: number, passwordHash: string): Promise<void> {
  await tables(db)
    .updateTable("account")
    .set({ password_hash: passwordHash })
    .where("insured_id", "=", insuredId)
    .execute();
}

/** Stores a new link token; the person's earlier unused tokens for the same purpose stop working. */
export async function storeToken(
  db: Db | Tx,
  token: { hash: string; insuredId: number; purpose: TokenPurpose; expiresAt: Date },
): Promise<void> {
  await tables(db)
    .deleteFrom("account_token")
    .where("insured_id", "=", token.insuredId)
    .where("purpose", "=", token.purpose)
    .where("used_at", "is", null)
    .execute();
  await tables(db)
    .insertInto("account_token")
    .values({
      token_hash: token.hash,
      insured_id: token.insuredId,
      purpose: token.purpose,
      expires_at: token.expiresAt,
    })
    .execute();
}

/** Whether a token would be accepted now, without using it. */
export async function tokenIsUsable(
  db: Db | Tx,
  hash: string,
  purpose: TokenPurpose,
  at: Date,
): Promise<boolean> {
  const row = await tables(db)
    .selectFrom("account_token")
    .select("insured_id")
    .where("token_hash", "=", hash)
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", at)
    .executeTakeFirst();
  return row !== undefined;
}

/** Uses a token once: the person it was issued to, or undefined when unknown, used or expired. */
export async function consumeToken(
  db: Db | Tx,
  hash: string,
  purpose: TokenPurpose,
  at: Date,
): Promise<number | undefined> {
  const row = await tables(db)
    .updateTable("account_token")
    .set({ used_at: at })
    .where("token_hash", "=", hash)
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", at)
    .returning("insured_id")
    .executeTakeFirst();
  return row?.insured_id;
}

export async function loginLockedUntil(db: Db | Tx, email: string, at: Date): Promise<Date | undefined> {
  const row = await tables(db)
    .selectFrom("login_throttle")
    .select("locked_until")
    .where("email", "=", email)
    .where("locked_until", ">", at)
    .executeTakeFirst();
  return row?.locked_until ?? undefined;
}

/**
 * Counts a failed login for an address in one statement (concurrent failures all count): a failure
 * after the window restarts it; the failure that reaches the limit locks the address. Returns
 * whether the address is now locked.
 */
export async function recordLoginFailure(db: Db | Tx, email: string, at: Date): Promise<boolean> {
  const windowStart = new Date(at.getTime() - LOGIN_LOCK.windowMs);
  const lockEnd = new Date(at.getTime() + LOGIN_LOCK.lockMs);
  const expired = sql<boolean>`t.window_started_at <= ${windowStart}`;
  const failures = sql<number>`case when ${expired} then 1 else t.failures + 1 end`;
  const result = await sql<{ locked: boolean }>`
    insert into login_throttle as t (email, failures, window_started_at, locked_until)
    values (${email}, 1, ${at}, null)
    on conflict (email) do update set
      failures = ${failures},
      window_started_at = case when ${expired} then ${at} else t.window_started_at end,
      locked_until = case when ${failures} >= ${LOGIN_LOCK.maxFailures} then ${lockEnd} else t.locked_until end
    returning locked_until is not null and locked_until > ${at} as locked`.execute(db);
  return result.rows[0]?.locked === true;
}

export async function clearLoginFailures(db: Db | Tx, email: string): Promise<void> {
  await tables(db).deleteFrom("login_throttle").where("email", "=", email).execute();
}

/** Forgets failures whose window has passed and locks that have ended: they no longer count. */
export async function purgeLoginThrottles(db: Db | Tx, at: Date): Promise<number> {
  const result = await tables(db)
    .deleteFrom("login_throttle")
    .where("window_started_at", "<=", new Date(at.getTime() - LOGIN_LOCK.windowMs))
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<=", at)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
