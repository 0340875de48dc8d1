// The HTTP side: node:http (so faults can act on the raw socket), CORS like api.trello.com, then
// faults → authentication → rate limits → the route.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { EmulatorState } from '../state.js';
import { authenticate } from './auth.js';
import type { Faults } from './faults.js';
import { HttpErr, parseBody, type Ctx, type EmulatorLogger } from './http.js';
import type { RateLimiter } from './limits.js';
import type { RequestCounter, Router } from './router.js';

export interface ServerDeps {
  key: string;
  state: EmulatorState;
  router: Router;
  requests: RequestCounter;
  faults: Faults;
  limiter: RateLimiter;
  log: EmulatorLogger;
  /** GET /1/resource/jwt-public-keys: public, no key or token (./jwt-keys.ts). */
  jwtPublicKeys: () => { status: number; json: unknown };
  /** The `/_emulator/…` routes (./control.ts); null when the path is not one. */
  control: (method: string, path: string, q: Record<string, string>, headers: IncomingMessage['headers']) => Promise<{ status?: number; json: unknown } | null>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  const isText = typeof body === 'string';
  res.writeHead(status, {
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    'access-control-allow-origin': '*',
    ...headers,
  });
  res.end(isText ? body : JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handle(d: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname;
  const rk = d.router.key(method, path);
  d.requests.total++;
  d.requests.byRoute[rk] = (d.requests.byRoute[rk] ?? 0) + 1;

  const fault = await d.faults.next();
  if (fault.kind === 'drop') {
    req.socket.destroy();
    return;
  }
  if (fault.kind === 'answer') return send(res, fault.status, fault.body);
  if (method === 'OPTIONS') {
    return send(res, 204, '', { 'access-control-allow-methods': 'GET,POST,PUT,DELETE', 'access-control-allow-headers': 'authorization,content-type' });
  }

  try {
    const raw = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
    const q: Record<string, string> = { ...parseBody(raw, req.headers['content-type']) };
    for (const [k, v] of url.searchParams) q[k] = v;
    if (method === 'GET' && path === '/1/resource/jwt-public-keys') {
      const r = d.jwtPublicKeys();
      d.log.debug(`emulator: ${method} ${path} → ${r.status}`);
      return send(res, r.status, r.json);
    }
    const ctl = await d.control(method, path, q, req.headers);
    if (ctl) return send(res, ctl.status ?? 200, ctl.json);
    if (!path.startsWith('/1/')) {
      delete q.key;
      delete q.token;
      throw new HttpErr(404, `Cannot ${method} ${path}`);
    }
    const caller = authenticate(q, req.headers, d.state, d.key);
    const verdict = d.limiter.check(caller.key, caller.token, performance.now());
    if (!verdict.ok) return send(res, 429, verdict.body);
    const ctx: Ctx = { method, params: {}, q, token: caller.token, memberId: caller.info.memberId, boards: caller.info.boards };
    const r = await d.router.dispatch(method, path, ctx);
    d.log.debug(`emulator: ${method} ${path} → ${r.status ?? 200}`);
    send(res, r.status ?? 200, r.json, verdict.headers);
  } catch (e) {
    if (e instanceof HttpErr) return send(res, e.status, e.body);
    d.log.error(`emulator: ${method} ${path} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    send(res, 500, 'Internal Server Error');
  }
}

export interface Listening {
  server: Server;
  url: string;
  /** Destroy open sockets and stop listening. */
  close(): Promise<void>;
}

export async function listen(d: ServerDeps, host: string, port: number): Promise<Listening> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => void handle(d, req, res));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('emulator: the server is not listening on a TCP port');
  const actual = addr.port;
  return {
    server,
    url: `http://${host}:${actual}`,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
