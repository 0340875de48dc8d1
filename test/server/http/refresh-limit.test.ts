// POST /api/boards/:id/refresh against the emulator: only the board in the JWT, only for its members, at most
// one scan per board per minute — counted with the emulator's request counter.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config.js';
import { startEmulator, type Emulator } from '../../../server/src/demo/emulator.js';
import { generateDemoWorkspace, type DemoWorkspace } from '../../../server/src/demo/workspace.js';
import { createApp } from '../../../server/src/http/app.js';
import { createJwtVerifier } from '../../../server/src/http/jwt.js';
import { createDemoJwtKeys, type DemoJwtKeys } from '../../../server/src/demo/jwt-keys.js';
import { REFRESH_MIN_MS } from '../../../server/src/http/routes/api.js';
import { silentLogger } from '../../../server/src/log.js';
import { createScanRunner, type ScanRunner } from '../../../server/src/scan/scan-boards.js';
import { memoryStore, type Store } from '../../../server/src/store/store.js';
import { createTrelloClient } from '../../../server/src/trello/client.js';

const KEY = 'refreshkey0000000000000000000000';
const TOKEN = 'refreshtoken00000000000000000000000000000000000000000000000000000';
const PLUGIN = '5e0be1c0000000000000aaa0';

let emulator: Emulator;
let server: Server;
let base: string;
let store: Store;
let runner: ScanRunner;
let keys: DemoJwtKeys;
let ws: DemoWorkspace;
let boards: string[];
let now = new Date();

beforeAll(async () => {
  ws = generateDemoWorkspace({ seed: 3, now: new Date() });
  emulator = await startEmulator({ port: 0, key: KEY, token: TOKEN, boards: ws.boards, clock: () => new Date() });
  boards = ws.boards.map((b) => b.id);
  store = await memoryStore();
  const trello = createTrelloClient({ baseUrl: emulator.url, key: KEY, token: TOKEN, clock: () => new Date(), log: silentLogger });
  runner = createScanRunner({ store, trello, boards, clock: () => new Date(), log: silentLogger });
  await runner.run();
  keys = await createDemoJwtKeys(() => new Date());
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', TRELLO_KEY: KEY, TRELLO_PLUGIN_ID: PLUGIN }), NABIZ_BOARDS: boards, people: ws.people };
  const app = createApp({
    config,
    store,
    clock: () => now,
    log: silentLogger,
    verifyJwt: createJwtVerifier({ publicKeys: () => [keys.publicKey], pluginId: PLUGIN, trackedBoards: () => boards, clock: () => new Date() }),
    requestScan: async (board) => void (await runner.run(board ? { boards: [board] } : {})),
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await runner?.idle();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  await emulator?.close();
});

const jwt = (idBoard: string, idMember: string) => keys.signJwt({ idBoard, idMember, idPlugin: PLUGIN });
const refresh = async (board: string, token: string) =>
  fetch(`${base}/api/boards/${board}/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });

describe('POST /api/boards/:id/refresh', () => {
  it('50 calls from a member scan that one board once; after a minute once more', async () => {
    const board = boards[0]!;
    const member = ws.specialists.find((s) => s.boardId === board)!.id;
    const token = await jwt(board, member);
    const scansBefore = store.scans.list().length;
    emulator.requests.reset();

    const first = await refresh(board, token);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ scanned: true });
    const oneBoardScan = emulator.requests.total;
    expect(oneBoardScan).toBeGreaterThan(0);
    // Only the board in the token was scanned.
    expect(
      store.scans
        .list()
        .slice(scansBefore)
        .map((s) => s.boards.map((b) => b.boardId)),
    ).toEqual([[board]]);

    // 49 more within the minute (in parallel and in sequence): no Trello request at all.
    const answers = await Promise.all(Array.from({ length: 30 }, () => refresh(board, token)));
    for (let i = 0; i < 19; i++) answers.push(await refresh(board, token));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const bodies = (await Promise.all(answers.map((a) => a.json()))) as Array<{ scanned: boolean; shared: boolean; lastScanAt: string | null }>;
    expect(bodies.every((b) => !b.scanned && b.shared && b.lastScanAt)).toBe(true);
    expect(emulator.requests.total).toBe(oneBoardScan);
    expect(store.scans.list().length).toBe(scansBefore + 1);

    // A minute later: one more scan of that board (same cost), still not the others.
    now = new Date(now.getTime() + REFRESH_MIN_MS);
    expect(await (await refresh(board, token)).json()).toMatchObject({ scanned: true });
    expect(emulator.requests.total).toBe(2 * oneBoardScan);
    expect(
      store.scans
        .list()
        .slice(scansBefore)
        .map((s) => s.boards.map((b) => b.boardId)),
    ).toEqual([[board], [board]]);
  });

  it('calls running while a scan is in progress share it', async () => {
    now = new Date(now.getTime() + 2 * REFRESH_MIN_MS);
    const board = boards[1]!;
    const token = await jwt(board, ws.specialists.find((s) => s.boardId === board)!.id);
    emulator.requests.reset();
    emulator.faults.latencyMs = 30;
    try {
      const all = await Promise.all(Array.from({ length: 10 }, () => refresh(board, token).then((r) => r.json() as Promise<{ scanned: boolean }>)));
      expect(all.filter((b) => b.scanned)).toHaveLength(1);
    } finally {
      emulator.faults.latencyMs = 0;
    }
    const afterShared = emulator.requests.total;
    expect(afterShared).toBeGreaterThan(0);
    expect(await (await refresh(board, token)).json()).toMatchObject({ scanned: false });
    expect(emulator.requests.total).toBe(afterShared);
  });

  it('refuses a token of another board (403), a non-member (403) and no token (401), without any Trello request', async () => {
    now = new Date(now.getTime() + 2 * REFRESH_MIN_MS);
    const [a, b] = boards as [string, string];
    const memberOfB = ws.specialists.find((s) => s.boardId === b && !ws.specialists.some((x) => x.id === s.id && x.boardId === a))!.id;
    emulator.requests.reset();
    expect((await refresh(a, await jwt(b, memberOfB))).status).toBe(403);
    const outsider = await refresh(a, await jwt(a, memberOfB));
    expect(outsider.status).toBe(403);
    expect(((await outsider.json()) as { error: string }).error).toMatch(/only members of this board/);
    expect((await fetch(`${base}/api/boards/${a}/refresh`, { method: 'POST' })).status).toBe(401);
    expect(emulator.requests.total).toBe(0);
  });
});
