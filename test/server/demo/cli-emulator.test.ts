// `nabiz emulator`: runs alone on 127.0.0.1, prints what a client needs, serves the demo or --load exports.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../server/src/cli.js';
import { EMULATOR_DEFAULT_KEY, EMULATOR_DEFAULT_TOKEN, runEmulatorCli } from '../../../server/src/cli/emulator.js';
import type { Emulator } from '../../../server/src/demo/emulator.js';
import type { CliIO } from '../../../server/src/cli/types.js';
import { BOARD_ID, smallBoard } from './helpers.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIO = { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s), stdin: async () => '', env: {} };
  return { io: value, out, err };
}

/** Start the CLI, run `f` once it listens, then stop it as SIGINT would. */
async function withCli(argv: string[], f: (emu: Emulator, stdout: string) => Promise<void>) {
  const { io: cio, out } = io();
  let stop!: () => void;
  const until = new Promise<void>((r) => (stop = r));
  let ready!: (e: Emulator) => void;
  const started = new Promise<Emulator>((r) => (ready = r));
  const run = runEmulatorCli(argv, cio, { until, onReady: ready });
  const emu = await Promise.race([started, run.then(() => Promise.reject(new Error('exited early')))]);
  try {
    await f(emu, out.join(''));
  } finally {
    stop();
    expect(await run).toBe(0);
  }
  return out.join('');
}

describe('nabiz emulator', () => {
  it('fault switches on the command line: dropped connections, 429s and 5xx, once or again every S seconds', async () => {
    const get = (url: string) =>
      fetch(`${url}/1/members/me?key=${EMULATOR_DEFAULT_KEY}&token=${EMULATOR_DEFAULT_TOKEN}`).then(
        (r) => r.status,
        () => 'dropped' as const,
      );
    const all = await withCli(
      ['--port', '0', '--now', '2026-11-23', '--drop', '1', '--fail-429', '2', '--fail-5xx', '1:503', '--fault-every', '2'],
      async (emu, stdout) => {
        expect(stdout).toContain('Faults: 2× 429, 1× 503, 1× dropped connection, again every 2 s');
        const seen = [];
        for (let i = 0; i < 5; i++) seen.push(await get(emu.url));
        expect(seen).toEqual(['dropped', 429, 429, 503, 200]);
        await new Promise((r) => setTimeout(r, 2_100));
        expect(await get(emu.url)).toBe('dropped');
        expect(await get(emu.url)).toBe(429);
      },
    );
    expect(all).toMatch(/Emulator stopped after \d+ requests/);
    const bad = io();
    await expect(runEmulatorCli(['--port', '0', '--fail-5xx', '3:404'], bad.io)).rejects.toThrow(/--fail-5xx: "3:404" needs a 5xx status/);
    await expect(runEmulatorCli(['--port', '0', '--fault-every', '5'], bad.io)).rejects.toThrow(/--fault-every needs --fail-429, --fail-5xx or --drop/);
  });

  it('--jwt-rotate-every: a new key published beside the old one, the old one dropped halfway to the next', async () => {
    const keys = async (url: string) => ((await (await fetch(`${url}/1/resource/jwt-public-keys`)).json()) as { keys: string[] }).keys;
    await withCli(['--port', '0', '--now', '2026-11-23', '--jwt-rotate-every', '2'], async (emu, stdout) => {
      expect(stdout).toContain(`Power-Up JWT keys: ${emu.url}/1/resource/jwt-public-keys  (rotated every 2 s)`);
      const first = await keys(emu.url);
      expect(first).toHaveLength(1);
      await expect.poll(() => keys(emu.url), { timeout: 5_000, interval: 50 }).toHaveLength(2);
      const during = await keys(emu.url);
      expect(during).toContain(first[0]);
      // Then the old key is gone: one key again, not the first one.
      await expect
        .poll(
          async () => {
            const k = await keys(emu.url);
            return k.length === 1 && k[0] !== first[0];
          },
          { timeout: 5_000, interval: 50 },
        )
        .toBe(true);
    });
    await expect(runEmulatorCli(['--port', '0', '--jwt-rotate-every', '0'], io().io)).rejects.toThrow(
      /--jwt-rotate-every: "0" is not a number of seconds above 0/,
    );
  });

  it('without --load serves the demo workspace and prints URL, key, token and board ids', async () => {
    const all = await withCli(['--port', '0', '--seed', '3', '--now', '2026-11-23T12:00:00Z'], async (emu, stdout) => {
      expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(stdout).toContain(`TRELLO_API_URL=${emu.url}`);
      expect(stdout).toContain(`TRELLO_KEY=${EMULATOR_DEFAULT_KEY}`);
      expect(stdout).toContain(`TRELLO_TOKEN=${EMULATOR_DEFAULT_TOKEN}`);
      const ids = /NABIZ_BOARDS=(\S+)/.exec(stdout)![1]!.split(',');
      expect(ids).toHaveLength(3);
      expect(stdout).toContain('Gelişmiş Destek — ');
      expect(stdout).toContain('"role":"teamLead"');
      const r = await fetch(`${emu.url}/1/boards/${ids[0]}?key=${EMULATOR_DEFAULT_KEY}&token=${EMULATOR_DEFAULT_TOKEN}&cards=open`);
      expect(r.status).toBe(200);
      expect((await r.json()).cards).toHaveLength(12);
    });
    expect(all).toMatch(/Emulator stopped after 1 request\./);
  });

  it('--load serves exports under their own ids with the given key/token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabiz-emu-'));
    const file = join(dir, 'board.json');
    writeFileSync(file, JSON.stringify(smallBoard()));
    await withCli(['--port', '0', '--key', 'mykey', '--token', 'mytoken', '--load', file], async (emu, stdout) => {
      expect(stdout).toContain(`NABIZ_BOARDS=${BOARD_ID}`);
      expect((await fetch(`${emu.url}/1/boards/${BOARD_ID}?key=mykey&token=mytoken`)).status).toBe(200);
      expect((await fetch(`${emu.url}/1/boards/${BOARD_ID}?key=${EMULATOR_DEFAULT_KEY}&token=${EMULATOR_DEFAULT_TOKEN}`)).status).toBe(401);
    });
  });

  it('bad input is a usage error (exit 2) with a clear message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabiz-emu-'));
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    writeFileSync(join(dir, 'nob.json'), '{"name":"no id"}');
    for (const [argv, msg] of [
      [['--port', 'abc'], /--port: "abc" is not a port number/],
      [['--load', join(dir, 'missing.json')], /missing\.json does not exist/],
      [['--load', '/dev/zero'], /--load \/dev\/zero is not a regular file/],
      [['--load', join(dir, 'bad.json')], /not JSON/],
      [['--port', '0', '--load', join(dir, 'nob.json')], /not a Trello board export: id/],
      [['--key', 'only-key'], /--key and --token go together/],
      [['--now', 'yesterday'], /--now: "yesterday" is not an ISO date or date-time/],
      [['--bogus'], /Unknown option/],
    ] as const) {
      const { io: cio, err } = io();
      expect(await main(['emulator', ...argv], cio), argv.join(' ')).toBe(2);
      expect(err.join(''), argv.join(' ')).toMatch(msg);
    }
  });

  it('--help', async () => {
    const { io: cio, out } = io();
    expect(await main(['emulator', '--help'], cio)).toBe(0);
    expect(out.join('')).toContain('Usage: nabiz emulator');
  });
});
