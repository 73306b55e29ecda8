import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sql } from "kysely";
import { openTestDatabase, testEngines } from "../../test/helpers/database.ts";
import { transaction } from "./db.ts";
import { migrate } from "./migrations.ts";

for (const engine of testEngines) {
  describe(`data layer on ${engine}`, () => {
    test("every migration is applied once, and a second run applies nothing", async (t) => {
      const database = await openTestDatabase(engine);
      t.after(() => database.close());
      const { rows } = await sql<{ name: string }>`select name from schema_migration order by name`.execute(
        database.db,
      );
      assert.ok(rows.length >= 5);
      assert.equal(rows[0]?.name, "0001_identity.sql");
      assert.deepEqual(await migrate(database), []);
    });

    test("both engines return the same JavaScript values", async (t) => {
      const database = await openTestDatabase(engine);
      t.after(() => database.close());
      const { rows } = await sql<{
        big: number;
        amount: number;
        day: string;
        instant: Date;
      }>`select 9007199254740991::int8 as big, 1234.56::numeric(10,2) as amount,
             '2026-03-01'::date as day, '2026-03-01T10:00:00Z'::timestamptz as instant`.execute(database.db);
      assert.deepEqual(rows[0], {
        big: 9007199254740991,
        amount: 1234.56,
        day: "2026-03-01",
        instant: new Date("2026-03-01T10:00:00Z"),
      });
    });

    if (engine === "postgres")
      test("a query with parameters is prepared once per connection, then reused", async (t) => {
        const database = await openTestDatabase(engine);
        t.after(() => database.close());
        const prepared = await database.db.transaction().execute(async (tx) => {
          // One transaction, one connection: the session's prepared statements are visible in it.
          for (const n of [1, 2, 3]) {
            const { rows } = await sql<{ n: number }>`select ${n}::int as n /* marque-preparee */`.execute(
              tx,
            );
            assert.deepEqual(rows, [{ n }]);
          }
          return sql<{ name: string }>`select name from pg_prepared_statements
            where statement like '%marque-preparee%' and statement not like '%pg_prepared_statements%'`.execute(
            tx,
          );
        });
        assert.equal(prepared.rows.length, 1);
      });

    test("a failed transaction leaves nothing behind, a successful one keeps everything", async (t) => {
      const database = await openTestDatabase(engine);
      t.after(() => database.close());
      const db = database.db.withTables<{ employer: { id: number; name: string; siret: string } }>();
      await assert.rejects(
        transaction(database, async (tx) => {
          await tx
            .withTables<{ employer: { id: number; name: string; siret: string } }>()
            .insertInto("employer")
            .values({ id: 1, name: "Boulangerie", siret: "12345678900011" })
            .execute();
          throw new Error("interrompu");
        }),
        /interrompu/,
      );
      assert.equal((await db.selectFrom("employer").selectAll().execute()).length, 0);
      await transaction(database, (tx) =>
        tx
          .withTables<{ employer: { id: number; name: string; siret: string } }>()
          .insertInto("employer")
          .values({ id: 1, name: "Boulangerie", siret: "12345678900011" })
          .execute(),
      );
      assert.equal((await db.selectFrom("employer").selectAll().execute()).length, 1);
    });

    test("the audit log is append-only", async (t) => {
      const database = await openTestDatabase(engine);
      t.after(() => database.close());
      await sql`insert into audit_log (actor_kind, action) values ('system', 'test')`.execute(database.db);
      await assert.rejects(sql`update audit_log set action = 'changed'`.execute(database.db), /append-only/);
      await assert.rejects(sql`delete from audit_log`.execute(database.db), /append-only/);
      await assert.rejects(sql`truncate audit_log`.execute(database.db), /append-only/);
    });
  });
}
