// The first scan streams: each page of actions is committed as it arrives with a watermark; a backfill that
// stops half-way (Trello failing, a kill) continues from the watermark next time, missing and repeating nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { scanBoards } from '../../../server/src/scan/scan-boards.js';
import { verifyLedger } from '../../../server/src/store/ledger.js';
import { ledgerOf } from '../store/helpers.js';
import { ledgerFacts, startWorld, type World } from './world.js';

const worlds: World[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close();
});

describe('streamed first scan', () => {
  it('commits page by page; a backfill cut off mid-way resumes from its watermark and ends with the ledger of an uninterrupted one', {
    timeout: 120_000,
  }, async () => {
    const w = await startWorld({ boards: 1, cards: 12, days: 90, perDay: 8, limits: { maxTries: 2 } });
    worlds.push(w);
    const total = w.commentIds.length;
    expect(total).toBeGreaterThan(4000);
    const boardId = w.boardIds[0]!;

    // Trello starts failing once two pages are committed.
    const committedAt: number[] = [];
    const r1 = await scanBoards(w.deps, {
      onProgress: (p) => {
        if (p.phase !== 'actions') return;
        committedAt.push(p.actions);
        if (committedAt.length === 2) w.emu.faults.fail5xxNext(1000, 503);
      },
    });
    w.emu.faults.reset();
    expect(r1.boards[0]).toMatchObject({ ok: false, backfill: true });
    const partial = await ledgerOf(w.store);
    // Each page was in the store as soon as it arrived (never the whole history held before one commit).
    // (A page repeats the previous page's last millisecond: those repeats are dropped, hence "about" 2000.)
    expect(committedAt[0]).toBe(1000);
    expect(committedAt[1]).toBeGreaterThan(1990);
    expect(partial.length).toBeGreaterThanOrEqual(committedAt[1]!);
    expect(partial.length).toBeLessThan(total);
    expect(verifyLedger(partial).ok).toBe(true);
    const row = w.store.boards.get(boardId)!;
    expect(row.backfilled).toBe(false);
    expect(row.backfill).toMatchObject({ before: expect.any(String), actions: partial.length });
    expect(w.store.snapshots.get(boardId)).toBeUndefined();

    // The next scan continues before the watermark: only the pages not committed yet (+ the board).
    w.emu.requests.reset();
    const r2 = await scanBoards(w.deps);
    expect(r2.boards[0]).toMatchObject({ ok: true, backfill: true });
    expect(r2.boards[0]!.newComments).toBe(total - partial.length);
    expect(w.emu.requests.byRoute['GET /1/boards/:id/actions']).toBe(Math.ceil((total - partial.length + 1) / 1000));
    const ledger = await ledgerOf(w.store);
    const ids = ledger.filter((r) => r.type === 'comment').map((r) => r.actionId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(w.commentIds));
    expect(w.store.boards.get(boardId)).toMatchObject({ backfilled: true, cursor: expect.any(String), lastFullScanAt: expect.any(String) });
    expect(w.store.boards.get(boardId)!.backfill).toBeUndefined();

    // Same facts in the same order as one uninterrupted backfill of the same Trello.
    const clean = await startWorld({ boards: 1, cards: 12, days: 90, perDay: 8 });
    worlds.push(clean);
    await scanBoards(clean.deps);
    expect(await ledgerFacts(w.store)).toEqual(await ledgerFacts(clean.store));

    // And the next incremental scan finds nothing new with one request.
    w.emu.requests.reset();
    const r3 = await scanBoards(w.deps);
    expect(r3.boards[0]).toMatchObject({ ok: true, newComments: 0 });
    expect(w.emu.requests.total).toBe(1);
  });
});
