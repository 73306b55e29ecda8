import type { Db, Tx } from "../platform/db.ts";
import type { StaffMember, StaffTables } from "./model.ts";

function members(db: Db | Tx) {
  return db
    .withTables<StaffTables>()
    .selectFrom("staff")
    .select(["id", "email", "display_name", "role", "fund_code", "active"]);
}

function toMember(row: {
  id: number;
  email: string;
  display_name: string;
  role: StaffMember["role"];
  fund_code: string | null;
  active: boolean;
}): StaffMember {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    fundCode: row.fund_code,
    active: row.active,
  };
}

export async function staffByEmail(db: Db | Tx, email: string): Promise<StaffMember | undefined> {
  const row = await members(db).where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
  return row && toMember(row);
}

export async function staffById(db: Db | Tx, id: number): Promise<StaffMember | undefined> {
  const row = await members(db).where("id", "=", id).executeTakeFirst();
  return row && toMember(row);
}
