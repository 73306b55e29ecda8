import assert from "node:assert/strict";
import { test } from "node:test";
import { departmentByCode } from "../reference/index.ts";
import { checkBankDetails, checkBic, checkIban, holderBearsName, ibanKeyIsValid } from "./bankDetails.ts";
import { checkAddress, departmentOfPostcode, maskIban } from "./model.ts";

const known = (code: string) => departmentByCode(code) !== undefined;

function problem(iban: string): string {
  const checked = checkIban(iban);
  return checked.ok ? "" : (checked.errors.iban ?? "");
}

test("IBANs of SEPA countries (registry examples) pass; one wrong character breaks the key", () => {
  for (const iban of [
    "FR7630006000011234567890189",
    "DE89370400440532013000",
    "BE68539007547034",
    "ES9121000418450200051332",
    "IT60X0542811101000000123456",
    "PT50000201231234567890154",
    "GB29NWBK60161331926819",
    "CH9300762011623852957",
    "MC5811222000010123456789030",
  ]) {
    assert.deepEqual(checkIban(iban), { ok: true, value: iban }, iban);
    assert.equal(ibanKeyIsValid(`${iban.slice(0, -1)}${iban.endsWith("0") ? "1" : "0"}`), false, iban);
  }
  assert.equal(checkIban(" fr76-3000 6000 0112 3456 7890 189 ").ok, true, "spaces, dashes and case");
  assert.match(problem("FR76300060000112345678901"), /Un IBAN français compte 27 caractères/);
  assert.match(problem("US12345678901234"), /zone SEPA/);
});

test("a French IBAN whose mod-97 key is right but whose RIB key is wrong is refused", () => {
  // FR76 3000 6000 0112 3456 7890 189 with the RIB key 89 changed to 88 and the IBAN key recomputed (06).
  const wrongRib = "FR0630006000011234567890188";
  assert.equal(ibanKeyIsValid(wrongRib), true, "the IBAN's own key is right");
  assert.match(
    problem(wrongRib),
    /^La clé RIB \(les 2 derniers chiffres de l'IBAN\) ne correspond pas au numéro de compte/,
  );
  assert.match(
    problem("FR76 3000 6000 0112 3456 7890 188"),
    /^La clé de contrôle de l'IBAN ne correspond pas/,
  );
  assert.match(
    problem("FR763000600001123456789018"),
    /Un IBAN français compte 27 caractères selon un format précis ; celui-ci en compte 26\./,
  );
  assert.match(
    problem("FR76300060000112345678901AB"),
    /compte 27 caractères selon un format précis ; celui-ci en compte 27 mais ne respecte pas ce format/,
  );
  assert.match(problem("DE8937040044053201300"), /Un IBAN de ce pays \(Allemagne\) compte 22 caractères/);
});

test("BIC: 8 or 11 characters in ISO 9362 layout", () => {
  assert.equal(checkBic("BNPAFRPP").ok, true);
  assert.equal(checkBic("bnpa fr pp xxx").ok, true);
  assert.equal(checkBic("BNP1FRPP").ok, false);
  assert.equal(checkBic("BNPAFRPPXX").ok, false);
  assert.deepEqual(checkBic("BNPAQQPP"), {
    ok: false,
    errors: {
      bic: "Les 5e et 6e caractères du BIC (QQ) doivent être le code d'un pays, par exemple FR dans BNPAFRPPXXX.",
    },
  });
});

test("the holder must contain the last name or the birth name in full", () => {
  const person = { lastName: "Garnier", birthName: "Le Gall" };
  assert.equal(holderBearsName("M. ou Mme GARNIER", person), true);
  assert.equal(holderBearsName("Monique LE GALL", person), true);
  assert.equal(holderBearsName("Monique Gall", person), false);
  assert.equal(holderBearsName("Garniere Monique", person), false);
  assert.equal(holderBearsName("Héloïse Lefèvre", { lastName: "Lefevre", birthName: "Lefevre" }), true);
  assert.equal(checkBankDetails({ holder: "", iban: "", bic: "" }, person).ok, false);
});

test("postcodes give the department, Corsica and overseas included; abroad keeps the last department", () => {
  assert.equal(departmentOfPostcode("33000", known), "33");
  assert.equal(departmentOfPostcode("20000", known), "2A");
  assert.equal(departmentOfPostcode("20200", known), "2B");
  assert.equal(departmentOfPostcode("97400", known), "974");
  assert.equal(departmentOfPostcode("99000", known), undefined);
  const abroad = checkAddress(
    { line: "Rua Augusta 10", postcode: "1100-048", town: "Lisboa", country: "Portugal" },
    "33",
    known,
  );
  assert.deepEqual(abroad, {
    ok: true,
    value: {
      line: "Rua Augusta 10",
      postcode: "1100-048",
      town: "Lisboa",
      country: "Portugal",
      department: "33",
      livesAbroad: true,
    },
  });
  assert.equal(maskIban("FR7630006000011234567890189"), "FR76 •••• •••• •••• •••• •••• 189");
});
