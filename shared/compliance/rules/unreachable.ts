/**
 * R11 (P11, A8): 3+ consecutive required working days whose only entries are unreachable ones (each
 * entry of the day carries the unreachable tag) → `escalate`, period = the streak's first day. A
 * required day without entries, or with any other entry, ends a streak; days off are skipped.
 */
import { text2 } from '../../i18n.js';
import type { DateKey, Finding } from '../../types.js';
import type { CardContext } from '../context.js';
import { requiredDays, responsibleOn } from '../periods.js';
import { cardFinding, cardRule, findingsOnly, type RuleResult } from '../rule.js';

/** A8: this many unreachable working days in a row escalate to a manager. */
export const UNREACHABLE_STREAK_DAYS = 3;

export const unreachableRule = cardRule({
  id: 'unreachable',
  periods: ['day'],
  evaluate(ctx: CardContext): RuleResult<'unreachable'> {
    const out: Array<Finding<'unreachable'>> = [];
    let streak: DateKey[] = [];
    const flush = (): void => {
      const [first] = streak;
      if (first !== undefined && streak.length >= UNREACHABLE_STREAK_DAYS) {
        const ids = streak.flatMap((d) => (ctx.byDate.get(d) ?? []).map((e) => e.comment.id));
        const detail = text2('finding.unreachable.escalate', { date: first, days: streak.length });
        out.push(cardFinding(ctx, 'unreachable', 'escalate', first, responsibleOn(ctx, first), detail, 'critical', ids));
      }
      streak = [];
    };
    // Today counts once it has an unreachable entry: escalation should not wait for midnight.
    for (const day of requiredDays(ctx, true)) {
      const list = ctx.byDate.get(day) ?? [];
      const onlyUnreachable = list.length > 0 && list.every((e) => e.entry.kinds.includes('unreachable'));
      if (onlyUnreachable) streak.push(day);
      else if (day !== ctx.today) flush();
    }
    flush();
    return findingsOnly(out);
  },
});
