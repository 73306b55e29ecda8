import { type RawBuilder, sql } from "kysely";
import type { Db } from "../platform/db.ts";
import type { SearchCriteria, SearchCursor, SearchHit } from "./model.ts";

/**
 * The back-office search reads the identity context's `insured` table (a read model: it changes
 * nothing). Indexes and their EXPLAIN are in migrations/0009_backoffice.sql and docs/backoffice.md.
 */

interface Row {
  id: number;
  last_name: string;
  birth_name: string;
  first_names: string;
  birth_date: string;
  nir: string;
  fund_code: string;
}

const toHit = (row: Row): SearchHit => ({
  id: row.id,
  lastName: row.last_name,
  birthName: row.birth_name,
  firstNames: row.first_names,
  birthDate: row.birth_date,
  nir: row.nir.trim(),
  fundCode: row.fund_code,
});

/**
 * The query of one page of people matching the criteria, in the fund `fundCode` (every fund when
 * null), in (last name, first names, id) order after `cursor`. The NIR is unique: at most one row.
 */
export function searchQuery(
  criteria: SearchCriteria,
  fundCode: string | null,
  cursor: SearchCursor | undefined,
  limit: number,
): RawBuilder<Row> {
  const inFund = fundCode === null ? sql`` : sql`and fund_code = ${fundCode}`;
  const columns = sql`id, last_name, birth_name, first_names, birth_date, nir, fund_code`;
  if (criteria.by === "nir")
    return sql<Row>`select ${columns} from insured where nir = ${criteria.nir} ${inFund}`;
  const lastName = `${criteria.lastName}%`;
  const firstName =
    criteria.firstName === undefined
      ? sql``
      : sql`and parcours_name_key(first_names) like ${`${criteria.firstName}%`}`;
  const after =
    cursor === undefined
      ? sql``
      : sql`and (parcours_name_key(last_name), parcours_name_key(first_names), id) > (${cursor.lastName}, ${cursor.firstNames}, ${cursor.id})`;
  return sql<Row>`
    select ${columns} from insured
     where birth_date = ${criteria.birthDate}
       and (parcours_name_key(last_name) like ${lastName}
            or (birth_name <> last_name and parcours_name_key(birth_name) like ${lastName}))
       ${firstName} ${inFund} ${after}
     order by parcours_name_key(last_name), parcours_name_key(first_names), id
     limit ${limit}`;
}

export async function searchInsured(
  db: Db,
  criteria: SearchCriteria,
  fundCode: string | null,
  cursor: SearchCursor | undefined,
  limit: number,
): Promise<SearchHit[]> {
  const { rows } = await searchQuery(criteria, fundCode, cursor, limit).execute(db);
  return rows.map(toHit);
}
