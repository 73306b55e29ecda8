/**
 * Agirc-Arrco complementary pension of a private-sector employee, from the wages the career record holds:
 * each year's points = Σ tranche slice × contractual rate ÷ purchase price of the point; the pension =
 * points × service value of the point on the start date × the coefficients that depend on age.
 *
 * The record has no manager (cadre) status, so the non-manager path is modelled: Arrco tranche 1 up to one
 * PASS and tranche 2 from one to three PASS before 2019, the unified tranches 1 (≤ 1 PASS) and 2 (1 to
 * 8 PASS) since. Before 1999 the points are counted in the UNIRS scheme and converted as on 1 January 1999.
 */
import {
  FIRST_ARRCO_YEAR,
  FIRST_POINT_VALUE_DATE,
  FIRST_POINTS_YEAR,
  LAST_POINT_VALUE_DATE,
  LAST_REFERENCE_YEAR,
  minorationByYears,
  pointsTables,
  pointValueOn,
  solidarity,
  survivorMinimumAge,
  survivorShare,
  temporaryBonus,
  UNIRS_CONVERSION,
} from "./agircArrcoParams.ts";
import type { CalendarDate } from "./dates.ts";
import { compareDates, dateAtAge, frenchDate, fromMonthIndex, monthIndex } from "./dates.ts";
import { RulesError } from "./errors.ts";
import type { ExplanationStep } from "./explanation.ts";
import { euros, number, percent, quartersText, roundCents } from "./explanation.ts";
import { socialSecurityCeiling } from "./params.ts";

const AGREEMENT_2017 = "ANI Agirc-Arrco du 17 novembre 2017";

export interface ComplementaryCareerYear {
  readonly year: number;
  readonly salary: number;
}

export interface ComplementaryInput {
  readonly birthDate: CalendarDate;
  readonly startDate: CalendarDate;
  readonly career?: readonly ComplementaryCareerYear[];
  /** Known points total (e.g. from an Agirc-Arrco statement), used instead of the career. */
  readonly points?: number;
  /** Quarters of reduction of the base pension (0 when it is at the full rate). */
  readonly reductionQuarters?: number;
  /** First day the base pension would be at the full rate; by default the start date itself. */
  readonly fullRateDate?: CalendarDate;
}

export interface ComplementaryResult {
  readonly points: number;
  readonly pointValue: number;
  readonly coefficient: number;
  readonly annual: number;
  readonly monthly: number;
  /** When the temporary coefficient (solidarity or increase) stops applying; absent when none applies. */
  readonly coefficientUntil?: CalendarDate;
  /** Annual amount once the temporary coefficient has stopped (the permanent one stays). */
  readonly annualAfter?: number;
  readonly survivor: { readonly share: number; readonly minimumAge: number; readonly annual: number };
  readonly explanation: ExplanationStep[];
}

/** Points bought by one year's wage, rounded to the hundredth of a point as on Agirc-Arrco statements. */
export function pointsForYear(year: number, salary: number): number {
  if (year < FIRST_POINTS_YEAR || salary <= 0) return 0;
  const i = Math.min(year, LAST_REFERENCE_YEAR) - FIRST_POINTS_YEAR;
  const ceiling = socialSecurityCeiling(year);
  const tranche1 = Math.min(salary, ceiling);
  const top = pointsTables.tranche2TopByYear[i] ?? 0;
  const tranche2 = Math.min(Math.max(salary - ceiling, 0), (top - 1) * ceiling);
  const rate1 = pointsTables.tranche1ByYear[i] ?? 0;
  const rate2 = pointsTables.tranche2ByYear[i] ?? 0;
  let points = (tranche1 * rate1 + tranche2 * rate2) / (pointsTables.referenceByYear[i] ?? 1);
  if (year < FIRST_ARRCO_YEAR) points *= UNIRS_CONVERSION;
  return Math.round(points * 100) / 100;
}

/** Points of whole populations held column-wise (the batch layout of `computeBasePensions`). */
export function complementaryPointsBatch(population: {
  readonly count: number;
  readonly firstYear: Int32Array;
  readonly yearCount: Int32Array;
  readonly offset: Int32Array;
  readonly salaries: Float64Array;
}): Float64Array {
  const points = new Float64Array(population.count);
  for (let p = 0; p < population.count; p++) {
    const first = population.firstYear[p] ?? 0;
    const count = population.yearCount[p] ?? 0;
    const offset = population.offset[p] ?? 0;
    let total = 0;
    for (let k = 0; k < count; k++) total += pointsForYear(first + k, population.salaries[offset + k] ?? 0);
    points[p] = Math.round(total * 100) / 100;
  }
  return points;
}

export interface CareerPoints {
  readonly total: number;
  readonly years: number;
  readonly beforeFirstYear: number;
  readonly afterLastKnownYear: number;
}

export function careerPoints(career: readonly ComplementaryCareerYear[]): CareerPoints {
  let total = 0;
  let years = 0;
  let beforeFirstYear = 0;
  let afterLastKnownYear = 0;
  for (const { year, salary } of career) {
    if (salary <= 0) continue;
    if (year < FIRST_POINTS_YEAR) {
      beforeFirstYear++;
      continue;
    }
    if (year > LAST_REFERENCE_YEAR) afterLastKnownYear++;
    total += pointsForYear(year, salary);
    years++;
  }
  return { total: Math.round(total * 100) / 100, years, beforeFirstYear, afterLastKnownYear };
}

/** Permanent coefficient for quarters missing to the full rate: the Arrco table, linear by quarter. */
export function permanentCoefficient(reductionQuarters: number): number {
  if (reductionQuarters <= 0) return 1;
  const last = minorationByYears.length - 1;
  const years = Math.min(reductionQuarters / 4, last);
  const whole = Math.floor(years);
  const low = minorationByYears[whole] ?? 1;
  const high = minorationByYears[Math.min(whole + 1, last)] ?? low;
  return Math.round((low + (high - low) * (years - whole)) * 10000) / 10000;
}

interface Temporary {
  readonly coefficient: number;
  readonly until?: CalendarDate;
  readonly step?: ExplanationStep;
}

/** Start dates are first days of a month, so whole months land on first days too. */
function addMonths(d: CalendarDate, months: number): CalendarDate {
  return fromMonthIndex(monthIndex(d) + months, d.day);
}

function earliest(...dates: CalendarDate[]): CalendarDate {
  return dates.reduce((a, b) => (compareDates(a, b) <= 0 ? a : b));
}

/** Temporary coefficients of 2019–2023: −10 % for 3 years when leaving at the full-rate date, or an increase for deferring. */
function temporaryCoefficient(input: ComplementaryInput, reductionQuarters: number): Temporary {
  const { birthDate, startDate } = input;
  const reference = "ANI du 30 octobre 2015 art. 12 ; ANI du 5 octobre 2023";
  if (compareDates(startDate, solidarity.pensionsFrom) < 0) return { coefficient: 1 };
  if (compareDates(birthDate, solidarity.bornFrom) < 0) return { coefficient: 1 };
  if (reductionQuarters > 0) return { coefficient: 1 };
  const fullRateAgeDate = dateAtAge(birthDate, { years: solidarity.untilAge, months: 0 });
  if (compareDates(startDate, fullRateAgeDate) >= 0) return { coefficient: 1 };
  const fullRateDate = input.fullRateDate ?? startDate;
  const deferral = Math.max(0, Math.floor((monthIndex(startDate) - monthIndex(fullRateDate)) / 3));
  const newPension = compareDates(startDate, solidarity.newPensionsUntil) < 0;
  if (deferral < solidarity.deferralQuartersToAvoid) {
    if (!newPension) return { coefficient: 1 };
    const until = earliest(
      addMonths(startDate, solidarity.years * 12),
      fullRateAgeDate,
      solidarity.endedForAllOn,
    );
    return {
      coefficient: solidarity.coefficient,
      until,
      step: {
        rule: "complementarySolidarity",
        reference,
        text: `Votre retraite complémentaire a commencé moins d'un an après la date de votre taux plein : elle est minorée de ${percent(1 - solidarity.coefficient)} (coefficient de solidarité) jusqu'au ${frenchDate(until)}. Ce coefficient a été supprimé pour les retraites prenant effet à partir du ${frenchDate(solidarity.newPensionsUntil)} et a cessé pour toutes les retraites le ${frenchDate(solidarity.endedForAllOn)}. Il ne s'appliquait pas aux personnes exonérées de CSG (et était de 5 % au taux réduit) : nous ne connaissons pas vos revenus de l'époque.`,
      },
    };
  }
  const bonus = [...temporaryBonus.steps].reverse().find((s) => deferral >= s.deferralQuarters);
  if (!bonus) return { coefficient: 1 };
  if (!newPension && compareDates(birthDate, temporaryBonus.keptIfBornBefore) >= 0) return { coefficient: 1 };
  const until = addMonths(startDate, temporaryBonus.years * 12);
  return {
    coefficient: bonus.coefficient,
    until,
    step: {
      rule: "complementaryBonus",
      reference,
      text: `Vous êtes parti ${quartersText(deferral)} après la date de votre taux plein : votre retraite complémentaire est majorée de ${percent(bonus.coefficient - 1)} pendant un an, jusqu'au ${frenchDate(until)}.`,
    },
  };
}

export function computeComplementary(input: ComplementaryInput): ComplementaryResult {
  const { startDate } = input;
  if (compareDates(startDate, FIRST_POINT_VALUE_DATE) < 0) {
    throw new RulesError(
      "date_non_couverte",
      `La valeur du point Arrco unifié est connue à partir du ${frenchDate(FIRST_POINT_VALUE_DATE)} : indiquez une date de début postérieure.`,
    );
  }
  if (input.points === undefined && !input.career) {
    throw new RulesError(
      "champ_manquant",
      "Indiquez la carrière (champ « career ») ou le nombre de points connu (champ « points »).",
    );
  }
  const explanation: ExplanationStep[] = [];
  let points: number;
  if (input.points !== undefined) {
    points = input.points;
    explanation.push({
      rule: "complementaryPoints",
      reference: AGREEMENT_2017,
      text: `Nous partons des ${number(points)} points indiqués (relevé de points Agirc-Arrco) au lieu de les recalculer à partir de vos salaires.`,
    });
  } else {
    const counted = careerPoints(input.career ?? []);
    points = counted.total;
    explanation.push({
      rule: "complementaryPoints",
      reference: `${AGREEMENT_2017} ; accords Arrco du 25 avril 1996`,
      text: `Chaque année, vos cotisations de retraite complémentaire achètent des points : la part du salaire jusqu'au plafond de la Sécurité sociale (tranche 1) et la part au-delà (tranche 2, jusqu'à 3 plafonds avant 2019 et 8 depuis), multipliées par le taux contractuel de l'année (6,20 % et 17 % depuis 2019), divisées par le prix d'achat du point de l'année. Sur ${number(counted.years)} année${counted.years >= 2 ? "s" : ""} de salaire, cela fait ${number(points)} points.`,
    });
    if (counted.beforeFirstYear > 0) {
      explanation.push({
        rule: "complementaryBeforeFirstYear",
        reference: "Accord du 8 décembre 1961",
        text: `${number(counted.beforeFirstYear)} année${counted.beforeFirstYear >= 2 ? "s" : ""} de salaire avant ${FIRST_POINTS_YEAR} ne sont pas comptées : les régimes complémentaires de l'époque ne sont pas modélisés.`,
      });
    }
    if (counted.afterLastKnownYear > 0) {
      explanation.push({
        rule: "complementaryFutureYears",
        reference: AGREEMENT_2017,
        text: `Pour les années après ${LAST_REFERENCE_YEAR}, le prix d'achat du point n'est pas encore fixé : nous reprenons celui de ${LAST_REFERENCE_YEAR}.`,
      });
    }
    explanation.push({
      rule: "complementaryEstimate",
      reference: AGREEMENT_2017,
      text: "Cette estimation suppose un salarié non cadre cotisant au taux minimal obligatoire. Elle ne connaît pas : les points gratuits accordés pendant le chômage, la maladie ou l'invalidité, les points achetés, un taux de cotisation supérieur fixé par l'entreprise, le statut cadre (Agirc avant 2019), ni les particularités des régimes Arrco antérieurs à 1999 (calculés ici comme à l'UNIRS). Votre relevé de points Agirc-Arrco fait foi.",
    });
  }
  const pointValue = pointValueOn(startDate);
  explanation.push({
    rule: "complementaryPointValue",
    reference: AGREEMENT_2017,
    text: `Au ${frenchDate(startDate)}, un point vaut ${euros(pointValue)} par an${compareDates(startDate, LAST_POINT_VALUE_DATE) > 0 ? ` (dernière valeur connue, fixée au ${frenchDate(LAST_POINT_VALUE_DATE)})` : ""}.`,
  });
  const reductionQuarters = input.reductionQuarters ?? 0;
  const permanent = permanentCoefficient(reductionQuarters);
  explanation.push(
    reductionQuarters > 0
      ? {
          rule: "complementaryReduction",
          reference: "Accord du 8 décembre 1961, annexe A art. 18 ; ANI du 17 novembre 2017",
          text: `Votre retraite de base n'est pas au taux plein (${quartersText(reductionQuarters)} manquants) : votre retraite complémentaire est minorée définitivement par un coefficient de ${number(permanent)}.`,
        }
      : {
          rule: "complementaryFullRate",
          reference: "ANI du 17 novembre 2017",
          text:
            input.reductionQuarters === undefined
              ? "Nous supposons votre retraite de base au taux plein : la retraite complémentaire n'est pas minorée définitivement."
              : "Votre retraite de base est au taux plein : la retraite complémentaire n'est pas minorée définitivement.",
        },
  );
  const temporary = temporaryCoefficient(input, reductionQuarters);
  if (temporary.step) explanation.push(temporary.step);
  const coefficient = Math.round(permanent * temporary.coefficient * 10000) / 10000;
  const annual = roundCents(points * pointValue * coefficient);
  explanation.push({
    rule: "complementaryAmount",
    reference: AGREEMENT_2017,
    text: `${number(points)} points × ${euros(pointValue)}${coefficient !== 1 ? ` × ${number(coefficient)}` : ""} = ${euros(annual)} par an, soit ${euros(roundCents(annual / 12))} par mois (montant brut).`,
  });
  const survivorAnnual = roundCents(points * pointValue * permanent * survivorShare);
  explanation.push({
    rule: "complementarySurvivor",
    reference: AGREEMENT_2017,
    text: `Au décès, votre conjoint ou ex-conjoint pourrait recevoir ${percent(survivorShare)} de vos points, soit ${euros(survivorAnnual)} par an à la valeur actuelle du point, dès ${survivorMinimumAge} ans et sans condition de ressources (tant qu'il ne se remarie pas).`,
  });
  return {
    points,
    pointValue,
    coefficient,
    annual,
    monthly: roundCents(annual / 12),
    ...(temporary.until
      ? { coefficientUntil: temporary.until, annualAfter: roundCents(points * pointValue * permanent) }
      : {}),
    survivor: { share: survivorShare, minimumAge: survivorMinimumAge, annual: survivorAnnual },
    explanation,
  };
}
