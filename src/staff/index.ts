export { createAdministrator, ENROLMENT_LIFETIME_MS } from "./enrolment.ts";
export type { StaffMember, StaffRole } from "./model.ts";
export { ROLE_LABELS, STAFF_ROLES, seesFund } from "./model.ts";
export { staffRoutes } from "./routes.ts";
export { staffByEmail, staffById } from "./store.ts";
