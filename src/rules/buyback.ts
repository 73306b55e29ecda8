/**
 * Buy-back of quarters (versement pour la retraite, art. L351-14-1 CSS): the cost of one quarter depends on
 * the age at the date of the request, the average yearly income of the last three years compared with the
 * year's ceiling (PASS), and the option chosen: the rate only (fewer quarters missing for the reduction) or
 * the rate and the duration (they also count in the pro rata).
 */
import type { CalendarDate } from "./dates.ts";
import { ageAt, frenchDate } from "./dates.ts";
import { RulesError } from "./errors.ts";
import type { ExplanationStep } from "./explanation.ts";
import { euros, percent, quartersText, roundCents } from "./explanation.ts";
import data from "./params/buyback.json" with { type: "json" };
import { socialSecurityCeiling } from "./params.ts";

export type BuybackOption = "rate" | "rateAndDuration";

export interface BuybackInput {
  readonly birthDate: CalendarDate;
  /** Date of the request: it fixes the age and the year's ceiling. */
  readonly date: CalendarDate;
  readonly quarters: number;
  readonly option: BuybackOption;
  /** Average yearly income of the three years before the request. */
  readonly incomeAnnual: number;
}

export interface BuybackResult {
  readonly age: number;
  readonly bracket: "low" | "middle" | "high";
  readonly costPerQuarter: number;
  readonly total: number;
  readonly explanation: ExplanationStep[];
}

const REFERENCE =
  "Art. L351-14-1 et D351-4 à D351-5 CSS ; barème 2013 reconduit (circulaire Cnav du 5 février 2026)";
const OPTION_TEXT: Record<BuybackOption, string> = {
  rate: "au titre du taux seul (le trimestre réduit la décote sans compter dans la durée d'assurance du calcul)",
  rateAndDuration:
    "au titre du taux et de la durée d'assurance (le trimestre compte aussi dans le calcul de la pension)",
};

export const buybackMaximumQuarters: number = data.maximumQuarters;

export function computeBuyback(input: BuybackInput): BuybackResult {
  const age = ageAt(input.birthDate, input.date).years;
  if (age < data.minimumAge || age > data.maximumAge) {
    throw new RulesError(
      "age_hors_limites",
      `Le rachat de trimestres est ouvert de ${data.minimumAge} à ${data.maximumAge} ans à la date de la demande ; au ${frenchDate(input.date)}, vous avez ${age} ans.`,
    );
  }
  if (!Number.isInteger(input.quarters) || input.quarters < 1 || input.quarters > data.maximumQuarters) {
    throw new RulesError(
      "trimestres_hors_limites",
      `Vous pouvez racheter de 1 à ${data.maximumQuarters} trimestres en tout.`,
    );
  }
  const row = data.rows.find((r) => r.age === age);
  if (!row) {
    throw new RulesError(
      "bareme_incomplet",
      `Le barème du rachat n'est pas encore enregistré pour l'âge de ${age} ans : nous ne pouvons pas chiffrer ce rachat ici. Demandez une évaluation à l'Assurance retraite.`,
    );
  }
  const scale = row[input.option];
  const ceiling = socialSecurityCeiling(input.date.year);
  const lowLimit = ceiling * data.lowBracketShareOfCeiling;
  const bracket = input.incomeAnnual <= lowLimit ? "low" : input.incomeAnnual < ceiling ? "middle" : "high";
  const cost =
    bracket === "low"
      ? scale.low
      : bracket === "high"
        ? scale.high
        : roundCents(input.incomeAnnual * scale.middleShare);
  const bracketText =
    bracket === "low"
      ? `inférieur ou égal à ${euros(lowLimit)} (75 % du plafond de la Sécurité sociale ${input.date.year}) : le coût est forfaitaire`
      : bracket === "high"
        ? `supérieur ou égal au plafond de la Sécurité sociale ${input.date.year} (${euros(ceiling)}) : le coût est forfaitaire`
        : `compris entre ${euros(lowLimit)} et ${euros(ceiling)} : le coût est de ${percent(scale.middleShare)} de ce revenu`;
  const total = roundCents(cost * input.quarters);
  return {
    age,
    bracket,
    costPerQuarter: cost,
    total,
    explanation: [
      {
        rule: "buybackCost",
        reference: REFERENCE,
        text: `À ${age} ans, pour un rachat ${OPTION_TEXT[input.option]}, avec un revenu annuel moyen de ${euros(input.incomeAnnual)} ${bracketText} : ${euros(cost)} par trimestre.`,
      },
      {
        rule: "buybackTotal",
        reference: REFERENCE,
        text: `Pour ${quartersText(input.quarters)} : ${euros(total)}. Le coût dépend de l'âge au jour de la demande : il augmente chaque année. Les sommes versées sont déductibles du revenu imposable. Les trimestres rachetés ne comptent pas pour le départ anticipé pour carrière longue.`,
      },
    ],
  };
}
