/**
 * The judged periods of one card in a date range (R18 intro, R31 daily, R34/R36 weekly, R41 monthly), each with
 * its outcome from the rules themselves, or why it is not judged. The evidence report and the dashboard ask this
 * instead of re-deciding which periods count, so a report can never disagree with the findings (R62).
 *
 * @example judgedPeriods(prepareBoard(snapshot, now).cards[0], '2026-11-01', '2026-11-30')
 */
import { addDays, dayEnd, monthDates, monthKey, weekDates, weekKey } from '../calendar.js';
import { DAILY_KINDS, graceDay, ruleDaily, ruleIntro, ruleMonthly, ruleWeekly, type CardContext } from '../compliance.js';
import type { DateKey, EntryKind } from '../types.js';

export type JudgedRule = 'intro' | 'daily' | 'weekly' | 'monthly';
export const JUDGED_RULES: readonly JudgedRule[] = ['intro', 'daily', 'weekly', 'monthly'];

/**
 * Why a period is not judged: `due` — it (or its grace) has not ended; `before-tracking` — before the card's
 * assignment or the board's tracking start; `history-cut` — before the first day of a cut Trello history.
 */
export type NotJudgedReason = 'due' | 'before-tracking' | 'history-cut';

export interface JudgedPeriod {
  rule: JudgedRule;
  /** `YYYY-MM-DD`, `YYYY-Www` or `YYYY-MM`. */
  period: string;
  /** Responsible member (the cover during leave). */
  memberId: string;
  outcome: 'onTime' | 'late' | 'missing' | 'not-judged';
  reason?: NotJudgedReason;
  /** First day of the period. */
  start: DateKey;
  /** Last day an entry counts as on time (the day itself, Sunday, the 3rd working day of the next month…). */
  lastOnTimeDay: DateKey;
  /** Entry kinds that satisfy the period. */
  kinds: ReadonlySet<EntryKind>;
}

const INTRO = new Set<EntryKind>(['intro']);
const WEEKLY = new Set<EntryKind>(['weekly']);
const MONTHLY = new Set<EntryKind>(['monthly']);

/** Every period of `ctx`'s card in [from, to] that the handbook requires, oldest first per rule. */
export function judgedPeriods(ctx: CardContext, from: DateKey, to: DateKey): JudgedPeriod[] {
  const { profile, cal, calInput, today, now } = ctx;
  const out: JudgedPeriod[] = [];
  const before = (d: DateKey): NotJudgedReason => (ctx.historyDay && d < ctx.historyDay ? 'history-cut' : 'before-tracking');
  const start = from > profile.assignedAt ? from : profile.assignedAt;

  // R18: the assignment day, on time until the end of the specialist's next working day.
  if (profile.assignedAt >= from && profile.assignedAt <= to) {
    let deadline: DateKey | undefined;
    try {
      deadline = cal.nextWorkingDay(ctx.specialist, profile.assignedAt);
    } catch {
      deadline = undefined;
    }
    if (deadline) {
      const f = ruleIntro(ctx)[0];
      const base = { rule: 'intro', period: profile.assignedAt, memberId: ctx.specialist, start: profile.assignedAt, lastOnTimeDay: deadline, kinds: INTRO } as const;
      if (profile.assignedAt < ctx.judgeFrom) out.push({ ...base, outcome: 'not-judged', reason: before(profile.assignedAt) });
      else if (now.getTime() < dayEnd(deadline).getTime()) out.push({ ...base, outcome: 'not-judged', reason: 'due' });
      else out.push({ ...base, outcome: f?.status === 'missing' ? 'missing' : f?.status === 'late' ? 'late' : 'onTime' });
    }
  }

  // R31/P1 daily.
  const daily = new Map(ruleDaily(ctx).outcomes.map((o) => [o.period, o]));
  for (let d = start; d <= to && d <= today; d = addDays(d, 1)) {
    const o = daily.get(d);
    const base = { rule: 'daily', period: d, start: d, lastOnTimeDay: d, kinds: DAILY_KINDS } as const;
    if (o) out.push({ ...base, memberId: o.memberId, outcome: o.outcome });
    else if (cal.isRequiredDay(calInput, d)) {
      out.push({ ...base, memberId: cal.responsible(calInput, d) ?? ctx.specialist, outcome: 'not-judged', reason: d >= today ? 'due' : before(d) });
    }
  }

  // R34/R36/P2 weekly: every ISO week touching the range.
  const weekly = new Map(ruleWeekly(ctx).outcomes.map((o) => [o.period, o]));
  const weeks = new Set<string>();
  for (let d = start; d <= to; d = addDays(d, 1)) weeks.add(weekKey(d));
  for (const w of weeks) {
    const days = weekDates(w);
    if (days[0]! > today) continue;
    const base = { rule: 'weekly', period: w, start: days[0]!, lastOnTimeDay: days[6]!, kinds: WEEKLY } as const;
    const o = weekly.get(w);
    if (o) {
      out.push({ ...base, memberId: o.memberId, outcome: o.outcome });
      continue;
    }
    const required = days.filter((d) => d >= profile.assignedAt && cal.isRequiredDay(calInput, d));
    if (!required.length) continue;
    const memberId = cal.responsible(calInput, required[required.length - 1]!) ?? ctx.specialist;
    out.push({ ...base, memberId, outcome: 'not-judged', reason: days[6]! >= today ? 'due' : before(days[0]!) });
  }

  // R41/P4 monthly: on time until the 3rd working day of the next month; months with 10+ required days.
  const monthly = new Map(ruleMonthly(ctx).outcomes.map((o) => [o.period, o]));
  const months = new Set<string>();
  for (let d = start; d <= to; d = addDays(d, 1)) months.add(monthKey(d));
  for (const mo of months) {
    const days = monthDates(mo);
    if (days[0]! > today) continue;
    const grace = graceDay(cal, mo);
    const base = { rule: 'monthly', period: mo, start: days[0]!, lastOnTimeDay: grace, kinds: MONTHLY } as const;
    const o = monthly.get(mo);
    if (o) {
      out.push({ ...base, memberId: o.memberId, outcome: o.outcome });
      continue;
    }
    const required = days.filter((d) => d >= profile.assignedAt && cal.isRequiredDay(calInput, d));
    if (required.length < 10) continue;
    const memberId = cal.responsible(calInput, required[required.length - 1]!) ?? ctx.specialist;
    out.push({ ...base, memberId, outcome: 'not-judged', reason: now.getTime() < dayEnd(grace).getTime() ? 'due' : before(days[0]!) });
  }
  return out;
}
