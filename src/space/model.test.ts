import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Agency } from "../reference/index.ts";
import { nearestAgency } from "./model.ts";

describe("nearest agency", () => {
  const agency = (code: string, postcode: string, department: string): Agency => ({
    code,
    name: `Agence retraite de ${code}`,
    town: code,
    postcode,
    department,
    street: "1 rue de la Poste",
  });
  const agencies = [agency("a", "33000", "33"), agency("b", "33500", "33"), agency("c", "24000", "24")];

  test("the agency of the town first, then one of the department, then the fund's first", () => {
    assert.equal(nearestAgency({ postcode: "33500", department: "33" }, agencies)?.code, "b");
    assert.equal(nearestAgency({ postcode: "24100", department: "24" }, agencies)?.code, "c");
    assert.equal(nearestAgency({ postcode: "1100-053", department: "47" }, agencies)?.code, "a");
    assert.equal(nearestAgency({ postcode: "33000", department: "33" }, []), undefined);
  });
});
