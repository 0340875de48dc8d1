// `verify`'s streamed check on every engine (docs/operations.md "Evidence ledger"): the ledger is read a page at a
// time (the next page read ahead) and each stored row checked from its text (ChainVerifier.pushStored: columns
// compared as one text, the hash made from the text when it holds no backslash). A change at either side of a page
// boundary, in a record with or without escapes, in a column or in the record, is named exactly as the
// record-by-record check names it.
import { describe, expect, it } from 'vitest';
import { ChainVerifier, hashRecord, ledgerJson, type LedgerInput } from '../../../server/src/store/ledger.js';
import { openStore } from '../../../server/src/store/store.js';
import { engines } from './adapters.js';
import { commentInput } from './helpers.js';

/** More than two pages of the streamed check on SQLite (500 rows), one more on PostgreSQL (1000): escapes, one edit. */
const N = 1103;
function inputs(): LedgerInput[] {
  const out: LedgerInput[] = [];
  for (let i = 0; i < N; i++) {
    const text = i % 7 === 3 ? `#haftalık satır 1\nsatır 2 "tırnak" \\ ters bölü ${i}` : i % 11 === 5 ? `#günlük ${i} 😀 ünlü` : `#günlük ${i}`;
    out.push(commentInput(`a${String(i).padStart(5, '0')}`, { text, cardId: `c${i % 4}` }));
  }
  out.push({ ...commentInput('a00002', { text: 'düzeltildi' }), type: 'edit', dateLastEdited: '2026-11-21T10:00:00.000Z', oldText: '#günlük 2' });
  return out;
}

/** The reference: every row pushed record by record with its columns (ChainVerifier.push), no page, no shortcut. */
function referenceCheck(rows: Array<Record<string, unknown> & { seq: number; record: string }>) {
  const v = new ChainVerifier();
  for (const row of rows) {
    let r: ReturnType<typeof ledgerJson>;
    try {
      r = ledgerJson(row.record);
    } catch {
      v.pushUnreadable(Number(row.seq));
      continue;
    }
    if (r === null || typeof r !== 'object') {
      v.pushUnreadable(Number(row.seq));
      continue;
    }
    const names = ['type', 'action_id', 'board_id', 'card_id', 'author_id', 'posted_at', 'recorded_at', 'hash', 'fact', 'seq'] as const;
    v.push(r, { names, values: names.map((c) => row[c]) }, Number(row.seq));
  }
  return v.result();
}

describe.each(engines)('streamed verify on $name', (engine) => {
  async function ledgerStore() {
    const loc = await engine.fresh();
    const s = await openStore(loc);
    await s.append(inputs());
    await s.close();
    return loc;
  }
  const all = async (loc: string) => {
    const db = engine.raw(loc);
    try {
      return await db.all<Record<string, unknown> & { seq: number; record: string }>(`SELECT * FROM ledger ORDER BY seq`);
    } finally {
      await db.close();
    }
  };
  const run = async (loc: string, sql: string, params: unknown[]) => {
    const db = engine.raw(loc);
    try {
      await db.run(sql, params);
    } finally {
      await db.close();
    }
  };
  const verifyOf = async (loc: string) => {
    const s = await openStore(loc, { ledgerOnly: true });
    try {
      return await s.ledger.verifyFull();
    } finally {
      await s.close();
    }
  };

  it('an intact ledger of several pages: ok, every record counted, the checkpoint tallies boards and cards', async () => {
    const loc = await ledgerStore();
    const { verification, checkpoint } = await verifyOf(loc);
    expect(verification).toEqual({ ok: true, count: N + 1 });
    expect(checkpoint).toMatchObject({ count: N + 1, boards: { b1: N + 1 } });
    expect(Object.values(checkpoint?.cards ?? {}).reduce((a, b) => a + b, 0)).toBe(N + 1);
    expect(verification).toEqual(referenceCheck(await all(loc)));
  });

  // seq 499/500 and 999/1000: the last row of a page and the first of the next (pages of 500 rows on SQLite, 1000 on
  // PostgreSQL).
  it.each([
    [499, 'text', 'sonradan'],
    [500, 'text', 'sonradan'],
    [999, 'text', 'sonradan'],
    [1000, 'text', 'sonradan'],
    // Texts with escapes (seq % 7 === 3), changed without touching the escapes, and the escapes themselves.
    [500 + ((3 - (500 % 7) + 7) % 7), 'text', 'satır 2 değişti'],
    [997, 'escape', ''],
    // A string's JSON rewritten with an escape that means the same text: the hash (over canonical JSON) still holds.
    [998, 'same-meaning', ''],
  ])('a record changed at seq %i (%s) is named as the record-by-record check names it', async (seq, how, words) => {
    const loc = await ledgerStore();
    const row = (await all(loc)).find((r) => Number(r.seq) === seq);
    if (!row) throw new Error(`no row ${seq}`);
    const rec = ledgerJson(row.record);
    let text: string;
    if (how === 'escape') text = row.record.replace('\\n', '\\r');
    else if (how === 'same-meaning') text = row.record.replace('#günlük', '#g\\u00fcnl\\u00fck');
    else text = JSON.stringify({ ...rec, text: `${rec.text ?? ''} ${words}` });
    expect(text).not.toBe(row.record);
    await run(loc, `UPDATE ledger SET record = ? WHERE seq = ?`, [text, seq]);
    const { verification } = await verifyOf(loc);
    expect(verification).toEqual(referenceCheck(await all(loc)));
    if (how === 'same-meaning') expect(verification).toEqual({ ok: true, count: N + 1 });
    else expect(verification).toMatchObject({ ok: false, badSeq: seq, count: N + 1, reason: expect.stringMatching(/content does not match its hash/) });
  });

  it.each([
    [499, 'card_id', `'c-other'`],
    [500, 'posted_at', `'2020-01-01T00:00:00.000Z'`],
    [1000, 'fact', `fact || '#x'`],
    [1102, 'hash', `'0000'`],
  ])('a column changed at seq %i (%s) is named', async (seq, column, value) => {
    const loc = await ledgerStore();
    await run(loc, `UPDATE ledger SET ${column} = ${value} WHERE seq = ?`, [seq]);
    const { verification } = await verifyOf(loc);
    expect(verification).toEqual(referenceCheck(await all(loc)));
    expect(verification).toMatchObject({ ok: false, badSeq: seq, reason: expect.stringMatching(new RegExp(`^column ${column} says`)) });
  });

  it('a record removed at a page boundary breaks the link; a record that is JSON but not an object is unreadable', async () => {
    const loc = await ledgerStore();
    await run(loc, `DELETE FROM ledger WHERE seq = ?`, [500]);
    const gone = (await verifyOf(loc)).verification;
    expect(gone).toEqual(referenceCheck(await all(loc)));
    expect(gone).toMatchObject({ ok: false, badSeq: 501, reason: expect.stringMatching(/expected seq 500, found 501/) });

    const loc2 = await ledgerStore();
    await run(loc2, `UPDATE ledger SET record = 'null' WHERE seq = ?`, [999]);
    const unreadable = (await verifyOf(loc2)).verification;
    expect(unreadable).toEqual(referenceCheck(await all(loc2)));
    expect(unreadable).toMatchObject({ ok: false, badSeq: 999, count: N + 1, reason: expect.stringMatching(/not valid JSON/) });
  });

  it('the hash made from the text equals hashRecord for every stored record (escapes, emoji, an edit)', async () => {
    const loc = await ledgerStore();
    const rows = await all(loc);
    for (const row of rows) {
      const r = ledgerJson(row.record);
      expect(hashRecord(r)).toBe(r.hash);
    }
    expect(rows.some((r) => r.record.includes('\\'))).toBe(true);
  });
});
