// judged-periods.ts keeps no list of its own: the periods come from each registry rule's periodsIn, and a period a
// rule judges there is exactly one of that rule's own outcomes (R62: a report never disagrees with the findings).
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../shared/compliance.js';
import { prepareBoard } from '../../../shared/compliance/context.js';
import { JUDGED_RULES, judgedPeriods } from '../../../shared/compliance/judged-periods.js';
import { board, dailies, ist } from '../../fixtures/snapshot-builder.js';

const NOW = new Date(ist('2026-11-25 12:00'));
// Assigned Monday 2 November; dailies for the first week only; the report range starts before the assignment.
const snapshot = board([{ profile: { assignedAt: '2026-11-02', trainingSlot: '10:00' }, comments: dailies('2026-11-02', '2026-11-06') }]);

describe('judgedPeriods', () => {
  it('asks every registry rule that lists periods, in registry order', () => {
    const listing = RULES.filter((r) => r.scope === 'card' && 'periodsIn' in r).map((r) => r.id);
    expect(JUDGED_RULES).toEqual(listing);
    expect(JUDGED_RULES).toEqual(['intro', 'daily', 'weekly', 'monthly']);
  });

  it('a judged period is exactly one of the rule’s own outcomes; the rest are not judged, with a reason', () => {
    const [ctx] = prepareBoard(snapshot, NOW).cards;
    if (!ctx) throw new Error('no card');
    const periods = judgedPeriods(ctx, '2026-10-26', '2026-11-30');
    for (const rule of RULES) {
      if (rule.scope !== 'card' || !JUDGED_RULES.some((id) => id === rule.id) || rule.id === 'intro') continue;
      const own = rule.evaluate(ctx).outcomes.map((o) => [o.period, o.memberId, o.outcome]);
      const judged = periods.filter((p) => p.rule === rule.id && p.outcome !== 'not-judged').map((p) => [p.period, p.memberId, p.outcome]);
      expect(judged).toEqual(own);
    }
    const daily = periods.filter((p) => p.rule === 'daily');
    expect(daily.find((p) => p.period === '2026-11-03')?.outcome).toBe('onTime');
    expect(daily.find((p) => p.period === '2026-11-10')?.outcome).toBe('missing');
    // Today is due; the days before the assignment are no duty at all (not listed).
    expect(daily.find((p) => p.period === '2026-11-25')).toMatchObject({ outcome: 'not-judged', reason: 'due' });
    expect(daily.some((p) => p.period < '2026-11-02')).toBe(false);
    // The current week and month are due, not missing.
    expect(periods.find((p) => p.rule === 'weekly' && p.period === '2026-W48')).toMatchObject({ outcome: 'not-judged', reason: 'due' });
    expect(periods.find((p) => p.rule === 'monthly' && p.period === '2026-11')).toMatchObject({ outcome: 'not-judged', reason: 'due' });
    expect(periods.filter((p) => p.rule === 'intro').map((p) => [p.period, p.outcome])).toEqual([['2026-11-02', 'missing']]);
  });
});
