// Fault injection (docs/emulator.md): 429 storms, 5xx, dropped connections and latency
// must end with exactly the findings and ledger of a clean run.
import { commentRecordsOf, ledgerOf } from '../store/helpers.js';
import { afterEach, describe, expect, it } from 'vitest';
import { storedResult } from '../../../server/src/store/judge.js';
import { scanBoards } from '../../../server/src/scan/scan-boards.js';
import { verifyLedger } from '../../../server/src/store/ledger.js';
import { ledgerFacts, NOW, startWorld, type World } from './world.js';

const worlds: World[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close();
});

/** Backfill, then new comments, an edit and a deletion, then an incremental and a full scan. */
async function scenario(w: World, faults: (w: World) => void) {
  faults(w);
  const first = await scanBoards(w.deps, { now: NOW });
  const card = w.emu.state.exportBoard(w.boardIds[1]!).cards[2]!;
  w.clock.now = new Date(NOW.getTime() + 60_000);
  w.emu.state.addComment(card.id, card.idMembers[0]!, '#günlük müşteri arandı');
  w.emu.state.editComment(w.commentIds[5]!, card.idMembers[0]!, '#günlük düzeltme');
  w.emu.state.deleteComment(w.commentIds[7]!, card.idMembers[0]!);
  faults(w);
  const inc = await scanBoards(w.deps, { now: NOW });
  faults(w);
  const full = await scanBoards(w.deps, { now: NOW, full: true });
  return { runs: [first, inc, full], findings: Object.fromEntries(await Promise.all(w.boardIds.map(async (id) => [id, await storedResult(w.store, id)]))) };
}

async function clean() {
  const w = await startWorld({ boards: 3, cards: 4, days: 25 });
  worlds.push(w);
  return scenario(w, () => undefined);
}

describe('scans under fault injection end like a clean run', () => {
  it.each([
    [
      'a 429 burst, 5xx errors, dropped connections and latency',
      (w: World) => {
        w.emu.faults.latencyMs = 15;
        w.emu.faults.fail429Next(4);
        w.emu.faults.fail5xxNext(2, 502);
        w.emu.faults.dropNext(2);
      },
    ],
    [
      'a 429 storm from real (tight) limits the client does not know about',
      (w: World) => {
        w.emu.faults.rateLimits = { perToken: 2, perKey: 300, windowMs: 120 };
      },
    ],
    [
      'every request slow',
      (w: World) => {
        w.emu.faults.latencyMs = 40;
      },
    ],
    [
      'a 503 per request, then a dropped connection',
      (w: World) => {
        w.emu.faults.fail5xxNext(3, 503);
        w.emu.faults.dropNext(3);
      },
    ],
  ])('%s', async (_name, inject) => {
    const ref = await clean();
    const w = await startWorld({ boards: 3, cards: 4, days: 25 });
    worlds.push(w);
    const got = await scenario(w, inject);
    for (const r of got.runs) expect(r.boards.every((b) => b.ok)).toBe(true);
    expect(await ledgerFacts(w.store)).toEqual(await ledgerFacts(worlds[0]!.store));
    expect(got.findings).toEqual(ref.findings);
    expect(verifyLedger(await ledgerOf(w.store)).ok).toBe(true);
    // The faults really happened: more requests were sent than the clean run needed.
    const sent = got.runs.reduce((n, r) => n + r.requests, 0);
    const cleanSent = ref.runs.reduce((n, r) => n + r.requests, 0);
    if (_name !== 'every request slow') expect(sent).toBeGreaterThan(cleanSent);
  });

  it('a board whose requests keep failing is reported failed; the others still finish', async () => {
    const w = await startWorld({ boards: 2, limits: { maxTries: 2 } });
    worlds.push(w);
    w.emu.faults.fail5xxNext(2, 500); // exactly the two tries of the first request
    const r = await scanBoards({ ...w.deps, boards: w.boardIds }, { concurrency: 1 });
    expect(r.boards[0]).toMatchObject({ ok: false, code: 'trello-unavailable' });
    expect(r.boards[1]!.ok).toBe(true);
    // Next scan: the failed board backfills normally, nothing is lost.
    const r2 = await scanBoards(w.deps);
    expect(r2.boards.every((b) => b.ok)).toBe(true);
    expect(await commentRecordsOf(w.store)).toHaveLength(w.commentIds.length);
  });
});
