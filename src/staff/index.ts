export { createAdministrator, ENROLMENT_LIFETIME_MS } from "./enrolment.ts";
export type { StaffMember } from "./model.ts";
export { ROLE_LABELS, seesFund } from "./model.ts";
export { staffByEmail, staffById } from "./store.ts";
