export type { Insured, MandateKind, RepresentativeMandate, SituationFlags } from "./model.ts";
export { ageOn, mandateIsActive } from "./model.ts";
export type { NirCheck, NirProblem } from "./nir.ts";
export { checkNir, nirKey, normalizeNir } from "./nir.ts";
export { insuredById, insuredByNir, insuredIdByAccountEmail, mandatesHeldBy } from "./store.ts";
