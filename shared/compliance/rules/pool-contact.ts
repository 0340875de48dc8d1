/**
 * P3 (R35, R4; A3), warning only: a pool card needs at least one real contact a week — a daily,
 * weekly, monthly or intro entry for a day in that week (late entries count, A26). A week whose
 * entries are only `unreachable` ones, or that has none, → `pool-contact warning`, period = the week.
 * Judged like the weekly rule's weeks (ended, inside the window and a cut history, with a required
 * day). The compliance badge and notifications ignore it.
 */
import { weekKey } from '../../dates.js';
import { text2 } from '../../i18n.js';
import type { Finding, WeekKey } from '../../types.js';
import type { CardContext, EntryRecord } from '../context.js';
import { judgedWeeks } from '../periods.js';
import { cardFinding, cardRule, findingsOnly, type RuleResult } from '../rule.js';

/** Entry kinds that record a real contact with the customer: not `unreachable`, not go-live/delay notes. */
const CONTACT_KINDS: ReadonlySet<string> = new Set(['daily', 'weekly', 'monthly', 'intro']);

/**
 * The ISO week an entry records contact in: the week of its for-date, or the week it names; an entry
 * written for a whole month (`#aylık 2026-10`, for-date = the 1st) names no day, so its posting day counts.
 */
function contactWeek(e: EntryRecord): WeekKey {
  if (e.entry.forMonth && !e.entry.forWeek) return weekKey(e.postedDay);
  return e.week;
}

export const poolContactRule = cardRule({
  id: 'pool-contact',
  periods: ['week'],
  evaluate(ctx: CardContext): RuleResult<'pool-contact'> {
    if (!ctx.profile.pool) return findingsOnly([]);
    const contacted = new Set<WeekKey>();
    for (const e of ctx.entries) if (e.entry.kinds.some((k) => CONTACT_KINDS.has(k))) contacted.add(contactWeek(e));
    const out: Array<Finding<'pool-contact'>> = [];
    for (const { key: week, dates, member } of judgedWeeks(ctx)) {
      if (contacted.has(week)) continue;
      const ids = dates.flatMap((d) => (ctx.byDate.get(d) ?? []).filter((e) => e.entry.kinds.includes('unreachable')).map((e) => e.comment.id));
      const key = ids.length ? 'finding.pool-contact.unreachable' : 'finding.pool-contact.none';
      out.push(cardFinding(ctx, 'pool-contact', 'warning', week, member, text2(key, { week }), 'warning', ids));
    }
    return findingsOnly(out);
  },
});
