/**
 * The facts a case worker's calculation needs, read from the answers of a submitted survivor pension or
 * ASPA claim (the answer keys are the procedure definitions'). Pure: what is missing or unreadable is
 * named, in the words of the question, so the case page can say what the engine lacks.
 */
import { aspa } from "./definitions/aspa.ts";
import { survivorPension } from "./definitions/survivorPension.ts";
import {
  type Answers,
  type GroupRow,
  type ProcedureDefinition,
  parseAmount,
  parseFrenchDate,
  textAnswer,
} from "./model.ts";

export interface PreviousMarriage {
  readonly name: string;
  /** "YYYY-MM-DD" */
  readonly from: string;
  readonly until: string;
}

export interface SurvivorClaimFacts {
  readonly deceasedName: string;
  /** "YYYY-MM-DD", undefined when not given. */
  readonly deceasedBirthDate: string | undefined;
  /** As typed, spaces removed; null when the person did not know it. */
  readonly deceasedNir: string | null;
  readonly deathDate: string | undefined;
  readonly marriageDate: string | undefined;
  readonly previousMarriages: readonly PreviousMarriage[];
  readonly couple: boolean;
  /** The household's monthly resources (the person's, plus the new partner's when living as a couple). */
  readonly resourcesMonthly: number | undefined;
  /** The questions whose answer is missing or unreadable, by their label. */
  readonly missing: readonly string[];
}

export interface AspaClaimFacts {
  readonly household: "single" | "couple" | undefined;
  /** Pensions and other income of the household, per month. */
  readonly resourcesMonthly: number | undefined;
  readonly missing: readonly string[];
}

function labelOf(procedure: ProcedureDefinition, id: string): string {
  for (const step of procedure.steps)
    for (const question of step.questions) if (question.id === id) return question.label;
  return id;
}

function rowsOf(answers: Answers, id: string): readonly GroupRow[] {
  const value = answers[id];
  return Array.isArray(value) ? value : [];
}

export function survivorClaimFacts(answers: Answers): SurvivorClaimFacts {
  const missing: string[] = [];
  const date = (id: string) => {
    const parsed = parseFrenchDate(textAnswer(answers, id));
    if (!parsed) missing.push(labelOf(survivorPension, id));
    return parsed;
  };
  const amount = (id: string) => {
    const parsed = parseAmount(textAnswer(answers, id));
    if (parsed === undefined) missing.push(labelOf(survivorPension, id));
    return parsed;
  };
  const deceasedBirthDate = date("deceasedBirthDate");
  const deathDate = date("deathDate");
  const marriageDate = date("marriageDate");
  const couple = textAnswer(answers, "livingAsCouple") === "oui";
  const own = amount("resourcesMonthly");
  const partner = couple ? amount("partnerResourcesMonthly") : 0;
  const previousMarriages =
    textAnswer(answers, "previousMarriages") === "oui"
      ? rowsOf(answers, "previousSpouses").flatMap((row) => {
          const from = parseFrenchDate(row.from ?? "");
          const until = parseFrenchDate(row.until ?? "");
          if (!from || !until) {
            missing.push(`${labelOf(survivorPension, "previousSpouses")} : dates de ${row.name ?? ""}`);
            return [];
          }
          return [{ name: (row.name ?? "").trim(), from, until }];
        })
      : [];
  const nir = textAnswer(answers, "deceasedNir").replace(/[\s.\-_]/g, "");
  return {
    deceasedName: textAnswer(answers, "deceasedName"),
    deceasedBirthDate,
    deceasedNir: nir === "" ? null : nir.toUpperCase(),
    deathDate,
    marriageDate,
    previousMarriages,
    couple,
    resourcesMonthly: own === undefined || partner === undefined ? undefined : own + partner,
    missing,
  };
}

export function aspaClaimFacts(answers: Answers): AspaClaimFacts {
  const missing: string[] = [];
  const household = textAnswer(answers, "household");
  if (household !== "single" && household !== "couple") missing.push(labelOf(aspa, "household"));
  const amounts = ["pensionsMonthly", "otherIncomeMonthly"].map((id) => {
    const parsed = parseAmount(textAnswer(answers, id));
    if (parsed === undefined) missing.push(labelOf(aspa, id));
    return parsed;
  });
  return {
    household: household === "single" || household === "couple" ? household : undefined,
    resourcesMonthly: amounts.some((a) => a === undefined)
      ? undefined
      : amounts.reduce((sum: number, a) => sum + (a ?? 0), 0),
    missing,
  };
}
