/**
 * P3 (R35, R4; A3), warning only: a pool card needs at least one real contact a week — «telefon veya toplantı»:
 * an intro or monthly entry (a call, a meeting), or a daily or weekly entry whose text says it was a call or a
 * meeting (CONTACT_MARKER), for a day in that week (late entries count, A26). A week whose
 * entries are only `unreachable` ones, or that has none, → `pool-contact warning`, period = the week.
 * Judged like the weekly rule's weeks (ended, inside the window and a cut history, with a required
 * day). The compliance badge and notifications ignore it.
 */
import { weekKey } from '../../dates.js';
import { foldTurkish } from '../../entries/fold.js';
import { text2 } from '../../i18n.js';
import type { Finding, WeekKey } from '../../types.js';
import type { CardContext, EntryRecord } from '../context.js';
import { judgedWeeks } from '../periods.js';
import { cardFinding, cardRule, findingsOnly, type RuleResult } from '../rule.js';

/** Entry kinds that are a contact by themselves: the intro call, the monthly report and meeting. */
const CONTACT_KINDS: ReadonlySet<string> = new Set(['monthly', 'intro']);
/** Entry kinds that are a contact when their text says it was by phone or in a meeting. */
const MARKED_KINDS: ReadonlySet<string> = new Set(['daily', 'weekly']);
/**
 * «telefon veya toplantı» (handbook, weekly check): folded words for a call or a meeting — telefon, aradım/arandı/
 * aranıldı/görüşüldü (by phone), toplantı, görüntülü, meeting, call, and a training held («eğitim yapıldı»: the
 * daily training is a call or a meeting, R1).
 */
export const CONTACT_MARKER =
  /\b(egitim\w* yapil\w*|telefon\w*|arad\w*|arand\w*|aranild\w*|gorusul\w*|gorustu\w*|gorusme\w*|toplanti\w*|goruntulu|meeting|call\w*)\b/;

function isContact(e: EntryRecord): boolean {
  if (e.entry.kinds.some((k) => CONTACT_KINDS.has(k))) return true;
  return e.entry.kinds.some((k) => MARKED_KINDS.has(k)) && CONTACT_MARKER.test(foldTurkish(e.comment.text ?? ''));
}

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
    for (const e of ctx.entries) if (isContact(e)) contacted.add(contactWeek(e));
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
