// The card back's explanations: which explanations a period has and which acceptance excuses it.
import { describe, expect, it } from 'vitest';
import { periodStory, type ExplanationRecord } from '../../powerup/src/pages/explanations.js';

const rec = (type: ExplanationRecord['type'], period: string, at: string, by = 'spec'): ExplanationRecord => ({
  type,
  period,
  at,
  by,
  via: 'powerup',
  ...(type === 'explanation' ? { text: 'müşteri kapalıydı' } : {}),
});

describe('periodStory', () => {
  it('lists the period’s explanations and the acceptance made after the first', () => {
    const records = [
      rec('explanation', '2026-11-26', '2026-11-27T07:00:00Z'),
      rec('explanation', '2026-11-25', '2026-11-27T07:30:00Z'),
      rec('explanation-accept', '2026-11-26', '2026-11-27T09:00:00Z', 'lead'),
    ];
    const s = periodStory(records, '2026-11-26');
    expect(s.said).toHaveLength(1);
    expect(s.accepted?.by).toBe('lead');
    expect(periodStory(records, '2026-11-25').accepted).toBeUndefined();
  });
  it('an acceptance before any explanation accepts nothing', () => {
    const s = periodStory(
      [rec('explanation-accept', '2026-W48', '2026-11-27T06:00:00Z', 'lead'), rec('explanation', '2026-W48', '2026-11-27T07:00:00Z')],
      '2026-W48',
    );
    expect(s.said).toHaveLength(1);
    expect(s.accepted).toBeUndefined();
  });
});
