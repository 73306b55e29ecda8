/** Online procedures: declarative claims filled in step by step, saved as drafts, submitted as cases. */
export type { AspaClaimFacts, PreviousMarriage, SurvivorClaimFacts } from "./claimFacts.ts";
export { aspaClaimFacts, survivorClaimFacts } from "./claimFacts.ts";
export { PROCEDURES, PROCEDURES_PATH, procedurePath } from "./definitions/index.ts";
export type { AnswerLine } from "./describe.ts";
export { describeAnswers } from "./describe.ts";
export { draftJobs, expiredDraftsSweep, expiryWarningSweep, reminderSweep } from "./lifecycle.ts";
export type { Answers, CatalogueProof, ProcedureCode, ProcedureDefinition, Remaining } from "./model.ts";
export { remainingSummary } from "./model.ts";
export type { DraftOverview } from "./service.ts";
export { draftOverviews } from "./service.ts";
