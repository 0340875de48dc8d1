/**
 * R15, P20: training refused during a long process (integration, design, coding) must be reported to managers.
 * - `escalate`: 5+ consecutive required working days whose entries say training was refused or not held
 *   («eğitim istemedi», «eğitim yapılmadı») with no training escalation on record (`#bildirildi … eğitim istemiyor`)
 *   posted from the streak's first day on. Period = the streak's first day.
 * The recorded escalation also exempts the card from training-related findings until go-live (the integration
 * the handbook speaks of): `slot missing` and the onboarding slot item are not judged in that span
 * (`trainingRefusedSpan`; docs/rules.md "Escalations on record").
 */
import { escalationOf, trainingRefusedIn } from '../../escalations.js';
import { text2 } from '../../i18n.js';
import { dateKey } from '../../dates.js';
import { parseEntry } from '../../entries.js';
import type { CommentRecord, DateKey, Finding } from '../../types.js';
import type { CardContext, EntryRecord } from '../context.js';
import { requiredDays, responsibleOn } from '../periods.js';
import { cardFinding, cardRule, findingsOnly, type RuleResult } from '../rule.js';
import { goLiveState } from './golive.js';
import { SPAN_TAGS } from '../across-text.js';

/** P20: this many refused-training working days in a row must be reported. */
export const TRAINING_REFUSED_DAYS = 5;

function isTrainingEscalation(e: EntryRecord): boolean {
  return escalationOf(e.entry.kinds, e.comment.text ?? '')?.topic === 'training';
}

/**
 * The span a recorded «customer does not want training» escalation exempts (P20): from the day of the first such
 * `#bildirildi` entry until the card went live (exclusive), or open (`to` undefined). Null without one.
 */
export function trainingRefusedSpan(ctx: Pick<CardContext, 'entries' | 'profile' | 'today'>): { from: DateKey; to?: DateKey } | null {
  const first = ctx.entries.find(isTrainingEscalation);
  if (!first) return null;
  const live = goLiveState(ctx.profile, ctx.entries, ctx.today);
  if (live.liveAt !== undefined && live.liveAt <= first.postedDay) return null; // after go-live: no integration to exempt
  return live.liveAt !== undefined ? { from: first.postedDay, to: live.liveAt } : { from: first.postedDay };
}

export { acrossReadsText } from '../across-text.js';

/**
 * `trainingExempt` for a rule across cards, which sees a card's comments but not its prepared entries
 * (LightCard): the same span, read from the comments (deleted ones do not count).
 */
export function trainingExemptLight(card: { comments: readonly CommentRecord[]; profile: CardContext['profile'] }, day: DateKey): boolean {
  let from: DateKey | undefined;
  let liveAt = card.profile.liveAt;
  for (const c of card.comments) {
    if (c.deletedAt || !SPAN_TAGS.test(c.text)) continue;
    const entry = parseEntry(c.text, c.postedAt);
    if (!entry) continue;
    if (liveAt === undefined && entry.kinds.includes('golive')) liveAt = entry.forDate;
    const posted = dateKey(c.postedAt);
    if (escalationOf(entry.kinds, c.text)?.topic === 'training' && (from === undefined || posted < from)) from = posted;
  }
  if (from === undefined || (liveAt !== undefined && liveAt <= from)) return false;
  return day >= from && (liveAt === undefined || day < liveAt);
}

/** Whether `day` lies in the exempt span. */
export function trainingExempt(ctx: Pick<CardContext, 'entries' | 'profile' | 'today'>, day: DateKey): boolean {
  const span = trainingRefusedSpan(ctx);
  return span !== null && day >= span.from && (span.to === undefined || day < span.to);
}

export const trainingRule = cardRule({
  id: 'training',
  periods: ['day'],
  evaluate(ctx: CardContext): RuleResult<'training'> {
    const out: Array<Finding<'training'>> = [];
    let streak: DateKey[] = [];
    const flush = (): void => {
      const [first] = streak;
      if (first !== undefined && streak.length >= TRAINING_REFUSED_DAYS) {
        const escalated = ctx.entries.some((e) => e.postedDay >= first && isTrainingEscalation(e));
        if (!escalated) {
          const ids = streak.flatMap((d) => (ctx.byDate.get(d) ?? []).filter((e) => trainingRefusedIn(e.comment.text)).map((e) => e.comment.id));
          const detail = text2('finding.training.escalate', { date: first, days: streak.length });
          out.push(cardFinding(ctx, 'training', 'escalate', first, responsibleOn(ctx, first), detail, 'warning', ids));
        }
      }
      streak = [];
    };
    for (const day of requiredDays(ctx, true)) {
      const refused = (ctx.byDate.get(day) ?? []).some((e) => !e.entry.kinds.includes('escalation') && trainingRefusedIn(e.comment.text));
      if (refused) streak.push(day);
      else if (day !== ctx.today) flush();
    }
    flush();
    return findingsOnly(out);
  },
});
