import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import formbody from "@fastify/formbody";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance } from "fastify";
import { sql } from "kysely";
import type { Config } from "./config.ts";
import { type Database, isDatabaseUnavailable } from "./db.ts";
import { page } from "./dsfr/index.ts";
import { html } from "./html.ts";
import { redact } from "./redact.ts";

const DSFR_DIST = join(dirname(createRequire(import.meta.url).resolve("@gouvfr/dsfr/package.json")), "dist");

export interface ServerOptions {
  readonly config: Pick<Config, "logLevel" | "mode">;
  readonly database: Database;
}

/** A request id a client or proxy may choose: short, and nothing a log viewer or a page could execute. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function requestId(header: string | string[] | undefined): string {
  return typeof header === "string" && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}

/** Options of the logger: every line passes through `redact` just before it is written. */
export function loggerOptions(level: ServerOptions["config"]["logLevel"]) {
  return { level, hooks: { streamWrite: redact } };
}

/**
 * The HTTP shell every context plugs its routes into: structured JSON logs carrying a request id
 * (taken from X-Request-Id when a proxy set a safe one), credentials and NIRs masked in every log line,
 * DSFR assets served locally, health probes, and French error pages (503 while the database is away).
 */
export async function buildServer({ config, database }: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    // Fastify would take the header as is; genReqId checks it first.
    requestIdHeader: false,
    genReqId: (request) => requestId(request.headers["x-request-id"]),
    trustProxy: false,
  });
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  await app.register(formbody);
  await app.register(fastifyStatic, {
    root: DSFR_DIST,
    prefix: "/dsfr/",
    // The DSFR files change only with the package version: let browsers keep them a day.
    maxAge: "1d",
    index: false,
  });

  app.get("/healthz", { logLevel: "warn" }, async () => ({ status: "ok" }));
  app.get("/readyz", { logLevel: "warn" }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(database.db);
      return { status: "ready", database: database.engine };
    } catch {
      return reply.code(503).send({ status: "unavailable", database: database.engine });
    }
  });

  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith("/api/")) {
      return reply.code(404).send({ error: { code: "not_found", message: "Cette ressource n'existe pas." } });
    }
    reply.code(404).type("text/html; charset=utf-8");
    return page({
      title: "Page introuvable",
      main: html`<h1>Page introuvable</h1>
<p class="fr-text--lead">La page que vous cherchez n'existe pas ou a été déplacée.</p>
<p>Si vous avez tapé l'adresse, vérifiez-la. Sinon, repartez de la page d'accueil ou du plan du site.</p>
<ul class="fr-btns-group fr-btns-group--inline-md">
  <li><a class="fr-btn" href="/">Page d'accueil</a></li>
  <li><a class="fr-btn fr-btn--secondary" href="/plan-du-site">Plan du site</a></li>
</ul>
<p class="fr-text--sm">Adresse demandée : ${request.url}</p>`,
    }).value;
  });

  app.setErrorHandler(async (error, request, reply) => {
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, "database unavailable");
      reply.code(503).header("retry-after", "30");
      if (request.url.startsWith("/api/")) {
        return {
          error: {
            code: "unavailable",
            message: "Le service est momentanément indisponible. Réessayez dans quelques instants.",
          },
        };
      }
      reply.type("text/html; charset=utf-8");
      return page({
        title: "Service momentanément indisponible",
        main: html`<h1>Service momentanément indisponible</h1>
<p class="fr-text--lead">Parcours ne peut pas répondre pour l'instant. Ce que vous aviez déjà enregistré est conservé. Réessayez dans quelques instants.</p>
<p>Si le problème continue, appelez le 3960 (service gratuit + prix d'un appel) et indiquez ce code : <strong>${request.id}</strong>.</p>`,
      }).value;
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, "request failed");
    reply.code(status);
    if (request.url.startsWith("/api/")) {
      return {
        error: { code: status >= 500 ? "internal" : "bad_request", message: "La demande n'a pas abouti." },
      };
    }
    reply.type("text/html; charset=utf-8");
    return page({
      title: status >= 500 ? "Erreur du service" : "Demande incorrecte",
      main: html`<h1>${status >= 500 ? "Le service rencontre un problème" : "Votre demande n'a pas pu être traitée"}</h1>
<p class="fr-text--lead">${
        status >= 500
          ? "Nous n'avons pas pu afficher cette page. Ce que vous avez déjà enregistré est conservé. Réessayez dans quelques minutes."
          : "La demande envoyée n'est pas valide. Revenez à la page précédente et vérifiez les informations saisies."
      }</p>
<p>Si le problème continue, appelez le 3960 (service gratuit + prix d'un appel) et indiquez ce code : <strong>${request.id}</strong>.</p>
<p><a class="fr-link" href="/">Retour à l'accueil</a></p>`,
    }).value;
  });
  return app;
}
