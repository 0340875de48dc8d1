// The store contract, run against every engine: SQLite always, PostgreSQL when `npm test` started one.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ledgerFileFor } from '../../../server/src/config.js';
import { EMPTY_HEAD, GENESIS_HASH, chainRecords, type LedgerInput } from '../../../server/src/store/ledger.js';
import { MIGRATIONS } from '../../../server/src/store/migrations.js';
import { LedgerLossError, openConfiguredStore } from '../../../server/src/store/open.js';
import { StoreError, openStore, snapshotOf } from '../../../server/src/store/store.js';
import { engines } from './adapters.js';
import { commentInput, ledgerOf } from './helpers.js';

const input = commentInput;

const logs = () => {
  const lines: string[] = [];
  const push = (l: string) => void lines.push(l);
  return { lines, log: { info: push, warn: push, error: push } };
};

describe.each(engines)('store contract on $name', (engine) => {
  it('applies the migrations once, keeps data across opens', async () => {
    const loc = await engine.fresh();
    const a = await openStore(loc);
    await a.write((tx) => tx.boards.put('b1', { id: 'b1', name: 'Pano', backfilled: true, cursor: 'x1' }));
    await a.close();
    const b = await openStore(loc);
    expect(b.boards.get('b1')).toMatchObject({ name: 'Pano', cursor: 'x1' });
    await b.close();
    const db = engine.raw(loc);
    expect(await db.all(`SELECT version FROM schema_migrations ORDER BY version`)).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
    await db.close();
  });

  it('appends a hash chain, each fact once; head, stream in seq order, verify', async () => {
    const store = await openStore(await engine.fresh());
    expect(await store.ledger.head()).toEqual({ count: 0, hash: GENESIS_HASH });
    const first = await store.append([input('a1'), input('a2'), input('a2')]);
    expect(first.map((r) => [r.seq, r.actionId])).toEqual([
      [0, 'a1'],
      [1, 'a2'],
    ]);
    expect(first[0]!.prevHash).toBe(GENESIS_HASH);
    expect(first[1]!.prevHash).toBe(first[0]!.hash);
    // A rerun (webhook + scan, two processes) appends only what is new.
    const again = await store.append([
      input('a1'),
      input('a3'),
      { ...input('a1'), type: 'edit', text: 'yeni', oldText: '#günlük a1', dateLastEdited: '2026-11-21T00:00:00.000Z' },
    ]);
    expect(again.map((r) => [r.seq, r.type, r.actionId])).toEqual([
      [2, 'comment', 'a3'],
      [3, 'edit', 'a1'],
    ]);
    // The chain is the one chainRecords computes: the same canonical record and SHA-256 as the file ledger had.
    const expected = chainRecords(EMPTY_HEAD, [
      input('a1'),
      input('a2'),
      input('a3'),
      { ...input('a1'), type: 'edit', text: 'yeni', oldText: '#günlük a1', dateLastEdited: '2026-11-21T00:00:00.000Z' },
    ]);
    const all: unknown[] = [];
    for await (const r of store.ledger.stream({ pageSize: 3 })) all.push(r);
    expect(all).toEqual(expected);
    expect(await store.ledger.head()).toEqual({ count: 4, hash: expected[3]!.hash });
    expect(await store.ledger.verify()).toEqual({ ok: true, count: 4 });
    expect(await store.lastWritten()).toEqual({ count: 4, hash: expected[3]!.hash });
    await store.close();
  });

  it('reads per board, per card and period, per comment; folds edits and deletions', async () => {
    const store = await openStore(await engine.fresh());
    await store.append([
      input('a1', { postedAt: '2026-11-02T09:00:00.000Z' }),
      input('a2', { postedAt: '2026-11-01T09:00:00.000Z', cardId: 'c2' }),
      input('z1', { boardId: 'b2' }),
      {
        ...input('a1'),
        type: 'edit',
        text: '#günlük düzeltildi',
        oldText: '#günlük a1',
        dateLastEdited: '2026-11-03T00:00:00.000Z',
        postedAt: '2026-11-02T09:00:00.000Z',
      },
      { ...input('a2'), type: 'delete', text: undefined, occurredAt: '2026-11-04T00:00:00.000Z', cardId: 'c2', postedAt: '2026-11-01T09:00:00.000Z' },
    ]);
    expect((await store.ledger.boardRecords('b1')).map((r) => r.seq)).toEqual([0, 1, 3, 4]);
    const comments = await store.ledger.boardComments('b1');
    expect(comments.map((c) => c.id)).toEqual(['a2', 'a1']);
    expect(comments[1]).toMatchObject({ text: '#günlük düzeltildi', originalText: '#günlük a1', editedAt: '2026-11-03T00:00:00.000Z' });
    expect(comments[0]).toMatchObject({ deletedAt: '2026-11-04T00:00:00.000Z' });
    expect((await store.ledger.comments('b1', ['a1'])).map((c) => c.text)).toEqual(['#günlük düzeltildi']);
    expect(await store.ledger.comments('b1', ['z1'])).toEqual([]);
    expect((await store.ledger.cardRecords('c1', { from: '2026-11-02', to: '2026-11-03' })).map((r) => r.seq)).toEqual([0, 3]);
    expect(await store.ledger.cardRecords('c1', { from: '2026-12-01' })).toEqual([]);
    expect((await store.ledger.bySeq(2))?.actionId).toBe('z1');
    // The row's own columns (what names a record that no longer parses), the same on both engines.
    expect(await store.ledger.rowAt(2)).toEqual({
      seq: 2,
      type: (await store.ledger.bySeq(2))?.type,
      actionId: 'z1',
      cardId: expect.any(String),
      boardId: expect.any(String),
    });
    expect(await store.ledger.rowAt(99)).toBeUndefined();
    await store.write((tx) =>
      tx.boards.put(
        'b1',
        { id: 'b1', name: 'B', backfilled: true },
        { id: 'b1', name: 'B', lists: [], members: [], cards: [], pluginData: [], comments: [], historyCut: false },
      ),
    );
    expect((await snapshotOf(store, 'b1'))!.comments.map((c) => c.id)).toEqual(['a2', 'a1']);
    expect(await snapshotOf(store, 'b2')).toBeNull();
    await store.close();
  });

  it('ledger append and state change commit together: a throw in the state step appends nothing', async () => {
    const store = await openStore(await engine.fresh());
    await expect(
      store.append([input('a1')], () => {
        throw new Error('cursor step failed');
      }),
    ).rejects.toThrow('cursor step failed');
    expect(await store.ledger.head()).toEqual(EMPTY_HEAD);
    await store.append([input('a1')], (tx, added) => tx.boards.put('b1', { id: 'b1', name: 'B', backfilled: true, cursor: added.at(-1)!.actionId }));
    expect(store.boards.get('b1')?.cursor).toBe('a1');
    expect((await store.ledger.head()).count).toBe(1);
    await store.close();
  });

  it('persists each state section row by row; a second process sees writes after sync and writes on top of them', async () => {
    const loc = await engine.fresh();
    const a = await openStore(loc);
    const b = await openStore(loc);
    await a.write(async (tx) => {
      await tx.boards.put('b1', { id: 'b1', name: 'B', backfilled: true, cursor: 'c1' });
      await tx.evaluations.put('b1', { evaluatedAt: '2026-11-20T10:00:00.000Z' });
      await tx.scans.add({ at: '2026-11-20T10:00:00.000Z', kind: 'incremental', boards: [], requests: 2, durationMs: 5 }, 10);
    });
    expect(b.boards.get('b1')).toBeUndefined();
    expect(await b.sync()).toBe(true);
    expect(b.boards.get('b1')?.cursor).toBe('c1');
    expect(await b.sync()).toBe(false); // nothing new: no reload
    // b writes on top of a's write (it reloads inside its transaction first), a then sees both.
    await b.write(async (tx) => {
      await tx.boards.put('b1', { ...b.boards.get('b1')!, cursor: 'c2' });
      await tx.scans.add({ at: '2026-11-20T10:10:00.000Z', kind: 'full', boards: [], requests: 3, durationMs: 6 }, 2);
    });
    // a keeps the last one only: its write reloads b's first, then drops the oldest row.
    await a.write((tx) => tx.scans.add({ at: '2026-11-20T10:20:00.000Z', kind: 'full', boards: [], requests: 1, durationMs: 1 }, 1));
    const c = await openStore(loc);
    expect(c.boards.get('b1')?.cursor).toBe('c2');
    expect(c.scans.list().map((x) => x.at)).toEqual(['2026-11-20T10:20:00.000Z']);
    expect(c.evaluations.get('b1')?.evaluatedAt).toBe('2026-11-20T10:00:00.000Z');
    await Promise.all([a.close(), b.close(), c.close()]);
  });

  it('a row that fails its schema stops the open with a StoreError naming it', async () => {
    const loc = await engine.fresh();
    const a = await openStore(loc);
    await a.write((tx) => tx.boards.put('b1', { id: 'b1', name: 'B', backfilled: true }));
    await a.close();
    const db = engine.raw(loc);
    await db.run(`UPDATE boards SET doc = ? WHERE key = ?`, ['{"id":1}', 'b1']);
    await db.close();
    const err = await openStore(loc).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toMatch(/boards row b1 failed validation at id/);
  });

  it('start-up check: a changed record is named (broken), lost records mark every board for a full pass', async () => {
    const loc = await engine.fresh();
    const cfg = { DATABASE_URL: loc, DATA_FILE: '/nonexistent/d.json', LEDGER_FILE: '/nonexistent/d.jsonl' };
    const s = await openStore(loc);
    await s.append([input('a1'), input('a2'), input('a3')], (tx) => tx.boards.put('b1', { id: 'b1', name: 'B', backfilled: true, cursor: 'a3' }));
    await s.close();
    const db = engine.raw(loc);
    const row = (await db.all<{ record: string }>(`SELECT record FROM ledger WHERE seq = 1`))[0]!;
    await db.run(`UPDATE ledger SET record = ? WHERE seq = 1`, [row.record.replace('#günlük a2', '#günlük a2 (sonradan)')]);
    await db.close();
    const l1 = logs();
    const broken = await openConfiguredStore(cfg, l1.log);
    expect((await broken.verifyChain()).state).toBe('broken');
    expect(broken.health).toMatchObject({ state: 'broken', badSeq: 1 });
    expect(l1.lines.join('\n')).toMatch(/BROKEN at record seq 1 \(comment of action a2, card c1\)/);
    await broken.store.close();

    // The tail lost (restored from an older backup): the store knows what it last wrote.
    const db2 = engine.raw(loc);
    await db2.run(`DELETE FROM ledger WHERE seq >= 1`);
    await db2.close();
    // Refused (the witness file and the store's own record saw 3), until the operator accepts the loss.
    const refused = await openConfiguredStore(cfg, logs().log).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LedgerLossError);
    expect((refused as Error).message).toMatch(/saw 3 records .* but the ledger holds 1: 2 records are missing.*--accept-reset/);
    const l2 = logs();
    const lost = await openConfiguredStore(cfg, l2.log, { acceptReset: true });
    expect(lost.health.lost).toEqual({ expected: 3, found: 1 });
    expect(lost.health.resets).toEqual([expect.objectContaining({ via: 'serve --accept-reset', found: { count: 1, hash: expect.any(String) } })]);
    expect(lost.store.boards.get('b1')).toMatchObject({ backfilled: false });
    expect(lost.store.boards.get('b1')?.cursor).toBeUndefined();
    expect(l2.lines.join('\n')).toMatch(/RESET ACCEPTED .*saw 3 records/);
    expect((await lost.verifyChain()).state).toBe('ok');
    await lost.store.close();
    // Accepted once: the next start opens quietly, and the decision stays written down.
    const again = await openConfiguredStore(cfg, logs().log);
    expect(again.health.resets).toHaveLength(1);
    await again.store.close();
  });

  it('imports the old data file + ledger file once: same count and head, old files untouched, a log line says where', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabiz-import-'));
    const dataFile = join(dir, 'data.json');
    const records = chainRecords(EMPTY_HEAD, [input('a1'), input('a2'), input('a3', { boardId: 'b2' })]);
    const ledgerText = records.map((r) => JSON.stringify(r) + '\n').join('');
    const dataText = JSON.stringify({
      version: 1,
      boards: { b1: { id: 'b1', name: 'B', backfilled: true, cursor: 'a2' } },
      flags: {},
      outbox: [],
      digests: [],
      scans: [],
      findings: {},
    });
    writeFileSync(dataFile, dataText);
    writeFileSync(ledgerFileFor(dataFile), ledgerText);
    const cfg = { DATABASE_URL: await engine.fresh(), DATA_FILE: dataFile, LEDGER_FILE: ledgerFileFor(dataFile) };
    const l = logs();
    const { store } = await openConfiguredStore(cfg, l.log);
    expect(await store.ledger.head()).toEqual({ count: 3, hash: records[2]!.hash });
    expect(await ledgerOf(store)).toEqual(records);
    expect(store.boards.get('b1')?.cursor).toBe('a2');
    expect(l.lines.join('\n')).toMatch(
      new RegExp(
        `imported 3 ledger records .* the data now lives in ${store.kind === 'sqlite' ? cfg.DATABASE_URL.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : 'postgres'}`,
      ),
    );
    await store.close();
    expect(readFileSync(dataFile, 'utf8')).toBe(dataText);
    expect(readFileSync(ledgerFileFor(dataFile), 'utf8')).toBe(ledgerText);
    // Opened again: not imported twice.
    const l2 = logs();
    const again = await openConfiguredStore(cfg, l2.log);
    expect((await again.store.ledger.head()).count).toBe(3);
    expect(l2.lines.join('\n')).not.toMatch(/imported/);
    await again.store.close();
  });

  it('refuses to import a ledger file whose chain is broken: nothing imported, the file named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabiz-import-bad-'));
    const dataFile = join(dir, 'data.json');
    const records = chainRecords(EMPTY_HEAD, [input('a1'), input('a2')]);
    records[1]!.text = 'forged';
    writeFileSync(ledgerFileFor(dataFile), records.map((r) => JSON.stringify(r) + '\n').join(''));
    const loc = await engine.fresh();
    const err = await openConfiguredStore({ DATABASE_URL: loc, DATA_FILE: dataFile, LEDGER_FILE: ledgerFileFor(dataFile) }, logs().log).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toMatch(/data\.ledger\.jsonl:2: the hash chain is broken at record seq 1.*nothing was imported/);
    const store = await openStore(loc);
    expect((await store.ledger.head()).count).toBe(0);
    await store.close();
    expect(dirname(dataFile)).toBe(dir);
  });
});
