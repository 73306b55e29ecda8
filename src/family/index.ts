export type { Child, Partnership } from "./model.ts";
export { deceasedSpouse } from "./model.ts";
export { childrenOf, partnershipsOf } from "./store.ts";
