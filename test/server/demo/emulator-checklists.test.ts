// Checklists as Trello serves them: create on a card (two routes), add items one by one, tick with
// PUT /1/cards/{id}/checkItem/{idCheckItem}, the actions addChecklistToCard and updateCheckItemStateOnCard (listed
// in board actions, sent to webhooks), board `checklists=all`, the export, and the limits (docs/trello.md).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../server/src/demo/emulator.js';
import { CHECKLIST_LIMITS } from '../../../server/src/demo/state.js';
import { BOARD_ID, call, CARD_ID, KEY, LEAD, MEMBER, NOW, smallBoard, TOKEN } from './helpers.js';

let emu: Emulator;
let hook: Server;
let hookUrl: string;
const bodies: any[] = [];
const LEAD_TOKEN = 'l'.repeat(64);

beforeAll(async () => {
  hook = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST') bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  emu = await startEmulator({
    key: KEY,
    token: TOKEN,
    extraTokens: [LEAD_TOKEN],
    tokenMembers: { [TOKEN]: MEMBER.id, [LEAD_TOKEN]: LEAD.id },
    boards: [smallBoard()],
    clock: () => NOW,
  });
  await call(emu.url, 'POST', '/1/webhooks', { query: { callbackURL: hookUrl, idModel: BOARD_ID } });
});
afterAll(async () => {
  await emu.close();
  await new Promise<void>((r) => hook.close(() => r()));
});

describe('checklists', () => {
  it('creates a checklist, adds items, ticks one, and records the facts as Trello does', async () => {
    const created = await call(emu.url, 'POST', `/1/cards/${CARD_ID}/checklists`, { query: { name: 'Nabız: karşılama' } });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ name: 'Nabız: karşılama', idBoard: BOARD_ID, idCard: CARD_ID, checkItems: [] });
    const clId = created.json.id as string;
    const a = await call(emu.url, 'POST', `/1/checklists/${clId}/checkItems`, { query: { name: 'Hoş geldin maili gönderildi' } });
    const b = await call(emu.url, 'POST', `/1/checklists/${clId}/checkItems`, { query: { name: 'İlk rapor gönderildi' } });
    expect(a.json).toMatchObject({ idChecklist: clId, name: 'Hoş geldin maili gönderildi', state: 'incomplete', due: null, idMember: null });
    expect(b.json.pos).toBeGreaterThan(a.json.pos);
    expect((await call(emu.url, 'POST', `/1/checklists/${clId}/checkItems`, {})).status).toBe(400);

    // Ticked by the lead's token: the action's author is the lead, its date the tick's time.
    const tick = await call(emu.url, 'PUT', `/1/cards/${CARD_ID}/checkItem/${a.json.id}`, {
      query: { state: 'complete' },
      auth: { key: KEY, token: LEAD_TOKEN },
    });
    expect(tick.json).toMatchObject({ id: a.json.id, state: 'complete' });
    // Same state again: no second action.
    await call(emu.url, 'PUT', `/1/cards/${CARD_ID}/checkItem/${a.json.id}`, { query: { state: 'complete' } });
    expect((await call(emu.url, 'PUT', `/1/cards/${CARD_ID}/checkItem/${a.json.id}`, { query: { state: 'done' } })).status).toBe(400);

    const actions = await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/actions`, { query: { filter: 'addChecklistToCard,updateCheckItemStateOnCard' } });
    expect(actions.json.map((x: any) => x.type)).toEqual(['updateCheckItemStateOnCard', 'addChecklistToCard']);
    const [ticked, added] = actions.json;
    expect(ticked).toMatchObject({
      idMemberCreator: LEAD.id,
      date: NOW.toISOString(),
      data: {
        card: { id: CARD_ID },
        board: { id: BOARD_ID },
        checklist: { id: clId, name: 'Nabız: karşılama' },
        checkItem: { id: a.json.id, name: 'Hoş geldin maili gönderildi', state: 'complete' },
      },
    });
    expect(added).toMatchObject({ idMemberCreator: MEMBER.id, data: { checklist: { id: clId, name: 'Nabız: karşılama' }, card: { id: CARD_ID } } });

    await emu.flushWebhooks();
    expect(bodies.map((x) => x.action.type)).toEqual(['addChecklistToCard', 'updateCheckItemStateOnCard']);

    // Read back: per card, per checklist, nested on the board, in the card's badges, in the export.
    const perCard = await call(emu.url, 'GET', `/1/cards/${CARD_ID}/checklists`);
    expect(perCard.json[0].checkItems.map((i: any) => i.state)).toEqual(['complete', 'incomplete']);
    const board = await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`, { query: { checklists: 'all', fields: 'name' } });
    expect(board.json.checklists).toHaveLength(1);
    expect(board.json.checklists[0].checkItems).toHaveLength(2);
    const card = await call(emu.url, 'GET', `/1/cards/${CARD_ID}`);
    expect(card.json.idChecklists).toEqual([clId]);
    expect(card.json.badges).toMatchObject({ checkItems: 2, checkItemsChecked: 1 });
    const exported = emu.state.exportBoard(BOARD_ID);
    expect((exported as any).checklists[0].checkItems).toHaveLength(2);
  });

  it('POST /1/checklists?idCard= creates the same; unknown ids are 404, malformed 400', async () => {
    const r = await call(emu.url, 'POST', '/1/checklists', { query: { idCard: CARD_ID, name: 'Nabız: canlıya geçiş', pos: 'top' } });
    expect(r.json).toMatchObject({ idCard: CARD_ID, name: 'Nabız: canlıya geçiş' });
    const list = await call(emu.url, 'GET', `/1/cards/${CARD_ID}/checklists`);
    expect(list.json[0].id).toBe(r.json.id); // top
    expect((await call(emu.url, 'POST', '/1/checklists', { query: { name: 'x' } })).status).toBe(400);
    expect((await call(emu.url, 'GET', '/1/checklists/5f0000000000000000000000')).status).toBe(404);
    expect((await call(emu.url, 'PUT', `/1/cards/${CARD_ID}/checkItem/5f0000000000000000000000`, { query: { state: 'complete' } })).status).toBe(404);
  });

  it('refuses more than Trello’s check items per checklist', async () => {
    const r = await call(emu.url, 'POST', `/1/cards/${CARD_ID}/checklists`, { query: { name: 'dolu' } });
    for (let i = 0; i < CHECKLIST_LIMITS.checkItemsPerChecklist.disableAt; i++) emu.state.addCheckItem(r.json.id, `madde ${i}`);
    const over = await call(emu.url, 'POST', `/1/checklists/${r.json.id}/checkItems`, { query: { name: 'bir fazla' } });
    expect(over.status).toBe(403);
  });
});
