import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { verify } from "@node-rs/argon2";
import { openTestDatabase, testEngines } from "../../test/helpers/database.ts";
import { checkNir } from "../identity/nir.ts";
import { computePensionDetails, legalAgeFor } from "../rules/index.ts";
import { ageOn, parseIsoDate, unpack } from "./calendar.ts";
import { seedPopulation } from "./loader.ts";
import { createPersonas, DEMO_PASSWORD, personas } from "./personas.ts";

const TODAY = "2026-11-21";

interface Person {
  id: number;
  nir: string;
  sex: string;
  birth_date: string;
  lives_abroad: boolean;
  country: string;
  self_employed: boolean;
  receives_aah: boolean;
  fragile: boolean;
  fund_code: string;
  password_hash: string;
  email_verified_at: Date | null;
}

for (const engine of testEngines) {
  describe(`demo personas on ${engine}`, () => {
    test("every persona exists once, with the traits described, after a population", async (t) => {
      const database = await openTestDatabase(engine);
      t.after(() => database.close());
      await seedPopulation(database, { people: 300, seed: 3, today: TODAY });
      await createPersonas(database, { today: TODAY });
      await createPersonas(database, { today: TODAY });
      await database.withConnection(async (connection) => {
        const people = new Map<string, Person>();
        for (const row of await connection.query<Person & { email: string }>(
          `select i.*, a.email, a.password_hash, a.email_verified_at
             from insured i join account a on a.insured_id = i.id`,
        )) {
          people.set(row.email.split("@")[0] ?? "", row);
        }
        const insuredLogins = personas.filter((p) => p.kind === "insured");
        assert.equal(people.size, insuredLogins.length);
        const person = (key: string) => people.get(key) as Person;
        const age = (key: string) => ageOn(parseIsoDate(person(key).birth_date), parseIsoDate(TODAY));
        const career = (key: string) =>
          connection.query<{ year: number; scheme: string; contributed: number; military: number }>(
            "select year, scheme, contributed, military from career_year where insured_id = $1 order by year",
            [person(key).id],
          );
        for (const p of people.values()) {
          assert.ok(checkNir(p.nir).ok);
          assert.ok(p.id > 300, "persona ids come after the population's");
          assert.ok(p.email_verified_at instanceof Date);
          assert.ok(p.password_hash.startsWith("$argon2id$"));
        }
        assert.ok(await verify(person("lea.moreau").password_hash, DEMO_PASSWORD));

        assert.equal(age("lea.moreau"), 34);
        assert.equal(person("lea.moreau").nir.slice(5, 7), "2B");
        assert.ok((await career("lea.moreau")).every((y) => y.scheme === "general"));

        assert.equal(age("karim.benali"), 50);
        assert.ok(person("karim.benali").self_employed);
        const schemes = new Set((await career("karim.benali")).map((y) => y.scheme));
        assert.deepEqual([...schemes].sort(), ["general", "self_employed"]);

        assert.equal(age("jean-pierre.lefevre"), 61);
        const long = await career("jean-pierre.lefevre");
        const birthYear = Number(person("jean-pierre.lefevre").birth_date.slice(0, 4));
        assert.equal((long[0]?.year ?? 0) - birthYear, 17);
        const birthDate = unpack(parseIsoDate(person("jean-pierre.lefevre").birth_date));
        const legal = legalAgeFor(birthDate).legalAgeStartDate;
        const early = { year: legal.year - 1, month: legal.month, day: 1 };
        const details = computePensionDetails({
          birthDate,
          startDate: early,
          career: long
            .filter((y) => y.year < early.year || (y.year === early.year && early.month > 1))
            .map((y) => ({
              year: y.year,
              salary: 0,
              quarters: { contributed: y.contributed, military: y.military },
            })),
        });
        assert.equal(details.longCareer?.eligible, true, "may leave a year before the legal age");

        assert.equal(age("nadia.haddad"), 63);
        assert.ok(person("nadia.haddad").receives_aah && person("nadia.haddad").fragile);

        assert.equal(age("monique.garnier"), 74);
        const [pension] = await connection.query<{ monthly_gross: number }>(
          "select monthly_gross from pension where insured_id = $1",
          [person("monique.garnier").id],
        );
        assert.ok((pension?.monthly_gross ?? 0) > 0);
        const payments = await connection.query("select 1 from pension_payment where insured_id = $1", [
          person("monique.garnier").id,
        ]);
        assert.equal(payments.length, 12);

        assert.equal(age("francoise.dubois"), 58);
        const [widowed] = await connection.query<{ end_reason: string }>(
          "select end_reason from partnership where insured_id = $1",
          [person("francoise.dubois").id],
        );
        assert.equal(widowed?.end_reason, "death");

        const abroad = person("antonio.ferreira");
        assert.ok(abroad.lives_abroad);
        assert.equal(abroad.country, "Portugal");
        assert.equal(abroad.nir.slice(5, 10), "99139");

        const [mandate] = await connection.query<{ representative_id: number; represented_id: number }>(
          "select representative_id, represented_id from representative_mandate where representative_id = $1",
          [person("sophie.laurent").id],
        );
        assert.equal(mandate?.represented_id, person("nadia.haddad").id);

        const staff = await connection.query<{ role: string; fund_code: string | null }>(
          "select role::text as role, fund_code from staff order by role, fund_code",
        );
        assert.equal(staff.length, personas.filter((p) => p.kind === "staff").length);
        const roles = new Set(staff.map((s) => s.role));
        for (const role of [
          "advisor",
          "case_worker",
          "complaint_handler",
          "social_worker",
          "national_manager",
          "administrator",
        ]) {
          assert.ok(roles.has(role), role);
        }
        const managedFunds = staff.filter((s) => s.role === "fund_manager").map((s) => s.fund_code);
        assert.equal(new Set(managedFunds).size, 2);
      });
    });

    test("personas first, then a population: neither collides with the other", async (t) => {
      const database = await openTestDatabase(engine);
      t.after(() => database.close());
      await createPersonas(database, { today: TODAY });
      const result = await seedPopulation(database, { people: 300, seed: 3, today: TODAY });
      assert.equal(result.people, 300);
      await database.withConnection(async (connection) => {
        const [row] = await connection.query<{ n: number }>("select count(*)::int as n from insured");
        assert.equal(row?.n, 300 + personas.filter((p) => p.kind === "insured").length);
      });
    });
  });
}
