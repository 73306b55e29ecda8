/**
 * `npm run bench:search [-- --people N --samples S --runs R]`: the back-office search on the PostgreSQL
 * server of DATABASE_URL (default the local test database) holding N synthetic people (default
 * 1 000 000). The population lives in the schema `bench_search_<N>`, seeded on the first run and kept
 * for the next ones (drop it by hand to start over). Each run times S searches of each kind, one after
 * the other on one connection, against people drawn at random from the base, and prints the median
 * over R runs of each kind's p50 and p99, with the ratio to a primary-key lookup of the same people
 * timed in the same run (the cheapest indexed read there is). Then the EXPLAIN (ANALYZE, BUFFERS) of
 * each kind. The goal: every search under 100 ms at 1 000 000 people.
 */
import { parseArgs } from "node:util";
import { sql } from "kysely";
import type { SearchCriteria } from "../src/backoffice/model.ts";
import { nameKey } from "../src/backoffice/model.ts";
import { searchQuery } from "../src/backoffice/store.ts";
import type { Database } from "../src/platform/db.ts";
import { lcg, median, openPopulation, populationLabel } from "./lib.ts";

const { values } = parseArgs({
  options: {
    people: { type: "string", default: "1000000" },
    samples: { type: "string", default: "400" },
    runs: { type: "string", default: "5" },
  },
});
const people = Number(values.people);
const samples = Number(values.samples);
const runs = Number(values.runs);
const PAGE = 21;

async function prepare(): Promise<Database> {
  const { database } = await openPopulation(people);
  await sql`analyze insured`.execute(database.db);
  return database;
}

interface Person {
  id: number;
  nir: string;
  last_name: string;
  first_names: string;
  birth_date: string;
  fund_code: string;
}

/** People drawn with a fixed-seed generator, so every run of the benchmark asks the same questions. */
async function draw(database: Database, count: number): Promise<Person[]> {
  const { rows } = await sql<{ max: number }>`select max(id) as max from insured`.execute(database.db);
  const max = rows[0]?.max ?? 1;
  const next = lcg(20261121);
  const ids = Array.from({ length: count }, () => 1 + (next() % max));
  const found = await sql<Person>`select id, nir, last_name, first_names, birth_date, fund_code
    from insured where id = any(${ids}::bigint[])`.execute(database.db);
  return found.rows;
}

const byName = (person: Person): SearchCriteria => ({
  by: "name",
  lastName: nameKey(person.last_name).slice(0, 3),
  firstName: undefined,
  birthDate: person.birth_date,
});

const kinds: Record<string, (person: Person) => { criteria: SearchCriteria; fund: string | null } | null> = {
  "NIR, toutes caisses": (p) => ({ criteria: { by: "nir", nir: p.nir.trim() }, fund: null }),
  "NIR, une caisse": (p) => ({ criteria: { by: "nir", nir: p.nir.trim() }, fund: p.fund_code }),
  "nom (3 lettres) + date, toutes caisses": (p) => ({ criteria: byName(p), fund: null }),
  "nom (3 lettres) + date, une caisse": (p) => ({ criteria: byName(p), fund: p.fund_code }),
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const database = await prepare();
const sample = await draw(database, samples);
console.log(
  `${populationLabel(people)} ; ${sample.length} recherches par type et par essai, ${runs} essais.`,
);

const results = new Map<string, { p50: number[]; p99: number[] }>();
const record = (name: string, durations: number[]) => {
  const sorted = durations.sort((a, b) => a - b);
  const entry = results.get(name) ?? { p50: [], p99: [] };
  entry.p50.push(percentile(sorted, 50));
  entry.p99.push(percentile(sorted, 99));
  results.set(name, entry);
};

const BASELINE = "référence : lecture par clé primaire";
for (let run = 0; run < runs; run++) {
  const baseline: number[] = [];
  for (const person of sample) {
    baseline.push(await time(() => sql`select * from insured where id = ${person.id}`.execute(database.db)));
  }
  record(BASELINE, baseline);
  for (const [name, make] of Object.entries(kinds)) {
    const durations: number[] = [];
    for (const person of sample) {
      const query = make(person);
      if (!query) continue;
      durations.push(
        await time(() => searchQuery(query.criteria, query.fund, undefined, PAGE).execute(database.db)),
      );
    }
    record(name, durations);
  }
}

const base = median(results.get(BASELINE)?.p50 ?? [0]);
console.log("\ntype de recherche                          p50 (ms)   p99 (ms)   p50 / référence");
for (const [name, { p50, p99 }] of results) {
  console.log(
    `${name.padEnd(42)} ${median(p50).toFixed(3).padStart(8)} ${median(p99).toFixed(3).padStart(10)} ${(median(p50) / base).toFixed(2).padStart(12)}`,
  );
}

// Plans: the name key function is inlined by the planner; its body is shortened back for reading.
const shorten = (line: string) =>
  line.replace(
    /regexp_replace\(upper\(translate\(replace\(replace\(replace\(replace\((\w+),.*?'g'::text\)/g,
    "parcours_name_key($1)",
  );
const someone = sample[0] as Person;
const rowsPerDay = await sql<{
  n: number;
}>`select count(*)::int as n from insured where birth_date = ${someone.birth_date}`.execute(database.db);
console.log(`\nPersonnes nées le même jour que la personne expliquée : ${rowsPerDay.rows[0]?.n}`);
for (const [name, make] of Object.entries(kinds)) {
  const query = make(someone);
  if (!query) continue;
  const plan = await sql<{
    "QUERY PLAN": string;
  }>`explain (analyze, buffers, costs off) ${searchQuery(query.criteria, query.fund, undefined, PAGE)}`.execute(
    database.db,
  );
  console.log(`\nEXPLAIN (ANALYZE, BUFFERS) — ${name}`);
  for (const row of plan.rows) console.log(`  ${shorten(row["QUERY PLAN"])}`);
}
await database.close();
