import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type {} from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Db, Tx } from "./db.ts";
import type { Secrets } from "./secrets.ts";

export const SESSION_COOKIE = "parcours_session";
const ANONYMOUS_COOKIE = "parcours_visite";
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
// last_seen_at is written at most once a minute per session: the idle limit stays exact to the
// minute without a database write on every request.
const TOUCH_EVERY_MS = 60 * 1000;

export type SessionKind = "insured" | "staff";

export interface Session {
  readonly tokenHash: string;
  readonly kind: SessionKind;
  readonly subjectId: number;
  readonly actingFor: number | null;
  readonly secondFactorPending: boolean;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly data: Record<string, unknown>;
}

type SessionTables = {
  web_session: {
    token_hash: string;
    kind: SessionKind;
    subject_id: number;
    acting_for: number | null;
    second_factor_pending: boolean;
    created_at: Date;
    last_seen_at: Date;
    data: unknown;
  };
};

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

export function isExpired(session: Pick<Session, "createdAt" | "lastSeenAt">, now: Date): boolean {
  return (
    now.getTime() - session.lastSeenAt.getTime() > IDLE_TIMEOUT_MS ||
    now.getTime() - session.createdAt.getTime() > ABSOLUTE_TIMEOUT_MS
  );
}

/**
 * Removes the sessions no request can use any more (the same limits as `isExpired`): the daily purge,
 * so an abandoned session does not stay in the table after its cookie died.
 */
export async function purgeExpiredSessions(db: Db | Tx, now: Date): Promise<number> {
  const result = await db
    .withTables<SessionTables>()
    .deleteFrom("web_session")
    .where((eb) =>
      eb.or([
        eb("last_seen_at", "<", new Date(now.getTime() - IDLE_TIMEOUT_MS)),
        eb("created_at", "<", new Date(now.getTime() - ABSOLUTE_TIMEOUT_MS)),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Ends every session of a person, on every device (after a password change, for instance). */
export async function closeSessionsOf(db: Db | Tx, kind: SessionKind, subjectId: number): Promise<void> {
  await db
    .withTables<SessionTables>()
    .deleteFrom("web_session")
    .where("kind", "=", kind)
    .where("subject_id", "=", subjectId)
    .execute();
}

export interface OpenSessionOptions {
  readonly secondFactorPending?: boolean;
  readonly actingFor?: number | null;
  readonly data?: Record<string, unknown>;
}

export interface SessionChanges {
  readonly secondFactorPending?: boolean;
  readonly actingFor?: number | null;
  readonly data?: Record<string, unknown>;
}

declare module "fastify" {
  interface FastifyRequest {
    session: Session | null;
    /** The token to put in every form (hidden `_csrf` field) or API call (X-CSRF-Token header). */
    csrfToken(): string;
  }
  interface FastifyReply {
    /** Starts a new session under a new id (the previous one, if any, is destroyed: no fixation). */
    openSession(kind: SessionKind, subjectId: number, options?: OpenSessionOptions): Promise<Session>;
    updateSession(changes: SessionChanges): Promise<void>;
    closeSession(): Promise<void>;
  }
  interface FastifyContextConfig {
    /** False only for a route that cannot carry the token (an OpenID Connect callback). */
    csrf?: boolean;
  }
}

export interface SessionPluginOptions {
  readonly db: Db;
  readonly secrets: Secrets;
  readonly now?: () => Date;
}

const COOKIE_OPTIONS = { path: "/", httpOnly: true, secure: true, sameSite: "lax" } as const;
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Server-side sessions: the cookie carries a random token, the database the session. Idle after 30
 * minutes, over after 12 hours. CSRF tokens are an HMAC of the session (or, before login, of a
 * random visit cookie), checked on every state-changing request.
 */
export const sessionPlugin = fp(async (app: FastifyInstance, options: SessionPluginOptions) => {
  const now = options.now ?? (() => new Date());
  const table = () => options.db.withTables<SessionTables>();
  const key = options.secrets.signingKey;

  async function find(token: string): Promise<Session | null> {
    const tokenHash = hashToken(token);
    const row = await table()
      .selectFrom("web_session")
      .selectAll()
      .where("token_hash", "=", tokenHash)
      .executeTakeFirst();
    if (!row) return null;
    const session: Session = {
      tokenHash,
      kind: row.kind,
      subjectId: row.subject_id,
      actingFor: row.acting_for,
      secondFactorPending: row.second_factor_pending,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      data: (row.data ?? {}) as Record<string, unknown>,
    };
    const at = now();
    if (isExpired(session, at)) {
      await table().deleteFrom("web_session").where("token_hash", "=", tokenHash).execute();
      return null;
    }
    if (at.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await table()
        .updateTable("web_session")
        .set({ last_seen_at: at })
        .where("token_hash", "=", tokenHash)
        .execute();
      return { ...session, lastSeenAt: at };
    }
    return session;
  }

  function csrfFor(binding: string): string {
    return createHmac("sha256", key).update(`csrf:${binding}`).digest("base64url");
  }

  app.decorateRequest("session", null);
  app.decorateRequest("csrfToken", function (this: FastifyRequest) {
    if (this.session) return csrfFor(this.session.tokenHash);
    let visit = this.cookies[ANONYMOUS_COOKIE];
    if (!visit) {
      visit = randomBytes(24).toString("base64url");
      this.cookies[ANONYMOUS_COOKIE] = visit;
      (this as FastifyRequest & { newVisit?: string }).newVisit = visit;
    }
    return csrfFor(visit);
  });

  app.decorateReply("openSession", async function (this: FastifyReply, kind, subjectId, opts = {}) {
    if (this.request.session) {
      await table()
        .deleteFrom("web_session")
        .where("token_hash", "=", this.request.session.tokenHash)
        .execute();
    }
    const token = randomBytes(32).toString("base64url");
    const at = now();
    const session: Session = {
      tokenHash: hashToken(token),
      kind,
      subjectId,
      actingFor: opts.actingFor ?? null,
      secondFactorPending: opts.secondFactorPending ?? false,
      createdAt: at,
      lastSeenAt: at,
      data: opts.data ?? {},
    };
    await table()
      .insertInto("web_session")
      .values({
        token_hash: session.tokenHash,
        kind,
        subject_id: subjectId,
        acting_for: session.actingFor,
        second_factor_pending: session.secondFactorPending,
        created_at: at,
        last_seen_at: at,
        data: JSON.stringify(session.data),
      })
      .execute();
    this.setCookie(SESSION_COOKIE, token, COOKIE_OPTIONS);
    this.request.session = session;
    return session;
  } satisfies FastifyReply["openSession"]);

  app.decorateReply("updateSession", async function (this: FastifyReply, changes) {
    const current = this.request.session;
    if (!current) throw new Error("updateSession without a session");
    const next: Session = {
      ...current,
      ...(changes.secondFactorPending !== undefined
        ? { secondFactorPending: changes.secondFactorPending }
        : {}),
      ...(changes.actingFor !== undefined ? { actingFor: changes.actingFor } : {}),
      ...(changes.data !== undefined ? { data: changes.data } : {}),
    };
    await table()
      .updateTable("web_session")
      .set({
        second_factor_pending: next.secondFactorPending,
        acting_for: next.actingFor,
        data: JSON.stringify(next.data),
      })
      .where("token_hash", "=", current.tokenHash)
      .execute();
    this.request.session = next;
  } satisfies FastifyReply["updateSession"]);

  app.decorateReply("closeSession", async function (this: FastifyReply) {
    if (this.request.session) {
      await table()
        .deleteFrom("web_session")
        .where("token_hash", "=", this.request.session.tokenHash)
        .execute();
      this.request.session = null;
    }
    this.clearCookie(SESSION_COOKIE, COOKIE_OPTIONS);
  });

  app.addHook("onRequest", async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    request.session = await find(token);
    if (!request.session) reply.clearCookie(SESSION_COOKIE, COOKIE_OPTIONS);
  });

  app.addHook("onSend", async (request, reply) => {
    const visit = (request as FastifyRequest & { newVisit?: string }).newVisit;
    if (visit) reply.setCookie(ANONYMOUS_COOKIE, visit, COOKIE_OPTIONS);
  });

  app.addHook("preHandler", async (request, reply) => {
    if (!UNSAFE_METHODS.has(request.method) || request.routeOptions.config.csrf === false) return;
    const body = request.body as Record<string, unknown> | undefined;
    const given = String(request.headers["x-csrf-token"] ?? body?._csrf ?? "");
    const expected = request.csrfToken();
    const ok = given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
    if (!ok) {
      request.log.warn({ route: request.routeOptions.url }, "csrf refusal");
      return reply.code(403).send(csrfRefusal);
    }
  });
});

/** Rendered by the error handler as a French page (see server.ts). */
const csrfRefusal = Object.assign(new Error("csrf"), { statusCode: 403, code: "CSRF" });
