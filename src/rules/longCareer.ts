/**
 * Early retirement for long careers (art. L351-1-1 and D351-1-1 CSS, 2023 version): people who started
 * work young may leave before the legal age if they have contributed the whole required duration.
 */
import type { LegalAgeResult } from "./age.ts";
import type { CareerCounts, YearCounts } from "./career.ts";
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

export interface ActivityStart {
  /** The youngest step whose start condition is met, if any. */
  readonly step: LongCareerStep | undefined;
  readonly bornInLastQuarter: boolean;
  /** Quarters of insurance by the end of the year of the step's birthday, and within that year. */
  readonly byEndOfYear: number;
  readonly inYear: number;
  readonly text: string;
}

/**
 * Art. D351-1-3 CSS: a person « started before » age A if they have « une durée d'assurance d'au moins cinq
 * trimestres à la fin de l'année au cours de laquelle est survenu » their A-th birthday, or, born in the fourth
 * civil quarter, « d'au moins quatre trimestres au titre de l'année » of that birthday. The decree says
 * « durée d'assurance », not the « durée d'assurance ayant donné lieu à cotisations » of D351-1-1: by R351-3
 * that is every quarter validated, contributed or assimilated (unemployment, sickness, maternity, military
 * service), all schemes, four a year at most. Child quarters belong to no civil year, so they cannot count
 * « à la fin de l'année ».
 */
export function activityStart(birthDate: CalendarDate, years: readonly YearCounts[]): ActivityStart {
  const bornInLastQuarter = birthDate.month >= 10;
  let byEndOfYear = 0;
  let inYear = 0;
  for (const candidate of longCareer.steps) {
    const birthdayYear = birthDate.year + candidate.startedBeforeAge;
    byEndOfYear = 0;
    inYear = 0;
    for (const year of years) {
      if (year.year <= birthdayYear) byEndOfYear += year.allSchemes;
      if (year.year === birthdayYear) inYear = year.allSchemes;
    }
    const cumulative = byEndOfYear >= longCareer.startQuarters;
    const lastQuarterRule = bornInLastQuarter && inYear >= longCareer.startQuartersBornInLastQuarter;
    if (cumulative || lastQuarterRule) {
      const text = cumulative
        ? `Vous avez validé ${quartersText(byEndOfYear)} (cotisés ou assimilés, tous régimes) à la fin de l'année de vos ${candidate.startedBeforeAge} ans, au moins ${longCareer.startQuarters} : vous êtes considéré(e) comme ayant commencé à travailler avant ${candidate.startedBeforeAge} ans.`
        : `Né(e) au dernier trimestre de l'année, vous avez validé ${quartersText(inYear)} au titre de l'année de vos ${candidate.startedBeforeAge} ans, au moins ${longCareer.startQuartersBornInLastQuarter} : vous êtes considéré(e) comme ayant commencé à travailler avant ${candidate.startedBeforeAge} ans.`;
      return { step: candidate, bornInLastQuarter, byEndOfYear, inYear, text };
    }
  }
  return { step: undefined, bornInLastQuarter, byEndOfYear, inYear, text: "" };
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
  const start = activityStart(birthDate, counts.years);
  const step = start.step;
  if (!step) {
    return notEligible(
      `Pour partir avant l'âge légal au titre d'une carrière longue, il faut avoir validé, trimestres cotisés et assimilés compris, ${quartersText(longCareer.startQuarters)} à la fin de l'année de ses 21 ans au plus tard${start.bornInLastQuarter ? ` (ou, né au dernier trimestre, ${quartersText(longCareer.startQuartersBornInLastQuarter)} dans l'année même de ses 21 ans)` : ""} ; ce n'est pas votre cas.`,
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
        text: `${start.text} Le départ anticipé est possible dès ${frenchAge(earliestAge)} (le ${frenchDate(earliestStartDate)}) si toute la durée requise est cotisée ; ${durationText}.`,
      },
    ],
  };
}
