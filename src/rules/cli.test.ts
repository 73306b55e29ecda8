import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const cli = fileURLToPath(new URL("../cli/rules.ts", import.meta.url));

function run(command: string[], input: string) {
  const result = spawnSync(process.execPath, [cli, ...command], { input, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function runJson(command: string, body: unknown) {
  return run([command], JSON.stringify(body));
}

function assertRefused(outcome: ReturnType<typeof run>, code: string, words: RegExp): void {
  assert.equal(outcome.status, 2, outcome.stderr);
  const lines = outcome.stdout.trim().split("\n");
  assert.equal(lines.length, 1, "rien d'autre que l'erreur sur la sortie standard");
  const parsed = JSON.parse(lines[0] ?? "") as { error: { code: string; message: string } };
  assert.deepEqual(Object.keys(parsed), ["error"]);
  assert.equal(parsed.error.code, code);
  assert.match(parsed.error.message, words);
}

const pension = {
  birthDate: "1962-03-15",
  startDate: "2024-10-01",
  career: [{ year: 1990, salary: 30000 }],
};

describe("rules command line", () => {
  it("answers every command with JSON and exit 0", () => {
    const age = runJson("age", { birthDate: "1964-05-15" });
    assert.equal(age.status, 0, age.stderr);
    assert.equal(JSON.parse(age.stdout).legalAgeDate, "2027-02-15");
    const quarters = runJson("quarters", { year: 2025, salary: 7000 });
    assert.deepEqual(
      { threshold: JSON.parse(quarters.stdout).threshold, quarters: JSON.parse(quarters.stdout).quarters },
      { threshold: 1782, quarters: 3 },
    );
    const computed = runJson("pension", pension);
    assert.equal(computed.status, 0, computed.stderr);
    const body = JSON.parse(computed.stdout);
    for (const key of [
      "averageSalary",
      "quarters",
      "requiredQuarters",
      "rate",
      "reductionQuarters",
      "bonusQuarters",
      "bonusRate",
      "prorata",
      "basePension",
      "minimumPension",
      "pension",
      "explanation",
    ]) {
      assert.ok(key in body, key);
    }
    const survivor = runJson("survivor", {
      date: "2026-03-01",
      survivorBirthDate: "1958-01-01",
      deceasedPensionAnnual: 12000,
      survivorResourcesAnnual: 9000,
    });
    assert.equal(JSON.parse(survivor.stdout).monthly, 540);
    const aspa = runJson("aspa", { date: "2026-03-01", household: "couple", resourcesMonthly: 1000 });
    assert.equal(JSON.parse(aspa.stdout).eligible, true);
    const project = runJson("project", {
      birthDate: "1970-02-02",
      today: "2026-11-21",
      career: [{ year: 1995, salary: 25000 }],
    });
    assert.equal(project.status, 0, project.stderr);
    assert.equal(JSON.parse(project.stdout).hypotheses.length, 5);
  });

  it("refuses a missing field", () => {
    assertRefused(
      runJson("pension", { startDate: "2024-10-01", averageSalary: 20000 }),
      "champ_manquant",
      /birthDate.*obligatoire/,
    );
    assertRefused(runJson("age", {}), "champ_manquant", /obligatoire/);
    assertRefused(
      runJson("aspa", { date: "2026-03-01", household: "single" }),
      "champ_manquant",
      /resourcesMonthly/,
    );
  });

  it("refuses an impossible date", () => {
    assertRefused(runJson("age", { birthDate: "1964-02-30" }), "date_invalide", /date qui existe/);
    assertRefused(runJson("survivor", { date: "2026-13-01" }), "date_invalide", /AAAA-MM-JJ/);
  });

  it("refuses a negative wage", () => {
    assertRefused(
      runJson("pension", { ...pension, career: [{ year: 1990, salary: -5 }] }),
      "nombre_negatif",
      /career\[0\]\.salary.*négatif/,
    );
    assertRefused(runJson("quarters", { year: 2020, salary: -1 }), "nombre_negatif", /négatif/);
  });

  it("refuses a start date before the legal age without an early-retirement ground", () => {
    assertRefused(
      runJson("pension", { birthDate: "1970-01-15", startDate: "2030-01-01", averageSalary: 30000 }),
      "depart_avant_age_legal",
      /âge légal/,
    );
  });

  it("refuses malformed requests", () => {
    assertRefused(run(["age"], "{pas du json"), "json_invalide", /JSON/);
    assertRefused(run(["inconnue"], "{}"), "commande_inconnue", /Commande inconnue/);
    assertRefused(run([], "{}"), "commande_manquante", /commande/);
    assertRefused(runJson("age", { birthDate: "1964-05-15", sexe: "F" }), "champ_inconnu", /sexe/);
    assertRefused(
      runJson("aspa", { date: "2026-03-01", household: "famille", resourcesMonthly: 0 }),
      "valeur_invalide",
      /single/,
    );
    assertRefused(
      runJson("pension", { ...pension, startDate: "2024-10-15" }),
      "date_depart_invalide",
      /premier jour/,
    );
    assertRefused(runJson("age", ["1964-05-15"]), "type_invalide", /objet/);
  });
});
