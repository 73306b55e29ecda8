/**
 * ASPA (allocation de solidarité aux personnes âgées): a differential allowance that tops the household's
 * resources up to the maximum amount, for a single person or a couple.
 */
import type { CalendarDate } from "./dates.ts";
import { ageAt, compareDates, frenchDate } from "./dates.ts";
import { RulesError } from "./errors.ts";
import type { ExplanationStep } from "./explanation.ts";
import { euros, roundCents } from "./explanation.ts";
import { aspaFirstDate, aspaMinimumAge, aspaMinimumAgeIncapacity, aspaOn, aspaReference } from "./params.ts";

export type Household = "single" | "couple";

export interface AspaInput {
  readonly date: CalendarDate;
  readonly household: Household;
  /** Monthly resources of the household (the couple's together), the allowance itself excluded. */
  readonly resourcesMonthly: number;
  readonly birthDate?: CalendarDate;
  readonly incapacity?: boolean;
  /** For a couple, how many members meet the conditions (both when absent). */
  readonly eligibleMembers?: 1 | 2;
}

export interface AspaResult {
  readonly eligible: boolean;
  readonly monthly: number;
  readonly explanation: ExplanationStep[];
}

export function computeAspa(input: AspaInput): AspaResult {
  const row = aspaOn(input.date);
  if (!row || compareDates(input.date, aspaFirstDate) < 0) {
    throw new RulesError(
      "date_non_couverte",
      `Le calcul de l'ASPA couvre les dates à partir du ${frenchDate(aspaFirstDate)}.`,
    );
  }
  const couple = input.household === "couple";
  // A couple with one eligible member: the couple's resources count, but the allowance is capped at the
  // single maximum (service-public.fr F16871).
  const oneOfCouple = couple && input.eligibleMembers === 1;
  const monthlyOf = (annual: number) => Math.floor(annual * (100 / 12)) / 100;
  // The monthly maximum is the yearly amount divided by 12, truncated to the cent (as published).
  const maximumMonthly = monthlyOf(couple ? row.coupleAnnual : row.singleAnnual);
  const capMonthly = oneOfCouple ? monthlyOf(row.singleAnnual) : maximumMonthly;
  const who = couple ? "un couple" : "une personne seule";
  const explanation: ExplanationStep[] = [];
  if (input.birthDate) {
    const age = ageAt(input.birthDate, input.date).years;
    const minimum = input.incapacity ? aspaMinimumAgeIncapacity : aspaMinimumAge;
    if (age < minimum) {
      explanation.push({
        rule: "aspaAge",
        reference: "Art. L815-1 CSS",
        text: `L'ASPA est versée à partir de ${minimum} ans ; vous avez ${age} ans le ${frenchDate(input.date)}.`,
      });
      return { eligible: false, monthly: 0, explanation };
    }
  }
  const monthly = Math.min(capMonthly, Math.max(0, maximumMonthly - input.resourcesMonthly));
  const eligible = monthly > 0;
  if (oneOfCouple) {
    explanation.push({
      rule: "aspaOneOfCouple",
      reference: aspaReference,
      text: `Un seul membre du couple remplit les conditions : les ressources du couple sont comparées au plafond du couple, mais l'ASPA versée ne peut dépasser le montant pour une personne seule (${euros(capMonthly)} par mois).`,
    });
  }
  explanation.push({
    rule: "aspa",
    reference: aspaReference,
    text: eligible
      ? `Pour ${who}, l'ASPA complète les ressources jusqu'à ${euros(maximumMonthly)} par mois : avec ${euros(input.resourcesMonthly)} de ressources, elle est de ${euros(monthly)} par mois.`
      : `Pour ${who}, le plafond est de ${euros(maximumMonthly)} par mois : avec ${euros(input.resourcesMonthly)} de ressources, l'ASPA n'est pas due.`,
  });
  return { eligible, monthly: roundCents(monthly), explanation };
}
