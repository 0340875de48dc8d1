/**
 * R41 (P4, A5): each month with 10+ required working days needs a monthly entry for it, on time until
 * the end of the next month's 3rd working day, late after; judged once that grace has passed.
 */
import { addDays, dayEnd, monthKey } from '../../dates.js';
import { text2 } from '../../i18n.js';
import type { DateKey, EntryKind, Finding } from '../../types.js';
import { basisOn, graceDay, type CardContext } from '../context.js';
import { judgedMonths, monthSpan, periodWindow } from '../periods.js';
import { cardFinding, periodRule, type PeriodOutcome, type RulePeriod, type RuleResult } from '../rule.js';

const MONTHLY = new Set<EntryKind>(['monthly']);

/** R41: a month is judged when it holds at least this many required working days. */
export const MONTHLY_MIN_REQUIRED_DAYS = 10;

export const monthlyRule = periodRule({
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
  /** Every month touching [from, to] with MONTHLY_MIN_REQUIRED_DAYS required days in the card's window; due until its grace has passed. */
  periodsIn(ctx: CardContext, from: DateKey, to: DateKey): Array<RulePeriod<'monthly'>> {
    const out: Array<RulePeriod<'monthly'>> = [];
    const w = periodWindow(ctx, from);
    const judged = new Map(monthlyRule.evaluate(ctx).outcomes.map((o) => [o.period, o]));
    const months = new Set<string>();
    for (let d = w.start; d <= to; d = addDays(d, 1)) months.add(monthKey(d));
    for (const month of months) {
      const { dates: days, first } = monthSpan(month);
      if (first > ctx.today) continue;
      const grace = graceDay(ctx.cal, month);
      const base = { rule: 'monthly', period: month, start: first, lastOnTimeDay: grace, kinds: MONTHLY } as const;
      const o = judged.get(month);
      const req = days.filter((d) => d >= w.windowStart && w.required(d));
      const last = req[req.length - 1];
      if (o) {
        out.push({ ...base, memberId: o.memberId, outcome: o.outcome, basis: basisOn(ctx, last ?? first) });
        continue;
      }
      if (req.length < MONTHLY_MIN_REQUIRED_DAYS || last === undefined) continue;
      const reason = ctx.now.getTime() < dayEnd(grace).getTime() ? 'due' : w.before(first);
      out.push({ ...base, memberId: w.responsible(last), outcome: 'not-judged', reason, basis: basisOn(ctx, last) });
    }
    return out;
  },
});
