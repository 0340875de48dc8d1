/**
 * P10 (R39, A11), warning only: a disk or traffic reading that grew by ≥ 10 percentage points of the
 * total since the previous weekly reading of the same resource → `growth warning`, period = the week
 * of the new reading. Each week's reading is its newest; the previous one is the newest reading of the
 * nearest earlier week that has a percentage (typed, or used/total with the profile's total).
 * Unlimited traffic (A10) has no percentage and restarts the comparison. Weeks wholly before the
 * judged window, or after today, are not reported. The compliance badge and notifications ignore it.
 */
import { text2 } from '../../i18n.js';
import type { Finding, WeekKey } from '../../types.js';
import type { CardContext } from '../context.js';
import { responsibleOn, weekSpan } from '../periods.js';
import { profileTotal, readingPercent, resourceName, weeklyReadings, type Resource } from '../readings.js';
import { asRisk, cardFinding, cardRule, findingsOnly, type RuleResult } from '../rule.js';

/** A11: growth of at least this many percentage points of the total between consecutive weekly readings. */
export const GROWTH_POINTS = 10;

/** P10 for one resource. */
function judgeGrowth(ctx: CardContext, res: Resource): Array<Finding<'growth'>> {
  const out: Array<Finding<'growth'>> = [];
  let prev: { week: WeekKey; percent: number; id: string } | undefined;
  for (const { week, record, reading } of weeklyReadings(ctx.entries, res)) {
    if (reading.unlimited) {
      prev = undefined;
      continue;
    }
    const raw = readingPercent(reading, profileTotal(ctx.profile, res));
    if (raw === undefined) continue;
    const percent = Math.round(raw * 10) / 10;
    const { first, last } = weekSpan(week);
    if (prev && last >= ctx.judgeFrom && first <= ctx.today) {
      const tenths = Math.round((percent - prev.percent) * 10);
      if (tenths >= GROWTH_POINTS * 10) {
        const vars = { resource: resourceName(res), week, prevWeek: prev.week, from: prev.percent, to: percent, points: tenths / 10 };
        const member = responsibleOn(ctx, record.entry.forDate);
        // The site's usage, not a duty missed: a risk (docs/rules.md "Compliance and risk").
        out.push(asRisk(cardFinding(ctx, 'growth', 'warning', week, member, text2('finding.growth.warning', vars), 'warning', [prev.id, record.comment.id])));
      }
    }
    prev = { week, percent, id: record.comment.id };
  }
  return out;
}

export const growthRule = cardRule({
  id: 'growth',
  periods: ['week'],
  evaluate: (ctx: CardContext): RuleResult<'growth'> => findingsOnly([...judgeGrowth(ctx, 'disk'), ...judgeGrowth(ctx, 'traffic')]),
});
