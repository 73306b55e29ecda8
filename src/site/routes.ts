import type { FastifyInstance } from "fastify";
import { page } from "../platform/layout.ts";
import { siteMap, sitePages, withBreadcrumb } from "./pages.ts";

/** Public pages: home, legal pages every State site must have, site map. */
export async function siteRoutes(app: FastifyInstance): Promise<void> {
  for (const sitePage of sitePages) {
    app.get(sitePage.path, async (_request, reply) =>
      reply
        .type("text/html; charset=utf-8")
        .send(page({ title: sitePage.title, path: sitePage.path, main: withBreadcrumb(sitePage) }).value),
    );
  }
  app.get("/plan-du-site", async (_request, reply) =>
    reply
      .type("text/html; charset=utf-8")
      .send(page({ title: "Plan du site", path: "/plan-du-site", main: siteMap(sitePages) }).value),
  );
}
