// POST /1/cards as Trello serves it (rest/api-group-cards "Create a new Card"; trello.js Parameters.CreateCard):
// `idList` required, the new card at the bottom of the list with the board's next idShort, a `createCard` action
// with `data: {card, list, board}` listed in the board's actions and sent to webhooks; a list the token cannot see
// or that does not exist is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../server/src/demo/emulator.js';
import { BOARD_ID, call, KEY, LIST_ID, MEMBER, NOW, smallBoard, TOKEN } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ key: KEY, token: TOKEN, tokenMembers: { [TOKEN]: MEMBER.id }, boards: [smallBoard()], clock: () => NOW });
});
afterAll(async () => {
  await emu.close();
});

describe('POST /1/cards', () => {
  it('creates a card at the bottom of the list and records createCard', async () => {
    const before = [...emu.state.cards.values()].filter((c) => c.idBoard === BOARD_ID);
    const res = await call(emu.url, 'POST', '/1/cards', { query: { idList: LIST_ID, name: 'Nabız: takım lideri', desc: 'ay sonu', pos: 'bottom' } });
    expect(res.status).toBe(200);
    const card = res.json as Record<string, unknown>;
    expect(card).toMatchObject({ name: 'Nabız: takım lideri', desc: 'ay sonu', idList: LIST_ID, idBoard: BOARD_ID, closed: false, idMembers: [] });
    expect(card.idShort).toBe(Math.max(...before.map((c) => c.idShort ?? 0)) + 1);
    expect(String(card.url)).toMatch(/^https:\/\/trello\.com\/c\/\w+\/\d+-/);
    const inList = [...emu.state.cards.values()].filter((c) => c.idList === LIST_ID && c.id !== card.id);
    expect(Number(card.pos)).toBeGreaterThan(Math.max(...inList.map((c) => c.pos ?? 0)));
    const listed = await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/actions`, { query: { filter: 'createCard' } });
    const action = (listed.json as Array<Record<string, any>>).find((a) => a.data.card.id === card.id);
    expect(action).toMatchObject({
      type: 'createCard',
      idMemberCreator: MEMBER.id,
      data: { card: { id: card.id, name: 'Nabız: takım lideri' }, list: { id: LIST_ID }, board: { id: BOARD_ID } },
    });
  });

  it('refuses a missing or unknown idList', async () => {
    expect((await call(emu.url, 'POST', '/1/cards', { query: { name: 'x' } })).status).toBe(400);
    expect((await call(emu.url, 'POST', '/1/cards', { query: { idList: '6a0000000000000000000000', name: 'x' } })).status).toBe(400);
  });
});
