// A team lead's view stays inside their team (docs/operations.md "Access model", rows 3 and 5): a dashboard filter
// naming a board or specialist they do not lead is refused with 403 (never answered with their own data), and
// their /healthz?detail=1 carries their boards' figures only, while a manager keeps the service-wide totals.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config.js';
import { createDemoJwtKeys, type DemoJwtKeys } from '../../../server/src/demo/jwt-keys.js';
import { createApp } from '../../../server/src/http/app.js';
import { createJwtVerifier } from '../../../server/src/http/jwt.js';
import { silentLogger } from '../../../server/src/log.js';
import { memoryStore, type Store } from '../../../server/src/store/store.js';
import { BOARD, ILKER, NOW, SULE, buildState, snapshot } from '../reports/fixture.js';

const OTHER = 'b0000000000000000000b002';
const MANAGER = 'p0000000000000000000p001';
const LEAD_SULE = 'p0000000000000000000p002';
const LEAD_OTHER = 'p0000000000000000000p004';
const people = [
  { name: 'Mehmet Yılmaz', trelloId: MANAGER, role: 'manager' },
  { name: 'Ayşe Kılıç', trelloId: LEAD_SULE, role: 'teamLead', boards: [BOARD], specialists: [SULE] },
  { name: 'Canan Öz', trelloId: LEAD_OTHER, role: 'teamLead', boards: [OTHER] },
];

let server: Server;
let base: string;
let keys: DemoJwtKeys;
let store: Store;

beforeAll(async () => {
  keys = await createDemoJwtKeys(() => NOW);
  store = await memoryStore(buildState());
  // A second board and the last scan, written as the scanner writes them.
  await store.write(async (tx) => {
    await tx.boards.put(
      OTHER,
      { id: OTHER, name: 'Gelişmiş Destek — Ankara', backfilled: true, lastScanAt: '2026-11-09T20:00:00Z' },
      { ...snapshot(), id: OTHER, name: 'Gelişmiş Destek — Ankara', comments: [] },
    );
    await tx.scans.add(
      {
        at: '2026-11-09T20:00:00Z',
        kind: 'incremental',
        boards: [
          { boardId: BOARD, ok: true, newComments: 3, edits: 0, deletions: 0, cards: 2, findings: 5, requests: 2 },
          {
            boardId: OTHER,
            ok: false,
            error: 'board 6b… (Ankara) answered 401',
            newComments: 40,
            edits: 0,
            deletions: 0,
            cards: 30,
            findings: 70,
            requests: 9,
          },
        ],
        requests: 11,
        durationMs: 1234,
      },
      500,
    );
  });
  const config = loadConfig({
    NABIZ_PEOPLE: JSON.stringify(people),
    NABIZ_BOARDS: `${BOARD},${OTHER}`,
    TRELLO_KEY: 'k'.repeat(32),
    TRELLO_TOKEN: 't'.repeat(64),
    LOG_LEVEL: 'silent',
  });
  const app = createApp({
    config,
    store,
    clock: () => NOW,
    log: silentLogger,
    verifyJwt: createJwtVerifier({ publicKeys: () => [keys.publicKey], trackedBoards: () => [BOARD, OTHER], clock: () => NOW }),
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const auth = async (idMember: string, idBoard = BOARD) => ({
  Authorization: `Bearer ${await keys.signJwt({ idMember, idBoard, idPlugin: 'plugin' }, NOW)}`,
  // Not a request of the machine itself: the detail depends on the credential.
  'X-Forwarded-For': '203.0.113.9',
});

describe("a team lead's dashboard filter outside their team", () => {
  it('another board or another specialist → 403; their own → 200', async () => {
    const lead = await auth(LEAD_SULE);
    for (const q of [`?board=${OTHER}`, `?member=${ILKER}`, `?board=${OTHER}&member=${SULE}`, '?board=b0000000000000000000b999']) {
      const r = await fetch(`${base}/dashboard/api/data${q}`, { headers: lead });
      expect(r.status, q).toBe(403);
      expect(((await r.json()) as { error: string }).error, q).toMatch(/not in your team/);
    }
    for (const q of ['', `?board=${BOARD}`, `?member=${SULE}`, `?board=${BOARD}&member=${SULE}`]) {
      expect((await fetch(`${base}/dashboard/api/data${q}`, { headers: lead })).status, q).toBe(200);
    }
    // A lead of the other board: this board is not theirs either.
    expect((await fetch(`${base}/dashboard/api/data?board=${BOARD}`, { headers: await auth(LEAD_OTHER, OTHER) })).status).toBe(403);
  });

  it('a manager may filter any board and specialist', async () => {
    const m = await auth(MANAGER);
    for (const q of [`?board=${OTHER}`, `?member=${ILKER}`, `?board=${BOARD}&member=${SULE}`])
      expect((await fetch(`${base}/dashboard/api/data${q}`, { headers: m })).status, q).toBe(200);
  });
});

describe("a team lead's /healthz?detail=1", () => {
  it("shows their boards' figures only: no other board, no service-wide totals, no ledger size or head", async () => {
    const r = await fetch(`${base}/healthz?detail=1`, { headers: await auth(LEAD_SULE) });
    // Their board is fine: the other board's failure is not theirs to see (nor to be told "down" for).
    expect(r.status).toBe(200);
    const d = (await r.json()) as Record<string, unknown>;
    expect(d).toMatchObject({ ok: true, scope: 'team', boardsTracked: 1, ledger: { state: 'unchecked' }, webhooks: { registered: 0 } });
    expect((d.boards as Array<{ boardId: string }>).map((b) => b.boardId)).toEqual([BOARD]);
    expect(d.lastScan).toEqual({ at: '2026-11-09T20:00:00Z', kind: 'incremental', boards: 1, cards: 2, findings: 5, newComments: 3 });
    expect(d.ledger).not.toHaveProperty('records');
    expect(d.ledger).not.toHaveProperty('head');
    const text = JSON.stringify(d);
    for (const leak of [OTHER, 'Ankara', '1234', (await store.ledger.head()).hash]) expect(text, leak).not.toContain(leak);
  });

  it("the other board's lead sees that board failing (503 for them), and only it", async () => {
    const r = await fetch(`${base}/healthz?detail=1`, { headers: await auth(LEAD_OTHER, OTHER) });
    expect(r.status).toBe(503);
    const d = (await r.json()) as { boards: Array<{ boardId: string; ok: boolean }>; lastScan: { cards: number } };
    expect(d.boards).toEqual([expect.objectContaining({ boardId: OTHER, ok: false })]);
    expect(d.lastScan.cards).toBe(30);
  });

  it('a manager keeps the service-wide totals', async () => {
    const r = await fetch(`${base}/healthz?detail=1`, { headers: await auth(MANAGER) });
    expect(r.status).toBe(503);
    const d = (await r.json()) as { boardsTracked: number; lastScan: Record<string, number>; ledger: { records: number; head: string } };
    expect(d.boardsTracked).toBe(2);
    expect(d.lastScan).toMatchObject({ boards: 2, cards: 32, findings: 75, newComments: 43, requests: 11, durationMs: 1234 });
    expect(d.ledger.records).toBe((await store.ledger.head()).count);
    expect(d).not.toHaveProperty('scope');
  });
});
