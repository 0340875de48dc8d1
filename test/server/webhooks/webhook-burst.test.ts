// A burst of webhook deliveries on one board: each answered once its fact is committed, the board evaluated once
// the deliveries pause (debounced), nothing lost, and the evaluation reflects the last delivery.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config.js';
import { signWebhook } from '../../../server/src/demo/emulator.js';
import { createApp } from '../../../server/src/http/app.js';
import { HttpError, type AppDeps } from '../../../server/src/http/deps.js';
import { deliveryRecorder, webhookCallbackUrl } from '../../../server/src/http/routes/webhooks.js';
import { memoryStore } from '../../../server/src/store/store.js';
import type { LedgerInput } from '../../../server/src/store/ledger.js';
import { silentLogger } from '../../../server/src/log.js';
import { createEvaluationQueue } from '../../../server/src/scan/evaluation-queue.js';
import { evaluateStoredBoard, scanBoards } from '../../../server/src/scan/scan-boards.js';
import { snapshotOf } from '../../../server/src/store/store.js';
import { ledgerOf } from '../store/helpers.js';
import { KEY, TOKEN, startWorld, type World } from '../scan/world.js';

/** A webhook's comment record about action `id` on card c1 of board b1. */
const input = (id: string): LedgerInput => ({
  type: 'comment',
  actionId: id,
  boardId: 'b1',
  cardId: 'c1',
  authorId: 'm1',
  authorName: 'Uzman',
  postedAt: '2026-11-23T09:00:00.000Z',
  text: `#günlük ${id}`,
  recordedAt: '2026-11-23T09:00:01.000Z',
  source: 'webhook',
});

const SECRET = 'app-secret-for-tests-0123456789abcdef';
let world: World | undefined;
let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server?.closeAllConnections();
  await world?.close();
  world = server = undefined;
});

/** The service's app on the world's store (webhook route, JWTs refused; evaluations run on flush() only). */
async function startApp(w: World, boardId: string, evaluate: (boardId: string) => Promise<unknown>) {
  const config = loadConfig({ TRELLO_KEY: KEY, TRELLO_TOKEN: TOKEN, NABIZ_BOARDS: boardId, TRELLO_API_URL: w.emu.url, TRELLO_APP_SECRET: SECRET });
  const deps: AppDeps = {
    config,
    store: w.store,
    clock: () => w.clock.now,
    log: silentLogger,
    verifyJwt: async () => {
      throw new HttpError(401, 'no');
    },
    evaluations: createEvaluationQueue({
      store: w.store,
      clock: () => w.clock.now,
      log: silentLogger,
      // Long enough that only flush() runs it here: the test sees exactly what the debounce coalesced.
      delayMs: 60_000,
      maxDelayMs: 120_000,
      evaluate,
    }),
  };
  server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise((r) => server!.once('listening', r));
  const url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  config.PUBLIC_URL = url;
  return { deps, url, callbackURL: webhookCallbackUrl(url) };
}

describe('webhook burst', () => {
  it('20 deliveries: all answered 200 after their commit, one evaluation after the last, nothing lost', { timeout: 60_000 }, async () => {
    world = await startWorld({ boards: 1, cards: 3, days: 20 });
    await scanBoards(world.deps);
    const w = world;
    const boardId = w.boardIds[0]!;
    // What each evaluation saw: the number of ledger records of the board when it ran.
    const seen: number[] = [];
    const { deps, url, callbackURL } = await startApp(w, boardId, async (b) => {
      seen.push((await w.store.ledger.boardRecords(b)).length);
      return evaluateStoredBoard(w.store, b, w.clock.now);
    });

    const before = (await ledgerOf(w.store)).length;
    const evaluatedBefore = w.store.evaluations.get(boardId)!.evaluatedAt;
    const card = w.emu.state.exportBoard(boardId).cards[2]!;
    w.clock.now = new Date(w.clock.now.getTime() + 60_000);
    const ids = Array.from({ length: 20 }, (_, i) => `6b1bd1c0bbbbbbbbbbbb${i.toString(16).padStart(4, '0')}`);
    const answers = await Promise.all(
      ids.map((id, i) => {
        const body = JSON.stringify({
          model: { id: boardId },
          action: {
            id,
            idMemberCreator: card.idMembers[0],
            type: 'commentCard',
            date: new Date(w.clock.now.getTime() + i).toISOString(),
            data: { text: `#günlük webhook ${i}`, card: { id: card.id }, board: { id: boardId } },
          },
        });
        return fetch(`${url}/webhooks/trello`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-trello-webhook': signWebhook(SECRET, body, callbackURL) },
          body,
        });
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(ids.map(() => 200));
    // Answered = committed: every fact is in the ledger before the debounce fires.
    expect((await ledgerOf(w.store)).length).toBe(before + 20);
    expect(seen).toEqual([]);
    await deps.evaluations!.flush();
    // One evaluation for the whole burst, after the last delivery.
    expect(seen).toEqual([(await w.store.ledger.boardRecords(boardId)).length]);
    expect(deps.evaluations!.runs).toBe(1);
    expect(w.store.evaluations.get(boardId)!.evaluatedAt).not.toBe(evaluatedBefore);
    // The board as evaluated holds every delivered comment.
    const snap = (await snapshotOf(w.store, boardId))!;
    for (const id of ids) expect(snap.comments.some((c) => c.id === id)).toBe(true);
  });

  it('deliveries at once share commits yet keep one-at-a-time facts: a comment, its edit and a repeat in one burst', { timeout: 60_000 }, async () => {
    world = await startWorld({ boards: 1, cards: 3, days: 20 });
    await scanBoards(world.deps);
    const w = world;
    const boardId = w.boardIds[0]!;
    const { url, callbackURL } = await startApp(w, boardId, async () => undefined);
    const card = w.emu.state.exportBoard(boardId).cards[1]!;
    const author = card.idMembers[0];
    const board = { id: boardId };
    const at = (s: number) => new Date(w.clock.now.getTime() + s * 1000).toISOString();
    const comment = {
      id: '6b1bd1c0cccccccccccc0001',
      idMemberCreator: author,
      type: 'commentCard',
      date: at(1),
      data: { text: '#günlük ilk metin', card: { id: card.id }, board },
    };
    const edit = {
      id: '6b1bd1c0cccccccccccc0002',
      idMemberCreator: author,
      type: 'updateComment',
      date: at(2),
      data: { action: { id: comment.id, text: '#günlük düzeltilmiş metin' }, old: { text: '#günlük ilk metin' }, card: { id: card.id }, board },
    };
    const others = Array.from({ length: 8 }, (_, i) => ({
      id: `6b1bd1c0cccccccccccc01${i.toString(16).padStart(2, '0')}`,
      idMemberCreator: author,
      type: 'commentCard',
      date: at(3 + i),
      data: { text: `#günlük ${i}`, card: { id: card.id }, board },
    }));
    // The comment, the comment again (Trello retries), its edit and eight others, all in flight at once.
    const actions = [comment, comment, edit, ...others];
    const answers = await Promise.all(
      actions.map(async (action) => {
        const body = JSON.stringify({ model: { id: boardId }, action });
        const res = await fetch(`${url}/webhooks/trello`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-trello-webhook': signWebhook(SECRET, body, callbackURL) },
          body,
        });
        return { status: res.status, body: (await res.json()) as { recorded?: number; ignored?: string } };
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(actions.map(() => 200));
    // Each delivery says what it recorded; the repeat of the comment recorded nothing.
    expect(answers.filter((a) => a.body.recorded === 1)).toHaveLength(10);
    expect(answers.filter((a) => a.body.ignored === 'already recorded')).toHaveLength(1);
    // The edit found its comment in the ledger (an edit record, not the comment's first sight from the edit).
    const mine = (await ledgerOf(w.store)).filter((r) => r.actionId === comment.id);
    expect(mine.map((r) => r.type)).toEqual(['comment', 'edit']);
    expect(mine[1]).toMatchObject({ text: '#günlük düzeltilmiş metin', oldText: '#günlük ilk metin' });
    const [c] = await w.store.ledger.comments(boardId, [comment.id]);
    expect(c).toMatchObject({ text: '#günlük düzeltilmiş metin', originalText: '#günlük ilk metin' });
    for (const o of others) expect((await w.store.ledger.records(boardId, [o.id])).map((r) => r.type)).toEqual(['comment']);
  });

  it('the recorder commits what was submitted meanwhile together, each caller getting its own records; one failing input fails alone', async () => {
    const store = await memoryStore();
    try {
      let appends = 0;
      const append = store.append.bind(store);
      store.append = (...a: Parameters<typeof store.append>) => {
        appends++;
        return append(...a);
      };
      const info: string[] = [];
      const record = deliveryRecorder(store, { info: (l) => void info.push(l) });
      const ids = ['a1', 'a2', 'a3', 'a4', 'a5'];
      const results = await Promise.allSettled([
        ...ids.map((id) => record({ boardId: 'b1', ids: [id], inputs: async () => [input(id)] })),
        record({ boardId: 'b1', ids: ['bad'], inputs: async () => Promise.reject(new Error('no such card')) }),
        // About a1 again: its own commit after the first, so it finds a1 recorded.
        record({ boardId: 'b1', ids: ['a1'], inputs: async () => [input('a1')] }),
      ]);
      expect(appends).toBe(2);
      expect(results.slice(0, 5).map((r) => (r.status === 'fulfilled' ? r.value.map((x) => x.actionId) : r.reason))).toEqual(ids.map((id) => [id]));
      expect(results[5]).toMatchObject({ status: 'rejected', reason: { message: 'no such card' } });
      expect(results[6]).toEqual({ status: 'fulfilled', value: [] });
      expect((await store.ledger.head()).count).toBe(5);
      // One log line per commit, not per delivery.
      expect(info).toEqual([
        expect.stringMatching(/^webhooks: 6 deliveries committed in \d+ ms: 5 ledger record\(s\) \(board b1: 6\)$/),
        expect.stringMatching(/^webhooks: 1 delivery committed in \d+ ms: 0 ledger record\(s\) \(board b1: 1\)$/),
      ]);
    } finally {
      await store.close();
    }
  });
  it('one store check and one ledger read per commit; deliveries arriving during the check join it; a store problem refuses the commit', async () => {
    const store = await memoryStore();
    try {
      const calls = { health: 0, records: 0, appends: 0 };
      let release: (() => void) | undefined;
      const health = store.health.bind(store);
      store.health = async () => {
        calls.health++;
        // The first check waits until the test lets it go (a round trip on PostgreSQL, in real life).
        if (calls.health === 1) await new Promise<void>((r) => (release = r));
        return health();
      };
      const records = store.ledger.records.bind(store.ledger);
      store.ledger.records = (...a) => {
        calls.records++;
        return records(...a);
      };
      const append = store.append.bind(store);
      store.append = (...a: Parameters<typeof store.append>) => {
        calls.appends++;
        return append(...a);
      };
      const record = deliveryRecorder(store);
      const seen: Record<string, number> = {};
      const deliver = (id: string) =>
        record({
          boardId: 'b1',
          ids: [id],
          inputs: async (held) => {
            seen[id] = held.length;
            return held.length ? [] : [input(id)];
          },
        });
      const first = ['a1', 'a2', 'a3'].map(deliver);
      // The commit is waiting for its store check: these arrive meanwhile.
      await new Promise((r) => setImmediate(r));
      const later = ['a4', 'a5'].map(deliver);
      release?.();
      const added = await Promise.all([...first, ...later]);
      expect(added.map((r) => r.map((x) => x.actionId))).toEqual([['a1'], ['a2'], ['a3'], ['a4'], ['a5']]);
      expect(calls).toEqual({ health: 1, records: 1, appends: 1 });
      // A redelivery is given the records the ledger holds about its action (read in the commit) and adds nothing.
      expect(await deliver('a2')).toEqual([]);
      expect(seen.a2).toBe(1);

      // A store that can no longer keep what it is given: every delivery of the commit refused, nothing appended.
      store.health = async () => 'the SQLite file is gone';
      const refused = await Promise.allSettled(['b1', 'b2'].map(deliver));
      for (const r of refused) expect(r).toMatchObject({ status: 'rejected', reason: { name: 'StoreUnavailableError', message: 'the SQLite file is gone' } });
      expect((await store.ledger.head()).count).toBe(5);
    } finally {
      await store.close();
    }
  });
});
