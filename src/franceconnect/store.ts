import type { Db } from "../platform/db.ts";
import type { InsuredCandidate } from "./model.ts";

/**
 * The columns of the identity context's `insured` table that matching reads (read-only). The birth
 * date narrows the base to a few dozen people per day even at millions of people; the names are
 * compared in `matchInsured`, after normalisation that SQL cannot express on both engines alike.
 */
type InsuredColumns = {
  insured: {
    id: number;
    nir: string;
    sex: "F" | "M";
    birth_name: string;
    first_names: string;
    birth_date: string;
    birth_department: string;
  };
};

export async function insuredBornOn(db: Db, birthDate: string): Promise<InsuredCandidate[]> {
  const rows = await db
    .withTables<InsuredColumns>()
    .selectFrom("insured")
    .select(["id", "nir", "sex", "birth_name", "first_names", "birth_date", "birth_department"])
    .where("birth_date", "=", birthDate)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    nir: row.nir.trim(),
    sex: row.sex,
    birthName: row.birth_name,
    firstNames: row.first_names,
    birthDate: row.birth_date,
    birthDepartment: row.birth_department,
  }));
}
