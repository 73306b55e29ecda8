import type { FastifyRequest } from "fastify";
import { spaceOwner } from "../access/index.ts";
import type { Db } from "../platform/db.ts";
import type { CaseDetail } from "./model.ts";
import { caseOfReference } from "./service.ts";

/**
 * The `:reference` of a personal-space route as the policy's resource: the case when it is the open
 * space's — kept for the handler — and 404 for anyone else's or none, never "forbidden".
 */
export function ownCaseResource(db: Db, now: () => Date) {
  const resolved = new WeakMap<FastifyRequest, CaseDetail>();
  return {
    async resource(request: FastifyRequest) {
      if (request.principal.kind !== "insured") return {};
      const owner = spaceOwner(request.principal);
      const { reference } = request.params as { reference: string };
      const detail = await caseOfReference(db, reference, owner, now());
      if (!detail) return undefined;
      resolved.set(request, detail);
      return { insuredId: owner };
    },
    caseOf(request: FastifyRequest): CaseDetail {
      const detail = resolved.get(request);
      if (!detail) throw new Error("case resource not resolved");
      return detail;
    },
  };
}
