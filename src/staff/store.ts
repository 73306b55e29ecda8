import type { Db, Tx } from "../platform/db.ts";
import type { StaffMember, StaffTables } from "./model.ts";

export async function staffByEmail(db: Db | Tx, email: string): Promise<StaffMember | undefined> {
  const row = await db
    .withTables<StaffTables>()
    .selectFrom("staff")
    .select(["id", "email", "display_name", "role", "fund_code", "active"])
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      role: row.role,
      fundCode: row.fund_code,
      active: row.active,
    }
  );
}
