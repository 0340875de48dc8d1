/**
 * The periods the rules judge, worked out once: the required days of a card's window, its judged ISO
 * weeks and months, and who answers for each. Weekly (R34), pool contact (P3) and monthly (R41) share
 * this skeleton instead of each walking the calendar.
 */
import { addDays, addMonths, dayEnd, laterDay, monthKey, monthDates as calendarMonthDates, weekDates as calendarWeekDates, weekKey } from '../dates.js';
import type { DateKey, MonthKey, WeekKey } from '../types.js';
import { graceDay, inForce, type CardContext } from './context.js';
import type { NotJudgedReason } from './rule.js';

/** Days of a non-empty span: first and last are known to exist. */
export interface DaySpan {
  readonly dates: readonly DateKey[];
  readonly first: DateKey;
  readonly last: DateKey;
}

function span(dates: readonly DateKey[]): DaySpan {
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (first === undefined || last === undefined) throw new Error('empty period');
  return { dates, first, last };
}

// Pure and deterministic, so memoised: an audit asks for the same few weeks/months thousands of times.
const weekMemo = new Map<WeekKey, DaySpan>();
const monthMemo = new Map<MonthKey, DaySpan>();

/** Monday…Sunday of an ISO week. */
export function weekSpan(week: WeekKey): DaySpan {
  let v = weekMemo.get(week);
  if (!v) weekMemo.set(week, (v = span(calendarWeekDates(week))));
  return v;
}

/** The 1st…last day of a month. */
export function monthSpan(month: MonthKey): DaySpan {
  let v = monthMemo.get(month);
  if (!v) monthMemo.set(month, (v = span(calendarMonthDates(month))));
  return v;
}

/** The first day of a finding period (a day, `YYYY-Www`, `YYYY-MM`, or '' as is): the sort key of findings. */
export function periodStart(period: string): string {
  if (/^\d{4}-W\d{2}$/.test(period)) return weekSpan(period).first;
  if (/^\d{4}-\d{2}$/.test(period)) return `${period}-01`;
  return period;
}

/**
 * The member who answers for the card on `day` (docs/rules.md "Who is responsible"): that day's owner, or that
 * day's cover during the owner's leave; the owner when nobody answers (leave without cover).
 */
export function responsibleOn(ctx: CardContext, day: DateKey): string {
  const { cal, input } = inForce(ctx, day);
  return cal.responsible(input, day) ?? input.specialist;
}

/** Required days of the judged window, optionally including today. */
export function requiredDays(ctx: CardContext, includeToday: boolean): DateKey[] {
  return ctx.days.filter((d) => ctx.required.has(d) && (includeToday || d < ctx.today));
}

/** ISO weeks with at least one day in [from, toExclusive). */
function weeksOverlapping(from: DateKey, toExclusive: DateKey): WeekKey[] {
  const weeks: WeekKey[] = [];
  if (from >= toExclusive) return weeks;
  for (let w = weekKey(from); ; ) {
    const { first, last } = weekSpan(w);
    if (first >= toExclusive) break;
    weeks.push(w);
    w = weekKey(addDays(last, 1));
  }
  return weeks;
}

/** A judged period: its key, days, required days (at least one) and the member who answers for it. */
export interface RequiredPeriod<K extends string> extends DaySpan {
  readonly key: K;
  readonly required: readonly DateKey[];
  /** Responsible on the period's last required day. */
  readonly member: string;
}

function judged<K extends string>(ctx: CardContext, key: K, days: DaySpan, requiredSet: ReadonlySet<DateKey> = ctx.required): RequiredPeriod<K> | undefined {
  const required = days.dates.filter((d) => requiredSet.has(d));
  const lastRequired = required[required.length - 1];
  if (lastRequired === undefined) return undefined;
  return { ...days, key, required, member: responsibleOn(ctx, lastRequired) };
}

/**
 * The weeks a card is judged for: overlapping its window, ended before today (the current week is
 * due, not missing), wholly inside a cut history, with at least one required day. `readings`: the weekly
 * quota reading's weeks, where a live site's approved frozen days still count (A21).
 */
export function judgedWeeks(ctx: CardContext, readings = false): Array<RequiredPeriod<WeekKey>> {
  const out: Array<RequiredPeriod<WeekKey>> = [];
  for (const week of weeksOverlapping(ctx.judgeFrom, ctx.today)) {
    const days = weekSpan(week);
    if (days.last >= ctx.today) continue;
    if (ctx.historyDay && days.first < ctx.historyDay) continue;
    const p = judged(ctx, week, days, readings ? ctx.weeklyRequired : ctx.required);
    if (p) out.push(p);
  }
  return out;
}

/** A judged month also carries its grace day (A5: on time through the next month's 3rd working day). */
export interface JudgedMonth extends RequiredPeriod<MonthKey> {
  readonly grace: DateKey;
}

/**
 * The months a card is judged for: from its window's month, wholly inside a cut history, once the
 * grace has passed, with at least `minRequired` required days (R41: 10).
 */
export function judgedMonths(ctx: CardContext, minRequired: number): JudgedMonth[] {
  const out: JudgedMonth[] = [];
  if (ctx.judgeFrom >= ctx.today) return out;
  for (let month = monthKey(ctx.judgeFrom); month <= monthKey(ctx.today); month = addMonths(month, 1)) {
    const days = monthSpan(month);
    if (ctx.historyDay && days.first < ctx.historyDay) continue;
    const grace = graceDay(ctx.cal, month);
    if (ctx.now.getTime() < dayEnd(grace).getTime()) continue; // still within its grace period
    const p = judged(ctx, month, days);
    if (p && p.required.length >= minRequired) out.push({ ...p, grace });
  }
  return out;
}

/** What the period rules' `periodsIn` share (R62): the card's window, and each day's requirement and member under the facts in force. */
export interface PeriodWindow {
  /** First day the card is anyone's duty: its earliest assignment known at `now`. */
  readonly windowStart: DateKey;
  /** The later of `from` and windowStart. */
  readonly start: DateKey;
  /** Is `d` a required working day under that day's facts? */
  required(d: DateKey): boolean;
  /** Who answers for `d` (the cover during leave; the owner when nobody does). */
  responsible(d: DateKey): string;
  /** Why a period that starts on `d` and has ended is not judged: before a cut history, else before tracking. */
  before(d: DateKey): NotJudgedReason;
}

export function periodWindow(ctx: CardContext, from: DateKey): PeriodWindow {
  const windowStart = ctx.timeline ? ctx.timeline.assignedFrom : ctx.profile.assignedAt;
  return {
    windowStart,
    start: laterDay(from, windowStart),
    required: (d) => {
      const x = inForce(ctx, d);
      return x.cal.isRequiredDay(x.input, d);
    },
    responsible: (d) => {
      const x = inForce(ctx, d);
      return x.cal.responsible(x.input, d) ?? x.input.specialist;
    },
    before: (d) => (ctx.historyDay && d < ctx.historyDay ? 'history-cut' : 'before-tracking'),
  };
}
