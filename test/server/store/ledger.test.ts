import { describe, expect, it } from 'vitest';
import {
  CHECKED_COLUMNS,
  COLUMN_SEP,
  ChainVerifier,
  LEDGER_COLUMNS,
  canonicalJson,
  chainRows,
  EMPTY_HEAD,
  foldComments,
  GENESIS_HASH,
  hashRecord,
  ledgerKey,
  newFacts,
  verifyLedger,
  type LedgerInput,
} from '../../../server/src/store/ledger.js';
import { appendLedger, testState as emptyState } from './helpers.js';

const comment = (id: string, text: string, extra: Partial<LedgerInput> = {}): LedgerInput => ({
  type: 'comment',
  actionId: id,
  boardId: 'b1',
  cardId: 'c1',
  authorId: 'm1',
  postedAt: '2026-11-20T09:00:00.000Z',
  text,
  recordedAt: '2026-11-20T09:05:00.000Z',
  source: 'scan',
  ...extra,
});

describe('canonicalJson', () => {
  it('sorts keys and drops undefined, so key order never changes a hash', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: undefined } })).toBe('{"a":{"d":[1,"x"]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});

describe('chainRecords / verifyLedger (the evidence ledger, R62)', () => {
  it('chains records: seq, prevHash = previous hash, hash over the record', () => {
    const s = emptyState();
    const [a, b] = appendLedger(s, [comment('a1', '#günlük tamam'), comment('a2', '#haftalık')]);
    expect(a!.seq).toBe(0);
    expect(a!.prevHash).toBe(GENESIS_HASH);
    expect(b!.prevHash).toBe(a!.hash);
    expect(b!.hash).toBe(hashRecord(b!));
    expect(verifyLedger(s.ledger)).toEqual({ ok: true, count: 2 });
  });

  it('names the first changed record when a text is altered', () => {
    const s = emptyState();
    appendLedger(s, [comment('a1', 'x'), comment('a2', 'y'), comment('a3', 'z')]);
    s.ledger[1]!.text = 'y (changed later)';
    const r = verifyLedger(s.ledger);
    expect(r).toMatchObject({ ok: false, badSeq: 1 });
    expect(!r.ok && r.reason).toMatch(/changed after it was written/);
  });

  it('detects a removed record and a re-hashed forgery', () => {
    const s = emptyState();
    appendLedger(s, [comment('a1', 'x'), comment('a2', 'y'), comment('a3', 'z')]);
    const removed = [s.ledger[0]!, s.ledger[2]!];
    expect(verifyLedger(removed)).toMatchObject({ ok: false, badSeq: 2 });
    // Forger rewrites record 1 and recomputes its hash: record 2's prevHash no longer matches.
    const forged = structuredClone(s.ledger);
    forged[1]!.text = 'forged';
    forged[1]!.hash = hashRecord(forged[1]!);
    expect(verifyLedger(forged)).toMatchObject({ ok: false, badSeq: 2 });
  });

  it('newFacts drops what is held and repeats within the batch', () => {
    const held = new Set([ledgerKey(comment('a1', 'x'))]);
    const fresh = newFacts([comment('a1', 'x'), comment('a2', 'y'), comment('a2', 'y')], held);
    expect(fresh.map((r) => r.actionId)).toEqual(['a2']);
    // An edit is a new fact per (time, text); the same edit seen twice is one.
    const e = { ...comment('a1', 'x2'), type: 'edit' as const, dateLastEdited: '2026-11-21T00:00:00.000Z' };
    expect(newFacts([e, { ...e }, { ...e, text: 'x3' }], held)).toHaveLength(2);
  });
});

describe('ChainVerifier.pushStored (the row as verify reads it)', () => {
  // Rows as the store gives them: seq, the stored text, CHECKED_COLUMNS joined by the separator.
  const stored = (inputs: LedgerInput[]) =>
    chainRows(EMPTY_HEAD, inputs).map(({ record, json }) => ({
      seq: record.seq,
      text: json,
      cols: CHECKED_COLUMNS.map((c) => String(LEDGER_COLUMNS[c](record))).join(COLUMN_SEP),
    }));
  const inputs = [
    comment('a1', '#günlük düz metin'),
    comment('a2', 'satır\nsatır "tırnak" \\ ters bölü'),
    comment('a3', 'emoji 😀 ve \u2028'),
    comment('a5', 'son'),
  ];
  /** The reference: push() with the columns split one by one (fact, last, may hold the separator). */
  const slowResult = (rows: ReturnType<typeof stored>) => {
    const slow = new ChainVerifier();
    for (const r of rows) {
      let rec: ReturnType<typeof JSON.parse>;
      try {
        rec = JSON.parse(r.text);
      } catch {
        rec = null;
      }
      if (rec === null || typeof rec !== 'object') {
        slow.pushUnreadable(r.seq);
        continue;
      }
      const last = CHECKED_COLUMNS.length - 1;
      const values: unknown[] = r.cols.split(COLUMN_SEP);
      if (values.length > CHECKED_COLUMNS.length) values.splice(last, values.length - last, values.slice(last).join(COLUMN_SEP));
      values.push(r.seq);
      slow.push(rec, { names: [...CHECKED_COLUMNS, 'seq'], values }, r.seq);
    }
    return slow.result();
  };
  const fastResult = (rows: ReturnType<typeof stored>) => {
    const fast = new ChainVerifier();
    for (const r of rows) fast.pushStored(r.seq, r.text, r.cols);
    return fast.result();
  };

  it('an intact chain passes whatever the texts hold; each record is returned for the checkpoint tally', () => {
    const v = new ChainVerifier();
    const out = stored(inputs).map((r) => v.pushStored(r.seq, r.text, r.cols));
    expect(out.map((r) => r?.actionId)).toEqual(inputs.map((i) => i.actionId));
    expect(v.result()).toEqual({ ok: true, count: inputs.length });
  });

  it('names the same failure as push() for a changed text, an escape changed, a column changed, a row that is not an object', () => {
    type Row = ReturnType<typeof stored>[number];
    const at = (rows: Row[], i: number): Row => {
      const r = rows[i];
      if (!r) throw new Error(`no row ${i}`);
      return r;
    };
    const cases: Array<(rows: Row[]) => void> = [
      (rows) => void (at(rows, 1).text = at(rows, 1).text.replace('satır', 'satir')),
      (rows) => void (at(rows, 1).text = at(rows, 1).text.replace('\\n', '\\t')),
      (rows) => void (at(rows, 2).cols = at(rows, 2).cols.replace('c1', 'c9')),
      (rows) => void (at(rows, 0).text = 'null'),
      (rows) => void (at(rows, 3).text = at(rows, 3).text.replace('"seq":3', '"seq":5')),
    ];
    for (const tamper of cases) {
      const rows = stored(inputs);
      const before = JSON.stringify(rows);
      tamper(rows);
      expect(JSON.stringify(rows)).not.toBe(before);
      expect(fastResult(rows)).toEqual(slowResult(rows));
      expect(fastResult(rows).ok).toBe(false);
    }
  });

  it('an id holding the separator itself: the joined text cannot say which column is which, so column by column as before', () => {
    // board_id "b␟1" stored as it is derived: the split puts the halves in two columns (a broken row, as push() says).
    const rows = stored([...inputs, comment(`a4${COLUMN_SEP}x`, '#günlük', { boardId: `b${COLUMN_SEP}1` })]);
    expect(fastResult(rows)).toEqual(slowResult(rows));
  });
});

describe('foldComments', () => {
  it('applies edits (keeping the first text) and deletions, per board', () => {
    const s = emptyState();
    appendLedger(s, [
      comment('a1', '#günlük ilk'),
      comment('z9', 'other board', { boardId: 'b2' }),
      { ...comment('a1', '#günlük ikinci'), type: 'edit', oldText: '#günlük ilk', dateLastEdited: '2026-11-22T10:00:00.000Z' },
      { ...comment('a1', '#günlük üçüncü'), type: 'edit', oldText: '#günlük ikinci', occurredAt: '2026-11-23T10:00:00.000Z' },
      { ...comment('a2', '#haftalık'), postedAt: '2026-11-19T09:00:00.000Z' },
      { ...comment('a2', undefined as unknown as string), type: 'delete', text: undefined, occurredAt: '2026-11-24T08:00:00.000Z' },
    ]);
    const cs = foldComments(s.ledger.filter((r) => r.boardId === 'b1'));
    expect(cs.map((c) => c.id)).toEqual(['a2', 'a1']); // oldest first
    expect(cs[1]).toMatchObject({ text: '#günlük üçüncü', originalText: '#günlük ilk', editedAt: '2026-11-23T10:00:00.000Z' });
    expect(cs[0]).toMatchObject({ text: '#haftalık', deletedAt: '2026-11-24T08:00:00.000Z' });
    expect(foldComments(s.ledger.filter((r) => r.boardId === 'b2'))).toHaveLength(1);
  });

  it('keeps a deletion of a never-seen comment as evidence (empty text)', () => {
    const s = emptyState();
    appendLedger(s, [{ ...comment('gone', ''), type: 'delete', text: undefined, occurredAt: '2026-11-21T08:00:00.000Z' }]);
    expect(foldComments(s.ledger.filter((r) => r.boardId === 'b1'))).toEqual([
      expect.objectContaining({ id: 'gone', text: '', deletedAt: '2026-11-21T08:00:00.000Z' }),
    ]);
  });

  it('folds facts in the order they happened, not the order they arrived (webhooks come in any order)', () => {
    const s = emptyState();
    appendLedger(s, [
      comment('a1', '#günlük ilk'),
      // The deletion arrived first; the edit (20 s before it at Trello) arrived after it.
      { ...comment('a1', ''), type: 'delete', text: undefined, oldText: '#günlük ilk', occurredAt: '2026-11-22T10:00:40.000Z' },
      { ...comment('a1', '#günlük düzeltilmiş'), type: 'edit', oldText: '#günlük ilk', occurredAt: '2026-11-22T10:00:20.000Z' },
      // Two edits of another comment, the older one delivered last: it must not become the current text.
      comment('a2', 'v1'),
      { ...comment('a2', 'v3'), type: 'edit', oldText: 'v2', occurredAt: '2026-11-22T12:00:00.000Z' },
      { ...comment('a2', 'v2'), type: 'edit', oldText: 'v1', occurredAt: '2026-11-22T11:00:00.000Z' },
    ]);
    const [a1, a2] = foldComments(s.ledger);
    expect(a1).toMatchObject({
      text: '#günlük düzeltilmiş',
      originalText: '#günlük ilk',
      editedAt: '2026-11-22T10:00:20.000Z',
      deletedAt: '2026-11-22T10:00:40.000Z',
    });
    expect(a2).toMatchObject({ text: 'v3', originalText: 'v1', editedAt: '2026-11-22T12:00:00.000Z' });
  });

  it('a comment recorded after its own edit keeps its first text as the original', () => {
    const s = emptyState();
    appendLedger(s, [{ ...comment('a1', 'yeni'), type: 'edit', oldText: 'eski', occurredAt: '2026-11-21T10:00:00.000Z' }, comment('a1', 'eski')]);
    expect(foldComments(s.ledger)[0]).toMatchObject({ text: 'yeni', originalText: 'eski', editedAt: '2026-11-21T10:00:00.000Z' });
  });
});
