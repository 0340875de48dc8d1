// Timers (docs/architecture.md, `schedule`): node-cron v4 in Europe/Istanbul with overlap prevention
// (docs/conventions.md §7: `noOverlap`, `timezone`). The jobs themselves are plain async functions callable
// without cron; this file only decides *when*. notify/ registers its digest job through `add`.
import cron, { type ScheduledTask } from 'node-cron';
import { TIME_ZONE } from '../../shared/calendar.js';
import type { Logger } from './log.js';

export interface Job {
  name: string;
  expression: string;
  task: ScheduledTask;
}

export interface Scheduler {
  /** Register a job; a run still going when the next is due is skipped (noOverlap). */
  add(name: string, expression: string, fn: () => Promise<unknown>): Job;
  /** Jobs by name (for /healthz and tests). */
  jobs(): Job[];
  /** Next run of each job, as ISO instants. */
  nextRuns(): Record<string, string | null>;
  stop(): Promise<void>;
}

/**
 * @example const s = createScheduler(log); s.add('scan', '*\/10 8-18 * * 1-6', () => runner.run());
 */
export function createScheduler(log: Logger, timezone: string = TIME_ZONE): Scheduler {
  const jobs: Job[] = [];
  return {
    add(name, expression, fn) {
      if (!cron.validate(expression)) throw new Error(`schedule ${name}: "${expression}" is not a valid cron expression`);
      if (jobs.some((j) => j.name === name)) throw new Error(`schedule ${name}: already registered`);
      const task = cron.schedule(
        expression,
        async () => {
          try {
            await fn();
          } catch (err) {
            log.error(`job ${name} failed: ${err instanceof Error ? err.message : String(err)}`);
          }
        },
        { name: `nabiz-${name}`, timezone, noOverlap: true },
      );
      task.on('execution:overlap', () => log.warn(`job ${name}: previous run still going, this run skipped`));
      const job = { name, expression, task };
      jobs.push(job);
      return job;
    },
    jobs: () => [...jobs],
    nextRuns: () => Object.fromEntries(jobs.map((j) => [j.name, j.task.getNextRun()?.toISOString() ?? null])),
    async stop() {
      for (const j of jobs.splice(0)) await j.task.destroy();
    },
  };
}

/** The scan jobs: incremental per SCAN_CRON, the full pass per FULL_SCAN_CRON. */
export function scheduleScans(
  scheduler: Scheduler,
  cfg: { SCAN_CRON: string; FULL_SCAN_CRON: string },
  run: (opts: { full: boolean }) => Promise<unknown>,
): void {
  scheduler.add('scan', cfg.SCAN_CRON, () => run({ full: false }));
  scheduler.add('full-scan', cfg.FULL_SCAN_CRON, () => run({ full: true }));
}
