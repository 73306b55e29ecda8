export type { CareerScheme, CareerYear, ChildQuartersAward } from "./model.ts";
export { careerOf, childQuartersOf } from "./store.ts";
