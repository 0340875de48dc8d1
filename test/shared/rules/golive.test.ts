// The golive rule (shared/compliance/rules/golive.ts); rule ids and decisions: docs/rules.md.
import { describe, expect, it } from 'vitest';
import { goLiveDeadline } from '../../../shared/compliance.js';
import { board, type CardSpec } from '../../fixtures/snapshot-builder.js';
import { of, periods, run } from './helpers.js';

describe('R27/R28 go-live (P7, A6, A7)', () => {
  it('computes the deadline: 60 days, 90 with integration or design, frozen days pause it', () => {
    expect(goLiveDeadline({ assignedAt: '2026-08-03', integration: false, design: false })).toBe('2026-10-02');
    expect(goLiveDeadline({ assignedAt: '2026-08-03', integration: false, design: true })).toBe('2026-11-01');
    expect(goLiveDeadline({ assignedAt: '2026-08-03', integration: false, design: false, frozen: [{ from: '2026-09-01', to: '2026-09-10' }] })).toBe(
      '2026-10-12',
    );
  });

  it('is due-soon at ≤ 14 days, silent before', () => {
    const snap = (assignedAt: string) => board([{ profile: { assignedAt }, comments: [] }], { trackingStart: '2026-11-23' });
    // 2026-09-24 + 60 = 2026-11-23 (today) → 0 days left.
    expect(of(run(snap('2026-10-08'), '2026-11-23 09:00'), 'golive')).toMatchObject([{ period: '2026-12-07', status: 'due-soon' }]);
    expect(periods(run(snap('2026-10-09'), '2026-11-23 09:00'), 'golive')).toEqual([]);
  });

  it('is overdue after the deadline day, and asks for a #gecikme posted since (R28)', () => {
    const snap = (comments: CardSpec['comments']) => board([{ profile: { assignedAt: '2026-08-03' }, comments }], { trackingStart: '2026-11-23' });
    const none = run(snap([]), '2026-11-23 09:00');
    expect(of(none, 'golive')).toMatchObject([{ period: '2026-10-02', status: 'overdue' }]);
    expect(of(none, 'golive-reason')).toMatchObject([{ period: '2026-10-02', status: 'missing' }]);
    expect(none.findings.find((f) => f.rule === 'golive')?.detail.tr).toBe('Canlıya geçiş 52 gün gecikti (son gün 02.10.2026).');
    // A delay entry before the deadline does not explain the overdue state; one after does.
    expect(periods(run(snap([{ text: '#gecikme entegrasyon bekleniyor', at: '2026-09-30 10:00' }]), '2026-11-23 09:00'), 'golive-reason')).toEqual([
      '2026-10-02',
    ]);
    expect(periods(run(snap([{ text: '#gecikme entegrasyon bekleniyor', at: '2026-10-05 10:00' }]), '2026-11-23 09:00'), 'golive-reason')).toEqual([]);
  });

  it('stops once live (liveAt or a #canlı entry)', () => {
    expect(
      periods(run(board([{ profile: { assignedAt: '2026-08-03', liveAt: '2026-09-15' } }], { trackingStart: '2026-11-23' }), '2026-11-23 09:00'), 'golive'),
    ).toEqual([]);
    expect(
      periods(
        run(
          board([{ profile: { assignedAt: '2026-08-03' }, comments: [{ text: '#canlı yayına alındı', at: '2026-10-10 10:00' }] }], {
            trackingStart: '2026-11-23',
          }),
          '2026-11-23 09:00',
        ),
        'golive',
      ),
    ).toEqual([]);
  });
});
