import { careerOf, childQuartersOf } from "../career/index.ts";
import { childrenOf, partnershipsOf } from "../family/index.ts";
import { displayNameOf, type Insured, insuredById, mandatesHeldBy } from "../identity/index.ts";
import { lastPayments, pensionsOf } from "../payments/index.ts";
import { type ActorKind, auditTrailOf, recordAudit } from "../platform/audit.ts";
import { type Db, transaction } from "../platform/db.ts";
import { queueMail } from "../platform/mail.ts";
import { bankAccountsOf, maskIban } from "../profile/index.ts";
import { fundByCode } from "../reference/index.ts";
import { ratingsOf } from "../satisfaction/index.ts";
import { ROLE_LABELS, staffById } from "../staff/index.ts";
import {
  actionLabel,
  CORRECTION_TOPICS,
  type CorrectionField,
  type CorrectionForm,
  checkCorrection,
} from "./model.ts";
import { correctionRequestsOf, insertCorrectionRequest } from "./store.ts";

export interface Actor {
  readonly actorKind: ActorKind;
  readonly actorId: number | null;
}

/** A hundred years of monthly payments: every payment on record. */
const ALL_PAYMENTS = 1200;

function iso(date: Date): string {
  return date.toISOString();
}

/** Who did it, as the person reads it: themselves, their representative, or an agent by role and fund. */
async function actorName(db: Db, ownerId: number, kind: ActorKind, id: number | null): Promise<string> {
  if (kind === "system" || id === null) return "Parcours (automatique)";
  if (kind === "staff") {
    const member = await staffById(db, id);
    if (!member) return `Agent n° ${id}`;
    const fund = member.fundCode ? fundByCode(member.fundCode)?.shortName : undefined;
    return `${ROLE_LABELS[member.role]}${fund ? `, ${fund}` : ", national"} (agent n° ${id})`;
  }
  if (id === ownerId && kind === "insured") return "Vous";
  const person = await insuredById(db, id);
  return `${kind === "representative" ? "Votre représentant, " : ""}${person ? displayNameOf(person) : `personne n° ${id}`}`;
}

/** Everything Parcours holds about one person, in one document (JSON as is, PDF through the views). */
export async function personalDataOf(db: Db, owner: Insured) {
  const [
    career,
    childQuarters,
    children,
    partnerships,
    pensions,
    payments,
    accounts,
    ratings,
    mandates,
    corrections,
    trail,
  ] = await Promise.all([
    careerOf(db, owner.id),
    childQuartersOf(db, owner.id),
    childrenOf(db, owner.id),
    partnershipsOf(db, owner.id),
    pensionsOf(db, owner.id),
    lastPayments(db, owner.id, ALL_PAYMENTS),
    bankAccountsOf(db, owner.id),
    ratingsOf(db, owner.id),
    mandatesHeldBy(db, owner.id),
    correctionRequestsOf(db, owner.id),
    auditTrailOf(db, owner.id),
  ]);
  const names = new Map<string, string>();
  const nameOf = async (kind: ActorKind, id: number | null) => {
    const key = `${kind}:${id}`;
    if (!names.has(key)) names.set(key, await actorName(db, owner.id, kind, id));
    return names.get(key) as string;
  };
  const represented = await Promise.all(mandates.map((m) => insuredById(db, m.representedId)));
  const fund = fundByCode(owner.fundCode);
  return {
    identity: {
      nir: owner.nir,
      sex: owner.sex,
      lastName: owner.lastName,
      birthName: owner.birthName,
      firstNames: owner.firstNames,
      birthDate: owner.birthDate,
      birthPlace: owner.birthPlace,
      birthDepartment: owner.birthDepartment,
    },
    contact: {
      email: owner.email,
      phone: owner.phone,
      address: owner.address,
      contactByEmail: owner.contactByEmail,
      contactBySms: owner.contactBySms,
    },
    fund: { code: owner.fundCode, name: fund?.name ?? null, department: owner.department },
    situation: owner.situation,
    career,
    childQuarters,
    family: { children, partnerships },
    pensions,
    payments,
    bankAccounts: accounts.map((account) => ({
      holder: account.holder,
      iban: maskIban(account.iban),
      bic: account.bic,
      status: account.status,
      requestedAt: iso(account.requestedAt),
      confirmedAt: account.confirmedAt && iso(account.confirmedAt),
    })),
    ratings: ratings.map((rating) => ({
      service: rating.service,
      month: rating.month,
      rating: rating.rating,
      reason: rating.reason,
      comment: rating.comment,
      at: iso(rating.createdAt),
    })),
    mandates: mandates.map((mandate, index) => {
      const person = represented[index];
      return {
        represented: person ? displayNameOf(person) : null,
        kind: mandate.kind,
        scope: mandate.scope,
        startsOn: mandate.startsOn,
        endsOn: mandate.endsOn,
      };
    }),
    correctionRequests: corrections.map((request) => ({
      topic: request.topic,
      correction: request.correction,
      at: iso(request.createdAt),
    })),
    accessLog: await Promise.all(
      trail.map(async (entry) => ({
        at: iso(entry.at),
        who: await nameOf(entry.actorKind, entry.actorId),
        what: actionLabel(entry.action),
        reason: entry.reason,
      })),
    ),
  };
}

export type PersonalData = Awaited<ReturnType<typeof personalDataOf>>;

/** Downloads are traced like any reading of the file. */
export async function exportPersonalData(
  db: Db,
  ownerId: number,
  actor: Actor,
  format: "json" | "pdf",
): Promise<{ owner: Insured; data: PersonalData } | undefined> {
  const owner = await insuredById(db, ownerId);
  if (!owner) return undefined;
  await recordAudit(db, {
    ...actor,
    action: "personalData.export",
    insuredId: ownerId,
    reason: null,
    details: { format },
  });
  return { owner, data: await personalDataOf(db, owner) };
}

export type CorrectionOutcome =
  | { readonly ok: false; readonly errors: Partial<Record<CorrectionField, string>> }
  | { readonly ok: true; readonly id: number; readonly mailedTo: string | null };

/** Stores the request, acknowledges it by mail to the person, and audits it. */
export async function requestCorrection(
  db: Db,
  owner: Insured,
  actor: Actor,
  form: CorrectionForm,
): Promise<CorrectionOutcome> {
  const checked = checkCorrection(form);
  if (!checked.ok) return checked;
  const { topic, correction } = checked.value;
  const id = await transaction({ db }, async (tx) => {
    const id = await insertCorrectionRequest(tx, { insuredId: owner.id, topic, correction, ...actor });
    await recordAudit(tx, {
      ...actor,
      action: "personalData.correction",
      insuredId: owner.id,
      reason: null,
      details: { request: id, topic },
    });
    if (owner.email)
      await queueMail(tx, {
        to: owner.email,
        subject: `Votre demande de correction de données n° ${id} est enregistrée`,
        text: `Bonjour ${displayNameOf(owner)},\n\nNous avons bien reçu votre demande de correction (n° ${id}) concernant : ${CORRECTION_TOPICS[topic]}.\n\nVotre demande :\n${correction}\n\nVotre caisse de retraite l'examine et vous répond dans un délai d'un mois au plus. Si un justificatif est nécessaire, elle vous le demandera.\n\nL'Assurance retraite\nCe courriel est envoyé automatiquement, merci de ne pas y répondre.`,
      });
    return id;
  });
  return { ok: true, id, mailedTo: owner.email };
}
