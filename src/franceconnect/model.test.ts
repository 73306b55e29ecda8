import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  birthDepartmentOf,
  firstFirstName,
  type InsuredCandidate,
  matchInsured,
  normalizeName,
  type PivotIdentity,
  pivotIdentityFrom,
} from "./model.ts";

const lea: InsuredCandidate = {
  id: 1,
  nir: "292032B03399012",
  sex: "F",
  birthName: "Moreau",
  firstNames: "Léa Camille",
  birthDate: "1992-03-14",
  birthDepartment: "2B",
};

const antonio: InsuredCandidate = {
  id: 2,
  nir: "159079913999145",
  sex: "M",
  birthName: "Ferreira",
  firstNames: "António José",
  birthDate: "1959-07-18",
  birthDepartment: "99",
};

const leaPivot: PivotIdentity = {
  familyName: "MOREAU",
  givenNames: "Léa Camille",
  birthdate: "1992-03-14",
  gender: "female",
  birthplace: "2B033",
  birthcountry: "99100",
  email: null,
};

const antonioPivot: PivotIdentity = {
  familyName: "FERREIRA",
  givenNames: "ANTONIO JOSE",
  birthdate: "1959-07-18",
  gender: "male",
  birthplace: "",
  birthcountry: "99139",
  email: null,
};

describe("FranceConnect matching rule", () => {
  test("names compare without accents, case, hyphens, apostrophes or ligatures", () => {
    assert.equal(normalizeName("Le Gall"), normalizeName("LE-GALL"));
    assert.equal(normalizeName("Lefèvre"), "LEFEVRE");
    assert.equal(normalizeName("d'Œuvray  "), "D OEUVRAY");
    assert.equal(normalizeName("N’Diaye"), normalizeName("N DIAYE"));
    assert.equal(firstFirstName("Jean-Pierre Louis"), "JEAN PIERRE");
    assert.equal(firstFirstName("  António José"), "ANTONIO");
  });

  test("the birth department comes from the INSEE town code, Corsica and overseas included", () => {
    assert.equal(birthDepartmentOf("75056"), "75");
    assert.equal(birthDepartmentOf("2B033"), "20");
    assert.equal(birthDepartmentOf("2a004"), "20");
    assert.equal(birthDepartmentOf("20033"), "20");
    assert.equal(birthDepartmentOf("97105"), "971");
    assert.equal(birthDepartmentOf("97611"), "976");
  });

  test("a person born in France is found by birth name, first first-name, date, sex and department", () => {
    assert.deepEqual(matchInsured(leaPivot, [lea, antonio]), { kind: "one", insuredId: 1 });
    // Only the first first-name counts, whatever the others.
    assert.deepEqual(matchInsured({ ...leaPivot, givenNames: "LEA" }, [lea]), { kind: "one", insuredId: 1 });
    // Born in Corsica before 1976: the code then began with 20.
    assert.deepEqual(matchInsured({ ...leaPivot, birthplace: "20033" }, [lea]), {
      kind: "one",
      insuredId: 1,
    });
  });

  test("a person born abroad is found by the birth country in the NIR", () => {
    assert.deepEqual(matchInsured(antonioPivot, [lea, antonio]), { kind: "one", insuredId: 2 });
    assert.deepEqual(matchInsured({ ...antonioPivot, birthcountry: "99134" }, [antonio]), { kind: "none" });
  });

  test("any differing element means no match", () => {
    const differing: Partial<PivotIdentity>[] = [
      { familyName: "MOREAUX" },
      { givenNames: "Camille Léa" },
      { birthdate: "1992-03-15" },
      { gender: "male" },
      { birthplace: "13055" },
      { birthplace: "", birthcountry: "99139" },
    ];
    for (const change of differing) {
      assert.deepEqual(
        matchInsured({ ...leaPivot, ...change }, [lea]),
        { kind: "none" },
        JSON.stringify(change),
      );
    }
  });

  test("two people with the same identity are never resolved by a guess", () => {
    const twin = { ...lea, id: 3, nir: "292032B03399113", firstNames: "Léa Marie" };
    assert.deepEqual(matchInsured(leaPivot, [lea, twin]), { kind: "several", count: 2 });
  });

  test("the pivot identity is read from the userinfo claims, and refused when incomplete", () => {
    const claims = {
      sub: "abc",
      family_name: "MOREAU",
      given_name: "Léa Camille",
      birthdate: "1992-03-14",
      gender: "female",
      birthplace: "2b033",
      birthcountry: "99100",
      email: "lea@example.test",
    };
    assert.deepEqual(pivotIdentityFrom(claims), { ...leaPivot, email: "lea@example.test" });
    assert.equal(pivotIdentityFrom({ ...claims, birthplace: "" }), undefined);
    assert.equal(pivotIdentityFrom({ ...claims, birthcountry: "99139" }), undefined);
    assert.equal(pivotIdentityFrom({ ...claims, birthdate: "1992-14-03" }), undefined);
    assert.equal(pivotIdentityFrom({ ...claims, gender: "unknown" }), undefined);
    assert.equal(pivotIdentityFrom({ ...claims, family_name: undefined }), undefined);
    assert.deepEqual(
      pivotIdentityFrom({
        ...claims,
        family_name: "FERREIRA",
        given_name: "ANTONIO JOSE",
        birthdate: "1959-07-18",
        gender: "male",
        birthplace: "",
        birthcountry: "99139",
        email: undefined,
      }),
      antonioPivot,
    );
  });
});
