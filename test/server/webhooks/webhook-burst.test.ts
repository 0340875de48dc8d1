// A burst of webhook deliveries on one board: each answered once its fact is committed, the board evaluated once
// the deliveries pause (debounced), nothing lost, and the evaluation reflects the last delivery.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config.js';
import { signWebhook } from '../../../server/src/demo/emulator.js';
import { createApp } from '../../../server/src/http/app.js';
import { HttpError, type AppDeps } from '../../../server/src/http/deps.js';
import { webhookCallbackUrl } from '../../../server/src/http/routes/webhooks.js';
import { silentLogger } from '../../../server/src/log.js';
import { createEvaluationQueue } from '../../../server/src/scan/evaluation-queue.js';
import { evaluateStoredBoard, scanBoards } from '../../../server/src/scan/scan-boards.js';
import { snapshotOf } from '../../../server/src/store/store.js';
import { ledgerOf } from '../store/helpers.js';
import { KEY, TOKEN, startWorld, type World } from '../scan/world.js';

const SECRET = 'app-secret-for-tests-0123456789abcdef';
let world: World | undefined;
let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server?.closeAllConnections();
  await world?.close();
  world = server = undefined;
});

describe('webhook burst', () => {
  it('20 deliveries: all answered 200 after their commit, one evaluation after the last, nothing lost', { timeout: 60_000 }, async () => {
    world = await startWorld({ boards: 1, cards: 3, days: 20 });
    await scanBoards(world.deps);
    const w = world;
    const boardId = w.boardIds[0]!;
    const config = loadConfig({ TRELLO_KEY: KEY, TRELLO_TOKEN: TOKEN, NABIZ_BOARDS: boardId, TRELLO_API_URL: w.emu.url, TRELLO_APP_SECRET: SECRET });
    // What each evaluation saw: the number of ledger records of the board when it ran.
    const seen: number[] = [];
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
        evaluate: async (b) => {
          seen.push((await w.store.ledger.boardRecords(b)).length);
          return evaluateStoredBoard(w.store, b, w.clock.now);
        },
      }),
    };
    server = createApp(deps).listen(0, '127.0.0.1');
    await new Promise((r) => server!.once('listening', r));
    const url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
    config.PUBLIC_URL = url;
    const callbackURL = webhookCallbackUrl(url);

    const before = (await ledgerOf(w.store)).length;
    const evaluatedBefore = w.store.findings.get(boardId)!.evaluatedAt;
    const card = w.emu.state.exportBoard(boardId).cards[2]!;
    w.clock.now = new Date(w.clock.now.getTime() + 60_000);
    const ids = Array.from({ length: 20 }, (_, i) => `6b1bd1c0bbbbbbbbbbbb${i.toString(16).padStart(4, '0')}`);
    const answers = await Promise.all(
      ids.map((id, i) => {
        const body = JSON.stringify({
          model: { id: boardId },
          action: { id, idMemberCreator: card.idMembers[0], type: 'commentCard', date: new Date(w.clock.now.getTime() + i).toISOString(), data: { text: `#günlük webhook ${i}`, card: { id: card.id }, board: { id: boardId } } },
        });
        return fetch(`${url}/webhooks/trello`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-trello-webhook': signWebhook(SECRET, body, callbackURL) }, body });
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
    expect(w.store.findings.get(boardId)!.evaluatedAt).not.toBe(evaluatedBefore);
    // The board as evaluated holds every delivered comment.
    const snap = (await snapshotOf(w.store, boardId))!;
    for (const id of ids) expect(snap.comments.some((c) => c.id === id)).toBe(true);
  });
});
