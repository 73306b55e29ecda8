/**
 * Public face of the pension rules engine: other contexts (population generator, simulators, web API)
 * import from here only. Pure functions, no I/O besides the engine's own dated parameter files.
 */
export type { LegalAgeResult } from "./age.ts";
export { legalAgeFor } from "./age.ts";
export type { AspaInput, AspaResult, Household } from "./aspa.ts";
export { computeAspa } from "./aspa.ts";
export type { AverageSalaryResult, SalaryYear } from "./averageSalary.ts";
export { computeAverageSalary } from "./averageSalary.ts";
export type { BatchResult, Population } from "./batch.ts";
export { computeBasePensions, packDate, unpackDate } from "./batch.ts";
export type { CareerYear, CreditedQuarters } from "./career.ts";
export type { CommandName } from "./contract.ts";
export { commands, isCommandName, parsePensionInput, runCommand } from "./contract.ts";
export type { Age, CalendarDate } from "./dates.ts";
export {
  ageAt,
  dateAtAge,
  firstStartDateAtAge,
  formatDate,
  frenchAge,
  frenchDate,
  frenchDayOf,
  parseDate,
} from "./dates.ts";
export type {
  DisabledWorkerInput,
  DisabledWorkerResult,
  EarlyRetirementResult,
  PermanentIncapacityInput,
} from "./earlyRetirement.ts";
export { disabledWorkerRetirement, permanentIncapacityRetirement } from "./earlyRetirement.ts";
export { RulesError } from "./errors.ts";
export type { Explanation, ExplanationStep } from "./explanation.ts";
export type { LongCareerResult } from "./longCareer.ts";
export {
  firstCoveredBirthDate,
  firstCoveredStartDate,
  LAST_KNOWN_YEAR,
  quarterThreshold,
  smicHourly,
  smicHourlyOn,
  socialSecurityCeiling,
} from "./params.ts";
export type {
  Amount,
  PensionDetails,
  PensionInput,
  PensionResult,
  QuarterTotals,
  Situation,
} from "./pension.ts";
export { computePension, computePensionDetails, fullRateSituation } from "./pension.ts";
export type {
  Departure,
  Hypothesis,
  HypothesisProjection,
  ProjectionInput,
  ProjectionResult,
} from "./projection.ts";
export { hypotheses, projectPension } from "./projection.ts";
export type { QuartersForSalary } from "./quarters.ts";
export { quartersForSalary, quartersFromSalary } from "./quarters.ts";
export type { Marriage, SurvivorInput, SurvivorResult } from "./survivor.ts";
export { computeSurvivorPension, survivorResourcesCeiling } from "./survivor.ts";
