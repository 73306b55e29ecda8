import { displayNameOf, insuredBornOn, insuredById } from "../identity/index.ts";
import { recordAudit } from "../platform/audit.ts";
import type { Db } from "../platform/db.ts";
import type { Session } from "../platform/sessions.ts";
import { matchInsured, type PivotIdentity, pivotIdentityFrom } from "./model.ts";

/** Session data key of the ID token: its presence marks a session opened through FranceConnect. */
export const FRANCECONNECT_ID_TOKEN = "franceConnectIdToken";

export interface SessionFromFranceConnect {
  readonly displayName: string;
  /** Where the header's logout button posts (src/access/view.ts): the logout through FranceConnect. */
  readonly logoutPath: string;
  readonly [FRANCECONNECT_ID_TOKEN]: string;
}

/** True when this session came from FranceConnect: its logout must go through the provider too. */
export function cameThroughFranceConnect(session: Pick<Session, "data"> | null): boolean {
  return typeof session?.data[FRANCECONNECT_ID_TOKEN] === "string";
}

export type Identification =
  | { readonly kind: "invalid" }
  | { readonly kind: "none" | "several"; readonly pivot: PivotIdentity }
  | {
      readonly kind: "one";
      readonly pivot: PivotIdentity;
      readonly insuredId: number;
      readonly displayName: string;
    };

/** Finds the owner of a verified pivot identity in the insured base (see model.ts for the rule). */
export async function identify(db: Db, userinfo: Record<string, unknown>): Promise<Identification> {
  const pivot = pivotIdentityFrom(userinfo);
  if (!pivot) return { kind: "invalid" };
  const match = matchInsured(pivot, await insuredBornOn(db, pivot.birthdate));
  if (match.kind !== "one") return { kind: match.kind, pivot };
  const insured = await insuredById(db, match.insuredId);
  if (!insured) return { kind: "none", pivot };
  return { kind: "one", pivot, insuredId: insured.id, displayName: displayNameOf(insured) };
}

export async function recordLogin(db: Db, insuredId: number): Promise<void> {
  await recordAudit(db, {
    actorKind: "insured",
    actorId: insuredId,
    action: "login.franceconnect",
    insuredId,
    reason: null,
  });
}

export async function recordLogout(db: Db, insuredId: number): Promise<void> {
  await recordAudit(db, {
    actorKind: "insured",
    actorId: insuredId,
    action: "logout.franceconnect",
    insuredId,
    reason: null,
  });
}

/**
 * A FranceConnect return that opened no session, with why (no_match, several_matches, unverified,
 * provider:<error>). No identity is written: the log says that it happened, not who.
 */
export async function recordRefusal(db: Db, reason: string): Promise<void> {
  await recordAudit(db, {
    actorKind: "system",
    actorId: null,
    action: "refused:login.franceconnect",
    insuredId: null,
    reason,
  });
}
