/**
 * Contract commands for what a person's pension depends on besides the base pension: the Agirc-Arrco
 * complementary pension, the buy-back of quarters, phased retirement and working while retired. Kept apart
 * from `contract.ts` so each can change without touching the other; `contract.ts` spreads these in.
 */
import { computeBuyback } from "./buyback.ts";
import type { ComplementaryCareerYear } from "./complementary.ts";
import { computeComplementary } from "./complementary.ts";
import { formatDate } from "./dates.ts";
import {
  asObject,
  oneOf,
  optionalArray,
  optionalBoolean,
  optionalDate,
  optionalNumber,
  rejectUnknownFields,
  requiredDate,
  requiredNumber,
} from "./input.ts";
import { simulatePhasedRetirement, simulateWorkingWhileRetired } from "./workAndRetirement.ts";

const YEAR_RANGE = { integer: true, max: 2200 } as const;
const MAX_POINTS = 1_000_000;

function parseSalaryYears(values: readonly unknown[]): ComplementaryCareerYear[] {
  return values.map((value, index) => {
    const path = `career[${index}]`;
    const object = asObject(value, path);
    rejectUnknownFields(object, ["year", "salary"], path);
    return {
      year: requiredNumber(object, "year", path, YEAR_RANGE),
      salary: requiredNumber(object, "salary", path),
    };
  });
}

function complementaryCommand(json: unknown) {
  const object = asObject(json, "");
  rejectUnknownFields(
    object,
    ["birthDate", "startDate", "career", "points", "reductionQuarters", "fullRateDate"],
    "",
  );
  const career = optionalArray(object, "career");
  const points = optionalNumber(object, "points", "", { max: MAX_POINTS });
  const reductionQuarters = optionalNumber(object, "reductionQuarters", "", { integer: true, max: 40 });
  const fullRateDate = optionalDate(object, "fullRateDate");
  const result = computeComplementary({
    birthDate: requiredDate(object, "birthDate"),
    startDate: requiredDate(object, "startDate"),
    ...(career ? { career: parseSalaryYears(career) } : {}),
    ...(points !== undefined ? { points } : {}),
    ...(reductionQuarters !== undefined ? { reductionQuarters } : {}),
    ...(fullRateDate ? { fullRateDate } : {}),
  });
  const { coefficientUntil, ...rest } = result;
  return { ...rest, ...(coefficientUntil ? { coefficientUntil: formatDate(coefficientUntil) } : {}) };
}

function buybackCommand(json: unknown) {
  const object = asObject(json, "");
  rejectUnknownFields(object, ["birthDate", "date", "quarters", "option", "incomeAnnual"], "");
  const { costPerQuarter, total, explanation } = computeBuyback({
    birthDate: requiredDate(object, "birthDate"),
    date: requiredDate(object, "date"),
    quarters: requiredNumber(object, "quarters", "", { integer: true, max: 12 }),
    option: oneOf(object, "option", ["rate", "rateAndDuration"] as const),
    incomeAnnual: requiredNumber(object, "incomeAnnual"),
  });
  return { costPerQuarter, total, explanation };
}

function phasedRetirementCommand(json: unknown) {
  const object = asObject(json, "");
  rejectUnknownFields(object, ["birthDate", "date", "quarters", "workingShare", "pensionAnnual"], "");
  return simulatePhasedRetirement({
    birthDate: requiredDate(object, "birthDate"),
    date: requiredDate(object, "date"),
    quarters: requiredNumber(object, "quarters", "", { integer: true, max: 400 }),
    workingShare: requiredNumber(object, "workingShare", "", { max: 1 }),
    pensionAnnual: requiredNumber(object, "pensionAnnual"),
  });
}

function workingWhileRetiredCommand(json: unknown) {
  const object = asObject(json, "");
  const keys = [
    "birthDate",
    "date",
    "fullRate",
    "allPensionsTaken",
    "pensionsMonthly",
    "earningsMonthly",
    "lastWageMonthly",
  ];
  rejectUnknownFields(object, keys, "");
  const lastWageMonthly = optionalNumber(object, "lastWageMonthly");
  return simulateWorkingWhileRetired({
    birthDate: requiredDate(object, "birthDate"),
    date: requiredDate(object, "date"),
    fullRate: optionalBoolean(object, "fullRate") === true,
    allPensionsTaken: optionalBoolean(object, "allPensionsTaken") === true,
    pensionsMonthly: requiredNumber(object, "pensionsMonthly"),
    earningsMonthly: requiredNumber(object, "earningsMonthly"),
    ...(lastWageMonthly !== undefined ? { lastWageMonthly } : {}),
  });
}

export const supplementCommands = {
  phasedRetirement: phasedRetirementCommand,
  workingWhileRetired: workingWhileRetiredCommand,
  complementary: complementaryCommand,
  buyback: buybackCommand,
} as const;
