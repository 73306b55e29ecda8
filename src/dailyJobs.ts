import { stalledCasesJob } from "./cases/index.ts";
import { documentStorage } from "./documents/index.ts";
import { purgeLoginThrottles } from "./identity/index.ts";
import type { Config } from "./platform/config.ts";
import type { Database } from "./platform/db.ts";
import type { DailyJob } from "./platform/jobs.ts";
import { purgeExpiredSessions } from "./platform/sessions.ts";
import { draftJobs } from "./procedures/index.ts";

/**
 * Every daily job of the platform, in the order they run at their hour. The composition root owns the
 * list: each context exports its sweeps, and nothing inside a request schedules work.
 */
export function dailyJobs(
  database: Database,
  config: Pick<Config, "publicUrl" | "uploadsDir" | "clamd">,
): DailyJob[] {
  const { db } = database;
  return [
    { name: "sessions.purge", hour: 4, run: (now) => purgeExpiredSessions(db, now) },
    { name: "identity.login-throttle-purge", hour: 4, run: (now) => purgeLoginThrottles(db, now) },
    ...draftJobs(db, documentStorage(config), config.publicUrl),
    stalledCasesJob(db, config.publicUrl),
  ];
}
