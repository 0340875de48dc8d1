/**
 * R34/R36 (P2): each ISO week with a required working day needs a weekly entry for it; late when
 * posted after Sunday 23:59; incomplete when the week's entries carry no disk or no traffic reading
 * (R37). Judged once the week has ended; with a cut history only weeks wholly inside it. A live site's
 * approved frozen days keep the week due (A21: the quota reading is never skipped).
 */
import { addDays, weekKey } from '../../dates.js';
import { text2 } from '../../i18n.js';
import type { DateKey, EntryKind, Finding } from '../../types.js';
import { basisOn, type CardContext } from '../context.js';
import { judgedWeeks, periodWindow, weekSpan } from '../periods.js';
import { hasReading } from '../readings.js';
import { cardFinding, periodRule, type PeriodOutcome, type RulePeriod, type RuleResult } from '../rule.js';

const WEEKLY = new Set<EntryKind>(['weekly']);

export const weeklyRule = periodRule({
  id: 'weekly',
  periods: ['week'],
  evaluate(ctx: CardContext): RuleResult<'weekly'> {
    const findings: Array<Finding<'weekly'>> = [];
    const outcomes: PeriodOutcome[] = [];
    for (const { key: week, last: sunday, member } of judgedWeeks(ctx, true)) {
      const all = ctx.byWeek.get(week) ?? [];
      const weekly = all.filter((e) => e.entry.kinds.includes('weekly'));
      const [first] = weekly;
      if (!first) {
        outcomes.push({ kind: 'weekly', period: week, memberId: member, outcome: 'missing' });
        findings.push(cardFinding(ctx, 'weekly', 'missing', week, member, text2('finding.weekly.missing', { week }), 'warning'));
        continue;
      }
      if (weekly.some((e) => e.postedDay <= sunday)) outcomes.push({ kind: 'weekly', period: week, memberId: member, outcome: 'onTime' });
      else {
        outcomes.push({ kind: 'weekly', period: week, memberId: member, outcome: 'late' });
        const detail = text2('finding.weekly.late', { week, posted: first.comment.postedAt });
        findings.push(cardFinding(ctx, 'weekly', 'late', week, member, detail, 'info', [first.comment.id]));
      }
      const disk = all.some((e) => hasReading(e.entry.readings.disk));
      const traffic = all.some((e) => hasReading(e.entry.readings.traffic));
      if (!disk || !traffic) {
        const what = text2(!disk && !traffic ? 'resource.both' : !disk ? 'resource.disk' : 'resource.traffic');
        const detail = text2('finding.weekly.incomplete', { week, what });
        findings.push(
          cardFinding(
            ctx,
            'weekly',
            'incomplete',
            week,
            member,
            detail,
            'warning',
            weekly.map((e) => e.comment.id),
          ),
        );
      }
    }
    return { findings, outcomes };
  },
  /** Every ISO week touching [from, to] with a required day (A21: or a live site's approved frozen day) in the card's window. */
  periodsIn(ctx: CardContext, from: DateKey, to: DateKey): Array<RulePeriod<'weekly'>> {
    const out: Array<RulePeriod<'weekly'>> = [];
    const w = periodWindow(ctx, from);
    const judged = new Map(weeklyRule.evaluate(ctx).outcomes.map((o) => [o.period, o]));
    const weeks = new Set<string>();
    for (let d = w.start; d <= to; d = addDays(d, 1)) weeks.add(weekKey(d));
    for (const week of weeks) {
      const { dates: days, first, last: sunday } = weekSpan(week);
      if (first > ctx.today) continue;
      const base = { rule: 'weekly', period: week, start: first, lastOnTimeDay: sunday, kinds: WEEKLY } as const;
      const o = judged.get(week);
      const req = days.filter((d) => d >= w.windowStart && (ctx.weeklyRequired.has(d) || w.required(d)));
      const last = req[req.length - 1];
      if (o) {
        out.push({ ...base, memberId: o.memberId, outcome: o.outcome, basis: basisOn(ctx, last ?? sunday) });
        continue;
      }
      if (last === undefined) continue;
      out.push({
        ...base,
        memberId: w.responsible(last),
        outcome: 'not-judged',
        reason: sunday >= ctx.today ? 'due' : w.before(first),
        basis: basisOn(ctx, last),
      });
    }
    return out;
  },
});
