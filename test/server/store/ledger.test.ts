import { describe, expect, it } from 'vitest';
import {
  appendLedger,
  appendNewLedger,
  canonicalJson,
  commentsFromLedger,
  GENESIS_HASH,
  hashRecord,
  snapshotFromState,
  verifyLedger,
  type LedgerInput,
} from '../../../server/src/store/ledger.js';
import { emptyState } from '../../../server/src/store/schema.js';

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

describe('appendLedger / verifyLedger (DESIGN §9 evidence ledger)', () => {
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

  it('appendNewLedger never appends the same fact twice', () => {
    const s = emptyState();
    appendNewLedger(s, [comment('a1', 'x')]);
    const again = appendNewLedger(s, [comment('a1', 'x'), comment('a2', 'y'), comment('a2', 'y')]);
    expect(again.map((r) => r.actionId)).toEqual(['a2']);
    expect(s.ledger).toHaveLength(2);
  });
});

describe('commentsFromLedger', () => {
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
    const cs = commentsFromLedger(s.ledger, 'b1');
    expect(cs.map((c) => c.id)).toEqual(['a2', 'a1']); // oldest first
    expect(cs[1]).toMatchObject({ text: '#günlük üçüncü', originalText: '#günlük ilk', editedAt: '2026-11-23T10:00:00.000Z' });
    expect(cs[0]).toMatchObject({ text: '#haftalık', deletedAt: '2026-11-24T08:00:00.000Z' });
    expect(commentsFromLedger(s.ledger, 'b2')).toHaveLength(1);
  });

  it('keeps a deletion of a never-seen comment as evidence (empty text)', () => {
    const s = emptyState();
    appendLedger(s, [{ ...comment('gone', ''), type: 'delete', text: undefined, occurredAt: '2026-11-21T08:00:00.000Z' }]);
    expect(commentsFromLedger(s.ledger, 'b1')).toEqual([
      expect.objectContaining({ id: 'gone', text: '', deletedAt: '2026-11-21T08:00:00.000Z' }),
    ]);
  });
});

describe('snapshotFromState', () => {
  it('is null for a board never scanned, else the stored board plus ledger comments', () => {
    const s = emptyState();
    expect(snapshotFromState(s, 'b1')).toBeNull();
    s.boards.b1 = {
      id: 'b1',
      name: 'Board',
      backfilled: true,
      snapshot: { id: 'b1', name: 'Board', lists: [], members: [], cards: [], pluginData: [], comments: [], historyCut: false, historyFrom: '2026-01-01T00:00:00Z' },
    };
    appendLedger(s, [comment('a1', 'x')]);
    const snap = snapshotFromState(s, 'b1')!;
    expect(snap.comments.map((c) => c.id)).toEqual(['a1']);
    expect(snap.historyCut).toBe(false);
    expect(snap.historyFrom).toBeUndefined();
  });
});
