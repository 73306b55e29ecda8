/**
 * Survivor pension (pension de réversion): 54 % of the deceased's base pension, from 55, for a survivor
 * whose own resources stay under a ceiling; the amount is reduced so resources plus pension fit under it,
 * and former spouses share it in proportion to the length of each marriage (art. L353-3 CSS).
 */

import type { CalendarDate } from "./dates.ts";
import { ageAt, frenchDate } from "./dates.ts";
import type { ExplanationStep } from "./explanation.ts";
import { euros, number, percent, roundCents } from "./explanation.ts";
import {
  smicHourly,
  survivorCeilingSmicHours,
  survivorCoupleFactor,
  survivorMinimumAgeOn,
  survivorRateOn,
  survivorReference,
} from "./params.ts";
import type { Amount } from "./pension.ts";

export interface Marriage {
  readonly name: string;
  readonly months: number;
}

export interface SurvivorInput {
  readonly date: CalendarDate;
  readonly survivorBirthDate: CalendarDate;
  readonly deceasedPensionAnnual: number;
  readonly survivorResourcesAnnual: number;
  readonly couple?: boolean;
  /** Every marriage of the deceased; the first one is the person asking. */
  readonly marriages?: readonly Marriage[];
}

export interface SurvivorResult extends Amount {
  readonly eligible: boolean;
  readonly beforeCeilingAnnual: number;
  readonly shares?: { readonly name: string; readonly monthly: number }[];
  readonly explanation: ExplanationStep[];
}

export function survivorResourcesCeiling(date: CalendarDate, couple: boolean): number {
  const single = survivorCeilingSmicHours * smicHourly(date.year);
  return couple ? single * survivorCoupleFactor : single;
}

export function computeSurvivorPension(input: SurvivorInput): SurvivorResult {
  const { date } = input;
  const couple = input.couple === true;
  const rate = survivorRateOn(date);
  const minimumAge = survivorMinimumAgeOn(date);
  const age = ageAt(input.survivorBirthDate, date);
  const full = input.deceasedPensionAnnual * rate;
  const marriages = input.marriages ?? [];
  const totalMonths = marriages.reduce((sum, m) => sum + m.months, 0);
  const shareOf = (m: Marriage) => (totalMonths > 0 ? m.months / totalMonths : 1);
  const claimantShare = marriages[0] ? shareOf(marriages[0]) : 1;
  const beforeCeiling = full * claimantShare;
  const ceiling = survivorResourcesCeiling(date, couple);
  const explanation: ExplanationStep[] = [
    {
      rule: "survivorPension",
      reference: survivorReference,
      text: `La pension de réversion est égale à ${percent(rate)} de la retraite de base du défunt (${euros(input.deceasedPensionAnnual)} par an), soit ${euros(full)} par an.`,
    },
  ];
  if (marriages.length > 1) {
    explanation.push({
      rule: "survivorPensionSharing",
      reference: "Art. L353-3 CSS",
      text: `Elle est partagée entre les conjoints successifs selon la durée de chaque mariage : ${marriages.map((m) => `${m.name} ${number(m.months)} mois`).join(", ")} ; votre part est de ${percent(Math.round(claimantShare * 10000) / 10000)}, soit ${euros(beforeCeiling)} par an.`,
    });
  }
  const shares =
    marriages.length > 0
      ? marriages.map((m) => ({ name: m.name, monthly: roundCents((full * shareOf(m)) / 12) }))
      : undefined;

  const outcome = (eligible: boolean, annual: number): SurvivorResult => ({
    eligible,
    beforeCeilingAnnual: roundCents(beforeCeiling),
    annual: roundCents(annual),
    monthly: roundCents(annual / 12),
    ...(shares ? { shares } : {}),
    explanation,
  });
  const ageText = `Vous avez ${age.years} ans le ${frenchDate(date)}`;
  if (age.years < minimumAge) {
    explanation.push({
      rule: "survivorPensionAge",
      reference: "Art. R353-1 CSS",
      text: `${ageText} : la réversion n'est possible qu'à partir de ${minimumAge} ans.`,
    });
    return outcome(false, 0);
  }
  const household = couple ? "un couple" : "une personne seule";
  if (input.survivorResourcesAnnual >= ceiling) {
    explanation.push({
      rule: "survivorPensionResources",
      reference: "Art. D353-1 CSS",
      text: `${ageText}, mais vos ressources (${euros(input.survivorResourcesAnnual)} par an) atteignent le plafond de ${euros(ceiling)} pour ${household} (${survivorCeilingSmicHours} heures de SMIC) : pas de réversion.`,
    });
    return outcome(false, 0);
  }
  const annual = Math.min(beforeCeiling, ceiling - input.survivorResourcesAnnual);
  explanation.push({
    rule: "survivorPensionResources",
    reference: "Art. D353-1 CSS",
    text:
      annual < beforeCeiling
        ? `Vos ressources (${euros(input.survivorResourcesAnnual)} par an) plus la réversion dépasseraient le plafond de ${euros(ceiling)} pour ${household} : la réversion est réduite à ${euros(annual)} par an.`
        : `Vos ressources (${euros(input.survivorResourcesAnnual)} par an) plus la réversion restent sous le plafond de ${euros(ceiling)} pour ${household} : la réversion est versée en entier.`,
  });
  return outcome(true, annual);
}
