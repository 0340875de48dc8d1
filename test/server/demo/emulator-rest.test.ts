// Emulator: auth, Trello's JSON shapes, nested resources, labels, cards, loadExport (docs/emulator.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../server/src/demo/emulator.js';
import { idTime } from '../../../server/src/demo/ids.js';
import {
  ARCHIVE_LIST_ID,
  BOARD_ID,
  call,
  CARD_ID,
  CLOSED_CARD_ID,
  KEY,
  LABEL_ID,
  LEAD,
  LIST_ID,
  MEMBER,
  NOW,
  OTHER_TOKEN,
  smallBoard,
  TOKEN,
} from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({
    key: KEY,
    token: TOKEN,
    extraTokens: [OTHER_TOKEN],
    tokenMembers: { [TOKEN]: MEMBER.id, [OTHER_TOKEN]: LEAD.id },
    boards: [smallBoard()],
    clock: () => NOW,
  });
});
afterAll(() => emu.close());

describe('auth', () => {
  it('binds 127.0.0.1 only', () => {
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers 401 with Trello’s plain-text messages', async () => {
    const noKey = await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`, { auth: false });
    expect(noKey.status).toBe(401);
    expect(noKey.text).toBe('invalid key');
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`, { auth: { key: 'wrong', token: TOKEN } })).text).toBe('invalid key');
    const noToken = await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`, { auth: { key: KEY } });
    expect([noToken.status, noToken.text]).toEqual([401, 'unauthorized permission requested']);
    const badToken = await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`, { auth: { key: KEY, token: 'nope' } });
    expect([badToken.status, badToken.text]).toEqual([401, 'invalid token']);
  });

  it('accepts the OAuth Authorization header', async () => {
    const r = await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`, {
      auth: false,
      headers: { authorization: `OAuth oauth_consumer_key="${KEY}", oauth_token="${TOKEN}"` },
    });
    expect(r.status).toBe(200);
    expect(r.json.id).toBe(BOARD_ID);
  });

  it('refuses boards the token cannot read, 404 for unknown ids, 400 for malformed ones', async () => {
    emu.state.tokens.set('limited', { memberId: LEAD.id, boards: [] });
    const r = await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`, { auth: { key: KEY, token: 'limited' } });
    expect([r.status, r.text]).toEqual([401, 'unauthorized permission requested']);
    emu.state.tokens.delete('limited');
    const missing = await call(emu.url, 'GET', '/1/boards/5f0000000000000000000000');
    expect([missing.status, missing.text]).toEqual([404, 'The requested resource was not found.']);
    expect((await call(emu.url, 'GET', '/1/cards/not-an-id!')).status).toBe(400);
  });
});

describe('shapes', () => {
  it('GET /1/boards/:id: default fields, then nested cards with pluginData, lists, members, labels, board pluginData', async () => {
    const plain = await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`);
    expect(Object.keys(plain.json).sort()).toEqual(
      ['closed', 'desc', 'descData', 'id', 'idEnterprise', 'idOrganization', 'labelNames', 'name', 'pinned', 'prefs', 'shortUrl', 'url'].sort(),
    );
    expect(plain.headers.get('content-type')).toContain('application/json');
    expect(plain.headers.get('x-rate-limit-api-token-max')).toBe('100');

    const r = await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`, {
      query: {
        fields: 'name,url',
        cards: 'open',
        card_pluginData: 'true',
        card_fields: 'name,idList,idMembers,closed',
        lists: 'all',
        members: 'all',
        labels: 'all',
        pluginData: 'true',
      },
    });
    const b = r.json;
    expect(b.name).toBe('Gelişmiş Destek — Elif Yılmaz');
    expect(b.url).toMatch(/^https:\/\/trello\.com\/b\/[A-Za-z0-9]{8}\//);
    expect(b.desc).toBeUndefined();
    expect(b.cards).toHaveLength(1); // the closed card is not "open"
    expect(Object.keys(b.cards[0]).sort()).toEqual(['closed', 'id', 'idList', 'idMembers', 'name', 'pluginData']);
    expect(b.cards[0].pluginData[0]).toMatchObject({ idPlugin: 'nabiz-demo-plugin', scope: 'card', idModel: CARD_ID, access: 'shared' });
    expect(JSON.parse(b.cards[0].pluginData[0].value).profile.site).toBe('ahsapdekor.com.tr');
    expect(b.lists.map((l: { id: string }) => l.id)).toEqual([LIST_ID, ARCHIVE_LIST_ID]);
    expect(b.lists[1]).toMatchObject({ closed: true, idBoard: BOARD_ID, name: 'Arşiv' });
    expect(b.members).toEqual([
      { id: MEMBER.id, fullName: 'Elif Yılmaz', username: 'elifyilmaz' },
      { id: LEAD.id, fullName: 'Deniz Koç', username: 'denizkoc' },
    ]);
    expect(b.labels).toEqual([{ id: LABEL_ID, idBoard: BOARD_ID, name: 'Havuz', color: 'green', uses: 0 }]);
    expect(b.pluginData).toHaveLength(1);
    expect(b.pluginData[0]).toMatchObject({ scope: 'board', idModel: BOARD_ID });

    const all = await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`, { query: { cards: 'all', fields: 'name' } });
    expect(all.json.cards.map((c: { id: string }) => c.id).sort()).toEqual([CARD_ID, CLOSED_CARD_ID].sort());
  });

  it('a full card looks like Trello’s', async () => {
    const r = await call(emu.url, 'GET', `/1/cards/${CARD_ID}`);
    const c = r.json;
    for (const k of [
      'id',
      'badges',
      'closed',
      'dateLastActivity',
      'desc',
      'idBoard',
      'idList',
      'idMembers',
      'idLabels',
      'labels',
      'idShort',
      'name',
      'shortLink',
      'shortUrl',
      'url',
      'pos',
    ])
      expect(c).toHaveProperty(k);
    expect(c.idBoard).toBe(BOARD_ID);
    expect(c.badges.comments).toBe(0);
    expect(c.shortLink).toMatch(/^[A-Za-z0-9]{8}$/);
    const withPd = await call(emu.url, 'GET', `/1/cards/${CARD_ID}`, { query: { fields: 'name', pluginData: 'true', members: 'true', list: 'true' } });
    expect(Object.keys(withPd.json).sort()).toEqual(['id', 'list', 'members', 'name', 'pluginData']);
    expect(withPd.json.list.name).toBe('Canlı');
    expect(withPd.json.members[0]).toEqual({ id: MEMBER.id, fullName: 'Elif Yılmaz', username: 'elifyilmaz' });
  });

  it('list endpoints: cards (open by default), lists, members, labels, pluginData', async () => {
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/cards`)).json).toHaveLength(1);
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/cards/all`)).json).toHaveLength(2);
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/cards`, { query: { filter: 'closed' } })).json[0].id).toBe(CLOSED_CARD_ID);
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/lists`)).json).toHaveLength(1);
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/lists`, { query: { filter: 'all' } })).json).toHaveLength(2);
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/members`)).json).toHaveLength(2);
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/labels`)).json[0].name).toBe('Havuz');
    expect((await call(emu.url, 'GET', `/1/cards/${CARD_ID}/pluginData`)).json[0].idModel).toBe(CARD_ID);
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/pluginData`)).json[0].idModel).toBe(BOARD_ID);
  });

  it('members: me is the token’s member; me/boards lists its boards', async () => {
    const me = await call(emu.url, 'GET', '/1/members/me');
    expect(me.json).toMatchObject({ id: MEMBER.id, fullName: 'Elif Yılmaz', username: 'elifyilmaz', idBoards: [BOARD_ID] });
    expect((await call(emu.url, 'GET', '/1/members/me', { auth: { key: KEY, token: OTHER_TOKEN } })).json.id).toBe(LEAD.id);
    expect((await call(emu.url, 'GET', `/1/members/${LEAD.id}`, { query: { fields: 'fullName' } })).json).toEqual({ id: LEAD.id, fullName: 'Deniz Koç' });
    expect((await call(emu.url, 'GET', '/1/members/denizkoc')).json.id).toBe(LEAD.id);
    const boards = await call(emu.url, 'GET', '/1/members/me/boards', { query: { fields: 'name' } });
    expect(boards.json).toEqual([{ id: BOARD_ID, name: 'Gelişmiş Destek — Elif Yılmaz' }]);
  });

  it('the service token (no member mapping) reads every board as “Nabız Servis”', async () => {
    const svc = await startEmulator({ key: KEY, token: TOKEN, boards: [smallBoard()] });
    try {
      expect((await call(svc.url, 'GET', '/1/members/me')).json.fullName).toBe('Nabız Servis');
      expect((await call(svc.url, 'GET', '/1/members/me/boards')).json.map((b: { id: string }) => b.id)).toEqual([BOARD_ID]);
    } finally {
      await svc.close();
    }
  });
});

describe('writes: labels and cards', () => {
  it('adds and removes labels on a card; creates board labels', async () => {
    const add = await call(emu.url, 'POST', `/1/cards/${CARD_ID}/idLabels`, { query: { value: LABEL_ID } });
    expect(add.json).toEqual([LABEL_ID]);
    expect((await call(emu.url, 'POST', `/1/cards/${CARD_ID}/idLabels`, { query: { value: LABEL_ID } })).status).toBe(400);
    expect((await call(emu.url, 'GET', `/1/cards/${CARD_ID}`)).json.labels[0]).toMatchObject({ id: LABEL_ID, name: 'Havuz', color: 'green' });
    expect((await call(emu.url, 'DELETE', `/1/cards/${CARD_ID}/idLabels/${LABEL_ID}`)).status).toBe(200);
    expect((await call(emu.url, 'GET', `/1/cards/${CARD_ID}`)).json.idLabels).toEqual([]);

    const created = await call(emu.url, 'POST', `/1/boards/${BOARD_ID}/labels`, { query: { name: 'Nabız: eksik', color: 'red' } });
    expect(created.json).toMatchObject({ idBoard: BOARD_ID, name: 'Nabız: eksik', color: 'red' });
    expect(idTime(created.json.id).toISOString()).toBe(NOW.toISOString());
    const viaCard = await call(emu.url, 'POST', `/1/cards/${CARD_ID}/labels`, { query: { name: 'Nabız: eksik', color: 'red' } });
    expect(viaCard.json).toEqual([created.json.id]); // reuses the existing board label
    await call(emu.url, 'DELETE', `/1/cards/${CARD_ID}/idLabels/${created.json.id}`);
  });

  it('PUT /1/cards/:id changes members and closed, recording updateCard', async () => {
    const r = await call(emu.url, 'PUT', `/1/cards/${CARD_ID}`, { query: { idMembers: `${MEMBER.id},${LEAD.id}` } });
    expect(r.json.idMembers).toEqual([MEMBER.id, LEAD.id]);
    expect((await call(emu.url, 'PUT', `/1/cards/${CARD_ID}`, { query: { idMembers: 'ffffffffffffffffffffffff' } })).status).toBe(400);
    await call(emu.url, 'PUT', `/1/cards/${CARD_ID}`, { body: { closed: true } });
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/cards`)).json).toHaveLength(0);
    const acts = await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/actions`, { query: { filter: 'updateCard' } });
    expect(acts.json[0].data.old).toEqual({ closed: false });
    await call(emu.url, 'PUT', `/1/cards/${CARD_ID}`, { query: { closed: 'false', idMembers: MEMBER.id } });
  });
});

describe('loadExport', () => {
  it('loads a board export under its own id, with card pluginData and dateLastEdited kept', async () => {
    const board = smallBoard();
    const exportJson = {
      ...board,
      id: '6a1111111111111111111111',
      name: 'Dışa aktarılan pano',
      actions: [
        {
          id: '6a2222222222222222222222',
          idMemberCreator: MEMBER.id,
          type: 'commentCard',
          date: '2026-11-20T10:00:00.000Z',
          data: {
            text: '#günlük eğitim yapıldı',
            dateLastEdited: '2026-11-22T09:00:00.000Z',
            card: { id: CARD_ID, name: 'ahsapdekor.com.tr' },
            board: { id: '6a1111111111111111111111', name: 'x' },
          },
          memberCreator: { id: MEMBER.id, fullName: 'Elif Yılmaz', username: 'elifyilmaz' },
        },
      ],
      cards: [
        {
          ...(board.cards![0] as object),
          id: '6a3333333333333333333333',
          pluginData: [{ id: '6a4444444444444444444444', idPlugin: 'other-plugin', value: '{"profile":{"v":1}}' }],
        },
      ],
      checklists: [],
    };
    (exportJson.actions[0]!.data.card as { id: string }).id = '6a3333333333333333333333';
    const other = await startEmulator({ key: KEY, token: TOKEN });
    try {
      expect(other.loadExport(exportJson)).toBe('6a1111111111111111111111');
      const b = await call(other.url, 'GET', '/1/boards/6a1111111111111111111111', { query: { cards: 'open', card_pluginData: 'true' } });
      expect(b.json.cards[0].pluginData[0]).toMatchObject({ idPlugin: 'other-plugin', idModel: '6a3333333333333333333333' });
      const acts = await call(other.url, 'GET', '/1/cards/6a3333333333333333333333/actions');
      expect(acts.json[0].data.dateLastEdited).toBe('2026-11-22T09:00:00.000Z');
      expect(() => other.loadExport({ name: 'no id' })).toThrow(/not a Trello board export: id/);
      // the state's own export re-loads losslessly
      const again = await startEmulator({ key: KEY, token: TOKEN });
      again.loadExport(other.state.exportBoard('6a1111111111111111111111'));
      expect(again.state.exportBoard('6a1111111111111111111111')).toEqual(other.state.exportBoard('6a1111111111111111111111'));
      await again.close();
    } finally {
      await other.close();
    }
  });
});
