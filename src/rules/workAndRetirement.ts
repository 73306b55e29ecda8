/**
 * Phased retirement (retraite progressive, L351-15) and working while retired (cumul emploi-retraite,
 * L161-22 and L161-22-1-1) as simulations: what share of the pension is paid, and whether work adds rights.
 */
import { legalAgeFor } from "./age.ts";
import type { CalendarDate } from "./dates.ts";
import { compareDates, dateAtAge, frenchDate, parseDate } from "./dates.ts";
import type { ExplanationStep } from "./explanation.ts";
import { euros, percent, quartersText, roundCents } from "./explanation.ts";
import data from "./params/workAndRetirement.json" with { type: "json" };
import { smicHourlyOn, socialSecurityCeiling } from "./params.ts";

export interface PhasedRetirementInput {
  readonly birthDate: CalendarDate;
  readonly date: CalendarDate;
  /** Quarters in every scheme on that date. */
  readonly quarters: number;
  /** Working time as a share of full time (0,4 to 0,8). */
  readonly workingShare: number;
  /** The full pension the person would receive (base, annual). */
  readonly pensionAnnual: number;
}

export interface PhasedRetirementResult {
  readonly eligible: boolean;
  readonly fraction: number;
  readonly annual: number;
  readonly monthly: number;
  readonly explanation: ExplanationStep[];
}

const PHASED_REFERENCE = "Art. L351-15 et D351-15 CSS (loi 2023-270)";

export function simulatePhasedRetirement(input: PhasedRetirementInput): PhasedRetirementResult {
  const rules = data.phased;
  const legal = legalAgeFor(input.birthDate, input.date);
  const from = dateAtAge(input.birthDate, {
    years: legal.legalAge.years - rules.yearsBeforeLegalAge,
    months: legal.legalAge.months,
  });
  const reasons: string[] = [];
  if (compareDates(input.date, from) < 0)
    reasons.push(`elle n'est ouverte qu'à partir du ${frenchDate(from)}, 2 ans avant votre âge légal`);
  if (input.quarters < rules.minimumQuarters)
    reasons.push(
      `il faut ${quartersText(rules.minimumQuarters)} tous régimes, vous en avez ${input.quarters}`,
    );
  if (input.workingShare < rules.minimumWorkingShare || input.workingShare > rules.maximumWorkingShare) {
    reasons.push(
      `le temps de travail doit être entre ${percent(rules.minimumWorkingShare)} et ${percent(rules.maximumWorkingShare)} d'un temps plein`,
    );
  }
  const eligible = reasons.length === 0;
  const fraction = eligible ? Math.round((1 - input.workingShare) * 10000) / 10000 : 0;
  const annual = roundCents(input.pensionAnnual * fraction);
  return {
    eligible,
    fraction,
    annual,
    monthly: roundCents(annual / 12),
    explanation: [
      eligible
        ? {
            rule: "phasedRetirement",
            reference: PHASED_REFERENCE,
            text: `En travaillant à ${percent(input.workingShare)}, vous recevez ${percent(fraction)} de votre retraite, soit ${euros(annual)} par an. Vous continuez à cotiser : la retraite définitive sera recalculée à l'arrêt de l'activité.`,
          }
        : {
            rule: "phasedRetirement",
            reference: PHASED_REFERENCE,
            text: `La retraite progressive n'est pas possible : ${reasons.join(" ; ")}.`,
          },
    ],
  };
}

export interface WorkingWhileRetiredInput {
  readonly birthDate: CalendarDate;
  readonly date: CalendarDate;
  /** Base pension taken at the full rate. */
  readonly fullRate: boolean;
  /** Every pension of every scheme taken (condition of the unlimited cumul). */
  readonly allPensionsTaken: boolean;
  /** All pensions paid each month (base and complementary). */
  readonly pensionsMonthly: number;
  /** Monthly earnings of the new activity. */
  readonly earningsMonthly: number;
  /** Average monthly wage of the last three months before retiring. */
  readonly lastWageMonthly?: number;
}

export interface WorkingWhileRetiredResult {
  readonly kind: "unlimited" | "capped";
  readonly capMonthly?: number;
  readonly reductionMonthly: number;
  readonly pensionsPaidMonthly: number;
  readonly newRights: boolean;
  readonly secondPensionCapAnnual?: number;
  readonly explanation: ExplanationStep[];
}

const newRightsFrom = parseDate(data.cumul.newRightsFrom) ?? { year: 2024, month: 1, day: 1 };

export function simulateWorkingWhileRetired(input: WorkingWhileRetiredInput): WorkingWhileRetiredResult {
  const rules = data.cumul;
  const legal = legalAgeFor(input.birthDate, input.date);
  const atLegalAge = compareDates(input.date, legal.legalAgeDate) >= 0;
  if (input.fullRate && input.allPensionsTaken && atLegalAge) {
    const newRights = compareDates(input.date, newRightsFrom) >= 0;
    const cap = roundCents(socialSecurityCeiling(input.date.year) * rules.secondPensionCapShareOfCeiling);
    return {
      kind: "unlimited",
      reductionMonthly: 0,
      pensionsPaidMonthly: roundCents(input.pensionsMonthly),
      newRights,
      ...(newRights ? { secondPensionCapAnnual: cap } : {}),
      explanation: [
        {
          rule: "workingWhileRetired",
          reference: "Art. L161-22 CSS",
          text: "Vous avez le taux plein, l'âge légal et toutes vos retraites : vous pouvez cumuler sans limite vos retraites et vos revenus d'activité.",
        },
        newRights
          ? {
              rule: "secondPension",
              reference: "Art. L161-22-1-1 CSS (loi 2023-270 art. 26)",
              text: `Depuis le ${frenchDate(newRightsFrom)}, ces cotisations ouvrent une seconde retraite de base, plafonnée à ${euros(cap)} par an (5 % du plafond de la Sécurité sociale), et des points Agirc-Arrco dans la limite d'un plafond de la Sécurité sociale.`,
            }
          : {
              rule: "secondPension",
              reference: "Art. L161-22 CSS",
              text: "Avant 2024, les cotisations versées pendant le cumul n'ouvraient aucun nouveau droit.",
            },
      ],
    };
  }
  const smicMonthly = smicHourlyOn(input.date) * rules.monthlyHours;
  const cap = roundCents(Math.max(smicMonthly * rules.smicShareCap, input.lastWageMonthly ?? 0));
  const excess = Math.max(0, input.pensionsMonthly + input.earningsMonthly - cap);
  const reduction = roundCents(Math.min(excess, input.pensionsMonthly));
  return {
    kind: "capped",
    capMonthly: cap,
    reductionMonthly: reduction,
    pensionsPaidMonthly: roundCents(input.pensionsMonthly - reduction),
    newRights: false,
    explanation: [
      {
        rule: "workingWhileRetired",
        reference: "Art. L161-22 et D161-2-5 CSS",
        text: `Sans le taux plein, l'âge légal et toutes vos retraites, le cumul est plafonné : retraites et revenus ne peuvent dépasser ${euros(cap)} par mois (le plus élevé de 160 % du SMIC et de votre dernier salaire). ${reduction > 0 ? `Le dépassement de ${euros(reduction)} est retenu sur votre retraite.` : "Vous restez sous ce plafond."} Ces cotisations n'ouvrent pas de nouveaux droits.`,
      },
    ],
  };
}
