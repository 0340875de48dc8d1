// The manager dashboard from the verdict rows (reports/dashboard-rows.ts) equals buildDashboard over whole boards
// (the route's former path: createEvaluator + dashboard-model.ts) for the demo workspace and a scale workspace, at
// several `now`, for a manager, a team lead, a specialist in focus and a board in focus; rows judged on an earlier
// day do not answer. The dashboard reads one row per board (store/verdicts.ts BoardDashboard) and the counted open
// findings (verdict_periods), kept at judge time: a one-card re-judge and a store migrated without them keep them
// equal, a judge moving rows between the pick and the read of the texts makes the answer be read again, and a count
// or a line that drifts from the verdict rows makes the comparison fail.
import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../server/src/demo/emulator.js';
import { generateDemoWorkspace, generateScaleWorkspace, type DemoWorkspace } from '../../../server/src/demo/workspace.js';
import { silentLogger } from '../../../server/src/log.js';
import { evaluateOptions, scanBoards } from '../../../server/src/scan/scan-boards.js';
import { judgeStoredBoard } from '../../../server/src/store/judge.js';
import { openStore, type Store } from '../../../server/src/store/store.js';
import { viewerFor, type Viewer } from '../../../server/src/reports/access.js';
import { createEvaluator } from '../../../server/src/reports/evaluate.js';
import { MAX_FINDING_ITEMS, buildDashboard, type DashboardBoardInput } from '../../../server/src/reports/dashboard-model.js';
import { dashboardFromRows } from '../../../server/src/reports/dashboard-rows.js';
import { engines, type Engine } from '../store/adapters.js';
import { unlimitedTrello } from '../unlimited-trello.js';

const KEY = 'dashrowskey'.padEnd(32, '0');
const TOKEN = 'dashrowstoken'.padEnd(64, '0');
const START = new Date('2026-11-23T09:30:00Z');
const LATER = ['2026-11-30T20:00:00Z', '2026-12-07T05:00:00Z'];

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function scanned(engine: Engine, ws: DemoWorkspace, now: () => Date, location?: string): Promise<Store> {
  const t = await unlimitedTrello({ key: KEY, token: TOKEN, boards: ws.boards, clock: now });
  emu = t.emu;
  const trello = t.trello;
  const store = await openStore(location ?? (await engine.fresh()));
  await scanBoards({ store, trello, boards: ws.boards.map((b) => b.id), clock: now, log: silentLogger, people: ws.people }, { now: now() });
  return store;
}

/** The route's former path: every board evaluated whole, then buildDashboard. */
async function whole(store: Store, ws: DemoWorkspace, viewer: Viewer, now: Date, focus: { member?: string; board?: string }) {
  const evaluator = createEvaluator(undefined, ws.people);
  const boards: DashboardBoardInput[] = [];
  for (const id of ws.boards.map((b) => b.id)) {
    const ev = await evaluator(store, id, now);
    const b = store.boards.get(id);
    if (!ev || !b) continue;
    boards.push({
      snapshot: ev.snapshot,
      result: ev.result,
      records: ev.records,
      prepared: ev.prepared(),
      memo: ev.memo,
      backfilled: b.backfilled,
      ...(b.lastScanAt ? { lastScanAt: b.lastScanAt } : {}),
    });
  }
  return buildDashboard({ boards, viewer, people: ws.people, now, focus });
}

async function expectSame(store: Store, ws: DemoWorkspace, now: Date): Promise<{ findings: number; specialists: number; atRisk: number; most: number }> {
  const manager = ws.people.find((p) => p.role === 'manager')!;
  const lead = ws.people.find((p) => p.role === 'teamLead')!;
  const someone = ws.specialists[0]!.id;
  const views: Array<[Viewer, { member?: string; board?: string }]> = [
    [viewerFor(manager), {}],
    [viewerFor(lead), {}],
    [viewerFor(manager), { member: someone }],
    [viewerFor(manager), { board: ws.boards[0]!.id }],
    [{ person: manager, specialists: [someone] }, {}],
  ];
  let findings = 0;
  let specialists = 0;
  let atRisk = 0;
  let most = 0;
  for (const [viewer, focus] of views) {
    const expected = await whole(store, ws, viewer, now, focus);
    const got = await dashboardFromRows(store, { boardKeys: ws.boards.map((b) => b.id), viewer, people: ws.people, now, focus });
    expect(got).not.toBeNull();
    expect(got).toEqual(expected);
    findings += expected.findings.total + expected.risks.length;
    most = Math.max(most, expected.findings.total);
    specialists += expected.specialists.length;
    atRisk += expected.atRisk.length;
  }
  return { findings, specialists, atRisk, most };
}

/** The dashboard of every view equals the whole-board one (as expectSame), or some view differs. */
async function allSame(store: Store, ws: DemoWorkspace, now: Date): Promise<boolean> {
  try {
    await expectSame(store, ws, now);
    return true;
  } catch {
    return false;
  }
}

async function run(engine: Engine, ws: DemoWorkspace): Promise<{ findings: number; specialists: number; atRisk: number; most: number }> {
  let now = START;
  const store = await scanned(engine, ws, () => now);
  const sum = { findings: 0, specialists: 0, atRisk: 0, most: 0 };
  const addUp = (r: typeof sum) => {
    sum.most = Math.max(sum.most, r.most);
    sum.findings += r.findings;
    sum.specialists += r.specialists;
    sum.atRisk += r.atRisk;
  };
  try {
    addUp(await expectSame(store, ws, now));
    // One card re-judged: the other cards' lines come from the board's row kept before.
    const board = ws.boards[0]!;
    const [card] = (await store.verdicts.judgedDays(board.id)).keys();
    expect((await judgeStoredBoard(store, board.id, now, { ...evaluateOptions(ws.people), cardIds: [card!], stale: true }))?.judged).toBe(1);
    addUp(await expectSame(store, ws, now));
    for (const iso of LATER) {
      now = new Date(iso);
      expect(await dashboardFromRows(store, { boardKeys: ws.boards.map((b) => b.id), viewer: viewerFor(ws.people[0]!), people: ws.people, now })).toBeNull();
      for (const b of ws.boards) await judgeStoredBoard(store, b.id, now, evaluateOptions(ws.people));
      addUp(await expectSame(store, ws, now));
    }
  } finally {
    await store.close();
  }
  return sum;
}

for (const engine of engines) {
  describe(`dashboard from the verdict rows (${engine.name})`, () => {
    it('the board rows: rebuilt from the card rows when missing (a store from before), and a drift is seen', async () => {
      const ws = generateDemoWorkspace({ seed: 1, now: START });
      const location = await engine.fresh();
      const store = await scanned(engine, ws, () => START, location);
      const raw = engine.raw(location);
      const keys = ws.boards.map((b) => b.id);
      const manager = viewerFor(ws.people.find((p) => p.role === 'manager')!);
      try {
        expect(await allSame(store, ws, START)).toBe(true);
        // A store kept before the board rows existed: no answer from the rows until a judge rebuilds them; a
        // one-card judge rebuilds the others' lines from their summary rows.
        await raw.run(`DELETE FROM board_dashboard`);
        await raw.run(`DELETE FROM verdict_periods`);
        expect(await dashboardFromRows(store, { boardKeys: keys, viewer: manager, people: ws.people, now: START })).toBeNull();
        const rejudgeOne = async () => {
          for (const b of ws.boards) {
            const [one] = (await store.verdicts.judgedDays(b.id)).keys();
            await judgeStoredBoard(store, b.id, START, { ...evaluateOptions(ws.people), cardIds: [one!] });
          }
        };
        await rejudgeOne();
        expect(await allSame(store, ws, START)).toBe(true);
        // A counted finding that drifts from the verdict rows changes the totals: the comparison fails.
        await raw.run(`UPDATE verdict_periods SET n = n + 1 WHERE member_id IN (SELECT member_id FROM verdict_periods WHERE class = 'compliance' LIMIT 1)`);
        expect(await allSame(store, ws, START)).toBe(false);
        // Verdict rows written without their counts (a process stopped between the two writes): the next judge
        // sees the card rows' digests differ from those the counts were made from, and counts again.
        await raw.run(`UPDATE board_dashboard SET rows_digest = 'stale'`);
        await rejudgeOne();
        expect(await allSame(store, ws, START)).toBe(true);
        // A judge that rewrites a card's rows between the pick and the read of the texts: the answer is read again.
        const real = store.verdicts.findingDocs.bind(store.verdicts);
        let reads = 0;
        store.verdicts.findingDocs = async (places) => {
          const docs = await real(places);
          if (reads++ === 0) for (const [k, f] of docs) docs.set(k, { ...f, period: `${f.period}-moved` });
          return docs;
        };
        const expected = await whole(store, ws, manager, START, {});
        expect(await dashboardFromRows(store, { boardKeys: keys, viewer: manager, people: ws.people, now: START })).toEqual(expected);
        expect(reads).toBe(2);
        store.verdicts.findingDocs = real;
        // A card line that drifts (its open findings) is seen as well.
        const [row] = await raw.all<{ board_id: string; doc: string }>(`SELECT board_id, doc FROM board_dashboard WHERE board_id = ?`, [keys[0]]);
        const doc = JSON.parse(row!.doc) as { cards: Array<{ findings: number }> };
        doc.cards[0]!.findings += 1;
        await raw.run(`UPDATE board_dashboard SET doc = ? WHERE board_id = ?`, [JSON.stringify(doc), keys[0]]);
        expect(await allSame(store, ws, START)).toBe(false);
      } finally {
        await raw.close();
        await store.close();
      }
    }, 600_000);

    it('equals buildDashboard over whole boards: demo workspace, several now and viewers', async () => {
      const r = await run(engine, generateDemoWorkspace({ seed: 1, now: START }));
      expect(r.findings).toBeGreaterThan(0);
      expect(r.specialists).toBeGreaterThan(0);
      expect(r.atRisk).toBeGreaterThan(0);
    }, 600_000);

    it('equals buildDashboard over whole boards: scale workspace', async () => {
      const r = await run(engine, generateScaleWorkspace({ seed: 7, boards: 2, cards: 25, days: 120, now: START }));
      expect(r.specialists).toBeGreaterThan(0);
      // More open findings than the list shows: the SQL pick of the first MAX_FINDING_ITEMS is exercised.
      expect(r.most).toBeGreaterThan(MAX_FINDING_ITEMS);
    }, 600_000);
  });
}
