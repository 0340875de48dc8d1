// Scan → notify as an event, and one plan → claim → deliver path (docs/operations.md "Notifications"):
// a finished scan reaches the notifier at once (the one-minute job is only the backstop), the dry run delivers
// into a recording channel exactly what the real channels get, and the claim keeps every message single.
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../server/src/log.js';
import type { NotifyTrello } from '../../../server/src/notify/channels.js';
import { createNotifier, type ChannelCall } from '../../../server/src/notify/notifier.js';
import { scheduleNotify } from '../../../server/src/notify/schedule.js';
import { createScanRunner } from '../../../server/src/scan/scan-boards.js';
import { createScheduler, type Scheduler } from '../../../server/src/schedule.js';
import { memoryStore } from '../../../server/src/store/store.js';
import type { TrelloClient } from '../../../server/src/trello/client.js';
import { CARD1, CARD3, captureMailer, finding, ist, notifyConfig, setFindings } from './fixtures.js';

function captureTrello(): NotifyTrello & { comments: Array<{ cardId: string; text: string }> } {
  const comments: Array<{ cardId: string; text: string }> = [];
  const t = {
    comments,
    async postComment(cardId: string, text: string) {
      t.comments.push({ cardId, text });
      return {};
    },
    getBoard: async () => ({ id: 'x', cards: [], labels: [] }),
    createLabel: async () => ({ id: 'l' }),
    addLabel: async () => ({}),
    removeLabel: async () => ({}),
  };
  return t;
}

const daily23 = finding({ rule: 'daily', cardId: CARD1, period: '2026-11-23' });
const crit = finding({
  rule: 'golive-reason',
  cardId: CARD3,
  period: '2026-11-20',
  severity: 'critical',
  detail: { tr: 'Canlıya geçiş gecikti', en: 'Go-live overdue' },
});

let scheduler: Scheduler | undefined;
afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
});

describe('scan → notify as an event', () => {
  it("delivers the scan's mention as soon as the scan runner finishes, without waiting for the one-minute job", async () => {
    const store = await memoryStore();
    await setFindings(store, [daily23]);
    const trello = captureTrello();
    const now = ist('2026-11-24T10:00');
    const config = notifyConfig({ NOTIFY_LABELS: 'false' });
    // A runner over no boards: the scan itself is not the point, its "finished" event is (the findings are stored above).
    const runner = createScanRunner({ store, trello: {} as TrelloClient, boards: [], clock: () => now, log: silentLogger });
    scheduler = createScheduler(silentLogger);
    const notifier = createNotifier({ store, config, ports: { trello }, clock: () => now });
    const followed = await scheduleNotify(scheduler, { store, config, clock: () => now, log: silentLogger, notifier, scans: runner });
    // The start-up catch-up finds no scan yet: nothing is sent before the scan.
    await new Promise((r) => setTimeout(r, 50));
    expect(trello.comments).toEqual([]);

    const started = Date.now();
    await runner.run();
    await expect.poll(() => trello.comments.length, { timeout: 5000, interval: 10 }).toBe(1);
    expect(Date.now() - started).toBeLessThan(30_000); // far inside the backstop's minute
    expect(trello.comments).toEqual([{ cardId: CARD1, text: expect.stringMatching(/^@mehmetkaya /) }]);

    // Another scan with the finding still open: the mention is not sent again.
    await runner.run();
    await new Promise((r) => setTimeout(r, 100));
    expect(trello.comments).toHaveLength(1);

    // After unfollow, scans no longer reach the notifier (the leadership moved elsewhere).
    followed.unfollow();
    await setFindings(store, [daily23, finding({ rule: 'daily', cardId: CARD1, period: '2026-11-20' })]);
    await runner.run();
    await new Promise((r) => setTimeout(r, 100));
    expect(trello.comments).toHaveLength(1);
  });
});

describe('one plan → claim → deliver path', () => {
  it('the dry run records exactly what the real channels receive, and persists nothing', async () => {
    const at = ist('2026-11-24T18:30'); // digest time: the critical finding goes to the manager today
    const env = { NOTIFY_LABELS: 'false', CHAT_WEBHOOK_URL: 'https://chat.example/hook' };
    const dryStore = await memoryStore();
    const liveStore = await memoryStore();
    for (const s of [dryStore, liveStore]) await setFindings(s, [daily23, crit]);

    // The same configuration and ports as the live run; the dry run must not touch them.
    const untouched = { mailer: captureMailer(), trello: captureTrello(), chat: { post: async () => expect.fail('the dry run posted to chat') } };
    const dry = createNotifier({ store: dryStore, config: notifyConfig(env), ports: untouched, clock: () => at });
    const before = JSON.stringify(dryStore.messages.digests());
    const preview = await dry.run({ dryRun: true });
    expect(preview.dryRun).toBe(true);
    expect(JSON.stringify(dryStore.messages.digests())).toBe(before);
    expect(untouched.mailer.sent).toEqual([]);
    expect(untouched.trello.comments).toEqual([]);

    const mailer = captureMailer();
    const trello = captureTrello();
    const posted: unknown[] = [];
    const live = createNotifier({
      store: liveStore,
      config: notifyConfig(env),
      ports: { mailer, trello, chat: { post: async (p) => void posted.push(p) } },
      clock: () => at,
    });
    const report = await live.run({ dryRun: false });
    expect(report.sent).toBeGreaterThanOrEqual(3);

    const real: ChannelCall[] = [
      ...mailer.sent.map((mail) => ({ port: 'mailer' as const, mail })),
      ...posted.map((payload) => ({ port: 'chat' as const, payload })),
      ...trello.comments.map((c) => ({ port: 'trello' as const, ...c })),
    ];
    const recorded = preview.recorded.map(({ messageId: _id, ...call }) => call);
    const key = (c: ChannelCall) => JSON.stringify(c);
    expect(recorded.map(key).sort()).toEqual(real.map(key).sort());
    expect(new Set(recorded.map((c) => c.port))).toEqual(new Set(['mailer', 'trello', 'chat']));
    // Every recorded call belongs to a message the preview lists.
    const ids = new Set(preview.messages.map((m) => m.id));
    for (const r of preview.recorded) expect(ids.has(r.messageId)).toBe(true);
  });

  it('delivers no message twice when two processes run at once on the same store (the claim)', async () => {
    const store = await memoryStore();
    await setFindings(store, [daily23, crit]);
    const at = ist('2026-11-24T18:30');
    const mailer = captureMailer();
    const trello = captureTrello();
    const config = notifyConfig({ NOTIFY_LABELS: 'false' });
    const a = createNotifier({ store, config, ports: { mailer, trello }, clock: () => at });
    const b = createNotifier({ store, config, ports: { mailer, trello }, clock: () => at });
    const [ra, rb] = await Promise.all([a.run(), b.run()]);
    expect(ra.sent + rb.sent).toBe(mailer.sent.length + trello.comments.length);
    expect(mailer.sent.length).toBeGreaterThan(0);
    expect(new Set(mailer.sent.map((m) => m.messageId)).size).toBe(mailer.sent.length);
    expect(new Set(trello.comments.map((c) => `${c.cardId}|${c.text}`)).size).toBe(trello.comments.length);
    // A third run finds nothing left to send.
    const rc = await a.run();
    expect(rc.sent).toBe(0);
  });
});

describe('store writes per message', () => {
  it('a live run writes the plan, then one transaction per message (its claim carries the previous outcome), then the last outcome', async () => {
    const store = await memoryStore();
    await setFindings(store, [daily23, crit]);
    const at = ist('2026-11-24T18:30');
    const mailer = captureMailer();
    const trello = captureTrello();
    let writes = 0;
    const write = store.write.bind(store);
    store.write = (fn) => {
      writes++;
      return write(fn);
    };
    const n = createNotifier({ store, config: notifyConfig({ NOTIFY_LABELS: 'false' }), ports: { mailer, trello }, clock: () => at });
    const r = await n.run();
    const messages = mailer.sent.length + trello.comments.length;
    expect(r.sent).toBe(messages);
    expect(messages).toBeGreaterThanOrEqual(3);
    expect(writes).toBe(1 + messages + 1);
    // Every message ended `sent` in the store, with its outbox lines.
    expect(store.messages.digests().map((m) => m.state)).toEqual(store.messages.digests().map(() => 'sent'));
  });
});
