/**
 * Early retirement for health reasons, both at the full rate whatever the duration:
 * - disabled workers (art. L351-1-3, D351-1-5, D351-1-6): from 55, with enough quarters contributed while
 *   the person had a permanent disability rate of at least 50 % (or, before 2016, the RQTH);
 * - permanent incapacity of occupational origin (art. L351-1-4, D351-1-9): at 60 with a rate of at least
 *   20 %, or, with 10 % to 20 % and a recognised exposure to occupational risk factors, at 60 before
 *   September 2023 and two years before the legal age since.
 */
import { legalAgeFor } from "./age.ts";
import type { Age, CalendarDate } from "./dates.ts";
import {
  ageFromMonths,
  ageInMonths,
  compareDates,
  firstStartDateAtAge,
  formatDate,
  frenchAge,
  frenchDate,
} from "./dates.ts";
import type { ExplanationStep } from "./explanation.ts";
import { quartersText } from "./explanation.ts";
import { disabledWorker, disabledWorkerBaseQuarters, permanentIncapacity } from "./params.ts";

export interface DisabledWorkerInput {
  /** Quarters contributed (all schemes) while the disability rate was at least 50 %. */
  readonly contributedQuarters: number;
  /** Total quarters of insurance over the same periods: only required for pensions before September 2023. */
  readonly insuredQuarters?: number;
}

export interface PermanentIncapacityInput {
  /** Permanent incapacity rate in percent (art. L434-2). */
  readonly rate: number;
  /** Recognised as an occupational disease, or a work accident with lesions identical to one. */
  readonly occupational: boolean;
  /** For a rate of 10 % to 20 %: exposure to occupational risk factors and its link with the incapacity recognised. */
  readonly exposureRecognised?: boolean;
}

export interface DisabledWorkerRequirement {
  readonly age: Age;
  readonly startDate: string;
  readonly contributedQuarters: number;
  /** Only for pensions before 1 September 2023. */
  readonly insuredQuarters: number | null;
}

export interface EarlyRetirementResult {
  readonly eligible: boolean;
  readonly earliestAge: Age | null;
  readonly earliestStartDate: string | null;
  readonly explanation: ExplanationStep[];
}

export interface DisabledWorkerResult extends EarlyRetirementResult {
  /** What each age from 55 to the legal age asks for. */
  readonly requirements: readonly DisabledWorkerRequirement[];
}

function requirementAt(
  birthDate: CalendarDate,
  base: number,
  years: number,
): DisabledWorkerRequirement | undefined {
  const rows = disabledWorker.reductions;
  const row =
    rows.find((r) => r.age === years) ?? (years > (rows.at(-1)?.age ?? 0) ? rows.at(-1) : undefined);
  if (!row) return undefined;
  const age = { years, months: 0 };
  const start = firstStartDateAtAge(birthDate, age);
  const contributedOnly = compareDates(start, disabledWorker.contributedOnlyFrom) >= 0;
  return {
    age,
    startDate: formatDate(start),
    contributedQuarters: base - row.contributed,
    insuredQuarters: contributedOnly ? null : base - row.insured,
  };
}

/** Art. L351-1-3: the earliest age, from 55 and before the legal age, whose quarters the person has. */
export function disabledWorkerRetirement(
  birthDate: CalendarDate,
  input: DisabledWorkerInput,
): DisabledWorkerResult {
  const reference = disabledWorker.reference;
  const base = disabledWorkerBaseQuarters(birthDate);
  const none = (text: string, requirements: DisabledWorkerRequirement[] = []): DisabledWorkerResult => ({
    eligible: false,
    earliestAge: null,
    earliestStartDate: null,
    requirements,
    explanation: [{ rule: "disabledWorkerEarlyRetirement", reference, text }],
  });
  if (base === undefined) {
    return none(
      "Le départ anticipé des travailleurs handicapés n'est calculé que pour les assurés nés à partir de 1955.",
    );
  }
  const requirements: DisabledWorkerRequirement[] = [];
  for (let years = disabledWorker.firstAge; ; years++) {
    const requirement = requirementAt(birthDate, base, years);
    if (!requirement) break;
    const legal = legalAgeFor(birthDate, firstStartDateAtAge(birthDate, requirement.age));
    if (ageInMonths(requirement.age) >= ageInMonths(legal.legalAge)) break;
    requirements.push(requirement);
  }
  const met = requirements.find(
    (r) =>
      input.contributedQuarters >= r.contributedQuarters &&
      (r.insuredQuarters === null || (input.insuredQuarters ?? 0) >= r.insuredQuarters),
  );
  const condition = `${quartersText(input.contributedQuarters)} cotisés avec un taux d'incapacité d'au moins ${disabledWorker.minimumDisabilityRate} %`;
  if (!met) {
    const last = requirements.at(-1);
    return none(
      last
        ? `Avec ${condition}, le départ anticipé pour handicap n'est pas ouvert : il faut au moins ${quartersText(last.contributedQuarters)} cotisés dans cette situation pour partir à ${frenchAge(last.age)}.`
        : "L'âge légal est atteint avant 55 ans révolus : le départ anticipé pour handicap ne s'applique pas.",
      requirements,
    );
  }
  const start = firstStartDateAtAge(birthDate, met.age);
  const insured =
    met.insuredQuarters !== null
      ? ` et ${quartersText(met.insuredQuarters)} d'assurance au total dans cette situation (exigés pour une retraite antérieure au 1er septembre 2023)`
      : "";
  return {
    eligible: true,
    earliestAge: met.age,
    earliestStartDate: met.startDate,
    requirements,
    explanation: [
      {
        rule: "disabledWorkerEarlyRetirement",
        reference,
        text: `Avec ${condition}, vous pouvez partir dès ${frenchAge(met.age)} (le ${frenchDate(start)}) au taux plein : il en faut ${quartersText(met.contributedQuarters)} pour partir à cet âge${insured}.`,
      },
    ],
  };
}

/** Art. L351-1-4: the age from which a permanent incapacity of occupational origin opens the full rate. */
export function permanentIncapacityRetirement(
  birthDate: CalendarDate,
  input: PermanentIncapacityInput,
): EarlyRetirementResult {
  const reference = permanentIncapacity.reference;
  const none = (text: string): EarlyRetirementResult => ({
    eligible: false,
    earliestAge: null,
    earliestStartDate: null,
    explanation: [{ rule: "permanentIncapacityRetirement", reference, text }],
  });
  if (!input.occupational) {
    return none(
      "La retraite pour incapacité permanente suppose une incapacité reconnue au titre d'une maladie professionnelle, ou d'un accident du travail ayant entraîné des lésions identiques à celles d'une maladie professionnelle.",
    );
  }
  if (input.rate < permanentIncapacity.minimumRate) {
    return none(
      `Votre taux d'incapacité permanente (${input.rate} %) est inférieur à ${permanentIncapacity.minimumRate} % : la retraite pour incapacité permanente n'est pas ouverte.`,
    );
  }
  let age: Age;
  let why: string;
  if (input.rate >= permanentIncapacity.higherRate) {
    age = permanentIncapacity.ageHigherRate;
    why = `votre taux d'incapacité permanente est d'au moins ${permanentIncapacity.higherRate} % (${input.rate} %)`;
  } else {
    if (!input.exposureRecognised) {
      return none(
        `Avec un taux d'incapacité permanente entre ${permanentIncapacity.minimumRate} % et ${permanentIncapacity.higherRate} %, le départ anticipé suppose que votre exposition à des facteurs de risques professionnels et son lien avec l'incapacité soient reconnus (par la commission pluridisciplinaire, ou présumés pour une maladie professionnelle consécutive à ces facteurs).`,
      );
    }
    age = lowerRateAge(birthDate);
    why = `votre taux d'incapacité permanente est de ${input.rate} % et votre exposition à des facteurs de risques professionnels est reconnue`;
  }
  const start = firstStartDateAtAge(birthDate, age);
  if (compareDates(start, permanentIncapacity.from) < 0) {
    return none(
      `La retraite pour incapacité permanente ne s'applique qu'aux pensions prenant effet à partir du ${frenchDate(permanentIncapacity.from)}.`,
    );
  }
  return {
    eligible: true,
    earliestAge: age,
    earliestStartDate: formatDate(start),
    explanation: [
      {
        rule: "permanentIncapacityRetirement",
        reference,
        text: `Comme ${why}, vous pouvez partir dès ${frenchAge(age)} (le ${frenchDate(start)}) au taux plein, quel que soit votre nombre de trimestres.`,
      },
    ],
  };
}

/** 60 for pensions before September 2023; since then, the legal age in force at that departure minus two years. */
function lowerRateAge(birthDate: CalendarDate): Age {
  const minus = ageInMonths(permanentIncapacity.legalAgeMinus);
  let age = ageFromMonths(ageInMonths(legalAgeFor(birthDate).legalAge) - minus);
  // The legal age depends on the law in force at the start date: settle it at the candidate start.
  for (let i = 0; i < 3; i++) {
    const start = firstStartDateAtAge(birthDate, age);
    if (compareDates(start, permanentIncapacity.legalAgeMinusFrom) < 0) {
      return permanentIncapacity.lowerRateBefore2023;
    }
    const next = ageFromMonths(ageInMonths(legalAgeFor(birthDate, start).legalAge) - minus);
    if (ageInMonths(next) === ageInMonths(age)) return age;
    age = next;
  }
  return age;
}

/** Whether the start date is allowed before the legal age by either early retirement, with the reason. */
export function healthEarlyRetirementAt(
  birthDate: CalendarDate,
  startDate: CalendarDate,
  disabled: DisabledWorkerInput | undefined,
  incapacity: PermanentIncapacityInput | undefined,
): EarlyRetirementResult | undefined {
  const candidates = [
    disabled ? disabledWorkerRetirement(birthDate, disabled) : undefined,
    incapacity ? permanentIncapacityRetirement(birthDate, incapacity) : undefined,
  ];
  return candidates.find(
    (c) =>
      c?.eligible &&
      c.earliestStartDate !== null &&
      compareDates(startDate, firstStartDateAtAge(birthDate, c.earliestAge ?? { years: 0, months: 0 })) >= 0,
  );
}
