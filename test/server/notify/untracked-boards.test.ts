// A board that is no longer tracked (dropped from NABIZ_BOARDS) keeps its evidence (board row, snapshot, verdict rows,
// evaluation mark) but drives nothing any more: no flag opened, escalated or cleared, no mention, digest line or
// reminder, no Trello label change (docs/operations.md "Boards leaving the configuration"). Tracked again, it resumes.
// On both engines, with the demo workspace scanned from the emulator and the notifier writing labels to it.
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config.js';
import type { Emulator } from '../../../server/src/demo/emulator.js';
import { generateDemoWorkspace } from '../../../server/src/demo/workspace.js';
import type { MailMessage } from '../../../server/src/notify/channels.js';
import { notifyTrello } from '../../../server/src/notify/channels.js';
import { createNotifier } from '../../../server/src/notify/notifier.js';
import { compose, flagKey, type PlanContext } from '../../../server/src/notify/plan.js';
import { notifySettings } from '../../../server/src/notify/settings.js';
import { evidenceFromStore } from '../../../server/src/reports/evaluate.js';
import { scanBoards } from '../../../server/src/scan/scan-boards.js';
import type { FlagRecord, OutboxItem } from '../../../server/src/store/notify-schema.js';
import type { NotifyBook } from '../../../server/src/store/repos.js';
import { openStore, type Store } from '../../../server/src/store/store.js';
import type { TrelloClient } from '../../../server/src/trello/client.js';
import { engines } from '../store/adapters.js';
import { unlimitedTrello } from '../unlimited-trello.js';
import { captureMailer } from './fixtures.js';

const KEY = 'untrackedkey'.padEnd(32, '0');
const TOKEN = 'untrackedtoken'.padEnd(64, '0');
const START = new Date('2026-11-24T07:00:00Z'); // a Tuesday, 10:00 in Istanbul
const LABEL = 'Nabız: eksik kayıt';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

/** The notifier's configuration for `boards`: live (not dry run), mail to a closed port, silent. */
function liveConfig(boards: readonly string[], people: unknown) {
  return loadConfig({
    NABIZ_BOARDS: boards.join(','),
    NABIZ_PEOPLE: JSON.stringify(people),
    NOTIFY_DRY_RUN: 'false',
    SMTP_URL: 'smtp://127.0.0.1:1',
    NOTIFY_MAX_PER_RUN: '1000',
    LOG_LEVEL: 'silent',
  });
}

/** The demo workspace in an emulator on `clock` (its `emu` closed after the test) and a fresh store of `engine`. */
async function demoSetup(
  engine: (typeof engines)[number],
  clock: () => Date,
): Promise<{ ws: ReturnType<typeof generateDemoWorkspace>; emulator: Emulator; trello: TrelloClient; store: Store }> {
  const ws = generateDemoWorkspace({ seed: 7, now: clock() });
  const t = await unlimitedTrello({ key: KEY, token: TOKEN, boards: ws.boards, clock });
  emu = t.emu;
  return { ws, emulator: t.emu, trello: t.trello, store: await openStore(await engine.fresh()) };
}

/** The cards of `boardId` that carry the Nabız label in the emulator now. */
async function labelled(trello: TrelloClient, boardId: string): Promise<string[]> {
  const b = await trello.getBoardLabels(boardId);
  const label = b.labels?.find((l) => l.name === LABEL);
  return label ? b.cards.filter((c) => c.idLabels?.includes(label.id)).map((c) => c.id) : [];
}

describe.each(engines)('untracked boards drive no notices ($name)', { timeout: 120_000 }, (engine) => {
  it('a board dropped from NABIZ_BOARDS: flags frozen, no escalation, notice or label change; tracked again, it resumes', async () => {
    let now = START;
    const { ws, trello, store } = await demoSetup(engine, () => now);
    const [kept, dropped] = ws.boards.map((b) => b.id);
    if (!kept || !dropped) throw new Error('the demo workspace has two boards');
    await scanBoards({ store, trello, boards: [kept, dropped], clock: () => now, log: silentLog() }, { now });

    const mailer = captureMailer();
    const comments: Array<{ cardId: string; text: string }> = [];
    const ports = {
      mailer,
      trello: { ...notifyTrello(trello), postComment: async (cardId: string, text: string) => void comments.push({ cardId, text }) },
    };
    const info: string[] = [];
    const notifier = (boards: string[]) =>
      createNotifier({
        store,
        config: liveConfig(boards, ws.people),
        ports,
        clock: () => now,
        log: { ...silentLog(), info: (m: string) => void info.push(m) },
      });

    // Both tracked: both boards get flags and labels (not vacuous).
    let r = await notifier([kept, dropped]).run();
    const flagsOf = (b: string) => Object.entries(store.flags.all()).filter(([, f]) => f.boardId === b);
    expect(flagsOf(kept).length).toBeGreaterThan(0);
    const droppedFlags = structuredClone(flagsOf(dropped));
    expect(droppedFlags.length).toBeGreaterThan(0);
    const droppedLabels = await labelled(trello, dropped);
    expect(droppedLabels.length).toBeGreaterThan(0);
    expect(r.labels.map((l) => l.boardId).sort()).toEqual([kept, dropped].sort());

    // The dropped board leaves the configuration. A week later its findings are still in the store, unchanged.
    const n = notifier([kept]);
    const mailsBefore = mailer.sent.length;
    const commentsBefore = comments.length;
    const droppedCards = new Set((store.snapshots.get(dropped)?.cards ?? []).map((c) => c.id));
    const mentionsOnDropped = () => comments.slice(commentsBefore).filter((c) => droppedCards.has(c.cardId));
    for (const at of ['2026-11-25T15:30:00Z', '2026-11-27T15:30:00Z', '2026-12-01T15:30:00Z']) {
      now = new Date(at);
      r = await n.run();
      expect(r.decided.escalated.filter((k) => k.startsWith(`${dropped}|`))).toEqual([]);
      expect(r.decided.opened.filter((k) => k.startsWith(`${dropped}|`))).toEqual([]);
      expect(r.decided.cleared.filter((k) => k.startsWith(`${dropped}|`))).toEqual([]);
      expect(r.labels.map((l) => l.boardId)).toEqual([kept]);
    }
    // Its flags are as they were: not escalated, not cleared (that would say the specialist fixed things).
    expect(flagsOf(dropped)).toEqual(droppedFlags);
    // Nobody heard of it: no mention on its cards, no digest line naming it; its labels stay as Nabız left them.
    expect(mentionsOnDropped()).toEqual([]);
    const newMail: MailMessage[] = mailer.sent.slice(mailsBefore);
    expect(newMail.length).toBeGreaterThan(0); // the tracked board's digests still go
    // No digest line of it was added or sent since (a digest's lines are its outbox items).
    const sentSince = (i: { sentAt?: string | undefined; createdAt: string }) => i.createdAt > START.toISOString() || (i.sentAt ?? '') > START.toISOString();
    expect(store.messages.outbox().filter((i) => i.boardId === dropped && sentSince(i))).toEqual([]);
    expect(store.messages.outbox().some((i) => i.boardId === kept && sentSince(i))).toBe(true);
    expect((await labelled(trello, dropped)).sort()).toEqual([...droppedLabels].sort());
    // The tracked board behaves as before: its flags went up the ladder.
    expect(flagsOf(kept).some(([, f]) => f.level !== 'specialist')).toBe(true);
    // Said once, not at every run.
    expect(info.filter((m) => m.includes(dropped))).toHaveLength(1);
    // Its evidence is kept: the evidence report (`nabiz report`) still builds from the store.
    const report = await evidenceFromStore(store, { boardId: dropped, from: '2026-11-01', to: '2026-11-23' }, now);
    expect(report.board.id).toBe(dropped);
    expect(report.ledger.count).toBeGreaterThan(0);

    // Tracked again: its flags move on (the ladder counts from when they were first seen).
    now = new Date('2026-12-02T15:30:00Z');
    r = await notifier([kept, dropped]).run();
    expect(r.decided.escalated.filter((k) => k.startsWith(`${dropped}|`)).length).toBeGreaterThan(0);
    expect(r.labels.map((l) => l.boardId).sort()).toEqual([kept, dropped].sort());
    await store.close();
  });
});

describe.each(engines)('boards closed or deleted in Trello drive no notices ($name)', { timeout: 120_000 }, (engine) => {
  it('a closed board (closed: true) and a deleted one (404) are skipped until a scan reads them open again', async () => {
    let now = START;
    const { ws, emulator, trello, store } = await demoSetup(engine, () => now);
    const boards = ws.boards.map((b) => b.id);
    const [kept, gone] = boards;
    if (!kept || !gone) throw new Error('the demo workspace has boards');
    const scan = () => scanBoards({ store, trello, boards, clock: () => now, log: silentLog() }, { now });
    await scan();
    const info: string[] = [];
    const notifier = createNotifier({
      store,
      config: liveConfig(boards, ws.people),
      ports: { mailer: captureMailer(), trello: notifyTrello(trello) },
      clock: () => now,
      log: { ...silentLog(), info: (m: string) => void info.push(m) },
    });
    await notifier.run();
    const flagsOf = (b: string) => Object.entries(store.flags.all()).filter(([, f]) => f.boardId === b);
    const before = structuredClone(flagsOf(gone));
    expect(before.length).toBeGreaterThan(0);
    const quiet = async (at: string, why: string) => {
      now = new Date(at);
      await scan();
      const r = await notifier.run();
      expect(r.decided.escalated.filter((k) => k.startsWith(`${gone}|`))).toEqual([]);
      expect(r.decided.cleared.filter((k) => k.startsWith(`${gone}|`))).toEqual([]);
      expect(r.labels.map((l) => l.boardId).sort()).toEqual(boards.filter((b) => b !== gone).sort());
      expect(flagsOf(gone)).toEqual(before);
      expect(info.filter((m) => m.includes(`${gone} (${why})`))).toHaveLength(1);
    };

    // Archived in Trello: the board is still served, with closed: true (the scan keeps reading its evidence).
    const record = emulator.state.boards.get(gone);
    if (!record) throw new Error('emulated board');
    record.closed = true;
    await quiet('2026-11-25T15:30:00Z', 'closed in Trello');
    expect(store.snapshots.get(gone)?.closed).toBe(true);

    // Deleted in Trello: the board answers 404; the row says since when, the evidence stays (the last snapshot too).
    record.closed = false;
    emulator.state.boards.delete(gone);
    await quiet('2026-11-27T15:30:00Z', 'not found in Trello (404) at the last scan');
    expect(store.boards.get(gone)?.missingAt).toBe('2026-11-27T15:30:00.000Z');
    expect(store.evaluations.get(gone)).toBeDefined();

    // Readable again (the token got it back): the mark goes and the flags move on.
    emulator.state.boards.set(gone, record);
    now = new Date('2026-12-01T15:30:00Z');
    await scan();
    expect(store.boards.get(gone)?.missingAt).toBeUndefined();
    const r = await notifier.run();
    expect(r.decided.escalated.filter((k) => k.startsWith(`${gone}|`)).length).toBeGreaterThan(0);
    expect(r.labels.map((l) => l.boardId).sort()).toEqual([...boards].sort());
    await store.close();
  });
});

function silentLog() {
  const none = () => undefined;
  return { debug: none, info: none, warn: none, error: none };
}

describe('digest lines of an untracked board', () => {
  it('wait pending and are not counted as "still open"; tracked again, they go', () => {
    const people = [{ name: 'Ayşe Lider', email: 'ayse@ornek.com.tr', trelloId: 'lead1', role: 'teamLead' as const }];
    const config = loadConfig({ NABIZ_PEOPLE: JSON.stringify(people), NOTIFY_DRY_RUN: 'false', SMTP_URL: 'smtp://127.0.0.1:1', LOG_LEVEL: 'silent' });
    const settings = notifySettings(config, { trello: false });
    const flag = (boardId: string, cardId: string): FlagRecord => ({
      boardId,
      rule: 'daily',
      cardId,
      period: '2026-11-20',
      memberId: 'spec1',
      status: 'missing',
      severity: 'warning',
      detail: { tr: 'günlük yok', en: 'no daily' },
      class: 'compliance',
      firstSeenAt: '2026-11-20T07:00:00.000Z',
      lastSeenAt: '2026-11-20T07:00:00.000Z',
      episode: 1,
      level: 'teamLead',
      critical: false,
    });
    const item = (f: FlagRecord, state: OutboxItem['state']): OutboxItem => ({
      key: `${f.rule}|${f.cardId}|${f.period}|lead1|email`,
      flagKey: flagKey(f.boardId, f),
      kind: 'open',
      channel: 'email',
      recipient: 'lead1',
      level: 'teamLead',
      boardId: f.boardId,
      cardId: f.cardId,
      rule: f.rule,
      period: f.period,
      status: f.status,
      severity: f.severity,
      memberId: f.memberId,
      detail: f.detail,
      class: f.class,
      createdAt: '2026-11-23T07:00:00.000Z',
      state,
      ...(state === 'sent' ? { sentAt: '2026-11-23T15:30:00.000Z' } : {}),
    });
    // Board A is tracked, board B is not: B has one flag told before and one line waiting.
    const toldB = flag('boardB', 'cardB1');
    const waitingB = flag('boardB', 'cardB2');
    const waitingA = flag('boardA', 'cardA1');
    const book = (): NotifyBook => ({
      flags: Object.fromEntries([toldB, waitingB, waitingA].map((f) => [flagKey(f.boardId, f), structuredClone(f)])),
      outbox: [item(toldB, 'sent'), item(waitingB, 'pending'), item(waitingA, 'pending')],
      digests: [],
      open: {},
    });
    const ctx = (tracked: (b: string) => boolean): PlanContext => ({
      now: new Date('2026-11-24T15:30:00Z'),
      settings,
      people: config.people,
      view: (id) => ({ name: id, cards: {}, members: {} }),
      previewDigest: true,
      tracked,
    });
    const untracked = book();
    compose(
      untracked,
      ctx((b) => b === 'boardA'),
    );
    const digest = untracked.digests.find((m) => m.kind === 'digest');
    expect(digest?.itemKeys).toEqual([item(waitingA, 'pending').key]);
    expect(digest?.text).not.toContain('hâlâ açık');
    expect(untracked.outbox.find((i) => i.boardId === 'boardB' && i.cardId === 'cardB2')?.state).toBe('pending');

    const again = book();
    compose(
      again,
      ctx(() => true),
    );
    const both = again.digests.find((m) => m.kind === 'digest');
    expect(both?.itemKeys.sort()).toEqual([item(waitingA, 'pending').key, item(waitingB, 'pending').key].sort());
    expect(both?.text).toContain('hâlâ açık: 1');
  });
});
