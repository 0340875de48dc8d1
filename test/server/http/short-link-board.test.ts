// NABIZ_BOARDS may name a board by its short link (config.ts); the Power-Up always speaks the Trello id
// (t.getContext().board, the JWT's idBoard). Status must still answer for that board.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config.js';
import { createApp } from '../../../server/src/http/app.js';
import type { AppDeps } from '../../../server/src/http/deps.js';
import { createJwtVerifier } from '../../../server/src/http/jwt.js';
import { createDemoJwtKeys } from '../../../server/src/demo/jwt-keys.js';
import { silentLogger } from '../../../server/src/log.js';
import { scanBoards } from '../../../server/src/scan/scan-boards.js';
import { trackedBoardIds, trackedBoardKey } from '../../../server/src/store/board-ids.js';
import { KEY, TOKEN, startWorld, type World } from '../scan/world.js';

const PLUGIN = '5e0be1c0000000000000abcd';
let world: World | undefined;
let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server?.closeAllConnections();
  await world?.close();
  world = server = undefined;
});

describe('a board tracked by its short link', () => {
  it('trackedBoardKey / trackedBoardIds translate between the NABIZ_BOARDS entry and the Trello id', () => {
    // The board rows as the store keys them: the short link, with the Trello id the scanner remembered.
    const state = { get: (key: string) => (key === 'AbCd1234' ? { id: '5f3a1b2c3d4e5f6a7b8c9d0e' } : undefined) };
    expect(trackedBoardIds(['AbCd1234', '6a0000000000000000000001'], state)).toEqual(['5f3a1b2c3d4e5f6a7b8c9d0e', '6a0000000000000000000001']);
    expect(trackedBoardKey(['AbCd1234'], state, '5f3a1b2c3d4e5f6a7b8c9d0e')).toBe('AbCd1234');
    expect(trackedBoardKey(['AbCd1234'], state, 'AbCd1234')).toBe('AbCd1234');
    expect(trackedBoardKey(['AbCd1234'], state, '5f3a1b2c3d4e5f6a7b8c9d0f')).toBeUndefined();
  });

  it('GET /api/boards/<Trello id>/status answers when NABIZ_BOARDS holds the short link', async () => {
    world = await startWorld({ boards: 1, cards: 2, days: 10 });
    const w = world;
    const boardId = w.boardIds[0]!;
    const shortLink = w.emu.state.boards.get(boardId)!.shortLink;
    expect(shortLink).not.toBe(boardId);
    await scanBoards({ ...w.deps, boards: [shortLink] });
    expect(w.store.boards.get(shortLink)?.id).toBe(boardId);

    const keys = await createDemoJwtKeys(() => w.clock.now);
    const member = w.emu.state.boards.get(boardId)!.memberships[0]!.idMember;
    // A manager of this board, named (as the README shows) by its Trello id.
    const people = [{ name: 'Yönetici', trelloId: member, role: 'manager', boards: [boardId] }];
    const config = loadConfig({
      TRELLO_KEY: KEY,
      TRELLO_TOKEN: TOKEN,
      NABIZ_BOARDS: shortLink,
      TRELLO_API_URL: w.emu.url,
      TRELLO_PLUGIN_ID: PLUGIN,
      NABIZ_PEOPLE: JSON.stringify(people),
      LOG_LEVEL: 'silent',
    });
    const deps: AppDeps = {
      config,
      store: w.store,
      clock: () => w.clock.now,
      log: silentLogger,
      // As server/src/main.ts wires it.
      verifyJwt: createJwtVerifier({
        publicKeys: () => [keys.publicKey],
        pluginId: PLUGIN,
        trackedBoards: () => trackedBoardIds(config.NABIZ_BOARDS, w.store.boards),
        clock: () => w.clock.now,
      }),
    };
    server = createApp(deps).listen(0, '127.0.0.1');
    await new Promise((r) => server!.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const token = await keys.signJwt({ idBoard: boardId, idMember: member, idPlugin: PLUGIN });
    const res = await fetch(`${url}/api/boards/${boardId}/status`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { boardId: string; cards: Record<string, unknown> };
    expect(body.boardId).toBe(boardId);
    expect(Object.keys(body.cards).length).toBe(2);

    // The dashboard (opened from the board button with the same JWT) and its report download speak the Trello id too.
    const auth = { headers: { Authorization: `Bearer ${token}` } };
    const data = (await (await fetch(`${url}/dashboard/api/data?board=${boardId}`, auth)).json()) as { boards: Array<{ id: string }> };
    expect(data.boards.map((b) => b.id)).toEqual([boardId]);
    const report = await fetch(`${url}/reports/evidence?board=${boardId}&from=2026-11-02&to=2026-11-20&format=json`, auth);
    expect(report.status).toBe(200);
  });
});
