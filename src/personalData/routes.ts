import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { auditActor } from "../access/guard.ts";
import { spaceOwner } from "../access/index.ts";
import { renderPage } from "../access/view.ts";
import { displayNameOf, insuredById } from "../identity/index.ts";
import type { Db } from "../platform/db.ts";
import type { CorrectionForm } from "./model.ts";
import { exportPersonalData, personalDataOf, requestCorrection } from "./service.ts";
import {
  CORRECTION_PATH,
  correctionReceivedPage,
  JSON_EXPORT_PATH,
  PDF_EXPORT_PATH,
  PERSONAL_DATA_PATH,
  personalDataPage,
  personalDataPdf,
} from "./views.ts";

export interface PersonalDataRoutesOptions {
  readonly db: Db;
  readonly now?: () => Date;
}

function ownerOf(request: FastifyRequest): number {
  if (request.principal.kind !== "insured") throw new Error("space.view admits insured people only");
  return spaceOwner(request.principal);
}

function fileName(name: string, extension: string): string {
  const slug = name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, "-");
  return `attachment; filename="mes-donnees-${slug}.${extension}"`;
}

/** The right of access (download everything, JSON and PDF) and the right to rectification. */
export async function personalDataRoutes(app: FastifyInstance, options: PersonalDataRoutesOptions) {
  const now = options.now ?? (() => new Date());

  async function showPage(
    request: FastifyRequest,
    reply: FastifyReply,
    form: CorrectionForm,
    errors?: object,
  ) {
    const owner = await insuredById(options.db, ownerOf(request));
    if (!owner) return reply.callNotFound();
    return renderPage(request, reply, {
      title: "Mes données",
      path: PERSONAL_DATA_PATH,
      main: personalDataPage({
        csrfToken: request.csrfToken(),
        data: await personalDataOf(options.db, owner),
        form,
        ...(errors ? { errors } : {}),
      }),
    });
  }

  app.get(
    PERSONAL_DATA_PATH,
    { config: { action: "space.view", siteMap: { label: "Mes données" } } },
    async (request, reply) => showPage(request, reply, { topic: "", correction: "" }),
  );

  app.get(JSON_EXPORT_PATH, { config: { action: "space.view" } }, async (request, reply) => {
    const result = await exportPersonalData(
      options.db,
      ownerOf(request),
      auditActor(request.principal),
      "json",
    );
    if (!result) return reply.callNotFound();
    reply.header("content-disposition", fileName(displayNameOf(result.owner), "json"));
    reply.type("application/json; charset=utf-8");
    return JSON.stringify({ generatedAt: now().toISOString(), ...result.data }, null, 2);
  });

  app.get(PDF_EXPORT_PATH, { config: { action: "space.view" } }, async (request, reply) => {
    const result = await exportPersonalData(
      options.db,
      ownerOf(request),
      auditActor(request.principal),
      "pdf",
    );
    if (!result) return reply.callNotFound();
    reply.header("content-disposition", fileName(displayNameOf(result.owner), "pdf"));
    reply.type("application/pdf");
    return personalDataPdf(displayNameOf(result.owner), result.data, now());
  });

  app.post(CORRECTION_PATH, { config: { action: "space.view" } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    const form = { topic: String(body.donnees ?? ""), correction: String(body.correction ?? "") };
    const owner = await insuredById(options.db, ownerOf(request));
    if (!owner) return reply.callNotFound();
    const outcome = await requestCorrection(options.db, owner, auditActor(request.principal), form);
    if (!outcome.ok) {
      reply.code(400);
      return showPage(request, reply, form, outcome.errors);
    }
    return renderPage(request, reply, {
      title: "Demande de correction enregistrée",
      path: PERSONAL_DATA_PATH,
      main: correctionReceivedPage(outcome.id, outcome.mailedTo),
    });
  });
}
