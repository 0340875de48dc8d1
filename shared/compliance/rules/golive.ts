/**
 * Go-live (R26–R28, P7; A6, A7). The deadline comes from the profile alone, with no calendar or
 * holiday data, so the Power-Up's badges compute it too: this file must bundle without date-holidays
 * (it imports only types from the calendar side).
 * - `golive`: `due-soon` with ≤ 14 days left, `overdue` after the deadline day (R27).
 * - `golive-reason`: overdue with no delay entry posted since the deadline → `missing` (R28); not
 *   judged when the deadline lies before a cut history.
 *
 * @example
 *   goLiveDeadline({ assignedAt: '2026-08-03', integration: false, design: false }) // '2026-10-02'
 */
import { addDays, daysBetween } from '../../dates.js';
import { text2 } from '../../i18n.js';
import type { Profile } from '../../profile.js';
import type { DateKey } from '../../types.js';
import type { CardContext, EntryRecord } from '../context.js';
import { cardFinding, cardRule, findingsOnly, type RuleResult } from '../rule.js';

/** R27/A7: 90 days with integration or design, else 60 (the 30-day target is only shown). */
export function goLiveLimitDays(profile: Pick<Profile, 'integration' | 'design'>): number {
  return profile.integration || profile.design ? 90 : 60;
}

/** R27/A6: assignedAt + limit days, where the card's frozen days do not count (the clock pauses). */
export function goLiveDeadline(profile: Pick<Profile, 'assignedAt' | 'integration' | 'design' | 'frozen'>): DateKey {
  const frozen = profile.frozen ?? [];
  if (!frozen.length) return addDays(profile.assignedAt, goLiveLimitDays(profile));
  let day = profile.assignedAt;
  let left = goLiveLimitDays(profile);
  // Day by day: ~90 steps plus frozen days, and frozen ranges may overlap.
  for (let guard = 0; left > 0 && guard < 5000; guard++) {
    day = addDays(day, 1);
    if (!frozen.some((r) => r.from <= day && day <= r.to)) left--;
  }
  return day;
}

/**
 * R57: the deadline moved by a fixed-term customer's extra service days (leave days without a cover), each
 * counting only while it falls on or before the deadline reached so far (a leave after an overdue deadline
 * moves nothing).
 */
export function withExtraDays(deadline: DateKey, extraDays: readonly DateKey[]): DateKey {
  let out = deadline;
  for (const d of [...extraDays].sort()) if (d <= out) out = addDays(out, 1);
  return out;
}

export interface GoLiveState {
  deadline: DateKey | null;
  daysLeft: number | null;
  live: boolean;
  liveAt?: DateKey;
}

/**
 * Go-live status of a card: live once `liveAt` is set or a golive entry exists (R26–R28). `extraDays`: a
 * fixed-term customer's leave days without a cover, added to the deadline (R57).
 */
export function goLiveState(profile: Profile, entries: readonly EntryRecord[], today: DateKey, extraDays: readonly DateKey[] = []): GoLiveState {
  const liveEntry = entries.find((e) => e.entry.kinds.includes('golive'));
  const liveAt = profile.liveAt ?? liveEntry?.entry.forDate;
  const deadline = withExtraDays(goLiveDeadline(profile), extraDays);
  if (liveAt) return { deadline, daysLeft: null, live: true, liveAt };
  return { deadline, daysLeft: daysBetween(today, deadline), live: false };
}

/** R27: a due-soon finding this many days (or fewer) before the deadline. */
export const GOLIVE_DUE_SOON_DAYS = 14;

/** The card's go-live deadline and days left when it is not live yet. */
function pending(ctx: CardContext): { deadline: DateKey; daysLeft: number; member: string } | undefined {
  const state = goLiveState(ctx.profile, ctx.entries, ctx.today, ctx.extraDays);
  if (state.live || state.deadline === null || state.daysLeft === null) return undefined;
  // Not periods.ts's responsibleOn: that module reaches the calendar, which this file must not bundle.
  return { deadline: state.deadline, daysLeft: state.daysLeft, member: ctx.cal.responsible(ctx.calInput, ctx.today) ?? ctx.specialist };
}

export const goLiveRule = cardRule({
  id: 'golive',
  periods: ['day'],
  evaluate(ctx: CardContext): RuleResult<'golive'> {
    const p = pending(ctx);
    if (!p) return findingsOnly([]);
    const { deadline, daysLeft, member } = p;
    if (daysLeft > GOLIVE_DUE_SOON_DAYS) return findingsOnly([]);
    if (daysLeft >= 0) {
      return findingsOnly([cardFinding(ctx, 'golive', 'due-soon', deadline, member, text2('finding.golive.due-soon', { days: daysLeft, deadline }), 'info')]);
    }
    return findingsOnly([cardFinding(ctx, 'golive', 'overdue', deadline, member, text2('finding.golive.overdue', { days: -daysLeft, deadline }), 'critical')]);
  },
});

export const goLiveReasonRule = cardRule({
  id: 'golive-reason',
  periods: ['day'],
  evaluate(ctx: CardContext): RuleResult<'golive-reason'> {
    const p = pending(ctx);
    if (!p || p.daysLeft >= 0) return findingsOnly([]);
    const { deadline, member } = p;
    const reason = ctx.entries.some((e) => e.entry.kinds.includes('delay') && e.postedDay >= deadline);
    if (reason || (ctx.historyDay && deadline < ctx.historyDay)) return findingsOnly([]);
    return findingsOnly([cardFinding(ctx, 'golive-reason', 'missing', deadline, member, text2('finding.golive-reason.missing', { deadline }), 'critical')]);
  },
});
