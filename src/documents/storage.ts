import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import type { Config } from "../platform/config.ts";
import { scanWithClamd } from "./clamd.ts";
import { MAX_UPLOAD_BYTES, type ScanVerdict } from "./model.ts";

/**
 * A file as it arrived, waiting in the incoming folder for `acceptUpload` to keep or refuse it. Files not
 * accepted are deleted when the response is sent.
 */
export interface ReceivedFile {
  /** The form field the file came in. */
  readonly fieldName: string;
  /** The name on the sender's machine: shown back, never used to store or to decide. */
  readonly originalName: string;
  /** Bytes kept: at most MAX_UPLOAD_BYTES. */
  readonly sizeBytes: number;
  /** The sender sent more than MAX_UPLOAD_BYTES: the file is refused, never kept truncated. */
  readonly tooLarge: boolean;
  readonly sha256: string;
  readonly path: string;
}

/** Where documents are kept, and the antivirus when one is configured. */
export interface DocumentStorage {
  readonly dir: string;
  readonly clamd: string | undefined;
}

const INCOMING = ".incoming";
// Read-write for the server's user only: nobody else on the machine reads people's proofs.
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;
/** Incoming files older than this were left by a stopped instance; a request never lasts this long. */
const STALE_INCOMING_MS = 24 * 60 * 60 * 1000;

export function documentStorage(config: Pick<Config, "uploadsDir" | "clamd">): DocumentStorage {
  return { dir: config.uploadsDir, clamd: config.clamd };
}

function incomingDir(storage: DocumentStorage): string {
  return join(storage.dir, INCOMING);
}

/** 32 random bytes in hex: the name a kept file has on disk, unrelated to anything the sender chose. */
export function newStorageName(): string {
  return randomBytes(32).toString("hex");
}

export function storedPath(storage: DocumentStorage, storageName: string): string {
  return join(storage.dir, storageName);
}

/**
 * Writes an arriving file into the incoming folder, hashing it on the way. Never holds more than one
 * chunk in memory; stops keeping bytes past MAX_UPLOAD_BYTES (the multipart parser stops reading there
 * too) and reports the file as too large.
 */
export async function receiveFile(
  storage: DocumentStorage,
  fieldName: string,
  originalName: string,
  source: AsyncIterable<Buffer> & { readonly truncated?: boolean },
): Promise<ReceivedFile> {
  await mkdir(incomingDir(storage), { recursive: true, mode: DIR_MODE });
  const path = join(incomingDir(storage), `${randomUUID()}.part`);
  const handle = await open(path, "wx", FILE_MODE);
  const hash = createHash("sha256");
  let sizeBytes = 0;
  let tooLarge = false;
  try {
    for await (const chunk of source) {
      if (tooLarge) continue;
      if (sizeBytes + chunk.length > MAX_UPLOAD_BYTES) {
        tooLarge = true;
        continue;
      }
      await handle.write(chunk);
      hash.update(chunk);
      sizeBytes += chunk.length;
    }
  } catch (error) {
    await handle.close();
    await rm(path, { force: true });
    throw error;
  }
  await handle.close();
  return {
    fieldName,
    originalName,
    sizeBytes,
    tooLarge: tooLarge || source.truncated === true,
    sha256: hash.digest("hex"),
    path,
  };
}

/** Moves an accepted file to its final name: a reader never sees a half-written document. */
export async function keepFile(
  storage: DocumentStorage,
  file: ReceivedFile,
  storageName: string,
): Promise<void> {
  await rename(file.path, storedPath(storage, storageName));
}

export async function discardFile(path: string): Promise<void> {
  await rm(path, { force: true });
}

export function readStored(storage: DocumentStorage, storageName: string): Readable {
  return createReadStream(storedPath(storage, storageName));
}

/** The antivirus verdict of clamd at `clamdAddress` on a received file. */
export async function scan(clamdAddress: string, file: ReceivedFile): Promise<ScanVerdict> {
  return scanWithClamd(clamdAddress, createReadStream(file.path));
}

/** Removes incoming files a stopped instance left behind (a crash between reception and response). */
export async function sweepIncoming(storage: DocumentStorage, now: Date): Promise<void> {
  const dir = incomingDir(storage);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info && now.getTime() - info.mtimeMs > STALE_INCOMING_MS) await rm(path, { force: true });
  }
}
