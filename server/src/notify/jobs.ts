// When notify runs (docs/operations.md). The digest job fires at DIGEST_TIME Monday–Friday; the run itself
// skips public holidays and quiet hours (settings.maySendAt), so cron only needs to be close enough.
// A flush job during working hours sends mentions and retries failed digests with their backoff.
import type { Logger } from '../log.js';
import type { Notifier } from './notifier.js';
import type { NotifySettings } from './settings.js';

/** The subset of server/src/schedule.ts's Scheduler notify uses. */
export interface NotifyScheduler {
  add(name: string, expression: string, fn: () => Promise<unknown>): unknown;
}

export function notifyCronExpressions(s: Pick<NotifySettings, 'digestAt' | 'quietFrom' | 'quietTo'>): { digest: string; flush: string; reminders: string } {
  const digest = `${s.digestAt % 60} ${Math.floor(s.digestAt / 60)} * * 1-5`;
  // Working hours = outside the quiet window; minute 5/15/…: off the scan's */10 beat.
  const fromH = Math.ceil(s.quietTo / 60);
  const toH = Math.floor((s.quietFrom - 1) / 60);
  const hours = s.quietFrom > s.quietTo && toH >= fromH ? `${fromH}-${toH}` : '*';
  // Personal reminders are chosen to the minute and end with the working day (18:15, A12): checked every minute until 18:59.
  const remindersFrom = Math.min(fromH, 18);
  return { digest, flush: `5-55/10 ${hours} * * 1-5`, reminders: `* ${remindersFrom}-18 * * 1-5` };
}

/**
 * Register the notify jobs on the service's scheduler.
 * @example registerNotifyJobs(createScheduler(log), notifier, log)
 */
export function registerNotifyJobs(scheduler: NotifyScheduler, notifier: Notifier, log?: Logger): void {
  const cron = notifyCronExpressions(notifier.settings);
  const run = async () => {
    const r = await notifier.run();
    log?.info(`notify: ${r.summary}`);
    return r;
  };
  scheduler.add('notify-digest', cron.digest, run);
  scheduler.add('notify-flush', cron.flush, run);
  // A full pass only when a specialist's reminder is due (shared/reminder.ts): the check alone reads no board.
  scheduler.add('notify-reminders', cron.reminders, async () => ((await notifier.remindersDue()) ? run() : null));
}
