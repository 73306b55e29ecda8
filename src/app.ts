import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import type { FastifyInstance } from "fastify";
import { accessPlugin } from "./access/guard.ts";
import { backofficeRoutes } from "./backoffice/routes.ts";
import { careerRoutes } from "./career/routes.ts";
import { casesRoutes } from "./cases/routes.ts";
import { caseworkRoutes } from "./casework/routes.ts";
import { dailyJobs } from "./dailyJobs.ts";
import { documentStorage } from "./documents/index.ts";
import { documentsPlugin } from "./documents/routes.ts";
import { franceConnectLoginOption, franceConnectRoutes } from "./franceconnect/routes.ts";
import { accountRoutes } from "./identity/routes.ts";
import { paymentsRoutes } from "./payments/routes.ts";
import { personalDataRoutes } from "./personalData/routes.ts";
import type { Config } from "./platform/config.ts";
import type { Database } from "./platform/db.ts";
import { devComponentsRoutes } from "./platform/dsfr/devPage.ts";
import { jobScheduler } from "./platform/jobs.ts";
import { devOutboxRoutes, mailDelivery } from "./platform/mail.ts";
import { loadSecrets } from "./platform/secrets.ts";
import { buildServer } from "./platform/server.ts";
import { sessionPlugin } from "./platform/sessions.ts";
import { proceduresRoutes } from "./procedures/routes.ts";
import { profileRoutes } from "./profile/routes.ts";
import { satisfactionRoutes } from "./satisfaction/routes.ts";
import { simulationRoutes } from "./simulation/routes.ts";
import { siteRoutes } from "./site/routes.ts";
import { spaceRoutes } from "./space/routes.ts";
import { staffRoutes } from "./staff/routes.ts";

export type AppConfig = Pick<
  Config,
  | "logLevel"
  | "mode"
  | "secret"
  | "previousSecrets"
  | "smtpUrl"
  | "mailFrom"
  | "publicUrl"
  | "franceConnect"
  | "uploadsDir"
  | "clamd"
>;

/** Origins a form may send the browser to (CSP form-action also governs the redirects that follow). */
function formTargets(config: AppConfig): string[] {
  return [
    new URL(config.publicUrl).origin,
    ...(config.franceConnect ? [new URL(config.franceConnect.issuer).origin] : []),
  ];
}

/** The composition root: the HTTP shell, the platform plugins, and every context's routes. */
export async function buildApp(config: AppConfig, database: Database): Promise<FastifyInstance> {
  const app = await buildServer({ config, database });
  const secrets = await loadSecrets(config, database);
  const storage = documentStorage(config);
  const mail = mailDelivery(database.db, config);
  app.decorate("mail", mail);
  app.addHook("onClose", async () => mail.stop());
  const jobs = jobScheduler(database.db, dailyJobs(database, config), {
    onOutcome: (outcome) =>
      outcome.error
        ? app.log.error(outcome, "daily job failed; it will be taken again")
        : app.log.info(outcome, "daily job done"),
  });
  app.decorate("jobs", jobs);
  // Stop before the database closes: a sweep at work finishes first.
  app.addHook("onClose", async () => jobs.stop());

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // DSFR sets styles through the CSSOM, which CSP allows; no inline style attribute is written.
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'", ...formTargets(config)],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    // HSTS belongs to the HTTPS front of a real deployment, not to a local http address.
    strictTransportSecurity: config.mode === "production",
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(sessionPlugin, { db: database.db, secrets });
  await app.register(accessPlugin, { db: database.db });
  await app.register(documentsPlugin, { db: database.db, storage });

  // OpenAPI 3.1 from the schemas of the /api/v1 routes (served at /api/v1/openapi.json).
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Parcours API",
        version: "1.0.0",
        description: "API de Parcours (l'Assurance retraite)",
      },
    },
    // Only the JSON API is documented; pages are HTML for people.
    transform: ({ schema, url }) => ({
      schema: url.startsWith("/api/v1/") ? schema : { ...schema, hide: true },
      url,
    }),
  });
  app.get("/api/v1/openapi.json", { config: { action: "public.view" }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.register(siteRoutes, { db: database.db });
  if (config.franceConnect) {
    await app.register(franceConnectRoutes, {
      db: database.db,
      secrets,
      franceConnect: config.franceConnect,
      publicUrl: config.publicUrl,
    });
  }
  await app.register(staffRoutes, { db: database.db, secrets });
  await app.register(backofficeRoutes, { db: database.db });
  await app.register(caseworkRoutes, { db: database.db, publicUrl: config.publicUrl });
  await app.register(accountRoutes, {
    db: database.db,
    publicUrl: config.publicUrl,
    loginAlternative: config.franceConnect ? franceConnectLoginOption : undefined,
  });
  await app.register(spaceRoutes, { db: database.db });
  await app.register(careerRoutes, { db: database.db });
  await app.register(casesRoutes, { db: database.db, publicUrl: config.publicUrl, storage });
  await app.register(proceduresRoutes, { db: database.db, publicUrl: config.publicUrl, storage });
  await app.register(paymentsRoutes, { db: database.db });
  await app.register(simulationRoutes, { db: database.db });
  await app.register(profileRoutes, { db: database.db, publicUrl: config.publicUrl });
  await app.register(satisfactionRoutes, { db: database.db });
  await app.register(personalDataRoutes, { db: database.db });
  if (config.mode !== "production") await app.register(devOutboxRoutes, { db: database.db });
  if (config.mode !== "production") await app.register(devComponentsRoutes);
  return app;
}

declare module "fastify" {
  interface FastifyInstance {
    mail: ReturnType<typeof mailDelivery>;
    /** Started by `npm start` only: tests and benchmarks run sweeps themselves, at the instant they choose. */
    jobs: ReturnType<typeof jobScheduler>;
  }
}
