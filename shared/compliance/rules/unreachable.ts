/**
 * R11 (P11, A8): 3+ consecutive required working days whose only entries are unreachable ones (each
 * entry of the day carries the unreachable tag) → `escalate`, period = the streak's first day. A
 * required day without entries, or with any other entry, ends a streak; days off are skipped.
 * An escalation on record (`#bildirildi` to a manager, team lead or key-account manager about the unreachable
 * customer, or with no topic) posted from the streak's first day on closes it (P11: "no escalation entry"), and an
 * escalation-only entry neither breaks nor extends a streak (it is no contact with the customer).
 */
import { text2 } from '../../i18n.js';
import type { DateKey, Finding } from '../../types.js';
import { escalationOf } from '../../escalations.js';
import type { CardContext, EntryRecord } from '../context.js';
import { requiredDays, responsibleOn } from '../periods.js';
import { cardFinding, cardRule, findingsOnly, type RuleResult } from '../rule.js';

/** A8: this many unreachable working days in a row escalate to a manager. */
export const UNREACHABLE_STREAK_DAYS = 3;

function isUnreachableEscalation(e: EntryRecord): boolean {
  const esc = escalationOf(e.entry.kinds, e.comment.text ?? '');
  return esc !== null && (esc.topic === null || esc.topic === 'unreachable');
}

export const unreachableRule = cardRule({
  id: 'unreachable',
  periods: ['day'],
  evaluate(ctx: CardContext): RuleResult<'unreachable'> {
    const out: Array<Finding<'unreachable'>> = [];
    let streak: DateKey[] = [];
    const flush = (): void => {
      const [first] = streak;
      if (first !== undefined && streak.length >= UNREACHABLE_STREAK_DAYS) {
        const escalated = ctx.entries.some((e) => e.postedDay >= first && isUnreachableEscalation(e));
        if (escalated) {
          streak = [];
          return;
        }
        const ids = streak.flatMap((d) => (ctx.byDate.get(d) ?? []).map((e) => e.comment.id));
        const detail = text2('finding.unreachable.escalate', { date: first, days: streak.length });
        out.push(cardFinding(ctx, 'unreachable', 'escalate', first, responsibleOn(ctx, first), detail, 'critical', ids));
      }
      streak = [];
    };
    // Today counts once it has an unreachable entry: escalation should not wait for midnight.
    for (const day of requiredDays(ctx, true)) {
      const list = (ctx.byDate.get(day) ?? []).filter((e) => !(e.entry.kinds.length === 1 && e.entry.kinds[0] === 'escalation'));
      const onlyUnreachable = list.length > 0 && list.every((e) => e.entry.kinds.includes('unreachable'));
      if (onlyUnreachable) streak.push(day);
      else if (day !== ctx.today) flush();
    }
    flush();
    return findingsOnly(out);
  },
});
