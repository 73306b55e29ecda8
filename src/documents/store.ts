import type { ColumnType, Selectable } from "kysely";
import type { Db, Tx } from "../platform/db.ts";
import type { MediaType, ScanStatus, StoredDocument, UploaderKind } from "./model.ts";

type DocumentTable = {
  id: string;
  insured_id: number;
  original_name: string;
  media_type: MediaType;
  size_bytes: number;
  storage_name: string;
  sha256: string;
  scan: ScanStatus;
  uploaded_by_kind: UploaderKind;
  uploaded_by_id: number;
  created_at: ColumnType<Date, Date, never>;
};

type DocumentTables = { document: DocumentTable };

function tables(db: Db | Tx) {
  return db.withTables<DocumentTables>();
}

export type DocumentRow = Selectable<DocumentTable>;

export function toStoredDocument(row: DocumentRow): StoredDocument {
  return {
    id: row.id,
    ownerId: row.insured_id,
    originalName: row.original_name,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
    uploadedAt: row.created_at,
    scan: row.scan,
  };
}

export async function insertDocument(db: Db | Tx, row: DocumentRow): Promise<void> {
  await tables(db).insertInto("document").values(row).execute();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Only well-formed ids reach the query: a uuid column refuses anything else with an error. */
function validIds(ids: readonly string[]): string[] {
  return [...new Set(ids.filter((id) => UUID.test(id)))];
}

export async function documentRows(db: Db | Tx, ids: readonly string[]): Promise<DocumentRow[]> {
  const valid = validIds(ids);
  if (valid.length === 0) return [];
  return tables(db)
    .selectFrom("document")
    .selectAll()
    .where("id", "in", valid)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function ownedDocumentRows(
  db: Db | Tx,
  ownerId: number,
  ids: readonly string[],
): Promise<DocumentRow[]> {
  const valid = validIds(ids);
  if (valid.length === 0) return [];
  return tables(db)
    .selectFrom("document")
    .selectAll()
    .where("insured_id", "=", ownerId)
    .where("id", "in", valid)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** Deletes the rows and returns the storage names of the files to remove. */
export async function deleteDocumentRows(db: Db | Tx, ids: readonly string[]): Promise<string[]> {
  const valid = validIds(ids);
  if (valid.length === 0) return [];
  const rows = await tables(db)
    .deleteFrom("document")
    .where("id", "in", valid)
    .returning("storage_name")
    .execute();
  return rows.map((row) => row.storage_name);
}
