// The composition root: `npm start` without TRELLO_TOKEN = the embedded demo, /healthz, shutdown, start-up failures.
import { ledgerOf } from '../store/helpers.js';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBanner, startService, StartupError } from '../../../server/src/demo-main.js';
import { ConfigError } from '../../../server/src/config.js';
import { StoreError } from '../../../server/src/store/store.js';
import type { HealthReport } from '../../../server/src/http/routes/health.js';

const BIN = resolve(import.meta.dirname, '../../../bin/nabiz.js');
const tmp = () => mkdtempSync(join(tmpdir(), 'nabiz-serve-'));
const quiet = () => {
  const lines: string[] = [];
  return { lines, io: { stdout: (s: string) => void lines.push(s), stderr: (s: string) => void lines.push(s) } };
};

describe('startService', () => {
  it('demo mode: emulator + workspace + first scan + HTTP; /healthz reports the scan; webhooks registered', { timeout: 60_000 }, async () => {
    const dir = tmp();
    const { io } = quiet();
    const svc = await startService({ env: { LOG_LEVEL: 'warn' }, io, port: 0, schedule: false, demoDataFile: join(dir, 'demo.json') });
    try {
      expect(svc.config.demo).toBe(true);
      expect(svc.config.NABIZ_BOARDS).toHaveLength(3);
      expect(svc.config.people.map((p) => p.role).sort()).toEqual(['manager', 'teamLead']);
      const pub = await fetch(`${svc.url}/healthz`);
      expect(pub.status).toBe(200);
      expect(await pub.json()).toEqual({ ok: true });
      // Details: asked from this machine (loopback, no proxy header).
      const res = await fetch(`${svc.url}/healthz?detail=1`);
      expect(res.status).toBe(200);
      const h = (await res.json()) as HealthReport;
      expect(h).toMatchObject({ ok: true, mode: 'demo', boardsTracked: 3 });
      expect(h.boards.every((b) => b.ok)).toBe(true);
      expect(h.lastScan).toMatchObject({ boards: 3 });
      expect(h.lastScan!.cards).toBeGreaterThanOrEqual(30);
      expect(h.lastScan!.findings).toBeGreaterThan(0);
      expect(h.lastScan!.requests).toBeGreaterThanOrEqual(6);
      expect(h.lastScan!.requests).toBeLessThanOrEqual(10);
      expect(h.webhooks).toEqual({ registered: 3 });
      // The demo entry brings its own banner words (serve.ts does not branch on the demo).
      const banner = startBanner(svc);
      expect(banner).toMatch(/Nabız is running in DEMO mode/);
      expect(banner).toContain('(demo: recreated on every start)');
      expect(banner).toContain(`${svc.url}/dashboard`);
      expect(banner).toContain(`${svc.url}/demo/board/${svc.config.NABIZ_BOARDS[0]}`);
      expect(banner).toContain(`${svc.url}/outbox   (what managers would receive)`);
      expect(banner).toContain(`${svc.url}/healthz`);
      expect(banner).toContain(`${svc.url}/manifest.json`);
      // A comment posted in the (emulated) Trello reaches the ledger through the signed webhook.
      const before = (await ledgerOf(svc.store)).length;
      const card = (svc.store.snapshots.get(svc.config.NABIZ_BOARDS[0]!) as { cards: Array<{ id: string }> }).cards[0]!;
      await svc.trello.postComment(card.id, '#günlük demo: webhook ile geldi');
      for (let i = 0; i < 100 && (await ledgerOf(svc.store)).length === before; i++) await new Promise((r) => setTimeout(r, 20));
      expect((await ledgerOf(svc.store)).at(-1)).toMatchObject({ type: 'comment', source: 'webhook', text: '#günlük demo: webhook ile geldi' });
    } finally {
      await svc.close();
    }
    await expect(fetch(`${svc.url}/healthz`)).rejects.toThrow();
  });

  it('a busy port stops start-up with a clear message (and the emulator is closed)', { timeout: 60_000 }, async () => {
    const blocker: Server = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const err = await startService({ env: { LOG_LEVEL: 'silent' }, io: quiet().io, port, schedule: false, demoDataFile: join(tmp(), 'd.json') }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(StartupError);
      expect((err as Error).message).toBe(`port ${port} on 127.0.0.1 is already in use — stop the other process or start with PORT=${port + 1} npm start`);
    } finally {
      blocker.close();
    }
  });

  it('a corrupt data file stops start-up and is never overwritten', async () => {
    const file = join(tmp(), 'data.json');
    const bytes = '{"version":1,"boards":{"x":{"id":1}}}';
    writeFileSync(file, bytes);
    const env = {
      TRELLO_KEY: 'k'.repeat(32),
      TRELLO_TOKEN: 't'.repeat(64),
      NABIZ_BOARDS: '5f3a1b2c3d4e5f6a7b8c9d0e',
      TRELLO_API_URL: 'http://127.0.0.1:9',
      DATA_FILE: file,
      LOG_LEVEL: 'silent',
    };
    const err = await startService({ env, io: quiet().io, port: 0, schedule: false }).catch((e: unknown) => e);
    // Reported as bad configuration (exit 2 from the CLI), with the store's own words.
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/^data store: .*failed validation at boards\.x\.id.*it was not touched/);
    expect(readFileSync(file, 'utf8')).toBe(bytes);
  });
});

describe('npm start (node bin/nabiz.js serve) with no TRELLO_TOKEN', () => {
  it('prints the URLs, serves /healthz with a completed demo scan, and exits 0 on SIGTERM', { timeout: 90_000 }, async () => {
    const cwd = tmp();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', LOG_LEVEL: 'info' };
    delete env.TRELLO_TOKEN;
    const child = spawn(process.execPath, [BIN, 'serve'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    for (let i = 0; i < 600 && !/Press Ctrl\+C/.test(out); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out).toMatch(/DEMO mode/);
    const health = /health\s+(http:\/\/\S+)/.exec(out)![1]!;
    const res = await fetch(`${health}?detail=1`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ok: true,
      mode: 'demo',
      lastScan: { boards: 3 },
      ledger: { records: expect.any(Number), state: expect.stringMatching(/^(ok|checking)$/) },
    });
    expect(out).toMatch(/store {10}data\/demo\/nabiz-demo-data\.sqlite {3}\(SQLite: .*\(demo: recreated on every start\)/);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(err).toMatch(/SIGTERM: shutting down/);
    expect(err).not.toMatch(/nabizdemotoken/);
  });
});
