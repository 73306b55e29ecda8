import assert from "node:assert/strict";
import { test } from "node:test";
import { type Action, decide, type Principal, STAFF_ACTIONS } from "./policy.ts";
import { STAFF_ROLES, type StaffRole } from "./roles.ts";

const ROLES: readonly StaffRole[] = STAFF_ROLES;
const ACTIONS: Action[] = [
  "public.view",
  "account.enter",
  "account.self",
  "space.view",
  "backoffice.enter",
  "insured.search",
  "insured.read",
  "staff.manage",
  "case.work",
  "dev.outbox",
];

const anonymous: Principal = { kind: "anonymous" };
const insured: Principal = { kind: "insured", insuredId: 1, actingFor: null };
const representative: Principal = { kind: "insured", insuredId: 2, actingFor: 3 };
const staff = (role: StaffRole, fundCode: string | null = "carsat-aquitaine"): Principal => ({
  kind: "staff",
  staffId: 10,
  role,
  fundCode,
});

/** The matrix as the product wants it, written out independently of the policy's own tables. */
const EXPECTED_STAFF: Record<StaffRole, Action[]> = {
  advisor: ["backoffice.enter", "insured.search", "insured.read"],
  case_worker: ["backoffice.enter", "insured.search", "insured.read", "case.work"],
  complaint_handler: ["backoffice.enter", "insured.search", "insured.read"],
  social_worker: ["backoffice.enter", "insured.search", "insured.read"],
  fund_manager: ["backoffice.enter", "insured.search", "insured.read", "case.work"],
  national_manager: ["backoffice.enter", "insured.search", "insured.read", "case.work"],
  administrator: ["backoffice.enter", "staff.manage"],
};

test("visitors who are not logged in: public pages and login forms only", () => {
  for (const action of ACTIONS) {
    const expected = action === "public.view" || action === "account.enter" || action === "dev.outbox";
    const decision = decide(anonymous, action);
    assert.equal(decision.allowed, expected, action);
    if (!decision.allowed && action !== "account.enter")
      assert.equal(decision.reason, "login_required", action);
  }
});

test("insured people: their own space and account, never the back-office", () => {
  for (const action of ACTIONS) {
    const expected = ["public.view", "account.self", "space.view", "dev.outbox"].includes(action);
    assert.equal(decide(insured, action).allowed, expected, action);
  }
  assert.equal(decide(insured, "account.enter").allowed, false, "already logged in");
});

test("an insured person reaches only their own space; a representative only the represented person's", () => {
  assert.deepEqual(decide(insured, "space.view", { insuredId: 1 }), { allowed: true });
  assert.deepEqual(decide(insured, "space.view", { insuredId: 99 }), { allowed: false, reason: "ownership" });
  assert.deepEqual(decide(representative, "space.view", { insuredId: 3 }), { allowed: true });
  assert.deepEqual(decide(representative, "space.view", { insuredId: 2 }), {
    allowed: false,
    reason: "ownership",
  });
  assert.deepEqual(decide(representative, "space.view", { insuredId: 4 }), {
    allowed: false,
    reason: "ownership",
  });
});

test("the whole staff matrix: role × action, refusals included", () => {
  for (const role of ROLES) {
    for (const action of ACTIONS) {
      const expected =
        EXPECTED_STAFF[role].includes(action) || action === "public.view" || action === "dev.outbox";
      const decision = decide(staff(role), action);
      assert.equal(decision.allowed, expected, `${role} × ${action}`);
      if (!expected) assert.ok(!decision.allowed && ["role", "already_logged_in"].includes(decision.reason));
    }
    assert.deepEqual(
      [...(STAFF_ACTIONS["insured.read"] ?? [])].includes(role),
      EXPECTED_STAFF[role].includes("insured.read"),
    );
  }
});

test("fund scope: a fund's staff see their fund only, national roles every fund", () => {
  const aquitaine = { insuredId: 5, fundCode: "carsat-aquitaine" };
  const idf = { insuredId: 6, fundCode: "cnav-idf" };
  assert.deepEqual(decide(staff("advisor"), "insured.read", aquitaine), { allowed: true });
  assert.deepEqual(decide(staff("advisor"), "insured.read", idf), { allowed: false, reason: "fund" });
  assert.deepEqual(decide(staff("fund_manager"), "insured.read", idf), { allowed: false, reason: "fund" });
  assert.deepEqual(decide(staff("national_manager", null), "insured.read", idf), { allowed: true });
  assert.deepEqual(decide(staff("administrator", null), "insured.read", idf), {
    allowed: false,
    reason: "role",
  });
});

test("cases: a fund's case workers and managers handle that fund's cases, the national manager every fund's", () => {
  const aquitaine = { insuredId: 5, fundCode: "carsat-aquitaine" };
  const idf = { insuredId: 6, fundCode: "cnav-idf" };
  assert.deepEqual(decide(staff("case_worker"), "case.work", aquitaine), { allowed: true });
  assert.deepEqual(decide(staff("case_worker"), "case.work", idf), { allowed: false, reason: "fund" });
  assert.deepEqual(decide(staff("fund_manager"), "case.work", idf), { allowed: false, reason: "fund" });
  assert.deepEqual(decide(staff("national_manager", null), "case.work", idf), { allowed: true });
  assert.deepEqual(decide(staff("advisor"), "case.work", aquitaine), { allowed: false, reason: "role" });
  assert.deepEqual(decide(insured, "case.work", { insuredId: 1 }), { allowed: false, reason: "role" });
});
