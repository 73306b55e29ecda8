export type { StaffMember, StaffRole } from "./model.ts";
export { ROLE_LABELS, STAFF_ROLES, seesFund } from "./model.ts";
export { staffRoutes } from "./routes.ts";
export { staffByEmail, staffById } from "./store.ts";
