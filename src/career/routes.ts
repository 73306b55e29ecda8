import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { traceRepresentativeRead } from "../access/guard.ts";
import { renderPage } from "../access/view.ts";
import { apiErrorSchema } from "../platform/api.ts";
import type { Db } from "../platform/db.ts";
import { frenchDayOfInstant as frenchToday } from "../platform/format.ts";
import { checkMessage, NOT_OFFERED, QUARTER_LABELS, SCHEME_LABELS } from "./messages.ts";
import { CAREER_SCHEMES, QUARTER_KINDS, totalQuarters } from "./model.ts";
import { type CareerStatementView, careerStatementFor } from "./service.ts";
import { statementPdf } from "./statementPdf.ts";
import { CAREER_PATH, careerStatementPage, notOfferedPage, STATEMENT_PDF_PATH } from "./views.ts";

export interface CareerRoutesOptions {
  readonly db: Db;
  readonly now?: () => Date;
}

const quarterCountsSchema = {
  type: "object",
  required: [...QUARTER_KINDS],
  properties: Object.fromEntries(
    QUARTER_KINDS.map((kind) => [kind, { type: "integer", description: QUARTER_LABELS[kind] }]),
  ),
} as const;

const schemeSchema = {
  type: "string",
  enum: [...CAREER_SCHEMES],
  description: Object.entries(SCHEME_LABELS)
    .map(([code, label]) => `${code} : ${label}`)
    .join(" ; "),
} as const;

const period = {
  type: "object",
  required: ["from", "to"],
  properties: { from: { type: "integer" }, to: { type: "integer" } },
} as const;

const careerSchema = {
  type: "object",
  required: ["years", "byKind", "total", "schemes", "childQuarters", "totalWithChildQuarters", "checks"],
  properties: {
    years: {
      type: "array",
      items: {
        type: "object",
        required: ["year", "scheme", "employer", "salary", "quarters", "total"],
        properties: {
          year: { type: "integer" },
          scheme: schemeSchema,
          employer: { type: ["string", "null"] },
          salary: { type: "integer", description: "Revenus bruts de l'année, en euros." },
          quarters: quarterCountsSchema,
          total: { type: "integer" },
        },
      },
    },
    byKind: quarterCountsSchema,
    total: { type: "integer", description: "Trimestres de tous les régimes, hors enfants." },
    schemes: {
      description: "Relevé de tous régimes : les trimestres de chaque régime.",
      type: "array",
      items: {
        type: "object",
        required: ["scheme", "firstYear", "lastYear", "quarters", "total"],
        properties: {
          scheme: schemeSchema,
          firstYear: { type: "integer" },
          lastYear: { type: "integer" },
          quarters: quarterCountsSchema,
          total: { type: "integer" },
        },
      },
    },
    childQuarters: {
      type: "object",
      required: ["total", "awards"],
      properties: {
        total: { type: "integer" },
        awards: {
          type: "array",
          items: {
            type: "object",
            required: ["firstName", "reason", "quarters"],
            properties: {
              firstName: { type: ["string", "null"] },
              reason: { type: "string", enum: ["maternity", "adoption", "education"] },
              quarters: { type: "integer" },
            },
          },
        },
      },
    },
    totalWithChildQuarters: { type: "integer" },
    checks: {
      description: "Points à vérifier, dans l'ordre de la carrière, avec leur texte à montrer tel quel.",
      type: "array",
      items: {
        type: "object",
        required: ["kind", "title", "text", "proof"],
        properties: {
          kind: {
            type: "string",
            enum: ["wageWithoutQuarter", "gap", "missingUnemployment", "missingMilitaryService", "abroad"],
          },
          year: { type: "integer" },
          period,
          title: { type: "string" },
          text: { type: "string" },
          proof: { type: "string" },
        },
      },
    },
  },
} as const;

/** The career statement (/espace/carriere), its PDF, and its JSON counterpart (/api/v1/me/career). */
export async function careerRoutes(app: FastifyInstance, options: CareerRoutesOptions): Promise<void> {
  const now = options.now ?? (() => new Date());

  /** The statement of the open space; a representative's reading is traced as theirs. */
  async function statementOf(request: FastifyRequest) {
    if (!request.offer) return undefined;
    const view = await careerStatementFor(options.db, request.offer);
    await traceRepresentativeRead(options.db, request, "career.read");
    return view;
  }

  // A retiree is not offered the statement: the page says why; the API answers with its error.
  const notOffered = (request: FastifyRequest, reply: FastifyReply) => {
    reply.code(403);
    return renderPage(request, reply, { title: "Ma carrière", path: CAREER_PATH, main: notOfferedPage() });
  };
  const notOfferedJson = (_request: FastifyRequest, reply: FastifyReply) =>
    reply.code(403).send({ error: { code: "not_offered", message: NOT_OFFERED } });

  const actingFor = (request: FastifyRequest) =>
    request.principal.kind === "insured" && request.principal.actingFor !== null;

  app.get(
    CAREER_PATH,
    {
      config: {
        action: "space.view",
        service: "careerStatement",
        notOffered,
        siteMap: { label: "Ma carrière" },
      },
    },
    async (request, reply) => {
      const view = await statementOf(request);
      if (!view) return reply.callNotFound();
      return renderPage(request, reply, {
        title: actingFor(request) ? `Carrière de ${view.ownerName}` : "Ma carrière",
        path: CAREER_PATH,
        main: careerStatementPage(view, actingFor(request), frenchToday(now())),
      });
    },
  );

  const pdfConfig = { action: "space.view", service: "careerStatement", notOffered } as const;
  app.get(STATEMENT_PDF_PATH, { config: pdfConfig }, async (request, reply) => {
    const view = await statementOf(request);
    if (!view) return reply.callNotFound();
    const pdf = await statementPdf(view, frenchToday(now()));
    return reply
      .type("application/pdf")
      .header("content-disposition", 'attachment; filename="releve-de-carriere.pdf"')
      .header("cache-control", "no-store")
      .send(pdf);
  });

  app.get(
    "/api/v1/me/career",
    {
      config: { action: "space.view", service: "careerStatement", notOffered: notOfferedJson },
      schema: {
        summary: "Le relevé de carrière de la personne dont l'espace est ouvert, et les points à vérifier",
        tags: ["espace personnel"],
        response: { 200: careerSchema, 403: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const view = await statementOf(request);
      if (!view) return reply.callNotFound();
      return careerJson(view);
    },
  );
}

function careerJson({ statement }: CareerStatementView) {
  return {
    years: statement.years.map((line) => ({ ...line, total: totalQuarters(line.quarters) })),
    byKind: statement.byKind,
    total: statement.total,
    schemes: statement.schemes,
    childQuarters: {
      total: statement.childQuartersTotal,
      awards: statement.childQuarters.map(({ firstName, reason, quarters }) => ({
        firstName,
        reason,
        quarters,
      })),
    },
    totalWithChildQuarters: statement.totalWithChildQuarters,
    checks: statement.checks.map((check) => ({
      kind: check.kind,
      ...(check.kind === "wageWithoutQuarter" ? { year: check.year } : {}),
      ...(check.kind === "gap" || check.kind === "missingUnemployment" || check.kind === "abroad"
        ? { period: check.period }
        : {}),
      ...checkMessage(check),
    })),
  };
}
