import type { Selectable } from "kysely";
import type { Db, Tx } from "../platform/db.ts";
import type { BankAccount, BankAccountTable, NewBankDetails, ProfileTables } from "./model.ts";

function tables(db: Db | Tx) {
  return db.withTables<ProfileTables>();
}

function toBankAccount(row: Selectable<BankAccountTable>): BankAccount {
  return {
    id: row.id,
    holder: row.holder,
    iban: row.iban,
    bic: row.bic,
    status: row.status,
    requestedAt: row.requested_at,
    confirmedAt: row.confirmed_at,
  };
}

/** Every account of the person, newest request first. */
export async function bankAccountsOf(db: Db | Tx, insuredId: number): Promise<BankAccount[]> {
  const rows = await tables(db)
    .selectFrom("bank_account")
    .selectAll()
    .where("insured_id", "=", insuredId)
    .orderBy("requested_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map(toBankAccount);
}

export async function confirmedAccountOf(db: Db | Tx, insuredId: number): Promise<BankAccount | undefined> {
  const row = await tables(db)
    .selectFrom("bank_account")
    .selectAll()
    .where("insured_id", "=", insuredId)
    .where("status", "=", "confirmed")
    .executeTakeFirst();
  return row && toBankAccount(row);
}

/** A new request supersedes a request still pending: only the latest link can confirm. */
export async function insertPendingAccount(
  tx: Tx,
  request: NewBankDetails & { insuredId: number; tokenHash: string; expiresAt: Date; email: string },
): Promise<void> {
  await tables(tx)
    .updateTable("bank_account")
    .set({ status: "replaced", replaced_at: new Date(), token_hash: null })
    .where("insured_id", "=", request.insuredId)
    .where("status", "=", "pending")
    .execute();
  await tables(tx)
    .insertInto("bank_account")
    .values({
      insured_id: request.insuredId,
      holder: request.holder,
      iban: request.iban,
      bic: request.bic,
      status: "pending",
      confirmed_at: null,
      replaced_at: null,
      token_hash: request.tokenHash,
      token_expires_at: request.expiresAt,
      confirmation_email: request.email,
    })
    .execute();
}

/** The pending request this token confirms, locked; undefined when unknown, used or expired. */
export async function pendingByToken(
  tx: Tx,
  tokenHash: string,
  at: Date,
): Promise<(BankAccount & { insuredId: number }) | undefined> {
  const row = await tables(tx)
    .selectFrom("bank_account")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .where("status", "=", "pending")
    .where("token_expires_at", ">", at)
    .forUpdate()
    .executeTakeFirst();
  return row && { ...toBankAccount(row), insuredId: row.insured_id };
}

/**
 * Confirms the request (its token can no longer be used) and retires the account it replaces;
 * returns the e-mail address the replaced account was confirmed with.
 */
export async function confirmAccount(
  tx: Tx,
  account: { id: number; insuredId: number },
  at: Date,
): Promise<{ previousEmail: string | undefined }> {
  const previous = await tables(tx)
    .updateTable("bank_account")
    .set({ status: "replaced", replaced_at: at })
    .where("insured_id", "=", account.insuredId)
    .where("status", "=", "confirmed")
    .returning("confirmation_email")
    .executeTakeFirst();
  await tables(tx)
    .updateTable("bank_account")
    .set({ status: "confirmed", confirmed_at: at, token_hash: null })
    .where("id", "=", account.id)
    .execute();
  return { previousEmail: previous?.confirmation_email };
}
