// What the status API sends of a card's findings (shared/status.ts statusFindings): enough for the badges, the
// Uyum table and the card back, not the whole evaluation.
import { describe, expect, it } from 'vitest';
import { STATUS_SAME_KIND, statusFindings } from '../../shared/status.js';
import type { Finding } from '../../shared/types.js';

const f = (over: Partial<Finding>): Finding => ({
  rule: 'daily',
  cardId: 'c1',
  memberId: 'm1',
  period: '2026-11-20',
  status: 'missing',
  severity: 'warning',
  detail: { tr: 'metin', en: 'text' },
  ...over,
});

describe('statusFindings', () => {
  it('periods: open ones only, as rule/period/status/severity; other findings keep their text', () => {
    const out = statusFindings(
      [
        f({}),
        f({ rule: 'weekly', period: '2026-W46', status: 'late', severity: 'info' }),
        f({ rule: 'monthly', period: '2026-10', status: 'edited' }),
        f({ rule: 'disk', period: '2026-W47', status: 'critical', severity: 'critical' }),
      ],
      '2026-11-23',
    );
    expect(out).toEqual([
      { rule: 'daily', period: '2026-11-20', status: 'missing', severity: 'warning' },
      { rule: 'weekly', period: '2026-W46', status: 'late', severity: 'info' },
      // An edited entry is open for the compliance badge (shared/badges.ts isOpenFinding): kept.
      { rule: 'monthly', period: '2026-10', status: 'edited', severity: 'warning' },
      { rule: 'disk', period: '2026-W47', status: 'critical', severity: 'critical', detail: { tr: 'metin', en: 'text' } },
    ]);
  });

  it('drops info/warning findings about periods over 35 days old (a year of weekly growth warnings), keeps critical ones', () => {
    const out = statusFindings(
      [
        f({ rule: 'growth', period: '2026-W10', status: 'warning' }),
        f({ rule: 'growth', period: '2026-W46', status: 'warning' }),
        f({ rule: 'evidence', period: '2026-01-05', status: 'deleted', severity: 'critical' }),
        f({ rule: 'slot', period: '', status: 'overlap' }),
      ],
      '2026-11-23',
    );
    expect(out.map((x) => `${x.rule}:${x.period}`)).toEqual(['growth:2026-W46', 'evidence:2026-01-05', 'slot:']);
  });

  it('lists the first few of one rule and status with their text and counts the rest', () => {
    const many = Array.from({ length: 49 }, (_, i) => f({ rule: 'slot', period: '', status: 'overlap', detail: { tr: `çakışma ${i}`, en: `overlap ${i}` } }));
    const out = statusFindings(many, '2026-11-23');
    expect(out).toHaveLength(STATUS_SAME_KIND);
    expect(out.at(-1)!.more).toBe(49 - STATUS_SAME_KIND);
    expect(out[0]!.detail).toEqual({ tr: 'çakışma 0', en: 'overlap 0' });
  });
});
