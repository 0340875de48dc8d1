/**
 * R31 (P1): each required working day needs a daily, intro or unreachable entry for it. On time when
 * posted that Istanbul day; later → `late` (A26, still counts); none once the day ended → `missing`.
 * Today is due, never missing. Blame: the responsible member that day (the cover during leave).
 */
import { addDays } from '../../dates.js';
import { text2 } from '../../i18n.js';
import { DAILY_ENTRY_KINDS } from '../../requirements.js';
import type { DateKey, EntryKind, Finding } from '../../types.js';
import { basisOn, type CardContext } from '../context.js';
import { periodWindow, requiredDays, responsibleOn } from '../periods.js';
import { cardFinding, periodRule, type PeriodOutcome, type RulePeriod, type RuleResult } from '../rule.js';

/** Entry kinds that satisfy a day's daily entry (R31). */
export const DAILY_KINDS: ReadonlySet<EntryKind> = new Set<EntryKind>(DAILY_ENTRY_KINDS);

export const dailyRule = periodRule({
  id: 'daily',
  periods: ['day'],
  evaluate(ctx: CardContext): RuleResult<'daily'> {
    const findings: Array<Finding<'daily'>> = [];
    const outcomes: PeriodOutcome[] = [];
    for (const day of requiredDays(ctx, false)) {
      const member = responsibleOn(ctx, day);
      const list = (ctx.byDate.get(day) ?? []).filter((e) => e.entry.kinds.some((k) => DAILY_KINDS.has(k)));
      const [first] = list;
      if (list.some((e) => e.postedDay <= day)) {
        outcomes.push({ kind: 'daily', period: day, memberId: member, outcome: 'onTime' });
      } else if (first) {
        outcomes.push({ kind: 'daily', period: day, memberId: member, outcome: 'late' });
        const detail = text2('finding.daily.late', { date: day, posted: first.comment.postedAt });
        findings.push(cardFinding(ctx, 'daily', 'late', day, member, detail, 'info', [first.comment.id]));
      } else {
        outcomes.push({ kind: 'daily', period: day, memberId: member, outcome: 'missing' });
        findings.push(cardFinding(ctx, 'daily', 'missing', day, member, text2('finding.daily.missing', { date: day }), 'warning'));
      }
    }
    return { findings, outcomes };
  },
  periodsIn(ctx: CardContext, from: DateKey, to: DateKey): Array<RulePeriod<'daily'>> {
    const out: Array<RulePeriod<'daily'>> = [];
    const w = periodWindow(ctx, from);
    const judged = new Map(dailyRule.evaluate(ctx).outcomes.map((o) => [o.period, o]));
    for (let d = w.start; d <= to && d <= ctx.today; d = addDays(d, 1)) {
      const o = judged.get(d);
      const base = { rule: 'daily', period: d, start: d, lastOnTimeDay: d, kinds: DAILY_KINDS } as const;
      if (o) out.push({ ...base, memberId: o.memberId, outcome: o.outcome, basis: basisOn(ctx, d) });
      else if (w.required(d)) {
        out.push({ ...base, memberId: w.responsible(d), outcome: 'not-judged', reason: d >= ctx.today ? 'due' : w.before(d), basis: basisOn(ctx, d) });
      }
    }
    return out;
  },
});
