// The verdict rows (store/verdicts.ts, store/judge.ts) on both engines: the board assembled from the kept rows equals
// evaluateBoard over the same store view; re-judging unchanged data writes nothing; a late fact (membership, a settings
// version) re-judged on the card it touches gives the from-scratch answer again; SQL totals match the findings.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluateBoard } from '../../../shared/compliance.js';
import { readSettings } from '../../../shared/profile.js';
import { startEmulator, type Emulator } from '../../../server/src/demo/emulator.js';
import { generateDemoWorkspace } from '../../../server/src/demo/workspace.js';
import { silentLogger } from '../../../server/src/log.js';
import { scanBoards } from '../../../server/src/scan/scan-boards.js';
import { snapshotOf } from '../../../server/src/store/board-view.js';
import { judgeStoredBoard, storedResult, touchedCards } from '../../../server/src/store/judge.js';
import { openStore, type Store } from '../../../server/src/store/store.js';
import { createTrelloClient } from '../../../server/src/trello/client.js';
import { LimiterRegistry } from '../../../server/src/trello/rate-limiter.js';
import { PG_URL, freshPgDatabase, sqliteEngine, type Engine } from './adapters.js';

const KEY = 'verdictkey'.padEnd(32, '0');
const TOKEN = 'verdicttoken'.padEnd(64, '0');
const engines: Engine[] = [sqliteEngine];
const pgUrl = PG_URL;
if (pgUrl) engines.push({ name: 'postgres', fresh: () => freshPgDatabase(pgUrl), raw: sqliteEngine.raw });

let now = new Date('2026-11-23T09:30:00Z'); // a Monday, 12:30 in Istanbul
const ws = generateDemoWorkspace({ seed: 1, now });
// One emulator per engine run: the test changes its state (membership, settings).
let emu: Emulator;

beforeEach(async () => {
  now = new Date('2026-11-23T09:30:00Z');
  emu = await startEmulator({ key: KEY, token: TOKEN, boards: generateDemoWorkspace({ seed: 1, now }).boards, clock: () => now });
  emu.faults.rateLimits = { perToken: 100_000, perKey: 100_000, windowMs: 10_000 };
});
afterEach(async () => {
  await emu.close();
});

async function scan(store: Store): Promise<void> {
  const trello = createTrelloClient({
    baseUrl: emu.url,
    key: KEY,
    token: TOKEN,
    clock: () => now,
    limits: { registry: new LimiterRegistry(), perToken: 100_000, perKey: 100_000 },
  });
  await scanBoards({ store, trello, boards: ws.boards.map((b) => b.id), clock: () => now, log: silentLogger }, { now });
}

async function expectSame(store: Store, boardId: string): Promise<number> {
  const snap = (await snapshotOf(store, boardId))!;
  const whole = evaluateBoard(snap, now);
  const kept = (await storedResult(store, boardId))!;
  expect(kept.findings).toEqual(whole.findings);
  expect(kept.summary).toEqual(whole.summary);
  return whole.findings.length;
}

for (const engine of engines) {
  describe(`verdict rows (${engine.name})`, () => {
    it('kept rows equal evaluateBoard; unchanged re-judge writes nothing; late facts re-judge their card; day change', async () => {
      now = new Date('2026-11-23T09:30:00Z');
      const store = await openStore(await engine.fresh());
      await scan(store);
      const ids = ws.boards.map((b) => b.id);
      let findings = 0;
      // The scan judged every board into rows.
      for (const id of ids) {
        expect((await store.verdicts.cards(id)).length).toBeGreaterThan(0);
        findings += await expectSame(store, id);
      }
      expect(findings).toBeGreaterThan(0);
      // Nothing changed: nothing written.
      for (const id of ids) expect((await judgeStoredBoard(store, id, now))!.written).toBe(0);

      // SQL totals over the card rows equal the findings' counts.
      const totals = await store.verdicts.totals(ids);
      for (const t of totals) {
        const all = (await storedResult(store, t.boardId))!.findings;
        expect(t.openRisk).toBe(all.filter((f) => f.class === 'risk').length);
        expect(t.openCompliance).toBe(all.filter((f) => f.class !== 'risk').length);
        expect(t.warnings).toBe(all.filter((f) => f.severity === 'warning').length);
      }

      // Late facts: a member added to a card and a settings version, noticed after the comments.
      const boardId = ids[0]!;
      const board = ws.boards[0]!;
      const card = board.cards.find((c) => !c.closed && (c.idMembers?.length ?? 0) > 0)!;
      const other = ws.members.find((m) => !card.idMembers?.includes(m.id))!;
      // Noticed at the same `now`: re-judging only the card the records touch gives the from-scratch answer.
      const before = (await store.ledger.head()).count;
      emu.state.changeCardMember(card.id, other.id, 'add', ws.managerId, new Date('2026-11-23T09:00:00Z'));
      await scan(store);
      const added = [];
      for await (const rec of store.ledger.stream({ fromSeq: before })) added.push(rec);
      const touched = touchedCards(added, boardId);
      expect(touched).toEqual([card.id]);
      const r = (await judgeStoredBoard(store, boardId, now, touched === 'all' ? {} : { cardIds: touched }))!;
      expect(r.judged).toBe(1);
      await expectSame(store, boardId);
      // A settings version touches every card of its board.
      const current = readSettings((await snapshotOf(store, boardId))!.pluginData).settings;
      emu.state.setPluginData(boardId, JSON.stringify({ settings: { ...current, trackingStart: '2026-11-16' } }));
      const before2 = (await store.ledger.head()).count;
      await scan(store);
      const added2 = [];
      for await (const rec of store.ledger.stream({ fromSeq: before2 })) added2.push(rec);
      expect(touchedCards(added2, boardId)).toBe('all');
      await judgeStoredBoard(store, boardId, now);
      await expectSame(store, boardId);
      // Month end and the next Monday: the day-change re-judge keeps the rows equal.
      for (const iso of ['2026-11-30T20:00:00Z', '2026-12-07T07:00:00Z']) {
        now = new Date(iso);
        for (const id of ids) {
          await judgeStoredBoard(store, id, now);
          await expectSame(store, id);
        }
      }
      await store.close();
    }, 300_000);
  });
}
