import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sql } from "kysely";
import { LEA, PERSONAS_TODAY } from "../../test/franceconnect/fixtures.ts";
import { openTestDatabase, testEngines } from "../../test/helpers/database.ts";
import { insuredIdByAccountEmail } from "../identity/index.ts";
import { createPersonas } from "../population/index.ts";
import { identify } from "./service.ts";

for (const engine of testEngines) {
  describe(`FranceConnect identification on ${engine}`, () => {
    test("finds the persona, refuses an incomplete identity, and never picks between two", async (t) => {
      const database = await openTestDatabase(engine);
      t.after(() => database.close());
      await createPersonas(database, { today: PERSONAS_TODAY });
      const leaId = (await insuredIdByAccountEmail(database.db, "lea.moreau@parcours.test")) as number;

      const found = await identify(database.db, { sub: "s", ...LEA.claims });
      assert.equal(found.kind, "one");
      assert.equal(found.kind === "one" && found.insuredId, leaId);
      assert.equal(found.kind === "one" && found.displayName, "Léa Moreau");

      assert.deepEqual(await identify(database.db, { ...LEA.claims, birthcountry: undefined }), {
        kind: "invalid",
      });

      // A second record with the same pivot identity (another NIR): no guess, whichever comes first.
      await sql`insert into insured (nir, sex, birth_name, last_name, first_names, birth_date,
          birth_department, birth_place, address_line, postcode, town, department, fund_code)
        select '292032B03399802', sex, birth_name, last_name, 'Léa Marie', birth_date, birth_department,
          birth_place, address_line, postcode, town, department, fund_code
        from insured where id = ${leaId}`.execute(database.db);
      const twice = await identify(database.db, { sub: "s", ...LEA.claims });
      assert.equal(twice.kind, "several");
    });
  });
}
