// The intro rule (shared/compliance/rules/intro.ts); rule ids and decisions: docs/rules.md.
import { describe, expect, it } from 'vitest';
import { board, dailies, SPECIALIST } from '../../fixtures/snapshot-builder.js';
import { oneCard, of, periods, run } from './helpers.js';

describe('R18 intro (P5, A14)', () => {
  it('accepts an intro on the assignment day or the next working day (Friday → Monday)', () => {
    const r = run(
      board([
        {
          profile: { assignedAt: '2026-11-06' },
          comments: [{ text: '#tanışma araması yapıldı', at: '2026-11-09 11:00' }, ...dailies('2026-11-06', '2026-11-06')],
        },
      ]),
      '2026-11-10 09:00',
    );
    expect(periods(r, 'intro')).toEqual([]);
  });

  it('reports a later intro as late and none as missing, only after the deadline day', () => {
    const late = run(oneCard({ comments: [{ text: '#tanisma', at: '2026-11-04 10:00', id: 'intro-1' }] }), '2026-11-09 09:00');
    expect(of(late, 'intro')).toEqual([{ period: '2026-11-02', status: 'late', memberId: SPECIALIST, actionIds: ['intro-1'] }]);
    expect(periods(run(oneCard({}), '2026-11-03 23:59'), 'intro')).toEqual([]);
    expect(of(run(oneCard({}), '2026-11-04 00:00'), 'intro')).toMatchObject([{ period: '2026-11-02', status: 'missing' }]);
  });
});
