/**
 * R41 (P4, A5): each month with 10+ required working days needs a monthly entry for it, on time until
 * the end of the next month's 3rd working day, late after; judged once that grace has passed.
 */
import { text2 } from '../../i18n.js';
import type { Finding } from '../../types.js';
import type { CardContext } from '../context.js';
import { judgedMonths } from '../periods.js';
import { cardFinding, cardRule, type PeriodOutcome, type RuleResult } from '../rule.js';

/** R41: a month is judged when it holds at least this many required working days. */
export const MONTHLY_MIN_REQUIRED_DAYS = 10;

export const monthlyRule = cardRule({
  id: 'monthly',
  periods: ['month'],
  evaluate(ctx: CardContext): RuleResult<'monthly'> {
    const findings: Array<Finding<'monthly'>> = [];
    const outcomes: PeriodOutcome[] = [];
    for (const { key: month, grace, member } of judgedMonths(ctx, MONTHLY_MIN_REQUIRED_DAYS)) {
      const monthly = (ctx.byMonth.get(month) ?? []).filter((e) => e.entry.kinds.includes('monthly'));
      const [first] = monthly;
      if (!first) {
        outcomes.push({ kind: 'monthly', period: month, memberId: member, outcome: 'missing' });
        findings.push(cardFinding(ctx, 'monthly', 'missing', month, member, text2('finding.monthly.missing', { month, deadline: grace }), 'warning'));
      } else if (monthly.some((e) => e.postedDay <= grace)) {
        outcomes.push({ kind: 'monthly', period: month, memberId: member, outcome: 'onTime' });
      } else {
        outcomes.push({ kind: 'monthly', period: month, memberId: member, outcome: 'late' });
        const detail = text2('finding.monthly.late', { month, deadline: grace, posted: first.comment.postedAt });
        findings.push(cardFinding(ctx, 'monthly', 'late', month, member, detail, 'info', [first.comment.id]));
      }
    }
    return { findings, outcomes };
  },
});
