// The witness file off the commit path (docs/operations.md "Evidence ledger"): heads coalesced (one write in flight,
// the latest wins), close flushes, a checkpoint is never dropped by a head write, never backwards, and a witness
// BEHIND the store (a process killed before its write) opens quietly and is caught up.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveCheckpoint } from '../../../server/src/store/integrity.js';
import { openConfiguredStore } from '../../../server/src/store/open.js';
import { readWitnessFile, witnessFileFor, witnessWriter, WitnessWriter } from '../../../server/src/store/witness.js';
import { engines } from './adapters.js';
import { commentInput } from './helpers.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const hash = (n: number) => n.toString(16).padStart(64, '0');

describe('WitnessWriter', () => {
  it('coalesces heads handed over while a write runs: the first write, then one with the latest head', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nabiz-witness-')), 'w.json');
    const w = new WitnessWriter(file, 'test');
    for (let n = 1; n <= 50; n++) w.advance({ count: n, hash: hash(n) });
    await w.flush();
    expect(w.writes).toBe(2);
    expect(readWitnessFile(file)).toMatchObject({ ok: true, doc: { head: { count: 50, hash: hash(50) } } });
    // An older head (another store instance of this process behind) never moves it back.
    w.advance({ count: 7, hash: hash(7) });
    await w.flush();
    expect(readWitnessFile(file)).toMatchObject({ ok: true, doc: { head: { count: 50 } } });
  });

  it('never writes a witness backwards (another process is ahead)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nabiz-witness-')), 'w.json');
    writeFileSync(file, JSON.stringify({ v: 1, store: 'other', head: { count: 100, hash: hash(100), at: 'x' } }));
    const w = new WitnessWriter(file, 'test');
    w.advance({ count: 60, hash: hash(60) });
    await w.flush();
    expect(w.writes).toBe(0);
    expect(readWitnessFile(file)).toMatchObject({ ok: true, doc: { head: { count: 100 } } });
  });

  it('a checkpoint handed over between head writes is kept by the next head write', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nabiz-witness-')), 'w.json');
    const w = new WitnessWriter(file, 'test');
    w.advance({ count: 3, hash: hash(3) });
    const kept = w.setVerified({ count: 3, hash: hash(3), at: '2026-12-01T00:00:00.000Z' });
    w.advance({ count: 9, hash: hash(9) });
    await kept;
    await w.flush();
    expect(readWitnessFile(file)).toMatchObject({ ok: true, doc: { head: { count: 9 }, verified: { count: 3, hash: hash(3) } } });
  });
});

describe.each(engines)('witness file on $name', (engine) => {
  const open = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabiz-witness-'));
    const cfg = { DATABASE_URL: await engine.fresh(), DATA_FILE: join(dir, 'data.json'), LEDGER_FILE: join(dir, 'data.ledger.jsonl') };
    return { cfg, file: witnessFileFor(cfg.DATABASE_URL, cfg.DATA_FILE) };
  };

  it('many commits: the file ends at the last head, written fewer times than committed; close flushes', async () => {
    const { cfg, file } = await open();
    const { store } = await openConfiguredStore(cfg, quiet);
    const writer = witnessWriter(file, store.location);
    const before = writer.writes;
    // Commits in flight together (as a webhook burst's group commits): none waits for the file.
    await Promise.all(Array.from({ length: 30 }, (_, i) => store.append([commentInput(`a${i}`)])));
    const head = await store.ledger.head();
    expect(head.count).toBe(30);
    await saveCheckpoint(store, { count: 30, hash: head.hash, at: '2026-12-01T00:00:00.000Z', boards: {}, cards: {} });
    await store.append([commentInput('last')]);
    const last = await store.ledger.head();
    await store.close();
    const w = readWitnessFile(file);
    expect(w).toMatchObject({ ok: true, doc: { head: { count: 31, hash: last.hash }, verified: { count: 30, hash: head.hash } } });
    expect(writer.writes - before).toBeLessThan(31);
  });

  it('a witness BEHIND the store (killed before its write) opens without a complaint and is caught up', async () => {
    const { cfg, file } = await open();
    const a = await openConfiguredStore(cfg, quiet);
    await a.store.append([commentInput('a1')]);
    await a.store.close();
    const behind = readWitnessFile(file);
    if (!behind.ok) throw new Error(behind.reason);
    // The next commits land, the process dies before their witness write: the file stays at 1 record.
    const b = await openConfiguredStore(cfg, quiet);
    await b.store.append([commentInput('a2'), commentInput('a3')]);
    await b.store.close();
    writeFileSync(file, JSON.stringify(behind.doc));
    const lines: string[] = [];
    const push = (l: string) => void lines.push(l);
    const c = await openConfiguredStore(cfg, { info: push, warn: push, error: push });
    expect(c.health.witnesses).toEqual([expect.objectContaining({ status: 'match', count: 3 })]);
    expect(lines).toEqual([]);
    expect(readWitnessFile(file)).toMatchObject({ ok: true, doc: { head: { count: 3, hash: (await c.store.ledger.head()).hash } } });
    await c.store.close();
  });
});
