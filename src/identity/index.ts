export type {
  Insured,
  MandateKind,
  RepresentativeMandate,
  SituationFlags,
} from "./model.ts";
export { ageOn, dateInFrance, displayNameOf, mandateIsActive, newPasswordProblems } from "./model.ts";
export type { NirCheck, NirProblem } from "./nir.ts";
export { checkNir, formatNir, maskNir, nirKey, normalizeNir } from "./nir.ts";
export type { Representation } from "./service.ts";
export { activeRepresentations } from "./service.ts";
export {
  changeAddress,
  insuredBornOn,
  insuredById,
  insuredByIds,
  insuredByNir,
  insuredIdByAccountEmail,
  mandatesHeldBy,
  purgeLoginThrottles,
} from "./store.ts";
