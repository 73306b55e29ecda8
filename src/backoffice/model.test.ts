import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { openTestDatabase, type TestDatabase } from "../../test/helpers/database.ts";
import { maskNir, nirKey } from "../identity/index.ts";
import { femaleNames, maleNames, surnames } from "../population/names.ts";
import {
  decodeCursor,
  encodeCursor,
  nameKey,
  parseBirthDate,
  readCriteria,
  readReason,
  summarizeCareer,
} from "./model.ts";

describe("back-office model", () => {
  test("name keys ignore case, accents, spaces, hyphens and apostrophes", () => {
    assert.equal(nameKey("Lefèvre"), "LEFEVRE");
    assert.equal(nameKey("  le gall"), "LEGALL");
    assert.equal(nameKey("N'Diaye-Œuvray"), "NDIAYEOEUVRAY");
    assert.equal(nameKey("ÉLODIE"), "ELODIE");
  });

  test("birth dates are read as JJ/MM/AAAA or AAAA-MM-JJ, and must exist", () => {
    assert.equal(parseBirthDate("5/3/1960"), "1960-03-05");
    assert.equal(parseBirthDate("1960-03-05"), "1960-03-05");
    assert.equal(parseBirthDate("29/02/1961"), undefined);
    assert.equal(parseBirthDate("hier"), undefined);
  });

  test("a NIR search wins over the name fields; each problem names its field", () => {
    const thirteen = "2920333063123";
    const nir = `${thirteen}${nirKey(thirteen)}`;
    assert.deepEqual(readCriteria({ nir: ` ${nir.slice(0, 7)} ${nir.slice(7)} `, lastName: "x" }), {
      ok: true,
      criteria: { by: "nir", nir },
    });
    const name = readCriteria({ lastName: "Le Gall", firstName: "", birthDate: "01/02/1950" });
    assert.deepEqual(name, {
      ok: true,
      criteria: { by: "name", lastName: "LEGALL", firstName: undefined, birthDate: "1950-02-01" },
    });
    const refused = readCriteria({ lastName: "", birthDate: "" });
    assert.equal(refused.ok, false);
    assert.deepEqual(Object.keys(refused.ok ? {} : refused.problems).sort(), ["birthDate", "lastName"]);
  });

  test("cursors survive a round trip and refuse anything else", () => {
    const cursor = { lastName: "MARTIN", firstNames: "ANNE", id: 42 };
    assert.deepEqual(decodeCursor(encodeCursor(cursor)), cursor);
    assert.equal(decodeCursor("n'importe quoi"), undefined);
  });

  test("the masked NIR keeps sex, birth year and month and place, hides order and key", () => {
    assert.equal(maskNir("292032B03399147"), "2 92 03 2B 033 ••• ••");
  });

  test("an opening needs a known reason, and a few words for « other »", () => {
    assert.equal(readReason("phone_call", "").ok, true);
    assert.equal(readReason("curiosity", "").ok, false);
    assert.equal(readReason("other", " ").ok, false);
    assert.equal(readReason("other", "demande du médiateur").ok, true);
  });

  test("the career summary counts quarters by kind and caps each year at 4, all schemes", () => {
    const year = (y: number, scheme: "general" | "self_employed", contributed: number, unemployment = 0) => ({
      year: y,
      scheme,
      employer: null,
      salary: 0,
      quarters: { contributed, unemployment, sickness: 0, maternity: 0, military: 0 },
    });
    const summary = summarizeCareer(
      [
        year(2000, "general", 2, 1),
        year(2000, "self_employed", 3),
        year(2001, "general", 4),
        year(2002, "general", 0),
      ],
      [{ childId: 1, reason: "maternity", quarters: 4 }],
    );
    assert.deepEqual(summary, {
      firstYear: 2000,
      lastYear: 2001,
      yearsWithQuarters: 2,
      quarters: { contributed: 9, unemployment: 1, sickness: 0, maternity: 0, military: 0 },
      childQuarters: 4,
      totalQuarters: 12,
      generalSchemeQuarters: 7,
    });
  });
});

describe("name keys in SQL", () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase("pglite");
  });
  after(async () => database.close());

  test("parcours_name_key (migration 0009) gives the same key as nameKey for every generated name", async () => {
    const names = [
      ...surnames,
      ...femaleNames.flat(),
      ...maleNames.flat(),
      "Œdipe",
      "Ñúñez",
      "d'Ævy",
      "Ÿves",
    ];
    const { rows } = await sql<{
      name: string;
      key: string;
    }>`select name, parcours_name_key(name) as key from unnest(${names}::text[]) as name`.execute(
      database.db,
    );
    for (const row of rows) assert.equal(row.key, nameKey(row.name), row.name);
    assert.equal(rows.length, names.length);
  });
});
