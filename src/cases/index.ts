import type { Db } from "../platform/db.ts";
import type { DailyJob } from "../platform/jobs.ts";
import { reportStalledCases } from "./service.ts";

export type {
  CaseActor,
  CaseDetail,
  CaseEvent,
  CaseEventKind,
  CaseState,
  CaseSummary,
  CaseTransition,
  InitialTarget,
  ProcedureCode,
  ProcessingTarget,
  ProofRequest,
  PublicStep,
  PublicStepKey,
  PublicTracking,
  RemainingTime,
  TimelineEntry,
} from "./model.ts";
export {
  AT_RISK_WORKING_DAYS,
  CASE_STATES,
  CaseError,
  CaseTransitionError,
  CLOSED_STATES,
  canMove,
  isOpen,
  PROCEDURE_CODES,
  PROCEDURE_LABELS,
  PROCESSING_TARGETS,
  PUBLIC_STEPS,
  publicStepsOf,
  REFERENCE_PATTERN,
  STATE_LABELS,
  TRANSITIONS,
} from "./model.ts";
export { ownCaseResource } from "./resource.ts";
export type { MailLink, OpenCaseInput } from "./service.ts";
export {
  answerProofRequest,
  assignCase,
  caseOf,
  caseOfReference,
  casePath,
  caseQueue,
  casesOf,
  markRead,
  moveCase,
  openCase,
  openProofRequestsOf,
  postMessage,
  recordDecision,
  recordFirstPayment,
  reportStalledCases,
  requestProof,
} from "./service.ts";

/** The daily stall watch, for the job scheduler. */
export function stalledCasesJob(db: Db, publicUrl: string): DailyJob {
  return { name: "cases.stalled", hour: 6, run: (now) => reportStalledCases(db, now, publicUrl) };
}
