import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreError, openFileStore } from '../../../server/src/store/store.js';
import { appendLedger } from '../../../server/src/store/ledger.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'nabiz-store-'));

describe('openFileStore (a corrupt data file stops start-up and is never overwritten)', () => {
  it('creates the directory and persists updates', async () => {
    const file = join(tmp(), 'sub', 'data.json');
    const store = await openFileStore(file);
    await store.update((s) => {
      appendLedger(s, [
        { type: 'comment', actionId: 'a', boardId: 'b', cardId: 'c', authorId: 'm', postedAt: 'x', text: 't', recordedAt: 'y', source: 'scan' },
      ]);
    });
    expect(existsSync(file)).toBe(true);
    const again = await openFileStore(file);
    expect(again.data.ledger).toHaveLength(1);
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
