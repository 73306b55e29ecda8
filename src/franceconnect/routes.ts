import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { INSURED_HOME_PATH } from "../access/guard.ts";
import { renderPage } from "../access/view.ts";
import type { FranceConnectConfig } from "../platform/config.ts";
import type { Db } from "../platform/db.ts";
import type { Secrets } from "../platform/secrets.ts";
import {
  CALLBACK_PATH,
  type FranceConnectClient,
  FranceConnectUnavailable,
  franceConnectClient,
  LOGOUT_RETURN_PATH,
  type PendingLogin,
} from "./client.ts";
import { PENDING_TTL_SECONDS, seal, unseal } from "./pending.ts";
import {
  FRANCECONNECT_ID_TOKEN,
  identify,
  recordLogin,
  recordLogout,
  recordRefusal,
  type SessionFromFranceConnect,
} from "./service.ts";
import {
  FAILURES,
  type FailureText,
  failurePage,
  LOGIN_PATH,
  LOGOUT_PATH,
  loggedOutPage,
  loginPage,
  noMatchPage,
} from "./views.ts";

/** The FranceConnect button the login page shows when it is configured (the composition root passes it). */
export { loginOption as franceConnectLoginOption } from "./views.ts";

export interface FranceConnectRoutesOptions {
  readonly db: Db;
  readonly secrets: Secrets;
  readonly franceConnect: FranceConnectConfig;
  readonly publicUrl: string;
}

const LOGIN_COOKIE = "parcours_franceconnect_connexion";
const LOGOUT_COOKIE = "parcours_franceconnect_deconnexion";
// SameSite=Lax: the way back from FranceConnect is a top-level GET from another site, which Lax allows.
const PENDING_COOKIE = {
  path: "/franceconnect",
  httpOnly: true,
  secure: true,
  sameSite: "lax",
  maxAge: PENDING_TTL_SECONDS,
} as const;

const callbackQuery = {
  type: "object",
  properties: {
    code: { type: "string", maxLength: 2048 },
    state: { type: "string", maxLength: 512 },
    iss: { type: "string", maxLength: 2048 },
    error: { type: "string", maxLength: 256 },
    error_description: { type: "string", maxLength: 2048 },
  },
} as const;

/**
 * FranceConnect v2 as a second way into the personal space: start, come back, log out through the
 * provider. Registered only when FRANCECONNECT_* are set.
 */
export async function franceConnectRoutes(
  app: FastifyInstance,
  options: FranceConnectRoutesOptions,
): Promise<void> {
  const key = options.secrets.signingKey;
  const client: FranceConnectClient = franceConnectClient({
    ...options.franceConnect,
    publicUrl: options.publicUrl,
  });

  function failure(request: FastifyRequest, reply: FastifyReply, status: number, text: FailureText) {
    reply.code(status).header("cache-control", "no-store");
    return renderPage(request, reply, {
      title: text.title,
      main: failurePage(text, request.csrfToken(), request.id),
    });
  }

  app.get(LOGIN_PATH, { config: { action: "account.enter" } }, async (request, reply) =>
    renderPage(request, reply, {
      title: "Se connecter avec FranceConnect",
      path: LOGIN_PATH,
      main: loginPage(request.csrfToken()),
    }),
  );

  app.post(LOGIN_PATH, { config: { action: "account.enter" } }, async (request, reply) => {
    let started: Awaited<ReturnType<FranceConnectClient["beginLogin"]>>;
    try {
      started = await client.beginLogin();
    } catch (error) {
      if (!(error instanceof FranceConnectUnavailable)) throw error;
      request.log.error({ err: error }, "franceconnect unavailable");
      return failure(request, reply, 503, FAILURES.unavailable);
    }
    reply.setCookie(LOGIN_COOKIE, seal(key, "login", started.pending, new Date()), PENDING_COOKIE);
    return reply.redirect(started.url.href, 303);
  });

  app.get(
    CALLBACK_PATH,
    { config: { action: "public.view", csrf: false }, schema: { querystring: callbackQuery } },
    async (request, reply) => {
      const pending = unseal<PendingLogin>(key, "login", request.cookies[LOGIN_COOKIE], new Date());
      reply.clearCookie(LOGIN_COOKIE, PENDING_COOKIE);
      if (!pending) {
        // Not audited: without a round trip this browser started, nobody is identified or refused.
        request.log.warn("franceconnect return without a pending login");
        return failure(request, reply, 400, FAILURES.expired);
      }
      const queryAt = request.url.indexOf("?");
      const search = queryAt === -1 ? "" : request.url.slice(queryAt);
      let outcome: Awaited<ReturnType<FranceConnectClient["completeLogin"]>>;
      try {
        outcome = await client.completeLogin(search, pending);
      } catch (error) {
        if (!(error instanceof FranceConnectUnavailable)) throw error;
        request.log.error({ err: error }, "franceconnect unavailable");
        return failure(request, reply, 503, FAILURES.unavailable);
      }
      if (outcome.kind === "refused") {
        await recordRefusal(options.db, `provider:${outcome.error}`);
        return failure(
          request,
          reply,
          400,
          outcome.error === "access_denied" ? FAILURES.cancelled : FAILURES.refused,
        );
      }
      if (outcome.kind === "failed") {
        request.log.warn({ reason: outcome.reason }, "franceconnect response refused");
        await recordRefusal(options.db, "unverified");
        return failure(request, reply, 400, FAILURES.unverified);
      }
      const identified = await identify(options.db, outcome.userinfo);
      if (identified.kind === "invalid") {
        request.log.warn("franceconnect pivot identity incomplete");
        await recordRefusal(options.db, "unverified");
        return failure(request, reply, 400, FAILURES.unverified);
      }
      if (identified.kind !== "one") {
        await recordRefusal(options.db, identified.kind === "several" ? "several_matches" : "no_match");
        reply.header("cache-control", "no-store");
        return renderPage(request, reply, {
          title: "Dossier introuvable",
          main: noMatchPage(identified.pivot, identified.kind === "several"),
        });
      }
      const data: SessionFromFranceConnect = {
        displayName: identified.displayName,
        logoutPath: LOGOUT_PATH,
        [FRANCECONNECT_ID_TOKEN]: outcome.idToken,
      };
      await reply.openSession("insured", identified.insuredId, { data: { ...data } });
      await recordLogin(options.db, identified.insuredId);
      return reply.redirect(INSURED_HOME_PATH, 303);
    },
  );

  app.post(LOGOUT_PATH, { config: { action: "account.self" } }, async (request, reply) => {
    const session = request.session;
    const idToken = session?.data[FRANCECONNECT_ID_TOKEN];
    if (session) await recordLogout(options.db, session.subjectId);
    await reply.closeSession();
    if (typeof idToken !== "string") return reply.redirect("/", 303);
    let logout: Awaited<ReturnType<FranceConnectClient["beginLogout"]>>;
    try {
      logout = await client.beginLogout(idToken);
    } catch (error) {
      if (!(error instanceof FranceConnectUnavailable)) throw error;
      request.log.error({ err: error }, "franceconnect unavailable at logout");
      return renderPage(request, reply, { title: "Vous êtes déconnecté", main: loggedOutPage(false) });
    }
    reply.setCookie(LOGOUT_COOKIE, seal(key, "logout", { state: logout.state }, new Date()), PENDING_COOKIE);
    return reply.redirect(logout.url.href, 303);
  });

  app.get(
    LOGOUT_RETURN_PATH,
    { config: { action: "public.view" }, schema: { querystring: callbackQuery } },
    async (request, reply) => {
      const pending = unseal<{ state: string }>(key, "logout", request.cookies[LOGOUT_COOKIE], new Date());
      reply.clearCookie(LOGOUT_COOKIE, PENDING_COOKIE);
      const { state } = request.query as { state?: string };
      return renderPage(request, reply, {
        title: "Vous êtes déconnecté",
        main: loggedOutPage(pending !== undefined && state === pending.state),
      });
    },
  );
}
