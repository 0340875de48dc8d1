// A scan killed with SIGKILL mid-way and run again loses nothing and duplicates nothing (issue 3 §5):
// each board's ledger records and cursor are written in one atomic write (lowdb/steno temp + rename).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanBoards } from '../../../server/src/scan/scan-boards.js';
import { verifyLedger } from '../../../server/src/store/ledger.js';
import { StateSchema } from '../../../server/src/store/schema.js';
import { KEY, TOKEN, ledgerFacts, startWorld, type World } from './world.js';

const BIN = resolve(import.meta.dirname, '../../../bin/nabiz.js');
let world: World | undefined;
afterAll(async () => world?.close());

function runScan(env: NodeJS.ProcessEnv, killWhen?: () => boolean) {
  const child = spawn(process.execPath, [BIN, 'scan', '--once'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.resume();
  let timer: NodeJS.Timeout | undefined;
  if (killWhen) {
    timer = setInterval(() => {
      if (killWhen()) {
        child.kill('SIGKILL');
        clearInterval(timer);
      }
    }, 5);
  }
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((res) =>
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      res({ code, signal, stderr });
    }),
  );
}

describe('kill -9 mid-scan, then scan again', () => {
  it('ends with exactly the ledger of an uninterrupted scan', { timeout: 90_000 }, async () => {
    world = await startWorld({ boards: 8, cards: 4, days: 30 });
    const dir = mkdtempSync(join(tmpdir(), 'nabiz-kill-'));
    const file = join(dir, 'data.json');
    const env = { TRELLO_KEY: KEY, TRELLO_TOKEN: TOKEN, TRELLO_API_URL: world.emu.url, NABIZ_BOARDS: world.boardIds.join(','), DATA_FILE: file, LOG_LEVEL: 'silent', SCAN_CHECKPOINT_SECONDS: '0' };

    // Slow Trello so the child is surely mid-way when the first board's write lands.
    world.emu.faults.latencyMs = 250;
    const killed = await runScan(env, () => existsSync(file));
    expect(killed.signal).toBe('SIGKILL');
    const partial = StateSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    const doneBoards = Object.keys(partial.boards).length;
    expect(doneBoards).toBeGreaterThan(0);
    expect(doneBoards).toBeLessThan(world.boardIds.length); // really interrupted
    expect(verifyLedger(partial.ledger).ok).toBe(true);

    world.emu.faults.latencyMs = 0;
    const rerun = await runScan(env);
    expect(rerun.stderr).toBe('');
    expect(rerun.code).toBe(0);
    // And once more: a third run adds nothing.
    expect((await runScan(env)).code).toBe(0);

    const after = StateSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(verifyLedger(after.ledger).ok).toBe(true);
    const keys = after.ledger.map((r) => `${r.type}|${r.actionId}`);
    expect(new Set(keys).size).toBe(keys.length); // no duplicates
    expect(after.ledger).toHaveLength(world.commentIds.length); // nothing lost

    // Same facts, same order as one uninterrupted scan of the same Trello.
    await scanBoards(world.deps);
    const strip = (l: typeof after.ledger) => l.map(({ recordedAt: _r, hash: _h, prevHash: _p, ...rest }) => rest);
    expect(strip(after.ledger)).toEqual(ledgerFacts(world.store));
    expect(Object.keys(after.findings).sort()).toEqual([...world.boardIds].sort());
  });
});
