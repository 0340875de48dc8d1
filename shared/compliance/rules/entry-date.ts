/**
 * A26 (R62): an entry whose written date moves it more than 7 days from its posting day, or to a day
 * before the card's assignment, still counts where it says (docs/grammar.md); the team lead sees an
 * `evidence warning` so a reviewer checks the date. Warning only: never counted, never notified.
 * Blame: the author. Deleted entries are reported as deleted instead.
 */
import { entryLastDay, MAX_REDATE_DAYS, redatedDays } from '../../entries.js';
import { formatPeriodWords, text2 } from '../../i18n.js';
import type { Finding } from '../../types.js';
import type { CardContext } from '../context.js';
import { cardFinding } from '../rule.js';

export function judgeEntryDates(ctx: CardContext): Array<Finding<'evidence'>> {
  const out: Array<Finding<'evidence'>> = [];
  const assigned = ctx.profile.assignedAt;
  const nowMs = ctx.now.getTime();
  for (const { comment, entry, postedDay } of ctx.entries) {
    if (postedDay < ctx.judgeFrom || (comment.deletedAt && Date.parse(comment.deletedAt) <= nowMs)) continue;
    const far = redatedDays(entry, postedDay);
    // The whole period before the assignment: a monthly for the month the card was assigned in is fine.
    const beforeAssignment = entryLastDay(entry) < assigned;
    if (!beforeAssignment && Math.abs(far) <= MAX_REDATE_DAYS) continue;
    const p = entry.forWeek ?? entry.forMonth ?? entry.forDate;
    const period = { tr: formatPeriodWords(p, 'tr'), en: formatPeriodWords(p, 'en') };
    const detail = beforeAssignment
      ? text2('finding.evidence.before-assignment', { period, posted: comment.postedAt, assigned })
      : text2('finding.evidence.redated', { period, posted: comment.postedAt, days: Math.abs(far) });
    out.push(cardFinding(ctx, 'evidence', 'warning', entry.forDate, comment.authorId || null, detail, 'warning', [comment.id]));
  }
  return out;
}
