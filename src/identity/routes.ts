import type { FastifyError, FastifyInstance, FastifyRequest } from "fastify";
import { INSURED_HOME_PATH } from "../access/guard.ts";
import { renderPage } from "../access/view.ts";
import type { Db } from "../platform/db.ts";
import type { Html } from "../platform/html.ts";
import { accountApiRoutes } from "./api.ts";
import { isSafeReturnPath, type SignUpForm } from "./model.ts";
import {
  type AccountDeps,
  activeRepresentations,
  logIn,
  NEW_PASSWORD_PATH,
  preparePasswordChecks,
  requestPasswordReset,
  resendVerification,
  resetLinkIsValid,
  resetPassword,
  signUp,
  VERIFY_EMAIL_PATH,
  verifyEmail,
} from "./service.ts";
import { actFor, logOut } from "./sessionActions.ts";
import {
  checkYourMailPage,
  emailVerifiedPage,
  expiredResetLinkPage,
  forgottenPasswordPage,
  type LoginNotice,
  loginPage,
  newPasswordPage,
  representationPage,
  representationRefusedPage,
  signUpPage,
  tooManyAttemptsPage,
} from "./views.ts";

export interface AccountRoutesOptions {
  readonly db: Db;
  readonly publicUrl: string;
  /** Rendered above the login form: another way in (FranceConnect), chosen by the composition root. */
  readonly loginAlternative?: ((csrfToken: string) => Html) | undefined;
  readonly now?: () => Date;
}

/** Per IP, on every form that checks a password or sends a mail. */
const ACCOUNT_RATE_LIMIT = { max: 10, timeWindow: "1 minute" } as const;
const REPRESENTATION_PATH = "/espace/representation";

type Form = Record<string, string | undefined>;
const text = (form: Form, name: string) => (typeof form[name] === "string" ? (form[name] as string) : "");
const query = (request: FastifyRequest) => (request.query ?? {}) as Form;

const TOO_MANY_REQUESTS =
  "Trop de demandes depuis votre connexion internet en peu de temps : attendez une minute avant de réessayer.";

const LOGIN_REFUSAL_STATUS = { invalid: 401, unverified: 403, locked: 423 } as const;

const LOGIN_NOTICES: Record<string, LoginNotice> = {
  deconnexion: "logged-out",
  "mot-de-passe": "password-changed",
};

/**
 * Insured people's accounts: sign-up with e-mail verification, login and logout, password reset,
 * and choosing whose space a legal representative opens. The JSON API is in api.ts.
 */
export async function accountRoutes(app: FastifyInstance, options: AccountRoutesOptions): Promise<void> {
  const deps: AccountDeps = {
    db: options.db,
    publicUrl: options.publicUrl,
    now: options.now ?? (() => new Date()),
  };
  const rateLimit = ACCOUNT_RATE_LIMIT;
  await preparePasswordChecks();

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const api = request.url.startsWith("/api/");
    if (error.statusCode === 429) {
      reply.code(429);
      if (api) return { error: { code: "too_many_requests", message: TOO_MANY_REQUESTS } };
      return renderPage(request, reply, { title: "Trop de tentatives", main: tooManyAttemptsPage() });
    }
    if (api && error.validation) {
      const where = error.validation[0]?.instancePath || error.validation[0]?.params?.missingProperty;
      return reply.code(400).send({
        error: {
          code: "invalid_request",
          message: `La demande est incomplète ou mal formée${where ? ` (${String(where).replace(/^\//, "")})` : ""} : vérifiez chaque champ et son type.`,
        },
      });
    }
    throw error;
  });

  // ---------------------------------------------------------- sign-up

  app.get(
    "/inscription",
    { config: { action: "account.enter", siteMap: { label: "Créer mon espace personnel" } } },
    async (request, reply) =>
      renderPage(request, reply, {
        title: "Créer mon espace personnel",
        main: signUpPage({ csrfToken: request.csrfToken() }),
      }),
  );

  app.post("/inscription", { config: { action: "account.enter", rateLimit } }, async (request, reply) => {
    const body = request.body as Form;
    const form: SignUpForm = {
      nir: text(body, "nir"),
      birthDate: text(body, "birthDate"),
      email: text(body, "email"),
      password: text(body, "password"),
      passwordConfirmation: text(body, "passwordConfirmation"),
    };
    const result = await signUp(deps, form);
    if (!result.ok) {
      reply.code(400);
      return renderPage(request, reply, {
        title: "Créer mon espace personnel",
        main: signUpPage({
          csrfToken: request.csrfToken(),
          values: { nir: form.nir, birthDate: form.birthDate, email: form.email },
          errors: result.errors,
        }),
      });
    }
    return renderPage(request, reply, {
      title: "Consultez votre messagerie",
      main: checkYourMailPage(result.value.email, "sign-up"),
    });
  });

  app.get(VERIFY_EMAIL_PATH, { config: { action: "public.view" } }, async (request, reply) => {
    const verified = await verifyEmail(deps, text(query(request), "jeton"));
    if (!verified) reply.code(410);
    return renderPage(request, reply, {
      title: verified ? "Adresse confirmée" : "Lien expiré",
      main: emailVerifiedPage(verified),
    });
  });

  app.post(
    "/inscription/renvoyer",
    { config: { action: "account.enter", rateLimit } },
    async (request, reply) => {
      const email = text(request.body as Form, "email");
      await resendVerification(deps, email);
      return renderPage(request, reply, {
        title: "Consultez votre messagerie",
        main: checkYourMailPage(email, "sign-up"),
      });
    },
  );

  // ---------------------------------------------------------- login and logout

  app.get(
    "/connexion",
    { config: { action: "account.enter", siteMap: { label: "Se connecter" } } },
    async (request, reply) => {
      const params = query(request);
      const returnTo = isSafeReturnPath(params.retour) ? params.retour : undefined;
      const notice = Object.keys(params)
        .map((key) => LOGIN_NOTICES[key])
        .find((found) => found !== undefined);
      return renderPage(request, reply, {
        title: "Se connecter",
        main: loginPage({
          csrfToken: request.csrfToken(),
          loginAlternative: options.loginAlternative,
          returnTo,
          notice,
        }),
      });
    },
  );

  app.post("/connexion", { config: { action: "account.enter", rateLimit } }, async (request, reply) => {
    const body = request.body as Form;
    const email = text(body, "email");
    const returnTo = isSafeReturnPath(body.retour) ? body.retour : undefined;
    const result = await logIn(deps, { email, password: text(body, "password") });
    const outcome = result.ok ? result.value : undefined;
    if (outcome?.outcome === "ok") {
      const { insuredId, displayName } = outcome;
      await reply.openSession("insured", insuredId, { data: { displayName } });
      return reply.redirect(returnTo ?? INSURED_HOME_PATH, 303);
    }
    reply.code(outcome ? LOGIN_REFUSAL_STATUS[outcome.outcome] : 400);
    return renderPage(request, reply, {
      title: "Se connecter",
      main: loginPage({
        csrfToken: request.csrfToken(),
        loginAlternative: options.loginAlternative,
        returnTo,
        email,
        ...(outcome ? { notice: outcome.outcome } : { errors: result.ok ? {} : result.errors }),
      }),
    });
  });

  app.post("/deconnexion", { config: { action: "account.self" } }, async (request, reply) => {
    await logOut(deps, request, reply);
    return reply.redirect("/connexion?deconnexion", 303);
  });

  // ---------------------------------------------------------- password reset

  app.get(
    "/mot-de-passe-oublie",
    { config: { action: "account.enter", siteMap: { label: "Mot de passe oublié" } } },
    async (request, reply) =>
      renderPage(request, reply, {
        title: "Mot de passe oublié",
        main: forgottenPasswordPage({ csrfToken: request.csrfToken() }),
      }),
  );

  app.post(
    "/mot-de-passe-oublie",
    { config: { action: "account.enter", rateLimit } },
    async (request, reply) => {
      const email = text(request.body as Form, "email");
      const result = await requestPasswordReset(deps, email);
      if (!result.ok) {
        reply.code(400);
        return renderPage(request, reply, {
          title: "Mot de passe oublié",
          main: forgottenPasswordPage({ csrfToken: request.csrfToken(), email, error: result.errors.email }),
        });
      }
      return renderPage(request, reply, {
        title: "Consultez votre messagerie",
        main: checkYourMailPage(result.value.email, "reset"),
      });
    },
  );

  app.get(NEW_PASSWORD_PATH, { config: { action: "public.view" } }, async (request, reply) => {
    const token = text(query(request), "jeton");
    if (!(await resetLinkIsValid(deps, token))) {
      reply.code(410);
      return renderPage(request, reply, { title: "Lien expiré", main: expiredResetLinkPage() });
    }
    return renderPage(request, reply, {
      title: "Choisir un nouveau mot de passe",
      main: newPasswordPage({ csrfToken: request.csrfToken(), token }),
    });
  });

  app.post(NEW_PASSWORD_PATH, { config: { action: "public.view", rateLimit } }, async (request, reply) => {
    const body = request.body as Form;
    const token = text(body, "jeton");
    const result = await resetPassword(deps, {
      token,
      password: text(body, "password"),
      passwordConfirmation: text(body, "passwordConfirmation"),
    });
    switch (result.outcome) {
      case "done":
        // The person's sessions are closed, this browser's included: the cookie goes with them.
        await reply.closeSession();
        return reply.redirect("/connexion?mot-de-passe", 303);
      case "expired":
        reply.code(410);
        return renderPage(request, reply, { title: "Lien expiré", main: expiredResetLinkPage() });
      case "invalid":
        reply.code(400);
        return renderPage(request, reply, {
          title: "Choisir un nouveau mot de passe",
          main: newPasswordPage({ csrfToken: request.csrfToken(), token, errors: result.errors }),
        });
    }
  });

  // ---------------------------------------------------------- legal representatives

  app.get(
    REPRESENTATION_PATH,
    { config: { action: "account.self", siteMap: { label: "Représentation d'une personne" } } },
    async (request, reply) => {
      const session = request.session as NonNullable<FastifyRequest["session"]>;
      return renderPage(request, reply, {
        title: "Représentation d'une personne",
        path: REPRESENTATION_PATH,
        main: representationPage({
          csrfToken: request.csrfToken(),
          representations: await activeRepresentations(options.db, session.subjectId, deps.now()),
          actingFor: request.principal.kind === "insured" ? request.principal.actingFor : null,
        }),
      });
    },
  );

  app.post(REPRESENTATION_PATH, { config: { action: "account.self" } }, async (request, reply) => {
    const choice = text(request.body as Form, "personne");
    const insuredId = choice === "" ? null : Number(choice);
    const result = await actFor(deps, request, reply, insuredId);
    if (result.outcome !== "refused") return reply.redirect(INSURED_HOME_PATH, 303);
    reply.code(403);
    return renderPage(request, reply, { title: "Accès refusé", main: representationRefusedPage() });
  });

  accountApiRoutes(app, deps, rateLimit);
}
