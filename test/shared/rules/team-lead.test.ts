// The team lead's board-level warnings: fewer than 10 active customers (R2, P14) with the count, and a specialist
// with no Trello activity for `inactiveDays` working days (P19); the streaming evaluator gives the same.
import { describe, expect, it } from 'vitest';
import { evaluateBoard } from '../../../shared/compliance.js';
import { evaluateBoardByCard } from '../../../shared/compliance/by-card.js';
import type { BoardSnapshot, CommentRecord, Finding } from '../../../shared/types.js';

const NOW = new Date('2026-11-27T15:00:00Z'); // Friday
let n = 0;
const c = (cardId: string, authorId: string, day: string): CommentRecord => ({
  id: `6a40000000000000000f${String(n++).padStart(4, '0')}`,
  cardId,
  authorId,
  postedAt: `${day}T08:00:00Z`,
  text: '#günlük arandı',
});

function board(cardsPer: Record<string, number>, comments: (ids: Record<string, string[]>) => CommentRecord[], settings: object = {}): BoardSnapshot {
  const ids: Record<string, string[]> = {};
  const cards = Object.entries(cardsPer).flatMap(([m, k]) =>
    Array.from({ length: k }, (_, i) => {
      const id = `6a4000000000000000${m.slice(-2)}${String(i).padStart(4, '0')}`;
      (ids[m] ??= []).push(id);
      return {
        id,
        name: `m${m}-${i}.com`,
        idList: 'l1',
        closed: false,
        idMembers: [m],
        pluginData: [
          { value: JSON.stringify({ profile: { v: 1, site: `m${i}.com`, assignedAt: '2026-11-16', specialist: m, trainingSlot: `${10 + (i % 8)}:00` } }) },
        ],
      };
    }),
  );
  return {
    id: '6a4000000000000000000b01',
    name: 'Pano',
    lists: [{ id: 'l1', name: 'Müşteriler', closed: false }],
    members: Object.keys(cardsPer).map((id) => ({ id, fullName: id })),
    pluginData: [{ value: JSON.stringify({ settings: { v: 1, trackingStart: '2026-11-16', ...settings } }) }],
    comments: comments(ids),
    cards,
  };
}

const lead = (fs: Finding[]) => fs.filter((f) => f.rule === 'capacity' || f.rule === 'inactive').map((f) => [f.rule, f.memberId, f.period, f.detail.tr]);
const everyDay = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26'];

describe('team lead warnings', () => {
  it('R2: fewer than 10 active customers, with the count; 10 is enough', () => {
    const b = board({ '6a40000000000000000a0001': 3, '6a40000000000000000a0002': 10 }, (ids) =>
      Object.values(ids).flatMap((list) =>
        everyDay.map((d) => c(list[0]!, list[0]!.includes('0001') ? '6a40000000000000000a0001' : '6a40000000000000000a0002', d)),
      ),
    );
    expect(lead(evaluateBoard(b, NOW).findings)).toEqual([['capacity', '6a40000000000000000a0001', '', '3 aktif müşteri (hedef en az 10).']]);
  });

  it('P19: N working days without a comment or tick on any card (default 2; a board setting)', () => {
    const A = '6a40000000000000000a0001';
    // Active every day except Wed 18 – Thu 19 (2 days) and Tue 24 (1 day).
    const days = everyDay.filter((d) => !['2026-11-18', '2026-11-19', '2026-11-24'].includes(d));
    const b = (settings: object = {}) => board({ [A]: 10 }, (ids) => days.map((d) => c(ids[A]![0]!, A, d)), settings);
    const found = lead(evaluateBoard(b(), NOW).findings);
    expect(found).toEqual([['inactive', A, '2026-11-18', '18.11.2026 – 19.11.2026: 2 iş günü Trello’da işlem yok.']]);
    expect(lead(evaluateBoard(b({ inactiveDays: 3 }), NOW).findings)).toEqual([]);
    expect(lead(evaluateBoard(b({ inactiveDays: 1 }), NOW).findings).map((f) => f[2])).toEqual(['2026-11-18', '2026-11-24']);
    // The streaming evaluator yields the same board-level warnings first.
    const it = evaluateBoardByCard(b(), NOW, { chunk: 3 });
    const first = it.next();
    expect(first.done).toBe(false);
    expect(lead((first.value as { findings: Finding[] }).findings)).toEqual(found);
  });
});
