import type { FastifyRequest } from "fastify";
import type { ReceivedFile } from "./storage.ts";

/** A posted multipart form: its text fields (a repeated field reads as its first value) and its files. */
export interface MultipartForm {
  readonly fields: Record<string, string>;
  readonly files: readonly ReceivedFile[];
}

declare module "fastify" {
  interface FastifyRequest {
    /** Files of a multipart request, received into the incoming folder; null for other requests. */
    receivedFiles: ReceivedFile[] | null;
  }
}

/**
 * The fields and files of a multipart form. By the time a handler runs, the whole form has been read and
 * its CSRF token checked (the fields land in `request.body` before the session plugin's check).
 */
export function readMultipartForm(request: FastifyRequest): MultipartForm {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries((request.body ?? {}) as Record<string, unknown>)) {
    const first = Array.isArray(value) ? value[0] : value;
    // The CSRF token has been checked already; it is not an answer of the form.
    if (typeof first === "string" && name !== "_csrf") fields[name] = first;
  }
  return { fields, files: request.receivedFiles ?? [] };
}
