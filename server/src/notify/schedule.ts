// The hook server/src/main.ts loads: `scheduleNotify(scheduler, deps)` wires the notifier to the real
// channels (SMTP_URL, CHAT_WEBHOOK_URL, the Trello token — the emulator's in the demo) and registers
// its jobs. Labels also follow every scan: a light job notices a new scan in the store.
import type { AppDeps } from '../http/deps.js';
import { trelloClientFromConfig } from '../trello/client.js';
import { createChatWebhook, createSmtpMailer, notifyTrello, type NotifyPorts } from './channels.js';
import { registerNotifyJobs, type NotifyScheduler } from './jobs.js';
import { createNotifier, type Notifier } from './notifier.js';

export function notifyPortsFromConfig(deps: Pick<AppDeps, 'config' | 'clock' | 'log'>): NotifyPorts {
  const c = deps.config;
  const ports: NotifyPorts = {};
  if (c.SMTP_URL) ports.mailer = createSmtpMailer(c.SMTP_URL);
  if (c.CHAT_WEBHOOK_URL) ports.chat = createChatWebhook(c.CHAT_WEBHOOK_URL);
  if (c.TRELLO_TOKEN && c.TRELLO_KEY) {
    ports.trello = notifyTrello(trelloClientFromConfig(c, deps));
  }
  return ports;
}

export async function scheduleNotify(scheduler: NotifyScheduler, deps: AppDeps): Promise<Notifier> {
  const notifier = createNotifier({ store: deps.store, config: deps.config, ports: notifyPortsFromConfig(deps), clock: deps.clock, log: deps.log });
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
