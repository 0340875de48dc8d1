import { describe, expect, it } from 'vitest';
import { indexedLedgerKeys } from '../../../server/src/store/ledger-index.js';
import {
  appendLedger,
  appendNewLedger,
  commentsFromLedger,
  ledgerKeys,
  verifyLedgerCached,
  type LedgerInput,
} from '../../../server/src/store/ledger.js';
import { emptyState, type LedgerRecord } from '../../../server/src/store/schema.js';

const rec = (type: LedgerInput['type'], id: string, extra: Partial<LedgerInput> = {}): LedgerInput => ({
  type,
  actionId: id,
  boardId: 'b1',
  cardId: 'c1',
  authorId: 'm1',
  postedAt: `2026-11-20T09:${id.slice(-2)}:00.000Z`,
  recordedAt: '2026-11-20T12:00:00.000Z',
  source: 'scan',
  ...extra,
});

/** A fresh array of the same records: indexed from scratch (what a walk over the whole ledger gives). */
const fresh = (ledger: LedgerRecord[], boardId: string) => commentsFromLedger([...ledger], boardId);

describe('ledger index (cached per ledger array, kept current as records are appended)', () => {
  it('gives the same comments, in the same order, as indexing the whole ledger again after every append', () => {
    const s = emptyState();
    const batches: LedgerInput[][] = [
      [rec('comment', 'a10', { text: 'x' }), rec('comment', 'a30', { text: 'y' }), rec('comment', 'z05', { boardId: 'b2', text: 'other board' })],
      // Posted before what is indexed, an edit of an indexed comment, a deletion.
      [rec('comment', 'a05', { text: 'early' }), rec('edit', 'a10', { text: 'x2', oldText: 'x', dateLastEdited: '2026-11-21T08:00:00.000Z' }), rec('delete', 'a30', { oldText: 'y' })],
      // Same posted time as a10 (order by id), a comment first seen and edited in one batch, a deletion of an unknown comment.
      [rec('comment', 'a11', { postedAt: '2026-11-20T09:10:00.000Z', text: 'tie' }), rec('comment', 'a40', { text: 'n' }), rec('edit', 'a40', { text: 'n2', oldText: 'n' }), rec('delete', 'a20', { occurredAt: '2026-11-22T00:00:00.000Z' })],
      // Facts seen again change nothing.
      [rec('comment', 'a10', { text: 'x' }), rec('edit', 'a10', { text: 'x3', oldText: 'x2', dateLastEdited: '2026-11-22T08:00:00.000Z' })],
    ];
    for (const batch of batches) {
      appendLedger(s, batch);
      for (const b of ['b1', 'b2', 'nope']) expect(commentsFromLedger(s.ledger, b)).toEqual(fresh(s.ledger, b));
    }
    expect(commentsFromLedger(s.ledger, 'b1').map((c) => [c.id, c.text, c.deletedAt ?? null])).toEqual([
      ['a05', 'early', null],
      ['a10', 'x3', null],
      ['a11', 'tie', null],
      ['a20', '', '2026-11-22T00:00:00.000Z'],
      ['a30', 'y', '2026-11-20T12:00:00.000Z'],
      ['a40', 'n2', null],
    ]);
  });

  it('comments handed out are not changed by later records', () => {
    const s = emptyState();
    appendLedger(s, [rec('comment', 'a10', { text: 'x' })]);
    const before = commentsFromLedger(s.ledger, 'b1');
    appendLedger(s, [rec('edit', 'a10', { text: 'x2', oldText: 'x' })]);
    expect(before[0]!.text).toBe('x');
    expect(commentsFromLedger(s.ledger, 'b1')[0]!.text).toBe('x2');
  });

  it('a ledger rebuilt by hand in the same array is indexed again; known facts follow appends', () => {
    const s = emptyState();
    appendLedger(s, [rec('comment', 'a10', { text: 'x' })]);
    expect(commentsFromLedger(s.ledger, 'b1').map((c) => c.id)).toEqual(['a10']);
    s.ledger.length = 0;
    appendLedger(s, [rec('comment', 'a20', { text: 'y' })]);
    expect(commentsFromLedger(s.ledger, 'b1').map((c) => c.id)).toEqual(['a20']);
    expect(appendNewLedger(s, [rec('comment', 'a20', { text: 'y' }), rec('comment', 'a10', { text: 'x' }), rec('comment', 'a10', { text: 'x' })])).toHaveLength(1);
    expect([...indexedLedgerKeys(s.ledger)].sort()).toEqual([...ledgerKeys(s.ledger)].sort());
  });
});

describe('verifyLedgerCached (report downloads)', () => {
  it('verifies only what was appended since, and a ledger read again is verified whole', () => {
    const s = emptyState();
    appendLedger(s, [rec('comment', 'a10', { text: 'x' }), rec('comment', 'a20', { text: 'y' })]);
    expect(verifyLedgerCached(s.ledger)).toEqual({ ok: true, count: 2 });
    appendLedger(s, [rec('comment', 'a30', { text: 'z' })]);
    expect(verifyLedgerCached(s.ledger)).toEqual({ ok: true, count: 3 });
    // A new record that does not chain is caught.
    s.ledger.push({ ...s.ledger[2]!, seq: 3, text: 'forged' });
    expect(verifyLedgerCached(s.ledger)).toMatchObject({ ok: false, badSeq: 3 });
    s.ledger.pop();
    // An earlier record changed on disk: the reloaded ledger (a new array) is checked from the start.
    const reloaded = JSON.parse(JSON.stringify(s.ledger)) as LedgerRecord[];
    reloaded[1]!.text = 'changed';
    expect(verifyLedgerCached(reloaded)).toMatchObject({ ok: false, badSeq: 1 });
  });
});
