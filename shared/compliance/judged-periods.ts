/**
 * The judged periods of one card in a date range (R18 intro, R31 daily, R34/R36 weekly, R41 monthly), each with
 * its outcome from the rules themselves, or why it is not judged. The evidence report and the dashboard ask this
 * instead of re-deciding which periods count, so a report can never disagree with the findings (R62).
 *
 * @example judgedPeriods(prepareBoard(snapshot, now).cards[0], '2026-11-01', '2026-11-30')
 */
import { addDays, dayEnd, monthKey, weekKey } from '../calendar.js';
import { monthSpan, weekSpan } from './periods.js';
import { graceDay, type CardContext } from './context.js';
import { DAILY_KINDS, dailyRule } from './rules/daily.js';
import { MONTHLY_MIN_REQUIRED_DAYS, monthlyRule } from './rules/monthly.js';
import { weeklyRule } from './rules/weekly.js';
import type { DateKey, EntryKind } from '../types.js';
import { basisOn, inForce } from './context.js';
import type { DayBasis } from './facts-in-force.js';
import type { PeriodOutcome } from './rule.js';
import { introDeadline, introDuties } from './rules/intro.js';

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
  /**
   * The facts the period was judged under (docs/rules.md "Who is responsible"): of the day itself, the
   * period's last required day (week, month) or the assignment/hand-over day (intro).
   */
  basis: DayBasis;
}

const INTRO = new Set<EntryKind>(['intro']);
const WEEKLY = new Set<EntryKind>(['weekly']);
const MONTHLY = new Set<EntryKind>(['monthly']);

/**
 * Every period of `ctx`'s card in [from, to] that the handbook requires, oldest first per rule. `known`: the
 * outcomes the daily, weekly and monthly rules already gave for this very `ctx` (a card just judged), so they are
 * not run again.
 */
export function judgedPeriods(ctx: CardContext, from: DateKey, to: DateKey, known?: readonly PeriodOutcome[]): JudgedPeriod[] {
  const outcomesOf = (kind: PeriodOutcome['kind'], run: () => readonly PeriodOutcome[]) => (known ? known.filter((o) => o.kind === kind) : run());
  const { profile, cal, today, now } = ctx;
  const out: JudgedPeriod[] = [];
  const before = (d: DateKey): NotJudgedReason => (ctx.historyDay && d < ctx.historyDay ? 'history-cut' : 'before-tracking');
  const windowStart = ctx.timeline ? ctx.timeline.assignedFrom : profile.assignedAt;
  const start = from > windowStart ? from : windowStart;
  const required = (d: DateKey): boolean => {
    const x = inForce(ctx, d);
    return x.cal.isRequiredDay(x.input, d);
  };
  const responsible = (d: DateKey): string => {
    const x = inForce(ctx, d);
    return x.cal.responsible(x.input, d) ?? x.input.specialist;
  };

  // R18: the assignment day and each hand-over, on time until the end of the owner's next working day.
  if (profile.assignedAt >= from && profile.assignedAt <= to && profile.assignedAt < ctx.judgeFrom) {
    const deadline = introDeadline(ctx, ctx.specialist, profile.assignedAt);
    if (deadline) {
      const base = { rule: 'intro', period: profile.assignedAt, memberId: ctx.specialist, start: profile.assignedAt, lastOnTimeDay: deadline, kinds: INTRO } as const;
      out.push({ ...base, outcome: 'not-judged', reason: before(profile.assignedAt), basis: basisOn(ctx, profile.assignedAt) });
    }
  }
  for (const d of introDuties(ctx)) {
    if (d.day < from || d.day > to) continue;
    const base = { rule: 'intro', period: d.day, memberId: d.member, start: d.day, lastOnTimeDay: d.deadline, kinds: INTRO, basis: basisOn(ctx, d.day) } as const;
    out.push(d.outcome ? { ...base, outcome: d.outcome } : { ...base, outcome: 'not-judged', reason: 'due' });
  }

  // R31/P1 daily.
  const daily = new Map(outcomesOf('daily', () => dailyRule.evaluate(ctx).outcomes).map((o) => [o.period, o]));
  for (let d = start; d <= to && d <= today; d = addDays(d, 1)) {
    const o = daily.get(d);
    const base = { rule: 'daily', period: d, start: d, lastOnTimeDay: d, kinds: DAILY_KINDS } as const;
    if (o) out.push({ ...base, memberId: o.memberId, outcome: o.outcome, basis: basisOn(ctx, d) });
    else if (required(d)) {
      out.push({ ...base, memberId: responsible(d), outcome: 'not-judged', reason: d >= today ? 'due' : before(d), basis: basisOn(ctx, d) });
    }
  }

  // R34/R36/P2 weekly: every ISO week touching the range.
  const weekly = new Map(outcomesOf('weekly', () => weeklyRule.evaluate(ctx).outcomes).map((o) => [o.period, o]));
  const weeks = new Set<string>();
  for (let d = start; d <= to; d = addDays(d, 1)) weeks.add(weekKey(d));
  for (const w of weeks) {
    const { dates: days, first, last: sunday } = weekSpan(w);
    if (first > today) continue;
    const base = { rule: 'weekly', period: w, start: first, lastOnTimeDay: sunday, kinds: WEEKLY } as const;
    const o = weekly.get(w);
    const req = days.filter((d) => d >= windowStart && (ctx.weeklyRequired.has(d) || required(d)));
    const last = req[req.length - 1];
    if (o) {
      out.push({ ...base, memberId: o.memberId, outcome: o.outcome, basis: basisOn(ctx, last ?? sunday) });
      continue;
    }
    if (last === undefined) continue;
    out.push({ ...base, memberId: responsible(last), outcome: 'not-judged', reason: sunday >= today ? 'due' : before(first), basis: basisOn(ctx, last) });
  }

  // R41/P4 monthly: on time until the 3rd working day of the next month; months with MONTHLY_MIN_REQUIRED_DAYS (10) required days.
  const monthly = new Map(outcomesOf('monthly', () => monthlyRule.evaluate(ctx).outcomes).map((o) => [o.period, o]));
  const months = new Set<string>();
  for (let d = start; d <= to; d = addDays(d, 1)) months.add(monthKey(d));
  for (const mo of months) {
    const { dates: days, first } = monthSpan(mo);
    if (first > today) continue;
    const grace = graceDay(cal, mo);
    const base = { rule: 'monthly', period: mo, start: first, lastOnTimeDay: grace, kinds: MONTHLY } as const;
    const o = monthly.get(mo);
    const req = days.filter((d) => d >= windowStart && required(d));
    const last = req[req.length - 1];
    if (o) {
      out.push({ ...base, memberId: o.memberId, outcome: o.outcome, basis: basisOn(ctx, last ?? first) });
      continue;
    }
    if (req.length < MONTHLY_MIN_REQUIRED_DAYS || last === undefined) continue;
    out.push({ ...base, memberId: responsible(last), outcome: 'not-judged', reason: now.getTime() < dayEnd(grace).getTime() ? 'due' : before(first), basis: basisOn(ctx, last) });
  }
  return out;
}
