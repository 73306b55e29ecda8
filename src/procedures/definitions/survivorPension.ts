import type { ProcedureDefinition } from "../model.ts";
import { parseAmount, parseFrenchDate, proofCatalogue, textAnswer } from "../model.ts";
import { bankProof, bankStep, COMMON_PROOFS, IDENTITY_PROOF, knownDate, notInFuture, yes } from "./common.ts";

const PROOFS = proofCatalogue({
  deathCertificate: "Acte de décès",
  marriageCertificate: "Livret de famille ou acte de mariage",
  resources:
    "Justificatifs de vos ressources des 3 derniers mois (bulletins de salaire, relevés de pension…)",
});

export const survivorPension: ProcedureDefinition = {
  code: "survivorPension",
  slug: "pension-de-reversion",
  title: "Demande de pension de réversion",
  named: "votre demande de pension de réversion",
  description:
    "Après le décès de votre époux ou épouse, une part de sa retraite peut vous être versée. Nous sommes désolés pour votre perte ; cette demande prend environ 10 minutes et peut être reprise plus tard.",
  service: "bereavement",
  refusal: (situation) => situation.survivorRefusal,
  steps: [
    {
      id: "defunt",
      title: "La personne décédée",
      panel: "deceased",
      questions: [
        {
          id: "deceasedName",
          type: "text",
          label: "Nom et prénom de la personne décédée",
          maxLength: 100,
          prefill: (situation) => situation.deceasedSpouse?.name,
        },
        {
          id: "deceasedBirthDate",
          type: "date",
          label: "Sa date de naissance",
          hint: "Par exemple 12/06/1955",
          prefill: (situation) => knownDate(situation.deceasedSpouse?.birthDate),
          check: (value, _answers, situation) => notInFuture(situation, parseFrenchDate(value) ?? ""),
        },
        {
          id: "deceasedNir",
          type: "nir",
          label: "Son numéro de sécurité sociale, si vous le connaissez",
          hint: "15 chiffres (13 chiffres et la clé), sur sa carte Vitale ; laissez vide si vous ne le connaissez pas",
          optional: true,
        },
        {
          id: "deathDate",
          type: "date",
          label: "Date du décès",
          hint: "Par exemple 03/02/2026",
          prefill: (situation) => knownDate(situation.deceasedSpouse?.diedOn),
          check: (value, answers, situation) => {
            const death = parseFrenchDate(value) ?? "";
            const birth = parseFrenchDate(textAnswer(answers, "deceasedBirthDate"));
            if (birth && death <= birth) return "La date du décès doit suivre la date de naissance.";
            return notInFuture(situation, death);
          },
        },
      ],
    },
    {
      id: "mariage",
      title: "Votre mariage",
      intro:
        "La réversion est versée à l'époux ou l'épouse et aux ex-époux, selon la durée de chaque mariage.",
      questions: [
        {
          id: "marriageDate",
          type: "date",
          label: "Date de votre mariage",
          hint: "Par exemple 21/06/1992",
          prefill: (situation) => knownDate(situation.deceasedSpouse?.startedOn),
          check: (value, answers, situation) => {
            const married = parseFrenchDate(value) ?? "";
            const death = parseFrenchDate(textAnswer(answers, "deathDate"));
            if (death && married >= death) return "La date du mariage doit précéder la date du décès.";
            return notInFuture(situation, married);
          },
        },
        {
          id: "previousMarriages",
          type: "yesno",
          label: "La personne décédée avait-elle été mariée avant vous ?",
        },
        {
          id: "previousSpouses",
          type: "group",
          label: "Ses mariages précédents",
          itemLabel: "Un mariage précédent",
          when: yes("previousMarriages"),
          fields: [
            { id: "name", type: "text", label: "Nom et prénom de l'ex-époux ou ex-épouse", maxLength: 100 },
            { id: "from", type: "date", label: "Date du mariage", hint: "Par exemple 10/05/1980" },
            { id: "until", type: "date", label: "Date du divorce", hint: "Par exemple 15/09/1988" },
          ],
        },
      ],
    },
    {
      id: "votre-situation",
      title: "Votre situation",
      questions: [
        {
          id: "livingAsCouple",
          type: "yesno",
          label: "Vivez-vous de nouveau en couple (mariage, PACS ou concubinage) ?",
          hint: "Vous gardez votre droit à la réversion ; les ressources de votre couple comptent alors.",
        },
        {
          id: "ownPension",
          type: "yesno",
          label: "Percevez-vous déjà une retraite ?",
          prefill: (situation) => (situation.retiree ? "oui" : undefined),
        },
      ],
    },
    {
      id: "ressources",
      title: "Vos ressources",
      intro:
        "La réversion dépend de vos ressources : indiquez la moyenne mensuelle des 3 derniers mois, sans la réversion demandée.",
      questions: [
        {
          id: "resourcesMonthly",
          type: "amount",
          label: "Vos ressources par mois, en euros",
          hint: "Salaires, retraites, allocations chômage, revenus de placements ou de location ; 0 si vous n'en avez pas",
          max: 100000,
        },
        {
          id: "partnerResourcesMonthly",
          type: "amount",
          label: "Les ressources de votre conjoint actuel par mois, en euros",
          max: 100000,
          when: yes("livingAsCouple"),
        },
      ],
    },
    bankStep,
  ],
  proofCatalogue: [COMMON_PROOFS.identity, ...Object.values(PROOFS), COMMON_PROOFS.bankDetails],
  proofs: (answers, situation) => [
    IDENTITY_PROOF,
    {
      ...PROOFS.deathCertificate,
      reason: "Il établit la date du décès, qui ouvre le droit.",
    },
    {
      ...PROOFS.marriageCertificate,
      reason: "La réversion est réservée aux personnes mariées avec la personne décédée.",
    },
    ...((parseAmount(textAnswer(answers, "resourcesMonthly")) ?? 0) > 0 ||
    (parseAmount(textAnswer(answers, "partnerResourcesMonthly")) ?? 0) > 0
      ? [
          {
            ...PROOFS.resources,
            reason: "Vous déclarez des ressources : elles décident du montant de la réversion.",
          },
        ]
      : []),
    ...bankProof(answers, situation),
  ],
  nextSteps:
    "Votre caisse vérifie les droits de la personne décédée et vos ressources, puis vous notifie sa décision avec le montant. Une demande de réversion est traitée en 90 jours au plus dans la grande majorité des cas.",
};
