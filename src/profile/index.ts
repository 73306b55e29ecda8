import type { Db, Tx } from "../platform/db.ts";
import type { BankAccount } from "./model.ts";
import { confirmedAccountOf } from "./store.ts";

export { checkIban } from "./bankDetails.ts";
export type { BankAccount, BankAccountStatus } from "./model.ts";
export { maskIban } from "./model.ts";
export { bankAccountsOf } from "./store.ts";

/** The account the next payment goes to: the last confirmed one; a pending request never counts. */
export function accountForNextPayment(db: Db | Tx, insuredId: number): Promise<BankAccount | undefined> {
  return confirmedAccountOf(db, insuredId);
}
