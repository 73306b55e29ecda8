export type {
  CareerCheck,
  CareerScheme,
  CareerStatement,
  CareerYear,
  ChildQuartersAward,
  QuarterCounts,
  QuarterKind,
} from "./model.ts";
export type { CareerStatementView } from "./service.ts";
export { careerStatementFor } from "./service.ts";
export { careerOf, childQuartersOf } from "./store.ts";
