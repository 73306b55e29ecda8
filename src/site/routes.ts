import type { FastifyInstance } from "fastify";
import { siteMapFor } from "../access/guard.ts";
import { type Principal, spaceOwner } from "../access/index.ts";
import { renderPage } from "../access/view.ts";
import { offerOf, offers, type ServiceCode } from "../catalogue/index.ts";
import type { Db } from "../platform/db.ts";
import { siteMap, sitePages, withBreadcrumb } from "./pages.ts";

export interface SiteRoutesOptions {
  readonly db: Db;
}

/** Which personal-space services this visitor's profile is offered (all, for visitors without a space). */
async function offeredServices(db: Db, principal: Principal): Promise<(service: ServiceCode) => boolean> {
  if (principal.kind !== "insured") return () => true;
  const offer = await offerOf(db, spaceOwner(principal), new Date());
  return (service) => offer !== undefined && offers(offer, service);
}

/** Public pages: home, legal pages every State site must have, site map. */
export async function siteRoutes(app: FastifyInstance, options: SiteRoutesOptions): Promise<void> {
  for (const sitePage of sitePages) {
    app.get(
      sitePage.path,
      { config: { action: "public.view", siteMap: { label: sitePage.title } } },
      async (request, reply) =>
        renderPage(request, reply, {
          title: sitePage.title,
          path: sitePage.path,
          main: withBreadcrumb(sitePage),
        }),
    );
  }
  app.get(
    "/plan-du-site",
    { config: { action: "public.view", siteMap: { label: "Plan du site" } } },
    async (request, reply) =>
      renderPage(request, reply, {
        title: "Plan du site",
        path: "/plan-du-site",
        main: siteMap(
          siteMapFor(
            app.siteMapPages,
            request.principal,
            await offeredServices(options.db, request.principal),
          ),
        ),
      }),
  );
}
