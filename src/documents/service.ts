import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { fileTypeFromFile } from "file-type";
import type { Db, Tx } from "../platform/db.ts";
import {
  checkContent,
  checkReception,
  displayName,
  infectedMessage,
  type ScanStatus,
  type StoredDocument,
  scanUnavailableMessage,
  type Uploader,
} from "./model.ts";
import {
  type DocumentStorage,
  discardFile,
  keepFile,
  newStorageName,
  type ReceivedFile,
  readStored,
  scan,
  storedPath,
} from "./storage.ts";
import {
  deleteDocumentRows,
  documentRows,
  insertDocument,
  ownedDocumentRows,
  toStoredDocument,
} from "./store.ts";

export type UploadResult =
  | { readonly ok: true; readonly document: StoredDocument }
  | { readonly ok: false; readonly message: string };

export interface UploadInput {
  /** The person whose file it is (the represented person when a representative uploads). */
  readonly ownerId: number;
  readonly uploadedBy: Uploader;
  readonly file: ReceivedFile;
  readonly now?: Date;
}

/**
 * Keeps a received file as a document of `ownerId`, or refuses it with the sentence to show next to the
 * file input. Checks, in order: size, emptiness, content (sniffed), virus (when clamd is configured: an
 * unreachable daemon refuses, it never lets a file through unscanned). A refused file is deleted at once.
 */
export async function acceptUpload(
  db: Db | Tx,
  storage: DocumentStorage,
  input: UploadInput,
): Promise<UploadResult> {
  const { file } = input;
  const refuse = async (message: string): Promise<UploadResult> => {
    await discardFile(file.path);
    return { ok: false, message };
  };
  const reception = checkReception(file);
  if (!reception.ok) return refuse(reception.message);
  const content = checkContent(file.originalName, await fileTypeFromFile(file.path));
  if (!content.ok) return refuse(content.message);

  let scanStatus: ScanStatus = "not_scanned";
  if (storage.clamd !== undefined) {
    const verdict = await scan(storage.clamd, file);
    if (verdict.kind === "infected") return refuse(infectedMessage(file.originalName, verdict.signature));
    if (verdict.kind === "unavailable") return refuse(scanUnavailableMessage(file.originalName));
    scanStatus = "clean";
  }

  const storageName = newStorageName();
  const row = {
    id: randomUUID(),
    insured_id: input.ownerId,
    original_name: displayName(file.originalName),
    media_type: content.mediaType,
    size_bytes: file.sizeBytes,
    storage_name: storageName,
    sha256: file.sha256,
    scan: scanStatus,
    uploaded_by_kind: input.uploadedBy.kind,
    uploaded_by_id: input.uploadedBy.id,
    created_at: input.now ?? new Date(),
  };
  await keepFile(storage, file, storageName);
  try {
    await insertDocument(db, row);
  } catch (error) {
    await discardFile(storedPath(storage, storageName));
    throw error;
  }
  return { ok: true, document: toStoredDocument(row) };
}

/** The owner's documents among `ids`, oldest first; ids of someone else's documents or unknown are ignored. */
export async function documentsOf(
  db: Db | Tx,
  ownerId: number,
  ids: readonly string[],
): Promise<StoredDocument[]> {
  return (await ownedDocumentRows(db, ownerId, ids)).map(toStoredDocument);
}

/**
 * Deletes documents and their files (an expired or abandoned draft's proofs). Rows go first: a file
 * whose row is gone can no longer be served, whereas a row without its file would be.
 */
export async function deleteDocuments(
  db: Db | Tx,
  storage: DocumentStorage,
  ids: readonly string[],
): Promise<number> {
  const names = await deleteDocumentRows(db, ids);
  await Promise.all(names.map((name) => discardFile(storedPath(storage, name))));
  return names.length;
}

/** A document and its bytes, for a download route that has already checked who may read it. */
export async function documentForDownload(
  db: Db | Tx,
  storage: DocumentStorage,
  id: string,
): Promise<{ document: StoredDocument; content: () => Readable } | undefined> {
  const row = (await documentRows(db, [id]))[0];
  if (!row) return undefined;
  return { document: toStoredDocument(row), content: () => readStored(storage, row.storage_name) };
}
