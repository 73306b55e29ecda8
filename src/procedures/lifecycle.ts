import type { DocumentStorage } from "../documents/index.ts";
import { deleteDocuments } from "../documents/index.ts";
import { dateInFrance, displayNameOf, insuredById } from "../identity/index.ts";
import type { Db } from "../platform/db.ts";
import { CONTACT } from "../platform/format.ts";
import type { DailyJob } from "../platform/jobs.ts";
import { type Mail, queueMail } from "../platform/mail.ts";
import { frenchDayOf } from "../rules/index.ts";
import { PROCEDURES, procedurePath } from "./definitions/index.ts";
import {
  capitalized,
  type Draft,
  expiresAt,
  expiryWarningDue,
  isExpired,
  REMINDER_AFTER_DAYS,
  reminderDue,
  sweepCandidatesBefore,
} from "./model.ts";
import {
  deleteExpiredDraft,
  draftsInactiveBefore,
  draftsToRemind,
  markExpiryWarned,
  markReminded,
} from "./store.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Mails about a draft read as a person wrote them, not as spam: who writes, which procedure, the exact
 * date, the address of the site to type in (no "click here" to a look-alike), and the password warning.
 */
function draftMail(
  to: string,
  name: string,
  draft: Draft,
  publicUrl: string,
  kind: "reminder" | "expiry",
): Mail {
  const procedure = PROCEDURES[draft.procedure];
  const expiry = frenchDayOf(dateInFrance(expiresAt(draft.lastActivityAt)));
  const saved = frenchDayOf(dateInFrance(draft.lastActivityAt));
  const opening =
    kind === "reminder"
      ? `Vous avez commencé ${procedure.named} le ${frenchDayOf(dateInFrance(draft.createdAt))} sur le site de l'Assurance retraite, sans l'envoyer. Vos réponses sont enregistrées (dernière modification le ${saved}) : vous pouvez la terminer quand vous le souhaitez.`
      : `Vous avez commencé ${procedure.named} sur le site de l'Assurance retraite, sans l'envoyer. Sans nouvelle activité de votre part, elle sera supprimée le ${expiry}, avec les justificatifs joints.`;
  return {
    to,
    subject:
      kind === "reminder"
        ? `${capitalized(procedure.named)} n'est pas terminée`
        : `${capitalized(procedure.named)} sera supprimée le ${expiry}`,
    text: [
      `Bonjour ${name},`,
      "",
      opening,
      "",
      `Pour la reprendre, connectez-vous à votre espace personnel à l'adresse ${publicUrl}${procedurePath(procedure)}, puis choisissez « Reprendre ma demande ».`,
      ...(kind === "reminder"
        ? ["", `Une demande sans activité pendant 6 mois est supprimée : la vôtre le serait le ${expiry}.`]
        : []),
      "",
      "Nous ne vous demanderons jamais votre mot de passe, ni par courriel ni par téléphone.",
      "",
      "L'Assurance retraite",
      CONTACT.line,
    ].join("\n"),
  };
}

async function mailAbout(
  db: Db,
  drafts: readonly Draft[],
  publicUrl: string,
  now: Date,
  kind: "reminder" | "expiry",
): Promise<number> {
  let sent = 0;
  for (const draft of drafts) {
    const owner = await insuredById(db, draft.insuredId);
    await db.transaction().execute(async (tx) => {
      // Marked first, on the inactivity period it was decided on: a person back in the meantime gets nothing.
      const marked =
        kind === "reminder" ? await markReminded(tx, draft, now) : await markExpiryWarned(tx, draft, now);
      if (!marked || !owner?.email) return;
      await queueMail(tx, draftMail(owner.email, displayNameOf(owner), draft, publicUrl, kind));
      sent++;
    });
  }
  return sent;
}

/** A reminder to people whose draft has had no activity for 7 days, once per period of inactivity. */
export async function reminderSweep(db: Db, publicUrl: string, now: Date): Promise<number> {
  const candidates = await draftsToRemind(db, new Date(now.getTime() - REMINDER_AFTER_DAYS * DAY_MS));
  return mailAbout(
    db,
    candidates.filter((draft) => reminderDue(draft, now)),
    publicUrl,
    now,
    "reminder",
  );
}

/** The warning 14 days before a draft expires (6 months after its last activity). */
export async function expiryWarningSweep(db: Db, publicUrl: string, now: Date): Promise<number> {
  const candidates = await draftsInactiveBefore(db, sweepCandidatesBefore(now));
  return mailAbout(
    db,
    candidates.filter((draft) => expiryWarningDue(draft, now)),
    publicUrl,
    now,
    "expiry",
  );
}

/**
 * Deletes expired drafts and their files, whether or not a mail could be sent before (no address, no
 * warning): keeping personal data past its term is not an option.
 */
export async function expiredDraftsSweep(db: Db, storage: DocumentStorage, now: Date): Promise<number> {
  const candidates = await draftsInactiveBefore(db, sweepCandidatesBefore(now));
  let deleted = 0;
  for (const draft of candidates.filter((candidate) => isExpired(candidate, now))) {
    await db.transaction().execute(async (tx) => {
      if (!(await deleteExpiredDraft(tx, draft))) return;
      await deleteDocuments(tx, storage, [...new Set(Object.values(draft.proofs).flat())]);
      deleted++;
    });
  }
  return deleted;
}

/** The three daily jobs of drafts, for the job scheduler. */
export function draftJobs(db: Db, storage: DocumentStorage, publicUrl: string): DailyJob[] {
  return [
    { name: "drafts.reminders", hour: 9, run: (now) => reminderSweep(db, publicUrl, now) },
    { name: "drafts.expiryWarnings", hour: 9, run: (now) => expiryWarningSweep(db, publicUrl, now) },
    { name: "drafts.deleteExpired", hour: 3, run: (now) => expiredDraftsSweep(db, storage, now) },
  ];
}
