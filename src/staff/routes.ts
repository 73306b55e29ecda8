import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { renderPage } from "../access/view.ts";
import type { Db } from "../platform/db.ts";
import { formField } from "../platform/dsfr/index.ts";
import { html } from "../platform/html.ts";
import type { Secrets } from "../platform/secrets.ts";
import { fundByCode, funds } from "../reference/index.ts";
import { completeEnrolment, ENROLMENT_PATH, enrolmentHolder } from "./enrolment.ts";
import type { StaffMember, StaffProblems } from "./model.ts";
import { normalizeCode, secretBox, totpUri, UnreadableSecret } from "./secondFactor.ts";
import {
  type CodeCheck,
  changeStaffMember,
  checkCode,
  checkPassword,
  confirmEnrolment,
  createStaffMember,
  hashForUnknownAddress,
  offerTotpSecret,
  resetStaffMember,
  setStaffActive,
} from "./service.ts";
import { credentialsById, staffById, staffPage } from "./store.ts";
import {
  activationPage,
  codePage,
  enrolmentPage,
  expiredActivationPage,
  type FundChoice,
  loginPage,
  newStaffPage,
  passwordShownOncePage,
  type StaffFormValues,
  staffListPage,
  staffMemberPage,
} from "./views.ts";

export interface StaffRoutesOptions {
  readonly db: Db;
  readonly secrets: Secrets;
}

/** What a pending (password given, code not yet) staff session remembers. */
interface PendingData {
  readonly displayName: string;
  readonly returnTo?: string;
  /** The sealed secret offered at enrolment, until a first code confirms it. */
  readonly totpOffer?: string;
}

const LOGIN_PATH = "/agent/connexion";
const CODE_PATH = "/agent/connexion/code";
const HOME_PATH = "/agent";
const ADMIN_PATH = "/agent/admin/agents";
const PAGE_SIZE = 50;

// Per address, failures lock the account (see service.ts); per client address, this limit slows down
// attempts spread over many e-mail addresses.
const LOGIN_RATE_LIMIT = {
  max: 30,
  timeWindow: "1 minute",
  errorResponseBuilder: () =>
    Object.assign(new Error("rate limited"), { statusCode: 429, code: "RATE_LIMITED" }),
};

const fundChoices: readonly FundChoice[] = funds.map((fund) => ({ code: fund.code, name: fund.shortName }));
const knownFund = (code: string) => fundByCode(code) !== undefined;

/** Only a back-office address is a place to return to after login (no open redirect). */
function safeReturn(value: string): string | undefined {
  return /^\/agent(?:[/?]|$)/.test(value) ? value : undefined;
}

function pendingSession(request: FastifyRequest): PendingData | undefined {
  const session = request.session;
  if (session?.kind !== "staff" || !session.secondFactorPending) return undefined;
  return session.data as unknown as PendingData;
}

const CODE_MESSAGES: Record<Exclude<CodeCheck["outcome"], "accepted" | "locked">, string> = {
  wrong:
    "Ce code n'est pas le bon. Vérifiez l'heure de votre téléphone et saisissez le code affiché maintenant.",
  replayed:
    "Ce code a déjà servi. Attendez le code suivant (il change toutes les 30 secondes) et saisissez-le.",
  unreadable:
    "Votre double authentification ne peut plus être vérifiée : la clé de sécurité du service a changé. Demandez à votre administrateur de réinitialiser votre compte, puis activez de nouveau votre application d'authentification.",
};

const LOCKED_MESSAGE =
  "Trop de tentatives ont échoué pour ce compte : la connexion est bloquée pendant 15 minutes. Si ce n'était pas vous, prévenez votre administrateur.";

/** Staff login with a second factor, logout, and the administration of staff accounts. */
export async function staffRoutes(app: FastifyInstance, options: StaffRoutesOptions): Promise<void> {
  const { db } = options;
  const box = secretBox(options.secrets.signingKey, options.secrets.previousKeys);
  await hashForUnknownAddress();

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error.statusCode !== 429) throw error;
    reply.code(429);
    return renderPage(request, reply, {
      title: "Trop de tentatives",
      main: html`<h1>Trop de tentatives</h1>
<p class="fr-text--lead">Trop de tentatives de connexion viennent de votre poste. Attendez une minute avant de réessayer.</p>
<p><a class="fr-link" href="${LOGIN_PATH}">Retour à la connexion</a></p>`,
    });
  });

  // ------------------------------------------------------------ login

  app.get<{ Querystring: { retour?: string } }>(
    LOGIN_PATH,
    { config: { action: "account.enter", siteMap: { label: "Espace agent : connexion" } } },
    async (request, reply) =>
      renderPage(request, reply, {
        title: "Connexion à l'espace agent",
        main: loginPage({
          csrfToken: request.csrfToken(),
          returnTo: safeReturn(formField(request.query, "retour")),
          loggedOut: formField(request.query, "deconnecte") === "1",
        }),
      }),
  );

  app.post(
    LOGIN_PATH,
    { config: { action: "account.enter", rateLimit: LOGIN_RATE_LIMIT } },
    async (request, reply) => {
      const email = formField(request.body, "email").trim();
      const returnTo = safeReturn(formField(request.body, "retour"));
      const result = await checkPassword(db, email, formField(request.body, "password"), new Date());
      if (result.outcome !== "accepted") {
        reply.code(result.outcome === "locked" ? 429 : 401);
        return renderPage(request, reply, {
          title: "Connexion à l'espace agent",
          main: loginPage({
            csrfToken: request.csrfToken(),
            email,
            returnTo,
            error:
              result.outcome === "locked"
                ? LOCKED_MESSAGE
                : "L'adresse e-mail ou le mot de passe est incorrect, ou le compte est désactivé.",
          }),
        });
      }
      const data: PendingData = { displayName: result.member.displayName, ...(returnTo ? { returnTo } : {}) };
      await reply.openSession("staff", result.member.id, { secondFactorPending: true, data: { ...data } });
      return reply.redirect(CODE_PATH, 303);
    },
  );

  /** The secret of a pending offer, unless it was sealed under a key no longer in the keyring. */
  function readableOffer(sealed: string): string | undefined {
    try {
      return box.open(sealed);
    } catch (error) {
      if (error instanceof UnreadableSecret) return undefined;
      throw error;
    }
  }

  /** The code form, or the enrolment page when the member has no application yet. */
  async function secondStep(request: FastifyRequest, reply: FastifyReply, error?: string) {
    const pending = pendingSession(request);
    const session = request.session;
    if (!pending || !session) return reply.redirect(LOGIN_PATH, 303);
    const credentials = await credentialsById(db, session.subjectId);
    if (!credentials) return reply.redirect(LOGIN_PATH, 303);
    if (credentials.sealedTotpSecret !== null) {
      return renderPage(request, reply, {
        title: "Code de vérification",
        main: codePage({ csrfToken: request.csrfToken(), error }),
      });
    }
    let offer = pending.totpOffer;
    let secret = offer === undefined ? undefined : readableOffer(offer);
    if (offer === undefined || secret === undefined) {
      const fresh = offerTotpSecret(box);
      offer = fresh.sealed;
      secret = fresh.secret;
      await reply.updateSession({ data: { ...pending, totpOffer: offer } });
    }
    return renderPage(request, reply, {
      title: "Activer la double authentification",
      main: enrolmentPage({
        csrfToken: request.csrfToken(),
        secret,
        uri: totpUri(secret, credentials.member.email),
        error,
      }),
    });
  }

  app.get(CODE_PATH, { config: { action: "account.enter" } }, async (request, reply) =>
    secondStep(request, reply),
  );

  app.post(
    CODE_PATH,
    { config: { action: "account.enter", rateLimit: LOGIN_RATE_LIMIT } },
    async (request, reply) => {
      const pending = pendingSession(request);
      const session = request.session;
      if (!pending || !session) return reply.redirect(LOGIN_PATH, 303);
      const code = normalizeCode(formField(request.body, "code"));
      const now = new Date();
      const result =
        pending.totpOffer === undefined
          ? await checkCode(db, box, session.subjectId, code, now)
          : await confirmEnrolment(db, box, session.subjectId, pending.totpOffer, code, now);
      switch (result.outcome) {
        case "accepted":
          // A new session id once both factors are given.
          await reply.openSession("staff", result.member.id, {
            data: { displayName: result.member.displayName },
          });
          return reply.redirect(pending.returnTo ?? HOME_PATH, 303);
        case "locked":
          await reply.closeSession();
          reply.code(429);
          return renderPage(request, reply, {
            title: "Connexion à l'espace agent",
            main: loginPage({ csrfToken: request.csrfToken(), error: LOCKED_MESSAGE }),
          });
        default:
          reply.code(401);
          return secondStep(request, reply, CODE_MESSAGES[result.outcome]);
      }
    },
  );

  // ------------------------------------------------------------ enrolment link (admin:create, later resets)

  app.get(ENROLMENT_PATH, { config: { action: "account.enter" } }, async (request, reply) => {
    const token = formField(request.query, "jeton");
    const member = await enrolmentHolder(db, token, new Date());
    if (!member) {
      reply.code(410);
      return renderPage(request, reply, { title: "Lien d'activation", main: expiredActivationPage() });
    }
    return renderPage(request, reply, {
      title: "Activer votre compte agent",
      main: activationPage({ csrfToken: request.csrfToken(), token, email: member.email }),
    });
  });

  app.post(
    ENROLMENT_PATH,
    { config: { action: "account.enter", rateLimit: LOGIN_RATE_LIMIT } },
    async (request, reply) => {
      const token = formField(request.body, "jeton");
      const result = await completeEnrolment(
        db,
        {
          token,
          password: formField(request.body, "password"),
          passwordConfirmation: formField(request.body, "passwordConfirmation"),
        },
        new Date(),
      );
      if (result.outcome === "expired") {
        reply.code(410);
        return renderPage(request, reply, { title: "Lien d'activation", main: expiredActivationPage() });
      }
      if (result.outcome === "invalid") {
        const member = await enrolmentHolder(db, token, new Date());
        reply.code(400);
        return renderPage(request, reply, {
          title: "Activer votre compte agent",
          main: activationPage({
            csrfToken: request.csrfToken(),
            token,
            email: member?.email ?? "",
            errors: result.errors,
          }),
        });
      }
      // The password is set; the second factor is enrolled at the ordinary code step that follows.
      const data: PendingData = { displayName: result.member.displayName };
      await reply.openSession("staff", result.member.id, { secondFactorPending: true, data: { ...data } });
      return reply.redirect(CODE_PATH, 303);
    },
  );

  app.post("/agent/deconnexion", { config: { action: "backoffice.enter" } }, async (_request, reply) => {
    await reply.closeSession();
    return reply.redirect(`${LOGIN_PATH}?deconnecte=1`, 303);
  });

  // ------------------------------------------------------------ administration

  async function administrator(request: FastifyRequest): Promise<StaffMember> {
    const principal = request.principal;
    const member = principal.kind === "staff" ? await staffById(db, principal.staffId) : undefined;
    if (!member) throw new Error("staff.manage granted without a staff member");
    return member;
  }

  function memberId(request: FastifyRequest): number | undefined {
    const raw = (request.params as { id?: string }).id ?? "";
    return /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
  }

  function formValues(body: unknown, email = formField(body, "email")): StaffFormValues {
    return {
      email,
      displayName: formField(body, "displayName"),
      role: formField(body, "role"),
      fundCode: formField(body, "fundCode"),
    };
  }

  const memberValues = (member: StaffMember): StaffFormValues => ({
    email: member.email,
    displayName: member.displayName,
    role: member.role,
    fundCode: member.fundCode ?? "",
  });

  async function memberPage(
    request: FastifyRequest,
    reply: FastifyReply,
    member: StaffMember,
    values: StaffFormValues,
    problems: StaffProblems,
  ) {
    const self = (await administrator(request)).id === member.id;
    return renderPage(request, reply, {
      title: `Agent : ${member.displayName}`,
      path: ADMIN_PATH,
      main: staffMemberPage({
        csrfToken: request.csrfToken(),
        member,
        values,
        problems,
        funds: fundChoices,
        saved: formField(request.query, "enregistre") === "1",
        self,
      }),
    });
  }

  app.get(
    ADMIN_PATH,
    { config: { action: "staff.manage", siteMap: { label: "Gérer les agents" } } },
    async (request, reply) => {
      const after = formField(request.query, "apres") || undefined;
      const page = await staffPage(db, after, PAGE_SIZE + 1);
      const members = page.slice(0, PAGE_SIZE);
      return renderPage(request, reply, {
        title: "Gérer les agents",
        path: ADMIN_PATH,
        main: staffListPage({
          members,
          funds: fundChoices,
          next: page.length > PAGE_SIZE ? members.at(-1)?.email : undefined,
          first: after === undefined,
        }),
      });
    },
  );

  app.get(
    `${ADMIN_PATH}/nouveau`,
    { config: { action: "staff.manage", siteMap: { label: "Créer un compte agent" } } },
    async (request, reply) =>
      renderPage(request, reply, {
        title: "Créer un compte agent",
        path: ADMIN_PATH,
        main: newStaffPage({
          csrfToken: request.csrfToken(),
          values: formValues(undefined),
          problems: {},
          funds: fundChoices,
        }),
      }),
  );

  app.post(ADMIN_PATH, { config: { action: "staff.manage" } }, async (request, reply) => {
    const values = formValues(request.body);
    const result = await createStaffMember(db, await administrator(request), values, knownFund);
    if (!result.ok) {
      if ("notFound" in result) return reply.callNotFound();
      reply.code(400);
      return renderPage(request, reply, {
        title: "Créer un compte agent",
        path: ADMIN_PATH,
        main: newStaffPage({
          csrfToken: request.csrfToken(),
          values,
          problems: result.problems,
          funds: fundChoices,
        }),
      });
    }
    reply.code(201);
    return renderPage(request, reply, {
      title: "Compte créé",
      path: ADMIN_PATH,
      main: passwordShownOncePage({ member: result.member, password: result.password, created: true }),
    });
  });

  app.get(`${ADMIN_PATH}/:id`, { config: { action: "staff.manage" } }, async (request, reply) => {
    const id = memberId(request);
    const member = id === undefined ? undefined : await staffById(db, id);
    if (!member) return reply.callNotFound();
    return memberPage(request, reply, member, memberValues(member), {});
  });

  app.post(`${ADMIN_PATH}/:id`, { config: { action: "staff.manage" } }, async (request, reply) => {
    const id = memberId(request);
    const before = id === undefined ? undefined : await staffById(db, id);
    if (!before) return reply.callNotFound();
    const values = formValues(request.body, before.email);
    const result = await changeStaffMember(db, await administrator(request), before.id, values, knownFund);
    if (result.ok) return reply.redirect(`${ADMIN_PATH}/${before.id}?enregistre=1`, 303);
    if ("notFound" in result) return reply.callNotFound();
    reply.code(400);
    return memberPage(request, reply, before, values, result.problems);
  });

  for (const [path, active] of [
    ["desactivation", false],
    ["reactivation", true],
  ] as const) {
    app.post(`${ADMIN_PATH}/:id/${path}`, { config: { action: "staff.manage" } }, async (request, reply) => {
      const id = memberId(request);
      if (id === undefined) return reply.callNotFound();
      const result = await setStaffActive(db, await administrator(request), id, active);
      if (result.ok) return reply.redirect(`${ADMIN_PATH}/${id}?enregistre=1`, 303);
      if ("notFound" in result) return reply.callNotFound();
      const member = await staffById(db, id);
      if (!member) return reply.callNotFound();
      reply.code(400);
      return memberPage(request, reply, member, memberValues(member), result.problems);
    });
  }

  app.post(
    `${ADMIN_PATH}/:id/reinitialisation`,
    { config: { action: "staff.manage" } },
    async (request, reply) => {
      const id = memberId(request);
      if (id === undefined) return reply.callNotFound();
      const result = await resetStaffMember(db, await administrator(request), id);
      if (!result.ok) return reply.callNotFound();
      return renderPage(request, reply, {
        title: "Compte réinitialisé",
        path: ADMIN_PATH,
        main: passwordShownOncePage({ member: result.member, password: result.password, created: false }),
      });
    },
  );
}
