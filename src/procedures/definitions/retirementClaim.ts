import { frenchDayOf } from "../../rules/index.ts";
import type { GroupRow, ProcedureDefinition, ProofRequirement, Situation } from "../model.ts";
import { parseFrenchDate, parseMonth, proofCatalogue, textAnswer } from "../model.ts";
import {
  answerIs,
  bankProof,
  bankStep,
  CHILD_FIELDS,
  COMMON_PROOFS,
  IDENTITY_PROOF,
  knownChildren,
  knownDate,
  notInFuture,
  yes,
} from "./common.ts";

const COUPLE = ["marriage", "pacs", "cohabitation"];

function monthText(iso: string): string {
  return `${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** The first day of the month after today: the earliest a pension claimed today can start. */
export function firstPossibleStart(today: string): string {
  const [year, month] = today.split("-").map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
}

/** The start date to suggest: the earliest full rate (or long-career date) still ahead. */
export function suggestedStart(situation: Situation): string | undefined {
  const dates = situation.startDates;
  if (!dates) return undefined;
  const first = firstPossibleStart(situation.today);
  const earliest =
    dates.longCareer && dates.longCareer < dates.earliestFullRate ? dates.longCareer : dates.earliestFullRate;
  return earliest > first ? earliest : first;
}

function startDateProblem(value: string, situation: Situation): string | undefined {
  const start = parseMonth(value);
  if (!start) return undefined;
  const first = firstPossibleStart(situation.today);
  if (start < first)
    return `Une retraite ne commence pas avant le mois qui suit la demande : indiquez le ${frenchDayOf(first)} ou plus tard.`;
  const dates = situation.startDates;
  if (!dates || start >= dates.legal) return undefined;
  if (dates.longCareer && start >= dates.longCareer) return undefined;
  return dates.longCareer
    ? `Avant votre âge légal (départ possible le ${frenchDayOf(dates.legal)}), vous pouvez partir au titre d'une carrière longue à partir du ${frenchDayOf(dates.longCareer)} : indiquez cette date ou une date plus tardive.`
    : `Vous pourrez partir au plus tôt le ${frenchDayOf(dates.legal)}, à votre âge légal. ${dates.longCareerReason ?? ""}`.trim();
}

const PROOFS = proofCatalogue({
  careerPeriod:
    "Justificatifs de la période manquante ou inexacte (bulletins de salaire, certificat de travail)",
  childrenCivilStatus: "Livret de famille ou acte de naissance de chacun de vos enfants",
  unionCertificate: "Acte de mariage ou livret de famille",
  pacsCertificate: "Attestation de PACS",
});

function declaredChildren(answers: Parameters<ProcedureDefinition["proofs"]>[0]): GroupRow[] {
  const rows = answers.children;
  return Array.isArray(rows) ? (rows as GroupRow[]) : [];
}

function childrenProof(
  answers: Parameters<ProcedureDefinition["proofs"]>[0],
  situation: Situation,
): ProofRequirement[] {
  if (textAnswer(answers, "hasChildren") !== "oui") return [];
  const known = new Set(
    situation.children.map((child) => `${child.firstName.toLowerCase()}|${child.birthDate}`),
  );
  const unknown = declaredChildren(answers).some(
    (row) =>
      !known.has(
        `${(row.firstName ?? "").trim().toLowerCase()}|${parseFrenchDate(row.birthDate ?? "") ?? ""}`,
      ),
  );
  if (!unknown && situation.childQuarters > 0) return [];
  return [
    {
      ...PROOFS.childrenCivilStatus,
      reason: unknown
        ? "Vous déclarez un enfant que nous ne connaissons pas : il ouvre droit à des trimestres pour enfants."
        : "Vos trimestres pour enfants ne figurent pas encore sur votre relevé de carrière.",
    },
  ];
}

function spouseProof(
  answers: Parameters<ProcedureDefinition["proofs"]>[0],
  situation: Situation,
): ProofRequirement[] {
  const status = textAnswer(answers, "familyStatus");
  if (status !== "marriage" && status !== "pacs") return [];
  const name = textAnswer(answers, "spouseName").toLowerCase();
  if (situation.partner && situation.partner.kind === status && situation.partner.name.toLowerCase() === name)
    return [];
  return [
    {
      ...(status === "marriage" ? PROOFS.unionCertificate : PROOFS.pacsCertificate),
      reason: "Votre union n'est pas encore connue de votre caisse sous ces informations.",
    },
  ];
}

export const retirementClaim: ProcedureDefinition = {
  code: "retirementClaim",
  slug: "demande-de-retraite",
  title: "Demande de retraite",
  named: "votre demande de retraite",
  description:
    "Une seule demande pour votre retraite de base du régime général. Comptez 15 minutes ; vous pouvez vous arrêter à tout moment et reprendre plus tard.",
  service: "retirementClaim",
  steps: [
    {
      id: "date-de-depart",
      title: "Date de départ",
      intro: "Votre retraite commence le 1er d'un mois. Voici les dates que votre carrière permet.",
      panel: "startDates",
      questions: [
        {
          id: "startDate",
          type: "month",
          label: "Date de départ souhaitée",
          hint: "Le mois et l'année, par exemple 09/2027. Nous avons pré-rempli la première date à laquelle vous pouvez partir au taux plein.",
          prefill: (situation) => {
            const suggested = suggestedStart(situation);
            return suggested && monthText(suggested);
          },
          check: (value, _answers, situation) => startDateProblem(value, situation),
        },
        {
          id: "stillWorking",
          type: "yesno",
          label: "Travaillez-vous encore ?",
        },
        {
          id: "workEndDate",
          type: "date",
          label: "Date de fin de votre activité",
          hint: "Le dernier jour travaillé, prévu ou connu, par exemple 31/08/2027",
          when: yes("stillWorking"),
          check: (value, answers) => {
            const end = parseFrenchDate(value);
            const start = parseMonth(textAnswer(answers, "startDate"));
            return end && start && end >= start
              ? "Votre activité doit s'arrêter avant la date de départ : le dernier jour travaillé précède le 1er jour de retraite."
              : undefined;
          },
        },
      ],
    },
    {
      id: "carriere",
      title: "Votre carrière",
      intro: "Votre relevé de carrière sert au calcul de votre retraite. Vérifiez qu'il est complet.",
      panel: "career",
      questions: [
        {
          id: "careerComplete",
          type: "yesno",
          label: "Votre relevé de carrière est-il complet et exact ?",
        },
        {
          id: "careerIssue",
          type: "textarea",
          label: "Ce qui manque ou est inexact",
          hint: "Par exemple : mon emploi chez Dupont SA de 1985 à 1987 n'apparaît pas. Joignez vos justificatifs à l'étape « Justificatifs ».",
          maxLength: 2000,
          when: answerIs("careerComplete", "non"),
        },
      ],
    },
    {
      id: "autres-regimes",
      title: "Autres régimes",
      intro: "Votre demande vaut pour tous vos régimes de base : dites-nous où vous avez travaillé.",
      questions: [
        {
          id: "otherSchemes",
          type: "yesno",
          label: "Avez-vous travaillé ailleurs que comme salarié du privé ?",
          hint: "Indépendant, fonctionnaire, salarié agricole, profession libérale…",
          prefill: (situation) => (situation.career.otherSchemes.length > 0 ? "oui" : undefined),
        },
        {
          id: "otherSchemesDetail",
          type: "textarea",
          label: "Lesquels, et quelles années ?",
          maxLength: 1000,
          when: yes("otherSchemes"),
          prefill: (situation) =>
            situation.career.otherSchemes.length > 0 ? situation.career.otherSchemes.join(", ") : undefined,
        },
        {
          id: "workedAbroad",
          type: "yesno",
          label: "Avez-vous travaillé hors de France ?",
        },
        {
          id: "abroadCountries",
          type: "text",
          label: "Dans quel(s) pays ?",
          maxLength: 200,
          when: yes("workedAbroad"),
        },
      ],
    },
    {
      id: "enfants",
      title: "Vos enfants",
      intro: "Les enfants que vous avez eus ou élevés peuvent vous donner des trimestres en plus.",
      panel: "knownFamily",
      questions: [
        {
          id: "hasChildren",
          type: "yesno",
          label: "Avez-vous eu ou élevé des enfants ?",
          prefill: (situation) => (situation.children.length > 0 ? "oui" : undefined),
        },
        {
          id: "children",
          type: "group",
          label: "Vos enfants",
          itemLabel: "Un enfant",
          when: yes("hasChildren"),
          prefill: knownChildren,
          fields: CHILD_FIELDS,
        },
      ],
    },
    {
      id: "situation-familiale",
      title: "Situation familiale",
      panel: "knownFamily",
      questions: [
        {
          id: "familyStatus",
          type: "choice",
          label: "Votre situation aujourd'hui",
          options: [
            { value: "marriage", label: "Marié(e)" },
            { value: "pacs", label: "Pacsé(e)" },
            { value: "cohabitation", label: "En concubinage" },
            { value: "single", label: "Seul(e) : célibataire, divorcé(e), séparé(e) ou veuf(ve)" },
          ],
          prefill: (situation) => situation.partner?.kind ?? "single",
        },
        {
          id: "spouseName",
          type: "text",
          label: "Nom et prénom de votre conjoint",
          maxLength: 100,
          when: answerIs("familyStatus", ...COUPLE),
          prefill: (situation) => situation.partner?.name,
        },
        {
          id: "spouseBirthDate",
          type: "date",
          label: "Date de naissance de votre conjoint",
          hint: "Par exemple 02/04/1966",
          when: answerIs("familyStatus", ...COUPLE),
          prefill: (situation) => knownDate(situation.partner?.birthDate),
          check: (value, _answers, situation) => notInFuture(situation, parseFrenchDate(value) ?? ""),
        },
        {
          id: "spouseRetired",
          type: "yesno",
          label: "Votre conjoint perçoit-il une retraite ?",
          when: answerIs("familyStatus", ...COUPLE),
        },
      ],
    },
    bankStep,
  ],
  proofCatalogue: [COMMON_PROOFS.identity, ...Object.values(PROOFS), COMMON_PROOFS.bankDetails],
  proofs: (answers, situation) => [
    IDENTITY_PROOF,
    ...(textAnswer(answers, "careerComplete") === "non"
      ? [
          {
            ...PROOFS.careerPeriod,
            reason: "Vous signalez que votre relevé de carrière est incomplet ou inexact.",
          },
        ]
      : []),
    ...childrenProof(answers, situation),
    ...spouseProof(answers, situation),
    ...bankProof(answers, situation),
  ],
  claimedStartDate: (answers) => parseMonth(textAnswer(answers, "startDate")) ?? null,
  nextSteps:
    "Votre caisse vérifie votre carrière et vos droits, puis vous notifie sa décision avec le montant de votre retraite. Si votre demande est complète et envoyée au moins 4 mois avant la date de départ, la décision vous parvient avant cette date.",
};
