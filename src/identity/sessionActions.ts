import type { FastifyReply, FastifyRequest } from "fastify";
import { auditActor } from "../access/guard.ts";
import { recordAudit } from "../platform/audit.ts";
import { type AccountDeps, activeRepresentations, type Representation } from "./service.ts";

/**
 * What the pages and the API do to the session of a logged-in insured person, in one place: logging
 * out, and choosing whose space is open.
 */
function sessionOf(request: FastifyRequest) {
  return request.session as NonNullable<FastifyRequest["session"]>;
}

export async function logOut(deps: AccountDeps, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  await recordAudit(deps.db, {
    ...auditActor(request.principal),
    action: "account.logout",
    insuredId: sessionOf(request).subjectId,
    reason: null,
  });
  await reply.closeSession();
}

export type ActForOutcome =
  | { readonly outcome: "own" }
  | { readonly outcome: "represented"; readonly representation: Representation }
  | { readonly outcome: "refused" };

/**
 * Opens one's own space (null) or that of a person under an active mandate. Any other choice is
 * refused and the attempt audited; acting for someone is audited as the representative's act.
 */
export async function actFor(
  deps: AccountDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  insuredId: number | null,
): Promise<ActForOutcome> {
  const session = sessionOf(request);
  if (insuredId === null) {
    const { actingForName: _, ...own } = session.data;
    await reply.updateSession({ actingFor: null, data: own });
    return { outcome: "own" };
  }
  const representations = await activeRepresentations(deps.db, session.subjectId, deps.now());
  const representation = representations.find((r) => r.insuredId === insuredId);
  if (!representation) {
    await recordAudit(deps.db, {
      ...auditActor(request.principal),
      action: "refused:representation.choose",
      // What was sent may be no id at all (a tampered form): then no person is named.
      insuredId: Number.isSafeInteger(insuredId) ? insuredId : null,
      reason: "no_active_mandate",
      details: { method: request.method, url: request.url },
    });
    return { outcome: "refused" };
  }
  await reply.updateSession({
    actingFor: representation.insuredId,
    data: { ...session.data, actingForName: representation.name },
  });
  await recordAudit(deps.db, {
    actorKind: "representative",
    actorId: session.subjectId,
    action: "representation.start",
    insuredId: representation.insuredId,
    reason: null,
  });
  return { outcome: "represented", representation };
}
