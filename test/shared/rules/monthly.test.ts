// The monthly rule (shared/compliance/rules/monthly.ts); rule ids and decisions: docs/rules.md.
import { describe, expect, it } from 'vitest';
import { board, dailies, SPECIALIST, type CardSpec } from '../../fixtures/snapshot-builder.js';
import { of, periods, run } from './helpers.js';

describe('R41 monthly (P4, A5)', () => {
  const octCard = (comments: CardSpec['comments'], profile = {}) =>
    board([{ profile: { assignedAt: '2026-10-01', ...profile }, comments: [...dailies('2026-10-01', '2026-11-06', ['2026-10-29']), ...(comments ?? [])] }]);

  it('is not judged before the end of the 3rd working day of the next month (4 Nov 2026)', () => {
    expect(periods(run(octCard([]), '2026-11-04 23:00'), 'monthly')).toEqual([]);
    expect(of(run(octCard([]), '2026-11-05 00:00'), 'monthly')).toEqual([{ period: '2026-10', status: 'missing', memberId: SPECIALIST }]);
  });

  it('is on time until the 3rd working day, late after', () => {
    expect(periods(run(octCard([{ text: '#aylık 2026-10 rapor gönderildi', at: '2026-11-04 18:00' }]), '2026-11-09 09:00'), 'monthly')).toEqual([]);
    expect(of(run(octCard([{ text: '#aylık 2026-10 rapor gönderildi', at: '2026-11-05 09:00' }]), '2026-11-09 09:00'), 'monthly')).toMatchObject([
      { period: '2026-10', status: 'late' },
    ]);
  });

  it('counts an undated monthly posted in the first 3 working days of the next month for the previous month (P4)', () => {
    expect(periods(run(octCard([{ text: '#aylik rapor gönderildi', at: '2026-11-02 12:00' }]), '2026-11-09 09:00'), 'monthly')).toEqual([]);
  });

  it('does not require a month with fewer than 10 active working days', () => {
    const r = run(board([{ profile: { assignedAt: '2026-10-19' }, comments: dailies('2026-10-19', '2026-11-06', ['2026-10-29']) }]), '2026-11-09 09:00');
    // 19–31 Oct: 9 working days (29 Ekim is a holiday).
    expect(periods(r, 'monthly')).toEqual([]);
  });
});
