export type { Payment, PensionInPayment } from "./model.ts";
export { lastPayments, pensionsOf } from "./store.ts";
