export type { StaffMember, StaffRole } from "./model.ts";
export { seesFund } from "./model.ts";
export { staffByEmail, staffById } from "./store.ts";
