// The notifier's jobs on the service scheduler: `scheduleNotify(scheduler, deps)` registers the digest and
// flush jobs, and labels follow every scan (a light job notices a new scan in the store). The channels come
// from the composition root (server/src/main.ts), which owns the one Trello client.
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
}

export async function scheduleNotify(scheduler: NotifyScheduler, deps: NotifyDeps): Promise<Notifier> {
  const notifier = deps.notifier ?? createNotifier({ store: deps.store, config: deps.config, ports: deps.ports ?? {}, clock: deps.clock, log: deps.log });
  registerNotifyJobs(scheduler, notifier, deps.log);
  const lastScan = () => deps.store.data.scans[deps.store.data.scans.length - 1];
  let seen: string | undefined;
  const follow = async () => {
    await deps.store.sync(); // a scan by another process (a CLI run) counts too
    const last = lastScan();
    if (!last || last.at === seen) return;
    seen = last.at;
    const r = await notifier.afterScan(last.boards.filter((b) => b.ok).map((b) => b.boardId));
    deps.log.info(`notify after scan: ${r.summary}`);
  };
  scheduler.add('notify-after-scan', '* * * * *', follow);
  deps.log.info(
    `notify: ${notifier.settings.dryRun ? 'DRY RUN (nothing is sent; see /outbox or `nabiz notify --dry-run`)' : 'live'}; channels: ${
      Object.entries(notifier.settings.channels)
        .filter(([, on]) => on)
        .map(([k]) => k)
        .join(', ') || 'none'
    }`,
  );
  // The first scan ran before this hook: bring labels in line now rather than in a minute.
  void follow().catch((e: unknown) => deps.log.warn(`notify after first scan: ${e instanceof Error ? e.message : String(e)}`));
  return notifier;
}
