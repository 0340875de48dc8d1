// The profile rule (shared/compliance/rules/profile.ts); rule ids and decisions: docs/rules.md.
import { describe, expect, it } from 'vitest';
import { board, idAt, SPECIALIST } from '../../fixtures/snapshot-builder.js';
import { periods, run } from './helpers.js';

describe('profile (bad input)', () => {
  it('reports an invalid profile with the zod message and still evaluates the card with defaults', () => {
    const snap = board([
      {
        id: idAt('2026-10-30', 1),
        rawProfile: JSON.stringify({ profile: { v: 1, site: 'ornek.com.tr', assignedAt: '2026-10-30', trainingSlot: '14.00' } }),
        comments: [],
      },
    ]);
    const r = run(snap, '2026-11-04 09:00');
    const p = r.findings.find((f) => f.rule === 'profile');
    expect(p).toMatchObject({ status: 'invalid', period: '' });
    expect(p?.detail.en).toContain('trainingSlot');
    // Defaults: assignedAt = card creation (30.10.2026), no slot.
    expect(periods(r, 'daily', 'missing')).toEqual(['2026-10-30', '2026-11-02', '2026-11-03']);
    expect(periods(r, 'slot', 'missing')).toEqual(['']);
  });

  it('reports invalid board settings once and goes on with defaults', () => {
    const snap = board([{ comments: [] }]);
    snap.pluginData = [{ value: JSON.stringify({ settings: { v: 1, saturdayRota: { '2026-11-06': [SPECIALIST] } } }) }];
    const r = run(snap, '2026-11-04 09:00');
    expect(r.findings.filter((f) => f.cardId === '' && f.rule === 'profile')).toHaveLength(1);
  });
});
