// Verdict rows judged under an older rule set revision (RULES_STAMP.revision, kept in the board's evaluation mark) are
// never served: the status from the rows declines and the whole-board status judges from scratch; the next judge,
// a scan with nothing new on the same day or a webhook's re-judge of one card, judges every card again and marks the
// rows with this revision. With the current revision the same scan keeps the rows (the test would notice a judge that
// ignored the mark).
import { afterEach, describe, expect, it } from 'vitest';
import { RULES_STAMP, evaluateBoard } from '../../../shared/compliance.js';
import { boardStatus } from '../../../shared/status.js';
import type { Emulator } from '../../../server/src/demo/emulator.js';
import { generateDemoWorkspace } from '../../../server/src/demo/workspace.js';
import { viewerFor } from '../../../server/src/reports/access.js';
import { dashboardFromRows } from '../../../server/src/reports/dashboard-rows.js';
import { silentLogger } from '../../../server/src/log.js';
import { evaluateStoredBoard, scanBoards } from '../../../server/src/scan/scan-boards.js';
import { snapshotOf } from '../../../server/src/store/board-view.js';
import { storedResult } from '../../../server/src/store/judge.js';
import { statusFromRows, storedBoardStatus } from '../../../server/src/store/status-rows.js';
import { openStore, type Store } from '../../../server/src/store/store.js';
import type { TrelloClient } from '../../../server/src/trello/client.js';
import { engines, type Engine } from './adapters.js';
import { unlimitedTrello } from '../unlimited-trello.js';

const KEY = 'rulesrevisionkey'.padEnd(32, '0');
const TOKEN = 'rulesrevisiontoken'.padEnd(64, '0');
const NOW = new Date('2026-11-23T09:30:00Z'); // a Monday, 12:30 in Istanbul
const LATER = new Date('2026-11-23T11:30:00Z'); // the same day

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const ws = generateDemoWorkspace({ seed: 1, now: NOW });
// The board with the designed slot overlap (server/src/demo/workspace/scenarios.ts).
const overlapCard = ws.expectations.cases['slot-overlap']?.[0] ?? '';
const BOARD = ws.expectations.byCard[overlapCard]?.boardId ?? '';

const manager = ws.people.find((p) => p.role === 'manager');
if (!manager) throw new Error('the demo workspace has a manager');
const dashboard = { boardKeys: [BOARD], viewer: viewerFor(manager), people: ws.people, now: LATER };

/** The board's kept findings whose text was made by the tampered rows below. */
async function oldTexts(store: Store): Promise<number> {
  const r = await storedResult(store, BOARD);
  return (r?.findings ?? []).filter((f) => f.detail.tr.startsWith('ESKİ ')).length;
}

/**
 * The store as a build with an older rule set left it: every row's text and digest differ from what these rules make,
 * and the board's mark says no revision (marks before this one had none). `rules`: keep the mark's revision instead.
 */
async function aged(engine: Engine, store: Store, opts: { rules?: boolean } = {}): Promise<Store> {
  const location = store.location;
  await store.close();
  const raw = engine.raw(location);
  await raw.run(`UPDATE verdicts SET doc = REPLACE(doc, '"tr":"', '"tr":"ESKİ ') WHERE board_id = ?`, [BOARD]);
  await raw.run(`UPDATE card_verdicts SET digest = 'old' WHERE board_id = ?`, [BOARD]);
  if (!opts.rules) await raw.run(`UPDATE evaluations SET doc = ? WHERE key = ?`, [JSON.stringify({ evaluatedAt: NOW.toISOString() }), BOARD]);
  await raw.close();
  return openStore(location);
}

async function scanned(engine: Engine): Promise<{ store: Store; trello: TrelloClient }> {
  const t = await unlimitedTrello({ key: KEY, token: TOKEN, boards: ws.boards.filter((b) => b.id === BOARD), clock: () => NOW });
  emu = t.emu;
  const store = await openStore(await engine.fresh());
  await scanBoards({ store, trello: t.trello, boards: [BOARD], clock: () => NOW, log: silentLogger }, { now: NOW });
  return { store, trello: t.trello };
}

for (const engine of engines) {
  describe(`verdict rows of an older rule set revision (${engine.name})`, () => {
    it('are not served, and the next scan judges the board again even with nothing new the same day', async () => {
      expect(BOARD).not.toBe('');
      const { store: first, trello } = await scanned(engine);
      expect(first.evaluations.get(BOARD)?.rules).toBe(RULES_STAMP.revision);
      expect(await oldTexts(first)).toBe(0);

      // Control: the mark says this revision, so an unchanged board the same day keeps its rows (old texts stay).
      let store = await aged(engine, first, { rules: true });
      const total = (await storedResult(store, BOARD))?.findings.length ?? 0;
      expect(total).toBeGreaterThan(0);
      await scanBoards({ store, trello, boards: [BOARD], clock: () => LATER, log: silentLogger });
      expect(await oldTexts(store)).toBe(total);

      // Rows of an older revision: the rows do not answer the status, the whole-board status is judged from scratch.
      store = await aged(engine, store);
      try {
        expect(await statusFromRows(store, BOARD, LATER, null)).toBeNull();
        expect(await dashboardFromRows(store, dashboard)).toBeNull();
        const status = await storedBoardStatus(store, BOARD, LATER, {});
        const snapshot = await snapshotOf(store, BOARD);
        expect(snapshot).not.toBeNull();
        if (!snapshot) return;
        const lastScanAt = store.boards.get(BOARD)?.lastScanAt ?? null;
        expect(status).toEqual(boardStatus(snapshot, evaluateBoard(snapshot, LATER), LATER, { lastScanAt }));
        expect(JSON.stringify(status)).not.toContain('ESKİ');

        // The next scan, nothing new the same day: every card judged again, the rows marked with this revision.
        await scanBoards({ store, trello, boards: [BOARD], clock: () => LATER, log: silentLogger });
        expect(await oldTexts(store)).toBe(0);
        expect(store.evaluations.get(BOARD)?.rules).toBe(RULES_STAMP.revision);
        expect(await statusFromRows(store, BOARD, LATER, null)).not.toBeNull();
        expect(await dashboardFromRows(store, dashboard)).not.toBeNull();
        const overlaps = (await storedResult(store, BOARD))?.findings.filter((f) => f.rule === 'slot' && f.status === 'overlap') ?? [];
        expect(overlaps.length).toBeGreaterThan(0);
      } finally {
        await store.close();
      }
    });

    it("are judged again whole when a webhook's re-judge touches one card", async () => {
      const { store: first } = await scanned(engine);
      const store = await aged(engine, first);
      try {
        const card = store.snapshots.get(BOARD)?.cards[0]?.id ?? '';
        const judged = await evaluateStoredBoard(store, BOARD, LATER, undefined, [card]);
        // Every customer card, not the one touched.
        const cards = Object.keys((await storedResult(store, BOARD))?.summary.byCard ?? {}).length;
        expect(cards).toBeGreaterThan(1);
        expect(judged?.judged).toBe(cards);
        expect(await oldTexts(store)).toBe(0);
        expect(store.evaluations.get(BOARD)?.rules).toBe(RULES_STAMP.revision);
        // Now current: the next webhook's re-judge is the touched card alone again.
        expect((await evaluateStoredBoard(store, BOARD, LATER, undefined, [card]))?.judged).toBe(1);
      } finally {
        await store.close();
      }
    });
  });
}
