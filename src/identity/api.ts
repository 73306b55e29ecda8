import type { FastifyInstance, FastifyRequest } from "fastify";
import { apiErrorSchema } from "../platform/api.ts";
import type { Checked, SignUpForm } from "./model.ts";
import { type AccountDeps, activeRepresentations, logIn, requestPasswordReset, signUp } from "./service.ts";
import { actFor, logOut } from "./sessionActions.ts";

export const errorSchema = apiErrorSchema;

const acceptedSchema = {
  type: "object",
  required: ["message"],
  properties: { message: { type: "string" } },
} as const;

const representationSchema = {
  type: "object",
  required: ["insuredId", "name", "kind", "scope", "startsOn", "endsOn"],
  properties: {
    insuredId: { type: "integer" },
    name: { type: "string" },
    kind: { type: "string", enum: ["guardianship", "curatorship", "mandate"] },
    scope: { type: "string", enum: ["full", "assistance", "limited"] },
    startsOn: { type: "string", format: "date" },
    endsOn: { type: ["string", "null"], format: "date" },
  },
} as const;

const SIGN_UP_ANSWER =
  "Si les informations correspondent à un dossier de l'Assurance retraite, vous allez recevoir un courriel avec un lien pour confirmer votre adresse et activer votre espace (valable 24 heures).";
const RESET_ANSWER =
  "Si un espace personnel existe avec cette adresse, vous allez recevoir un courriel avec un lien pour choisir un nouveau mot de passe (valable 1 heure).";

const LOGIN_REFUSALS = {
  invalid: { status: 401, message: "L'adresse électronique ou le mot de passe est incorrect." },
  unverified: {
    status: 403,
    message:
      "Votre adresse électronique n'est pas encore confirmée : ouvrez le lien reçu par courriel, ou demandez-en un nouveau.",
  },
  locked: {
    status: 423,
    message:
      "Trop de tentatives de connexion avec cette adresse : la connexion est bloquée pendant 15 minutes.",
  },
} as const;

function invalid<F extends string>(result: Extract<Checked<unknown, F>, { ok: false }>) {
  return {
    error: {
      code: "invalid",
      message: "Des informations sont à corriger.",
      fields: result.errors as Record<string, string>,
    },
  };
}

/** The account actions as JSON under /api/v1 (same use cases as the pages, same answers). */
export function accountApiRoutes(
  app: FastifyInstance,
  deps: AccountDeps,
  rateLimit: { readonly max: number; readonly timeWindow: string },
): void {
  const tags = ["compte"];

  app.get(
    "/api/v1/csrf-token",
    {
      config: { action: "public.view" },
      schema: {
        summary: "Le jeton à joindre (en-tête X-CSRF-Token) à toute requête qui modifie quelque chose",
        tags,
        response: {
          200: { type: "object", required: ["csrfToken"], properties: { csrfToken: { type: "string" } } },
        },
      },
    },
    async (request) => ({ csrfToken: request.csrfToken() }),
  );

  app.post(
    "/api/v1/accounts",
    {
      config: { action: "account.enter", rateLimit },
      schema: {
        summary: "Créer un espace personnel (réponse identique que le dossier existe ou non)",
        tags,
        body: {
          type: "object",
          required: ["nir", "birthDate", "email", "password", "passwordConfirmation"],
          properties: {
            nir: { type: "string", maxLength: 40 },
            birthDate: { type: "string", maxLength: 20, description: "JJ/MM/AAAA ou AAAA-MM-JJ" },
            email: { type: "string", maxLength: 320 },
            password: { type: "string", maxLength: 1000 },
            passwordConfirmation: { type: "string", maxLength: 1000 },
          },
        },
        response: { 202: acceptedSchema, 400: errorSchema },
      },
    },
    async (request, reply) => {
      const result = await signUp(deps, request.body as SignUpForm);
      if (!result.ok) return reply.code(400).send(invalid(result));
      return reply.code(202).send({ message: SIGN_UP_ANSWER });
    },
  );

  app.post(
    "/api/v1/password-resets",
    {
      config: { action: "account.enter", rateLimit },
      schema: {
        summary:
          "Recevoir un lien pour choisir un nouveau mot de passe (réponse identique pour toute adresse)",
        tags,
        body: {
          type: "object",
          required: ["email"],
          properties: { email: { type: "string", maxLength: 320 } },
        },
        response: { 202: acceptedSchema, 400: errorSchema },
      },
    },
    async (request, reply) => {
      const result = await requestPasswordReset(deps, (request.body as { email: string }).email);
      if (!result.ok) return reply.code(400).send(invalid(result));
      return reply.code(202).send({ message: RESET_ANSWER });
    },
  );

  app.post(
    "/api/v1/session",
    {
      config: { action: "account.enter", rateLimit },
      schema: {
        summary: "Se connecter (ouvre une session ; le cookie de session change)",
        tags,
        body: {
          type: "object",
          required: ["email", "password"],
          properties: {
            email: { type: "string", maxLength: 320 },
            password: { type: "string", maxLength: 1000 },
          },
        },
        response: {
          200: {
            type: "object",
            required: ["insuredId", "displayName", "csrfToken"],
            properties: {
              insuredId: { type: "integer" },
              displayName: { type: "string" },
              csrfToken: { type: "string", description: "Le jeton CSRF de la nouvelle session." },
            },
          },
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
          423: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const result = await logIn(deps, request.body as { email: string; password: string });
      if (!result.ok) return reply.code(400).send(invalid(result));
      const outcome = result.value;
      if (outcome.outcome !== "ok") {
        const refusal = LOGIN_REFUSALS[outcome.outcome];
        return reply
          .code(refusal.status)
          .send({ error: { code: outcome.outcome, message: refusal.message } });
      }
      await reply.openSession("insured", outcome.insuredId, { data: { displayName: outcome.displayName } });
      return {
        insuredId: outcome.insuredId,
        displayName: outcome.displayName,
        csrfToken: request.csrfToken(),
      };
    },
  );

  app.delete(
    "/api/v1/session",
    {
      config: { action: "account.self" },
      schema: { summary: "Se déconnecter", tags, response: { 204: { type: "null" } } },
    },
    async (request, reply) => {
      await logOut(deps, request, reply);
      return reply.code(204).send();
    },
  );

  app.get(
    "/api/v1/me/representations",
    {
      config: { action: "account.self" },
      schema: {
        summary: "Les personnes que je représente aujourd'hui (mandat en cours)",
        tags,
        response: { 200: { type: "array", items: representationSchema } },
      },
    },
    async (request) =>
      activeRepresentations(
        deps.db,
        (request.session as NonNullable<FastifyRequest["session"]>).subjectId,
        deps.now(),
      ),
  );

  app.put(
    "/api/v1/session/acting-for",
    {
      config: { action: "account.self" },
      schema: {
        summary: "Choisir l'espace ouvert : le mien (null) ou celui d'une personne que je représente",
        tags,
        body: {
          type: "object",
          required: ["insuredId"],
          properties: { insuredId: { type: ["integer", "null"] } },
        },
        response: {
          200: {
            type: "object",
            required: ["actingFor"],
            properties: {
              actingFor: { type: ["integer", "null"] },
              name: { type: "string" },
            },
          },
          403: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const { insuredId } = request.body as { insuredId: number | null };
      const result = await actFor(deps, request, reply, insuredId);
      if (result.outcome === "refused")
        return reply.code(403).send({
          error: {
            code: "no_active_mandate",
            message: "Aucun mandat en cours ne vous permet d'agir pour cette personne.",
          },
        });
      return result.outcome === "own"
        ? { actingFor: null }
        : { actingFor: result.representation.insuredId, name: result.representation.name };
    },
  );
}
