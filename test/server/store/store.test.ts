import { appendFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ledgerFileFor, loadConfig } from '../../../server/src/config.js';
import { StoreError, openFileStore, readLedgerFile } from '../../../server/src/store/store.js';
import { appendLedger, verifyLedger, type LedgerInput } from '../../../server/src/store/ledger.js';
import { emptyState } from '../../../server/src/store/schema.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'nabiz-store-'));
const input = (actionId: string, text = 't'): LedgerInput => ({
  type: 'comment',
  actionId,
  boardId: 'b',
  cardId: 'c',
  authorId: 'm',
  postedAt: 'x',
  text,
  recordedAt: 'y',
  source: 'scan',
});
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').slice(0, -1);
const warnings = () => {
  const got: string[] = [];
  return { got, log: { warn: (m: string) => void got.push(m) } };
};

describe('openFileStore (a corrupt data file stops start-up and is never overwritten)', () => {
  it('creates the directory and persists updates: the ledger in its JSON-lines file, the rest in the data file', async () => {
    const file = join(tmp(), 'sub', 'data.json');
    const store = await openFileStore(file);
    await store.update((s) => void appendLedger(s, [input('a')]));
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).not.toHaveProperty('ledger');
    const ledgerFile = ledgerFileFor(file);
    expect(ledgerFile).toBe(join(file, '..', 'data.ledger.jsonl'));
    expect(lines(ledgerFile).map((l) => JSON.parse(l).actionId)).toEqual(['a']);
    const again = await openFileStore(file);
    expect(again.data.ledger).toEqual(store.data.ledger);
  });

  it.each([
    ['not JSON', '{"version":1,"ledger":[', /is not valid JSON.*not touched/],
    ['wrong schema', JSON.stringify({ version: 1, ledger: [{ seq: 'x' }] }), /failed validation at ledger\.0\.seq.*not touched/],
    ['wrong version', JSON.stringify({ version: 2 }), /failed validation at version/],
  ])('%s → StoreError naming the file; bytes unchanged', async (_name, content, msg) => {
    const file = join(tmp(), 'data.json');
    writeFileSync(file, content);
    const err = await openFileStore(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toMatch(msg);
    expect(readFileSync(file, 'utf8')).toBe(content);
    expect(existsSync(ledgerFileFor(file))).toBe(false);
  });
});

describe('ledger file: append-only JSON lines', () => {
  it('a save appends only the new records; the data file is rewritten without the ledger', async () => {
    const file = join(tmp(), 'data.json');
    const ledgerFile = join(tmp(), 'elsewhere.jsonl');
    const store = await openFileStore(file, { ledgerFile });
    await store.update((s) => void appendLedger(s, [input('a'), input('b')]));
    const first = readFileSync(ledgerFile, 'utf8');
    await store.update((s) => void (s.boards.x = { id: 'x', name: 'X', backfilled: true }));
    expect(readFileSync(ledgerFile, 'utf8')).toBe(first); // nothing new → nothing appended
    await store.mutate((s) => void appendLedger(s, [input('c')]));
    await store.flush();
    const after = readFileSync(ledgerFile, 'utf8');
    expect(after.startsWith(first)).toBe(true);
    expect(lines(ledgerFile)).toHaveLength(3);
    const again = await openFileStore(file, { ledgerFile });
    expect(again.data.ledger.map((r) => r.actionId)).toEqual(['a', 'b', 'c']);
    expect(verifyLedger(again.data.ledger).ok).toBe(true);
    expect(again.data.boards.x?.name).toBe('X');
  });

  it('refuses to save a ledger that no longer starts with what the file holds', async () => {
    const file = join(tmp(), 'data.json');
    const store = await openFileStore(file);
    await store.update((s) => void appendLedger(s, [input('a'), input('b')]));
    const before = readFileSync(ledgerFileFor(file), 'utf8');
    await expect(store.update((s) => void s.ledger.pop())).rejects.toThrow(/append-only.*nothing was written/);
    const other = await openFileStore(file);
    await expect(other.update((s) => void (s.ledger[1]!.hash = 'f'.repeat(64)))).rejects.toThrow(StoreError);
    expect(readFileSync(ledgerFileFor(file), 'utf8')).toBe(before);
  });

  it('a torn last line (crash mid-append) is dropped with a warning and the file cut to its last complete line', async () => {
    const file = join(tmp(), 'data.json');
    const store = await openFileStore(file);
    await store.update((s) => void appendLedger(s, [input('a'), input('b')]));
    const ledgerFile = ledgerFileFor(file);
    const good = readFileSync(ledgerFile, 'utf8');
    appendFileSync(ledgerFile, '{"seq":2,"type":"comm');

    // Read-only (verify, report): dropped in memory, the file is left as it is.
    const ro = warnings();
    const peek = await openFileStore(file, { readOnly: true, log: ro.log });
    expect(peek.data.ledger).toHaveLength(2);
    expect(ro.got.join()).toMatch(/incomplete last line \(21 bytes after line 2/);
    expect(readFileSync(ledgerFile, 'utf8')).toBe(good + '{"seq":2,"type":"comm');
    await expect(peek.flush()).rejects.toThrow(/read-only/);

    const w = warnings();
    const again = await openFileStore(file, { log: w.log });
    expect(w.got).toHaveLength(1);
    expect(w.got[0]).toContain(ledgerFile);
    expect(w.got[0]).toMatch(/cut back to its last complete line/);
    expect(readFileSync(ledgerFile, 'utf8')).toBe(good);
    await again.update((s) => void appendLedger(s, [input('c')]));
    const reopened = await openFileStore(file);
    expect(reopened.data.ledger.map((r) => r.actionId)).toEqual(['a', 'b', 'c']);
    expect(verifyLedger(reopened.data.ledger).ok).toBe(true);
  });

  it.each([
    ['invalid JSON in the middle', (l: string[]) => [l[0], '{"seq":1,', l[2]], /:2: not valid JSON/],
    ['a line failing the schema', (l: string[]) => [l[0], l[1], JSON.stringify({ ...JSON.parse(l[2]!), type: 'rename' })], /:3: failed validation at type/],
    ['an empty line', (l: string[]) => [l[0], '', l[1], l[2]], /:2: not valid JSON/],
    ['a bad last line that is complete', (l: string[]) => [l[0], l[1], 'garbage'], /:3: not valid JSON/],
  ])('%s stops start-up naming the file and line; nothing is touched', async (_name, edit, msg) => {
    const file = join(tmp(), 'data.json');
    const store = await openFileStore(file);
    await store.update((s) => void appendLedger(s, [input('a'), input('b'), input('c')]));
    const ledgerFile = ledgerFileFor(file);
    const bytes = edit(lines(ledgerFile)).join('\n') + '\n';
    writeFileSync(ledgerFile, bytes);
    const data = readFileSync(file, 'utf8');
    const err = await openFileStore(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toContain(ledgerFile);
    expect((err as Error).message).toMatch(msg);
    expect((err as Error).message).toMatch(/not touched/);
    expect(readFileSync(ledgerFile, 'utf8')).toBe(bytes);
    expect(readFileSync(file, 'utf8')).toBe(data);
  });

  it('readLedgerFile: null when missing; records, complete bytes and torn bytes otherwise', async () => {
    const f = join(tmp(), 'l.jsonl');
    expect(await readLedgerFile(f)).toBeNull();
    const s = emptyState();
    appendLedger(s, [input('a', 'çğış')]);
    const line = JSON.stringify(s.ledger[0]) + '\n';
    writeFileSync(f, line + '{"se');
    const r = await readLedgerFile(f);
    expect(r).toMatchObject({ bytes: Buffer.byteLength(line), tornBytes: 4 });
    expect(r!.records).toEqual(s.ledger);
  });
});

describe('migration of a data file with the ledger inside (before the ledger file)', () => {
  const legacy = () => {
    const s = emptyState();
    appendLedger(s, [input('a'), input('b'), input('c')]);
    s.boards.x = { id: 'x', name: 'X', backfilled: true, cursor: 'a3' };
    return s;
  };

  it('moves the ledger to the ledger file once and removes it from the JSON', async () => {
    const file = join(tmp(), 'data.json');
    const old = legacy();
    writeFileSync(file, JSON.stringify(old));
    const store = await openFileStore(file);
    expect(store.data.ledger).toEqual(old.ledger);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    expect(json).not.toHaveProperty('ledger');
    expect(json.boards.x.cursor).toBe('a3');
    expect(lines(ledgerFileFor(file)).map((l) => JSON.parse(l))).toEqual(old.ledger);
    expect(existsSync(ledgerFileFor(file) + '.tmp')).toBe(false);

    // Opened again: nothing to migrate, nothing rewritten; new records are appended after the migrated ones.
    const mtime = statSync(ledgerFileFor(file)).mtimeMs;
    const again = await openFileStore(file);
    expect(statSync(ledgerFileFor(file)).mtimeMs).toBe(mtime);
    await again.update((s) => void appendLedger(s, [input('d')]));
    const last = await openFileStore(file);
    expect(last.data.ledger.map((r) => r.actionId)).toEqual(['a', 'b', 'c', 'd']);
    expect(verifyLedger(last.data.ledger).ok).toBe(true);
  });

  it('read-only (verify, report) reads an old file without migrating it', async () => {
    const file = join(tmp(), 'data.json');
    const bytes = JSON.stringify(legacy());
    writeFileSync(file, bytes);
    const store = await openFileStore(file, { readOnly: true });
    expect(store.data.ledger).toHaveLength(3);
    expect(readFileSync(file, 'utf8')).toBe(bytes);
    expect(existsSync(ledgerFileFor(file))).toBe(false);
  });

  it('an interrupted migration (ledger file written, JSON not yet) finishes on the next open', async () => {
    const file = join(tmp(), 'data.json');
    const old = legacy();
    writeFileSync(file, JSON.stringify(old));
    writeFileSync(ledgerFileFor(file), old.ledger.map((r) => JSON.stringify(r) + '\n').join(''));
    const store = await openFileStore(file);
    expect(store.data.ledger).toEqual(old.ledger);
    expect(JSON.parse(readFileSync(file, 'utf8'))).not.toHaveProperty('ledger');
    expect(lines(ledgerFileFor(file))).toHaveLength(3);
  });

  it('a JSON ledger that disagrees with an existing ledger file stops start-up; neither is touched', async () => {
    const file = join(tmp(), 'data.json');
    const old = legacy();
    const bytes = JSON.stringify(old);
    writeFileSync(file, bytes);
    const other = emptyState();
    appendLedger(other, [input('z')]);
    const ledgerBytes = JSON.stringify(other.ledger[0]) + '\n';
    writeFileSync(ledgerFileFor(file), ledgerBytes);
    await expect(openFileStore(file)).rejects.toThrow(/holds a ledger and .*data\.ledger\.jsonl exists with different records/);
    expect(readFileSync(file, 'utf8')).toBe(bytes);
    expect(readFileSync(ledgerFileFor(file), 'utf8')).toBe(ledgerBytes);
  });
});

describe('LEDGER_FILE', () => {
  it('defaults to the data file with .json → .ledger.jsonl; may be set; never the data file itself', () => {
    expect(loadConfig({}).LEDGER_FILE).toBe('data/nabiz-data.ledger.jsonl');
    expect(loadConfig({ DATA_FILE: '/srv/nabiz/state' }).LEDGER_FILE).toBe('/srv/nabiz/state.ledger.jsonl');
    expect(loadConfig({ LEDGER_FILE: '/srv/evidence.jsonl' }).LEDGER_FILE).toBe('/srv/evidence.jsonl');
    expect(() => loadConfig({ DATA_FILE: 'x.json', LEDGER_FILE: './x.json' })).toThrow(/LEDGER_FILE: must not be the DATA_FILE/);
  });
});

describe('mutate / flush', () => {
  it('mutate changes memory only; flush (or the next update) persists a consistent state', async () => {
    const file = join(tmp(), 'data.json');
    const store = await openFileStore(file);
    await store.mutate((s) => void (s.boards.b = { id: 'b', name: 'B', backfilled: true }));
    expect(existsSync(file)).toBe(false);
    expect(store.data.boards.b?.name).toBe('B');
    await store.flush();
    expect(JSON.parse(readFileSync(file, 'utf8')).boards.b.name).toBe('B');
  });
});

describe('a failed write', () => {
  it('leaves no .<name>.tmp behind and keeps the last good data file', async () => {
    const { mkdirSync, readdirSync, renameSync, rmSync } = await import('node:fs');
    const dir = tmp();
    const file = join(dir, 'nabiz.json');
    const store = await openFileStore(file);
    await store.update((s) => void (s.scans = []));
    const good = readFileSync(file, 'utf8');
    // The rename onto the data file is refused (a non-empty folder stands in its place): the temp file was written.
    renameSync(file, join(dir, 'aside.json'));
    mkdirSync(join(file, 'x'), { recursive: true });
    await expect(store.update((s) => void (s.findings.b = { evaluatedAt: 'z', result: {} }))).rejects.toThrow();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    rmSync(file, { recursive: true });
    expect(readFileSync(join(dir, 'aside.json'), 'utf8')).toBe(good);
  }, 20_000);
});
