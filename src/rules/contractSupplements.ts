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
  optionalDate,
  optionalNumber,
  rejectUnknownFields,
  requiredDate,
  requiredNumber,
} from "./input.ts";

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

export const supplementCommands = {
  complementary: complementaryCommand,
  buyback: buybackCommand,
} as const;
