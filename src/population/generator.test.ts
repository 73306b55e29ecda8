import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkNir } from "../identity/nir.ts";
import { fundForDepartment } from "../reference/index.ts";
import { computePensionDetails, legalAgeFor, RulesError } from "../rules/index.ts";
import { ageOn, pack, parseIsoDate, unpack } from "./calendar.ts";
import { generatedRows, populationChecksum } from "./loader.ts";
import { childQuartersPerChild } from "./pension.ts";
import type { TableName } from "./tables.ts";
import { populationTables } from "./tables.ts";

const TODAY = "2026-11-21";
const PEOPLE = 2000;

type Row = Record<string, string>;

/** The generated rows of every table, parsed back from COPY text into records keyed by column. */
function population(people: number, seed: number): Record<TableName, Row[]> {
  const tables = Object.fromEntries(populationTables.map((t) => [t.name, [] as Row[]])) as Record<
    TableName,
    Row[]
  >;
  const decoder = new TextDecoder();
  for (const rows of generatedRows({ people, seed, today: TODAY })) {
    const columns = populationTables.find((t) => t.name === rows.table)?.columns ?? [];
    for (const line of decoder.decode(rows.bytes).split("\n")) {
      if (line === "") continue;
      const fields = line.split("\t");
      tables[rows.table].push(Object.fromEntries(columns.map((c, i) => [c, fields[i] ?? ""])));
    }
  }
  return tables;
}

const generated = population(PEOPLE, 2026);

describe("synthetic population generator", () => {
  test("the same seed gives the same population, another seed another one", () => {
    const first = populationChecksum({ people: 500, seed: 7, today: TODAY });
    assert.equal(populationChecksum({ people: 500, seed: 7, today: TODAY }), first);
    assert.notEqual(populationChecksum({ people: 500, seed: 8, today: TODAY }), first);
  });

  test("every NIR is valid, unique, and says the person's sex, birth month and place", () => {
    const nirs = new Set<string>();
    for (const person of generated.insured) {
      const nir = person.nir ?? "";
      assert.ok(checkNir(nir).ok, `NIR ${nir}`);
      nirs.add(nir);
      assert.equal(nir[0], person.sex === "F" ? "2" : "1");
      assert.equal(nir.slice(1, 5), `${person.birth_date?.slice(2, 4)}${person.birth_date?.slice(5, 7)}`);
      const department = person.birth_department ?? "";
      const field = nir.slice(5, 7);
      if (department === "99") assert.equal(field, "99");
      else if (department.length === 3) assert.equal(`${field}${nir[7]}`, department);
      else if (department === "2A" || department === "2B") assert.ok(field === department || field === "20");
      else assert.equal(field, department);
      assert.ok(Number(nir.slice(10, 13)) < 990, "order numbers from 990 are kept for the personas");
    }
    assert.equal(nirs.size, PEOPLE);
    const corsica = generated.insured.filter((p) => /^.{5}2[AB]/.test(p.nir ?? ""));
    const abroad = generated.insured.filter((p) => p.birth_department === "99");
    assert.ok(corsica.length > 0 && abroad.length > 0, "births in Corsica and abroad both occur");
  });

  test("each person's fund is the one of their department, ages run from 18 to 100", () => {
    const today = parseIsoDate(TODAY);
    for (const person of generated.insured) {
      assert.equal(person.fund_code, fundForDepartment(person.department ?? "")?.code);
      const age = ageOn(parseIsoDate(person.birth_date ?? ""), today);
      assert.ok(age >= 18 && age <= 100, `age ${age}`);
    }
  });

  test("wages are never negative and no year has more than four quarters across schemes", () => {
    const quarters = new Map<string, number>();
    for (const year of generated.career_year) {
      assert.ok(Number(year.salary) >= 0);
      const key = `${year.insured_id}-${year.year}`;
      const total = ["contributed", "unemployment", "sickness", "maternity", "military"].reduce(
        (sum, column) => sum + Number(year[column]),
        0,
      );
      quarters.set(key, (quarters.get(key) ?? 0) + total);
    }
    for (const [key, total] of quarters) assert.ok(total <= 4, `${key}: ${total} quarters`);
    const schemes = new Set(generated.career_year.map((year) => year.scheme));
    for (const scheme of ["general", "self_employed", "agricultural", "public_service", "abroad"]) {
      assert.ok(schemes.has(scheme), `some ${scheme} years`);
    }
  });

  test("about 40 % are retirees and about 5 % are fragile", () => {
    const retirees = generated.pension.length / PEOPLE;
    const fragile = generated.insured.filter((p) => p.fragile === "t").length / PEOPLE;
    assert.ok(retirees > 0.34 && retirees < 0.46, `retirees ${retirees}`);
    assert.ok(fragile > 0.03 && fragile < 0.07, `fragile ${fragile}`);
  });

  test("retirees left at their legal age or later, or early for a long career, with the amount the rules give", () => {
    const people = new Map(generated.insured.map((p) => [p.id, p]));
    const careers = new Map<string, Row[]>();
    for (const year of generated.career_year) {
      const list = careers.get(year.insured_id ?? "") ?? [];
      list.push(year);
      careers.set(year.insured_id ?? "", list);
    }
    let longCareers = 0;
    let checked = 0;
    for (const pension of generated.pension) {
      const person = people.get(pension.insured_id) as Row;
      const birthDate = unpack(parseIsoDate(person.birth_date ?? ""));
      const startDate = unpack(parseIsoDate(pension.start_date ?? ""));
      assert.equal(startDate.day, 1);
      if (birthDate.year < 1939) {
        assert.ok(ageOn(parseIsoDate(person.birth_date ?? ""), parseIsoDate(pension.start_date ?? "")) >= 60);
        continue;
      }
      const career = (careers.get(pension.insured_id ?? "") ?? []).map((year) => ({
        year: Number(year.year),
        salary: Number(year.salary),
        scheme: year.scheme ?? "general",
        quarters: {
          contributed: Number(year.contributed),
          unemployment: Number(year.unemployment),
          sickness: Number(year.sickness),
          maternity: Number(year.maternity),
          military: Number(year.military),
        },
      }));
      const mother = person.sex === "F";
      const children = generated.child.filter(
        (child) =>
          child.parent_id === pension.insured_id && (child.birth_date ?? "") < (pension.start_date ?? ""),
      ).length;
      let details: ReturnType<typeof computePensionDetails>;
      try {
        details = computePensionDetails({
          birthDate,
          startDate,
          career,
          mother,
          children,
          childQuarters: mother ? children * childQuartersPerChild : 0,
        });
      } catch (error) {
        assert.fail(
          `pension of ${person.id} refused: ${error instanceof RulesError ? error.message : error}`,
        );
      }
      const legal = legalAgeFor(birthDate, startDate).legalAgeStartDate;
      if (pack(startDate) < pack(legal)) {
        assert.equal(details.longCareer?.eligible, true, `early departure of ${person.id} is a long career`);
        longCareers++;
      }
      assert.equal(Number(pension.monthly_gross), details.result.pension.monthly, `pension of ${person.id}`);
      checked++;
    }
    assert.ok(checked > 500, `${checked} pensions recomputed`);
    assert.ok(longCareers > 0, "some retirees left early for a long career");
  });

  test("payments: up to the last twelve months already paid, net is gross minus contributions", () => {
    const counts = new Map<string, number>();
    for (const payment of generated.pension_payment) {
      counts.set(payment.insured_id ?? "", (counts.get(payment.insured_id ?? "") ?? 0) + 1);
      const cents = (text: string | undefined) => Math.round(Number(text) * 100);
      assert.equal(cents(payment.net), cents(payment.gross) - cents(payment.social_contributions));
      assert.ok(cents(payment.gross) > 0);
    }
    for (const pension of generated.pension) {
      // The month a pension starts is paid on the 9th of the next one: the newest have no payment yet.
      if (!counts.has(pension.insured_id ?? "")) assert.ok((pension.start_date ?? "") >= "2026-10-01");
    }
    for (const count of counts.values()) assert.ok(count >= 1 && count <= 12);
  });

  test("mothers get their child quarters, children are born before today", () => {
    const parents = new Map(generated.insured.map((p) => [p.id, p]));
    for (const row of generated.child_quarters) assert.equal(parents.get(row.insured_id)?.sex, "F");
    for (const child of generated.child) assert.ok((child.birth_date ?? "") <= TODAY);
    for (const union of generated.partnership) {
      if (union.ended_on !== "\\N") assert.ok((union.ended_on ?? "") >= (union.started_on ?? ""));
    }
  });
});
