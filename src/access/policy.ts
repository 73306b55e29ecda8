import { STAFF_ROLES, type StaffRole } from "./roles.ts";

/**
 * Who may do what: the one authorisation policy (role × action × fund × ownership). Every route
 * declares its action; `decide` is the only place that answers. Pure, so the whole matrix is tested.
 */
export type Action =
  /** Public pages. */
  | "public.view"
  /** Login, sign-up, password reset forms: only meaningful for visitors who are not logged in. */
  | "account.enter"
  /** The insured person's own account (logout, choosing whom to act for). */
  | "account.self"
  /** The personal space of the person of the resource: their own, or the one they represent. */
  | "space.view"
  /** Staff back-office pages that show no personal file (home, logout). */
  | "backoffice.enter"
  | "insured.search"
  /** Opening a personal file (360° page): needs the person's fund unless national; audited. */
  | "insured.read"
  | "staff.manage"
  /**
   * Handling claims: the case-worker queue, a case's page, proof requests, decisions, first payment.
   * Scoped by the case's fund unless national; every case page read is audited.
   */
  | "case.work"
  /** Development pages (mail outbox); never registered in production. */
  | "dev.outbox";

export type Principal =
  | { readonly kind: "anonymous" }
  | {
      readonly kind: "insured";
      readonly insuredId: number;
      /** Set while a legal representative acts for someone under a valid mandate. */
      readonly actingFor: number | null;
    }
  | {
      readonly kind: "staff";
      readonly staffId: number;
      readonly role: StaffRole;
      /** Null for national roles. */
      readonly fundCode: string | null;
    };

/** What the action is about, when it concerns a person. */
export interface Resource {
  readonly insuredId?: number;
  readonly fundCode?: string;
}

export type Decision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: RefusalReason };

export type RefusalReason = "login_required" | "role" | "fund" | "ownership" | "already_logged_in";

/**
 * Roles that open personal files. Managers supervise the handling of files, so they may open them too
 * (with a stated reason, audited like everyone); the national manager is the "national role that sees
 * all". Administrators manage staff accounts and never need a personal file.
 */
const FILE_ROLES: ReadonlySet<StaffRole> = new Set([
  "advisor",
  "case_worker",
  "complaint_handler",
  "social_worker",
  "fund_manager",
  "national_manager",
]);

/**
 * Roles that handle claims. Case workers decide; managers supervise the handling and may take over a
 * case (the national manager in every fund). Advisors, complaint handlers and social workers do not
 * instruct claims: they follow a person through the 360° page, and a case worker's queue is not theirs
 * to reorder or decide from.
 */
const CASE_ROLES: ReadonlySet<StaffRole> = new Set(["case_worker", "fund_manager", "national_manager"]);

/** Which staff roles may perform each staff action (fund scope is checked separately). */
export const STAFF_ACTIONS: Readonly<Partial<Record<Action, ReadonlySet<StaffRole>>>> = {
  "backoffice.enter": new Set<StaffRole>(STAFF_ROLES),
  "insured.search": FILE_ROLES,
  "insured.read": FILE_ROLES,
  "staff.manage": new Set<StaffRole>(["administrator"]),
  "case.work": CASE_ROLES,
};

const allow: Decision = { allowed: true };
const refuse = (reason: RefusalReason): Decision => ({ allowed: false, reason });

export function decide(principal: Principal, action: Action, resource: Resource = {}): Decision {
  switch (action) {
    case "public.view":
    case "dev.outbox":
      return allow;
    case "account.enter":
      return principal.kind === "anonymous" ? allow : refuse("already_logged_in");
    case "account.self":
      return principal.kind === "insured"
        ? allow
        : refuse(principal.kind === "anonymous" ? "login_required" : "role");
    case "space.view": {
      if (principal.kind === "anonymous") return refuse("login_required");
      if (principal.kind !== "insured") return refuse("role");
      const self = principal.actingFor ?? principal.insuredId;
      return resource.insuredId === undefined || resource.insuredId === self ? allow : refuse("ownership");
    }
    case "backoffice.enter":
    case "insured.search":
    case "insured.read":
    case "staff.manage":
    case "case.work": {
      if (principal.kind === "anonymous") return refuse("login_required");
      if (principal.kind !== "staff") return refuse("role");
      if (!STAFF_ACTIONS[action]?.has(principal.role)) return refuse("role");
      if (
        resource.fundCode !== undefined &&
        principal.fundCode !== null &&
        principal.fundCode !== resource.fundCode
      ) {
        return refuse("fund");
      }
      return allow;
    }
  }
}

/** The person whose space an insured principal is looking at: themselves or the one they represent. */
export function spaceOwner(principal: Extract<Principal, { kind: "insured" }>): number {
  return principal.actingFor ?? principal.insuredId;
}
