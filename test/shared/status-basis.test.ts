// The card back's "who was responsible, under which facts" (docs/powerup.md): the status builder sends, per shown
// period, the resolver's DayBasis in compact form, with the ledger numbers of the facts it rests on.
import { describe, expect, it } from 'vitest';
import { evaluateBoard } from '../../shared/compliance.js';
import type { Fact, MemberFact } from '../../shared/facts.js';
import { boardStatus } from '../../shared/status.js';
import type { BoardSnapshot } from '../../shared/types.js';
import { board, COVER, dailies, ist, OTHER, SPECIALIST } from '../fixtures/snapshot-builder.js';

const A = SPECIALIST;
const B = OTHER;
const CARD = 'c0000000000000000000000a';
const profileValue = (p: Record<string, unknown>) => [
  { idPlugin: 'p', value: JSON.stringify({ profile: { v: 1, site: 'ornek.com.tr', trainingSlot: '10:00', assignedAt: '2026-11-02', ...p } }) },
];
const settingsValue = (s: Record<string, unknown>) => [{ idPlugin: 'p', value: JSON.stringify({ settings: { v: 1, trackingStart: '2000-01-03', ...s } }) }];
const cardData = (seq: number, wall: string, p: Record<string, unknown>, baseline = false): Fact => ({
  kind: 'card-data',
  cardId: CARD,
  pluginData: profileValue(p),
  at: ist(wall),
  timeSource: 'noticed',
  ...(baseline ? { baseline: true } : {}),
  seq,
});
const boardData = (seq: number, wall: string, s: Record<string, unknown>, baseline = false): Fact => ({
  kind: 'board-data',
  pluginData: settingsValue(s),
  at: ist(wall),
  timeSource: 'noticed',
  ...(baseline ? { baseline: true } : {}),
  seq,
});
const member = (seq: number, wall: string, memberId: string, op: 'add' | 'remove'): MemberFact => ({
  kind: 'member',
  cardId: CARD,
  memberId,
  op,
  at: ist(wall),
  timeSource: 'trello',
  actionId: `act-${seq}`,
  seq,
});

/** A's card handed over to B on Sunday 22 Nov; B on leave 24–25 Nov with COVER as the card's cover. */
function handedOver(): BoardSnapshot {
  const leaves = [{ memberId: B, from: '2026-11-24', to: '2026-11-25' }];
  const cover = [{ from: '2026-11-24', to: '2026-11-25', memberId: COVER }];
  const facts: Fact[] = [
    boardData(11, '2026-11-01 09:00', { leaves: [] }, true),
    cardData(12, '2026-11-01 09:00', { specialist: A, package: 'monthly' }, true),
    member(20, '2026-11-22 09:00', B, 'add'),
    member(21, '2026-11-22 09:01', A, 'remove'),
    cardData(22, '2026-11-22 09:05', { specialist: B, package: 'monthly', cover }),
    boardData(23, '2026-11-22 09:10', { leaves }),
  ];
  const s = board([{ id: CARD, members: [B], comments: dailies('2026-11-02', '2026-11-27'), profile: null }], { leaves });
  s.cards[0]!.pluginData = profileValue({ specialist: B, package: 'monthly', cover });
  return { ...s, facts };
}

function statusAt(wall: string) {
  const snapshot = handedOver();
  const now = new Date(ist(wall));
  return boardStatus(snapshot, evaluateBoard(snapshot, now), now).cards[CARD]!;
}

describe('status basis (shared/status.ts statusBasis)', () => {
  it('a hand-over: today names the new owner, the week and month before it the old one, with the ledger numbers', () => {
    const st = statusAt('2026-11-22 12:00'); // Sunday, the hand-over day
    expect(st.basis).toEqual([
      { row: 'today', period: '2026-11-22', day: '2026-11-22', owner: B, responsible: B, role: 'owner', seqs: [22] },
      // Week 47 and November as the rules judge them: their last required day so far, Friday 20 Nov, A's.
      { row: 'week', period: '2026-W47', day: '2026-11-20', owner: A, responsible: A, role: 'owner', seqs: [12] },
      { row: 'month', period: '2026-11', day: '2026-11-20', owner: A, responsible: A, role: 'owner', seqs: [12] },
    ]);
  });

  it('a cover day: the cover answers for the owner on leave, resting on the leave and the cover facts', () => {
    const st = statusAt('2026-11-24 12:00');
    const today = st.basis?.find((b) => b.row === 'today');
    expect(today).toEqual({ row: 'today', period: '2026-11-24', day: '2026-11-24', owner: B, responsible: COVER, role: 'cover', leave: true, seqs: [22, 23] });
    expect(st.memberId).toBe(COVER); // the badge's member agrees with the basis
    // The week's and month's last required day so far is today too.
    expect(st.basis?.map((b) => [b.row, b.period, b.role])).toEqual([
      ['today', '2026-11-24', 'cover'],
      ['week', '2026-W48', 'cover'],
      ['month', '2026-11', 'cover'],
    ]);
  });

  it('a month with no required day yet falls back to the last one; days before the fact history say so', () => {
    // Facts recorded from 1 Nov on (the upgrade baseline): a status as of Sunday 1 Nov judges October with them, saying so.
    const facts: Fact[] = [
      boardData(11, '2026-11-01 09:00', { leaves: [] }, true),
      cardData(12, '2026-11-01 09:00', { specialist: A, package: 'monthly', assignedAt: '2026-10-01' }, true),
    ];
    const s = board([{ id: CARD, members: [A], comments: dailies('2026-10-01', '2026-10-30'), profile: null }]);
    s.cards[0]!.pluginData = profileValue({ specialist: A, package: 'monthly', assignedAt: '2026-10-01' });
    const snapshot = { ...s, facts };
    const now = new Date(ist('2026-11-01 12:00'));
    const st = boardStatus(snapshot, evaluateBoard(snapshot, now), now).cards[CARD]!;
    const month = st.basis?.find((b) => b.row === 'month');
    expect(month?.period).toBe('2026-10');
    expect(month?.day).toBe('2026-10-30');
    expect(month?.knownFrom).toBe('2026-11-01');
  });
});
