/**
 * Every staff role (the `staff_role` type of migrations/0005), in the order lists and forms show them.
 * The roles belong to the policy that grants them rights: `staff` manages accounts that carry one, and
 * imports them from here, so the policy never depends on the staff context.
 */
export const STAFF_ROLES = [
  "advisor",
  "case_worker",
  "complaint_handler",
  "social_worker",
  "fund_manager",
  "national_manager",
  "administrator",
] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];
