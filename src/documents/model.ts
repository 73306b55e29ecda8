/**
 * Documents: what an upload must be to be kept, and the French sentence that explains each refusal.
 * Pure: the bytes are read, sniffed and scanned by the service.
 */

/** 10 Mo, the cap announced to people (DESIGN.md, ENGINEERING.md "Uploads"). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const ACCEPTED_MEDIA_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export type MediaType = (typeof ACCEPTED_MEDIA_TYPES)[number];

export type ScanStatus = "clean" | "not_scanned";
export type UploaderKind = "insured" | "representative" | "staff";

export interface Uploader {
  readonly kind: UploaderKind;
  readonly id: number;
}

/** A document as other contexts see it; where its bytes are kept stays inside this context. */
export interface StoredDocument {
  readonly id: string;
  readonly ownerId: number;
  readonly originalName: string;
  readonly mediaType: MediaType;
  readonly sizeBytes: number;
  readonly uploadedAt: Date;
  readonly scan: ScanStatus;
}

const MAX_NAME_LENGTH = 255;

/**
 * The name shown back to people: the last path segment (old browsers send C:\…\scan.pdf), without control
 * characters, never empty, at most 255 characters (the extension kept).
 */
export function displayName(raw: string): string {
  const base = (raw.split(/[\\/]/).at(-1) ?? "").replace(/\p{Cc}/gu, "").trim();
  if (base === "") return "document";
  if (base.length <= MAX_NAME_LENGTH) return base;
  const dot = base.lastIndexOf(".");
  const extension = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : "";
  return base.slice(0, MAX_NAME_LENGTH - extension.length) + extension;
}

/** "12,4 Mo": sizes as people read them (1 Mo = 1 048 576 octets, like the announced cap). */
export function megabytes(bytes: number): string {
  const value = bytes / (1024 * 1024);
  return `${value.toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Mo`;
}

/** What the reception of a file found before looking at its content. */
export interface ReceptionFacts {
  readonly originalName: string;
  readonly sizeBytes: number;
  /** More bytes came than the cap: reception stopped there, nothing past it was kept. */
  readonly tooLarge: boolean;
}

export type Check = { readonly ok: true } | { readonly ok: false; readonly message: string };

const ok: Check = { ok: true };

export function checkReception(file: ReceptionFacts): Check {
  const name = displayName(file.originalName);
  if (file.tooLarge) {
    return {
      ok: false,
      message: `Le fichier « ${name} » dépasse ${megabytes(MAX_UPLOAD_BYTES)}, la taille maximale : réduisez-le (numérisation en noir et blanc ou en résolution plus basse) ou envoyez-le en plusieurs fichiers.`,
    };
  }
  if (file.sizeBytes === 0) {
    return {
      ok: false,
      message: `Le fichier « ${name} » est vide : choisissez le bon fichier et renvoyez-le.`,
    };
  }
  return ok;
}

/** Formats people may recognise, named when a known but refused format is sent. */
const KNOWN_FORMATS: Readonly<Record<string, string>> = {
  gif: "une image GIF",
  webp: "une image WebP",
  heic: "une photo HEIC",
  heif: "une photo HEIF",
  tif: "une image TIFF",
  bmp: "une image BMP",
  docx: "un document Word",
  doc: "un document Word",
  odt: "un document OpenDocument",
  xlsx: "un classeur Excel",
  zip: "une archive ZIP",
  exe: "un programme",
};

export type SniffCheck =
  | { readonly ok: true; readonly mediaType: MediaType }
  | { readonly ok: false; readonly message: string };

/**
 * Decides from the sniffed content alone: the declared extension and MIME type are never trusted, and
 * the stored media type is the sniffed one.
 */
export function checkContent(
  originalName: string,
  sniffed: { readonly mime: string; readonly ext: string } | undefined,
): SniffCheck {
  if (sniffed && (ACCEPTED_MEDIA_TYPES as readonly string[]).includes(sniffed.mime)) {
    return { ok: true, mediaType: sniffed.mime as MediaType };
  }
  const name = displayName(originalName);
  const known = sniffed ? KNOWN_FORMATS[sniffed.ext] : undefined;
  return {
    ok: false,
    message: known
      ? `Le fichier « ${name} » est ${known} : seuls les PDF, JPEG et PNG sont acceptés. Enregistrez-le dans l'un de ces formats et renvoyez-le.`
      : `Le fichier « ${name} » n'est pas un PDF, un JPEG ou un PNG : son contenu ne correspond pas à ces formats.`,
  };
}

export type ScanVerdict =
  | { readonly kind: "clean" }
  | { readonly kind: "infected"; readonly signature: string }
  | { readonly kind: "unavailable"; readonly detail: string };

export function infectedMessage(originalName: string, signature: string): string {
  return `Le fichier « ${displayName(originalName)} » contient un virus (${signature}) : il n'a pas été enregistré.`;
}

export function scanUnavailableMessage(originalName: string): string {
  return `Le fichier « ${displayName(originalName)} » n'a pas pu être vérifié par l'antivirus pour le moment : il n'a pas été enregistré. Réessayez plus tard.`;
}

/** How to reach clamd: a Unix socket path, or host:port. */
export type ClamdAddress =
  | { readonly kind: "unix"; readonly path: string }
  | { readonly kind: "tcp"; readonly host: string; readonly port: number };

export function parseClamdAddress(raw: string): ClamdAddress {
  const tcp = /^\[?([^\]/]+?)\]?:(\d{1,5})$/.exec(raw);
  if (tcp && !raw.startsWith("/") && Number(tcp[2]) <= 65535) {
    return { kind: "tcp", host: tcp[1] as string, port: Number(tcp[2]) };
  }
  return { kind: "unix", path: raw };
}

/** clamd's answer to INSTREAM: "stream: OK", "stream: <signature> FOUND", or "<text> ERROR". */
export function readClamdReply(reply: string): ScanVerdict {
  const text = reply.replace(/\0+$/, "").trim();
  if (/^stream: OK$/.test(text)) return { kind: "clean" };
  const found = /^stream: (.+) FOUND$/.exec(text);
  if (found) return { kind: "infected", signature: found[1] as string };
  return { kind: "unavailable", detail: text === "" ? "no reply" : text };
}

/**
 * A filename for Content-Disposition: an ASCII fallback (no quote, backslash or control character) and
 * the exact name in RFC 5987 form for browsers that read it.
 */
export function contentDisposition(originalName: string): string {
  const name = displayName(originalName);
  const ascii =
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\x20-\x7e]|["\\;%]/g, "_") || "document";
  // RFC 5987 allows fewer characters than encodeURIComponent leaves as they are.
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
