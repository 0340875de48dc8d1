// kill -9 mid-scan and mid-import, then run again: the same ledger as one uninterrupted run. A board's records,
// its cursor and its snapshot commit in one SQLite transaction, and the import of old files is one transaction,
// so a kill leaves either all of a step or none of it.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ledgerFileFor, storeFileFor } from '../../../server/src/config.js';
import { scanBoards } from '../../../server/src/scan/scan-boards.js';
import { EMPTY_HEAD, chainRecords, verifyLedger, type LedgerInput } from '../../../server/src/store/ledger.js';
import { openStore } from '../../../server/src/store/store.js';
import { matchHead, readWitnessFile, witnessFileFor } from '../../../server/src/store/witness.js';
import { ledgerOf } from '../store/helpers.js';
import { KEY, TOKEN, ledgerFacts, startWorld, type World } from './world.js';

const BIN = resolve(import.meta.dirname, '../../../bin/nabiz.js');
let world: World | undefined;
afterAll(async () => world?.close());

function runCli(args: string[], env: NodeJS.ProcessEnv, killWhen?: () => boolean) {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
    }, 20);
  }
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((res) =>
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      res({ code, signal, stderr });
    }),
  );
}

/** Rows of a table as another process sees them (0 while the file or table does not exist yet). */
function committedRows(file: string, table: string): number {
  if (!existsSync(file)) return 0;
  const db = new Database(file, { readonly: true, timeout: 1000 });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

describe('kill -9 mid-scan, then scan again', () => {
  it('ends with exactly the ledger of an uninterrupted scan', { timeout: 120_000 }, async () => {
    world = await startWorld({ boards: 8, cards: 4, days: 30 });
    const dir = mkdtempSync(join(tmpdir(), 'nabiz-kill-'));
    const file = join(dir, 'data.json');
    const db = storeFileFor(file);
    const env = {
      TRELLO_KEY: KEY,
      TRELLO_TOKEN: TOKEN,
      TRELLO_API_URL: world.emu.url,
      NABIZ_BOARDS: world.boardIds.join(','),
      DATA_FILE: file,
      LOG_LEVEL: 'silent',
    };

    // Slow Trello so the child is surely mid-way when the first board's commit lands.
    world.emu.faults.latencyMs = 250;
    const killed = await runCli(['scan', '--once'], env, () => committedRows(db, 'boards') > 0);
    expect(killed.signal).toBe('SIGKILL');
    const partial = await openStore(db);
    const doneBoards = partial.boards.keys().length;
    expect(doneBoards).toBeGreaterThan(0);
    expect(doneBoards).toBeLessThan(world.boardIds.length); // really interrupted
    expect((await partial.ledger.verify()).ok).toBe(true);
    // The witness is written after each commit: never ahead of what was committed, so the kill lost nothing it saw.
    const w = readWitnessFile(witnessFileFor(db, file));
    expect(w.ok).toBe(true);
    const partialHead = await partial.ledger.head();
    if (w.ok) expect(await matchHead(w.doc.head, partialHead.count, async (seq) => (await partial.ledger.bySeq(seq))?.hash)).toBe('match');
    await partial.close();
    expect((await runCli(['verify'], env)).code).toBe(0);

    world.emu.faults.latencyMs = 0;
    const rerun = await runCli(['scan', '--once'], env);
    expect(rerun.stderr).toBe('');
    expect(rerun.code).toBe(0);
    // And once more: a third run adds nothing.
    expect((await runCli(['scan', '--once'], env)).code).toBe(0);

    const after = await openStore(db);
    const ledger = await ledgerOf(after);
    expect(verifyLedger(ledger).ok).toBe(true);
    const keys = ledger.map((r) => `${r.type}|${r.actionId}`);
    expect(new Set(keys).size).toBe(keys.length); // no duplicates
    const comments = ledger.filter((r) => r.type === 'comment');
    expect(comments).toHaveLength(world.commentIds.length); // nothing lost

    // Same facts, same order as one uninterrupted scan of the same Trello (the CLI ran on the real clock, the
    // world scans on its own: the noticed pluginData versions and baseline members differ only in their times).
    await scanBoards(world.deps);
    const strip = (l: typeof ledger) =>
      l.map(({ recordedAt: _r, hash: _h, prevHash: _p, seq: _s, ...rest }) => (rest.type === 'comment' ? rest : { ...rest, postedAt: '' }));
    expect(strip(ledger)).toEqual(strip(await ledgerOf(world.store)));
    expect(after.evaluations.keys().sort()).toEqual([...world.boardIds].sort());
    expect(readWitnessFile(witnessFileFor(db, file))).toMatchObject({ ok: true, doc: { head: await after.ledger.head() } });
    await after.close();
  });
});

describe('kill -9 mid-import of the old files, then start again', () => {
  it('imports the whole ledger once: same count and head hash as the files', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabiz-import-kill-'));
    const file = join(dir, 'data.json');
    const inputs: LedgerInput[] = [];
    for (let i = 0; i < 30_000; i++) {
      const id = (0x6a000000 + i).toString(16).padEnd(24, '0');
      inputs.push({
        type: 'comment',
        actionId: id,
        boardId: 'b1',
        cardId: `c${i % 50}`,
        authorId: 'm1',
        postedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
        text: `#günlük kayıt ${i}`,
        recordedAt: '2026-11-01T00:00:00.000Z',
        source: 'scan',
      });
    }
    const records = chainRecords(EMPTY_HEAD, inputs);
    writeFileSync(ledgerFileFor(file), records.map((r) => JSON.stringify(r) + '\n').join(''));
    writeFileSync(file, JSON.stringify({ version: 1, boards: { b1: { id: 'b1', name: 'B', backfilled: true, cursor: inputs.at(-1)!.actionId } } }));
    const db = storeFileFor(file);
    const env = { DATA_FILE: file, LOG_LEVEL: 'info' };
    // Killed once the import's transaction is writing (the WAL grows), before it commits.
    const killed = await runCli(['notify', '--outbox'], env, () => existsSync(`${db}-wal`) && committedRows(db, 'schema_migrations') > 0);
    expect(killed.signal).toBe('SIGKILL');
    expect(committedRows(db, 'ledger')).toBe(0); // nothing half-imported

    const rerun = await runCli(['notify', '--outbox'], env);
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toMatch(/imported 30000 ledger records .* the data now lives in .*data\.sqlite/);
    const store = await openStore(db);
    expect(await store.ledger.head()).toEqual({ count: 30_000, hash: records.at(-1)!.hash });
    expect((await store.ledger.verify()).ok).toBe(true);
    expect(store.boards.get('b1')?.cursor).toBe(inputs.at(-1)!.actionId);
    await store.close();
  });
});
