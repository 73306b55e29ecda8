import type { FastifyInstance } from "fastify";
import type { Config } from "./platform/config.ts";
import type { Database } from "./platform/db.ts";
import { buildServer } from "./platform/server.ts";
import { siteRoutes } from "./site/routes.ts";

/** The composition root: the HTTP shell with every context's routes. */
export async function buildApp(
  config: Pick<Config, "logLevel" | "mode">,
  database: Database,
): Promise<FastifyInstance> {
  const app = await buildServer({ config, database });
  await app.register(siteRoutes);
  return app;
}
