import type { Db, Tx } from "../platform/db.ts";
import type { Child, FamilyTables, Partnership } from "./model.ts";

export async function childrenOf(db: Db | Tx, parentId: number): Promise<Child[]> {
  const rows = await db
    .withTables<FamilyTables>()
    .selectFrom("child")
    .select(["id", "first_name", "birth_date", "adopted"])
    .where("parent_id", "=", parentId)
    .orderBy("birth_date")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    firstName: row.first_name,
    birthDate: row.birth_date,
    adopted: row.adopted,
  }));
}

export async function partnershipsOf(db: Db | Tx, insuredId: number): Promise<Partnership[]> {
  const rows = await db
    .withTables<FamilyTables>()
    .selectFrom("partnership")
    .selectAll()
    .where("insured_id", "=", insuredId)
    .orderBy("started_on")
    .execute();
  return rows.map((row) => ({
    kind: row.kind,
    partnerName: row.partner_name,
    partnerBirthDate: row.partner_birth_date,
    startedOn: row.started_on,
    endedOn: row.ended_on,
    endReason: row.end_reason,
  }));
}
