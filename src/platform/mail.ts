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
  }));
}

const MAX_BACKOFF_MS = 30 * 60 * 1000;

/**
 * Sends queued mails over SMTP (when SMTP_URL is set), a batch at a time, each row locked so several
 * instances never send the same mail; a failure is retried later with a growing delay.
 */
export function mailDelivery(db: Db, config: Pick<Config, "smtpUrl" | "mailFrom">) {
  const transport = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : undefined;
  const tables = () => db.withTables<OutboxTables>();

  async function deliverPending(batch = 20): Promise<number> {
    if (!transport) return 0;
    let sent = 0;
    await db.transaction().execute(async (tx) => {
      const due = await tx
        .withTables<OutboxTables>()
        .selectFrom("mail_outbox")
        .selectAll()
        .where("sent_at", "is", null)
        .where("next_attempt_at", "<=", new Date())
        .orderBy("id")
        .limit(batch)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const row of due) {
        try {
          await transport.sendMail({
            from: config.mailFrom,
            to: row.recipient,
            subject: row.subject,
            text: row.body_text,
          });
          await tx
            .withTables<OutboxTables>()
            .updateTable("mail_outbox")
            .set({ sent_at: new Date() })
            .where("id", "=", row.id)
            .execute();
          sent++;
        } catch (error) {
          const delay = Math.min(MAX_BACKOFF_MS, 2 ** row.attempts * 60_000);
          await tx
            .withTables<OutboxTables>()
            .updateTable("mail_outbox")
            .set({
              attempts: row.attempts + 1,
              next_attempt_at: new Date(Date.now() + delay),
              last_error: error instanceof Error ? error.message : String(error),
            })
            .where("id", "=", row.id)
            .execute();
        }
      }
    });
    return sent;
  }

  let timer: NodeJS.Timeout | undefined;
  return {
    deliverPending,
    /** Polls the outbox every `intervalMs` until `stop`. */
    start(intervalMs = 2000) {
      if (!transport || timer) return;
      timer = setInterval(() => {
        deliverPending().catch(() => {
          // Logged by the next successful run's absence; the rows stay queued.
        });
      }, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      transport?.close();
    },
    pendingCount: async () =>
      Number(
        (
          await tables()
            .selectFrom("mail_outbox")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("sent_at", "is", null)
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
  <p class="fr-text--sm">À ${mail.to}, le ${mail.createdAt.toLocaleString("fr-FR", { timeZone: "Europe/Paris" })}${mail.sentAt ? " — envoyé par SMTP" : ""}</p>
  <pre class="fr-text--sm">${withLinks(mail.text)}</pre>
</section>`,
      )
}`,
    }).value;
  });
}
