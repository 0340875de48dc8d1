// The weekly rule (shared/compliance/rules/weekly.ts); rule ids and decisions: docs/rules.md.
import { describe, expect, it } from 'vitest';
import { dailies, SPECIALIST } from '../../fixtures/snapshot-builder.js';
import { oneCard, of, periods, run } from './helpers.js';

describe('R34/R36 weekly (P2)', () => {
  const weekly = (at: string, text = '#haftalık\nDisk: 2,1/4 GB\nTrafik: 40/100 GB') => ({ text, at });

  it('requires a weekly entry in each ended week with a working day', () => {
    const r = run(oneCard({ comments: [...dailies('2026-11-02', '2026-11-13'), weekly('2026-11-06 16:00')] }), '2026-11-16 09:00');
    expect(of(r, 'weekly')).toEqual([{ period: '2026-W46', status: 'missing', memberId: SPECIALIST }]);
  });

  it('never reports the running week', () => {
    const r = run(oneCard({ comments: dailies('2026-11-02', '2026-11-06') }), '2026-11-08 23:00');
    expect(periods(r, 'weekly')).toEqual([]);
  });

  it('marks a weekly posted after Sunday 23:59 as late (written for the week)', () => {
    const r = run(
      oneCard({ comments: [...dailies('2026-11-02', '2026-11-06'), weekly('2026-11-09 09:10', '#haftalık 2026-W45\nDisk 2/4 GB\nTrafik 40/100 GB')] }),
      '2026-11-10 09:00',
    );
    expect(of(r, 'weekly')).toMatchObject([{ period: '2026-W45', status: 'late' }]);
    expect(Object.values(r.summary.byCard)[0]?.weekly).toMatchObject({ judged: 1, late: 1, onTime: 0 });
  });

  it('reports incomplete when the week’s entries lack a traffic (or disk) reading (R37)', () => {
    const r = run(
      oneCard({ comments: [...dailies('2026-11-02', '2026-11-06'), weekly('2026-11-06 16:00', '#haftalık kontrol yapıldı\nDisk: 2,1/4 GB')] }),
      '2026-11-09 09:00',
    );
    expect(of(r, 'weekly')).toMatchObject([{ period: '2026-W45', status: 'incomplete' }]);
    expect(r.findings.find((f) => f.rule === 'weekly')?.detail.tr).toContain('trafik');
    // A reading in another entry of the same week completes it; "sınırsız" traffic counts (A10).
    const r2 = run(
      oneCard({
        comments: [
          ...dailies('2026-11-02', '2026-11-06'),
          weekly('2026-11-06 16:00', '#haftalık\nDisk: 2,1/4 GB'),
          { text: '#günlük\nTrafik sınırsız', at: '2026-11-06 17:00' },
        ],
      }),
      '2026-11-09 09:00',
    );
    expect(periods(r2, 'weekly')).toEqual([]);
  });

  it('does not require a wholly frozen week', () => {
    const r = run(
      oneCard({
        comments: [...dailies('2026-11-02', '2026-11-06'), weekly('2026-11-06 16:00')],
        profile: { frozen: [{ from: '2026-11-09', to: '2026-11-15' }] },
      }),
      '2026-11-16 09:00',
    );
    expect(periods(r, 'weekly')).toEqual([]);
  });
});
