import type { CatalogueProof, ProcedureDefinition } from "../model.ts";
import { parseFrenchDate, proofCatalogue, textAnswer } from "../model.ts";
import { answerIs, CHILD_FIELDS, knownChildren, notInFuture } from "./common.ts";

const PERIOD = answerIs("correctionKind", "missingPeriod", "wrongPeriod");

const PROOFS = proofCatalogue({
  childrenCivilStatus:
    "Livret de famille ou acte de naissance de chacun de vos enfants (jugement d'adoption le cas échéant)",
  salaryProof: "Bulletins de salaire, certificat de travail ou attestation de l'employeur pour la période",
  unemploymentProof: "Attestation de France Travail (ex-Pôle emploi) indiquant vos périodes indemnisées",
  sicknessProof: "Attestation de votre caisse d'assurance maladie (indemnités journalières)",
  militaryServiceProof: "État signalétique et des services militaires",
  foreignPensionProof: "Attestation de l'organisme de retraite du pays où vous avez travaillé",
  activityProof: "Tout document qui prouve votre activité pendant la période (contrat, attestation)",
});

/** The proof of a period, by the activity the person says they had then. */
const ACTIVITY_PROOFS: Readonly<Record<string, CatalogueProof>> = {
  salaried: PROOFS.salaryProof,
  unemployment: PROOFS.unemploymentProof,
  sickness: PROOFS.sicknessProof,
  military: PROOFS.militaryServiceProof,
  abroad: PROOFS.foreignPensionProof,
  other: PROOFS.activityProof,
};

export const careerCorrection: ProcedureDefinition = {
  code: "careerCorrection",
  slug: "correction-de-carriere",
  title: "Correction de carrière",
  named: "votre demande de correction de carrière",
  description:
    "Signalez une période manquante ou inexacte de votre relevé de carrière, ou déclarez vos enfants pour vos trimestres pour enfants.",
  service: "careerCorrection",
  severalOpenCases: true,
  steps: [
    {
      id: "objet",
      title: "Votre demande",
      panel: "career",
      questions: [
        {
          id: "correctionKind",
          type: "choice",
          label: "Que voulez-vous faire ?",
          options: [
            { value: "missingPeriod", label: "Signaler une période qui manque" },
            { value: "wrongPeriod", label: "Signaler une période inexacte (salaire, trimestres)" },
            { value: "childQuarters", label: "Déclarer mes enfants pour mes trimestres pour enfants" },
          ],
        },
      ],
    },
    {
      id: "periode",
      title: "La période",
      questions: [
        {
          id: "periodFrom",
          type: "date",
          label: "Début de la période",
          hint: "Par exemple 01/09/1985",
          when: PERIOD,
          check: (value, _answers, situation) => notInFuture(situation, parseFrenchDate(value) ?? ""),
        },
        {
          id: "periodTo",
          type: "date",
          label: "Fin de la période",
          hint: "Par exemple 30/06/1987",
          when: PERIOD,
          check: (value, answers, situation) => {
            const to = parseFrenchDate(value) ?? "";
            const from = parseFrenchDate(textAnswer(answers, "periodFrom"));
            if (from && to < from) return "La fin de la période doit suivre son début.";
            return notInFuture(situation, to);
          },
        },
        {
          id: "activity",
          type: "choice",
          label: "Pendant cette période, vous étiez",
          when: PERIOD,
          options: [
            { value: "salaried", label: "Salarié(e)" },
            { value: "unemployment", label: "Au chômage indemnisé" },
            { value: "sickness", label: "En arrêt maladie, maternité ou accident du travail" },
            { value: "military", label: "Au service militaire" },
            { value: "abroad", label: "À l'étranger" },
            { value: "other", label: "Autre situation" },
          ],
        },
        {
          id: "employer",
          type: "text",
          label: "Nom de l'employeur",
          maxLength: 120,
          when: (answers, situation) =>
            PERIOD(answers, situation) && textAnswer(answers, "activity") === "salaried",
        },
        {
          id: "whatIsWrong",
          type: "textarea",
          label: "Ce qui est à corriger",
          hint: "Par exemple : 1986 n'apparaît pas ; mon salaire de 1987 est de 14 200 € et non 4 200 €",
          maxLength: 2000,
          when: PERIOD,
        },
      ],
    },
    {
      id: "enfants",
      title: "Vos enfants",
      intro: "Chaque enfant peut donner des trimestres en plus (naissance ou adoption, éducation).",
      panel: "knownFamily",
      questions: [
        {
          id: "children",
          type: "group",
          label: "Vos enfants",
          itemLabel: "Un enfant",
          when: answerIs("correctionKind", "childQuarters"),
          prefill: (situation) => knownChildren(situation).map((child) => ({ ...child, adopted: "non" })),
          fields: [...CHILD_FIELDS, { id: "adopted", type: "yesno", label: "Enfant adopté ?" }],
        },
      ],
    },
  ],
  proofCatalogue: Object.values(PROOFS),
  proofs: (answers) => {
    const kind = textAnswer(answers, "correctionKind");
    if (kind === "childQuarters")
      return [{ ...PROOFS.childrenCivilStatus, reason: "Il établit votre lien avec chaque enfant déclaré." }];
    if (kind === "") return [];
    const proof = ACTIVITY_PROOFS[textAnswer(answers, "activity")] ?? PROOFS.activityProof;
    return [{ ...proof, reason: "Il prouve la période à corriger." }];
  },
  nextSteps:
    "Votre caisse examine votre demande et vos justificatifs, corrige votre relevé de carrière si elle est fondée et vous répond par écrit.",
};
