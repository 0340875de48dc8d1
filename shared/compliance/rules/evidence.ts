/**
 * R62 (A26): an entry edited after its period ended (`editedAt` later than the period end) →
 * `edited`; a deleted entry → `deleted`. An edit that removed the tags is still caught through the
 * original text when known. Blame: the author (only the author can edit a comment).
 */
import { dateKey, dayEnd, monthKey, weekKey } from '../../dates.js';
import { parseEntry } from '../../entries.js';
import { text2 } from '../../i18n.js';
import type { CommentRecord, Finding, MonthKey, ParsedEntry } from '../../types.js';
import { graceDay, type CardContext } from '../context.js';
import { monthSpan, weekSpan } from '../periods.js';
import { cardFinding, cardRule, findingsOnly, type RuleResult } from '../rule.js';
import { judgeEntryDates } from './entry-date.js';

const DAY_KINDS: ReadonlySet<string> = new Set(['daily', 'intro', 'unreachable', 'golive', 'delay']);

/** End (exclusive instant) of the period an entry is for: its day, or its week/month for weekly/monthly-only entries. */
export function entryPeriodEnd(entry: ParsedEntry, month?: MonthKey): Date {
  if (entry.kinds.some((k) => DAY_KINDS.has(k)) || entry.kinds.length === 0) return dayEnd(entry.forDate);
  if (entry.kinds.includes('weekly')) return dayEnd(weekSpan(entry.forWeek ?? weekKey(entry.forDate)).last);
  return dayEnd(monthSpan(month ?? entry.forMonth ?? monthKey(entry.forDate)).last);
}

/** When an edit starts to count as "after the period": its period's end; for a monthly-only entry the end of its grace (A5). */
function evidenceDeadline(ctx: CardContext, entry: ParsedEntry, month: MonthKey | undefined): number {
  const onlyMonthly = entry.kinds.length > 0 && entry.kinds.every((k) => k === 'monthly');
  if (onlyMonthly) return dayEnd(graceDay(ctx.cal, month ?? entry.forMonth ?? monthKey(entry.forDate))).getTime();
  return entryPeriodEnd(entry, month).getTime();
}

/** Judges the given comments of the card (the card's own by default). */
function judgeEvidence(ctx: CardContext, comments: readonly CommentRecord[] = ctx.comments): Array<Finding<'evidence'>> {
  const out: Array<Finding<'evidence'>> = [];
  const parsed = new Map(ctx.entries.map((e) => [e.comment.id, e]));
  const nowMs = ctx.now.getTime();
  for (const c of comments) {
    // An audit of the past ignores edits and deletions that had not happened yet.
    const deletedAt = c.deletedAt && Date.parse(c.deletedAt) <= nowMs ? c.deletedAt : undefined;
    const editedAt = c.editedAt && Date.parse(c.editedAt) <= nowMs ? c.editedAt : undefined;
    if (!editedAt && !deletedAt) continue;
    const rec = parsed.get(c.id);
    const entry = rec?.entry ?? (c.originalText ? parseEntry(c.originalText, c.postedAt) : null);
    if (!entry) continue;
    const period = entry.forDate;
    const author = c.authorId || null;
    if (deletedAt) {
      // A deletion only noticed by a full pass has no Trello time: say so (docs/trello.md §13).
      const text = c.deletionNoticedAt
        ? text2('finding.evidence.deleted-noticed', { date: period, noticed: deletedAt, seen: c.lastSeenAt ?? '—' })
        : text2('finding.evidence.deleted', { date: period, deleted: deletedAt });
      out.push(cardFinding(ctx, 'evidence', 'deleted', period, author, text, 'warning', [c.id]));
    } else if (editedAt && Date.parse(editedAt) >= evidenceDeadline(ctx, entry, rec?.month)) {
      out.push(cardFinding(ctx, 'evidence', 'edited', period, author, text2('finding.evidence.edited', { date: period, edited: editedAt }), 'warning', [c.id]));
    }
  }
  for (const c of ctx.deletedUnknown) {
    const at = c.deletedAt;
    if (Date.parse(at) > nowMs) continue;
    out.push(
      cardFinding(ctx, 'evidence', 'deleted', dateKey(at), c.authorId || null, text2('finding.evidence.deleted-unknown', { deleted: at }), 'info', [c.id]),
    );
  }
  return out;
}

export const evidenceRule = cardRule({
  id: 'evidence',
  periods: ['day'],
  evaluate: (ctx: CardContext): RuleResult<'evidence'> => findingsOnly([...judgeEvidence(ctx), ...judgeEntryDates(ctx)]),
});
