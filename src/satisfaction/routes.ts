import type { FastifyInstance, FastifyRequest } from "fastify";
import { auditActor } from "../access/guard.ts";
import { spaceOwner } from "../access/index.ts";
import { renderPage } from "../access/view.ts";
import type { ServiceCode } from "../catalogue/index.ts";
import { apiErrorSchema } from "../platform/api.ts";
import type { Db } from "../platform/db.ts";
import { COMMENT_MAX, RATED_SERVICES, RATING_REASONS, type RatingForm } from "./model.ts";
import { rateService } from "./service.ts";
import { RATING_PATH, ratingPage, thanksPage } from "./views.ts";

export interface SatisfactionRoutesOptions {
  readonly db: Db;
  readonly now?: () => Date;
}

type Form = Record<string, string | undefined>;

function ratingForm(source: unknown): RatingForm {
  const form = (source ?? {}) as Form;
  return {
    service: String(form.service ?? ""),
    rating: String(form.note ?? ""),
    reason: String(form.raison ?? ""),
    comment: String(form.commentaire ?? ""),
  };
}

function ownerOf(request: FastifyRequest): number {
  if (request.principal.kind !== "insured") throw new Error("space.view admits insured people only");
  return spaceOwner(request.principal);
}

const ratingBodySchema = {
  type: "object",
  required: ["service"],
  additionalProperties: false,
  properties: {
    service: { type: "string", enum: [...RATED_SERVICES.keys()] },
    rating: { type: ["integer", "null"], description: "De 1 à 10 ; facultatif." },
    reason: { type: ["string", "null"], enum: [...Object.keys(RATING_REASONS), null] },
    comment: { type: ["string", "null"], description: `${COMMENT_MAX} caractères au plus.` },
  },
} as const;

/** The rating form, separate from every service so that it never stands in the way of one. */
export async function satisfactionRoutes(app: FastifyInstance, options: SatisfactionRoutesOptions) {
  const now = options.now ?? (() => new Date());

  app.get(
    RATING_PATH,
    { config: { action: "space.view", siteMap: { label: "Donner mon avis" } } },
    async (request, reply) => {
      const service = (request.query as Form).service ?? "";
      const form = ratingForm({ service: RATED_SERVICES.has(service as ServiceCode) ? service : "" });
      return renderPage(request, reply, {
        title: "Donner mon avis",
        path: RATING_PATH,
        main: ratingPage({ csrfToken: request.csrfToken(), form }),
      });
    },
  );

  app.post(RATING_PATH, { config: { action: "space.view" } }, async (request, reply) => {
    const form = ratingForm(request.body);
    const outcome = await rateService(
      options.db,
      ownerOf(request),
      auditActor(request.principal),
      form,
      now(),
    );
    if (!outcome.ok) {
      reply.code(400);
      return renderPage(request, reply, {
        title: "Donner mon avis",
        path: RATING_PATH,
        main: ratingPage({ csrfToken: request.csrfToken(), form, errors: outcome.errors }),
      });
    }
    return renderPage(request, reply, {
      title: "Merci pour votre avis",
      path: RATING_PATH,
      main: thanksPage(outcome.rating.service),
    });
  });

  app.post(
    "/api/v1/me/ratings",
    {
      config: { action: "space.view" },
      schema: {
        summary: "Donner son avis sur un service de l'espace (note de 1 à 10, raison, commentaire)",
        tags: ["espace personnel"],
        body: ratingBodySchema,
        response: {
          201: {
            type: "object",
            required: ["id", "service", "month"],
            properties: {
              id: { type: "integer" },
              service: { type: "string" },
              month: { type: "string", format: "date", description: "Premier jour du mois de l'avis." },
            },
          },
          400: apiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const body = request.body as {
        service: string;
        rating?: number | null;
        reason?: string | null;
        comment?: string | null;
      };
      const outcome = await rateService(
        options.db,
        ownerOf(request),
        auditActor(request.principal),
        {
          service: body.service,
          rating: body.rating == null ? "" : String(body.rating),
          reason: body.reason ?? "",
          comment: body.comment ?? "",
        },
        now(),
      );
      if (!outcome.ok)
        return reply.code(400).send({
          error: { code: "invalid", message: "Des informations sont à corriger.", fields: outcome.errors },
        });
      return reply.code(201).send({ id: outcome.id, service: outcome.rating.service, month: outcome.month });
    },
  );
}
