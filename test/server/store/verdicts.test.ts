// The verdict rows (store/verdicts.ts, store/judge.ts) on both engines: the board assembled from the kept rows equals
// evaluateBoard over the same store view; re-judging unchanged data writes nothing; a late fact (membership, a settings
// version) re-judged on the card it touches gives the from-scratch answer again; SQL totals match the findings; the
// counted open findings a one-card judge keeps by its card alone equal a count over every row; a judge reads a chunk of
// cards per statement, never one per card.
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
import { openPostgres, type SqlDb } from '../../../server/src/store/sql.js';
import { PG_URL, freshPgDatabase, sqliteEngine, type Engine } from './adapters.js';
import { commentInput } from './helpers.js';
import { unlimitedClient } from '../unlimited-trello.js';

const KEY = 'verdictkey'.padEnd(32, '0');
const TOKEN = 'verdicttoken'.padEnd(64, '0');
const engines: Engine[] = [sqliteEngine];
const pgUrl = PG_URL;
if (pgUrl) engines.push({ name: 'postgres', fresh: () => freshPgDatabase(pgUrl), raw: (location) => openPostgres(location, { max: 1 }) });

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
  const trello = unlimitedClient(emu, KEY, TOKEN, () => now);
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

    it('a one-card judge keeps the counted open findings equal to a count over every row; no statement per card', async () => {
      now = new Date('2026-11-23T09:30:00Z');
      const location = await engine.fresh();
      const store = await openStore(location);
      const raw = engine.raw(location);
      try {
        await scan(store);
        const boardId = ws.boards[0]!.id;
        expect(await counted(raw, boardId)).toEqual(await recounted(raw, boardId));
        // Nothing changed: the board's cards are read a chunk per statement (not once per card), nothing written.
        const cards = [...(await store.verdicts.judgedDays(boardId)).keys()];
        expect(cards.length).toBeGreaterThan(3);
        const s0 = store.statements();
        expect((await judgeStoredBoard(store, boardId, now))!.written).toBe(0);
        expect(store.statements() - s0).toBeLessThan(cards.length);
        // A late daily on each card with a missing one (up to three), each re-judged alone: its rows replaced (the day is
        // late now, no longer missing), the counts advanced by its rows only.
        const missing: Array<{ cardId: string; day: string }> = [];
        for (const cardId of cards) {
          const f = (await store.verdicts.findings(boardId, cardId)).find((x) => x.rule === 'daily' && x.status === 'missing');
          if (f) missing.push({ cardId, day: f.period });
        }
        expect(missing.length).toBeGreaterThan(1);
        for (const [i, { cardId, day }] of missing.slice(0, 3).entries()) {
          const at = new Date(now.getTime() - 600_000 + i * 60_000).toISOString();
          const member = ws.boards[0]!.cards.find((c) => c.id === cardId)?.idMembers?.[0] ?? ws.managerId;
          await store.append([
            commentInput(`6a${String(i).padStart(22, '0')}`, {
              boardId,
              cardId,
              authorId: member,
              postedAt: at,
              recordedAt: at,
              text: `#günlük ${day} müşteri arandı, sorun yok`,
            }),
          ]);
          const one = store.statements();
          const r = (await judgeStoredBoard(store, boardId, now, { cardIds: [cardId], stale: true }))!;
          expect(r).toEqual({ judged: 1, written: 1 });
          expect(store.statements() - one).toBeLessThan(30);
          expect((await store.verdicts.findings(boardId, cardId)).some((x) => x.rule === 'daily' && x.period === day && x.status === 'missing')).toBe(false);
          expect(await counted(raw, boardId)).toEqual(await recounted(raw, boardId));
          await expectSame(store, boardId);
        }
        // Counts that drifted from the rows without the dashboard row knowing are kept as they are (the row's digest
        // says they stand); once the digest says otherwise, the next judge counts everything again.
        await raw.run(`UPDATE board_dashboard SET rows_digest = 'stale' WHERE board_id = ?`, [boardId]);
        await raw.run(`UPDATE verdict_periods SET n = n + 5 WHERE board_id = ?`, [boardId]);
        await judgeStoredBoard(store, boardId, now, { cardIds: [cards[0]!], stale: true });
        expect(await counted(raw, boardId)).toEqual(await recounted(raw, boardId));
      } finally {
        await raw.close();
        await store.close();
      }
    }, 300_000);
  });
}

type PeriodRow = { m: string; c: string; s: string; p: string; n: number };
const sorted = (rows: PeriodRow[]) =>
  rows.map((r) => ({ ...r, n: Number(r.n) })).sort((a, b) => `${a.m}|${a.c}|${a.s}|${a.p}`.localeCompare(`${b.m}|${b.c}|${b.s}|${b.p}`));

/** The board's counted open findings as kept. */
async function counted(raw: SqlDb, boardId: string): Promise<PeriodRow[]> {
  return sorted(
    await raw.all<PeriodRow>(`SELECT member_id AS m, class AS c, severity AS s, period AS p, n FROM verdict_periods WHERE board_id = ?`, [boardId]),
  );
}

/** The same counted over every verdict row of the board (a finding naming no member is its card specialist's). */
async function recounted(raw: SqlDb, boardId: string): Promise<PeriodRow[]> {
  const member = `CASE WHEN v.member_id <> '' THEN v.member_id ELSE COALESCE(cv.member_id, '') END`;
  return sorted(
    await raw.all<PeriodRow>(
      `SELECT ${member} AS m, v.class AS c, v.severity AS s, v.period AS p, COUNT(*) AS n FROM verdicts v
        LEFT JOIN card_verdicts cv ON cv.board_id = v.board_id AND cv.card_id = v.card_id
        WHERE v.board_id = ? AND (v.card_id <> '' OR v.member_id <> '') GROUP BY ${member}, v.class, v.severity, v.period`,
      [boardId],
    ),
  );
}
