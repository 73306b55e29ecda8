import type { Answers, Condition, FieldQuestion, ProofRequirement, Situation, Step } from "../model.ts";
import { frenchShortDate, parseFrenchDate, proofCatalogue, textAnswer } from "../model.ts";

export const yes =
  (id: string): Condition =>
  (answers) =>
    textAnswer(answers, id) === "oui";
export const answerIs =
  (id: string, ...values: string[]): Condition =>
  (answers) =>
    values.includes(textAnswer(answers, id));

/** Known date (YYYY-MM-DD) as the person would type it. */
export function knownDate(iso: string | null | undefined): string | undefined {
  return iso ? frenchShortDate(iso) : undefined;
}

function compactIban(text: string): string {
  return text.replace(/\s+/g, "").toUpperCase();
}

/** The bank step every claim ends its questions with: pre-filled with the account payments go to. */
export const bankStep: Step = {
  id: "coordonnees-bancaires",
  title: "Coordonnées bancaires",
  intro: "Le compte sur lequel vous serez payé. Il doit être à votre nom (un compte joint convient).",
  panel: "knownBank",
  questions: [
    {
      id: "bankHolder",
      type: "text",
      label: "Titulaire du compte",
      maxLength: 70,
      prefill: (situation) => situation.bankAccount?.holder ?? situation.name,
    },
    {
      id: "iban",
      type: "iban",
      label: "IBAN",
      hint: "Par exemple FR76 3000 6000 0112 3456 7890 189 ; les espaces sont facultatifs",
      prefill: (situation) => situation.bankAccount?.iban,
    },
  ],
};

/** The proofs every claim may ask for. */
export const COMMON_PROOFS = proofCatalogue({
  identity: "Pièce d'identité en cours de validité (carte d'identité, passeport ou titre de séjour)",
  bankDetails: "Relevé d'identité bancaire (RIB) à votre nom",
});

export const IDENTITY_PROOF: ProofRequirement = {
  ...COMMON_PROOFS.identity,
  reason: "Elle est demandée pour toute demande de prestation.",
};

/** A RIB only when the account given is not the one payments already go to. */
export function bankProof(answers: Answers, situation: Situation): ProofRequirement[] {
  const given = compactIban(textAnswer(answers, "iban"));
  if (given !== "" && situation.bankAccount && compactIban(situation.bankAccount.iban) === given) return [];
  return [
    {
      ...COMMON_PROOFS.bankDetails,
      reason: situation.bankAccount
        ? "Le compte indiqué n'est pas celui sur lequel nous vous payons aujourd'hui."
        : "Nous ne connaissons pas encore de compte bancaire à votre nom.",
    },
  ];
}

/** Today in France, for checks of dates the person gives. */
export function notInFuture(situation: Situation, iso: string): string | undefined {
  return iso > situation.today ? "Cette date est dans le futur : vérifiez-la." : undefined;
}

/** The fields naming a child, the same in every procedure that lists children. */
export const CHILD_FIELDS: readonly FieldQuestion[] = [
  { id: "firstName", type: "text", label: "Prénom", maxLength: 60 },
  {
    id: "birthDate",
    type: "date",
    label: "Date de naissance",
    hint: "Par exemple 14/03/1995",
    check: (value, _answers, situation) => notInFuture(situation, parseFrenchDate(value) ?? ""),
  },
];

/** The children Parcours knows, as the first rows of a children group (the person corrects them). */
export function knownChildren(situation: Situation): { firstName: string; birthDate: string }[] {
  return situation.children.map((child) => ({
    firstName: child.firstName,
    birthDate: knownDate(child.birthDate) ?? "",
  }));
}
