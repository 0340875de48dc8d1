// The unreachable rule (shared/compliance/rules/unreachable.ts); rule ids and decisions: docs/rules.md.
import { describe, expect, it } from 'vitest';
import { dailies } from '../../fixtures/snapshot-builder.js';
import { oneCard, of, periods, run } from './helpers.js';

describe('R11 unreachable (P11, A8)', () => {
  const u = (day: string) => ({ text: '#ulaşılamadı aradım, açmadı', at: `${day} 10:30` });

  it('escalates after 3 consecutive working days of only unreachable entries; a weekend does not break it', () => {
    const r = run(
      oneCard({
        comments: [...dailies('2026-11-02', '2026-11-04'), u('2026-11-05'), u('2026-11-06'), u('2026-11-09'), ...dailies('2026-11-10', '2026-11-13')],
      }),
      '2026-11-16 09:00',
    );
    expect(of(r, 'unreachable')).toMatchObject([{ period: '2026-11-05', status: 'escalate' }]);
  });

  it('does not escalate 2 days, or when a day also has another entry', () => {
    expect(
      periods(
        run(
          oneCard({ comments: [...dailies('2026-11-02', '2026-11-04'), u('2026-11-05'), u('2026-11-06'), ...dailies('2026-11-09', '2026-11-10')] }),
          '2026-11-11 09:00',
        ),
        'unreachable',
      ),
    ).toEqual([]);
    expect(
      periods(
        run(
          oneCard({
            comments: [u('2026-11-02'), u('2026-11-03'), { text: '#günlük sonra ulaşıldı', at: '2026-11-03 16:00' }, u('2026-11-04'), u('2026-11-05')],
          }),
          '2026-11-06 09:00',
        ),
        'unreachable',
      ),
    ).toEqual([]);
  });
});
