// The month-end review's tick facts (R17, `check-item` records on the lead's card) on both store engines: each tick
// made in Trello round-trips through the ledger with its checklist, item, name, state, author and Trello's time, reads
// back as a fact of the board view, and the review is judged the same on PostgreSQL as on SQLite (and as evaluateBoard
// over the stored view). PostgreSQL runs when NABIZ_TEST_PG_URL names a server (`node scripts/test.mjs <files>`).
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateBoard } from '../../../shared/compliance.js';
import type { Finding } from '../../../shared/types.js';
import type { Emulator } from '../../../server/src/demo/emulator.js';
import { scanBoards } from '../../../server/src/scan/scan-boards.js';
import { snapshotOf } from '../../../server/src/store/board-view.js';
import { storedResult } from '../../../server/src/store/judge.js';
import { openStore } from '../../../server/src/store/store.js';
import { BOARD, LEAD, LEAD_TOKEN, MERT, OTHER_TOKEN, leadCard, tick, world } from '../scan/month-review-world.js';
import { PG_URL, engines } from './adapters.js';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

/** Per engine: the stored tick facts and the month-end review findings. */
const seen = new Map<string, { facts: unknown[]; findings: Finding[] }>();

async function run(location: string) {
  const store = await openStore(location);
  try {
    const w = await world(store);
    emu = w.emu;
    await scanBoards(w.deps);
    w.clock.now = new Date('2026-11-27T12:00:00Z');
    await tick(w.emu, LEAD_TOKEN, 'elif');
    await tick(w.emu, OTHER_TOKEN, 'mert');
    await scanBoards(w.deps);
    w.clock.now = new Date('2026-11-30T09:00:00Z');
    await tick(w.emu, LEAD_TOKEN, 'elif', 'incomplete'); // unticked on the last day: missing at the deadline
    await scanBoards(w.deps, { full: true }); // a full pass re-lists every tick: still each once
    w.clock.now = new Date('2026-12-01T06:00:00Z');
    await scanBoards(w.deps);
    const card = leadCard(w.emu);
    const records = (await store.ledger.facts(BOARD)).filter((r) => r.type === 'check-item');
    const facts = records.map((r) => [r.cardId, r.checkItemName, r.checkState, r.authorId, r.postedAt, r.checklistId !== '', r.checkItemId !== '']);
    expect(facts).toEqual([
      [card?.id, 'Elif Yılmaz (@elif)', 'complete', LEAD, '2026-11-27T12:00:00.000Z', true, true],
      [card?.id, 'Mert Aksoy (@mert)', 'complete', MERT, '2026-11-27T12:00:00.000Z', true, true],
      [card?.id, 'Elif Yılmaz (@elif)', 'incomplete', LEAD, '2026-11-30T09:00:00.000Z', true, true],
    ]);
    // The board view hands them to the rules as facts, with their ledger seqs.
    const snap = await snapshotOf(store, BOARD);
    const viewFacts = (snap?.facts ?? []).filter((f) => f.kind === 'check-item');
    expect(viewFacts.map((f) => [f.kind === 'check-item' && f.by, f.at, f.seq])).toEqual(records.map((r) => [r.authorId, r.postedAt, r.seq]));
    const kept = (await storedResult(store, BOARD))?.findings.filter((f) => f.rule === 'month-review') ?? [];
    const people = w.people;
    const whole = snap ? evaluateBoard(snap, w.clock.now, { people }).findings.filter((f) => f.rule === 'month-review') : [];
    expect(kept).toEqual(whole);
    expect(kept.map((f) => [f.memberId, f.period, f.status])).toEqual([[LEAD, '2026-11', 'missing']]);
    expect(kept[0]?.detail.en).toBe(
      'Month-end reviews of November 2026 not ticked by 2026-11-30: Elif Yılmaz not ticked; Mert Aksoy ticked 2026-11-27 15:00 by Mert Aksoy, who is not a team lead: not counted.',
    );
    return { facts: records.map((r) => [r.actionId, r.checkItemName, r.checkState, r.authorId, r.postedAt]), findings: kept };
  } finally {
    await store.close();
  }
}

describe('month-end review tick facts on both engines', () => {
  for (const engine of engines) {
    it(`${engine.name}: ticks round-trip with author and time, and are judged`, async () => {
      seen.set(engine.name, await run(await engine.fresh()));
    });
  }

  it.skipIf(!PG_URL)('PostgreSQL stores and judges them exactly as SQLite', () => {
    expect(seen.get('postgres')).toEqual(seen.get('sqlite'));
  });
});
