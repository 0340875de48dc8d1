// Bad input gives one clear line and exit 2 (CLI) or a 400 with a WARN at most (HTTP) — never a stack trace.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../server/src/cli.js';
import { parseNow } from '../../../server/src/cli/args.js';
import { InputFileError, readInputFile } from '../../../server/src/input-file.js';
import { loadConfig } from '../../../server/src/config.js';
import { createApp } from '../../../server/src/http/app.js';
import { HttpError } from '../../../server/src/http/deps.js';
import { createLogger } from '../../../server/src/log.js';
import { memoryStore } from '../../../server/src/store/store.js';

const EXPORT = resolve('test/fixtures/export-ayse-2026-11.json');
const BIN = resolve('bin/nabiz.js');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nabiz-errors-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    stdin: async () => '',
    env: { LOG_LEVEL: 'silent', ...env },
  });
  return { code, out, err };
}

/** Exactly one line on stderr, no stack frames. */
function oneLine(err: string): string {
  expect(err.endsWith('\n')).toBe(true);
  expect(err.trimEnd().split('\n')).toHaveLength(1);
  expect(err).not.toMatch(/\n\s+at /);
  return err.trimEnd();
}

const LIVE = { TRELLO_KEY: 'k'.repeat(32), TRELLO_TOKEN: 't'.repeat(64), NABIZ_BOARDS: 'abcdefgh', TRELLO_API_URL: 'http://127.0.0.1:9' };

describe('--now: the same forms and the same refusal in every command', () => {
  it('refuses an impossible date with the same message in audit, scan, notify, report and emulator', async () => {
    const messages = new Set<string>();
    const runs: Array<[string[], Record<string, string>]> = [
      [['audit', '--export', EXPORT], {}],
      [['scan', '--once'], LIVE],
      [['notify', '--dry-run'], { DATA_FILE: join(dir, 'n.json') }],
      [['report', '--board', 'b', '--from', '2026-11-01', '--to', '2026-11-02'], {}],
      [['emulator', '--port', '0'], {}],
    ];
    for (const [argv, env] of runs) {
      const r = await cli([...argv, '--now', '2026-02-30T10:00:00Z'], env);
      expect(r.code, argv[0]).toBe(2);
      const line = oneLine(r.err);
      expect(line.startsWith(`nabiz ${argv[0]}: `)).toBe(true);
      messages.add(line.slice(`nabiz ${argv[0]}: `.length));
    }
    expect([...messages]).toEqual([
      '--now: "2026-02-30T10:00:00Z" is not a real date (2026-02-30 does not exist); use 2026-11-23T09:00:00+03:00, 2026-11-23T09:00:00Z, 2026-11-23T09:00 (Istanbul) or 2026-11-23 (00:00 Istanbul)',
    ]);
  });

  it('accepts an ISO date-time, an Istanbul wall time and a bare date (00:00 Istanbul); refuses 24:00 and bad offsets', () => {
    expect(parseNow('2026-12-03T10:00:00Z')!.toISOString()).toBe('2026-12-03T10:00:00.000Z');
    expect(parseNow('2026-12-03T10:00:00+03:00')!.toISOString()).toBe('2026-12-03T07:00:00.000Z');
    expect(parseNow('2026-12-03T10:00')!.toISOString()).toBe('2026-12-03T07:00:00.000Z');
    expect(parseNow('2026-12-03')!.toISOString()).toBe('2026-12-02T21:00:00.000Z');
    expect(() => parseNow('2026-12-03T24:00:00Z')).toThrow(/not a real time of day/);
    expect(() => parseNow('2026-12-03T10:00:00+25:00')).toThrow(/impossible UTC offset/);
    expect(() => parseNow('3 Dec 2026')).toThrow(/is not an ISO date or date-time/);
    expect(() => parseNow('2026-13-01')).toThrow(/2026-13-01 does not exist/);
  });

  it('a bare date works in audit and notify alike', async () => {
    const a = await cli(['audit', '--export', EXPORT, '--now', '2026-12-03', '--format', 'json']);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.out)).toHaveProperty('summary');
    const n = await cli(['notify', '--dry-run', '--now', '2026-12-03'], { DATA_FILE: join(dir, 'bare.json') });
    expect(n.err).toBe('');
    expect(n.code).toBe(0);
    expect(n.out).toContain('Nabız notify at 2026-12-02T21:00:00.000Z');
  });
});

describe('--out into a missing folder', () => {
  it('audit and report: one line naming the folder, exit 2, nothing written', async () => {
    const out = join(dir, 'no-such-folder', 'denetim.html');
    const a = await cli(['audit', '--export', EXPORT, '--now', '2026-12-03', '--format', 'html', '--out', out]);
    expect(a.code).toBe(2);
    expect(oneLine(a.err)).toBe(`nabiz audit: --out ${out}: the folder ${join(dir, 'no-such-folder')} does not exist (create it first)`);
    const r = await cli(['report', '--board', 'b', '--from', '2026-11-01', '--to', '2026-11-02', '--out', out], { DATA_FILE: join(dir, 'r.json') });
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toContain(`--out ${out}: the folder`);
    const d = await cli(['audit', '--export', EXPORT, '--now', '2026-12-03', '--format', 'csv', '--out', dir]);
    expect(d.code).toBe(2);
    expect(oneLine(d.err)).toContain('that is a folder');
  });
});

describe('file inputs that never end: refused at once, one line, exit 2', () => {
  it('nabiz audit --export /dev/zero returns (a real process, bounded by a timeout)', () => {
    const r = spawnSync(process.execPath, [BIN, 'audit', '--export', '/dev/zero', '--now', '2026-12-03'], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, LOG_LEVEL: 'silent' },
    });
    expect(r.signal).toBeNull(); // not killed by the timeout
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe('nabiz audit: export file /dev/zero is not a regular file (a device, pipe or socket); save it to a file first');
  }, 180_000);

  it('a named pipe is refused before it is opened (opening one waits for a writer)', async () => {
    const fifo = join(dir, 'pano.fifo');
    spawnSync('mkfifo', [fifo]);
    const a = await cli(['audit', '--export', fifo, '--now', '2026-12-03']);
    expect(a.code).toBe(2);
    expect(oneLine(a.err)).toContain(`export file ${fifo} is not a regular file`);
    const e = await cli(['emulator', '--load', fifo]);
    expect(e.code).toBe(2);
    expect(oneLine(e.err)).toContain(`--load ${fifo} is not a regular file`);
  });

  it('NABIZ_PEOPLE=@/dev/zero and nabiz verify --data /dev/zero', async () => {
    const p = await cli(['notify', '--dry-run'], { NABIZ_PEOPLE: '@/dev/zero', DATA_FILE: join(dir, 'z.json') });
    expect(p.code).toBe(2);
    expect(oneLine(p.err)).toBe('nabiz notify: NABIZ_PEOPLE=@/dev/zero: /dev/zero is not a regular file (a device, pipe or socket); save it to a file first');
    const v = await cli(['verify', '--data', '/dev/zero']);
    expect(v.code).toBe(2);
    expect(oneLine(v.err)).toContain('/dev/zero is not a regular file');
  });

  it('a file over the cap is refused by its size, and one growing past it while read too', () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, 'x'.repeat(2048));
    expect(() => readInputFile(big, 1024)).toThrow(`${big} is 2048 bytes, more than the 1024 bytes this reads`);
    expect(readInputFile(big, 2048)).toHaveLength(2048);
    expect(() => readInputFile(dir, 1024)).toThrow(InputFileError);
  });
});

describe('bad configuration: one line, exit 2', () => {
  it('NABIZ_PEOPLE=@missing.json', async () => {
    const r = await cli(['notify', '--dry-run'], { NABIZ_PEOPLE: `@${join(dir, 'missing.json')}`, DATA_FILE: join(dir, 'p.json') });
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toBe(`nabiz notify: NABIZ_PEOPLE=@${join(dir, 'missing.json')}: file ${join(dir, 'missing.json')} does not exist`);
  });

  it('DATA_FILE that is not JSON', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, 'not json\nat all\n');
    const r = await cli(['notify', '--dry-run'], { DATA_FILE: bad });
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toMatch(new RegExp(`^nabiz notify: data store: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON`));
  });

  it('DATA_FILE that is a folder, or runs through a file', async () => {
    const folder = join(dir, 'folder.json');
    mkdirSync(folder, { recursive: true });
    const r = await cli(['notify', '--dry-run'], { DATA_FILE: folder });
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toBe(`nabiz notify: DATA_FILE: ${folder} is a folder, not a file`);
    writeFileSync(join(dir, 'plain'), '');
    const through = await cli(['notify', '--dry-run'], { DATA_FILE: join(dir, 'plain', 'x.json') });
    expect(through.code).toBe(2);
    expect(oneLine(through.err)).toContain('is a file, not a folder');
  });

  it('a bad value of a plain variable (PORT) is still one line and exit 2', async () => {
    const r = await cli(['notify', '--dry-run'], { PORT: 'eighty', DATA_FILE: join(dir, 'q.json') });
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toBe('nabiz notify: PORT: must be a port number (0–65535)');
  });

  it('DATA_FILE=/proc/x/y.json nabiz scan --once answers at once instead of hanging (real binary)', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...LIVE, DATA_FILE: '/proc/x/y.json', LOG_LEVEL: 'silent' };
    const started = Date.now();
    const r = spawnSync(process.execPath, [BIN, 'scan', '--once'], { env, encoding: 'utf8', timeout: 60_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe(
      "nabiz scan: DATA_FILE: /proc/x/y.json is on the kernel's proc filesystem (/proc); give a path on a disk, e.g. data/nabiz-data.json",
    );
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 70_000);
});

describe('HTTP: a client’s bad request', () => {
  let server: Server;
  let base: string;
  const logs: string[] = [];
  beforeAll(async () => {
    const app = createApp({
      config: loadConfig({ LOG_LEVEL: 'debug' }),
      store: await memoryStore(),
      clock: () => new Date('2026-12-03T09:00:00Z'),
      log: createLogger('debug', (l) => logs.push(l)),
      verifyJwt: async () => {
        throw new HttpError(401, 'no');
      },
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('malformed percent-encoding in the URL → 400, one WARN line, no stack, no ERROR', async () => {
    for (const path of ['/api/boards/%E0%A4%A/status', '/api/boards/%zz/refresh']) {
      logs.length = 0;
      const res = await fetch(`${base}${path}`, { method: path.endsWith('refresh') ? 'POST' : 'GET' });
      expect(res.status, path).toBe(400);
      expect(await res.json()).toEqual({ error: 'bad request: malformed percent-encoding in the URL' });
      expect(logs.filter((l) => / (ERROR|WARN) /.test(l))).toHaveLength(1);
      expect(logs.join('\n')).not.toMatch(/ ERROR |\n\s+at /);
      expect(logs.find((l) => l.includes(' WARN '))).toContain(
        `http: 400 ${path.endsWith('refresh') ? 'POST' : 'GET'} ${path}: malformed percent-encoding in the URL`,
      );
    }
  });

  it('a malformed JSON body → 400 and a WARN at most', async () => {
    logs.length = 0;
    const res = await fetch(`${base}/webhooks/trello`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"oops' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(logs.join('\n')).not.toMatch(/ ERROR |\n\s+at /);
  });
});
