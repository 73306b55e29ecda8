import { finished } from "node:stream/promises";
import multipart, { type MultipartFile } from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { traceRepresentativeRead } from "../access/guard.ts";
import { spaceOwner } from "../access/index.ts";
import { insuredById } from "../identity/index.ts";
import { recordAudit } from "../platform/audit.ts";
import type { Db } from "../platform/db.ts";
import { contentDisposition, MAX_UPLOAD_BYTES } from "./model.ts";
import { documentForDownload } from "./service.ts";
import { type DocumentStorage, discardFile, receiveFile, sweepIncoming } from "./storage.ts";

export interface DocumentsPluginOptions {
  readonly db: Db;
  readonly storage: DocumentStorage;
}

/** Bounds on one form: a claim step carries a handful of proofs and short answers. */
export const MULTIPART_LIMITS = {
  fileSize: MAX_UPLOAD_BYTES,
  files: 10,
  fields: 100,
  fieldSize: 100 * 1024,
  parts: 110,
  headerPairs: 100,
} as const;

/**
 * Multipart forms for every route (pages post `enctype="multipart/form-data"` without JavaScript), and
 * the two download routes: the person's own (or represented person's) documents, and staff's, audited.
 */
export const documentsPlugin = fp(async (app: FastifyInstance, options: DocumentsPluginOptions) => {
  const { db, storage } = options;
  await sweepIncoming(storage, new Date());

  app.decorateRequest("receivedFiles", null);
  await app.register(multipart, {
    limits: MULTIPART_LIMITS,
    // Fields become plain strings in request.body, so the CSRF check reads `_csrf` as for any form.
    attachFieldsToBody: "keyValues",
    // A file over the cap is reported by `tooLarge`, not thrown: the form comes back with its message.
    throwFileSizeLimit: false,
    async onFile(this: FastifyRequest, part: MultipartFile) {
      // An input left without a file still sends an empty part with an empty name: not a file.
      if (part.filename === "") {
        part.file.resume();
        await finished(part.file);
        return;
      }
      this.receivedFiles ??= [];
      this.receivedFiles.push(await receiveFile(storage, part.fieldname, part.filename, part.file));
    },
  });

  // Files no handler accepted are deleted before the answer leaves: nothing lingers after a refusal.
  const discardReceived = async (request: FastifyRequest) => {
    if (!request.receivedFiles) return;
    await Promise.all(request.receivedFiles.map((file) => discardFile(file.path)));
  };
  app.addHook("onSend", async (request) => discardReceived(request));
  app.addHook("onRequestAbort", async (request) => discardReceived(request));

  const found = new WeakMap<FastifyRequest, Awaited<ReturnType<typeof documentForDownload>>>();

  async function lookUp(request: FastifyRequest) {
    const { id } = request.params as { id: string };
    const document = await documentForDownload(db, storage, id);
    found.set(request, document);
    return document;
  }

  function resolved(request: FastifyRequest) {
    const download = found.get(request);
    if (!download) throw new Error("document resource not resolved");
    return download;
  }

  function send(reply: FastifyReply, request: FastifyRequest) {
    const download = resolved(request);
    const { document } = download;
    return reply
      .type(document.mediaType)
      .header("content-length", document.sizeBytes)
      .header("content-disposition", contentDisposition(document.originalName))
      .header("x-content-type-options", "nosniff")
      .header("cache-control", "private, no-store")
      .send(download.content());
  }

  app.get(
    "/espace/documents/:id",
    {
      config: {
        action: "space.view",
        // Someone else's document and a document that does not exist answer alike: 404.
        async resource(request) {
          if (request.principal.kind !== "insured") return {};
          const download = await lookUp(request);
          const owner = spaceOwner(request.principal);
          return download?.document.ownerId === owner ? { insuredId: owner } : undefined;
        },
      },
    },
    async (request, reply) => {
      await traceRepresentativeRead(db, request, "document.read");
      return send(reply, request);
    },
  );

  app.get(
    "/agent/documents/:id",
    {
      config: {
        action: "insured.read",
        async resource(request) {
          const download = await lookUp(request);
          const owner = download && (await insuredById(db, download.document.ownerId));
          return owner ? { insuredId: owner.id, fundCode: owner.fundCode } : undefined;
        },
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      const { document } = resolved(request);
      if (principal.kind !== "staff") throw new Error("insured.read admits staff only");
      await recordAudit(db, {
        actorKind: "staff",
        actorId: principal.staffId,
        action: "document.read",
        insuredId: document.ownerId,
        reason: `Consultation du document « ${document.originalName} »`,
        details: { documentId: document.id, url: request.url },
      });
      return send(reply, request);
    },
  );
});
