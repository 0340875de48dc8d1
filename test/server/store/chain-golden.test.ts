// The chain is evidence (R62, docs/operations.md "Evidence ledger"): a faster append must write the very same
// bytes. A fixed set of inputs (every record type, odd characters, fields given as undefined, keys in an unusual
// order) appended through the store must give the head hash and stored rows this build has always given.
// The expected digests were computed with the append path before it was reworked; never update them to make a
// change pass: a different value means stored evidence would no longer verify the same.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD, canonicalJson, chainRows, hashRecord, type LedgerInput } from '../../../server/src/store/ledger.js';
import { openStore } from '../../../server/src/store/store.js';
import { engines } from './adapters.js';

const base = {
  boardId: 'b1',
  cardId: 'c1',
  authorId: 'm1',
  postedAt: '2026-11-20T09:00:00.000Z',
  recordedAt: '2026-11-20T09:05:00.000Z',
  source: 'scan',
} as const;

function goldenInputs(): LedgerInput[] {
  return [
    { type: 'comment', actionId: 'a1', ...base, authorName: 'Ayşe Yılmaz', text: '#günlük 20.11.2026 "tırnak" \\ ters bölü\nyeni satır\ttab 🙂 \u2028 ĞÜŞİÖÇ' },
    // Keys in another order, one given as undefined (left out of the record, and of its hash).
    {
      text: '#haftalık\nDisk: 1,2 / 10 GB',
      source: 'webhook',
      recordedAt: base.recordedAt,
      postedAt: '2026-11-20T10:00:00.000Z',
      authorId: 'm2',
      cardId: 'c2',
      boardId: 'b1',
      actionId: 'a2',
      type: 'comment',
      authorName: undefined,
    },
    {
      type: 'edit',
      actionId: 'a1',
      ...base,
      text: '#günlük düzeltildi',
      oldText: '#günlük 20.11.2026',
      dateLastEdited: '2026-11-21T08:00:00.000Z',
      occurredAt: '2026-11-21T08:00:00.000Z',
      sourceActionId: 'u1',
    },
    { type: 'delete', actionId: 'a2', ...base, lastSeenAt: '2026-11-22T00:00:00.000Z', source: 'full-scan' },
    { type: 'member', actionId: 'm-a', ...base, memberId: 'm3', op: 'add', baseline: true },
    { type: 'check-item', actionId: 'ci1', ...base, checklistId: 'cl1', checkItemId: 'it1', checkItemName: 'Yedek <alındı> & kontrol', checkState: 'complete' },
    {
      type: 'card-data',
      actionId: 'cd1',
      ...base,
      value: JSON.stringify([{ idPlugin: 'p1', value: '{"profile":{"v":1,"site":"örnek.com.tr"}}' }]),
      baseline: true,
    },
    { type: 'card-data', actionId: 'cd2', ...base, value: '[{"value":"{}"}]', prevSeq: 6, baseline: false },
    { type: 'board-data', actionId: 'bd1', ...base, cardId: '', value: '[]' },
    { type: 'freeze-approval', actionId: 'fa1', ...base, rangeFrom: '2026-11-01', rangeTo: '2026-11-07', via: 'powerup' },
    { type: 'explanation', actionId: 'ex1', ...base, period: '2026-W47', text: 'Hastaydım', via: 'powerup' },
    { type: 'explanation-accept', actionId: 'ea1', ...base, period: '2026-W47', via: 'comment' },
    { type: 'nudge', actionId: 'nudge:c1:2026-11-20', ...base, memberId: 'm1', text: '@ayse hatırlatma', sourceActionId: 'n1', source: 'powerup' },
    { type: 'reminder', actionId: 'r1', ...base, cardId: '', value: '09:30', source: 'powerup' },
    { type: 'comment', actionId: 'a3', ...base, text: '', source: 'import' },
  ];
}

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe.each(engines)('the chain written by append is byte-identical on $name', (engine) => {
  it('same head hash and the same stored record JSON and columns as before', async () => {
    const store = await openStore(await engine.fresh());
    const inputs = goldenInputs();
    // Two appends: the second chains onto the head the first left.
    await store.append(inputs.slice(0, 7));
    await store.append(inputs.slice(7));
    const head = await store.ledger.head();
    expect(head.count).toBe(inputs.length);
    expect(head.hash).toBe('32c0e7c4864e9272080b3def399ceeaf63e7bbce5475418cc2d06ff519192c73');
    const db = engine.raw(store.location);
    const rows = await db.all<Record<string, unknown>>(
      `SELECT seq, fact, type, action_id, board_id, card_id, author_id, posted_at, recorded_at, hash, record FROM ledger ORDER BY seq`,
    );
    expect(sha(rows.map((r) => String(r.record)).join('\n'))).toBe('f1f8c20cd0b5fd1b0192b8be7a9337ccabb6caf5c75962486fba6d7f711bef09');
    expect(
      sha(rows.map((r) => [r.seq, r.fact, r.type, r.action_id, r.board_id, r.card_id, r.author_id, r.posted_at, r.recorded_at, r.hash].join('|')).join('\n')),
    ).toBe('90ff8905ed111a9aa66da876c11136bd0274cddd0d263c15328ff696063af724');
    expect(await store.ledger.verify()).toEqual({ ok: true, count: inputs.length });
    await db.close();
    await store.close();
  });
});

describe('chainRows', () => {
  it('stores JSON.stringify of each record and hashes its canonical JSON, whatever the input key order', () => {
    const rows = chainRows(EMPTY_HEAD, goldenInputs());
    for (const { record, json } of rows) {
      expect(json).toBe(JSON.stringify(record));
      const { hash: _h, ...rest } = record;
      expect(record.hash).toBe(sha(canonicalJson(rest)));
      expect(hashRecord(JSON.parse(json))).toBe(record.hash);
    }
    // A member that is an object (not a LedgerRecord field today) is hashed canonically too, sorted inside.
    const first = rows[0]?.record;
    if (!first) throw new Error('no row chained');
    const odd = { ...first, extra: { b: 1, a: [2, { d: 1, c: 0 }] } };
    const { hash: _h, ...rest } = odd;
    expect(hashRecord(odd)).toBe(sha(canonicalJson(rest)));
  });
});
