/**
 * Early retirement for long careers (art. L351-1-1 and D351-1-1 CSS, 2023 version): people who started
 * work young may leave before the legal age if they have contributed the whole required duration.
 */
import type { LegalAgeResult } from "./age.ts";
import type { CareerCounts } from "./career.ts";
import type { Age, CalendarDate } from "./dates.ts";
import {
  ageFromMonths,
  ageInMonths,
  compareDates,
  firstStartDateAtAge,
  frenchAge,
  frenchDate,
} from "./dates.ts";
import type { ExplanationStep } from "./explanation.ts";
import { quartersText } from "./explanation.ts";
import type { LongCareerStep } from "./params.ts";
import { longCareer } from "./params.ts";

export interface LongCareerResult {
  readonly eligible: boolean;
  readonly startedBeforeAge: number | null;
  readonly earliestAge: Age | null;
  readonly earliestStartDate: CalendarDate | null;
  readonly contributedQuarters: number;
  readonly requiredQuarters: number;
  readonly explanation: ExplanationStep[];
}

function stepAge(step: LongCareerStep, birthDate: CalendarDate, legalAge: Age): Age {
  for (const adaptation of step.byBirth) {
    if (compareDates(birthDate, adaptation.bornFrom) < 0 || compareDates(birthDate, adaptation.bornTo) > 0)
      continue;
    if (adaptation.earliestAge) return adaptation.earliestAge;
    if (adaptation.legalAgeMinus) {
      return ageFromMonths(ageInMonths(legalAge) - ageInMonths(adaptation.legalAgeMinus));
    }
  }
  return step.earliestAge;
}

/** Contributed quarters plus the credited ones the decree deems contributed, within their caps. */
function longCareerContributedQuarters(
  counts: CareerCounts,
  childQuarters: number,
  startDate: CalendarDate,
): number {
  const caps = longCareer.deemedContributedCaps;
  let deemed = 0;
  let military = 0;
  let sickness = 0;
  let unemployment = 0;
  for (const year of counts.years) {
    military += year.military;
    sickness += year.sickness;
    unemployment += year.unemployment;
    deemed += year.maternity;
  }
  deemed += Math.min(military, caps.military) + Math.min(sickness, caps.sickness);
  deemed += Math.min(unemployment, caps.unemployment);
  const children =
    compareDates(startDate, longCareer.childQuartersAsContributed.from) >= 0
      ? Math.min(childQuarters, longCareer.childQuartersAsContributed.max)
      : 0;
  return counts.contributed + Math.min(deemed, counts.credited) + children;
}

export function longCareerEligibility(
  birthDate: CalendarDate,
  startDate: CalendarDate,
  counts: CareerCounts,
  childQuarters: number,
  legal: LegalAgeResult,
): LongCareerResult {
  const required = legal.requiredQuarters;
  const contributed = longCareerContributedQuarters(counts, childQuarters, startDate);
  const reference = longCareer.reference;
  const notEligible = (text: string): LongCareerResult => ({
    eligible: false,
    startedBeforeAge: null,
    earliestAge: null,
    earliestStartDate: null,
    contributedQuarters: contributed,
    requiredQuarters: required,
    explanation: [{ rule: "longCareerEarlyRetirement", reference, text }],
  });
  if (compareDates(startDate, longCareer.from) < 0) {
    return notEligible(
      `Le départ anticipé pour carrière longue n'est calculé que pour les retraites prenant effet à partir du ${frenchDate(longCareer.from)}.`,
    );
  }
  const startQuarters =
    birthDate.month >= 10 ? longCareer.startQuartersBornInLastQuarter : longCareer.startQuarters;
  let step: LongCareerStep | undefined;
  for (const candidate of longCareer.steps) {
    let early = 0;
    for (const year of counts.years) {
      if (year.year <= birthDate.year + candidate.startedBeforeAge) early += year.contributed;
    }
    if (early >= startQuarters) {
      step = candidate;
      break;
    }
  }
  if (!step) {
    return notEligible(
      `Pour partir avant l'âge légal au titre d'une carrière longue, il faut avoir cotisé ${quartersText(startQuarters)} avant la fin de l'année de ses 21 ans au plus tard ; ce n'est pas votre cas.`,
    );
  }
  const earliestAge = stepAge(step, birthDate, legal.legalAge);
  const earliestStartDate = firstStartDateAtAge(birthDate, earliestAge);
  const enough = contributed >= required;
  const eligible = enough && compareDates(startDate, earliestStartDate) >= 0;
  const durationText = enough
    ? `vous avez ${quartersText(contributed)} cotisés pour ${required} exigés`
    : `il vous manque ${quartersText(required - contributed)} cotisés (${contributed} sur ${required} exigés)`;
  return {
    eligible,
    startedBeforeAge: step.startedBeforeAge,
    earliestAge,
    earliestStartDate,
    contributedQuarters: contributed,
    requiredQuarters: required,
    explanation: [
      {
        rule: "longCareerEarlyRetirement",
        reference,
        text: `Vous avez commencé à travailler avant ${step.startedBeforeAge} ans : le départ anticipé est possible dès ${frenchAge(earliestAge)} (le ${frenchDate(earliestStartDate)}) si toute la durée requise est cotisée ; ${durationText}.`,
      },
    ],
  };
}
