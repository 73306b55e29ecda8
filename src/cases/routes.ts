import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { traceRepresentativeRead } from "../access/guard.ts";
import { type Principal, spaceOwner } from "../access/index.ts";
import { renderPage } from "../access/view.ts";
import {
  acceptUpload,
  type DocumentStorage,
  deleteDocuments,
  documentsOf,
  type ReceivedFile,
  readMultipartForm,
} from "../documents/index.ts";
import type { Db } from "../platform/db.ts";
import type { Html } from "../platform/html.ts";
import {
  type CaseActor,
  type CaseDetail,
  CaseError,
  MESSAGE_MAX_LENGTH,
  PROOF_COMMENT_MAX_LENGTH,
} from "./model.ts";
import { ownCaseResource } from "./resource.ts";
import { answerProofRequest, casesOf, markRead, postMessage } from "./service.ts";
import {
  CASES_PATH,
  casePage,
  casePagePath,
  casesPage,
  MESSAGE_INPUTS,
  type PageForm,
  PROOF_INPUTS,
} from "./views.ts";

export interface CasesRoutesOptions {
  readonly db: Db;
  readonly publicUrl: string;
  readonly storage: DocumentStorage;
  readonly now?: () => Date;
}

type InsuredPrincipal = Extract<Principal, { kind: "insured" }>;

function insured(request: FastifyRequest): InsuredPrincipal {
  if (request.principal.kind !== "insured") throw new Error("space.view admits insured people only");
  return request.principal;
}

/** The person, or their representative acting as themselves. */
function actorOf(
  principal: InsuredPrincipal,
): CaseActor & { kind: "insured" | "representative"; id: number } {
  return { kind: principal.actingFor ? "representative" : "insured", id: principal.insuredId };
}

/** The insured person's cases: the list, one case's page, and the forms of that page. */
export async function casesRoutes(app: FastifyInstance, options: CasesRoutesOptions): Promise<void> {
  const { db, storage } = options;
  const now = options.now ?? (() => new Date());
  const { resource: ownCase, caseOf: caseOfRequest } = ownCaseResource(db, now);

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    detail: CaseDetail,
    extra: { sent?: "justificatif" | "message" | undefined; form?: PageForm } = {},
  ) {
    const ids = detail.events.flatMap((event) => event.documentIds);
    const documents = new Map((await documentsOf(db, detail.insuredId, ids)).map((d) => [d.id, d]));
    const main: Html = casePage({
      detail,
      documents,
      csrfToken: request.csrfToken(),
      ...extra,
    });
    return renderPage(request, reply, { title: `Dossier ${detail.reference}`, main, path: CASES_PATH });
  }

  /**
   * Keeps every file, or none: when one is refused, those already kept are deleted so that nothing is
   * attached half-way; the refusals are returned, one sentence each.
   */
  async function keepAll(
    principal: InsuredPrincipal,
    files: readonly ReceivedFile[],
  ): Promise<{ ok: true; ids: string[] } | { ok: false; message: string }> {
    const kept: string[] = [];
    const refusals: string[] = [];
    for (const file of files) {
      const result = await acceptUpload(db, storage, {
        ownerId: spaceOwner(principal),
        uploadedBy: actorOf(principal),
        file,
        now: now(),
      });
      if (result.ok) kept.push(result.document.id);
      else refusals.push(result.message);
    }
    if (refusals.length === 0) return { ok: true, ids: kept };
    await deleteDocuments(db, storage, kept);
    return { ok: false, message: refusals.join(" ") };
  }

  app.get(
    CASES_PATH,
    { config: { action: "space.view", siteMap: { label: "Mes dossiers", service: "caseTracking" } } },
    async (request, reply) => {
      await traceRepresentativeRead(db, request, "cases.list");
      const cases = await casesOf(db, spaceOwner(insured(request)), now());
      return renderPage(request, reply, { title: "Mes dossiers", main: casesPage(cases), path: CASES_PATH });
    },
  );

  app.get(
    `${CASES_PATH}/:reference`,
    { config: { action: "space.view", resource: ownCase } },
    async (request, reply) => {
      const detail = caseOfRequest(request);
      await traceRepresentativeRead(db, request, "case.read");
      // What the person has now seen on the page is marked read for the case worker.
      await markRead(db, detail.id, "insured", now());
      const sent = (request.query as Record<string, string | undefined>).envoye;
      return show(request, reply, detail, {
        sent: sent === "justificatif" || sent === "message" ? sent : undefined,
      });
    },
  );

  app.post(
    `${CASES_PATH}/:reference/justificatifs/:eventId`,
    { config: { action: "space.view", resource: ownCase } },
    async (request, reply) => {
      const principal = insured(request);
      const detail = caseOfRequest(request);
      const eventId = Number((request.params as { eventId: string }).eventId);
      const form = readMultipartForm(request);
      const proofRequest = detail.openProofRequests.find((r) => r.eventId === eventId);
      // Already answered (a second click, a replayed form): the page shows where things stand.
      if (!proofRequest) return reply.redirect(`${casePagePath(detail.reference)}#attendu`, 303);
      const comment = (form.fields[`${PROOF_INPUTS.comment}-${eventId}`] ?? "").trim();
      const files = form.files.filter((file) => file.fieldName === `${PROOF_INPUTS.file}-${eventId}`);
      const refuse = (errors: { file?: string; comment?: string }) => {
        reply.code(400);
        return show(request, reply, detail, { form: { kind: "proof", eventId, comment, errors } });
      };
      if (comment.length > PROOF_COMMENT_MAX_LENGTH)
        return refuse({
          comment: `Le commentaire compte ${comment.length} caractères ; raccourcissez-le à ${PROOF_COMMENT_MAX_LENGTH} au plus.`,
        });
      if (files.length === 0) return refuse({ file: "Choisissez le fichier du justificatif à envoyer." });
      const kept = await keepAll(principal, files);
      if (!kept.ok) return refuse({ file: kept.message });
      try {
        await answerProofRequest(db, detail.id, eventId, {
          documentIds: kept.ids,
          body: comment,
          actor: actorOf(principal),
          at: now(),
        });
      } catch (error) {
        await deleteDocuments(db, storage, kept.ids);
        if (!(error instanceof CaseError)) throw error;
        // Answered meanwhile from another tab: nothing more is needed.
        return reply.redirect(`${casePagePath(detail.reference)}#attendu`, 303);
      }
      return reply.redirect(`${casePagePath(detail.reference)}?envoye=justificatif`, 303);
    },
  );

  app.post(
    `${CASES_PATH}/:reference/messages`,
    { config: { action: "space.view", resource: ownCase } },
    async (request, reply) => {
      const principal = insured(request);
      const detail = caseOfRequest(request);
      const form = readMultipartForm(request);
      const body = form.fields[MESSAGE_INPUTS.body] ?? "";
      const files = form.files.filter((file) => file.fieldName === MESSAGE_INPUTS.files);
      const refuse = (errors: { body?: string; files?: string }) => {
        reply.code(400);
        return show(request, reply, detail, { form: { kind: "message", body, errors } });
      };
      const trimmed = body.trim();
      if (!trimmed) return refuse({ body: "Écrivez votre message avant de l'envoyer." });
      if (trimmed.length > MESSAGE_MAX_LENGTH)
        return refuse({
          body: `Votre message compte ${trimmed.length} caractères ; raccourcissez-le à ${MESSAGE_MAX_LENGTH.toLocaleString("fr-FR")} au plus.`,
        });
      const kept = await keepAll(principal, files);
      if (!kept.ok) return refuse({ files: kept.message });
      await postMessage(db, detail.id, {
        body: trimmed,
        documentIds: kept.ids,
        actor: actorOf(principal),
        at: now(),
        publicUrl: options.publicUrl,
      });
      return reply.redirect(`${casePagePath(detail.reference)}?envoye=message#messages`, 303);
    },
  );
}
