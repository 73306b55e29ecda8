/**
 * The service catalogue: DESIGN.md's table of the personal space's services by profile, and the
 * profile of a person. Pure: the home lists these services, the guard refuses a route whose service a
 * person is not offered, the site map lists only offered pages, and ratings name a service by its code.
 */
import type { SituationFlags } from "../identity/index.ts";

/** The columns of DESIGN.md's service table: the age bracket of a working person, or retiree. */
export type Profile = "under45" | "from45to54" | "from55" | "retiree";

export type ServiceCode =
  | "question"
  | "careerStatement"
  | "careerCorrection"
  | "legalAge"
  | "longCareerEarlyRetirement"
  | "pensionEstimate"
  | "globalEstimate"
  | "appointment"
  | "retirementClaim"
  | "caseTracking"
  | "bereavement"
  | "aspa"
  | "payments"
  | "addressAndBank"
  | "complaint"
  | "serviceRating"
  | "personalData";

export interface Service {
  readonly code: ServiceCode;
  readonly title: string;
  readonly description: string;
  /** The page of the service once it is built; absent until then ("Bientôt disponible", no link). */
  readonly href?: string;
}

interface CatalogueEntry extends Service {
  readonly profiles: readonly Profile[];
}

const ALL: readonly Profile[] = ["under45", "from45to54", "from55", "retiree"];
const WORKING: readonly Profile[] = ["under45", "from45to54", "from55"];
const FROM_45: readonly Profile[] = ["from45to54", "from55"];

/** DESIGN.md, "Services offered in the personal space, by profile" (seed 000 §3), row by row. */
const CATALOGUE: readonly CatalogueEntry[] = [
  {
    code: "question",
    title: "Poser une question",
    description: "Écrire à votre caisse de retraite. Réponse sous 2 jours ouvrés.",
    profiles: ALL,
  },
  {
    code: "careerStatement",
    title: "Consulter ma carrière",
    description:
      "Votre relevé de carrière (années, employeurs, salaires, trimestres) et le relevé de tous vos régimes.",
    href: "/espace/carriere",
    profiles: WORKING,
  },
  {
    code: "careerCorrection",
    title: "Corriger ma carrière",
    description:
      "Signaler une période manquante ou erronée, joindre vos justificatifs, déclarer vos enfants.",
    href: "/espace/demarches/correction-de-carriere",
    profiles: FROM_45,
  },
  {
    code: "legalAge",
    title: "Connaître mon âge de départ",
    description: "L'âge légal de départ et le nombre de trimestres requis pour votre génération.",
    href: "/espace/age-de-depart",
    profiles: WORKING,
  },
  {
    code: "longCareerEarlyRetirement",
    title: "Partir plus tôt (carrière longue)",
    description:
      "Savoir si vous pouvez partir avant l'âge légal parce que vous avez commencé à travailler jeune.",
    href: "/espace/carriere-longue",
    profiles: FROM_45,
  },
  {
    code: "pensionEstimate",
    title: "Estimer ma retraite",
    description: "Le montant de votre retraite selon 5 hypothèses de fin de carrière.",
    href: "/espace/estimation",
    profiles: FROM_45,
  },
  {
    code: "globalEstimate",
    title: "Mon estimation indicative globale",
    description: "Le document qui estime votre retraite dans tous vos régimes (EIG).",
    href: "/espace/eig.pdf",
    profiles: ["from55"],
  },
  {
    code: "appointment",
    title: "Prendre rendez-vous",
    description:
      "Rencontrer un conseiller : information retraite, demande de retraite, décès d'un proche, carrière.",
    profiles: ["from55", "retiree"],
  },
  {
    code: "retirementClaim",
    title: "Demander ma retraite",
    description: "Une seule demande en ligne pour tous vos régimes.",
    href: "/espace/demarches/demande-de-retraite",
    profiles: ["from55"],
  },
  {
    code: "caseTracking",
    title: "Suivre mon dossier",
    description: "Les étapes de votre demande, de sa réception au premier paiement.",
    href: "/espace/dossiers",
    profiles: ALL,
  },
  {
    code: "bereavement",
    title: "Décès d'un proche",
    description: "Être accompagné après un décès et demander une pension de réversion.",
    href: "/espace/demarches/pension-de-reversion",
    profiles: ALL,
  },
  {
    // Not in seed 000 §3: DESIGN.md's "going to people" names retirees likely eligible to the ASPA.
    code: "aspa",
    title: "Demander l'allocation de solidarité (ASPA)",
    description: "Si vos ressources sont faibles, l'ASPA complète votre retraite jusqu'à un minimum garanti.",
    href: "/espace/demarches/allocation-de-solidarite",
    profiles: ["retiree"],
  },
  {
    code: "payments",
    title: "Mes paiements",
    description:
      "Le calendrier, vos 3 derniers paiements, votre attestation de paiement et le montant à déclarer aux impôts.",
    href: "/espace/paiements",
    profiles: ["retiree"],
  },
  {
    code: "addressAndBank",
    title: "Changer d'adresse ou de compte bancaire",
    description: "Déclarer votre nouvelle adresse ou vos nouvelles coordonnées bancaires (IBAN vérifié).",
    href: "/espace/profil",
    profiles: ALL,
  },
  {
    code: "complaint",
    title: "Faire une réclamation",
    description: "Déposer et suivre une réclamation, saisir le médiateur.",
    profiles: ALL,
  },
  {
    code: "serviceRating",
    title: "Donner mon avis",
    description: "Noter de 1 à 10 le service que vous venez d'utiliser.",
    href: "/espace/avis",
    profiles: ALL,
  },
  {
    code: "personalData",
    title: "Gérer mes données",
    description: "Consulter, télécharger ou faire corriger vos données personnelles.",
    href: "/espace/mes-donnees",
    profiles: ALL,
  },
];

/** A retiree (an own-right pension in payment) whatever the age; otherwise the age bracket. */
export function profileOf(age: number, retiree: boolean): Profile {
  if (retiree) return "retiree";
  if (age < 45) return "under45";
  if (age < 55) return "from45to54";
  return "from55";
}

/**
 * Fragile situations (AAH, RSA, invalidity pension, disability, or flagged fragile: recent widowhood,
 * isolation, hardship) get the attentive journey: a human appointment is offered whatever the age.
 */
export function isAttentive(situation: SituationFlags): boolean {
  return (
    situation.fragile ||
    situation.receivesAah ||
    situation.receivesRsa ||
    situation.invalidityPension ||
    situation.disability
  );
}

export interface Catalogue {
  readonly profile: Profile;
  readonly attentive: boolean;
  readonly services: readonly Service[];
}

/** The services of a person's personal space, in the table's order. */
export function catalogueFor(facts: {
  readonly age: number;
  readonly retiree: boolean;
  readonly situation: SituationFlags;
}): Catalogue {
  const profile = profileOf(facts.age, facts.retiree);
  const attentive = isAttentive(facts.situation);
  const services = CATALOGUE.filter(
    (entry) => entry.profiles.includes(profile) || (attentive && entry.code === "appointment"),
  ).map(({ profiles: _, ...service }) => service);
  return { profile, attentive, services };
}
