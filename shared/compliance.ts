/**
 * The compliance rules of DESIGN §5 as pure functions: snapshot + now → findings + summary.
 * Rule IDs are HANDBOOK-RULES.md's (R31 daily, R34/R36 weekly, R41 monthly, R18 intro,
 * R27/R28 go-live, R38 quota, R11 unreachable, R1/R3/R53 slots, R62 evidence), plus five
 * additional handbook predicates DESIGN §5 does not list, reported with status `warning` only (never
 * counted as missing): P10 growth (R39, A11), P13 slot outside working hours (R51, A12), P3 pool
 * weekly contact (R35, R4, A3), P15 leave notice (R54, A13) and P16 leave cover (R55–R57, A19).
 *
 * Every comment is parsed once and indexed by card and by day/week/month, so a board of 40 cards
 * × 90 days evaluates in milliseconds. Nothing here reads the clock: `now` is passed in.
 *
 * @example
 *   const result = evaluateBoard(snapshotFromTrello(exportJson), new Date('2026-11-23T06:00:00Z'));
 *   result.findings.filter((f) => f.rule === 'daily' && f.status === 'missing')
 */
import {
  addDays,
  addMonths,
  createCalendar,
  dateKey,
  dayEnd,
  dayStart,
  daysBetween,
  isoWeekday,
  monthDates as calendarMonthDates,
  monthKey,
  weekDates as calendarWeekDates,
  weekKey,
  type Calendar,
  type CalendarOptions,
  type CardCalendarInput,
} from './calendar.js';
import { goLiveDeadline, goLiveLimitDays } from './compliance/golive.js';
import { judgingSettings, selectCustomers } from './customers.js';
import { parseEntry } from './entries.js';
import { text2 } from './i18n.js';
import { DAILY_ENTRY_KINDS, quotaActionsMissing } from './requirements.js';
import { isShortNoticeLeave, readProfile, readSettings, specialistOf, thresholdsOf, type BoardSettings, type Profile, type Thresholds } from './profile.js';
import type {
  AuditResult,
  BoardSnapshot,
  CardSnapshot,
  CommentRecord,
  ComplianceCount,
  ComplianceSummary,
  DateKey,
  EntryKind,
  Finding,
  FindingStatus,
  MonthKey,
  ParsedEntry,
  Reading,
  RuleId,
  Severity,
  Text2,
  WeekKey,
} from './types.js';

/**
 * Stamped on reports: the handbook edition the rules implement and the revision of this rule set
 * (bump `revision` whenever a rule's outcome can change). Reports print it in plain words.
 */
export const RULES_STAMP = { handbook: 'Gelişmiş Destek Kılavuzu V1', handbookDate: '2024-03-01', revision: 3 } as const;
/** The same as one machine-readable line (JSON reports, CLI). */
export const RULES_VERSION = `${RULES_STAMP.handbook} (${RULES_STAMP.handbookDate}) · rules ${RULES_STAMP.revision}`;

// Pure and deterministic, so memoised: an audit asks for the same few weeks/months thousands of times.
const weekDatesMemo = new Map<WeekKey, readonly DateKey[]>();
const monthDatesMemo = new Map<MonthKey, readonly DateKey[]>();
function weekDates(week: WeekKey): readonly DateKey[] {
  let v = weekDatesMemo.get(week);
  if (!v) weekDatesMemo.set(week, (v = calendarWeekDates(week)));
  return v;
}
function monthDates(month: MonthKey): readonly DateKey[] {
  let v = monthDatesMemo.get(month);
  if (!v) monthDatesMemo.set(month, (v = calendarMonthDates(month)));
  return v;
}

// ───────────────────────── options and prepared data ─────────────────────────

export interface EvaluateOptions {
  /** Overrides the board settings' thresholds (A9). */
  thresholds?: Partial<Thresholds>;
  /** Calendar choices (A2 half-day eves). */
  calendar?: CalendarOptions;
}

/** One recognised entry with the keys the rules index it by. */
export interface EntryRecord {
  comment: CommentRecord;
  entry: ParsedEntry;
  /** Istanbul day it was posted. */
  postedDay: DateKey;
  /** The week/month the entry is for (explicit `2026-W48`/`2026-10`, else its for-date's). */
  week: WeekKey;
  month: MonthKey;
}

/** Everything the per-card rules need, prepared once. */
export interface CardContext {
  card: CardSnapshot;
  profile: Profile;
  /** Profile zod message when the pluginData profile was invalid (defaults in use). */
  profileError?: string;
  specialist: string;
  cal: Calendar;
  calInput: CardCalendarInput;
  /** Recognised entries of the card, oldest first. */
  entries: EntryRecord[];
  byDate: Map<DateKey, EntryRecord[]>;
  byWeek: Map<WeekKey, EntryRecord[]>;
  byMonth: Map<MonthKey, EntryRecord[]>;
  /** Deleted comments whose text is unknown (a `deleteComment` without its `commentCard`). */
  deletedUnknown: CommentRecord[];
  /** First day judged: max(assignedAt, settings.trackingStart, first complete day of a cut history). */
  judgeFrom: DateKey;
  /** First complete day of a cut history (undefined when complete). */
  historyDay?: DateKey;
  /** Every day from judgeFrom through today, oldest first (computed once per board). */
  days: readonly DateKey[];
  /** The days of `days` on which the card needs an entry (calendar.isRequiredDay). */
  required: ReadonlySet<DateKey>;
  today: DateKey;
  now: Date;
  thresholds: Thresholds;
}

export interface PreparedBoard {
  settings: BoardSettings;
  settingsError?: string;
  cal: Calendar;
  cards: CardContext[];
  historyDay?: DateKey;
  today: DateKey;
  thresholds: Thresholds;
}

/** Outcome of one judged period (feeds the summary). */
export interface PeriodOutcome {
  kind: 'daily' | 'weekly' | 'monthly';
  period: string;
  memberId: string;
  outcome: 'onTime' | 'late' | 'missing';
}

export interface RuleResult {
  findings: Finding[];
  outcomes: PeriodOutcome[];
}

/**
 * Customers (DESIGN §3, §5): open cards in lists that are not archived. Cards whose list is not
 * in the snapshot's lists (a REST call without lists) count as customers.
 */
export function customerCards(snapshot: BoardSnapshot): CardSnapshot[] {
  return selectCustomers(snapshot).customers; // customer lists, templates, "not a customer": shared/customers.ts
}

/** First day whose whole history a cut export holds: the oldest action's day, unless it began at 00:00. */
export function firstCompleteDay(historyFrom: string): DateKey {
  const day = dateKey(historyFrom);
  return dayStart(day).getTime() >= Date.parse(historyFrom) ? day : addDays(day, 1);
}

function maxKey(...keys: Array<DateKey | undefined>): DateKey {
  return keys.filter((k): k is DateKey => Boolean(k)).reduce((a, b) => (b > a ? b : a));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function isoWeekOf(entry: ParsedEntry): WeekKey {
  return entry.forWeek ?? weekKey(entry.forDate);
}

/**
 * Parses every comment once and prepares each customer card. Shared by `evaluateBoard` and
 * `boardStatus` so both read entries the same way.
 */
export function prepareBoard(snapshot: BoardSnapshot, now: Date, opts: EvaluateOptions = {}): PreparedBoard {
  const { settings: stored, error: settingsError } = readSettings(snapshot.pluginData);
  // No trackingStart: judged from the board's first entry; no entry ever: nothing judged (shared/customers.ts).
  const { settings, judged } = judgingSettings(snapshot, stored, now);
  const cal = createCalendar(settings, opts.calendar);
  const thresholds = { ...thresholdsOf(settings), ...(opts.thresholds ?? {}) };
  const today = dateKey(now);
  const historyDay = snapshot.historyCut && snapshot.historyFrom ? firstCompleteDay(snapshot.historyFrom) : undefined;
  const nowMs = now.getTime();

  const commentsByCard = new Map<string, CommentRecord[]>();
  for (const c of snapshot.comments) {
    // Comments "posted" after `now` do not exist yet (an audit of the past).
    if (Date.parse(c.postedAt) > nowMs) continue;
    push(commentsByCard, c.cardId, c);
  }

  const customers = (judged ? selectCustomers(snapshot, settings).customers : []).map((card) => {
    const read = readProfile(card);
    return { card, read, judgeFrom: maxKey(read.profile.assignedAt, settings.trackingStart, historyDay) };
  });
  // One list of day keys for the whole board: day arithmetic is the hot path of an audit.
  const allDays: DateKey[] = [];
  const dayIndex = new Map<DateKey, number>();
  const earliest = customers.reduce<DateKey | undefined>((min, c) => (min === undefined || c.judgeFrom < min ? c.judgeFrom : min), undefined);
  if (earliest !== undefined) {
    for (let d = earliest; d <= today; d = addDays(d, 1)) {
      dayIndex.set(d, allDays.length);
      allDays.push(d);
    }
  }

  const cards = customers.map(({ card, read, judgeFrom }): CardContext => {
    const profile = read.profile;
    const specialist = specialistOf(card, profile);
    const calInput: CardCalendarInput = { specialist, profile };
    const entries: EntryRecord[] = [];
    const deletedUnknown: CommentRecord[] = [];
    for (const comment of commentsByCard.get(card.id) ?? []) {
      const entry = comment.text ? parseEntry(comment.text, comment.postedAt) : null;
      if (!entry) {
        if (comment.deletedAt && !comment.text && !comment.originalText) deletedUnknown.push(comment);
        continue;
      }
      entries.push({ comment, entry, postedDay: dateKey(comment.postedAt), week: isoWeekOf(entry), month: entry.forMonth ?? monthKey(entry.forDate) });
    }
    entries.sort((a, b) => Date.parse(a.comment.postedAt) - Date.parse(b.comment.postedAt));
    reassignEarlyMonthlies(entries, cal);
    const byDate = new Map<DateKey, EntryRecord[]>();
    const byWeek = new Map<WeekKey, EntryRecord[]>();
    const byMonth = new Map<MonthKey, EntryRecord[]>();
    for (const e of entries) {
      push(byDate, e.entry.forDate, e);
      push(byWeek, e.week, e);
      push(byMonth, e.month, e);
    }
    const days = judgeFrom <= today ? allDays.slice(dayIndex.get(judgeFrom) ?? allDays.length) : [];
    const required = new Set(days.filter((d) => cal.isRequiredDay(calInput, d)));
    const ctx: CardContext = {
      card,
      profile,
      specialist,
      cal,
      calInput,
      entries,
      byDate,
      byWeek,
      byMonth,
      deletedUnknown,
      judgeFrom,
      days,
      required,
      today,
      now,
      thresholds,
    };
    if (read.error) ctx.profileError = read.error;
    if (historyDay) ctx.historyDay = historyDay;
    return ctx;
  });

  const prepared: PreparedBoard = { settings, cal, cards, today, thresholds };
  if (settingsError) prepared.settingsError = settingsError;
  if (historyDay) prepared.historyDay = historyDay;
  return prepared;
}

/**
 * HANDBOOK P4: the monthly report of M is written between M's 20th and M+1's 3rd working day.
 * A monthly entry with no month or date written (for-date = posting day) posted within M+1's
 * first 3 working days is therefore for M.
 */
function reassignEarlyMonthlies(entries: EntryRecord[], cal: Calendar): void {
  for (const e of entries) {
    if (!e.entry.kinds.includes('monthly') || e.entry.forMonth || e.entry.forDate !== e.postedDay) continue;
    const prev = addMonths(monthKey(e.postedDay), -1);
    if (e.postedDay <= graceDay(cal, prev)) e.month = prev;
  }
}

/** Last day a monthly entry for `month` is on time: the 3rd working day (Mon–Fri minus holidays) of the next month (A5). */
export function graceDay(cal: Calendar, month: MonthKey): DateKey {
  let perCal = graceMemo.get(cal);
  if (!perCal) graceMemo.set(cal, (perCal = new Map()));
  let day = perCal.get(month);
  if (!day) perCal.set(month, (day = cal.nthWorkingDay(null, addMonths(month, 1), 3)));
  return day;
}
const graceMemo = new WeakMap<Calendar, Map<MonthKey, DateKey>>();

// ───────────────────────── finding helpers ─────────────────────────

function finding(
  ctx: CardContext,
  rule: RuleId,
  status: FindingStatus,
  period: string,
  memberId: string | null,
  detail: Text2,
  severity: Severity,
  actionIds?: string[],
): Finding {
  const f: Finding = { rule, cardId: ctx.card.id, memberId: memberId ?? ctx.specialist, period, status, detail, severity };
  if (actionIds && actionIds.length) f.actionIds = actionIds;
  return f;
}

/** Required days of the judged window, optionally including today. */
function requiredDays(ctx: CardContext, includeToday: boolean): DateKey[] {
  return ctx.days.filter((d) => ctx.required.has(d) && (includeToday || d < ctx.today));
}

/** Entry kinds that satisfy a day's daily entry (R31). */
export const DAILY_KINDS: ReadonlySet<EntryKind> = new Set<EntryKind>(DAILY_ENTRY_KINDS);

// ───────────────────────── R31 daily (P1) ─────────────────────────

/**
 * R31/P1: each required working day needs a daily, intro or unreachable entry for it. On time when
 * posted that Istanbul day; later → `late` (A26, still counts); none once the day ended → `missing`.
 * Today is due, never missing. Blame: the responsible member that day (the cover during leave).
 */
export function ruleDaily(ctx: CardContext): RuleResult {
  const findings: Finding[] = [];
  const outcomes: PeriodOutcome[] = [];
  for (const day of requiredDays(ctx, false)) {
    const member = ctx.cal.responsible(ctx.calInput, day) ?? ctx.specialist;
    const list = (ctx.byDate.get(day) ?? []).filter((e) => e.entry.kinds.some((k) => DAILY_KINDS.has(k)));
    if (list.some((e) => e.postedDay <= day)) {
      outcomes.push({ kind: 'daily', period: day, memberId: member, outcome: 'onTime' });
    } else if (list.length) {
      const first = list[0] as EntryRecord;
      outcomes.push({ kind: 'daily', period: day, memberId: member, outcome: 'late' });
      findings.push(
        finding(ctx, 'daily', 'late', day, member, text2('finding.daily.late', { date: day, posted: first.comment.postedAt }), 'info', [first.comment.id]),
      );
    } else {
      outcomes.push({ kind: 'daily', period: day, memberId: member, outcome: 'missing' });
      findings.push(finding(ctx, 'daily', 'missing', day, member, text2('finding.daily.missing', { date: day }), 'warning'));
    }
  }
  return { findings, outcomes };
}

// ───────────────────────── R34/R36/R37 weekly (P2) ─────────────────────────

/** A reading that says something: used GB, a percentage, or unlimited traffic (A10). */
export function hasReading(r: Reading | undefined): r is Reading {
  return r !== undefined && (r.unlimited === true || typeof r.usedGB === 'number' || typeof r.percent === 'number');
}

function weeksOverlapping(from: DateKey, toExclusive: DateKey): WeekKey[] {
  const weeks: WeekKey[] = [];
  if (from >= toExclusive) return weeks;
  for (let w = weekKey(from); ; ) {
    const dates = weekDates(w);
    if ((dates[0] as DateKey) >= toExclusive) break;
    weeks.push(w);
    w = weekKey(addDays(dates[6] as DateKey, 1));
  }
  return weeks;
}

/**
 * R34/R36/P2: each ISO week with a required working day needs a weekly entry for it; late when
 * posted after Sunday 23:59; incomplete when the week's entries carry no disk or no traffic
 * reading (R37). Judged once the week has ended; with a cut history only weeks wholly inside it.
 */
export function ruleWeekly(ctx: CardContext): RuleResult {
  const findings: Finding[] = [];
  const outcomes: PeriodOutcome[] = [];
  for (const week of weeksOverlapping(ctx.judgeFrom, ctx.today)) {
    const dates = weekDates(week);
    const sunday = dates[6] as DateKey;
    if (sunday >= ctx.today) continue; // this week is due, not missing
    if (ctx.historyDay && (dates[0] as DateKey) < ctx.historyDay) continue;
    const required = dates.filter((d) => ctx.required.has(d));
    if (!required.length) continue;
    const member = ctx.cal.responsible(ctx.calInput, required[required.length - 1] as DateKey) ?? ctx.specialist;
    const all = ctx.byWeek.get(week) ?? [];
    const weekly = all.filter((e) => e.entry.kinds.includes('weekly'));
    if (!weekly.length) {
      outcomes.push({ kind: 'weekly', period: week, memberId: member, outcome: 'missing' });
      findings.push(finding(ctx, 'weekly', 'missing', week, member, text2('finding.weekly.missing', { week }), 'warning'));
      continue;
    }
    const onTime = weekly.some((e) => e.postedDay <= sunday);
    if (onTime) outcomes.push({ kind: 'weekly', period: week, memberId: member, outcome: 'onTime' });
    else {
      const first = weekly[0] as EntryRecord;
      outcomes.push({ kind: 'weekly', period: week, memberId: member, outcome: 'late' });
      findings.push(
        finding(ctx, 'weekly', 'late', week, member, text2('finding.weekly.late', { week, posted: first.comment.postedAt }), 'info', [first.comment.id]),
      );
    }
    const disk = all.some((e) => hasReading(e.entry.readings.disk));
    const traffic = all.some((e) => hasReading(e.entry.readings.traffic));
    if (!disk || !traffic) {
      const what = !disk && !traffic ? 'resource.both' : !disk ? 'resource.disk' : 'resource.traffic';
      const whatText = text2(what);
      findings.push(
        finding(ctx, 'weekly', 'incomplete', week, member, text2('finding.weekly.incomplete', { week, what: whatText }), 'warning', weekly.map((e) => e.comment.id)),
      );
    }
  }
  return { findings, outcomes };
}

// ───────────────────────── R41 monthly (P4) ─────────────────────────

/**
 * R41/P4/A5: each month with 10+ required working days needs a monthly entry for it, on time
 * until the end of the next month's 3rd working day, late after; judged once that grace has passed.
 */
export function ruleMonthly(ctx: CardContext): RuleResult {
  const findings: Finding[] = [];
  const outcomes: PeriodOutcome[] = [];
  if (ctx.judgeFrom >= ctx.today) return { findings, outcomes };
  for (let month = monthKey(ctx.judgeFrom); month <= monthKey(ctx.today); month = addMonths(month, 1)) {
    const dates = monthDates(month);
    if (ctx.historyDay && (dates[0] as DateKey) < ctx.historyDay) continue;
    const grace = graceDay(ctx.cal, month);
    if (ctx.now.getTime() < dayEnd(grace).getTime()) continue; // still within its grace period
    const required = dates.filter((d) => ctx.required.has(d));
    if (required.length < 10) continue;
    const member = ctx.cal.responsible(ctx.calInput, required[required.length - 1] as DateKey) ?? ctx.specialist;
    const monthly = (ctx.byMonth.get(month) ?? []).filter((e) => e.entry.kinds.includes('monthly'));
    if (!monthly.length) {
      outcomes.push({ kind: 'monthly', period: month, memberId: member, outcome: 'missing' });
      findings.push(finding(ctx, 'monthly', 'missing', month, member, text2('finding.monthly.missing', { month, deadline: grace }), 'warning'));
    } else if (monthly.some((e) => e.postedDay <= grace)) {
      outcomes.push({ kind: 'monthly', period: month, memberId: member, outcome: 'onTime' });
    } else {
      const first = monthly[0] as EntryRecord;
      outcomes.push({ kind: 'monthly', period: month, memberId: member, outcome: 'late' });
      findings.push(
        finding(
          ctx,
          'monthly',
          'late',
          month,
          member,
          text2('finding.monthly.late', { month, deadline: grace, posted: first.comment.postedAt }),
          'info',
          [first.comment.id],
        ),
      );
    }
  }
  return { findings, outcomes };
}

// ───────────────────────── R18 intro (P5) ─────────────────────────

/**
 * R18/P5/A14: an intro entry posted on the assignment day or by the end of the specialist's next
 * working day. Judged only when the assignment day lies in the judged window.
 */
export function ruleIntro(ctx: CardContext): Finding[] {
  const assigned = ctx.profile.assignedAt;
  if (assigned < ctx.judgeFrom) return [];
  let deadline: DateKey;
  try {
    deadline = ctx.cal.nextWorkingDay(ctx.specialist, assigned);
  } catch {
    return [];
  }
  if (ctx.now.getTime() < dayEnd(deadline).getTime()) return [];
  const intros = ctx.entries.filter((e) => e.entry.kinds.includes('intro'));
  if (intros.some((e) => e.postedDay <= deadline)) return [];
  const first = intros[0];
  if (first) {
    return [
      finding(
        ctx,
        'intro',
        'late',
        assigned,
        ctx.specialist,
        text2('finding.intro.late', { date: assigned, deadline, posted: first.comment.postedAt }),
        'warning',
        [first.comment.id],
      ),
    ];
  }
  return [finding(ctx, 'intro', 'missing', assigned, ctx.specialist, text2('finding.intro.missing', { date: assigned, deadline }), 'warning')];
}

// ───────────────────────── R27/R28 go-live (P7) ─────────────────────────

export { goLiveDeadline, goLiveLimitDays };

export interface GoLiveState {
  deadline: DateKey | null;
  daysLeft: number | null;
  live: boolean;
  liveAt?: DateKey;
}

/** Go-live status of a card: live once `liveAt` is set or a golive entry exists (R26–R28). */
export function goLiveState(profile: Profile, entries: readonly EntryRecord[], today: DateKey): GoLiveState {
  const liveEntry = entries.find((e) => e.entry.kinds.includes('golive'));
  const liveAt = profile.liveAt ?? liveEntry?.entry.forDate;
  if (liveAt) return { deadline: goLiveDeadline(profile), daysLeft: null, live: true, liveAt };
  const deadline = goLiveDeadline(profile);
  return { deadline, daysLeft: daysBetween(today, deadline), live: false };
}

/**
 * R27/P7: `due-soon` with ≤ 14 days left, `overdue` after the deadline day.
 * R28: overdue with no delay entry posted since the deadline → `golive-reason missing`
 * (not judged when the deadline lies before a cut history).
 */
export function ruleGoLive(ctx: CardContext): Finding[] {
  const state = goLiveState(ctx.profile, ctx.entries, ctx.today);
  if (state.live || state.deadline === null || state.daysLeft === null) return [];
  const deadline = state.deadline;
  const member = ctx.cal.responsible(ctx.calInput, ctx.today) ?? ctx.specialist;
  if (state.daysLeft >= 0) {
    if (state.daysLeft > 14) return [];
    return [finding(ctx, 'golive', 'due-soon', deadline, member, text2('finding.golive.due-soon', { days: state.daysLeft, deadline }), 'info')];
  }
  const out = [finding(ctx, 'golive', 'overdue', deadline, member, text2('finding.golive.overdue', { days: -state.daysLeft, deadline }), 'critical')];
  const reason = ctx.entries.some((e) => e.entry.kinds.includes('delay') && e.postedDay >= deadline);
  if (!reason && !(ctx.historyDay && deadline < ctx.historyDay)) {
    out.push(finding(ctx, 'golive-reason', 'missing', deadline, member, text2('finding.golive-reason.missing', { deadline }), 'critical'));
  }
  return out;
}

// ───────────────────────── R36–R38 disk · traffic (P9) ─────────────────────────

export type Resource = 'disk' | 'traffic';

/** The reading's percentage: typed, or used/total, with the profile's total for used-only or %-only readings. */
export function readingPercent(r: Reading, profileTotalGB: number | undefined): number | undefined {
  if (typeof r.percent === 'number') return r.percent;
  const total = r.totalGB ?? profileTotalGB;
  if (typeof r.usedGB === 'number' && total) return (r.usedGB / total) * 100;
  return undefined;
}

/** The reading with its GB filled from the profile total when only a % was written. */
export function completeReading(r: Reading, profileTotalGB: number | undefined): Reading {
  const out: Reading = { ...r };
  const total = r.totalGB ?? profileTotalGB;
  if (out.totalGB === undefined && total) out.totalGB = total;
  if (out.usedGB === undefined && typeof r.percent === 'number' && total) out.usedGB = Math.round(((r.percent * total) / 100) * 100) / 100;
  const p = readingPercent(out, profileTotalGB);
  if (p !== undefined) out.percent = Math.round(p * 10) / 10;
  return out;
}

/** The newest reading of a resource: latest for-date, then latest posting. */
export function latestReading(entries: readonly EntryRecord[], res: Resource): { record: EntryRecord; reading: Reading } | undefined {
  let best: EntryRecord | undefined;
  for (const e of entries) {
    if (!hasReading(e.entry.readings[res])) continue;
    if (
      !best ||
      e.entry.forDate > best.entry.forDate ||
      (e.entry.forDate === best.entry.forDate && Date.parse(e.comment.postedAt) >= Date.parse(best.comment.postedAt))
    ) {
      best = e;
    }
  }
  return best ? { record: best, reading: best.entry.readings[res] as Reading } : undefined;
}

function profileTotal(profile: Profile, res: Resource): number | undefined {
  return res === 'disk' ? profile.quotaTotalGB : profile.trafficTotalGB;
}

/**
 * R38/P9/A9 on the latest reading: `critical` at ≥ 95 %; `high` at ≥ 80 % unless that week's
 * entries record `informed` plus `optimized` or `upgradeSuggested`; `stale` when the latest
 * reading was posted more than 8 days ago (R36). Unlimited traffic has no thresholds (A10).
 */
export function ruleQuota(ctx: CardContext, res: Resource): Finding[] {
  const latest = latestReading(ctx.entries, res);
  if (!latest) return [];
  const out: Finding[] = [];
  const { record, reading } = latest;
  const week = record.week;
  const member = ctx.cal.responsible(ctx.calInput, ctx.today) ?? ctx.specialist;
  const name = res === 'disk' ? { tr: 'Disk', en: 'Disk' } : { tr: 'Trafik', en: 'Traffic' };
  const lower = res === 'disk' ? { tr: 'disk', en: 'disk' } : { tr: 'trafik', en: 'traffic' };
  const percent = reading.unlimited ? undefined : readingPercent(reading, profileTotal(ctx.profile, res));
  if (percent !== undefined) {
    const shown = Math.round(percent * 10) / 10;
    if (percent >= ctx.thresholds.critical) {
      out.push(finding(ctx, res, 'critical', week, member, text2('finding.quota.critical', { resource: name, percent: shown, week }), 'critical', [record.comment.id]));
    } else if (percent >= ctx.thresholds.high) {
      const actions = (ctx.byWeek.get(week) ?? []).flatMap((e) => e.entry.actions);
      if (quotaActionsMissing(percent, actions, ctx.thresholds).length) {
        out.push(finding(ctx, res, 'high', week, member, text2('finding.quota.high', { resource: name, percent: shown, week }), 'warning', [record.comment.id]));
      }
    }
  }
  const age = daysBetween(record.postedDay, ctx.today);
  if (age > ctx.thresholds.staleDays) {
    out.push(
      finding(ctx, res, 'stale', week, member, text2('finding.quota.stale', { resource: lower, days: age, posted: record.comment.postedAt }), 'warning', [record.comment.id]),
    );
  }
  return out;
}

// ───────────────────────── R39 abnormal growth (P10, A11) — additional warning ─────────────────────────

/** A11: growth of at least this many percentage points of the total between consecutive weekly readings. */
export const GROWTH_POINTS = 10;

/** The reading of each week that has one (that week's newest, as `latestReading`), oldest week first. */
export function weeklyReadings(entries: readonly EntryRecord[], res: Resource): Array<{ week: WeekKey; record: EntryRecord; reading: Reading }> {
  const byWeek = new Map<WeekKey, EntryRecord[]>();
  for (const e of entries) if (hasReading(e.entry.readings[res])) push(byWeek, e.week, e);
  return [...byWeek.keys()].sort().map((week) => {
    const latest = latestReading(byWeek.get(week) as EntryRecord[], res) as { record: EntryRecord; reading: Reading };
    return { week, ...latest };
  });
}

/**
 * HANDBOOK P10 (R39, A11), not in DESIGN §5's table: a disk or traffic reading that grew by
 * ≥ 10 percentage points of the total since the previous weekly reading of the same resource →
 * `growth warning`, period = the week of the new reading. Each week's reading is its newest; the
 * previous one is the newest reading of the nearest earlier week that has a percentage (typed, or
 * used/total with the profile's total). Unlimited traffic (A10) has no percentage and restarts the
 * comparison. Weeks wholly before the judged window, or after today, are not reported.
 * Status `warning`, so the compliance badge and notifications ignore it.
 */
export function ruleGrowth(ctx: CardContext, res: Resource): Finding[] {
  const out: Finding[] = [];
  const name = res === 'disk' ? { tr: 'Disk', en: 'Disk' } : { tr: 'Trafik', en: 'Traffic' };
  let prev: { week: WeekKey; percent: number; id: string } | undefined;
  for (const { week, record, reading } of weeklyReadings(ctx.entries, res)) {
    if (reading.unlimited) {
      prev = undefined;
      continue;
    }
    const raw = readingPercent(reading, profileTotal(ctx.profile, res));
    if (raw === undefined) continue;
    const percent = Math.round(raw * 10) / 10;
    const dates = weekDates(week);
    const judged = (dates[6] as DateKey) >= ctx.judgeFrom && (dates[0] as DateKey) <= ctx.today;
    if (prev && judged) {
      const tenths = Math.round((percent - prev.percent) * 10);
      if (tenths >= GROWTH_POINTS * 10) {
        const member = ctx.cal.responsible(ctx.calInput, record.entry.forDate) ?? ctx.specialist;
        out.push(
          finding(
            ctx,
            'growth',
            'warning',
            week,
            member,
            text2('finding.growth.warning', { resource: name, week, prevWeek: prev.week, from: prev.percent, to: percent, points: tenths / 10 }),
            'warning',
            [prev.id, record.comment.id],
          ),
        );
      }
    }
    prev = { week, percent, id: record.comment.id };
  }
  return out;
}

// ───────────────────────── R35/R4 pool weekly contact (P3, A3) — additional warning ─────────────────────────

/** Entry kinds that record a real contact with the customer (P3): not `unreachable`, not go-live/delay notes. */
const CONTACT_KINDS = new Set(['daily', 'weekly', 'monthly', 'intro']);

/**
 * The ISO week an entry records contact in: the week of its for-date, or the week it names; an entry
 * written for a whole month (`#aylık 2026-10`, for-date = the 1st) names no day, so its posting day counts.
 */
function contactWeek(e: EntryRecord): WeekKey {
  if (e.entry.forMonth && !e.entry.forWeek) return weekKey(e.postedDay);
  return e.week;
}

/**
 * HANDBOOK P3 (R35, R4; A3), not in DESIGN §5's table: a pool card needs at least one real contact
 * a week — a daily, weekly, monthly or intro entry for a day in that week (late entries count, A26).
 * A week whose entries are only `unreachable` ones, or that has none, → `pool-contact warning`,
 * period = the week. Judged once the week has ended, only weeks overlapping the judged window with
 * at least one required working day (frozen/leave-only weeks are skipped); with a cut history only
 * weeks wholly inside it. Status `warning`, so the compliance badge and notifications ignore it.
 */
export function rulePoolContact(ctx: CardContext): Finding[] {
  if (!ctx.profile.pool) return [];
  const contacted = new Set<WeekKey>();
  for (const e of ctx.entries) if (e.entry.kinds.some((k) => CONTACT_KINDS.has(k))) contacted.add(contactWeek(e));
  const out: Finding[] = [];
  for (const week of weeksOverlapping(ctx.judgeFrom, ctx.today)) {
    const dates = weekDates(week);
    if ((dates[6] as DateKey) >= ctx.today) continue; // this week is due
    if (ctx.historyDay && (dates[0] as DateKey) < ctx.historyDay) continue;
    const required = dates.filter((d) => ctx.required.has(d));
    if (!required.length || contacted.has(week)) continue;
    const member = ctx.cal.responsible(ctx.calInput, required[required.length - 1] as DateKey) ?? ctx.specialist;
    const ids = dates.flatMap((d) => (ctx.byDate.get(d) ?? []).filter((e) => e.entry.kinds.includes('unreachable')).map((e) => e.comment.id));
    const key = ids.length ? 'finding.pool-contact.unreachable' : 'finding.pool-contact.none';
    out.push(finding(ctx, 'pool-contact', 'warning', week, member, text2(key, { week }), 'warning', ids));
  }
  return out;
}

// ───────────────────────── R11 unreachable (P11) ─────────────────────────

/**
 * R11/P11/A8: 3+ consecutive required working days whose only entries are unreachable ones
 * (each entry of the day carries the unreachable tag) → `escalate`, period = the streak's first day.
 * A required day without entries, or with any other entry, ends a streak; days off are skipped.
 */
export function ruleUnreachable(ctx: CardContext): Finding[] {
  const out: Finding[] = [];
  let streak: DateKey[] = [];
  const flush = (): void => {
    if (streak.length >= 3) {
      const first = streak[0] as DateKey;
      const ids = streak.flatMap((d) => (ctx.byDate.get(d) ?? []).map((e) => e.comment.id));
      const member = ctx.cal.responsible(ctx.calInput, first) ?? ctx.specialist;
      out.push(finding(ctx, 'unreachable', 'escalate', first, member, text2('finding.unreachable.escalate', { date: first, days: streak.length }), 'critical', ids));
    }
    streak = [];
  };
  // Today counts once it has an unreachable entry: escalation should not wait for midnight.
  for (const day of requiredDays(ctx, true)) {
    const list = ctx.byDate.get(day) ?? [];
    const onlyUnreachable = list.length > 0 && list.every((e) => e.entry.kinds.includes('unreachable'));
    if (onlyUnreachable) streak.push(day);
    else if (day !== ctx.today) flush();
  }
  flush();
  return out;
}

// ───────────────────────── R62 evidence ─────────────────────────

const DAY_KINDS = new Set(['daily', 'intro', 'unreachable', 'golive', 'delay']);

/** End (exclusive instant) of the period an entry is for: its day, or its week/month for weekly/monthly-only entries. */
export function entryPeriodEnd(entry: ParsedEntry, month?: MonthKey): Date {
  if (entry.kinds.some((k) => DAY_KINDS.has(k)) || entry.kinds.length === 0) return dayEnd(entry.forDate);
  if (entry.kinds.includes('weekly')) return dayEnd(weekDates(isoWeekOf(entry))[6] as DateKey);
  const m = month ?? entry.forMonth ?? monthKey(entry.forDate);
  const dates = monthDates(m);
  return dayEnd(dates[dates.length - 1] as DateKey);
}

/** When an edit starts to count as "after the period": its period's end; for a monthly-only entry the end of its grace (A5). */
function evidenceDeadline(ctx: CardContext, entry: ParsedEntry, month: MonthKey | undefined): number {
  const onlyMonthly = entry.kinds.length > 0 && entry.kinds.every((k) => k === 'monthly');
  if (onlyMonthly) return dayEnd(graceDay(ctx.cal, month ?? entry.forMonth ?? monthKey(entry.forDate))).getTime();
  return entryPeriodEnd(entry, month).getTime();
}

/**
 * R62/A26: an entry edited after its period ended (`editedAt` later than the period end) →
 * `edited`; a deleted entry → `deleted`. An edit that removed the tags is still caught through
 * the original text when known. Blame: the author (only the author can edit a comment).
 */
export function ruleEvidence(ctx: CardContext, comments: readonly CommentRecord[]): Finding[] {
  const out: Finding[] = [];
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
    if (deletedAt) {
      // A deletion only noticed by a full pass has no Trello time: say so (docs/trello.md §13).
      const text = c.deletionNoticedAt
        ? text2('finding.evidence.deleted-noticed', { date: period, noticed: deletedAt, seen: c.lastSeenAt ?? '—' })
        : text2('finding.evidence.deleted', { date: period, deleted: deletedAt });
      out.push(finding(ctx, 'evidence', 'deleted', period, c.authorId || null, text, 'warning', [c.id]));
    } else if (editedAt && Date.parse(editedAt) >= evidenceDeadline(ctx, entry, rec?.month)) {
      out.push(finding(ctx, 'evidence', 'edited', period, c.authorId || null, text2('finding.evidence.edited', { date: period, edited: editedAt }), 'warning', [c.id]));
    }
  }
  for (const c of ctx.deletedUnknown) {
    const at = c.deletedAt as string;
    if (Date.parse(at) > nowMs) continue;
    out.push(finding(ctx, 'evidence', 'deleted', dateKey(at), c.authorId || null, text2('finding.evidence.deleted-unknown', { deleted: at }), 'info', [c.id]));
  }
  return out;
}

// ───────────────────────── R1/R3/R53 slots (P13) ─────────────────────────

function minutes(slot: string): number {
  const [h, m] = slot.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** A12: working hours of the two shifts' union (08:15–18:15), minutes after midnight; R1: a slot lasts 50 minutes. */
export const WORK_START_MINUTES = 8 * 60 + 15;
export const WORK_END_MINUTES = 18 * 60 + 15;
export const SLOT_MINUTES = 50;

function hhmm(mins: number): string {
  return `${String(Math.floor(mins / 60)).padStart(2, '0')}:${String(mins % 60).padStart(2, '0')}`;
}

/**
 * R3/A16: a non-pool customer needs a training slot → `slot missing`.
 * R1/R53: two slots of one specialist less than 50 minutes apart → `slot overlap` on both cards.
 * HANDBOOK P13 (R51, A12), additional: a slot that starts before 08:15 or whose 50 minutes end
 * after 18:15 → `slot warning` (never counted as missing).
 * Cards frozen today hold no slot.
 */
export function ruleSlots(cards: readonly CardContext[]): Finding[] {
  const out: Finding[] = [];
  const bySpecialist = new Map<string, CardContext[]>();
  for (const ctx of cards) {
    if (ctx.profile.pool) continue;
    if (!ctx.profile.trainingSlot) {
      out.push(finding(ctx, 'slot', 'missing', '', ctx.specialist, text2('finding.slot.missing'), 'warning'));
      continue;
    }
    if (ctx.cal.isFrozen(ctx.profile, ctx.today)) continue;
    const start = minutes(ctx.profile.trainingSlot);
    if (start < WORK_START_MINUTES || start + SLOT_MINUTES > WORK_END_MINUTES) {
      const vars = { time: ctx.profile.trainingSlot, end: hhmm(start + SLOT_MINUTES), from: hhmm(WORK_START_MINUTES), to: hhmm(WORK_END_MINUTES) };
      out.push(finding(ctx, 'slot', 'warning', '', ctx.specialist, text2('finding.slot.hours', vars), 'warning'));
    }
    push(bySpecialist, ctx.specialist, ctx);
  }
  for (const list of bySpecialist.values()) {
    for (const a of list) {
      for (const b of list) {
        if (a === b) continue;
        const sa = a.profile.trainingSlot as string;
        const sb = b.profile.trainingSlot as string;
        if (Math.abs(minutes(sa) - minutes(sb)) < SLOT_MINUTES) {
          out.push(
            finding(a, 'slot', 'overlap', '', a.specialist, text2('finding.slot.overlap', { time: sa, other: b.card.name, otherTime: sb }), 'warning'),
          );
        }
      }
    }
  }
  return out;
}

// ───────────────────────── R54–R57 leave notice and cover (P15, P16) — additional warnings ─────────────────────────

/** A13: leave is announced at least this many calendar days before it starts. */
export const LEAVE_NOTICE_DAYS = 2;
/** P16 flags "before the leave starts": leave starting within this many days of today (or running now) is judged. */
export const LEAVE_COVER_LOOKAHEAD_DAYS = 14;
/** Longest leave whose days P16 walks (a longer range is a data error; its first year is judged). */
const LEAVE_MAX_DAYS = 366;

/**
 * HANDBOOK P15 (R54, A13), not in DESIGN §5's table: a leave in the board settings recorded
 * (`createdAt`) later than 2 calendar days before its first day, and not marked `emergency` →
 * `leave warning`, board-level (`cardId: ''`, like the invalid-settings finding), period = the
 * leave's `from`, blamed on the member on leave (they tell the team lead, R54).
 * A leave without `createdAt` is not judged: when it was announced is unknown, and a guess is no
 * evidence. Neither is a leave recorded after `now` (an audit of the past: it was not announced yet)
 * nor one starting before the board's `trackingStart`. Status `warning`: the compliance badge and
 * notifications ignore it.
 */
export function ruleLeaveNotice(board: Pick<PreparedBoard, 'settings' | 'today'>): Finding[] {
  const out: Finding[] = [];
  const start = board.settings.trackingStart;
  for (const leave of board.settings.leaves ?? []) {
    // isShortNoticeLeave: null without createdAt (not judged), false when emergency (A13 exempts it).
    if (isShortNoticeLeave(leave) !== true) continue;
    const announced = leave.createdAt as DateKey;
    if (announced > board.today || (start !== undefined && leave.from < start)) continue;
    const days = daysBetween(announced, leave.from);
    const vars = { date: leave.from, leaveEnd: leave.to, announced, deadline: addDays(leave.from, -LEAVE_NOTICE_DAYS), days };
    out.push({
      rule: 'leave',
      cardId: '',
      memberId: leave.memberId,
      period: leave.from,
      status: 'warning',
      detail: text2(days < 0 ? 'finding.leave.notice-after' : 'finding.leave.notice', vars),
      severity: 'warning',
    });
  }
  return out;
}

/**
 * The days of a leave on which the card would need an entry were the specialist not away: on or after
 * `assignedAt`, not frozen, Mon–Fri (or a rota Saturday of the specialist, R50/A1), not a holiday (A2).
 */
function leaveWorkingDays(board: Pick<PreparedBoard, 'settings' | 'cal'>, ctx: CardContext, leave: { from: DateKey; to: DateKey }): DateKey[] {
  const days: DateKey[] = [];
  const rota = board.settings.saturdayRota ?? {};
  for (let d = leave.from, i = 0; d <= leave.to && i < LEAVE_MAX_DAYS; d = addDays(d, 1), i++) {
    if (d < ctx.profile.assignedAt || board.cal.isFrozen(ctx.profile, d) || board.cal.isHoliday(d)) continue;
    const wd = isoWeekday(d);
    if (wd === 7 || (wd === 6 && !(rota[d] ?? []).includes(ctx.specialist))) continue;
    days.push(d);
  }
  return days;
}

/**
 * HANDBOOK P16 (R55–R57, A19), not in DESIGN §5's table, judged **before** the leave ends: for each
 * leave of a card's specialist that starts within the next 14 days or is running now, an active card
 * (a customer card assigned by today; frozen days need no cover) whose `profile.cover` ranges do not
 * cover every working day of the leave → `leave warning` on that card, period = the leave's `from`,
 * blamed on the specialist (they ask for the temp, R56).
 * - `package: 'monthly'` (R56), or no package recorded (A19: a cover is assumed required) → judged.
 * - `fixedTerm` (R57): cover **xor** extra days; the profile has no `extraDays` field, so a missing
 *   cover may be the customer's choice of extra days → no finding.
 * - `other`: the customer may decline the temp (R55) → no finding. Special attention (R55) is not
 *   recorded in the profile (A19), so it is not judged.
 * Past leaves are not judged here: the daily rule already blames the cover, or nobody (DESIGN §5).
 * Status `warning`: the compliance badge and notifications ignore it.
 */
export function ruleLeaveCover(board: Pick<PreparedBoard, 'settings' | 'cal' | 'cards' | 'today'>): Finding[] {
  const leaves = board.settings.leaves ?? [];
  if (!leaves.length) return [];
  const horizon = addDays(board.today, LEAVE_COVER_LOOKAHEAD_DAYS);
  const judged = leaves.filter((l) => l.to >= board.today && l.from <= horizon);
  const out: Finding[] = [];
  for (const ctx of board.cards) {
    const pkg = ctx.profile.package;
    if (pkg === 'fixedTerm' || pkg === 'other') continue;
    if (ctx.profile.assignedAt > board.today) continue; // not assigned yet
    for (const leave of judged) {
      if (leave.memberId !== ctx.specialist) continue;
      const covers = ctx.profile.cover ?? [];
      const uncovered = leaveWorkingDays(board, ctx, leave).filter((d) => !covers.some((c) => c.from <= d && d <= c.to));
      const first = uncovered[0];
      if (first === undefined) continue;
      const key = pkg === 'monthly' ? 'finding.leave.cover-monthly' : 'finding.leave.cover-unknown';
      const vars = { date: leave.from, leaveEnd: leave.to, firstDay: first, days: uncovered.length };
      out.push(finding(ctx, 'leave', 'warning', leave.from, ctx.specialist, text2(key, vars), 'warning'));
    }
  }
  return out;
}

// ───────────────────────── profile ─────────────────────────

/** Bad input: an invalid pluginData profile is reported with the zod message; the card is evaluated with defaults. */
export function ruleProfile(ctx: CardContext): Finding[] {
  if (!ctx.profileError) return [];
  return [finding(ctx, 'profile', 'invalid', '', ctx.specialist, text2('finding.profile.invalid', { error: ctx.profileError }), 'warning')];
}

// ───────────────────────── the board ─────────────────────────

const RULE_ORDER: RuleId[] = [
  'profile',
  'intro',
  'daily',
  'unreachable',
  'weekly',
  'pool-contact',
  'disk',
  'traffic',
  'growth',
  'monthly',
  'golive',
  'golive-reason',
  'slot',
  'leave',
  'evidence',
];

function periodStart(period: string): string {
  if (/^\d{4}-W\d{2}$/.test(period)) return weekDates(period)[0] as string;
  if (/^\d{4}-\d{2}$/.test(period)) return `${period}-01`;
  return period;
}

function emptyCount(): ComplianceCount {
  return { judged: 0, onTime: 0, late: 0, missing: 0, percent: null };
}

function addOutcome(c: ComplianceCount, o: PeriodOutcome): void {
  c.judged++;
  c[o.outcome]++;
  c.percent = Math.round((c.onTime / c.judged) * 1000) / 10;
}

/** All findings of one prepared card (every DESIGN §5 rule and the P3/P10 warnings, but the board-wide slot and leave rules). */
export function evaluateCard(ctx: CardContext, comments: readonly CommentRecord[] = []): { findings: Finding[]; outcomes: PeriodOutcome[] } {
  const daily = ruleDaily(ctx);
  const weekly = ruleWeekly(ctx);
  const monthly = ruleMonthly(ctx);
  const findings = [
    ...ruleProfile(ctx),
    ...ruleIntro(ctx),
    ...daily.findings,
    ...ruleUnreachable(ctx),
    ...weekly.findings,
    ...rulePoolContact(ctx),
    ...ruleQuota(ctx, 'disk'),
    ...ruleQuota(ctx, 'traffic'),
    ...ruleGrowth(ctx, 'disk'),
    ...ruleGrowth(ctx, 'traffic'),
    ...monthly.findings,
    ...ruleGoLive(ctx),
    ...ruleEvidence(ctx, comments),
  ];
  return { findings, outcomes: [...daily.outcomes, ...weekly.outcomes, ...monthly.outcomes] };
}

/**
 * Evaluates every customer card of a board at `now` (DESIGN §5): findings sorted by card (board
 * order), period and rule, plus the summary per card and per responsible member.
 * @example evaluateBoard(snapshot, new Date('2026-11-23T06:00:00Z')).summary.byMember
 */
export function evaluateBoard(snapshot: BoardSnapshot, now: Date, opts: EvaluateOptions = {}): AuditResult {
  const board = prepareBoard(snapshot, now, opts);
  const names = new Map(snapshot.members.map((m) => [m.id, m.fullName]));
  const commentsByCard = new Map<string, CommentRecord[]>();
  for (const c of snapshot.comments) if (Date.parse(c.postedAt) <= now.getTime()) push(commentsByCard, c.cardId, c);

  const findings: Finding[] = [];
  const summary: ComplianceSummary = { historyCut: snapshot.historyCut === true, byCard: {}, byMember: {} };
  if (board.historyDay) summary.historyFrom = board.historyDay;
  const memberRow = (id: string): ComplianceSummary['byMember'][string] => {
    let row = summary.byMember[id];
    if (!row) {
      row = { name: names.get(id) ?? id, cards: 0, daily: emptyCount(), weekly: emptyCount(), monthly: emptyCount() };
      summary.byMember[id] = row;
    }
    return row;
  };

  if (board.settingsError) {
    findings.push({
      rule: 'profile',
      cardId: '',
      memberId: '',
      period: '',
      status: 'invalid',
      detail: text2('finding.settings.invalid', { error: board.settingsError }),
      severity: 'warning',
    });
  }

  const cardOrder = new Map<string, number>();
  board.cards.forEach((ctx, i) => cardOrder.set(ctx.card.id, i));
  for (const ctx of board.cards) {
    const { findings: f, outcomes } = evaluateCard(ctx, commentsByCard.get(ctx.card.id) ?? []);
    findings.push(...f);
    const row = { name: ctx.card.name, memberId: ctx.specialist, daily: emptyCount(), weekly: emptyCount(), monthly: emptyCount() };
    summary.byCard[ctx.card.id] = row;
    memberRow(ctx.specialist).cards++;
    for (const o of outcomes) {
      addOutcome(row[o.kind], o);
      addOutcome(memberRow(o.memberId)[o.kind], o);
    }
  }
  findings.push(...ruleSlots(board.cards));
  findings.push(...ruleLeaveNotice(board), ...ruleLeaveCover(board));

  const starts = new Map<string, string>();
  const startOf = (p: string): string => {
    let v = starts.get(p);
    if (v === undefined) starts.set(p, (v = periodStart(p)));
    return v;
  };
  findings.sort(
    (a, b) =>
      (cardOrder.get(a.cardId) ?? -1) - (cardOrder.get(b.cardId) ?? -1) ||
      (startOf(a.period) < startOf(b.period) ? -1 : startOf(a.period) > startOf(b.period) ? 1 : 0) ||
      RULE_ORDER.indexOf(a.rule) - RULE_ORDER.indexOf(b.rule) ||
      (a.status < b.status ? -1 : a.status > b.status ? 1 : 0),
  );
  return { findings, summary };
}
