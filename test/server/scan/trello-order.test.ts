// Trello lists actions by date to the millisecond and reads an id in `before`/`since` as its creation second
// (docs/trello.md §6, docs/emulator.md): the scanner must miss nothing when thousands of comments share a second,
// and hundreds a millisecond, across page boundaries, whatever order their ids are in.
import { afterEach, describe, expect, it } from 'vitest';
import { scanBoards } from '../../../server/src/scan/scan-boards.js';
import type { TrelloAction } from '../../../server/src/trello/client.js';
import { ledgerOf } from '../store/helpers.js';
import { KEY, TOKEN, startWorld, type World } from './world.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** n comments over `seconds` seconds from `startMs`, 5 distinct milliseconds per second, created in a shuffled order (ids do not follow dates). */
function crowd(w: World, n: number, startMs: number, seconds: number, tag: string): string[] {
  const card = w.emu.state.exportBoard(w.boardIds[0]!).cards[1]!;
  const order = Array.from({ length: n }, (_, i) => i);
  let seed = 7;
  for (let i = n - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const ids: string[] = [];
  for (const i of order) {
    const at = new Date(startMs + (i % seconds) * 1000 + ((i * 7) % 5) * 37);
    ids.push(w.emu.state.addComment(card.id, card.idMembers[0]!, `#günlük ${tag} ${i}`, at).id);
  }
  return ids;
}

async function list(w: World, q: Record<string, string>): Promise<TrelloAction[]> {
  const u = new URL(`${w.emu.url}/1/boards/${w.boardIds[0]}/actions`);
  for (const [k, v] of Object.entries({ key: KEY, token: TOKEN, filter: 'commentCard', limit: '1000', ...q })) u.searchParams.set(k, v);
  return (await (await fetch(u)).json()) as TrelloAction[];
}

describe("Trello's order: same-second and same-millisecond comments across pages", () => {
  it('the emulator lists by date (ms) and `before=<id>` drops the rest of that second, as Trello does', async () => {
    world = await startWorld({ boards: 1, cards: 3, days: 2 });
    const start = Date.parse('2026-11-23T09:00:00.000Z');
    crowd(world, 2500, start, 2, 'a');
    const page = await list(world, {});
    expect(page).toHaveLength(1000);
    const dates = page.map((a) => Date.parse(a.date));
    expect(dates).toEqual([...dates].sort((x, y) => y - x)); // newest first by date
    const ids = page.map((a) => a.id);
    expect(ids).not.toEqual([...ids].sort().reverse()); // … not by id
    // Paging by the oldest id (what a naive client does) skips the rest of its second.
    const oldest = page.at(-1)!;
    const byId = await list(world, { before: oldest.id });
    const sameSecond = (a: TrelloAction) => Math.floor(Date.parse(a.date) / 1000) === Math.floor(Date.parse(oldest.date) / 1000);
    expect(byId.some(sameSecond)).toBe(false);
    const byDate = await list(world, { before: new Date(Date.parse(oldest.date) + 1).toISOString() });
    expect(byDate.filter(sameSecond).length).toBeGreaterThan(0);
  });

  it('the first scan, an incremental scan and the full pass miss nothing and duplicate nothing', async () => {
    world = await startWorld({ boards: 1, cards: 3, days: 2 });
    const start = Date.parse('2026-11-23T09:00:00.000Z');
    const first = crowd(world, 3500, start, 3, 'a');
    const r1 = await scanBoards(world.deps);
    expect(r1.boards[0]!.ok).toBe(true);
    const ids1 = (await ledgerOf(world.store)).filter((r) => r.type === 'comment').map((r) => r.actionId);
    expect(new Set(ids1).size).toBe(ids1.length);
    expect(new Set(ids1)).toEqual(new Set([...world.commentIds, ...first]));

    // 1,500 more in the cursor's second and the next: more than the nested page of the one-request scan.
    const more = crowd(world, 1500, start + 2000, 2, 'b');
    const r2 = await scanBoards(world.deps);
    expect(r2.boards[0]!.newComments).toBe(1500);
    const ids2 = (await ledgerOf(world.store)).filter((r) => r.type === 'comment').map((r) => r.actionId);
    expect(new Set(ids2).size).toBe(ids2.length);
    expect(new Set(ids2)).toEqual(new Set([...world.commentIds, ...first, ...more]));

    // The full pass lists everything again: nothing looks vanished, nothing is appended.
    const r3 = await scanBoards(world.deps, { full: true });
    expect(r3.boards[0]).toMatchObject({ ok: true, newComments: 0, edits: 0, deletions: 0 });
    expect((await ledgerOf(world.store)).filter((r) => r.type === 'comment')).toHaveLength(ids2.length);
  });
});
