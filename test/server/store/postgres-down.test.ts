// /healthz while PostgreSQL is down: 503 (the store's health), never 500; back to 200 when it answers again.
// The server is reached through a TCP relay the test closes and reopens (PostgreSQL itself keeps running).
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config.js';
import { createApp } from '../../../server/src/http/app.js';
import { HttpError, type AppDeps } from '../../../server/src/http/deps.js';
import { createLogger } from '../../../server/src/log.js';
import { openStore } from '../../../server/src/store/store.js';
import { PG_URL, freshPgDatabase } from './adapters.js';

const sockets = new Set<Socket>();
let relay: Server | undefined;
let relayPort = 0;

function openRelay(target: URL): Promise<void> {
  relay = createServer((c) => {
    const up = connect(Number(target.port || 5432), target.hostname);
    sockets.add(c).add(up);
    c.pipe(up).pipe(c);
    const end = () => (c.destroy(), up.destroy());
    c.on('error', end).on('close', end);
    up.on('error', end).on('close', end);
  });
  return new Promise((r) => relay!.listen(relayPort, '127.0.0.1', () => ((relayPort = (relay!.address() as AddressInfo).port), r())));
}
function closeRelay(): Promise<void> {
  for (const s of sockets) s.destroy();
  sockets.clear();
  return new Promise((r) => relay!.close(() => r()));
}
afterAll(async () => {
  if (relay?.listening) await closeRelay();
});

describe.skipIf(!PG_URL)('PostgreSQL down', () => {
  it('/healthz answers 503 while the server does not answer, the API 503 too, and 200 again once it does', { timeout: 60_000 }, async () => {
    const url = new URL(await freshPgDatabase(PG_URL!));
    await openRelay(url);
    const via = new URL(url);
    via.hostname = '127.0.0.1';
    via.port = String(relayPort);
    const store = await openStore(via.toString());
    await store.write((tx) =>
      tx.scans.add(
        {
          at: '2026-11-23T09:00:00.000Z',
          kind: 'full',
          boards: [{ boardId: '5f3a1b2c3d4e5f6a7b8c9d0e', ok: true, newComments: 0, edits: 0, deletions: 0, cards: 0, findings: 0, requests: 0 }],
          requests: 0,
          durationMs: 1,
        },
        500,
      ),
    );
    const logs: string[] = [];
    const deps: AppDeps = {
      config: loadConfig({ TRELLO_KEY: 'k'.repeat(32), TRELLO_TOKEN: 't'.repeat(64), NABIZ_BOARDS: '5f3a1b2c3d4e5f6a7b8c9d0e' }),
      store,
      clock: () => new Date('2026-11-23T09:00:00Z'),
      log: createLogger('debug', (l) => logs.push(l)),
      verifyJwt: async () => {
        throw new HttpError(401, 'no');
      },
    };
    const server = createApp(deps).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      await closeRelay();
      const down = await fetch(`${base}/healthz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ ok: false });
      const detail = await (await fetch(`${base}/healthz?detail=1`)).json();
      expect(detail).toMatchObject({ ok: false, store: { ok: false, problem: expect.stringMatching(/^PostgreSQL at .* does not answer/) } });
      expect((await fetch(`${base}/api/boards/x/status`)).status).toBe(503);
      // The log says what is true for PostgreSQL: a restart does not help; it goes on by itself once the server answers.
      const said = logs.filter((l) => /answering 503/.test(l));
      expect(said).toHaveLength(1);
      expect(said[0]).toMatch(/does not answer.*: answering 503 .*restarting Nabız does not help, the shared database is what is wrong/);
      expect(said[0]).toMatch(/Nabız goes on by itself once it answers/);
      expect(said[0]).toMatch(/`nabiz verify`.*docs\/operations.md "Evidence ledger"/);
      expect(said[0]).not.toMatch(/until the store is restored and the service restarted/);
      await openRelay(url);
      expect((await fetch(`${base}/api/boards/x/status`)).status).not.toBe(503);
      expect(logs.some((l) => /store: reachable again/.test(l))).toBe(true);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      server.close();
      server.closeAllConnections();
      await store.close().catch(() => undefined);
    }
  });
});
