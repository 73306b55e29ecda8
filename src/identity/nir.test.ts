import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { checkNir, nirKey } from "./nir.ts";

function withKey(thirteen: string): string {
  return thirteen + nirKey(thirteen);
}

test("the key is 97 minus the number modulo 97 (INSEE example 1 84 12 76 451 089 → 46)", () => {
  assert.equal(nirKey("1841276451089"), "46");
  assert.deepEqual(checkNir("1 84 12 76 451 089 46"), { ok: true, nir: "184127645108946" });
});

test("Corsica: 2A counts as 19 and 2B as 18 in the key", () => {
  const southern = withKey("175052A004123");
  assert.equal(southern.slice(13), String(97 - Number(BigInt("1750519004123") % 97n)).padStart(2, "0"));
  assert.equal(checkNir(southern).ok, true);
  const northern = withKey("288092B033007");
  assert.equal(checkNir(northern.toLowerCase()).ok, true, "2b typed in lower case is accepted");
  assert.equal(checkNir(`${northern.slice(0, 13)}${northern.slice(13) === "01" ? "02" : "01"}`).ok, false);
});

test("people born abroad: department 99 and the country code", () => {
  const nir = withKey("2690399352014");
  assert.deepEqual(checkNir(nir), { ok: true, nir });
});

test("overseas births: 971 to 976 take the first commune digit", () => {
  assert.equal(checkNir(withKey("1920397411021")).ok, true);
  const refused = checkNir(withKey("1920397911021"));
  assert.equal(refused.ok ? "accepted" : refused.problem, "department");
});

const refusals: [string, string, RegExp][] = [
  ["", "empty", /Indiquez/],
  ["18412764510894", "length", /15 caractères/],
  ["1841276451089466", "length", /15 caractères/],
  ["18412764510894X", "characters", /chiffres/],
  ["1841A7645108946", "characters", /chiffres/],
  [withKey("5841276451089"), "sex", /1 \(homme\) ou 2 \(femme\)/],
  [withKey("1841376451089"), "month", /mois de naissance/],
  [withKey("1840076451089"), "month", /mois de naissance/],
  [withKey("1841200451089"), "department", /département/],
  [withKey("1841296451089"), "department", /département/],
  [withKey("1841276000089"), "commune", /000/],
  [withKey("1841276451000"), "order", /000/],
  ["184127645108947", "key", /clé/],
];

for (const [input, kind, message] of refusals) {
  test(`"${input}" is refused (${kind}) with a French message`, () => {
    const result = checkNir(input);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.problem, kind);
    assert.match(result.message, message);
  });
}

test("any single-digit typing error is caught by the key", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 2 }),
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 95 }).filter((d) => d !== 20),
      fc.integer({ min: 1, max: 999 }),
      fc.integer({ min: 1, max: 999 }),
      fc.integer({ min: 0, max: 12 }),
      fc.integer({ min: 1, max: 9 }),
      (sex, year, month, department, commune, order, position, delta) => {
        const pad = (n: number, w: number) => String(n).padStart(w, "0");
        const nir = withKey(
          `${sex}${pad(year, 2)}${pad(month, 2)}${pad(department, 2)}${pad(commune, 3)}${pad(order, 3)}`,
        );
        assert.equal(checkNir(nir).ok, true);
        const digits = nir.split("");
        digits[position] = String((Number(digits[position]) + delta) % 10);
        const altered = digits.join("");
        const result = checkNir(altered);
        assert.equal(result.ok, false, altered);
      },
    ),
  );
});
