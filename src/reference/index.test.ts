import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  agencies,
  agenciesOfFund,
  agencyByCode,
  departmentByCode,
  departments,
  fundByCode,
  fundForDepartment,
  fundOfAgency,
  funds,
  nationalFund,
} from "./index.ts";

describe("reference data", () => {
  it("has 101 departments and 21 regional funds", () => {
    assert.equal(departments.length, 101);
    assert.equal(funds.length, 21);
    const kinds = funds.map((f) => f.kind);
    assert.equal(kinds.filter((k) => k === "carsat").length, 15);
    assert.equal(kinds.filter((k) => k === "cnav").length, 1);
    assert.equal(kinds.filter((k) => k === "cgss").length, 4);
    assert.equal(kinds.filter((k) => k === "css").length, 1);
  });

  it("lists every metropolitan and overseas department code", () => {
    const expected = [
      ...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, "0")).filter((c) => c !== "20"),
      "2A",
      "2B",
      "971",
      "972",
      "973",
      "974",
      "976",
    ];
    assert.deepEqual(departments.map((d) => d.code).sort(), expected.sort());
  });

  it("puts every department in exactly one fund", () => {
    const seen = new Map<string, string>();
    for (const fund of funds) {
      for (const code of fund.departments) {
        assert.equal(seen.get(code), undefined, `${code} in ${seen.get(code)} and ${fund.code}`);
        seen.set(code, fund.code);
      }
    }
    assert.deepEqual([...seen.keys()].sort(), departments.map((d) => d.code).sort());
  });

  it("places every agency in a department of its own fund, with a postcode of that department", () => {
    for (const fund of funds) {
      assert.ok(fund.agencies.length >= 3, `${fund.code} has fewer than 3 agencies`);
      for (const agency of fund.agencies) {
        assert.ok(fund.departments.includes(agency.department), `${agency.code} outside ${fund.code}`);
        assert.equal(fundForDepartment(agency.department)?.code, fund.code);
        assert.match(agency.postcode, /^\d{5}$/);
        const prefix = agency.department === "2A" || agency.department === "2B" ? "20" : agency.department;
        assert.ok(agency.postcode.startsWith(prefix), `${agency.code}: postcode ${agency.postcode}`);
        assert.equal(agency.name, `Agence retraite de ${agency.town}`);
        assert.equal(fundOfAgency(agency.code)?.code, fund.code);
      }
    }
    assert.equal(new Set(agencies.map((a) => a.code)).size, agencies.length);
  });

  it("has at least one agency in every department", () => {
    const covered = new Set(agencies.map((a) => a.department));
    for (const d of departments) assert.ok(covered.has(d.code), d.code);
  });

  it("gives each fund a head office in its own territory", () => {
    for (const fund of funds) assert.ok(fund.departments.includes(fund.headOffice.department), fund.code);
  });

  it("knows the expected mappings", () => {
    const cases: [string, string][] = [
      ["75", "cnav-idf"],
      ["93", "cnav-idf"],
      ["2A", "carsat-sud-est"],
      ["2b", "carsat-sud-est"],
      ["57", "carsat-alsace-moselle"],
      ["54", "carsat-nord-est"],
      ["48", "carsat-languedoc-roussillon"],
      ["09", "carsat-midi-pyrenees"],
      ["87", "carsat-centre-ouest"],
      ["43", "carsat-auvergne"],
      ["971", "cgss-guadeloupe"],
      ["974", "cgss-reunion"],
      ["976", "css-mayotte"],
    ];
    for (const [department, fund] of cases)
      assert.equal(fundForDepartment(department)?.code, fund, department);
  });

  it("returns undefined for unknown codes", () => {
    assert.equal(departmentByCode("20"), undefined);
    assert.equal(departmentByCode("975"), undefined);
    assert.equal(fundForDepartment("99"), undefined);
    assert.equal(fundByCode("carsat-nowhere"), undefined);
    assert.equal(fundByCode("cnav"), undefined);
    assert.equal(agenciesOfFund("carsat-nowhere"), undefined);
    assert.equal(agencyByCode("00-nowhere"), undefined);
  });

  it("looks up departments, funds and agencies", () => {
    assert.equal(departmentByCode("33")?.name, "Gironde");
    assert.equal(departmentByCode("976")?.region, "Mayotte");
    assert.equal(fundByCode("carsat-aquitaine")?.headOffice.town, "Bordeaux");
    assert.ok(agenciesOfFund("cgss-reunion")?.some((a) => a.town === "Saint-Pierre"));
    assert.equal(agencyByCode("974-saint-denis")?.postcode, "97400");
    assert.equal(agencyByCode("93-saint-denis")?.postcode, "93200");
    assert.equal(nationalFund.code, "cnav");
  });

  it("has positive population weights", () => {
    for (const d of departments) assert.ok(d.population > 0, d.code);
    const total = departments.reduce((n, d) => n + d.population, 0);
    assert.ok(total > 67_000_000 && total < 69_000_000, `total ${total}`);
  });
});
