// Emulator: action paging (limit/before/since, newest first) and Trello's comment quirks (TRELLO-787).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../server/src/demo/emulator.js';
import { idTime } from '../../../server/src/demo/ids.js';
import { BOARD_ID, call, CARD_ID, KEY, LEAD, MEMBER, NOW, OTHER_TOKEN, smallBoard, TOKEN } from './helpers.js';

let emu: Emulator;
let clockNow = NOW;
const N = 2345;
beforeAll(async () => {
  emu = await startEmulator({
    key: KEY,
    token: TOKEN,
    extraTokens: [OTHER_TOKEN],
    tokenMembers: { [TOKEN]: MEMBER.id, [OTHER_TOKEN]: LEAD.id },
    boards: [smallBoard()],
    clock: () => clockNow,
  });
  // 2345 comments, one every 10 minutes, oldest first (ids carry their creation second).
  const start = Date.parse('2026-10-01T06:00:00Z');
  for (let i = 0; i < N; i++) emu.state.addComment(CARD_ID, MEMBER.id, `#günlük kayıt ${i}`, new Date(start + i * 600_000));
});
afterAll(() => emu.close());

const texts = (xs: Array<{ data: { text: string } }>) => xs.map((a) => a.data.text);

describe('paging board actions', () => {
  it('newest first, default limit 50, limit up to 1000, >1000 is a 400', async () => {
    const d = await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/actions`);
    expect(d.json).toHaveLength(50);
    expect(d.json[0].data.text).toBe(`#günlük kayıt ${N - 1}`);
    expect(d.json[0]).toMatchObject({ type: 'commentCard', idMemberCreator: MEMBER.id, memberCreator: { id: MEMBER.id, fullName: 'Elif Yılmaz' } });
    expect(d.json[0].data).toMatchObject({ card: { id: CARD_ID, name: 'ahsapdekor.com.tr' }, board: { id: BOARD_ID }, list: { name: 'Canlı' } });
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/actions`, { query: { limit: '1000' } })).json).toHaveLength(1000);
    const over = await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/actions`, { query: { limit: '1001' } });
    expect([over.status, over.text]).toEqual([400, 'invalid value for limit']);
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/actions`, { query: { limit: '0' } })).json).toEqual([]);
  });

  it('pages backwards with before=<oldest id> through all 2345 comments without gaps or repeats', async () => {
    const seen: string[] = [];
    let before: string | undefined;
    let pages = 0;
    for (;;) {
      const r = await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/actions`, { query: { filter: 'commentCard', limit: '1000', ...(before ? { before } : {}) } });
      pages++;
      seen.push(...texts(r.json));
      if (r.json.length < 1000) break;
      before = r.json.at(-1).id;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(N);
    expect(new Set(seen).size).toBe(N);
    expect(seen[0]).toBe(`#günlük kayıt ${N - 1}`);
    expect(seen.at(-1)).toBe('#günlük kayıt 0');
  });

  it('since=<id> returns only newer actions; since/before accept ISO dates', async () => {
    const all = (await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/actions`, { query: { limit: '1000' } })).json;
    const cursor = all[10].id;
    const newer = await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/actions`, { query: { since: cursor, limit: '1000' } });
    expect(texts(newer.json)).toEqual(texts(all.slice(0, 10)));
    // 06:00 + 10 min × i: before 07:00 ⇒ i < 6; since 06:30 ⇒ i > 3
    const range = await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/actions`, {
      query: { since: '2026-10-01T06:30:00.000Z', before: '2026-10-01T07:00:00Z', limit: '1000' },
    });
    expect(texts(range.json)).toEqual(['#günlük kayıt 5', '#günlük kayıt 4']);
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/actions`, { query: { before: 'yesterday' } })).status).toBe(400);
  });

  it('any before/since/limit combination equals a brute-force filter of the stored actions (property)', async () => {
    const stored = [...emu.state.boardActions.get(BOARD_ID)!];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: N - 1 }),
        fc.integer({ min: 0, max: N - 1 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.boolean(),
        async (i, j, limit, byDate) => {
          const [lo, hi] = [Math.min(i, j), Math.max(i, j)];
          const since = byDate ? stored[lo]!.date : stored[lo]!.id;
          const before = byDate ? stored[hi]!.date : stored[hi]!.id;
          const r = await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/actions`, { query: { since, before, limit: String(limit), filter: 'commentCard' } });
          const expected = stored
            .slice(lo + 1, hi)
            .reverse()
            .slice(0, limit)
            .map((a) => a.id);
          expect(r.json.map((a: { id: string }) => a.id)).toEqual(expected);
        },
      ),
      { numRuns: 40, seed: 20261123 },
    );
  });

  it('ids are Mongo-style: the first 8 hex digits are the creation second, so id order is time order', async () => {
    const page = (await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/actions`, { query: { limit: '100' } })).json as Array<{ id: string; date: string }>;
    for (const a of page) expect(idTime(a.id).getTime()).toBe(Math.floor(Date.parse(a.date) / 1000) * 1000);
    const ids = page.map((a) => a.id);
    expect([...ids].sort().reverse()).toEqual(ids);
  });

  it('card actions page too (default filter commentCard,updateCard:idList), with page=', async () => {
    const p0 = await call(emu.url, 'GET', `/1/cards/${CARD_ID}/actions`);
    const p1 = await call(emu.url, 'GET', `/1/cards/${CARD_ID}/actions`, { query: { page: '1' } });
    expect(p0.json).toHaveLength(50);
    expect(p1.json[0].data.text).toBe(`#günlük kayıt ${N - 51}`);
  });

  it('nested actions on GET /1/boards/:id ignore actions_before (TRELLO-229)', async () => {
    const all = (await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/actions`, { query: { limit: '5' } })).json;
    const r = await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`, { query: { actions: 'commentCard', actions_limit: '3', actions_before: all[4].id } });
    expect(texts(r.json.actions)).toEqual(texts(all.slice(0, 3)));
  });
});

describe('comments: create, edit, delete like Trello', () => {
  it('creates a comment from the query, a JSON body or a form body, authored by the token’s member', async () => {
    clockNow = new Date('2026-11-23T09:15:00Z');
    const q = await call(emu.url, 'POST', `/1/cards/${CARD_ID}/actions/comments`, { query: { text: '#günlük query' } });
    expect(q.json).toMatchObject({
      type: 'commentCard',
      idMemberCreator: MEMBER.id,
      date: '2026-11-23T09:15:00.000Z',
      data: { text: '#günlük query', card: { id: CARD_ID } },
    });
    const j = await call(emu.url, 'POST', `/1/cards/${CARD_ID}/actions/comments`, { body: { text: '#haftalık json\nDisk: 3,1/4 GB' } });
    expect(j.json.data.text).toBe('#haftalık json\nDisk: 3,1/4 GB');
    const f = await call(emu.url, 'POST', `/1/cards/${CARD_ID}/actions/comments`, { form: { text: '#aylık form' }, auth: { key: KEY, token: OTHER_TOKEN } });
    expect(f.json.idMemberCreator).toBe(LEAD.id);
    expect((await call(emu.url, 'POST', `/1/cards/${CARD_ID}/actions/comments`)).status).toBe(400);
  });

  it('edit: rewrites data.text, sets dateLastEdited, keeps date; updateComment only via GET /1/actions/:id', async () => {
    clockNow = new Date('2026-11-23T10:00:00Z');
    const c = (await call(emu.url, 'POST', `/1/cards/${CARD_ID}/actions/comments`, { query: { text: '#günlük ilk metin' } })).json;
    clockNow = new Date('2026-11-25T08:00:00Z');
    const e = await call(emu.url, 'PUT', `/1/cards/${CARD_ID}/actions/${c.id}/comments`, { query: { text: '#günlük düzeltilmiş metin' } });
    expect(e.status).toBe(200);
    expect(e.json).toMatchObject({
      id: c.id,
      date: '2026-11-23T10:00:00.000Z',
      data: { text: '#günlük düzeltilmiş metin', dateLastEdited: '2026-11-25T08:00:00.000Z' },
    });
    clockNow = new Date('2026-11-25T08:05:00Z');
    await call(emu.url, 'PUT', `/1/actions/${c.id}`, { query: { text: '#günlük üçüncü metin' } });

    const listed = (await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/actions`, { query: { filter: 'all', limit: '20' } })).json as Array<{
      type: string;
      id: string;
    }>;
    expect(listed.some((a) => a.type === 'updateComment')).toBe(false);
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/actions`, { query: { filter: 'updateComment' } })).json).toEqual([]);
    expect(
      (await call(emu.url, 'GET', `/1/cards/${CARD_ID}/actions`, { query: { filter: 'updateComment,commentCard' } })).json.every(
        (a: { type: string }) => a.type === 'commentCard',
      ),
    ).toBe(true);
    const nested = (await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`, { query: { actions: 'all', actions_limit: '20' } })).json.actions as Array<{
      type: string;
    }>;
    expect(nested.some((a) => a.type === 'updateComment')).toBe(false);

    const updates = [...emu.state.actions.values()].filter((a) => a.type === 'updateComment' && a.data.action?.id === c.id);
    expect(updates).toHaveLength(2);
    const u = await call(emu.url, 'GET', `/1/actions/${updates[0]!.id}`);
    expect(u.json).toMatchObject({
      type: 'updateComment',
      data: { action: { id: c.id, text: '#günlük düzeltilmiş metin' }, old: { text: '#günlük ilk metin' }, card: { id: CARD_ID } },
    });
    expect((await call(emu.url, 'GET', `/1/actions/${c.id}`)).json.data.text).toBe('#günlük üçüncü metin');
  });

  it('only the author may edit; PUT on a non-comment action is refused', async () => {
    const c = (await call(emu.url, 'POST', `/1/cards/${CARD_ID}/actions/comments`, { query: { text: '#günlük yazar' } })).json;
    const r = await call(emu.url, 'PUT', `/1/actions/${c.id}`, { query: { text: 'başkası' }, auth: { key: KEY, token: OTHER_TOKEN } });
    expect([r.status, r.text]).toEqual([401, 'unauthorized permission requested']);
    expect((await call(emu.url, 'GET', `/1/actions/${c.id}`)).json.data.text).toBe('#günlük yazar');
    const upd = [...emu.state.actions.values()].find((a) => a.type === 'updateComment')!;
    expect((await call(emu.url, 'PUT', `/1/actions/${upd.id}`, { query: { text: 'x' } })).status).toBe(400);
  });

  it('delete: the commentCard is gone; deleteComment is never listed (Trello excludes it), only GET /1/actions/{id} serves it; a board admin may delete too', async () => {
    const c = (await call(emu.url, 'POST', `/1/cards/${CARD_ID}/actions/comments`, { query: { text: '#günlük silinecek' } })).json;
    expect((await call(emu.url, 'DELETE', `/1/cards/${CARD_ID}/actions/${c.id}/comments`)).status).toBe(200);
    expect((await call(emu.url, 'GET', `/1/actions/${c.id}`)).status).toBe(404);
    // Excluded action types: no nested list returns them, whatever the filter asks.
    for (const [path, filter] of [
      [`/1/boards/${BOARD_ID}/actions`, 'deleteComment'],
      [`/1/boards/${BOARD_ID}/actions`, 'all'],
      [`/1/cards/${CARD_ID}/actions`, 'commentCard,deleteComment,updateComment'],
    ] as const) {
      const listed = (await call(emu.url, 'GET', path, { query: { filter, limit: '1000' } })).json as Array<{ type: string }>;
      expect(
        listed.some((a) => a.type === 'deleteComment' || a.type === 'updateComment'),
        `${path}?filter=${filter}`,
      ).toBe(false);
    }
    const nested = (await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`, { query: { actions: 'all', actions_limit: '1000' } })).json.actions as Array<{
      type: string;
    }>;
    expect(nested.some((a) => a.type === 'deleteComment')).toBe(false);
    const delAction = [...emu.state.actions.values()].find((a) => a.type === 'deleteComment' && a.data.action?.id === c.id)!;
    const del = (await call(emu.url, 'GET', `/1/actions/${delAction.id}`)).json;
    expect(del).toMatchObject({ type: 'deleteComment', data: { action: { id: c.id }, card: { id: CARD_ID } } });
    expect(JSON.stringify(del)).not.toContain('silinecek');
    // Only comment actions can be deleted or edited.
    expect((await call(emu.url, 'DELETE', `/1/actions/${delAction.id}`)).status).toBe(400);

    const c2 = (await call(emu.url, 'POST', `/1/cards/${CARD_ID}/actions/comments`, { query: { text: '#günlük admin siler' } })).json;
    expect((await call(emu.url, 'DELETE', `/1/actions/${c2.id}`, { auth: { key: KEY, token: OTHER_TOKEN } })).status).toBe(200); // LEAD is board admin
    const c3 = (
      await call(emu.url, 'POST', `/1/cards/${CARD_ID}/actions/comments`, { query: { text: '#günlük lider yazdı' }, auth: { key: KEY, token: OTHER_TOKEN } })
    ).json;
    expect((await call(emu.url, 'DELETE', `/1/actions/${c3.id}`)).status).toBe(401); // a normal member cannot delete others'
  });
});

describe('exportBoard (what “Export as JSON” gives)', () => {
  it('holds at most 1000 actions, newest first, no updateComment/deleteComment; allTypes + no cap is lossless', () => {
    const exp = emu.state.exportBoard(BOARD_ID);
    expect(exp.actions).toHaveLength(1000);
    expect(exp.actions.some((a) => a.type === 'updateComment' || a.type === 'deleteComment')).toBe(false);
    expect(Date.parse(exp.actions[0]!.date)).toBeGreaterThanOrEqual(Date.parse(exp.actions[999]!.date));
    expect(exp.cards[0]!.pluginData![0]!.idModel).toBe(CARD_ID);
    const full = emu.state.exportBoard(BOARD_ID, { actionsLimit: Infinity, allTypes: true });
    expect(full.actions.length).toBe(emu.state.boardActions.get(BOARD_ID)!.length);
    expect(full.actions.some((a) => a.type === 'updateComment')).toBe(true);
  });
});
