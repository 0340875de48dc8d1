// sql.ts bulkInsert on both engines: what goes in comes back byte for byte, whatever the text holds and however many
// rows (PostgreSQL: one array per column, JSON columns joined by U+001E and split by the server).
import { describe, expect, it } from 'vitest';
import { bulkInsert, type BulkColumn } from '../../../server/src/store/sql.js';
import { engines } from './adapters.js';

const COLUMNS: readonly BulkColumn[] = [
  { name: 'id', pg: 'bigint' },
  { name: 'n', pg: 'integer' },
  { name: 'label', pg: 'text' },
  { name: 'doc', pg: 'json' },
];

/** Texts an array literal or a joined text could get wrong: quotes, backslashes, braces, commas, control characters. */
const ODD = ['', 'NULL', '"quoted" \\ back', '{a,b}', 'line\nbreak\ttab', `sep${String.fromCharCode(30)}inside`, 'İstanbul — ğüşöç 😀'];

function rows(count: number): unknown[][] {
  return Array.from({ length: count }, (_, i) => [
    i + 1,
    i % 3,
    ODD[i % ODD.length],
    // Every third JSON value is null; the others are JSON texts holding the odd texts (escaped by JSON.stringify).
    i % 3 === 0 ? null : JSON.stringify({ i, text: ODD[i % ODD.length], nested: { s: ODD[(i + 1) % ODD.length] } }),
  ]);
}

describe.each(engines)('bulkInsert ($name)', (engine) => {
  it('round-trips rows of odd texts and null JSON, for one row and many, with an ON CONFLICT tail', async () => {
    const db = engine.raw(await engine.fresh());
    try {
      await db.run(`CREATE TABLE t (id BIGINT PRIMARY KEY, n INTEGER NOT NULL, label TEXT NOT NULL, doc TEXT)`);
      for (const batch of [rows(1).map((r) => [100, ...r.slice(1)]), [[101, 0, 'x', null]], rows(40)]) {
        const { sql, params } = bulkInsert(db.dialect, 't', COLUMNS, batch);
        await db.run(sql, params);
      }
      // The upsert form (the kept parses): a row written again takes the new values.
      const again = bulkInsert(
        db.dialect,
        't',
        COLUMNS,
        [[5, 9, 'again', '{"v":1}']],
        'ON CONFLICT (id) DO UPDATE SET n = excluded.n, label = excluded.label, doc = excluded.doc',
      );
      await db.run(again.sql, again.params);
      const got = await db.all<{ id: number | string; n: number | string; label: string; doc: string | null }>(`SELECT id, n, label, doc FROM t ORDER BY id`);
      const want = [...rows(40).map((r) => (r[0] === 5 ? [5, 9, 'again', '{"v":1}'] : r)), [100, ...(rows(1)[0] ?? []).slice(1)], [101, 0, 'x', null]];
      expect(got.map((r) => [Number(r.id), Number(r.n), r.label, r.doc])).toEqual(want);
    } finally {
      await db.close();
    }
  });
});

describe('bulkInsert on PostgreSQL', () => {
  it('refuses a JSON column value holding the separator instead of shifting the rows after it', () => {
    expect(() => bulkInsert('postgres', 't', COLUMNS, [[1, 0, 'a', `{"a":"${String.fromCharCode(30)}"}`]])).toThrow(/doc value is not JSON text/);
  });
});
