// A scan killed with SIGKILL mid-way and run again loses nothing and duplicates nothing (issue 3 §5):
// a save appends the new ledger records to the ledger file (fsync'd) and only then rewrites the data file
// with the cursors (steno temp + rename). A kill in between leaves ledger lines ahead of the cursors: the
// rescan finds those facts again and skips them; a kill mid-append leaves a torn last line, dropped at open.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanBoards } from '../../../server/src/scan/scan-boards.js';
import { verifyLedger } from '../../../server/src/store/ledger.js';
import { ledgerFileFor } from '../../../server/src/config.js';
import { openFileStore } from '../../../server/src/store/store.js';
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
    const partial = (await openFileStore(file, { readOnly: true, log: { warn: () => undefined } })).data;
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

    const after = (await openFileStore(file, { readOnly: true })).data;
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

  it('a crash after the ledger append but before the data file write: the rescan neither duplicates nor loses', { timeout: 60_000 }, async () => {
    await world?.close();
    world = await startWorld({ boards: 4, cards: 3, days: 20 });
    const dir = mkdtempSync(join(tmpdir(), 'nabiz-crash-'));
    const file = join(dir, 'data.json');
    const ledgerFile = ledgerFileFor(file);
    const scanFile = async (boards: string[]) => {
      const store = await openFileStore(file, { log: { warn: () => undefined } });
      await scanBoards({ ...world!.deps, store, boards }, { evaluate: false });
      return store;
    };
    // Two boards scanned and saved; then the state as it was is kept aside.
    await scanFile(world.boardIds.slice(0, 2));
    const stateBefore = readFileSync(file, 'utf8');
    const linesBefore = readFileSync(ledgerFile, 'utf8').split('\n').length - 1;
    // New comments on a scanned board, and the other boards: the next save appends their records...
    world.clock.now = new Date(world.clock.now.getTime() + 600_000);
    // Board 0's first card and its specialist (ids as worldBoards makes them).
    world.emu.state.addComment('6a0000000000000000000000', '6a00000000000000000a0000', '#günlük after the checkpoint', world.clock.now);
    await scanFile(world.boardIds);
    const full = readFileSync(ledgerFile, 'utf8');
    expect(full.split('\n').length - 1).toBeGreaterThan(linesBefore);
    // ...but the process "died" before the data file was written: old cursors, new ledger lines,
    // and a torn line from a second save that was cut off mid-append.
    writeFileSync(file, stateBefore);
    appendFileSync(ledgerFile, full.split('\n')[1]!.slice(0, 40));

    const store = await scanFile(world.boardIds);
    expect(readFileSync(ledgerFile, 'utf8')).toBe(full); // torn tail cut, nothing appended
    expect(verifyLedger(store.data.ledger).ok).toBe(true);
    const keys = store.data.ledger.map((r) => `${r.type}|${r.actionId}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(store.data.ledger).toHaveLength(world.commentIds.length + 1);
    expect(Object.keys(store.data.boards).sort()).toEqual([...world.boardIds].sort()); // cursors caught up

    // The same facts as one uninterrupted scan (order and source follow when and how each was first seen).
    await scanBoards(world.deps, { evaluate: false });
    const facts = (l: typeof store.data.ledger) =>
      l.map(({ recordedAt: _r, hash: _h, prevHash: _p, seq: _s, source: _src, ...rest }) => rest).sort((a, b) => (a.actionId < b.actionId ? -1 : 1));
    expect(facts(store.data.ledger)).toEqual(facts(world.store.data.ledger));
  });
});
