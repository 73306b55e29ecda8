import { sql } from "kysely";
import type { Db } from "./db.ts";

/**
 * A daily job: reminders, expiry, deadline watch. Each is a sweep over the database that finds what is
 * due at `now` and is idempotent, so running it twice, late, or after a crash does no harm; the clock is
 * a parameter so tests run a sweep at any date.
 */
export interface DailyJob {
  /** Stable name, e.g. "drafts.reminders"; the key of its runs. */
  readonly name: string;
  /** Hour in France from which the day's run may start (early morning, before people log in). */
  readonly hour: number;
  /** Handles what is due at `now`; returns how many items it handled (mails queued, drafts deleted…). */
  run(now: Date): Promise<number>;
}

export interface JobOutcome {
  readonly job: string;
  readonly day: string;
  readonly handled?: number;
  readonly error?: string;
}

type JobTables = {
  job_run: {
    job: string;
    day: string;
    started_at: Date;
    finished_at: Date | null;
    handled: number | null;
    error: string | null;
  };
};

/** A run that failed or whose instance died is taken again by any instance after this delay. */
const RETRY_AFTER_MINUTES = 15;

const PARIS = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  hourCycle: "h23",
});

/** The day (YYYY-MM-DD) and hour in France at an instant. */
export function parisDayAndHour(at: Date): { day: string; hour: number } {
  const parts = Object.fromEntries(PARIS.formatToParts(at).map((part) => [part.type, part.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

/**
 * Runs the daily jobs of every instance from the database, not from timers inside requests: a run is
 * claimed by inserting its (job, day) row, so however many instances tick, each job runs once a day;
 * a failed run stays unfinished and is claimed again after RETRY_AFTER_MINUTES.
 */
export function jobScheduler(
  db: Db,
  jobs: readonly DailyJob[],
  options: { clock?: () => Date; onOutcome?: (outcome: JobOutcome) => void } = {},
) {
  const clock = options.clock ?? (() => new Date());
  const runs = () => db.withTables<JobTables>();

  async function claim(job: string, day: string, now: Date): Promise<boolean> {
    const claimed = await sql<{ job: string }>`
      insert into job_run (job, day, started_at) values (${job}, ${day}, ${now})
      on conflict (job, day) do update set started_at = excluded.started_at, error = null
        where job_run.finished_at is null
          and job_run.started_at < ${now}::timestamptz - make_interval(mins => ${RETRY_AFTER_MINUTES})
      returning job`.execute(db);
    return claimed.rows.length === 1;
  }

  /** Runs every job due at the clock's time and not yet run today; returns what happened. */
  async function tick(): Promise<JobOutcome[]> {
    const now = clock();
    const { day, hour } = parisDayAndHour(now);
    const outcomes: JobOutcome[] = [];
    for (const job of jobs) {
      if (hour < job.hour || !(await claim(job.name, day, now))) continue;
      let outcome: JobOutcome;
      try {
        const handled = await job.run(now);
        await runs()
          .updateTable("job_run")
          .set({ finished_at: new Date(), handled })
          .where("job", "=", job.name)
          .where("day", "=", day)
          .execute();
        outcome = { job: job.name, day, handled };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await runs()
          .updateTable("job_run")
          .set({ error: message })
          .where("job", "=", job.name)
          .where("day", "=", day)
          .execute();
        outcome = { job: job.name, day, error: message };
      }
      outcomes.push(outcome);
      options.onOutcome?.(outcome);
    }
    return outcomes;
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  function next() {
    if (running) return; // the previous tick is still at work
    running = tick()
      .catch((error: unknown) => options.onOutcome?.({ job: "*", day: "", error: String(error) }))
      .finally(() => {
        running = undefined;
      });
  }
  return {
    tick,
    /** Looks for due jobs now, then every `intervalMs` until `stop`; one tick at a time. */
    start(intervalMs = 60_000) {
      if (timer) return;
      next();
      timer = setInterval(next, intervalMs);
      timer.unref();
    },
    /** Stops looking and waits for the tick at work, so the database can be closed after. */
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
