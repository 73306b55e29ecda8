import type { ProcedureDefinition } from "../model.ts";
import { parseFrenchDate, proofCatalogue, textAnswer } from "../model.ts";
import {
  answerIs,
  bankProof,
  bankStep,
  COMMON_PROOFS,
  IDENTITY_PROOF,
  knownDate,
  notInFuture,
} from "./common.ts";

const PROOFS = proofCatalogue({
  resources:
    "Justificatifs des ressources du foyer des 3 derniers mois (relevés de pension, avis d'imposition…)",
  residence: "Justificatif de domicile de moins de 3 mois (facture, quittance de loyer)",
  partnerIdentity: "Pièce d'identité de votre conjoint",
});

export const aspa: ProcedureDefinition = {
  code: "aspa",
  slug: "allocation-de-solidarite",
  title: "Demande d'allocation de solidarité aux personnes âgées (ASPA)",
  named: "votre demande d'ASPA",
  description:
    "L'ASPA complète vos ressources jusqu'à un minimum garanti si vous vivez en France. Cette demande prend environ 10 minutes.",
  service: "aspa",
  refusal: (situation) => situation.aspaRefusal,
  steps: [
    {
      id: "foyer",
      title: "Votre foyer",
      questions: [
        {
          id: "household",
          type: "choice",
          label: "Vivez-vous seul(e) ou en couple ?",
          options: [
            { value: "single", label: "Seul(e)" },
            { value: "couple", label: "En couple (mariage, PACS ou concubinage)" },
          ],
          prefill: (situation) => (situation.partner ? "couple" : "single"),
        },
        {
          id: "partnerName",
          type: "text",
          label: "Nom et prénom de votre conjoint",
          maxLength: 100,
          when: answerIs("household", "couple"),
          prefill: (situation) => situation.partner?.name,
        },
        {
          id: "partnerBirthDate",
          type: "date",
          label: "Date de naissance de votre conjoint",
          hint: "Par exemple 02/04/1950",
          when: answerIs("household", "couple"),
          prefill: (situation) => knownDate(situation.partner?.birthDate),
          check: (value, _answers, situation) => notInFuture(situation, parseFrenchDate(value) ?? ""),
        },
      ],
    },
    {
      id: "ressources",
      title: "Vos ressources",
      intro:
        "Indiquez les ressources de votre foyer (vous et votre conjoint), en moyenne par mois sur les 3 derniers mois.",
      questions: [
        {
          id: "pensionsMonthly",
          type: "amount",
          label: "Retraites et pensions par mois, en euros",
          hint: "Retraites de base et complémentaires, pensions d'invalidité ; 0 si aucune",
          max: 100000,
        },
        {
          id: "otherIncomeMonthly",
          type: "amount",
          label: "Autres revenus par mois, en euros",
          hint: "Salaires, revenus de placements ou de location ; 0 si aucun",
          max: 100000,
        },
        {
          id: "otherProperty",
          type: "yesno",
          label: "Possédez-vous un bien immobilier autre que votre résidence principale ?",
        },
      ],
    },
    {
      id: "residence",
      title: "Votre résidence",
      questions: [
        {
          id: "livesInFrance",
          type: "yesno",
          label: "Vivez-vous en France plus de 9 mois par an ?",
          prefill: (situation) => (situation.livesAbroad ? "non" : "oui"),
          check: (value) =>
            value === "non"
              ? "L'ASPA est versée aux personnes qui vivent en France de façon stable, plus de 9 mois par an : sans cela, elle ne peut pas être accordée. Appelez le 3960 si votre situation va changer."
              : undefined,
        },
        {
          id: "addressSince",
          type: "date",
          label: "Depuis quand habitez-vous à votre adresse actuelle ?",
          hint: "Une date approximative suffit, par exemple 01/09/2015",
          check: (value, _answers, situation) => notInFuture(situation, parseFrenchDate(value) ?? ""),
        },
      ],
    },
    bankStep,
  ],
  proofCatalogue: [COMMON_PROOFS.identity, ...Object.values(PROOFS), COMMON_PROOFS.bankDetails],
  proofs: (answers, situation) => [
    IDENTITY_PROOF,
    {
      ...PROOFS.resources,
      reason: "L'ASPA complète vos ressources : elles en décident le montant.",
    },
    {
      ...PROOFS.residence,
      reason: "L'ASPA est réservée aux personnes qui vivent en France.",
    },
    ...(textAnswer(answers, "household") === "couple"
      ? [
          {
            ...PROOFS.partnerIdentity,
            reason: "Les ressources de votre couple comptent : votre conjoint doit être identifié.",
          },
        ]
      : []),
    ...bankProof(answers, situation),
  ],
  nextSteps:
    "Votre caisse vérifie vos ressources et votre résidence, puis vous notifie sa décision avec le montant. Une demande d'ASPA est traitée en 90 jours au plus dans la grande majorité des cas.",
};
