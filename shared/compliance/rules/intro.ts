/**
 * R18 (P5, A14): an intro entry posted on the assignment day or by the end of the specialist's next
 * working day. Judged only when the assignment day lies in the judged window.
 */
import { dayEnd } from '../../dates.js';
import { text2 } from '../../i18n.js';
import type { DateKey } from '../../types.js';
import type { CardContext } from '../context.js';
import { cardFinding, cardRule, findingsOnly, type RuleResult } from '../rule.js';

export const introRule = cardRule({
  id: 'intro',
  periods: ['day'],
  evaluate(ctx: CardContext): RuleResult<'intro'> {
    const assigned = ctx.profile.assignedAt;
    if (assigned < ctx.judgeFrom) return findingsOnly([]);
    let deadline: DateKey;
    try {
      deadline = ctx.cal.nextWorkingDay(ctx.specialist, assigned);
    } catch {
      return findingsOnly([]);
    }
    if (ctx.now.getTime() < dayEnd(deadline).getTime()) return findingsOnly([]);
    const intros = ctx.entries.filter((e) => e.entry.kinds.includes('intro'));
    if (intros.some((e) => e.postedDay <= deadline)) return findingsOnly([]);
    const [first] = intros;
    if (first) {
      const detail = text2('finding.intro.late', { date: assigned, deadline, posted: first.comment.postedAt });
      return findingsOnly([cardFinding(ctx, 'intro', 'late', assigned, ctx.specialist, detail, 'warning', [first.comment.id])]);
    }
    const detail = text2('finding.intro.missing', { date: assigned, deadline });
    return findingsOnly([cardFinding(ctx, 'intro', 'missing', assigned, ctx.specialist, detail, 'warning')]);
  },
});
