/**
 * Public face of the authorisation policy: staff roles, actions, principals and `decide`. Pure (no npm
 * package, no I/O), so any layer may import it. The Fastify guard (`guard.ts`) and the page chrome
 * (`view.ts`) are the web layer above every context: only route modules import them (docs/adr/0001).
 */
export type { Action, Decision, Principal, RefusalReason, Resource } from "./policy.ts";
export { decide, STAFF_ACTIONS, spaceOwner } from "./policy.ts";
export type { StaffRole } from "./roles.ts";
export { STAFF_ROLES } from "./roles.ts";
