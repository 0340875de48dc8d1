/**
 * The manager dashboard's share of one card, computed when the card is judged and kept with its verdict rows
 * (docs/architecture.md "Evaluation path"): its period rows of the dashboard window counted per responsible member
 * and bucket (this month, last month, each of the 12 weeks), so the dashboard adds small counters instead of
 * holding boards in memory. The rows are the evidence report's (server/src/reports/evidence-model.ts, R62):
 * judgedPeriods, "not judged" before a board's complete history, `incomplete` from the card's findings.
 * Pure: the day is the card context's `today`.
 */
import { addDays, isoWeekday, monthKey, weekDates, weekKey } from './calendar.js';
import { judgedPeriods, JUDGED_RULES, type JudgedRule } from './compliance/judged-periods.js';
import type { CardContext } from './compliance/context.js';
import type { DateKey, Finding, MonthKey, WeekKey } from './types.js';

/** The dashboard window on `today`: the 12 ISO weeks ending with this one, this and last month. */
export interface DashboardWindow {
  today: DateKey;
  week: WeekKey;
  month: MonthKey;
  lastMonth: MonthKey;
  weeks: WeekKey[];
  /** First day of the window (the oldest of the 12 weeks or last month's first day). */
  from: DateKey;
}

export function dashboardWindow(today: DateKey): DashboardWindow {
  const weeks: WeekKey[] = [];
  for (let i = 11; i >= 0; i--) weeks.push(weekKey(addDays(today, -7 * i)));
  const month = monthKey(today);
  const lastMonth = monthKey(addDays(`${month}-01`, -1));
  // The oldest week's Monday (12 weeks back) or last month's first day, whichever is earlier.
  const monday = addDays(today, -7 * 11 - (isoWeekday(today) - 1));
  const first = `${lastMonth}-01`;
  const from = monday < first ? monday : first;
  return { today, week: weekKey(today), month, lastMonth, weeks, from };
}

export type RowStatus = 'ok' | 'late' | 'missing' | 'incomplete' | 'not-judged';

/** One member's counters on one card: [ok, judged] pairs. */
export interface MemberCounts {
  id: string;
  /** Per week of the window (oldest first): daily ok, daily judged, weekly ok, weekly judged. */
  w: number[];
  /** This month, then last month: daily, weekly, monthly as [ok, judged] pairs (12 numbers). */
  m: number[];
  /** Judged rows of the window (every rule, intro included) missing / late. */
  missing: number;
  late: number;
}

export interface DashboardPart {
  /** Members in the order their first row appears (rules intro, daily, weekly, monthly; periods oldest first). */
  members: MemberCounts[];
  /** The card has rows in the window (it is a section of the window's report). */
  rows: boolean;
  /** Its own findings other than the period rules' in the window (the report lists them: it is a section). */
  others: boolean;
  /** First day of the window the card is assigned (the report's week and month range of other findings). */
  rangeStart: DateKey;
  /** Newest period of an `unreachable` finding (a streak of unreachable days, P11), if any. */
  unreachable?: string;
}

/** Board facts the rows depend on: the day from which history is complete (export cap or first scan under way). */
export interface BoardHistory {
  completeFrom: DateKey | null;
  /** Set when the cap comes from a cut export (then rows are never overridden, the rules already know). */
  historyDay?: DateKey;
}

/** One more judged period at `at` (an [ok, judged] pair). */
function bump(pairs: number[], at: number, ok: number): void {
  pairs[at] = (pairs[at] ?? 0) + ok;
  pairs[at + 1] = (pairs[at + 1] ?? 0) + 1;
}

const PERIOD_RULE_IDS: ReadonlySet<string> = new Set<string>(JUDGED_RULES);

const ORDER: Record<JudgedRule, number> = { intro: 0, daily: 1, weekly: 2, monthly: 3 };

/** Is `period` of a non-period finding inside [from, to] (the report's inRange, with its weeks and months from `start`)? */
export function inWindowRange(period: string, from: DateKey, to: DateKey, start: DateKey): boolean {
  if (!period) return true;
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return period >= from && period <= to;
  const week = /^\d{4}-W\d{2}$/.test(period);
  const month = /^\d{4}-\d{2}$/.test(period);
  if (!week && !month) return true;
  for (let d = start; d <= to; d = addDays(d, 1)) if ((week ? weekKey(d) : monthKey(d)) === period) return true;
  return false;
}

/** The card's dashboard part on `ctx.today`; `own`: its findings from its own verdict. */
export function dashboardPart(ctx: CardContext, own: readonly Finding[], board: BoardHistory): DashboardPart {
  const win = dashboardWindow(ctx.today);
  const incomplete = new Set(own.filter((f) => f.status === 'incomplete').map((f) => `${f.rule}|${f.period}`));
  const rows: Array<{ rule: JudgedRule; period: string; memberId: string; status: RowStatus }> = [];
  for (const p of judgedPeriods(ctx, win.from, win.today)) {
    let status: RowStatus;
    if (p.outcome === 'not-judged') status = 'not-judged';
    else if (board.completeFrom && !board.historyDay && p.start < board.completeFrom) status = 'not-judged';
    else {
      status = p.outcome === 'onTime' ? 'ok' : p.outcome;
      if (status === 'ok' && incomplete.has(`${p.rule}|${p.period}`)) status = 'incomplete';
    }
    rows.push({ rule: p.rule, period: p.period, memberId: p.memberId, status });
  }
  rows.sort((a, b) => ORDER[a.rule] - ORDER[b.rule] || a.period.localeCompare(b.period));
  const members = new Map<string, MemberCounts>();
  const weekIndex = new Map(win.weeks.map((w, i) => [w, i]));
  for (const r of rows) {
    let m = members.get(r.memberId);
    if (!m)
      members.set(
        r.memberId,
        (m = { id: r.memberId, w: new Array<number>(win.weeks.length * 4).fill(0), m: new Array<number>(12).fill(0), missing: 0, late: 0 }),
      );
    if (r.status === 'not-judged') continue;
    const ok = r.status === 'ok' ? 1 : 0;
    if (r.status === 'missing') m.missing++;
    if (r.status === 'late') m.late++;
    // The dashboard's inWeek / inMonth (server/src/reports/dashboard-model.ts).
    const week = r.rule === 'daily' ? weekKey(r.period) : r.rule === 'weekly' ? r.period : undefined;
    const wi = week === undefined ? undefined : weekIndex.get(week);
    if (wi !== undefined) {
      const at = wi * 4 + (r.rule === 'daily' ? 0 : 2);
      bump(m.w, at, ok);
    }
    if (r.rule === 'intro') continue;
    const month = r.rule === 'daily' ? monthKey(r.period) : r.rule === 'weekly' ? monthKey(weekDates(r.period)[0] ?? r.period) : r.period;
    const slot = month === win.month ? 0 : month === win.lastMonth ? 6 : -1;
    if (slot < 0) continue;
    const at = slot + (r.rule === 'daily' ? 0 : r.rule === 'weekly' ? 2 : 4);
    bump(m.m, at, ok);
  }
  const rangeStart = [win.from, ctx.profile.assignedAt].sort()[1] ?? win.from;
  const others = own.some((f) => !PERIOD_RULE_IDS.has(f.rule) && inWindowRange(f.period, win.from, win.today, rangeStart));
  const streak = own.filter((f) => f.rule === 'unreachable').sort((a, b) => b.period.localeCompare(a.period))[0];
  return { members: [...members.values()], rows: rows.length > 0, others, rangeStart, ...(streak ? { unreachable: streak.period } : {}) };
}

/**
 * What the dashboard reads of one judged card, kept in its board's dashboard row (one row per board, rebuilt at
 * every judge: server/src/store/verdicts.ts `BoardDashboard`), so the dashboard never reads a card's summary.
 */
export interface DashboardLine {
  id: string;
  name: string;
  /** The card's specialist. */
  member: string;
  /** Istanbul day the card was judged on. */
  day: DateKey;
  /** Open compliance findings of the card's own verdict (the cross-card ones are in the board's row). */
  compliance: number;
  dash: DashboardPart;
  /** Today's daily (R31) when it is required: who answers for it (a cover on leave days) and whether it is done. */
  today?: { member: string; done: boolean };
  goLive: { live: boolean; deadline: DateKey | null; daysLeft: number | null };
  readings: { disk?: { percent?: number; stale: boolean }; traffic?: { percent?: number; stale: boolean } };
  thresholds: { high: number; critical: number };
}

/** A judged card's dashboard line from its two parts (its status part and its dashboard part). */
export function dashboardLine(
  card: { cardId: string; name: string; memberId: string; judgedDay: DateKey; openCompliance: number },
  status: {
    base: { memberId: string; today?: { required: boolean; done: boolean }; goLive: DashboardLine['goLive']; readings: DashboardLine['readings'] };
    thresholds: DashboardLine['thresholds'];
  },
  dash: DashboardPart,
): DashboardLine {
  const { base } = status;
  const reading = (r: { percent?: number; stale: boolean } | undefined) =>
    r ? { ...(typeof r.percent === 'number' ? { percent: r.percent } : {}), stale: r.stale } : undefined;
  const disk = reading(base.readings.disk);
  const traffic = reading(base.readings.traffic);
  return {
    id: card.cardId,
    name: card.name,
    member: card.memberId,
    day: card.judgedDay,
    compliance: card.openCompliance,
    dash,
    ...(base.today?.required ? { today: { member: base.memberId, done: base.today.done } } : {}),
    goLive: { live: base.goLive.live, deadline: base.goLive.deadline, daysLeft: base.goLive.daysLeft },
    readings: { ...(disk ? { disk } : {}), ...(traffic ? { traffic } : {}) },
    thresholds: { high: status.thresholds.high, critical: status.thresholds.critical },
  };
}

/** Why a customer is at risk on the dashboard (its site, its go-live), never counted against anyone. */
export interface DashboardRisk {
  reasons: Array<'golive' | 'disk' | 'traffic' | 'unreachable'>;
  /** Higher = more urgent (for sorting). */
  score: number;
  goLive: { deadline: DateKey | null; daysLeft: number | null } | null;
  disk: { percent: number; stale: boolean } | null;
  traffic: { percent: number; stale: boolean } | null;
  unreachableSince: string | null;
}

/** What the "customers at risk" rules read of a card: its go-live, readings, the board's thresholds (A9), its outage. */
export interface RiskInput {
  goLive: { live: boolean; deadline: DateKey | null; daysLeft: number | null };
  readings: { disk?: { percent?: number; stale: boolean }; traffic?: { percent?: number; stale: boolean } };
  thresholds: { high: number; critical: number };
  /** The period of the card's latest `unreachable` finding, if any. */
  unreachable: string | null | undefined;
}

/** A card's risk (the dashboard's "customers at risk" rules), or null when nothing is at risk. */
export function riskFrom(input: RiskInput): DashboardRisk | null {
  const reasons: DashboardRisk['reasons'] = [];
  let score = 0;
  const gl = input.goLive;
  if (!gl.live && gl.daysLeft !== null && gl.daysLeft <= 14) {
    reasons.push('golive');
    score += gl.daysLeft < 0 ? 40 + Math.min(-gl.daysLeft, 60) : 30 - gl.daysLeft;
  }
  const reading = (r: { percent?: number; stale: boolean } | undefined) =>
    r && typeof r.percent === 'number' ? { percent: Math.round(r.percent * 10) / 10, stale: r.stale } : null;
  const disk = reading(input.readings.disk);
  const traffic = reading(input.readings.traffic);
  const { high, critical } = input.thresholds;
  if (disk && (disk.percent >= high || disk.stale)) {
    reasons.push('disk');
    score += disk.percent >= critical ? 50 : disk.percent >= high ? 25 : 5;
  }
  if (traffic && (traffic.percent >= high || traffic.stale)) {
    reasons.push('traffic');
    score += traffic.percent >= critical ? 50 : traffic.percent >= high ? 25 : 5;
  }
  const streak = input.unreachable;
  if (streak) {
    reasons.push('unreachable');
    score += 45;
  }
  if (!reasons.length) return null;
  return { reasons, score, goLive: gl.live ? null : { deadline: gl.deadline, daysLeft: gl.daysLeft }, disk, traffic, unreachableSince: streak ?? null };
}

/** A card's risk from its kept dashboard line. */
export function riskOf(line: DashboardLine): DashboardRisk | null {
  return riskFrom({ goLive: line.goLive, readings: line.readings, thresholds: line.thresholds, unreachable: line.dash.unreachable });
}

/** One customer card as the dashboard lists it. */
export interface DashboardCardView {
  id: string;
  name: string;
  member: string;
  /** Open compliance findings: the card's own and the cross-card ones on it. */
  findings: number;
  /** A section of the window's report: this and last month's counters per responsible member (MemberCounts.m). */
  m?: Array<{ id: string; m: number[] }>;
  today?: { member: string; done: boolean };
  risk?: DashboardRisk;
}

/**
 * What the dashboard reads of one board on `day` (kept in the board's dashboard row): the window's counters per
 * responsible member summed over the report's sections (cards with rows or listed findings in the window), and
 * each customer card's line. `complete`: every card judged on `day` with both parts (else the rows cannot answer).
 */
export interface BoardDashboardView {
  day: DateKey;
  complete: boolean;
  /** Cards that are sections of the window's report (the history note shows only with some). */
  sections: number;
  members: MemberCounts[];
  cards: DashboardCardView[];
}

/**
 * The board's dashboard view on `day` from its cards' lines and, per card, what the cross-card findings add
 * (compliance count, the periods of those the report lists). `partial`: some card was judged without the parts.
 */
export function boardDashboardView(
  lines: readonly DashboardLine[],
  across: Readonly<Record<string, { compliance: number; periods: readonly string[] }>>,
  day: DateKey,
  partial: boolean,
): BoardDashboardView {
  const win = dashboardWindow(day);
  const members = new Map<string, MemberCounts>();
  const cards: DashboardCardView[] = [];
  let sections = 0;
  for (const l of lines) {
    const section = l.dash.rows || l.dash.others || (across[l.id]?.periods ?? []).some((p) => inWindowRange(p, win.from, day, l.dash.rangeStart));
    if (section) {
      sections++;
      for (const c of l.dash.members) {
        let m = members.get(c.id);
        if (!m)
          members.set(c.id, (m = { id: c.id, w: new Array<number>(win.weeks.length * 4).fill(0), m: new Array<number>(12).fill(0), missing: 0, late: 0 }));
        for (let i = 0; i < m.w.length; i++) m.w[i] = (m.w[i] ?? 0) + (c.w[i] ?? 0);
        for (let i = 0; i < 12; i++) m.m[i] = (m.m[i] ?? 0) + (c.m[i] ?? 0);
        m.missing += c.missing;
        m.late += c.late;
      }
    }
    const risk = riskOf(l);
    cards.push({
      id: l.id,
      name: l.name,
      member: l.member,
      findings: l.compliance + (across[l.id]?.compliance ?? 0),
      ...(section ? { m: l.dash.members.map((c) => ({ id: c.id, m: c.m })) } : {}),
      ...(l.today ? { today: l.today } : {}),
      ...(risk ? { risk } : {}),
    });
  }
  return { day, complete: !partial && lines.every((l) => l.day === day), sections, members: [...members.values()], cards };
}
