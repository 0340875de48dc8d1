// One source of truth for what an entry needs: the form's check and the quota rule agree on every combination.
import { describe, expect, it } from 'vitest';
import { evaluateBoard } from '../../shared/compliance.js';
import { DAILY_ENTRY_KINDS, WORKDAY_END, isCriticalReading, quotaActionsMissing } from '../../shared/requirements.js';
import { WORK_END_MINUTES } from '../../shared/compliance.js';
import type { BoardSnapshot, QuotaAction } from '../../shared/types.js';

const ALL: QuotaAction[] = ['informed', 'optimized', 'upgradeSuggested'];
const subsets = (): QuotaAction[][] => Array.from({ length: 8 }, (_, m) => ALL.filter((_, i) => m & (1 << i)));

/** A board with one card whose week-48 weekly has a disk reading at `percent` and the given actions. */
function board(percent: number, actions: QuotaAction[]): BoardSnapshot {
  const words: Record<QuotaAction, string> = { informed: 'bilgilendirildi', optimized: 'optimize edildi', upgradeSuggested: 'ek kota önerildi' };
  const used = (percent * 4) / 100;
  const text = [`#haftalık 2026-W48`, `Disk: ${String(used).replace('.', ',')} / 4 GB`, 'Trafik: 10 / 100 GB', actions.map((a) => words[a]).join(', ')]
    .filter(Boolean)
    .join('\n');
  return {
    id: 'b1',
    name: 'B',
    lists: [{ id: 'l1', name: 'Müşteriler', closed: false }],
    members: [{ id: 'm1', fullName: 'Ayşe' }],
    cards: [
      {
        id: '6921f5800000000000000001',
        name: 'ornek',
        idList: 'l1',
        closed: false,
        idMembers: ['m1'],
        pluginData: [{ value: JSON.stringify({ profile: { v: 1, site: 'ornek', assignedAt: '2026-11-01', trainingSlot: '10:00' } }) }],
      },
    ],
    comments: [{ id: 'c1', cardId: '6921f5800000000000000001', authorId: 'm1', postedAt: '2026-11-26T09:00:00Z', text }],
    pluginData: [],
  } as unknown as BoardSnapshot;
}

describe('quotaActionsMissing (R38)', () => {
  it('asks for informed AND (optimised OR extra quota) at or above high, nothing below', () => {
    expect(quotaActionsMissing(79.9, [], { high: 80 })).toEqual([]);
    expect(quotaActionsMissing(undefined, [], { high: 80 })).toEqual([]);
    expect(quotaActionsMissing(85, [], { high: 80 })).toEqual(['informed', 'remedy']);
    expect(quotaActionsMissing(85, ['informed'], { high: 80 })).toEqual(['remedy']);
    expect(quotaActionsMissing(85, ['optimized'], { high: 80 })).toEqual(['informed']);
    expect(quotaActionsMissing(85, ['informed', 'upgradeSuggested'], { high: 80 })).toEqual([]);
  });

  it('is exactly what the quota rule flags: for every action set, satisfied ⇔ no "high" finding for that week', () => {
    const now = new Date('2026-11-27T09:00:00Z');
    for (const actions of subsets()) {
      const findings = evaluateBoard(board(85, actions), now).findings.filter((f) => f.rule === 'disk' && f.status === 'high');
      expect(findings.length === 0, actions.join('+') || 'none').toBe(quotaActionsMissing(85, actions, { high: 80 }).length === 0);
    }
  });

  it('critical at or above the critical threshold whatever was done (A9)', () => {
    expect(isCriticalReading(95, { critical: 95 })).toBe(true);
    expect(isCriticalReading(94.9, { critical: 95 })).toBe(false);
    expect(isCriticalReading(undefined, { critical: 95 })).toBe(false);
  });

  it('the daily kinds and the end of the working day match the rules', () => {
    expect([...DAILY_ENTRY_KINDS]).toEqual(['daily', 'intro', 'unreachable']);
    expect(WORKDAY_END).toBe(`${String(Math.floor(WORK_END_MINUTES / 60)).padStart(2, '0')}:${String(WORK_END_MINUTES % 60).padStart(2, '0')}`);
  });
});
