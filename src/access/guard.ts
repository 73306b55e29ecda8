import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { type Offer, offerOf, offers, type ServiceCode } from "../catalogue/index.ts";
import { dateInFrance, mandateIsActive, mandatesHeldBy } from "../identity/index.ts";
import { recordAudit } from "../platform/audit.ts";
import type { Db } from "../platform/db.ts";
import { html } from "../platform/html.ts";
import { staffById } from "../staff/index.ts";
import {
  type Action,
  decide,
  type Principal,
  type RefusalReason,
  type Resource,
  STAFF_ACTIONS,
  spaceOwner,
} from "./policy.ts";
import { renderPage } from "./view.ts";

export interface SiteMapEntry {
  readonly label: string;
  /**
   * The personal-space service the page belongs to, for a page that is not refused outside its profiles
   * (it explains itself) but is listed only for them. A route's `config.service` counts as its entry's.
   */
  readonly service?: ServiceCode;
}

/** A route's own answer to a person whose profile is not offered the route's service. */
export type NotOfferedAnswer = (request: FastifyRequest, reply: FastifyReply) => unknown;

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal;
  }
  interface FastifyContextConfig {
    /** What the route does, for the policy. Every route of a context declares one. */
    action?: Action;
    /** The person the request is about; undefined when that person does not exist (404). */
    resource?: (request: FastifyRequest) => Promise<Resource | undefined>;
    /** Listed in the site map for visitors allowed to perform the action. */
    siteMap?: SiteMapEntry;
    /**
     * The personal-space service the route serves (the catalogue's code): a person whose profile is not
     * offered it is refused, like an action. A function when the address names the service (a procedure's
     * slug); undefined from it means no service (the handler answers 404 for an unknown address).
     */
    service?: ServiceCode | ((request: FastifyRequest) => ServiceCode | undefined);
    /** How the route refuses a service not offered; by default 403 with a page or the API's error. */
    notOffered?: NotOfferedAnswer;
  }
  interface FastifyRequest {
    /** What the open space's owner is offered; set by the guard on routes that declare a service. */
    offer: Offer | undefined;
  }
}

export const INSURED_LOGIN_PATH = "/connexion";
export const STAFF_LOGIN_PATH = "/agent/connexion";
export const INSURED_HOME_PATH = "/espace";
export const STAFF_HOME_PATH = "/agent";

/** Actions only staff perform: a visitor who is not logged in is sent to the staff login for them. */
const STAFF_ONLY = new Set(Object.keys(STAFF_ACTIONS) as Action[]);

interface RegisteredPage {
  readonly path: string;
  readonly action: Action;
  readonly entry: SiteMapEntry;
}

const NOT_OFFERED = "Ce service n'est pas proposé pour votre profil.";

const notOfferedByDefault: NotOfferedAnswer = (request, reply) => {
  reply.code(403);
  if (request.url.startsWith("/api/")) return { error: { code: "not_offered", message: NOT_OFFERED } };
  return renderPage(request, reply, {
    title: "Service non proposé",
    main: html`<h1>Service non proposé</h1>
<p class="fr-text--lead">${NOT_OFFERED}</p>
<p><a class="fr-link" href="${INSURED_HOME_PATH}">Retour à mon espace</a></p>`,
  });
};

async function resolvePrincipal(db: Db, request: FastifyRequest): Promise<Principal> {
  const session = request.session;
  if (!session || session.secondFactorPending) return { kind: "anonymous" };
  if (session.kind === "insured") {
    let actingFor = session.actingFor;
    if (actingFor !== null) {
      // A mandate can end while a session is open: it is checked on every request.
      const mandates = await mandatesHeldBy(db, session.subjectId);
      if (
        !mandates.some((m) => m.representedId === actingFor && mandateIsActive(m, dateInFrance(new Date())))
      )
        actingFor = null;
    }
    return { kind: "insured", insuredId: session.subjectId, actingFor };
  }
  const member = await staffById(db, session.subjectId);
  if (!member?.active) return { kind: "anonymous" };
  return { kind: "staff", staffId: member.id, role: member.role, fundCode: member.fundCode };
}

function actor(principal: Principal): {
  actorKind: "insured" | "representative" | "staff" | "system";
  actorId: number | null;
} {
  switch (principal.kind) {
    case "anonymous":
      return { actorKind: "system", actorId: null };
    case "insured":
      return { actorKind: principal.actingFor ? "representative" : "insured", actorId: principal.insuredId };
    case "staff":
      return { actorKind: "staff", actorId: principal.staffId };
  }
}

/** Records who did what, as themselves: a representative's acts are theirs, about the represented file. */
export function auditActor(principal: Principal) {
  return actor(principal);
}

/**
 * Traces a representative's reading of the represented person's space as theirs; a person reading their
 * own space leaves no entry (the audit log is for reads of someone else's file).
 */
export async function traceRepresentativeRead(
  db: Db,
  request: FastifyRequest,
  action: string,
): Promise<void> {
  const principal = request.principal;
  if (principal.kind !== "insured" || principal.actingFor === null) return;
  await recordAudit(db, {
    ...actor(principal),
    action,
    insuredId: principal.actingFor,
    reason: null,
    details: { url: request.url },
  });
}

async function refuse(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  action: Action,
  resource: Resource,
  reason: RefusalReason,
) {
  const api = request.url.startsWith("/api/");
  if (reason === "login_required") {
    if (api)
      return reply
        .code(401)
        .send({ error: { code: "login_required", message: "Connectez-vous pour continuer." } });
    const login = STAFF_ONLY.has(action) ? STAFF_LOGIN_PATH : INSURED_LOGIN_PATH;
    return reply.redirect(`${login}?retour=${encodeURIComponent(request.url)}`, 303);
  }
  if (reason === "already_logged_in") {
    return reply.redirect(request.principal.kind === "staff" ? STAFF_HOME_PATH : INSURED_HOME_PATH, 303);
  }
  await recordAudit(db, {
    ...actor(request.principal),
    action: `refused:${action}`,
    insuredId: resource.insuredId ?? null,
    reason,
    details: { method: request.method, url: request.url },
  });
  const message = "Vous n'avez pas accès à cette page.";
  if (api) return reply.code(403).send({ error: { code: "forbidden", message } });
  // Sent here, not returned: a value returned by a preHandler hook is ignored and the handler would run.
  reply.code(403);
  return reply.send(
    renderPage(request, reply, {
      title: "Accès refusé",
      main: html`<h1>Accès refusé</h1>
<p class="fr-text--lead">${message}</p>
<p>${
        reason === "fund"
          ? "Ce dossier relève d'une autre caisse que la vôtre."
          : reason === "ownership"
            ? "Cette page concerne une autre personne que vous."
            : "Votre profil ne permet pas cette action."
      } Cette tentative a été enregistrée.</p>
<p><a class="fr-link" href="${request.principal.kind === "staff" ? STAFF_HOME_PATH : "/"}">Retour à l'accueil</a></p>`,
    }),
  );
}

/**
 * The one authorisation gate. Each route of a context declares `config.action` (and `resource` when it
 * concerns a person); a route without an action cannot be registered. Refusals are audited.
 */
export const accessPlugin = fp(async (app: FastifyInstance, options: { db: Db }) => {
  const pages: RegisteredPage[] = [];
  // Set by the preHandler below on every guarded route; null until then.
  app.decorateRequest("principal", null as never);
  app.decorateRequest("offer", undefined);
  app.decorate("siteMapPages", pages);

  app.addHook("onRoute", (route) => {
    const config = (route.config ?? {}) as {
      action?: Action;
      siteMap?: SiteMapEntry;
      service?: ServiceCode | ((request: FastifyRequest) => ServiceCode | undefined);
    };
    if (!config.action) {
      throw new Error(
        `La route ${route.method} ${route.url} ne déclare pas d'action pour la politique d'accès.`,
      );
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (config.siteMap && methods.includes("GET")) {
      const service = typeof config.service === "string" ? config.service : config.siteMap.service;
      pages.push({ path: route.url, action: config.action, entry: { ...config.siteMap, service } });
    }
  });

  // A multipart body (uploads) is read before preHandler: whoever may not use the route at all is
  // refused here, before a byte of what they send is received. The full check still runs below.
  app.addHook("onRequest", async (request, reply) => {
    const { action } = request.routeOptions.config;
    if (!action || !request.headers["content-type"]?.startsWith("multipart/")) return;
    request.principal = await resolvePrincipal(options.db, request);
    const decision = decide(request.principal, action);
    if (!decision.allowed) return refuse(options.db, request, reply, action, {}, decision.reason);
  });

  app.addHook("preHandler", async (request, reply) => {
    const { action, resource: resolve } = request.routeOptions.config;
    if (!action) return;
    request.principal = await resolvePrincipal(options.db, request);
    const resource = resolve ? await resolve(request) : {};
    if (resource === undefined) {
      return reply.callNotFound();
    }
    const decision = decide(request.principal, action, resource);
    if (!decision.allowed) return refuse(options.db, request, reply, action, resource, decision.reason);
    const { service: declared, notOffered = notOfferedByDefault } = request.routeOptions.config;
    const service = typeof declared === "function" ? declared(request) : declared;
    if (service === undefined || request.principal.kind !== "insured") return;
    const offer = await offerOf(options.db, spaceOwner(request.principal), new Date());
    if (!offer) return reply.callNotFound();
    request.offer = offer;
    if (offers(offer, service)) return;
    // Sent here, as refusals are: a value returned by a preHandler hook is ignored.
    const answer = await notOffered(request, reply);
    if (!reply.sent) reply.send(answer);
    return reply;
  });
});

declare module "fastify" {
  interface FastifyInstance {
    siteMapPages: RegisteredPage[];
  }
}

/** The pages this principal may open, for the site map (RGAA 12.1). */
export function siteMapFor(
  pages: readonly RegisteredPage[],
  principal: Principal,
  offered: (service: ServiceCode) => boolean = () => true,
): { path: string; label: string }[] {
  return pages
    .filter(
      (p) =>
        decide(principal, p.action).allowed && (p.entry.service === undefined || offered(p.entry.service)),
    )
    .map((p) => ({ path: p.path, label: p.entry.label }));
}
