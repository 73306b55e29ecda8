import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaValidationError } from "fastify";
import { decide, type Principal } from "../access/index.ts";
import { renderPage } from "../access/view.ts";
import { type Insured, insuredById, maskNir } from "../identity/index.ts";
import { apiErrorSchema } from "../platform/api.ts";
import type { Db } from "../platform/db.ts";
import { formField } from "../platform/dsfr/index.ts";
import { ROLE_LABELS, staffById } from "../staff/index.ts";
import {
  decodeCursor,
  encodeCursor,
  OPENING_REASONS,
  type OpeningReason,
  readCriteria,
  readReason,
  reasonText,
  type SearchInput,
} from "./model.ts";
import { openFile, type StaffPrincipal, search } from "./service.ts";
import {
  EMPTY_SEARCH,
  filePage,
  fundName,
  homeWithoutSearch,
  reasonPage,
  type SearchValues,
  searchPage,
} from "./views.ts";

export interface BackofficeRoutesOptions {
  readonly db: Db;
}

/** Every back-office route passes the policy first, so the principal is a staff member here. */
function staffOf(request: FastifyRequest): StaffPrincipal {
  const principal: Principal = request.principal;
  if (principal.kind !== "staff") throw new Error("back-office route reached without a staff principal");
  return principal;
}

function scopeSentence(staff: StaffPrincipal): string {
  return staff.fundCode === null
    ? "Vous voyez les assurés de toutes les caisses."
    : `Vous voyez les assurés de votre caisse : ${fundName(staff.fundCode)}.`;
}

// ---------------------------------------------------------------- JSON API schemas

const errorSchema = apiErrorSchema;

const errorResponses = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

const searchBodySchema = {
  type: "object",
  additionalProperties: false,
  description: "Soit `nir`, soit `lastName` et `birthDate` (avec `firstName` si besoin).",
  properties: {
    nir: { type: "string", maxLength: 40, description: "Numéro de sécurité sociale, clé comprise" },
    lastName: { type: "string", maxLength: 100, description: "Début du nom de naissance ou d'usage" },
    firstName: { type: "string", maxLength: 100, description: "Début du prénom" },
    birthDate: { type: "string", format: "date", description: "Date de naissance (AAAA-MM-JJ)" },
    after: { type: "string", maxLength: 400, description: "Valeur `next` de la page précédente" },
  },
} as const;

const hitSchema = {
  type: "object",
  required: ["id", "lastName", "birthName", "firstNames", "birthDate", "maskedNir", "fundCode", "fundName"],
  properties: {
    id: { type: "integer" },
    lastName: { type: "string" },
    birthName: { type: "string" },
    firstNames: { type: "string" },
    birthDate: { type: "string", format: "date" },
    maskedNir: { type: "string" },
    fundCode: { type: "string" },
    fundName: { type: "string" },
  },
} as const;

const searchResponseSchema = {
  type: "object",
  required: ["results", "next"],
  properties: {
    results: { type: "array", items: hitSchema },
    next: { type: ["string", "null"], description: "À renvoyer dans `after` pour la page suivante" },
  },
} as const;

const openingBodySchema = {
  type: "object",
  additionalProperties: false,
  required: ["reason"],
  properties: {
    reason: { type: "string", enum: Object.keys(OPENING_REASONS), description: "Motif de consultation" },
    comment: { type: "string", maxLength: 300, description: "Précision (obligatoire pour `other`)" },
  },
} as const;

const quarterCounts = {
  type: "object",
  properties: {
    contributed: { type: "integer" },
    unemployment: { type: "integer" },
    sickness: { type: "integer" },
    maternity: { type: "integer" },
    military: { type: "integer" },
  },
} as const;

const fileResponseSchema = {
  type: "object",
  required: ["insured", "careerSummary", "pensions", "openedFor"],
  properties: {
    openedFor: { type: "string" },
    insured: {
      type: "object",
      properties: {
        id: { type: "integer" },
        nir: { type: "string" },
        sex: { type: "string", enum: ["F", "M"] },
        lastName: { type: "string" },
        birthName: { type: "string" },
        firstNames: { type: "string" },
        birthDate: { type: "string", format: "date" },
        birthDepartment: { type: "string" },
        birthPlace: { type: "string" },
        department: { type: "string" },
        fundCode: { type: "string" },
        email: { type: ["string", "null"] },
        phone: { type: ["string", "null"] },
        contactByEmail: { type: "boolean" },
        contactBySms: { type: "boolean" },
        address: {
          type: "object",
          properties: {
            line: { type: "string" },
            postcode: { type: "string" },
            town: { type: "string" },
            country: { type: "string" },
          },
        },
        situation: {
          type: "object",
          additionalProperties: { type: "boolean" },
        },
      },
    },
    careerSummary: {
      type: "object",
      properties: {
        firstYear: { type: ["integer", "null"] },
        lastYear: { type: ["integer", "null"] },
        yearsWithQuarters: { type: "integer" },
        quarters: quarterCounts,
        childQuarters: { type: "integer" },
        totalQuarters: { type: "integer" },
        generalSchemeQuarters: { type: "integer" },
      },
    },
    pensions: {
      type: "array",
      items: {
        type: "object",
        properties: {
          kind: { type: "string", enum: ["own_right", "survivor"] },
          startDate: { type: "string", format: "date" },
          monthlyGross: { type: "number" },
          rate: { type: ["number", "null"] },
          quartersGeneral: { type: ["integer", "null"] },
          quartersRequired: { type: ["integer", "null"] },
        },
      },
    },
  },
} as const;

/** A schema refusal in French, naming the field. */
function validationMessage(errors: readonly FastifySchemaValidationError[]): string {
  const first = errors[0];
  if (!first) return "La demande n'est pas valide.";
  const params = first.params as Record<string, unknown>;
  const name = String(params.missingProperty ?? params.additionalProperty ?? first.instancePath.slice(1));
  switch (first.keyword) {
    case "required":
      return `Le champ « ${name} » est obligatoire.`;
    case "additionalProperties":
      return `Le champ « ${name} » n'est pas attendu.`;
    case "enum":
      return `Le champ « ${name} » doit valoir : ${(params.allowedValues as string[]).join(", ")}.`;
    case "format":
      return `Le champ « ${name} » doit être une date au format AAAA-MM-JJ.`;
    case "maxLength":
      return `Le champ « ${name} » est trop long (${String(params.limit)} caractères au plus).`;
    case "type":
      return name
        ? `Le champ « ${name} » doit être du texte.`
        : "Le corps de la demande doit être un objet JSON.";
    default:
      return `Le champ « ${name} » n'est pas valide.`;
  }
}

function apiError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ error: { code, message } });
}

// ---------------------------------------------------------------- routes

/** The staff back-office: home, search, the 360° page, and the same as JSON under /api/v1/agent. */
export async function backofficeRoutes(
  app: FastifyInstance,
  options: BackofficeRoutesOptions,
): Promise<void> {
  const { db } = options;
  const loaded = new WeakMap<FastifyRequest, Insured>();

  /** The person of `:id`, for the policy's fund check; undefined (404) when there is none. */
  async function insuredResource(request: FastifyRequest) {
    const raw = (request.params as { id?: string }).id ?? "";
    const insured = /^\d{1,15}$/.test(raw) ? await insuredById(db, Number(raw)) : undefined;
    if (!insured) return undefined;
    loaded.set(request, insured);
    return { insuredId: insured.id, fundCode: insured.fundCode };
  }

  function resolvedInsured(request: FastifyRequest): Insured {
    const insured = loaded.get(request);
    if (!insured) throw new Error("insured resource not resolved");
    return insured;
  }

  app.get(
    "/agent",
    { config: { action: "backoffice.enter", siteMap: { label: "Espace agent : accueil et recherche" } } },
    async (request, reply) => {
      const staff = staffOf(request);
      const main = decide(staff, "insured.search").allowed
        ? searchPage({
            csrfToken: request.csrfToken(),
            values: EMPTY_SEARCH,
            problems: {},
            scope: scopeSentence(staff),
          })
        : homeWithoutSearch({ manageStaff: decide(staff, "staff.manage").allowed });
      return renderPage(request, reply, { title: "Espace agent", path: "/agent", main });
    },
  );

  app.post("/agent/recherche", { config: { action: "insured.search" } }, async (request, reply) => {
    const staff = staffOf(request);
    const values: SearchValues = {
      nir: formField(request.body, "nir"),
      lastName: formField(request.body, "nom"),
      firstName: formField(request.body, "prenom"),
      birthDate: formField(request.body, "naissance"),
    };
    const read = readCriteria(values);
    const after = formField(request.body, "apres");
    const cursor = after ? decodeCursor(after) : undefined;
    const common = { csrfToken: request.csrfToken(), values, scope: scopeSentence(staff) };
    if (!read.ok) {
      reply.code(400);
      return renderPage(request, reply, {
        title: "Rechercher un assuré",
        path: "/agent",
        main: searchPage({ ...common, problems: read.problems }),
      });
    }
    const page = await search(db, staff, read.criteria, cursor);
    return renderPage(request, reply, {
      title: "Résultats de recherche",
      path: "/agent",
      main: searchPage({ ...common, problems: {}, page, continued: cursor !== undefined }),
    });
  });

  app.get(
    "/agent/assures/:id",
    { config: { action: "insured.read", resource: insuredResource } },
    async (request, reply) => {
      const insured = resolvedInsured(request);
      return renderPage(request, reply, {
        title: "Motif de consultation",
        main: reasonPage({ csrfToken: request.csrfToken(), insured, reason: "", comment: "", problems: {} }),
      });
    },
  );

  // The page is the answer to the POST that states the reason: every display is one audited opening.
  app.post(
    "/agent/assures/:id",
    { config: { action: "insured.read", resource: insuredResource } },
    async (request, reply) => {
      const insured = resolvedInsured(request);
      const reason = formField(request.body, "reason");
      const comment = formField(request.body, "comment");
      const read = readReason(reason, comment);
      if (!read.ok) {
        reply.code(400);
        return renderPage(request, reply, {
          title: "Motif de consultation",
          main: reasonPage({
            csrfToken: request.csrfToken(),
            insured,
            reason,
            comment,
            problems: read.problems,
          }),
        });
      }
      const file = await openFile(db, staffOf(request), insured.id, read.reason, read.comment, "page");
      if (!file) return reply.callNotFound();
      return renderPage(request, reply, {
        title: `Dossier de ${insured.firstNames} ${insured.lastName.toUpperCase()}`,
        main: filePage(file, reasonText(read.reason, read.comment)),
      });
    },
  );

  // ------------------------------------------------------------ JSON API

  app.get(
    "/api/v1/agent/session",
    {
      config: { action: "backoffice.enter" },
      schema: {
        summary: "L'agent connecté et le jeton CSRF à envoyer (en-tête X-CSRF-Token) avec chaque POST",
        tags: ["agent"],
        response: {
          200: {
            type: "object",
            required: ["staff", "csrfToken"],
            properties: {
              csrfToken: { type: "string" },
              staff: {
                type: "object",
                properties: {
                  id: { type: "integer" },
                  displayName: { type: "string" },
                  role: { type: "string" },
                  roleLabel: { type: "string" },
                  fundCode: { type: ["string", "null"] },
                },
              },
            },
          },
          401: errorSchema,
          403: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const member = await staffById(db, staffOf(request).staffId);
      if (!member) return apiError(reply, 401, "login_required", "Connectez-vous pour continuer.");
      return {
        csrfToken: request.csrfToken(),
        staff: {
          id: member.id,
          displayName: member.displayName,
          role: member.role,
          roleLabel: ROLE_LABELS[member.role],
          fundCode: member.fundCode,
        },
      };
    },
  );

  app.post<{ Body: SearchInput & { after?: string } }>(
    "/api/v1/agent/insured/search",
    {
      config: { action: "insured.search" },
      attachValidation: true,
      schema: {
        summary:
          "Rechercher un assuré par NIR, ou par nom et date de naissance (dans le périmètre de l'agent)",
        tags: ["agent"],
        body: searchBodySchema,
        response: { 200: searchResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (request.validationError)
        return apiError(reply, 400, "invalid_request", validationMessage(request.validationError.validation));
      const body = request.body;
      const read = readCriteria(body);
      if (!read.ok) return apiError(reply, 400, "invalid_criteria", Object.values(read.problems).join(" "));
      const cursor = body.after ? decodeCursor(body.after) : undefined;
      if (body.after && !cursor)
        return apiError(
          reply,
          400,
          "invalid_cursor",
          "La valeur de « after » ne vient pas d'une page précédente.",
        );
      const page = await search(db, staffOf(request), read.criteria, cursor);
      return {
        results: page.hits.map((hit) => ({
          id: hit.id,
          lastName: hit.lastName,
          birthName: hit.birthName,
          firstNames: hit.firstNames,
          birthDate: hit.birthDate,
          maskedNir: maskNir(hit.nir),
          fundCode: hit.fundCode,
          fundName: fundName(hit.fundCode),
        })),
        next: page.next ? encodeCursor(page.next) : null,
      };
    },
  );

  app.post<{ Body: { reason: OpeningReason; comment?: string }; Params: { id: string } }>(
    "/api/v1/agent/insured/:id/openings",
    {
      config: { action: "insured.read", resource: insuredResource },
      attachValidation: true,
      schema: {
        summary: "Ouvrir le dossier d'un assuré (vue 360°) en indiquant le motif ; l'ouverture est tracée",
        tags: ["agent"],
        params: { type: "object", properties: { id: { type: "string", pattern: "^[0-9]+$" } } },
        body: openingBodySchema,
        response: { 201: fileResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (request.validationError)
        return apiError(reply, 400, "invalid_request", validationMessage(request.validationError.validation));
      const read = readReason(request.body.reason, request.body.comment ?? "");
      if (!read.ok) return apiError(reply, 400, "invalid_reason", Object.values(read.problems).join(" "));
      const insured = resolvedInsured(request);
      const file = await openFile(db, staffOf(request), insured.id, read.reason, read.comment, "api");
      if (!file) return apiError(reply, 404, "not_found", "Cet assuré n'existe pas.");
      reply.code(201);
      return {
        openedFor: reasonText(read.reason, read.comment),
        insured: file.insured,
        careerSummary: file.careerSummary,
        pensions: file.pensions,
      };
    },
  );
}
