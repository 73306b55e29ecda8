import type { FastifyInstance } from "fastify";
import { siteMapFor } from "../access/guard.ts";
import type { Principal } from "../access/index.ts";
import { renderPage } from "../access/view.ts";
import { siteMap, sitePages, withBreadcrumb } from "./pages.ts";

export interface SiteRoutesOptions {
  /** Which personal-space services this visitor's profile is offered (all, for visitors without a space). */
  readonly offeredServices: (principal: Principal) => Promise<(service: string) => boolean>;
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
          siteMapFor(app.siteMapPages, request.principal, await options.offeredServices(request.principal)),
        ),
      }),
  );
}
