import type { Generated } from "kysely";

/** The right of access and the right to rectification (RGPD art. 15 and 16) in the personal space. Pure. */

export const CORRECTION_TOPICS = {
  identity: "Mon état civil (nom, prénoms, date ou lieu de naissance)",
  contact: "Mes coordonnées (adresse, courriel, téléphone)",
  career: "Ma carrière (années, salaires, trimestres)",
  family: "Ma famille (enfants, conjoint)",
  payments: "Mes paiements",
  other: "Autre chose",
} as const;

export type CorrectionTopic = keyof typeof CORRECTION_TOPICS;

export const CORRECTION_MAX = 2000;

export interface CorrectionForm {
  readonly topic: string;
  readonly correction: string;
}

export type CorrectionField = keyof CorrectionForm;

export type CheckedCorrection =
  | { readonly ok: true; readonly value: { topic: CorrectionTopic; correction: string } }
  | { readonly ok: false; readonly errors: Partial<Record<CorrectionField, string>> };

export function checkCorrection(form: CorrectionForm): CheckedCorrection {
  const errors: Partial<Record<CorrectionField, string>> = {};
  if (!(form.topic in CORRECTION_TOPICS)) errors.topic = "Choisissez les données concernées.";
  const correction = form.correction.trim();
  if (correction === "")
    errors.correction = "Indiquez ce qui est inexact et la correction que vous demandez.";
  else if (correction.length > CORRECTION_MAX)
    errors.correction = `Votre demande ne peut pas dépasser ${CORRECTION_MAX} caractères (elle en compte ${correction.length}).`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { topic: form.topic as CorrectionTopic, correction } };
}

/** What each recorded act means, in the words of the person whose file it is. */
const ACTION_LABELS: Readonly<Record<string, string>> = {
  "insured.read": "Consultation de votre dossier par un agent",
  "space.read": "Consultation de votre espace par votre représentant",
  "payments.read": "Consultation de vos paiements",
  "payments.certificate": "Attestation de paiement téléchargée",
  "account.login": "Connexion à votre espace",
  "account.logout": "Déconnexion",
  "account.locked": "Connexion bloquée après plusieurs échecs",
  "account.email_verified": "Adresse électronique confirmée",
  "account.password_reset_requested": "Demande de nouveau mot de passe",
  "account.password_reset": "Mot de passe changé",
  "login.franceconnect": "Connexion avec FranceConnect",
  "logout.franceconnect": "Déconnexion de FranceConnect",
  "representation.start": "Votre représentant a ouvert votre espace",
  "profile.address.change": "Changement d'adresse",
  "profile.bank.request": "Demande de changement de compte bancaire",
  "profile.bank.confirm": "Nouveau compte bancaire confirmé",
  "personalData.export": "Téléchargement de vos données",
  "personalData.correction": "Demande de correction de vos données",
};

export function actionLabel(action: string): string {
  if (action.startsWith("refused:")) return `Accès refusé (${actionLabel(action.slice("refused:".length))})`;
  return ACTION_LABELS[action] ?? action;
}

// ------------------------------------------------------------ tables (migrations/0013_satisfaction.sql)

export type DataCorrectionRequestTable = {
  id: Generated<number>;
  insured_id: number;
  topic: CorrectionTopic;
  correction: string;
  created_at: Generated<Date>;
  actor_kind: string;
  actor_id: number | null;
};

export type PersonalDataTables = { data_correction_request: DataCorrectionRequestTable };
