/**
 * The base pension of the régime général:
 * pension = min(average salary × rate × pro rata, 50 % of the ceiling) × (1 + bonus), raised to the
 * minimum pension when the person has the full rate.
 */
import type { LegalAgeResult } from "./age.ts";
import { legalAgeFor } from "./age.ts";
import { bestYearsCount, computeAverageSalary } from "./averageSalary.ts";
import type { CareerCounts, CareerYear } from "./career.ts";
import { summarizeCareer } from "./career.ts";
import type { CalendarDate } from "./dates.ts";
import { compareDates, dateAtAge, frenchDate, fromMonthIndex, monthIndex } from "./dates.ts";
import type {
  DisabledWorkerInput,
  EarlyRetirementResult,
  PermanentIncapacityInput,
} from "./earlyRetirement.ts";
import { healthEarlyRetirementAt } from "./earlyRetirement.ts";
import { RulesError } from "./errors.ts";
import type { ExplanationStep } from "./explanation.ts";
import { euros, number, percent, quartersText, roundCents } from "./explanation.ts";
import type { LongCareerResult } from "./longCareer.ts";
import { longCareerEligibility } from "./longCareer.ts";
import {
  allPensionsCeilingOn,
  avpfAsContributed,
  bonusAfterMinimum,
  bonusHigherRateAge,
  bonusPeriodOn,
  bonusReference,
  childBonus,
  childQuartersPerChild,
  childQuartersReference,
  fullRate,
  fullRateReference,
  minimumIncreaseQuarters,
  minimumIncreaseReference,
  minimumIncreaseThresholdFrom,
  minimumPensionOn,
  minimumPensionReference,
  otherSchemesProrataReference,
  pensionCapReference,
  pensionCapShare,
  reductionMaxQuarters,
  reductionReference,
  socialSecurityCeiling,
} from "./params.ts";

export interface QuarterTotals {
  readonly general?: number;
  readonly allSchemes?: number;
  readonly contributed?: number;
  readonly afterLegalAge?: number;
  /** Quarters of AVPF or caregiver insurance (art. L381-1, L381-2). */
  readonly avpf?: number;
}

/** What opens the full rate at the legal age whatever the duration (art. L351-8 CSS). */
export interface Situation {
  readonly aah?: boolean;
  readonly inaptitude?: boolean;
  readonly invalidityPension?: boolean;
  /** Permanent disability rate in percent. */
  readonly disabilityRate?: number;
  /** Quarters contributed while disabled: early retirement from 55 (art. L351-1-3). */
  readonly disabledWorker?: DisabledWorkerInput;
  /** Permanent incapacity of occupational origin: early retirement at 60 or legal age − 2 (art. L351-1-4). */
  readonly permanentIncapacity?: PermanentIncapacityInput;
}

export interface PensionInput {
  readonly birthDate: CalendarDate;
  readonly startDate: CalendarDate;
  readonly career?: readonly CareerYear[];
  readonly averageSalary?: number;
  readonly quarters?: QuarterTotals;
  readonly childQuarters?: number;
  readonly children?: number;
  readonly mother?: boolean;
  readonly incapacity?: boolean;
  readonly situation?: Situation;
  readonly otherPensionsMonthly?: number;
}

export interface Amount {
  readonly annual: number;
  readonly monthly: number;
}

export interface PensionResult {
  readonly averageSalary: number;
  readonly quarters: {
    readonly general: number;
    readonly allSchemes: number;
    readonly contributed: number;
    readonly afterLegalAge: number;
  };
  readonly requiredQuarters: number;
  readonly rate: number;
  readonly reductionQuarters: number;
  readonly bonusQuarters: number;
  readonly bonusRate: number;
  readonly prorata: number;
  readonly basePension: Amount;
  readonly minimumPension: Amount & { readonly applies: boolean };
  readonly childBonus: { readonly rate: number; readonly annual: number };
  readonly pension: Amount;
  readonly explanation: ExplanationStep[];
}

function amount(annual: number): Amount {
  const rounded = roundCents(annual);
  return { annual: rounded, monthly: roundCents(annual / 12) };
}

export function childQuartersOf(input: PensionInput): number {
  if (input.childQuarters !== undefined) return input.childQuarters;
  return input.mother && input.children ? input.children * childQuartersPerChild : 0;
}

/** Whole quarters from the start date to the full-rate age, any started quarter counting as whole. */
function quartersToFullRateAge(startDate: CalendarDate, fullRateAgeDate: CalendarDate): number {
  const months =
    monthIndex(fullRateAgeDate) - monthIndex(startDate) + (fullRateAgeDate.day > startDate.day ? 1 : 0);
  return Math.max(0, Math.ceil(months / 3));
}

/** Quarters of reduction: the fewest of those missing to the required total and to the full-rate age, capped. */
export function reductionQuartersFor(
  required: number,
  allSchemes: number,
  quartersToFullRate: number,
): number {
  if (allSchemes >= required) return 0;
  return Math.min(required - allSchemes, quartersToFullRate, reductionMaxQuarters);
}

export interface MinimumPensionAmounts {
  readonly basicAnnual: number;
  readonly increasedAnnual: number;
}

/**
 * Minimum pension before the all-pensions ceiling. Both parts are pro-rated by the general-scheme
 * duration over the reference duration, or, with quarters in other schemes, over the all-scheme duration
 * when that is longer (art. L351-10 al. 1). The increased part follows the contributed quarters: from 1 April 2009 only with at least 120 of
 * them (art. D351-2-2 II), before that pro-rated without threshold (circulaire Cnav 2005/30).
 */
export function minimumPensionBeforeCeiling(
  row: MinimumPensionAmounts,
  general: number,
  contributed: number,
  prorataQuarters: number,
  allSchemes: number,
  threshold: boolean,
): number {
  // Only quarters in other schemes bring the all-scheme pro rata: alone in the general scheme, durations
  // beyond the reference (child quarters, for instance) neither raise nor dilute the minimum.
  const denominator = allSchemes > prorataQuarters && allSchemes > general ? allSchemes : prorataQuarters;
  const basicPart = (row.basicAnnual * Math.min(general, denominator)) / denominator;
  if (threshold && contributed < minimumIncreaseQuarters) return basicPart;
  const increasedShare = Math.min(contributed, general, denominator) / denominator;
  return basicPart + (row.increasedAnnual - row.basicAnnual) * increasedShare;
}

/** The ceiling on all pensions cuts the minimum by the excess, never below the computed pension. */
export function minimumPensionUnderCeiling(
  minimum: number,
  base: number,
  otherPensionsAnnual: number,
  ceilingAnnual: number,
): number {
  const excess = otherPensionsAnnual + minimum - ceilingAnnual;
  return excess > 0 ? Math.max(base, minimum - excess) : minimum;
}

/**
 * Bonus quarters are the last ones worked before the start date; their rate depends on when they were
 * worked (0,75 % from 2004, up to 1,25 % from 2009) and, in 2007-2008, on their rank and the person's age.
 */
export function bonusRateFor(
  bonusQuarters: number,
  birthDate: CalendarDate,
  startDate: CalendarDate,
): number {
  const lastQuarterStart = monthIndex(startDate) - ((startDate.month - 1) % 3) - 3;
  const age65 = dateAtAge(birthDate, bonusHigherRateAge);
  let total = 0;
  for (let k = 0; k < bonusQuarters; k++) {
    const quarterStart = fromMonthIndex(lastQuarterStart - 3 * (bonusQuarters - 1 - k));
    const period = bonusPeriodOn(quarterStart);
    if (!period) continue;
    if (compareDates(quarterStart, age65) >= 0) total += period.rateFromAge65;
    else total += k >= 4 ? period.rateFromFifthQuarter : period.rate;
  }
  return total;
}

interface ResolvedCounts {
  readonly general: number;
  readonly allSchemes: number;
  readonly contributed: number;
  readonly afterLegalAge: number;
  readonly avpf: number;
}

function resolveCounts(input: PensionInput, counts: CareerCounts, childQuarters: number): ResolvedCounts {
  const q = input.quarters ?? {};
  const general = q.general ?? counts.general;
  // Given only the general-scheme total, the person is taken to have no quarters elsewhere.
  const allSchemes =
    q.allSchemes ?? (q.general !== undefined ? Math.max(q.general, counts.allSchemes) : counts.allSchemes);
  const contributed = q.contributed ?? Math.min(counts.contributed, allSchemes);
  const afterLegalAge = q.afterLegalAge ?? Math.min(counts.afterLegalAge, contributed);
  if (allSchemes < general) {
    throw new RulesError(
      "trimestres_incoherents",
      `Les trimestres tous régimes (${allSchemes}) ne peuvent pas être moins nombreux que ceux du régime général (${general}).`,
    );
  }
  if (contributed > allSchemes || afterLegalAge > contributed) {
    throw new RulesError(
      "trimestres_incoherents",
      "Les trimestres cotisés ne peuvent pas dépasser le total des trimestres, ni les trimestres après l'âge légal dépasser les trimestres cotisés.",
    );
  }
  return {
    general: general + childQuarters,
    allSchemes: allSchemes + childQuarters,
    contributed,
    afterLegalAge,
    avpf: Math.min(q.avpf ?? 0, allSchemes - contributed),
  };
}

/** Why the full rate applies at the legal age whatever the duration (art. L351-8 CSS), if it does. */
export function fullRateSituation(input: Pick<PensionInput, "incapacity" | "situation">): string | undefined {
  const s = input.situation ?? {};
  if (input.incapacity || s.inaptitude) return "votre inaptitude au travail est reconnue";
  if (s.invalidityPension) return "votre pension d'invalidité est remplacée par la retraite à l'âge légal";
  if (s.aah) return "vous percevez l'allocation aux adultes handicapés (AAH)";
  if ((s.disabilityRate ?? 0) >= 50)
    return `votre taux d'incapacité permanente est d'au moins 50 % (${s.disabilityRate} %)`;
  const ip = s.permanentIncapacity;
  if (ip?.occupational && ip.rate >= 10 && (ip.rate >= 20 || ip.exposureRecognised))
    return `votre incapacité permanente d'origine professionnelle (${ip.rate} %) ouvre la retraite pour incapacité permanente`;
  return undefined;
}

export interface PensionDetails {
  readonly result: PensionResult;
  readonly legal: LegalAgeResult;
  readonly longCareer: LongCareerResult | null;
  /** Early retirement for disability or permanent incapacity that allows a start before the legal age. */
  readonly healthEarlyRetirement: EarlyRetirementResult | null;
  readonly fullRate: boolean;
}

export function computePensionDetails(input: PensionInput): PensionDetails {
  const { birthDate, startDate } = input;
  if (startDate.day !== 1) {
    throw new RulesError("date_depart_invalide", "La retraite commence toujours le premier jour d'un mois.");
  }
  const legal = legalAgeFor(birthDate, startDate);
  const explanation: ExplanationStep[] = [...legal.explanation];
  const counts = summarizeCareer(input.career ?? [], birthDate, startDate, legal.legalAgeDate);
  const childQuarters = childQuartersOf(input);
  const q = resolveCounts(input, counts, childQuarters);

  let longCareer: LongCareerResult | null = null;
  let health: EarlyRetirementResult | null = null;
  if (compareDates(startDate, legal.legalAgeStartDate) < 0) {
    health =
      healthEarlyRetirementAt(
        birthDate,
        startDate,
        input.situation?.disabledWorker,
        input.situation?.permanentIncapacity,
      ) ?? null;
    if (health) {
      explanation.push(...health.explanation);
    } else {
      longCareer = longCareerEligibility(birthDate, startDate, counts, childQuarters, legal);
      if (!longCareer.eligible) {
        throw new RulesError(
          "depart_avant_age_legal",
          `La retraite ne peut pas commencer le ${frenchDate(startDate)} : l'âge légal n'est atteint que le ${frenchDate(legal.legalAgeDate)} (départ possible le ${frenchDate(legal.legalAgeStartDate)}) et les conditions d'un départ anticipé pour carrière longue ne sont pas remplies.`,
        );
      }
      explanation.push(...longCareer.explanation);
    }
  }

  explanation.push({
    rule: "quarters",
    reference: "Art. L351-1, L351-2, L351-3 et R351-12 CSS",
    text: `Au ${frenchDate(startDate)}, vous avez ${quartersText(q.allSchemes)} tous régimes, dont ${quartersText(q.general)} au régime général et ${quartersText(q.contributed)} cotisés.`,
  });
  if (childQuarters > 0) {
    explanation.push({
      rule: "childQuarters",
      reference: childQuartersReference,
      text: `${quartersText(childQuarters)} sont ajoutés au titre des enfants (majoration de durée d'assurance).`,
    });
  }

  const bestYears = bestYearsCount(
    legal.generation.averageSalaryYears,
    startDate,
    input.mother === true,
    input.children ?? 0,
  );
  let averageSalary: number;
  if (input.averageSalary !== undefined) {
    averageSalary = input.averageSalary;
    explanation.push({
      rule: "averageSalary",
      reference: "Art. R351-29 CSS",
      text: `Le salaire annuel moyen retenu est celui indiqué : ${euros(averageSalary)}.`,
    });
  } else {
    const salaries = counts.years.map((y) => ({ year: y.year, salary: y.generalSalary }));
    const sam = computeAverageSalary(salaries, startDate, bestYears);
    averageSalary = sam.averageSalary;
    explanation.push(...sam.explanation);
  }

  // Rate: full at the full-rate age, for the situations of art. L351-8, or with the whole required duration.
  const required = legal.requiredQuarters;
  const atFullRateAge = compareDates(startDate, legal.fullRateAgeStartDate) >= 0;
  const situationReason =
    compareDates(startDate, legal.legalAgeStartDate) >= 0
      ? fullRateSituation(input)
      : health
        ? "vous partez au titre d'un départ anticipé pour handicap ou incapacité permanente"
        : undefined;
  const reductionQuarters =
    atFullRateAge || situationReason
      ? 0
      : reductionQuartersFor(required, q.allSchemes, quartersToFullRateAge(startDate, legal.fullRateAgeDate));
  const rate = fullRate * (1 - legal.generation.reductionPerQuarter * reductionQuarters);
  const hasFullRate = reductionQuarters === 0;
  let rateText: string;
  if (hasFullRate) {
    const why = atFullRateAge
      ? "vous partez à l'âge du taux plein"
      : (situationReason ?? "vous avez tous les trimestres requis");
    rateText = `Vous avez le taux plein de ${percent(fullRate)} car ${why}.`;
  } else {
    rateText = `Il vous manque ${quartersText(required - q.allSchemes)} pour le taux plein. La décote porte sur ${quartersText(reductionQuarters)} (le plus petit entre les trimestres manquants, les trimestres jusqu'à l'âge du taux plein et ${reductionMaxQuarters}) : ${percent(legal.generation.reductionPerQuarter)} du taux plein par trimestre, soit un taux de ${percent(rate)}.`;
  }
  explanation.push({
    rule: hasFullRate ? "fullRate" : "reduction",
    reference: hasFullRate
      ? situationReason && !atFullRateAge
        ? `${fullRateReference} ; ${health?.explanation[0]?.reference ?? "art. L351-8 CSS"}`
        : fullRateReference
      : reductionReference,
    text: rateText,
  });

  const prorata = Math.min(1, q.general / legal.prorataQuarters);
  explanation.push({
    rule: "prorata",
    reference: "Art. L351-1 CSS",
    text: `Votre durée au régime général (${q.general} trimestres, au plus ${legal.prorataQuarters}) est rapportée à ${legal.prorataQuarters} trimestres : coefficient de ${number(Math.round(prorata * 10000) / 10000)}.`,
  });

  const cap = pensionCapShare * socialSecurityCeiling(startDate.year);
  const raw = averageSalary * rate * prorata;
  const capped = Math.min(raw, cap);
  explanation.push({
    rule: "pensionCap",
    reference: pensionCapReference,
    text:
      raw > cap
        ? `Le montant (${euros(raw)} par an) dépasse le maximum de ${percent(pensionCapShare)} du plafond de la sécurité sociale : il est ramené à ${euros(cap)} par an.`
        : `Salaire annuel moyen × taux × coefficient = ${euros(raw)} par an, sous le maximum de ${euros(cap)} (${percent(pensionCapShare)} du plafond de la sécurité sociale).`,
  });

  let bonusQuarters = 0;
  let bonusRate = 0;
  if (compareDates(startDate, legal.legalAgeStartDate) >= 0 && q.allSchemes > required) {
    bonusQuarters = Math.min(q.afterLegalAge, q.allSchemes - required);
    bonusRate = bonusRateFor(bonusQuarters, birthDate, startDate);
  }
  if (bonusQuarters > 0) {
    explanation.push({
      rule: "bonus",
      reference: bonusReference,
      text: `${quartersText(bonusQuarters)} cotisés après l'âge légal et au-delà de la durée requise donnent une surcote de ${percent(bonusRate)}.`,
    });
  }
  const base = capped * (1 + bonusRate);
  // From 1 April 2009 the bonus is computed on the calculated pension and added after the minimum.
  const bonusAfter = compareDates(startDate, bonusAfterMinimum.from) >= 0;
  const compared = bonusAfter ? capped : base;

  // Minimum pension: only with the full rate, pro-rated, the increased part for contributed careers.
  let minimumAnnual = 0;
  let minimumApplies = false;
  const minimumRow = minimumPensionOn(startDate);
  if (hasFullRate && minimumRow) {
    const threshold = compareDates(startDate, minimumIncreaseThresholdFrom) >= 0;
    const avpf =
      compareDates(startDate, avpfAsContributed.from) >= 0 ? Math.min(q.avpf, avpfAsContributed.max) : 0;
    const contributedForMinimum = q.contributed + avpf;
    minimumAnnual = minimumPensionBeforeCeiling(
      minimumRow,
      q.general,
      contributedForMinimum,
      legal.prorataQuarters,
      q.allSchemes,
      threshold,
    );
    const ceilingRow = allPensionsCeilingOn(startDate);
    const others = (input.otherPensionsMonthly ?? 0) * 12;
    let ceilingText = "";
    if (ceilingRow) {
      const limited = minimumPensionUnderCeiling(minimumAnnual, compared, others, ceilingRow.monthly * 12);
      if (limited < minimumAnnual) {
        minimumAnnual = limited;
        ceilingText = ` Avec vos autres retraites (${euros(others / 12)} par mois), le total dépasserait ${euros(ceilingRow.monthly)} par mois : le minimum est réduit à ${euros(minimumAnnual)} par an.`;
      }
    }
    minimumApplies = minimumAnnual > compared;
    const verdict = minimumApplies
      ? `Votre pension est portée à ce minimum.`
      : `Votre pension calculée est plus élevée : le minimum ne s'applique pas.`;
    const increase = !threshold
      ? ` La majoration pour périodes cotisées est proratisée selon vos ${quartersText(contributedForMinimum)} cotisés (pension antérieure au 1er avril 2009, sans seuil).`
      : contributedForMinimum >= minimumIncreaseQuarters
        ? ` Il est majoré car vous avez au moins ${minimumIncreaseQuarters} trimestres cotisés${avpf > 0 ? ` (dont ${quartersText(avpf)} d'AVPF ou d'aidant, retenus dans la limite de ${avpfAsContributed.max})` : ""}.`
        : ` Il n'est pas majoré : il faut au moins ${minimumIncreaseQuarters} trimestres cotisés, vous en avez ${contributedForMinimum}.`;
    const otherSchemes =
      q.allSchemes > legal.prorataQuarters && q.allSchemes > q.general
        ? ` Comme vous avez ${quartersText(q.allSchemes)} tous régimes, au-delà de ${legal.prorataQuarters}, votre durée au régime général est proratisée (${otherSchemesProrataReference}).`
        : "";
    explanation.push({
      rule: "minimumPension",
      reference: `${minimumPensionReference} ; ${minimumIncreaseReference}`,
      text: `Avec le taux plein, le minimum contributif, proratisé selon votre durée, est de ${euros(minimumAnnual)} par an.${increase}${otherSchemes}${ceilingText} ${verdict}`,
    });
  }
  const bonusAmount = bonusAfter ? capped * bonusRate : 0;
  const beforeChildBonus = minimumApplies ? minimumAnnual + bonusAmount : base;
  if (minimumApplies && bonusAfter && bonusRate > 0) {
    explanation.push({
      rule: "bonusAfterMinimum",
      reference: bonusAfterMinimum.reference,
      text: `La surcote est calculée sur votre pension calculée (${euros(capped)} par an) et s'ajoute au minimum : ${euros(bonusAmount)} par an.`,
    });
  }
  const childBonusRate = (input.children ?? 0) >= childBonus.minimumChildren ? childBonus.rate : 0;
  const childBonusAnnual = roundCents(beforeChildBonus * childBonusRate);
  if (childBonusRate > 0) {
    explanation.push({
      rule: "childBonus",
      reference: childBonus.reference,
      text: `Vous avez eu ou élevé ${input.children} enfants (au moins ${childBonus.minimumChildren}) : votre pension est majorée de ${percent(childBonusRate)}, soit ${euros(childBonusAnnual)} par an. Cette majoration s'ajoute à la pension, minimum compris, même au-delà du maximum de ${percent(pensionCapShare)} du plafond.`,
    });
  }
  const final = beforeChildBonus + childBonusAnnual;
  explanation.push({
    rule: "pension",
    reference: "Art. L351-1 CSS",
    text: `Votre retraite de base du régime général est de ${euros(roundCents(final / 12))} brut par mois (${euros(roundCents(final))} par an) à partir du ${frenchDate(startDate)}.`,
  });

  const result: PensionResult = {
    averageSalary: roundCents(averageSalary),
    quarters: {
      general: q.general,
      allSchemes: q.allSchemes,
      contributed: q.contributed,
      afterLegalAge: q.afterLegalAge,
    },
    requiredQuarters: required,
    rate,
    reductionQuarters,
    bonusQuarters,
    bonusRate,
    prorata,
    basePension: amount(base),
    minimumPension: { applies: minimumApplies, ...amount(minimumAnnual) },
    childBonus: { rate: childBonusRate, annual: childBonusAnnual },
    pension: amount(final),
    explanation,
  };
  return { result, legal, longCareer, healthEarlyRetirement: health, fullRate: hasFullRate };
}

/** Base pension with its explanation, from a career array or aggregate figures. */
export function computePension(input: PensionInput): PensionResult {
  return computePensionDetails(input).result;
}
