import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { openTestDatabase, testEngines } from "../../test/helpers/database.ts";
import type { RawConnection } from "../platform/db.ts";
import { fundForDepartment } from "../reference/index.ts";
import { PopulationError, populationChecksum, populationSize, seedPopulation } from "./loader.ts";
import { tableNames } from "./tables.ts";

const TODAY = "2026-11-21";

async function keysAndIndexes(connection: RawConnection): Promise<string[]> {
  const rows = await connection.query<{ name: string }>(
    `select conname as name from pg_constraint where connamespace = current_schema()::regnamespace
     union all
     select indexname from pg_indexes where schemaname = current_schema()
     order by 1`,
  );
  return rows.map((row) => row.name);
}

for (const engine of testEngines) {
  describe(`population loading on ${engine}`, () => {
    test("loads the generated rows, restores every key and index, and moves the sequences past them", async (t) => {
      const database = await openTestDatabase(engine);
      t.after(() => database.close());
      const before = await database.withConnection(keysAndIndexes);
      const progress: number[] = [];
      const result = await seedPopulation(database, {
        people: 600,
        seed: 11,
        today: TODAY,
        chunkSize: 250,
        onProgress: (p) => progress.push(p.done),
      });
      assert.deepEqual(progress, [250, 500, 600]);
      assert.equal(result.people, 600);
      assert.equal(result.checksum, populationChecksum({ people: 600, seed: 11, today: TODAY }));
      assert.equal(await populationSize(database), 600);
      await database.withConnection(async (connection) => {
        assert.deepEqual(await keysAndIndexes(connection), before);
        for (const table of tableNames) {
          const [row] = await connection.query<{ n: number }>(`select count(*)::int as n from ${table}`);
          assert.equal(row?.n, result.rows[table], table);
        }
        const [over] = await connection.query<{ n: number }>(
          `select count(*)::int as n from (select insured_id, year from career_year group by 1, 2
             having sum(contributed + unemployment + sickness + maternity + military) > 4) as y`,
        );
        assert.equal(over?.n, 0);
        for (const person of await connection.query<{ department: string; fund_code: string }>(
          "select department, fund_code from insured",
        )) {
          assert.equal(person.fund_code, fundForDepartment(person.department)?.code);
        }
        const [added] = await connection.query<{ id: number }>(
          `insert into insured (nir, sex, birth_name, last_name, first_names, birth_date, birth_department,
             birth_place, address_line, postcode, town, department, fund_code)
           values ('299019999999999', 'F', 'Test', 'Test', 'Test', '1999-01-01', '99', 'Test', '1 rue', '75001',
             'Paris', '75', 'cnav-idf') returning id`,
        );
        assert.equal(added?.id, 601);
      });
    });

    test("worker threads produce the very same population", async (t) => {
      const database = await openTestDatabase(engine);
      t.after(() => database.close());
      const result = await seedPopulation(database, {
        people: 400,
        seed: 5,
        today: TODAY,
        workers: 2,
        chunkSize: 100,
      });
      assert.equal(result.checksum, populationChecksum({ people: 400, seed: 5, today: TODAY }));
    });

    test("a second population is refused and the first one stays whole", async (t) => {
      const database = await openTestDatabase(engine);
      t.after(() => database.close());
      await seedPopulation(database, { people: 200, seed: 1, today: TODAY });
      await assert.rejects(seedPopulation(database, { people: 200, seed: 2, today: TODAY }), PopulationError);
      assert.equal(await populationSize(database), 200);
    });
  });
}
