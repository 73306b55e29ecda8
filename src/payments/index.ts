export type { Payment, PensionInPayment } from "./model.ts";
export { paymentDate } from "./model.ts";
export { paymentsRoutes } from "./routes.ts";
export { lastPayments, pensionsOf } from "./store.ts";
