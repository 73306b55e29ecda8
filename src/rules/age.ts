import type { Age, CalendarDate } from "./dates.ts";
import { compareDates, dateAtAge, firstStartDateAtAge, frenchAge, frenchDate } from "./dates.ts";
import { RulesError } from "./errors.ts";
import type { ExplanationStep } from "./explanation.ts";
import type { GenerationRow, Regime } from "./params.ts";
import { firstCoveredBirthDate, firstCoveredStartDate, generationOf, regimeOn, regimes } from "./params.ts";

export interface LegalAgeResult {
  readonly generation: GenerationRow;
  readonly regime: Regime;
  readonly legalAge: Age;
  /** The day the legal age is reached. */
  readonly legalAgeDate: CalendarDate;
  /** First possible start date at the legal age (always the first day of a month). */
  readonly legalAgeStartDate: CalendarDate;
  readonly requiredQuarters: number;
  /** Quarters used as the pro-rata denominator: the required total except for generations born before 1949. */
  readonly prorataQuarters: number;
  readonly fullRateAge: Age;
  readonly fullRateAgeDate: CalendarDate;
  readonly fullRateAgeStartDate: CalendarDate;
  readonly explanation: ExplanationStep[];
}

function generationFor(birthDate: CalendarDate): GenerationRow {
  const generation = generationOf(birthDate);
  if (!generation) {
    throw new RulesError(
      "generation_non_couverte",
      `Le calcul couvre les assurés nés à partir du ${frenchDate(firstCoveredBirthDate)}.`,
    );
  }
  return generation;
}

/**
 * Without a start date, the law that applies is the one in force when the person could first leave at
 * the legal age it sets: each law is tried in order and kept if that first start date falls in its period.
 */
function regimeForFirstDeparture(birthDate: CalendarDate, generation: GenerationRow): Regime {
  for (let i = 0; i < regimes.length; i++) {
    const regime = regimes[i];
    if (!regime) continue;
    const start = firstStartDateAtAge(birthDate, generation.legalAge[regime.id]);
    const next = regimes[i + 1];
    // Pensions that would start before the first covered law still follow it (generations born 1939-1943).
    if (i === 0 && compareDates(start, regime.from) < 0) return regime;
    if (compareDates(start, regime.from) >= 0 && (!next || compareDates(start, next.from) < 0)) return regime;
  }
  const latest = regimes[regimes.length - 1];
  if (!latest) throw new Error("Aucune loi dans generations.json");
  return latest;
}

export function legalAgeFor(birthDate: CalendarDate, startDate?: CalendarDate): LegalAgeResult {
  const generation = generationFor(birthDate);
  if (startDate && compareDates(startDate, firstCoveredStartDate) < 0) {
    throw new RulesError(
      "date_depart_non_couverte",
      `Le calcul couvre les pensions prenant effet à partir du ${frenchDate(firstCoveredStartDate)}.`,
    );
  }
  const regime = startDate ? regimeOn(startDate) : regimeForFirstDeparture(birthDate, generation);
  const legalAge = generation.legalAge[regime.id];
  const requiredQuarters = generation.requiredQuarters[regime.id];
  const legalAgeDate = dateAtAge(birthDate, legalAge);
  const fullRateAgeDate = dateAtAge(birthDate, generation.fullRateAge);
  const when = startDate
    ? `pour une retraite qui commence le ${frenchDate(startDate)}`
    : "pour un départ à l'âge légal";
  return {
    generation,
    regime,
    legalAge,
    legalAgeDate,
    legalAgeStartDate: firstStartDateAtAge(birthDate, legalAge),
    requiredQuarters,
    prorataQuarters: generation.prorataQuarters ?? requiredQuarters,
    fullRateAge: generation.fullRateAge,
    fullRateAgeDate,
    fullRateAgeStartDate: firstStartDateAtAge(birthDate, generation.fullRateAge),
    explanation: [
      {
        rule: "legalAge",
        reference: regime.reference,
        text: `Né(e) le ${frenchDate(birthDate)}, ${when}, votre âge légal de départ est ${frenchAge(legalAge)} (atteint le ${frenchDate(legalAgeDate)}), selon la ${regime.label}.`,
      },
      {
        rule: "requiredQuarters",
        reference: regime.reference,
        text: `Pour votre génération, il faut ${requiredQuarters} trimestres, tous régimes confondus, pour avoir le taux plein avant ${frenchAge(generation.fullRateAge)}.`,
      },
      {
        rule: "fullRateAge",
        reference: "Art. L351-8 CSS",
        text: `À ${frenchAge(generation.fullRateAge)} (le ${frenchDate(fullRateAgeDate)}), vous avez le taux plein quel que soit votre nombre de trimestres.`,
      },
    ],
  };
}
