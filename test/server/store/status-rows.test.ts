// The status API from the verdict rows (store/status-rows.ts): for the demo workspace and a scale workspace, at
// several `now` (a weekday noon, a month end evening, the next Monday morning), the status read from the kept rows
// equals shared/status.ts boardStatus over the whole board (snapshot with comments + the evaluation). Rows from an
// earlier day do not answer (the route then takes the whole-board path).
import { afterEach, describe, expect, it } from 'vitest';
import { boardStatus } from '../../../shared/status.js';
import type { Emulator } from '../../../server/src/demo/emulator.js';
import { generateDemoWorkspace, generateScaleWorkspace, type DemoWorkspace } from '../../../server/src/demo/workspace.js';
import { silentLogger } from '../../../server/src/log.js';
import { scanBoards } from '../../../server/src/scan/scan-boards.js';
import { snapshotOf } from '../../../server/src/store/board-view.js';
import { judgeStoredBoard, storedResult } from '../../../server/src/store/judge.js';
import { statusFromRows } from '../../../server/src/store/status-rows.js';
import { openStore, type Store } from '../../../server/src/store/store.js';
import { engines, type Engine } from './adapters.js';
import { unlimitedTrello } from '../unlimited-trello.js';

const KEY = 'statusrowskey'.padEnd(32, '0');
const TOKEN = 'statusrowstoken'.padEnd(64, '0');
const START = new Date('2026-11-23T09:30:00Z'); // a Monday, 12:30 in Istanbul
const LATER = ['2026-11-25T14:00:00Z', '2026-11-30T20:00:00Z', '2026-12-07T05:00:00Z'];

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function scanned(engine: Engine, ws: DemoWorkspace, now: () => Date): Promise<Store> {
  const t = await unlimitedTrello({ key: KEY, token: TOKEN, boards: ws.boards, clock: now });
  emu = t.emu;
  const trello = t.trello;
  const store = await openStore(await engine.fresh());
  await scanBoards({ store, trello, boards: ws.boards.map((b) => b.id), clock: now, log: silentLogger }, { now: now() });
  return store;
}

/** Both paths at `now`; returns the number of cards compared. */
async function expectSameStatus(store: Store, boardId: string, now: Date): Promise<number> {
  const lastScanAt = store.boards.get(boardId)?.lastScanAt ?? null;
  const whole = boardStatus((await snapshotOf(store, boardId))!, (await storedResult(store, boardId))!, now, { lastScanAt });
  const rows = await statusFromRows(store, boardId, now, lastScanAt);
  expect(rows).not.toBeNull();
  // Identical bodies: same keys in the same order, same values.
  expect(JSON.stringify(rows)).toBe(JSON.stringify(whole));
  return Object.keys(whole.cards).length;
}

async function run(engine: Engine, ws: DemoWorkspace): Promise<{ cards: number; findings: number }> {
  let now = START;
  const store = await scanned(engine, ws, () => now);
  let cards = 0;
  let findings = 0;
  try {
    const ids = ws.boards.map((b) => b.id);
    for (const id of ids) cards += await expectSameStatus(store, id, now);
    for (const iso of LATER) {
      now = new Date(iso);
      // Judged on an earlier day: the rows do not answer for today.
      expect(await statusFromRows(store, ids[0]!, now, null)).toBeNull();
      for (const id of ids) {
        await judgeStoredBoard(store, id, now);
        cards += await expectSameStatus(store, id, now);
        for (const c of Object.values((await statusFromRows(store, id, now, null))!.cards)) findings += c.findings.length;
      }
    }
    // Later the same day, one card re-judged (a webhook): the untouched cards' parts still answer.
    now = new Date(new Date(LATER.at(-1)!).getTime() + 3 * 3_600_000);
    const card = Object.keys((await statusFromRows(store, ids[0]!, now, null))!.cards)[0]!;
    await judgeStoredBoard(store, ids[0]!, now, { cardIds: [card], stale: true });
    await expectSameStatus(store, ids[0]!, now);
  } finally {
    await store.close();
  }
  return { cards, findings };
}

for (const engine of engines) {
  describe(`status API from the verdict rows (${engine.name})`, () => {
    it('equals the whole-board status for the demo workspace at several now', async () => {
      const r = await run(engine, generateDemoWorkspace({ seed: 1, now: START }));
      expect(r.cards).toBeGreaterThan(10);
      expect(r.findings).toBeGreaterThan(0);
    }, 300_000);

    it('equals the whole-board status for a scale workspace at several now', async () => {
      const r = await run(engine, generateScaleWorkspace({ seed: 7, boards: 2, cards: 25, days: 120, now: START }));
      expect(r.cards).toBeGreaterThan(40);
      expect(r.findings).toBeGreaterThan(0);
    }, 300_000);
  });
}
