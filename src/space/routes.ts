import type { FastifyInstance, FastifyRequest } from "fastify";
import { traceRepresentativeRead } from "../access/guard.ts";
import { spaceOwner } from "../access/index.ts";
import { renderPage, type SessionDisplay } from "../access/view.ts";
import type { Db } from "../platform/db.ts";
import { type SpaceHome, spaceHome } from "./service.ts";
import { spaceHomePage } from "./views.ts";

export interface SpaceRoutesOptions {
  readonly db: Db;
  readonly now?: () => Date;
}

const nullableString = { type: ["string", "null"] } as const;

const meSchema = {
  type: "object",
  required: [
    "id",
    "firstNames",
    "lastName",
    "birthDate",
    "age",
    "email",
    "phone",
    "address",
    "fund",
    "agency",
  ],
  properties: {
    id: { type: "integer" },
    firstNames: { type: "string" },
    lastName: { type: "string" },
    birthDate: { type: "string", format: "date" },
    age: { type: "integer" },
    email: nullableString,
    phone: nullableString,
    address: {
      type: "object",
      required: ["line", "postcode", "town", "country"],
      properties: {
        line: { type: "string" },
        postcode: { type: "string" },
        town: { type: "string" },
        country: { type: "string" },
      },
    },
    fund: {
      type: ["object", "null"],
      required: ["code", "name"],
      properties: { code: { type: "string" }, name: { type: "string" } },
    },
    agency: {
      type: ["object", "null"],
      required: ["code", "name", "street", "postcode", "town"],
      properties: {
        code: { type: "string" },
        name: { type: "string" },
        street: { type: "string" },
        postcode: { type: "string" },
        town: { type: "string" },
      },
    },
    representedBy: {
      description: "Présent quand un représentant légal consulte l'espace de la personne.",
      type: "object",
      required: ["id", "name"],
      properties: { id: { type: "integer" }, name: { type: "string" } },
    },
  },
} as const;

const servicesSchema = {
  type: "object",
  required: ["profile", "attentive", "services"],
  properties: {
    profile: { type: "string", enum: ["under45", "from45to54", "from55", "retiree"] },
    attentive: {
      type: "boolean",
      description: "Parcours attentionné : un rendez-vous avec un conseiller est proposé.",
    },
    services: {
      type: "array",
      items: {
        type: "object",
        required: ["code", "title", "description", "available"],
        properties: {
          code: { type: "string" },
          title: { type: "string" },
          description: { type: "string" },
          available: { type: "boolean", description: "Faux tant que le service n'est pas ouvert." },
          href: { type: "string" },
        },
      },
    },
  },
} as const;

/** The personal-space home (/espace) and its JSON counterpart (/api/v1/me). */
export async function spaceRoutes(app: FastifyInstance, options: SpaceRoutesOptions): Promise<void> {
  const now = options.now ?? (() => new Date());

  /**
   * The open space: the viewer's own, or the represented person's (the guard checked the mandate).
   * A representative's reading of someone else's space is traced as theirs.
   */
  async function homeOf(request: FastifyRequest): Promise<SpaceHome | undefined> {
    const principal = request.principal;
    if (principal.kind !== "insured") return undefined;
    const home = await spaceHome(options.db, principal.insuredId, spaceOwner(principal), now());
    if (home) await traceRepresentativeRead(options.db, request, "space.read");
    return home;
  }

  app.get(
    "/espace",
    { config: { action: "space.view", siteMap: { label: "Mon espace" } } },
    async (request, reply) => {
      const home = await homeOf(request);
      if (!home) return reply.callNotFound();
      const viewer = (request.session?.data ?? {}) as SessionDisplay;
      const actingFor = request.principal.kind === "insured" && request.principal.actingFor !== null;
      return renderPage(request, reply, {
        title: actingFor ? `Espace de ${home.ownerName}` : "Mon espace",
        path: "/espace",
        main: spaceHomePage(home, viewer.displayName ?? "", actingFor),
      });
    },
  );

  app.get(
    "/api/v1/me",
    {
      config: { action: "space.view" },
      schema: {
        summary: "La personne dont l'espace est ouvert",
        tags: ["espace personnel"],
        response: { 200: meSchema },
      },
    },
    async (request, reply) => {
      const home = await homeOf(request);
      if (!home) return reply.callNotFound();
      const { owner, fund, agency } = home;
      const viewer = (request.session?.data ?? {}) as SessionDisplay;
      return {
        id: owner.id,
        firstNames: owner.firstNames,
        lastName: owner.lastName,
        birthDate: owner.birthDate,
        age: home.age,
        email: owner.email,
        phone: owner.phone,
        address: owner.address,
        fund: fund ? { code: fund.code, name: fund.name } : null,
        agency: agency
          ? {
              code: agency.code,
              name: agency.name,
              street: agency.street,
              postcode: agency.postcode,
              town: agency.town,
            }
          : null,
        ...(request.principal.kind === "insured" && request.principal.actingFor !== null
          ? { representedBy: { id: request.principal.insuredId, name: viewer.displayName ?? "" } }
          : {}),
      };
    },
  );

  app.get(
    "/api/v1/me/services",
    {
      config: { action: "space.view" },
      schema: {
        summary: "Les services proposés dans l'espace, selon le profil de la personne",
        tags: ["espace personnel"],
        response: { 200: servicesSchema },
      },
    },
    async (request, reply) => {
      const home = await homeOf(request);
      if (!home) return reply.callNotFound();
      const { profile, attentive, services } = home.catalogue;
      return {
        profile,
        attentive,
        services: services.map((service) => ({ ...service, available: service.href !== undefined })),
      };
    },
  );
}
