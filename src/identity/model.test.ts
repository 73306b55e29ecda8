import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  checkSignUp,
  dateInFrance,
  displayNameOf,
  isSafeReturnPath,
  newPasswordProblems,
  parseBirthDate,
} from "./model.ts";
import { nirKey } from "./nir.ts";

const TODAY = "2026-11-21";
const thirteen = "1900575056123";
const nir = `${thirteen}${nirKey(thirteen)}`;

describe("sign-up rules", () => {
  test("birth dates: French or ISO format, real, not in the future", () => {
    assert.deepEqual(parseBirthDate("17/05/1990", TODAY), { ok: true, date: "1990-05-17" });
    assert.deepEqual(parseBirthDate("7.5.1990", TODAY), { ok: true, date: "1990-05-07" });
    assert.deepEqual(parseBirthDate("1990-05-17", TODAY), { ok: true, date: "1990-05-17" });
    assert.match((parseBirthDate("", TODAY) as { message: string }).message, /Indiquez/);
    assert.match((parseBirthDate("17 mai 1990", TODAY) as { message: string }).message, /JJ\/MM\/AAAA/);
    assert.match((parseBirthDate("29/02/1991", TODAY) as { message: string }).message, /n'existe pas/);
    assert.deepEqual(parseBirthDate("29/02/1992", TODAY), { ok: true, date: "1992-02-29" });
    assert.match((parseBirthDate("01/01/2030", TODAY) as { message: string }).message, /futur/);
  });

  test("passwords: at least 12 characters, counted as a person counts them, and confirmed", () => {
    assert.deepEqual(newPasswordProblems("une phrase de passe", "une phrase de passe"), {});
    assert.match(newPasswordProblems("éééééééééé", "éééééééééé").password ?? "", /il en compte 10/);
    assert.match(newPasswordProblems("", "").password ?? "", /Choisissez/);
    assert.match(newPasswordProblems("x".repeat(129), "x").password ?? "", /dépasser 128/);
    assert.match(newPasswordProblems("une phrase de passe", "").passwordConfirmation ?? "", /seconde fois/);
    assert.match(
      newPasswordProblems("une phrase de passe", "une autre").passwordConfirmation ?? "",
      /identiques/,
    );
  });

  test("a complete form gives the normalised request", () => {
    const result = checkSignUp(
      {
        nir: `${nir.slice(0, 1)} ${nir.slice(1, 3)} ${nir.slice(3)}`,
        birthDate: "17/05/1990",
        email: "  Marc.Petit@Exemple.FR",
        password: "une phrase de passe",
        passwordConfirmation: "une phrase de passe",
      },
      TODAY,
    );
    assert.deepEqual(result, {
      ok: true,
      value: {
        nir,
        birthDate: "1990-05-17",
        email: "marc.petit@exemple.fr",
        password: "une phrase de passe",
      },
    });
  });

  test("a birth date that contradicts the year or month in the NIR is pointed out", () => {
    const form = {
      nir,
      email: "m@exemple.fr",
      password: "une phrase de passe",
      passwordConfirmation: "une phrase de passe",
    };
    const wrongMonth = checkSignUp({ ...form, birthDate: "17/06/1990" }, TODAY);
    assert.equal(wrongMonth.ok, false);
    assert.match((wrongMonth as { errors: { birthDate: string } }).errors.birthDate, /chiffres 2 à 5/);
    // Month 30 in a NIR means "month unknown": only the year is compared.
    const unknownThirteen = "1903075056123";
    const unknownMonth = `${unknownThirteen}${nirKey(unknownThirteen)}`;
    assert.equal(checkSignUp({ ...form, nir: unknownMonth, birthDate: "17/06/1990" }, TODAY).ok, true);
  });
});

describe("account helpers", () => {
  test("return paths stay on this site", () => {
    for (const path of ["/espace", "/espace/representation?x=1", "/"])
      assert.ok(isSafeReturnPath(path), path);
    for (const path of [
      "//pirate.example",
      "/\\pirate.example",
      "https://pirate.example",
      "espace",
      "/a b",
      42,
    ])
      assert.ok(!isSafeReturnPath(path), String(path));
  });

  test("the display name is the first given name and the last name", () => {
    assert.equal(
      displayNameOf({ firstNames: "Jean-Pierre Louis", lastName: "Lefèvre" }),
      "Jean-Pierre Lefèvre",
    );
  });

  test("dates count in France: 23:30 UTC on 31 December is already 1 January in Paris", () => {
    assert.equal(dateInFrance(new Date("2026-12-31T23:30:00Z")), "2027-01-01");
    assert.equal(dateInFrance(new Date("2026-07-01T21:59:00Z")), "2026-07-01");
  });
});
