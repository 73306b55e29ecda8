/**
 * The JSON contract shared by the command line and the /api/v1 simulation endpoints: each command takes
 * a JSON value, checks it, runs the rules and returns plain JSON (dates as YYYY-MM-DD, amounts in euros).
 */
import { legalAgeFor } from "./age.ts";
import { computeAspa } from "./aspa.ts";
import type { CareerYear, CreditedQuarters } from "./career.ts";
// Complementary pension, buy-back, phased retirement, working while retired: their own file.
import { supplementCommands } from "./contractSupplements.ts";
import { formatDate } from "./dates.ts";
import type { DisabledWorkerInput, PermanentIncapacityInput } from "./earlyRetirement.ts";
import { disabledWorkerRetirement, permanentIncapacityRetirement } from "./earlyRetirement.ts";
import { RulesError } from "./errors.ts";
import type { JsonObject } from "./input.ts";
import {
  asObject,
  oneOf,
  optionalArray,
  optionalBoolean,
  optionalDate,
  optionalNumber,
  optionalString,
  rejectUnknownFields,
  requiredArray,
  requiredDate,
  requiredNumber,
  requiredString,
} from "./input.ts";
import type { PensionInput, QuarterTotals, Situation } from "./pension.ts";
import { computePension } from "./pension.ts";
import { projectPension } from "./projection.ts";
import { quartersForSalary } from "./quarters.ts";
import { computeSurvivorPension } from "./survivor.ts";

const MAX_QUARTERS = 400;
const YEAR_RANGE = { integer: true, max: 2200 } as const;

function parseCreditedQuarters(value: unknown, path: string): CreditedQuarters {
  const object = asObject(value, path);
  const keys = ["contributed", "unemployment", "sickness", "maternity", "military"] as const;
  rejectUnknownFields(object, keys, path);
  const quarters: Record<string, number> = {};
  for (const key of keys) {
    const n = optionalNumber(object, key, path, { integer: true, max: 4 });
    if (n !== undefined) quarters[key] = n;
  }
  return quarters;
}

function parseCareer(values: readonly unknown[]): CareerYear[] {
  return values.map((value, index) => {
    const path = `career[${index}]`;
    const object = asObject(value, path);
    rejectUnknownFields(object, ["year", "salary", "scheme", "quarters"], path);
    const scheme = optionalString(object, "scheme", path);
    return {
      year: requiredNumber(object, "year", path, YEAR_RANGE),
      salary: requiredNumber(object, "salary", path),
      ...(scheme !== undefined ? { scheme } : {}),
      ...(object.quarters !== undefined
        ? { quarters: parseCreditedQuarters(object.quarters, `${path}.quarters`) }
        : {}),
    };
  });
}

function parseQuarterTotals(value: unknown): QuarterTotals {
  const object = asObject(value, "quarters");
  const keys = ["general", "allSchemes", "contributed", "afterLegalAge", "avpf"] as const;
  rejectUnknownFields(object, keys, "quarters");
  const totals: Record<string, number> = {};
  for (const key of keys) {
    const n = optionalNumber(object, key, "quarters", { integer: true, max: MAX_QUARTERS });
    if (n !== undefined) totals[key] = n;
  }
  return totals;
}

const PERSON_FIELDS = [
  "childQuarters",
  "children",
  "mother",
  "incapacity",
  "situation",
  "otherPensionsMonthly",
] as const;

function parseDisabledWorker(value: unknown): DisabledWorkerInput {
  const path = "situation.disabledWorker";
  const object = asObject(value, path);
  rejectUnknownFields(object, ["contributedQuarters", "insuredQuarters"], path);
  const insuredQuarters = optionalNumber(object, "insuredQuarters", path, {
    integer: true,
    max: MAX_QUARTERS,
  });
  return {
    contributedQuarters: requiredNumber(object, "contributedQuarters", path, {
      integer: true,
      max: MAX_QUARTERS,
    }),
    ...(insuredQuarters !== undefined ? { insuredQuarters } : {}),
  };
}

function parsePermanentIncapacity(value: unknown): PermanentIncapacityInput {
  const path = "situation.permanentIncapacity";
  const object = asObject(value, path);
  rejectUnknownFields(object, ["rate", "occupational", "exposureRecognised"], path);
  const occupational = optionalBoolean(object, "occupational", path);
  const exposureRecognised = optionalBoolean(object, "exposureRecognised", path);
  return {
    rate: requiredNumber(object, "rate", path, { max: 100 }),
    occupational: occupational ?? false,
    ...(exposureRecognised !== undefined ? { exposureRecognised } : {}),
  };
}

function parseSituation(value: unknown): Situation {
  const object = asObject(value, "situation");
  rejectUnknownFields(
    object,
    ["aah", "inaptitude", "invalidityPension", "disabilityRate", "disabledWorker", "permanentIncapacity"],
    "situation",
  );
  const aah = optionalBoolean(object, "aah", "situation");
  const inaptitude = optionalBoolean(object, "inaptitude", "situation");
  const invalidityPension = optionalBoolean(object, "invalidityPension", "situation");
  const disabilityRate = optionalNumber(object, "disabilityRate", "situation", { max: 100 });
  return {
    ...(aah !== undefined ? { aah } : {}),
    ...(inaptitude !== undefined ? { inaptitude } : {}),
    ...(invalidityPension !== undefined ? { invalidityPension } : {}),
    ...(disabilityRate !== undefined ? { disabilityRate } : {}),
    ...(object.disabledWorker !== undefined
      ? { disabledWorker: parseDisabledWorker(object.disabledWorker) }
      : {}),
    ...(object.permanentIncapacity !== undefined
      ? { permanentIncapacity: parsePermanentIncapacity(object.permanentIncapacity) }
      : {}),
  };
}

function parsePersonFields(object: JsonObject) {
  const childQuarters = optionalNumber(object, "childQuarters", "", { integer: true, max: MAX_QUARTERS });
  const children = optionalNumber(object, "children", "", { integer: true, max: 30 });
  const mother = optionalBoolean(object, "mother");
  const incapacity = optionalBoolean(object, "incapacity");
  const otherPensionsMonthly = optionalNumber(object, "otherPensionsMonthly");
  const situation = object.situation !== undefined ? parseSituation(object.situation) : undefined;
  return {
    ...(situation ? { situation } : {}),
    ...(childQuarters !== undefined ? { childQuarters } : {}),
    ...(children !== undefined ? { children } : {}),
    ...(mother !== undefined ? { mother } : {}),
    ...(incapacity !== undefined ? { incapacity } : {}),
    ...(otherPensionsMonthly !== undefined ? { otherPensionsMonthly } : {}),
  };
}

export function parsePensionInput(json: unknown): PensionInput {
  const object = asObject(json, "");
  rejectUnknownFields(
    object,
    ["birthDate", "startDate", "career", "averageSalary", "quarters", ...PERSON_FIELDS],
    "",
  );
  const career = optionalArray(object, "career");
  const averageSalary = optionalNumber(object, "averageSalary");
  if (!career && averageSalary === undefined) {
    throw new RulesError(
      "champ_manquant",
      "Indiquez la carrière (champ « career ») ou le salaire annuel moyen (champ « averageSalary »).",
    );
  }
  return {
    birthDate: requiredDate(object, "birthDate"),
    startDate: requiredDate(object, "startDate"),
    ...(career ? { career: parseCareer(career) } : {}),
    ...(averageSalary !== undefined ? { averageSalary } : {}),
    ...(object.quarters !== undefined ? { quarters: parseQuarterTotals(object.quarters) } : {}),
    ...parsePersonFields(object),
  };
}

function ageCommand(json: unknown) {
  const object = asObject(json, "");
  rejectUnknownFields(object, ["birthDate", "startDate", "situation"], "");
  const birthDate = requiredDate(object, "birthDate");
  const result = legalAgeFor(birthDate, optionalDate(object, "startDate"));
  const situation = object.situation !== undefined ? parseSituation(object.situation) : undefined;
  const disabled = situation?.disabledWorker;
  const incapacity = situation?.permanentIncapacity;
  return {
    legalAge: result.legalAge,
    legalAgeDate: formatDate(result.legalAgeDate),
    requiredQuarters: result.requiredQuarters,
    fullRateAge: result.fullRateAge,
    fullRateAgeDate: formatDate(result.fullRateAgeDate),
    explanation: result.explanation,
    // Only when the situation is given: the dates a disability or an occupational incapacity opens.
    ...(situation
      ? {
          earlyRetirement: {
            disabledWorker: disabled ? disabledWorkerRetirement(birthDate, disabled) : null,
            permanentIncapacity: incapacity ? permanentIncapacityRetirement(birthDate, incapacity) : null,
          },
        }
      : {}),
  };
}

function quartersCommand(json: unknown) {
  const object = asObject(json, "");
  rejectUnknownFields(object, ["year", "salary"], "");
  const year = requiredNumber(object, "year", "", YEAR_RANGE);
  if (year < 1949) {
    throw new RulesError(
      "annee_non_couverte",
      "Le seuil de validation des trimestres est connu à partir de 1949.",
    );
  }
  const result = quartersForSalary(year, requiredNumber(object, "salary"));
  return { threshold: result.threshold, quarters: result.quarters, explanation: result.explanation };
}

function survivorCommand(json: unknown) {
  const object = asObject(json, "");
  rejectUnknownFields(
    object,
    ["date", "survivorBirthDate", "deceasedPensionAnnual", "survivorResourcesAnnual", "couple", "marriages"],
    "",
  );
  const marriages = optionalArray(object, "marriages")?.map((value, index) => {
    const path = `marriages[${index}]`;
    const marriage = asObject(value, path);
    rejectUnknownFields(marriage, ["name", "months"], path);
    return {
      name: requiredString(marriage, "name", path),
      months: requiredNumber(marriage, "months", path, { integer: true, max: 1200 }),
    };
  });
  if (marriages && marriages.length > 0 && marriages.every((m) => m.months === 0)) {
    throw new RulesError("valeur_invalide", "La durée d'au moins un mariage doit être supérieure à zéro.");
  }
  const couple = optionalBoolean(object, "couple");
  return computeSurvivorPension({
    date: requiredDate(object, "date"),
    survivorBirthDate: requiredDate(object, "survivorBirthDate"),
    deceasedPensionAnnual: requiredNumber(object, "deceasedPensionAnnual"),
    survivorResourcesAnnual: requiredNumber(object, "survivorResourcesAnnual"),
    ...(couple !== undefined ? { couple } : {}),
    ...(marriages ? { marriages } : {}),
  });
}

function aspaCommand(json: unknown) {
  const object = asObject(json, "");
  rejectUnknownFields(
    object,
    ["date", "household", "resourcesMonthly", "birthDate", "incapacity", "eligibleMembers"],
    "",
  );
  const birthDate = optionalDate(object, "birthDate");
  const incapacity = optionalBoolean(object, "incapacity");
  const household = oneOf(object, "household", ["single", "couple"] as const);
  const eligibleMembers = optionalNumber(object, "eligibleMembers", "", { integer: true, max: 2 });
  if (
    eligibleMembers !== undefined &&
    (eligibleMembers < 1 || (household === "single" && eligibleMembers > 1))
  ) {
    throw new RulesError(
      "valeur_invalide",
      household === "single"
        ? "Le champ « eligibleMembers » ne peut valoir que 1 pour une personne seule."
        : "Le champ « eligibleMembers » doit valoir 1 ou 2.",
    );
  }
  return computeAspa({
    date: requiredDate(object, "date"),
    household,
    ...(eligibleMembers !== undefined ? { eligibleMembers: eligibleMembers as 1 | 2 } : {}),
    resourcesMonthly: requiredNumber(object, "resourcesMonthly"),
    ...(birthDate ? { birthDate } : {}),
    ...(incapacity !== undefined ? { incapacity } : {}),
  });
}

function projectCommand(json: unknown) {
  const object = asObject(json, "");
  rejectUnknownFields(object, ["birthDate", "today", "career", ...PERSON_FIELDS], "");
  return projectPension({
    birthDate: requiredDate(object, "birthDate"),
    today: requiredDate(object, "today"),
    career: parseCareer(requiredArray(object, "career")),
    ...parsePersonFields(object),
  });
}

export const commands = {
  age: ageCommand,
  quarters: quartersCommand,
  pension: (json: unknown) => computePension(parsePensionInput(json)),
  survivor: survivorCommand,
  aspa: aspaCommand,
  project: projectCommand,
  ...supplementCommands,
} as const;

export type CommandName = keyof typeof commands;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commands, name);
}

/** Runs one command of the contract; throws RulesError on any invalid input. */
export function runCommand(name: string, json: unknown): unknown {
  if (!isCommandName(name)) {
    throw new RulesError(
      "commande_inconnue",
      `Commande inconnue « ${name} ». Commandes possibles : ${Object.keys(commands).join(", ")}.`,
    );
  }
  return commands[name](json);
}
