import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { careerOf } from "../../src/career/index.ts";
import { childrenOf, deceasedSpouse, partnershipsOf } from "../../src/family/index.ts";
import {
  ageOn,
  checkNir,
  insuredById,
  insuredIdByAccountEmail,
  mandateIsActive,
  mandatesHeldBy,
} from "../../src/identity/index.ts";
import { lastPayments, pensionsOf } from "../../src/payments/index.ts";
import { auditTrailOf, recordAudit } from "../../src/platform/audit.ts";
import { createPersonas } from "../../src/population/index.ts";
import { fundForDepartment } from "../../src/reference/index.ts";
import { seesFund, staffByEmail } from "../../src/staff/index.ts";
import { openTestDatabase, type TestDatabase, testEngines } from "../helpers/database.ts";

const TODAY = "2026-11-21";

for (const engine of testEngines) {
  describe(`domain model v1 through each context's store, on ${engine}`, () => {
    let database: TestDatabase;
    const idOf = async (email: string) => {
      const id = await insuredIdByAccountEmail(database.db, email);
      assert.ok(id, `account ${email}`);
      return id;
    };
    before(async () => {
      database = await openTestDatabase(engine);
      await createPersonas(database, { today: TODAY });
    });
    after(() => database.close());

    test("an insured person has a valid NIR and the fund of their department", async () => {
      const lea = await insuredById(database.db, await idOf("lea.moreau@parcours.test"));
      assert.ok(lea);
      assert.equal(checkNir(lea.nir).ok, true);
      assert.equal(lea.birthDepartment, "2B");
      assert.equal(lea.fundCode, fundForDepartment(lea.department)?.code);
      assert.equal(ageOn(lea.birthDate, TODAY), 34);
    });

    test("the retiree of 74 has a pension in payment and monthly payments, net = gross − contributions", async () => {
      const id = await idOf("monique.garnier@parcours.test");
      const pensions = await pensionsOf(database.db, id);
      assert.equal(pensions[0]?.kind, "own_right");
      const payments = await lastPayments(database.db, id, 3);
      assert.equal(payments.length, 3);
      assert.ok((payments[0]?.period ?? "") > (payments[1]?.period ?? ""), "newest first");
      for (const p of payments)
        assert.equal(Math.round((p.gross - p.socialContributions) * 100), Math.round(p.net * 100));
    });

    test("the widowed person's deceased spouse, and the career of the long-career persona", async () => {
      const widow = await idOf("francoise.dubois@parcours.test");
      assert.ok(deceasedSpouse(await partnershipsOf(database.db, widow)));
      const longCareer = await careerOf(database.db, await idOf("jean-pierre.lefevre@parcours.test"));
      const birthYear = Number(
        (await insuredById(database.db, await idOf("jean-pierre.lefevre@parcours.test")))?.birthDate.slice(
          0,
          4,
        ),
      );
      assert.equal(longCareer[0]?.year, birthYear + 17, "career starts at 17");
      for (const year of longCareer) {
        const q = year.quarters;
        assert.ok(q.contributed + q.unemployment + q.sickness + q.maternity + q.military <= 4);
      }
      assert.ok(Array.isArray(await childrenOf(database.db, widow)));
    });

    test("the legal representative holds an active mandate for another insured person", async () => {
      const sophie = await idOf("sophie.laurent@parcours.test");
      const nadia = await idOf("nadia.haddad@parcours.test");
      const mandates = await mandatesHeldBy(database.db, sophie);
      assert.equal(mandates.length, 1);
      assert.equal(mandates[0]?.representedId, nadia);
      assert.ok(mandates[0] && mandateIsActive(mandates[0], TODAY));
      assert.equal((await insuredById(database.db, nadia))?.situation.receivesAah, true);
    });

    test("staff belong to a fund unless national", async () => {
      const advisor = await staffByEmail(database.db, "conseiller@parcours.test");
      const national = await staffByEmail(database.db, "pilote.national@parcours.test");
      assert.equal(advisor?.role, "advisor");
      assert.ok(advisor && seesFund(advisor, advisor.fundCode ?? "") && !seesFund(advisor, "cnav-idf"));
      assert.equal(national?.fundCode, null);
      assert.ok(national && seesFund(national, "cnav-idf"));
    });

    test("the audit log keeps who read whose file and why, newest first", async () => {
      const nadia = await idOf("nadia.haddad@parcours.test");
      await recordAudit(database.db, {
        actorKind: "staff",
        actorId: 1,
        action: "insured.read",
        insuredId: nadia,
        reason: "appel au 3960",
      });
      await recordAudit(database.db, {
        actorKind: "representative",
        actorId: await idOf("sophie.laurent@parcours.test"),
        action: "career.read",
        insuredId: nadia,
        reason: null,
        details: { page: "/espace/carriere" },
      });
      const trail = await auditTrailOf(database.db, nadia);
      assert.deepEqual(
        trail.map((e) => [e.actorKind, e.action, e.reason]),
        [
          ["representative", "career.read", null],
          ["staff", "insured.read", "appel au 3960"],
        ],
      );
      assert.deepEqual(trail[0]?.details, { page: "/espace/carriere" });
    });
  });
}
