import type { ProcedureCode, ProcedureDefinition } from "../model.ts";
import { aspa } from "./aspa.ts";
import { careerCorrection } from "./careerCorrection.ts";
import { retirementClaim } from "./retirementClaim.ts";
import { survivorPension } from "./survivorPension.ts";

export const PROCEDURES: Readonly<Record<ProcedureCode, ProcedureDefinition>> = {
  retirementClaim,
  survivorPension,
  aspa,
  careerCorrection,
};

export function procedureBySlug(slug: string): ProcedureDefinition | undefined {
  return Object.values(PROCEDURES).find((procedure) => procedure.slug === slug);
}

export const PROCEDURES_PATH = "/espace/demarches";

export function procedurePath(procedure: ProcedureDefinition): string {
  return `${PROCEDURES_PATH}/${procedure.slug}`;
}
