// Slow uploads are cut off (http/limits.ts): a body or headers trickling in a byte at a time, or a connection that
// never sends a request, is closed by the server within its limits instead of staying open for minutes. Real sockets
// on loopback with short limits; every socket and timer is bounded and cleaned up by the test itself.
import type { Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config.js';
import { createApp } from '../../../server/src/http/app.js';
import { HttpError } from '../../../server/src/http/deps.js';
import { createHttpServer, HTTP_LIMITS } from '../../../server/src/http/limits.js';
import { createLogger } from '../../../server/src/log.js';
import { memoryStore } from '../../../server/src/store/store.js';

const LIMITS = { headersTimeoutMs: 600, requestTimeoutMs: 1_500, bodyTimeoutMs: 800, checkIntervalMs: 100 };
let server: Server;
let port: number;
const logs: string[] = [];

beforeAll(async () => {
  const config = loadConfig({ TRELLO_APP_SECRET: 's'.repeat(32), PUBLIC_URL: 'http://127.0.0.1:1', LOG_LEVEL: 'silent' });
  const app = createApp(
    {
      config,
      store: await memoryStore(),
      clock: () => new Date('2026-11-23T12:00:00Z'),
      log: createLogger('warn', (l) => logs.push(l)),
      verifyJwt: async () => {
        throw new HttpError(401, 'no');
      },
    },
    [],
    { bodyTimeoutMs: LIMITS.bodyTimeoutMs },
  );
  server = createHttpServer(app, LIMITS).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

interface Slow {
  socket: Socket;
  /** Resolves with what the server answered (maybe nothing) and when it closed, in ms after the start. */
  closed: Promise<{ answer: string; afterMs: number }>;
}

/** A client that sends `head` and then one byte of `trickle` every 50 ms, until the server closes it. */
function slowClient(head: string, trickle: string): Slow {
  const started = Date.now();
  const socket = connect(port, '127.0.0.1');
  let answer = '';
  let i = 0;
  let timer: NodeJS.Timeout | undefined;
  socket.on('connect', () => {
    if (head) socket.write(head);
    if (trickle) timer = setInterval(() => socket.writable && socket.write(trickle[i++ % trickle.length]!), 50);
  });
  socket.on('data', (d) => (answer += d.toString('latin1')));
  socket.on('error', () => undefined); // a reset by the server is one way of being cut off
  const closed = new Promise<{ answer: string; afterMs: number }>((resolve) =>
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, afterMs: Date.now() - started });
    }),
  );
  return { socket, closed };
}

/** Waits for every client to be closed by the server, at most `ms`; whatever is still open then is closed by us. */
async function closedWithin(clients: Slow[], ms: number): Promise<Array<{ answer: string; afterMs: number } | 'still open'>> {
  let timeout: NodeJS.Timeout | undefined;
  const deadline = new Promise<'still open'>((r) => (timeout = setTimeout(() => r('still open'), ms)));
  const out = await Promise.all(clients.map((c) => Promise.race([c.closed, deadline])));
  clearTimeout(timeout);
  for (const c of clients) c.socket.destroy();
  await Promise.all(clients.map((c) => c.closed));
  return out;
}

describe('slow requests are cut off', () => {
  it('trickling webhook and form bodies, trickling headers and a silent connection are all closed by the server', async () => {
    const post = (path: string, length: number) =>
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
    const clients = [
      slowClient(post('/webhooks/trello', 100_000), '{"action":'),
      slowClient(post('/webhooks/trello', 100_000), 'x'),
      slowClient(post('/dashboard/api/session', 50_000), 'y'),
      slowClient('POST /webhooks/trello HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n'),
      slowClient('', ''),
    ];
    const results = await closedWithin(clients, 6_000);
    expect(results.filter((r) => r === 'still open')).toEqual([]);
    for (const r of results) if (r !== 'still open') expect(r.afterMs).toBeLessThan(LIMITS.requestTimeoutMs + 1_500);
    // The trickling webhook bodies get our 408 with its reason and a warning in the log.
    const [a, b] = results as Array<{ answer: string }>;
    for (const r of [a!, b!]) {
      expect(r.answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(r.answer).toContain('request body too slow');
    }
    expect(logs.filter((l) => l.includes('WARN http: POST /webhooks/trello: the request body was not complete after 800 ms'))).toHaveLength(2);
  });

  it('a normal request on the same server is answered as before', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect([200, 503]).toContain(res.status);
    const body = JSON.stringify({ action: { id: 'a', type: 'commentCard', date: '2026-11-23T12:00:00Z', data: {} } });
    const hook = await fetch(`http://127.0.0.1:${port}/webhooks/trello`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(hook.status).toBe(401); // unsigned: refused as always, not timed out
  });

  it('the service limits close a slow upload well within 30 s', () => {
    expect(HTTP_LIMITS.requestTimeoutMs + HTTP_LIMITS.checkIntervalMs).toBeLessThan(30_000);
    expect(HTTP_LIMITS.bodyTimeoutMs).toBeLessThanOrEqual(HTTP_LIMITS.requestTimeoutMs);
    expect(HTTP_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(HTTP_LIMITS.requestTimeoutMs);
    const s = createHttpServer(() => undefined);
    expect({ headers: s.headersTimeout, request: s.requestTimeout }).toEqual({ headers: HTTP_LIMITS.headersTimeoutMs, request: HTTP_LIMITS.requestTimeoutMs });
  });
});
