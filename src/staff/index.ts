export type { StaffMember } from "./model.ts";
export { ROLE_LABELS, seesFund } from "./model.ts";
export { staffByEmail, staffById } from "./store.ts";
