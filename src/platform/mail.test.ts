import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import Fastify from "fastify";
import { sql } from "kysely";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { openTestDatabase, testEngines } from "../../test/helpers/database.ts";
import { devOutboxRoutes, MAX_ATTEMPTS, mailDelivery, queueMail, retryDelay } from "./mail.ts";

async function smtpServer(handlers: Partial<SMTPServerOptions>) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    ...handlers,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const MAIL = { to: "lea@exemple.fr", subject: "Essai", text: "Bonjour" };

for (const engine of testEngines) {
  test(`[${engine}] a slow mail server holds no transaction: the database keeps answering while a mail is sent`, async () => {
    const database = await openTestDatabase(engine);
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let receiving!: () => void;
    const inData = new Promise<void>((resolve) => {
      receiving = resolve;
    });
    const smtp = await smtpServer({
      onData(stream, _session, callback) {
        stream.resume();
        stream.on("end", () => {
          receiving();
          void released.then(() => callback());
        });
      },
    });
    const delivery = mailDelivery(database.db, { smtpUrl: smtp.url, mailFrom: "Parcours <p@parcours.test>" });
    try {
      await queueMail(database.db, MAIL);
      const sending = delivery.deliverPending();
      await inData;
      // On the embedded database a transaction holds the only connection: a write now would wait for
      // the mail server as long as it takes, and so would every request.
      const write = queueMail(database.db, { ...MAIL, subject: "Pendant l'envoi" }).then(() => "write");
      const blocked = new Promise((resolve) => setTimeout(() => resolve("blocked"), 5000).unref());
      assert.equal(await Promise.race([write, sending.then(() => "delivery"), blocked]), "write");
      release();
      assert.equal(await sending, 1);
      const rows = await sql<{ subject: string; sent: boolean }>`
        select subject, sent_at is not null as sent from mail_outbox order by id`.execute(database.db);
      assert.deepEqual(rows.rows, [
        { subject: "Essai", sent: true },
        { subject: "Pendant l'envoi", sent: false },
      ]);
    } finally {
      release();
      await delivery.stop();
      await smtp.close();
      await database.close();
    }
  });

  test(`[${engine}] a refusing mail server: retries with growing delays, then a visible failed state`, async () => {
    const database = await openTestDatabase(engine);
    let refusals = 0;
    const smtp = await smtpServer({
      onRcptTo(_address, _session, callback) {
        refusals++;
        callback(Object.assign(new Error("Boîte pleine"), { responseCode: 452 }));
      },
    });
    let now = new Date("2027-03-01T08:00:00Z");
    const delivery = mailDelivery(
      database.db,
      { smtpUrl: smtp.url, mailFrom: "Parcours <p@parcours.test>" },
      { clock: () => now },
    );
    try {
      await sql`insert into mail_outbox (recipient, subject, body_text, next_attempt_at)
        values ('lea@exemple.fr', 'Essai', 'Bonjour', ${now})`.execute(database.db);
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        assert.equal(await delivery.deliverPending(), 0);
        const [row] = (
          await sql<{ attempts: number; next_attempt_at: Date; failed_at: Date | null; last_error: string }>`
            select attempts, next_attempt_at, failed_at, last_error from mail_outbox`.execute(database.db)
        ).rows;
        assert.ok(row);
        assert.equal(row.attempts, attempt);
        assert.match(row.last_error, /Boîte pleine/);
        if (attempt < MAX_ATTEMPTS) {
          assert.equal(row.failed_at, null);
          assert.equal(row.next_attempt_at.getTime() - now.getTime(), retryDelay(attempt));
          // Not retried before its time.
          assert.equal(await delivery.deliverPending(), 0);
          assert.equal(refusals, attempt);
          now = row.next_attempt_at;
        } else {
          assert.ok(row.failed_at, "given up after the last attempt");
        }
      }
      assert.deepEqual(
        [1, 2, 3, 4, 5, 6, 7].map(retryDelay),
        [1, 2, 4, 8, 16, 30, 30].map((minutes) => minutes * 60_000),
      );
      now = new Date(now.getTime() + 24 * 3_600_000);
      assert.equal(await delivery.deliverPending(), 0);
      assert.equal(refusals, MAX_ATTEMPTS, "a failed mail is not retried");
      assert.equal(await delivery.pendingCount(), 0);

      const app = Fastify();
      await app.register(devOutboxRoutes, { db: database.db });
      const page = await app.inject("/dev/courriels");
      assert.match(page.body, new RegExp(`Échec d'envoi après ${MAX_ATTEMPTS} tentatives : .*Boîte pleine`));
      await app.close();
    } finally {
      await delivery.stop();
      await smtp.close();
      await database.close();
    }
  });
}
