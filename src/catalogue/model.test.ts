import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { SituationFlags } from "../identity/index.ts";
import { catalogueFor, profileOf, type ServiceCode } from "./model.ts";

const ordinary: SituationFlags = {
  receivesAah: false,
  receivesRsa: false,
  invalidityPension: false,
  disability: false,
  livesAbroad: false,
  selfEmployed: false,
  fragile: false,
};

const codes = (facts: Parameters<typeof catalogueFor>[0]): ServiceCode[] =>
  catalogueFor(facts).services.map((service) => service.code);

// For everyone in DESIGN.md's table (the ✓ in all four columns).
const EVERYONE: ServiceCode[] = [
  "question",
  "caseTracking",
  "bereavement",
  "addressAndBank",
  "complaint",
  "serviceRating",
  "personalData",
];

function sameSet(actual: ServiceCode[], expected: ServiceCode[]) {
  assert.deepEqual([...actual].sort(), [...expected].sort());
}

describe("service catalogue by profile (DESIGN.md table)", () => {
  test("a 32-year-old: career statement and legal age, nothing about claiming or payments", () => {
    const catalogue = catalogueFor({ age: 32, retiree: false, situation: ordinary });
    assert.equal(catalogue.profile, "under45");
    assert.equal(catalogue.attentive, false);
    sameSet(codes({ age: 32, retiree: false, situation: ordinary }), [
      ...EVERYONE,
      "careerStatement",
      "legalAge",
    ]);
  });

  test("a 50-year-old adds career correction, long-career eligibility and the estimate", () => {
    sameSet(codes({ age: 50, retiree: false, situation: ordinary }), [
      ...EVERYONE,
      "careerStatement",
      "careerCorrection",
      "legalAge",
      "longCareerEarlyRetirement",
      "pensionEstimate",
    ]);
  });

  test("a 57-year-old adds the global estimate, appointments and the online claim", () => {
    const catalogue = catalogueFor({ age: 57, retiree: false, situation: ordinary });
    assert.equal(catalogue.profile, "from55");
    sameSet(codes({ age: 57, retiree: false, situation: ordinary }), [
      ...EVERYONE,
      "careerStatement",
      "careerCorrection",
      "legalAge",
      "longCareerEarlyRetirement",
      "pensionEstimate",
      "globalEstimate",
      "appointment",
      "retirementClaim",
    ]);
  });

  test("a retiree: payments, appointments and the ASPA, no career or claim services, whatever the age", () => {
    for (const age of [58, 67, 74]) {
      const catalogue = catalogueFor({ age, retiree: true, situation: ordinary });
      assert.equal(catalogue.profile, "retiree");
      sameSet(codes({ age, retiree: true, situation: ordinary }), [
        ...EVERYONE,
        "appointment",
        "payments",
        "aspa",
      ]);
    }
  });

  test("age brackets change on the 45th and the 55th birthday", () => {
    assert.equal(profileOf(44, false), "under45");
    assert.equal(profileOf(45, false), "from45to54");
    assert.equal(profileOf(54, false), "from45to54");
    assert.equal(profileOf(55, false), "from55");
  });

  test("a fragile situation opens the attentive journey: a human appointment at any age", () => {
    for (const flag of [
      "fragile",
      "receivesAah",
      "receivesRsa",
      "invalidityPension",
      "disability",
    ] as const) {
      const situation = { ...ordinary, [flag]: true };
      const catalogue = catalogueFor({ age: 40, retiree: false, situation });
      assert.equal(catalogue.attentive, true, flag);
      sameSet(codes({ age: 40, retiree: false, situation }), [
        ...EVERYONE,
        "careerStatement",
        "legalAge",
        "appointment",
      ]);
    }
    // Living abroad or being self-employed is not fragility.
    assert.equal(
      catalogueFor({ age: 40, retiree: false, situation: { ...ordinary, livesAbroad: true } }).attentive,
      false,
    );
  });

  test("services keep the table's order; built ones link into the space, the others are no link", () => {
    const services = catalogueFor({ age: 57, retiree: false, situation: ordinary }).services;
    assert.equal(services[0]?.code, "question");
    assert.equal(services.at(-1)?.code, "personalData");
    // Messages, appointments and complaints come with later issues.
    const notBuilt = ["question", "appointment", "complaint"];
    for (const service of services) {
      assert.ok(service.title.length > 0);
      if (notBuilt.includes(service.code)) assert.equal(service.href, undefined, service.code);
      else assert.match(service.href ?? "", /^\/espace\//, service.code);
    }
  });
});
