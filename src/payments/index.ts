export type { Payment, PensionInPayment } from "./model.ts";
export { firstPaymentDate, paymentDate } from "./model.ts";
export type { PensionStart } from "./service.ts";
export { startPension } from "./service.ts";
export { lastPayments, pensionsOf } from "./store.ts";
