import type { FastifyInstance } from "fastify";
import nodemailer from "nodemailer";
import type { Config } from "./config.ts";
import type { Db, Tx } from "./db.ts";
import { page } from "./dsfr/index.ts";
import { html } from "./html.ts";

export interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

type OutboxTables = {
  mail_outbox: {
    id: number;
    recipient: string;
    subject: string;
    body_text: string;
    created_at: Date;
    attempts: number;
    next_attempt_at: Date;
    sent_at: Date | null;
    last_error: string | null;
    failed_at: Date | null;
  };
};

/** Queues a mail in the caller's transaction: it leaves only if what decided it is committed. */
export async function queueMail(db: Db | Tx, mail: Mail): Promise<void> {
  await db
    .withTables<OutboxTables>()
    .insertInto("mail_outbox")
    .values({ recipient: mail.to, subject: mail.subject, body_text: mail.text } as never)
    .execute();
}

export interface OutboxEntry {
  readonly id: number;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
  readonly attempts: number;
  /** Given up after MAX_ATTEMPTS; the last SMTP answer says why. */
  readonly failedAt: Date | null;
  readonly lastError: string | null;
}

export async function outbox(db: Db, limit = 50): Promise<OutboxEntry[]> {
  const rows = await db
    .withTables<OutboxTables>()
    .selectFrom("mail_outbox")
    .selectAll()
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    to: row.recipient,
    subject: row.subject,
    text: row.body_text,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    attempts: row.attempts,
    failedAt: row.failed_at,
    lastError: row.last_error,
  }));
}

/** Retry delays: 1 min, 2, 4… capped at 30 min; after MAX_ATTEMPTS the mail is marked failed. */
const FIRST_BACKOFF_MS = 60_000;
const MAX_BACKOFF_MS = 30 * 60 * 1000;
export const MAX_ATTEMPTS = 8;
/** A claimed mail is not taken by another sender for this long (its sender may have died mid-send). */
const CLAIM_MS = 5 * 60 * 1000;
/** No SMTP conversation may hold a sender longer than this. */
const SMTP_TIMEOUT_MS = 30_000;

export function retryDelay(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 2 ** Math.max(0, attempts - 1) * FIRST_BACKOFF_MS);
}

/**
 * Sends queued mails over SMTP (when SMTP_URL is set), never inside a database transaction: a short
 * transaction claims a batch (rows locked, skipped by other instances, pushed out of reach for CLAIM_MS
 * and counted as an attempt), the SMTP conversations happen after its commit, and each outcome is
 * written alone. A failure is retried with exponential backoff, at most MAX_ATTEMPTS times, then the
 * mail is marked failed. A sender that dies mid-send leaves its mails due again after CLAIM_MS.
 */
export function mailDelivery(
  db: Db,
  config: Pick<Config, "smtpUrl" | "mailFrom">,
  options: { clock?: () => Date } = {},
) {
  const clock = options.clock ?? (() => new Date());
  const transport = config.smtpUrl
    ? nodemailer.createTransport({
        url: config.smtpUrl,
        connectionTimeout: SMTP_TIMEOUT_MS,
        greetingTimeout: SMTP_TIMEOUT_MS,
        socketTimeout: SMTP_TIMEOUT_MS,
      })
    : undefined;
  const tables = () => db.withTables<OutboxTables>();

  async function claim(batch: number, now: Date) {
    return db.transaction().execute(async (tx) => {
      const due = await tx
        .withTables<OutboxTables>()
        .selectFrom("mail_outbox")
        .selectAll()
        .where("sent_at", "is", null)
        .where("failed_at", "is", null)
        .where("next_attempt_at", "<=", now)
        .orderBy("id")
        .limit(batch)
        .forUpdate()
        .skipLocked()
        .execute();
      if (due.length > 0) {
        await tx
          .withTables<OutboxTables>()
          .updateTable("mail_outbox")
          .set((eb) => ({
            attempts: eb("attempts", "+", 1),
            next_attempt_at: new Date(now.getTime() + CLAIM_MS),
          }))
          .where(
            "id",
            "in",
            due.map((row) => row.id),
          )
          .execute();
      }
      return due.map((row) => ({ ...row, attempts: row.attempts + 1 }));
    });
  }

  async function deliverPending(batch = 20): Promise<number> {
    if (!transport) return 0;
    let sent = 0;
    for (const row of await claim(batch, clock())) {
      try {
        await transport.sendMail({
          from: config.mailFrom,
          to: row.recipient,
          subject: row.subject,
          text: row.body_text,
        });
        await tables()
          .updateTable("mail_outbox")
          .set({ sent_at: clock(), last_error: null })
          .where("id", "=", row.id)
          .execute();
        sent++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const giveUp = row.attempts >= MAX_ATTEMPTS;
        await tables()
          .updateTable("mail_outbox")
          .set({
            last_error: message.slice(0, 500),
            ...(giveUp
              ? { failed_at: clock() }
              : { next_attempt_at: new Date(clock().getTime() + retryDelay(row.attempts)) }),
          })
          .where("id", "=", row.id)
          .execute();
      }
    }
    return sent;
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  return {
    deliverPending,
    /** Polls the outbox every `intervalMs` until `stop`; one round at a time. */
    start(intervalMs = 2000) {
      if (!transport || timer) return;
      timer = setInterval(() => {
        if (running) return;
        running = deliverPending()
          .catch(() => {
            // The database is away: the rows stay queued and the next round takes them.
          })
          .finally(() => {
            running = undefined;
          });
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
      transport?.close();
    },
    pendingCount: async () =>
      Number(
        (
          await tables()
            .selectFrom("mail_outbox")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("sent_at", "is", null)
            .where("failed_at", "is", null)
            .executeTakeFirst()
        )?.n ?? 0,
      ),
  };
}

/** Makes the links of a mail clickable, as a mail client would. */
function withLinks(text: string) {
  return text
    .split(/(https?:\/\/\S+)/)
    .map((part, i) => (i % 2 === 1 ? html`<a href="${part}">${part}</a>` : part));
}

function deliveryState(mail: OutboxEntry): string {
  if (mail.sentAt) return " — envoyé par SMTP";
  if (mail.failedAt) return " — échec d'envoi";
  if (mail.attempts > 0) return ` — ${mail.attempts} tentative(s) d'envoi, nouvel essai prévu`;
  return "";
}

export const DEV_OUTBOX_PATH = "/dev/courriels";

/** Development only: the mails Parcours would send, readable without an SMTP server. */
export async function devOutboxRoutes(app: FastifyInstance, options: { db: Db }): Promise<void> {
  app.get(DEV_OUTBOX_PATH, { config: { action: "dev.outbox" } }, async (_request, reply) => {
    const mails = await outbox(options.db);
    reply.type("text/html; charset=utf-8");
    return page({
      title: "Courriels envoyés (développement)",
      main: html`<h1>Courriels envoyés</h1>
<div class="fr-notice fr-notice--info fr-mb-4w"><div class="fr-container"><div class="fr-notice__body"><p class="fr-notice__title">Page de développement : elle n'existe pas en production.</p></div></div></div>
${
  mails.length === 0
    ? html`<p>Aucun courriel pour l'instant.</p>`
    : mails.map(
        (mail) => html`<section class="fr-mb-4w" aria-labelledby="courriel-${mail.id}">
  <h2 class="fr-h5" id="courriel-${mail.id}">${mail.subject}</h2>
  <p class="fr-text--sm">À ${mail.to}, le ${mail.createdAt.toLocaleString("fr-FR", { timeZone: "Europe/Paris" })}${deliveryState(mail)}</p>
  ${mail.failedAt && html`<p class="fr-badge fr-badge--error">Échec d'envoi après ${mail.attempts} tentatives : ${mail.lastError ?? ""}</p>`}
  <pre class="fr-text--sm">${withLinks(mail.text)}</pre>
</section>`,
      )
}`,
    }).value;
  });
}
