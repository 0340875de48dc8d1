// The notifier's jobs on the service scheduler: `scheduleNotify(scheduler, deps)` registers the digest and
// flush jobs, and labels and mentions follow every scan: the scan runner tells the notifier when a scan has
// finished (`scans.onFinished`); a light one-minute job remains as the backstop for scans by another process
// (a CLI run). The channels come from the composition root (server/src/main.ts), which owns the one Trello client.
import type { Clock } from '../../../shared/types.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import type { TrelloClient } from '../trello/client.js';
import { createChatWebhook, createSmtpMailer, notifyTrello, type NotifyPorts } from './channels.js';
import { registerNotifyJobs, type NotifyScheduler } from './jobs.js';
import { createNotifier, type Notifier } from './notifier.js';

/** The channels the configuration turns on: SMTP_URL, CHAT_WEBHOOK_URL, and Trello mentions through `trello`. */
export function notifyPorts(config: Pick<Config, 'SMTP_URL' | 'CHAT_WEBHOOK_URL'>, trello: TrelloClient | undefined): NotifyPorts {
  const ports: NotifyPorts = {};
  if (config.SMTP_URL) ports.mailer = createSmtpMailer(config.SMTP_URL);
  if (config.CHAT_WEBHOOK_URL) ports.chat = createChatWebhook(config.CHAT_WEBHOOK_URL);
  if (trello) ports.trello = notifyTrello(trello);
  return ports;
}

export interface NotifyDeps {
  config: Config;
  store: Store;
  clock: Clock;
  log: Logger;
  /** The channels (notifyPorts); none → nothing can be sent. */
  ports?: NotifyPorts;
  /** The service's notifier, when the composition root built it already (else one over `ports`). */
  notifier?: Notifier;
  /** The scan runner's finished-scan event (server/src/scan/scan-boards.ts createScanRunner). */
  scans?: ScanEvents;
}

/** A finished scan as notify needs it: when, and which boards were read. */
export interface FinishedScan {
  at: string;
  boards: Array<{ boardId: string; ok: boolean }>;
}

export interface ScanEvents {
  onFinished(listener: (scan: FinishedScan) => unknown): () => void;
}

export interface ScheduledNotify {
  notifier: Notifier;
  /** Stop following scans (the jobs stop with the scheduler). */
  unfollow(): void;
}

export async function scheduleNotify(scheduler: NotifyScheduler, deps: NotifyDeps): Promise<ScheduledNotify> {
  const notifier = deps.notifier ?? createNotifier({ store: deps.store, config: deps.config, ports: deps.ports ?? {}, clock: deps.clock, log: deps.log });
  registerNotifyJobs(scheduler, notifier, deps.log);
  const lastScan = () => deps.store.scans.last();
  let seen: string | undefined;
  // Each scan is followed once, whether the event or the backstop sees it first (`seen` is the scan's time).
  // `atStart`: the scan followed is the last one the store holds, which ran before this process started its jobs
  // (the first scan with SCAN_ON_START, else an earlier process's): the log says which scan, not "after scan".
  const follow = async (scan: FinishedScan, atStart = false) => {
    if (scan.at === seen) return;
    seen = scan.at;
    const r = await notifier.afterScan(scan.boards.filter((b) => b.ok).map((b) => b.boardId));
    deps.log.info(atStart ? `notify at start, for the last stored scan (${scan.at}): ${r.summary}` : `notify after scan: ${r.summary}`);
  };
  const backstop = async (atStart = false) => {
    await deps.store.sync(); // a scan by another process (a CLI run) counts too
    const last = lastScan();
    if (last) await follow(last, atStart);
  };
  const unfollow = deps.scans?.onFinished(follow) ?? (() => undefined);
  scheduler.add('notify-after-scan', '* * * * *', () => backstop());
  deps.log.info(
    `notify: ${notifier.settings.dryRun ? 'DRY RUN (nothing is sent; see /outbox or `nabiz notify --dry-run`)' : 'live'}; channels: ${
      Object.entries(notifier.settings.channels)
        .filter(([, on]) => on)
        .map(([k]) => k)
        .join(', ') || 'none'
    }`,
  );
  // The last scan (the first scan, when one ran at start) finished before this hook: bring labels in line now rather than in a minute.
  void backstop(true).catch((e: unknown) => deps.log.warn(`notify at start: ${e instanceof Error ? e.message : String(e)}`));
  return { notifier, unfollow };
}
