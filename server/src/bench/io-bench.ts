// I/O paths of the store benchmark (docs/operations.md "Benchmark"): the incremental scan with nothing new at N
// boards (requests, wall time, boards evaluated), the streamed first scan of one large board as a `nabiz scan --once`
// process (peak RSS sampled from /proc), a webhook burst on one board of the store (latency per delivery, 2,000
// deliveries end to end with the debounced evaluation), and the Power-Up status API (size raw/brotli, cold, after
// a webhook, 304). Printed beside the targets, never asserted.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.js';
import { signWebhook, startEmulator } from '../demo/emulator.js';
import { generateScaleWorkspace } from '../demo/workspace.js';
import { createApp } from '../http/app.js';
import type { AppDeps } from '../http/deps.js';
import { WEBHOOK_PATH, webhookCallbackUrl } from '../http/routes/webhooks.js';
import { silentLogger } from '../log.js';
import { createEvaluationQueue } from '../scan/evaluation-queue.js';
import { scanBoards, type ScanDeps } from '../scan/scan-boards.js';
import { openStore, type Store } from '../store/store.js';
import { createTrelloClient } from '../trello/client.js';
import { LimiterRegistry } from '../trello/rate-limiter.js';
import { present } from '../../../shared/guards.js';
import { pushAll } from '../../../shared/arrays.js';
import { z } from 'zod';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const BIN = join(ROOT, 'bin/nabiz.js');
const KEY = 'benchkey000000000000000000000000';
const TOKEN = 'benchtoken'.padEnd(64, '0');
const SECRET = 'bench-app-secret-0123456789abcdef';
const NOW = new Date('2026-11-23T12:00:00Z');
/** Webhook bursts of 20 measured (one evaluation after each): p99 over 100 deliveries, not the slowest of 20. */
export const BURSTS = 5;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};

export interface IncrementalRow {
  boards: number;
  requests: number;
  wallMs: number;
  evaluated: number;
  liveRequests: number;
  liveWallMs: number;
}

/** N boards backfilled, then an incremental scan with nothing new, then one where every board has a live webhook. */
export async function incrementalNothingNew(log: (s: string) => void, boards: number, cards: number, days: number): Promise<IncrementalRow> {
  log(`  io: incremental scan, ${boards} boards × ${cards} cards × ${days} days: generating…\n`);
  const ws = generateScaleWorkspace({ boards, cards, days, seed: 11, now: NOW });
  const clock = { now: new Date(NOW.getTime() + 3_600_000) };
  const emu = await startEmulator({ key: KEY, token: TOKEN, boards: ws.boards, clock: () => clock.now });
  const dir = mkdtempSync(join(tmpdir(), 'nabiz-io-bench-'));
  const store = await openStore(join(dir, 'nabiz.sqlite'));
  try {
    const live = new Set<string>();
    const deps: ScanDeps = {
      store,
      trello: createTrelloClient({ baseUrl: emu.url, key: KEY, token: TOKEN, log: silentLogger, limits: { registry: new LimiterRegistry() } }),
      boards: ws.boards.map((b) => b.id),
      clock: () => clock.now,
      log: silentLogger,
      webhookLive: (b) => live.has(b),
    };
    log('  io: first scan (backfill + evaluation)…\n');
    await scanBoards(deps);
    clock.now = new Date(clock.now.getTime() + 600_000);
    // Trello's window empties between runs.
    await new Promise((r) => setTimeout(r, 10_000));
    emu.requests.reset();
    let t0 = performance.now();
    const r = await scanBoards(deps);
    const wallMs = performance.now() - t0;
    const requests = emu.requests.total;
    const evaluated = r.boards.filter((b) => !b.unchanged).length;
    for (const b of deps.boards) live.add(b);
    emu.requests.reset();
    t0 = performance.now();
    await scanBoards(deps, { skipLive: true });
    return { boards, requests, wallMs, evaluated, liveRequests: emu.requests.total, liveWallMs: performance.now() - t0 };
  } finally {
    await store.close();
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface FirstScanRun {
  pages: number;
  wallMs: number;
  peakMB: number;
  ok: boolean;
}

export interface FirstScanRow {
  comments: number;
  /** `nabiz scan --once --sync-only`: the streamed backfill alone. */
  sync: FirstScanRun;
  /** `nabiz scan --once`: the backfill, then the evaluation of the whole board from the store. */
  whole: FirstScanRun;
}

/** One board with about `comments` comments in the emulator (this process); `nabiz scan --once` as a child, RSS sampled. */
export async function firstScanPeak(log: (s: string) => void, comments: number): Promise<FirstScanRow> {
  // The scale workspace writes about 0.99 comments per card and day.
  const days = 365;
  const cards = Math.max(1, Math.round(comments / (0.99 * days)));
  log(`  io: first scan of one board (~${comments} comments: ${cards} cards × ${days} days): generating…\n`);
  const ws = generateScaleWorkspace({ boards: 1, cards, days, seed: 5, now: NOW });
  const emu = await startEmulator({ key: KEY, token: TOKEN, boards: ws.boards });
  const board0 = present(ws.boards[0], "the workspace's first board");
  const n = board0.actions.filter((a) => a.type === 'commentCard').length;
  log(`  io: ${n} comments\n`);
  try {
    const sync = await scanChild(log, emu, board0.id, ['--sync-only']);
    const whole = await scanChild(log, emu, board0.id, []);
    return { comments: n, sync, whole };
  } finally {
    await emu.close();
  }
}

/** `nabiz scan --once` into a fresh store, RSS sampled from /proc every 25 ms. */
async function scanChild(log: (s: string) => void, emu: Awaited<ReturnType<typeof startEmulator>>, boardId: string, extra: string[]): Promise<FirstScanRun> {
  const dir = mkdtempSync(join(tmpdir(), 'nabiz-io-first-'));
  try {
    log(`  io: nabiz scan --once ${extra.join(' ')}…\n`);
    // Trello's window empties between runs.
    await new Promise((r) => setTimeout(r, 10_000));
    emu.requests.reset();
    const env = {
      ...process.env,
      TRELLO_KEY: KEY,
      TRELLO_TOKEN: TOKEN,
      TRELLO_API_URL: emu.url,
      NABIZ_BOARDS: boardId,
      DATA_FILE: join(dir, 'data.json'),
      LOG_LEVEL: 'error',
    };
    const res = await new Promise<{ code: number | null; ms: number; peakMB: number; out: string }>((done) => {
      const t0 = performance.now();
      const child = spawn(process.execPath, [BIN, 'scan', '--once', ...extra], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let peak = 0;
      const timer = setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) peak = Math.max(peak, Number(m[1]) / 1024);
        } catch {
          /* exited */
        }
      }, 25);
      child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => void (out += d.toString()));
      child.on('exit', (code) => {
        clearInterval(timer);
        done({ code, ms: performance.now() - t0, peakMB: peak, out });
      });
    });
    if (res.code !== 0) log(`  io: scan exited ${res.code}: ${res.out.slice(-500)}\n`);
    return { pages: emu.requests.byRoute['GET /1/boards/:id/actions'] ?? 0, wallMs: res.ms, peakMB: res.peakMB, ok: res.code === 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface WebhookStatusRow {
  burstP50: number;
  burstP99: number;
  /** The service's own time per burst delivery (arrival → answer sent), measured in the server. */
  burstServerP50: number;
  burstServerP99: number;
  /** CPU time of the service's process per burst delivery (the client runs elsewhere). */
  burstCpuMs: number;
  /** The machine's 1-minute load average after the bursts (their latencies on a shared machine are mostly its). */
  burstLoad: number;
  burstEvaluations: number;
  many: number;
  manyMs: number;
  manyEvaluations: number;
  /** Deliveries sent in all, and how many of their actions the ledger does not hold afterwards. */
  delivered: number;
  lost: number;
  statusRawKB: number;
  statusBrKB: number;
  statusColdMs: number;
  statusAfterWebhookMs: number;
  statusWarmMs: number;
  status304Ms: number;
}

/**
 * On a store already holding `boardId` (with its snapshot and findings): the service's HTTP app with the webhook and
 * status routes. A burst of 20 deliveries at once, then `many` deliveries 20 at a time until all are answered and
 * evaluated; the status API before and after. The deliveries come from a client process (webhookClient): timed
 * there, and in the service from each request's arrival to its answer.
 */
export async function webhookAndStatus(store: Store, boardId: string, cardIds: string[], memberId: string, many: number): Promise<WebhookStatusRow> {
  const config = loadConfig({ TRELLO_KEY: KEY, TRELLO_TOKEN: TOKEN, NABIZ_BOARDS: boardId, TRELLO_API_URL: 'http://127.0.0.1:9', TRELLO_APP_SECRET: SECRET });
  const evaluations = createEvaluationQueue({ store, clock: () => NOW, log: silentLogger });
  const deps: AppDeps = {
    config,
    store,
    clock: () => NOW,
    log: silentLogger,
    verifyJwt: async () => ({ idBoard: boardId, idMember: memberId, idPlugin: 'bench' }),
    evaluations,
  };
  const server: Server = createApp(deps).listen(0, '127.0.0.1');
  // The client's idle connections outlive an evaluation on a loaded machine: a connection the server closes after its
  // default 5 s while fetch reuses it fails the POST ("fetch failed"), which is the harness's race, not the service's.
  server.keepAliveTimeout = 60_000;
  await new Promise((r) => server.once('listening', r));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('bench: the app server has no TCP address');
  const url = `http://127.0.0.1:${addr.port}`;
  config.PUBLIC_URL = url;
  const cb = webhookCallbackUrl(url);
  let seq = 0;
  const delivered: string[] = [];
  // Signed by this process before the timed part (Trello's work, not the service's); sent by the client process.
  const signed = (n: number): Array<[string, string]> =>
    Array.from({ length: n }, () => {
      const i = seq++;
      const id = `${Math.floor(NOW.getTime() / 1000).toString(16)}eeee${i.toString(16).padStart(12, '0')}`;
      delivered.push(id);
      const body = JSON.stringify({
        model: { id: boardId },
        action: {
          id,
          type: 'commentCard',
          idMemberCreator: memberId,
          date: new Date(NOW.getTime() - 60_000 + i).toISOString(),
          data: { text: `#günlük webhook ${i}`, card: { id: cardIds[i % cardIds.length] }, board: { id: boardId } },
        },
      });
      return [body, signWebhook(SECRET, body, cb)];
    });
  // The service's own time per delivery: from the request's arrival to the last byte of its answer.
  let serverMs: number[] = [];
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url !== WEBHOOK_PATH) return;
    const t0 = performance.now();
    // 'prefinish': the answer handed to the socket ('finish' waits for the event loop, which the evaluation may hold).
    res.once('prefinish', () => serverMs.push(performance.now() - t0));
  });
  const client = webhookClient(`${url}${WEBHOOK_PATH}`);
  const status = async (headers: Record<string, string> = {}) => {
    const t0 = performance.now();
    const res = await fetch(`${url}/api/boards/${boardId}/status`, { headers: { authorization: 'Bearer x', ...headers } });
    await res.arrayBuffer();
    // fetch decodes the body: the bytes on the wire are the Content-Length.
    return { ms: performance.now() - t0, bytes: Number(res.headers.get('content-length') ?? 0), etag: res.headers.get('etag') ?? '', code: res.status };
  };
  try {
    const cold = await status({ 'accept-encoding': 'identity' });
    const br = await status({ 'accept-encoding': 'br' });
    const warm = await status({ 'accept-encoding': 'br' });
    const nm = await status({ 'if-none-match': warm.etag });
    // Warm-up (connections, first-call compilation), evaluated, then the burst: 20 deliveries at once.
    await client.send(signed(20), 20);
    await evaluations.flush();
    // BURSTS bursts, each evaluated before the next: the percentiles are over all their deliveries.
    const runs0 = evaluations.runs;
    const burst: number[] = [];
    const burstServer: number[] = [];
    let burstCpuMs = 0;
    for (let b = 0; b < BURSTS; b++) {
      const bodies = signed(20);
      serverMs = [];
      const cpu0 = process.cpuUsage();
      pushAll(burst, await client.send(bodies, 20));
      const cpu = process.cpuUsage(cpu0);
      burstCpuMs += (cpu.user + cpu.system) / 1000;
      pushAll(burstServer, serverMs);
      await evaluations.flush();
    }
    const burstEvaluations = evaluations.runs - runs0;
    const after = await status({ 'accept-encoding': 'br' });
    // Many: 20 in flight at a time, until all are answered and the last evaluation is done.
    const runs1 = evaluations.runs;
    const manyBodies = signed(many);
    const t0 = performance.now();
    await client.send(manyBodies, 20);
    await evaluations.flush();
    const manyMs = performance.now() - t0;
    // Nothing lost: every delivered action (warm-up, burst, many) is a record of the ledger.
    const held = new Set((await store.ledger.records(boardId, delivered)).map((r) => r.actionId));
    const lost = delivered.filter((id) => !held.has(id)).length;
    return {
      burstP50: pct(burst, 50),
      burstP99: pct(burst, 99),
      burstServerP50: pct(burstServer, 50),
      burstServerP99: pct(burstServer, 99),
      burstCpuMs: burstCpuMs / burst.length,
      burstLoad: loadavg()[0] ?? 0,
      burstEvaluations,
      many,
      manyMs,
      manyEvaluations: evaluations.runs - runs1,
      delivered: delivered.length,
      lost,
      statusRawKB: cold.bytes / 1024,
      statusBrKB: br.bytes / 1024,
      statusColdMs: cold.ms,
      statusAfterWebhookMs: after.ms,
      statusWarmMs: warm.ms,
      status304Ms: nm.code === 304 ? nm.ms : Number.NaN,
    };
  } finally {
    client.close();
    await new Promise<void>((r) => server.close(() => r()));
    server.closeAllConnections();
  }
}

/**
 * Trello's side of the webhook rows in a process of its own (plain JavaScript, `node -e`), so that its HTTP client
 * does not share the service's event loop: the latencies are the service's, as Trello sees them. `send` posts the
 * signed bodies, `inFlight` at a time, and resolves with each one's milliseconds (request sent → answer read).
 */
function webhookClient(url: string): { send: (bodies: Array<[string, string]>, inFlight: number) => Promise<number[]>; close: () => void } {
  // node:http with kept-alive connections (fetch's own work per request was most of what the client measured).
  const src = `
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const post = (body, sig) => new Promise((resolve, reject) => {
  const req = http.request(${JSON.stringify(url)}, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-trello-webhook': sig } }, (res) => {
    res.on('data', () => {});
    res.on('end', () => resolve(res.statusCode));
    res.on('error', reject);
  });
  req.on('error', reject);
  req.end(body);
});
process.on('message', async ({ bodies, inFlight }) => {
  try {
    const ms = new Array(bodies.length);
    let next = 0;
    const refused = [];
    const one = async () => {
      while (next < bodies.length) {
        const i = next++;
        const t0 = performance.now();
        const code = await post(bodies[i][0], bodies[i][1]);
        ms[i] = performance.now() - t0;
        if (code !== 200) refused.push(code);
      }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, bodies.length) }, one));
    process.send(refused.length ? { error: 'webhook deliveries answered ' + refused.join(', ') } : { ms });
  } catch (e) {
    process.send({ error: String((e && e.stack) || e) });
  }
});`;
  const child = spawn(process.execPath, ['-e', src], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const Answer = z.union([z.object({ ms: z.array(z.number()) }), z.object({ error: z.string() })]);
  return {
    send: (bodies, inFlight) =>
      new Promise((res, rej) => {
        const onExit = (code: number | null) => rej(new Error(`bench: the webhook client exited (${code})`));
        child.once('exit', onExit);
        child.once('message', (m: unknown) => {
          child.off('exit', onExit);
          const a = Answer.parse(m);
          if ('error' in a) rej(new Error(`bench: webhook client: ${a.error}`));
          else res(a.ms);
        });
        child.send({ bodies, inFlight });
      }),
    close: () => void child.kill(),
  };
}
