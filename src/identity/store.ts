import type { Selectable } from "kysely";
import type { Db, Tx } from "../platform/db.ts";
import type { IdentityTables, Insured, InsuredTable, RepresentativeMandate } from "./model.ts";

function tables(db: Db | Tx) {
  return db.withTables<IdentityTables>();
}

function toInsured(row: Selectable<InsuredTable>): Insured {
  return {
    id: row.id,
    nir: row.nir.trim(),
    sex: row.sex,
    birthName: row.birth_name,
    lastName: row.last_name,
    firstNames: row.first_names,
    birthDate: row.birth_date,
    birthDepartment: row.birth_department,
    birthPlace: row.birth_place,
    address: { line: row.address_line, postcode: row.postcode, town: row.town, country: row.country },
    department: row.department,
    fundCode: row.fund_code,
    email: row.email,
    phone: row.phone,
    contactByEmail: row.contact_by_email,
    contactBySms: row.contact_by_sms,
    situation: {
      receivesAah: row.receives_aah,
      receivesRsa: row.receives_rsa,
      invalidityPension: row.invalidity_pension,
      disability: row.disability,
      livesAbroad: row.lives_abroad,
      selfEmployed: row.self_employed,
      fragile: row.fragile,
    },
  };
}

export async function insuredById(db: Db | Tx, id: number): Promise<Insured | undefined> {
  const row = await tables(db).selectFrom("insured").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toInsured(row);
}

export async function insuredByNir(db: Db | Tx, nir: string): Promise<Insured | undefined> {
  const row = await tables(db).selectFrom("insured").selectAll().where("nir", "=", nir).executeTakeFirst();
  return row && toInsured(row);
}

/** Mandates a representative holds, active or not; callers check the dates with `mandateIsActive`. */
export async function mandatesHeldBy(
  db: Db | Tx,
  representativeId: number,
): Promise<RepresentativeMandate[]> {
  const rows = await tables(db)
    .selectFrom("representative_mandate")
    .selectAll()
    .where("representative_id", "=", representativeId)
    .orderBy("starts_on")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    representativeId: row.representative_id,
    representedId: row.represented_id,
    kind: row.kind,
    scope: row.scope,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
  }));
}

/** The insured person owning the personal-space account with this e-mail. */
export async function insuredIdByAccountEmail(db: Db | Tx, email: string): Promise<number | undefined> {
  const row = await tables(db)
    .selectFrom("account")
    .select("insured_id")
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
  return row?.insured_id;
}
