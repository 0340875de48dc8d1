// The manager dashboard's data (pure): per-specialist compliance (this week, this month, last month, 12-week trend),
// open findings by severity, customers at risk. Built from the same period rows as the evidence report (R62),
// so the dashboard and a report never disagree.
import type { AuditResult, BoardSnapshot, Finding, MonthKey, Severity, WeekKey } from '../../../shared/types.js';
import { addDays, dateKey, monthKey, weekDates, weekKey } from '../../../shared/calendar.js';
import { cardStatus } from '../../../shared/status.js';
import { prepareBoard, type PreparedBoard } from '../../../shared/compliance.js';
import type { LedgerRecord } from '../store/schema.js';
import type { Person } from '../config.js';
import { buildEvidenceReport, ReportInputError, type JudgedRule, type PeriodRow } from './evidence-model.js';
import { canSeeBoard, canSeeMember, type Viewer } from './access.js';
import { translate } from '../../../shared/i18n.js';
import { present } from '../../../shared/guards.js';
import { riskFrom } from '../../../shared/dashboard-part.js';

export interface Pct {
  ok: number;
  judged: number;
  /** ok / judged × 100, 1 decimal; null when nothing judged yet. */
  percent: number | null;
}
export type RulePcts = Record<'daily' | 'weekly' | 'monthly', Pct>;

export interface DashboardSpecialist {
  id: string;
  name: string;
  boards: string[];
  cards: number;
  thisWeek: RulePcts;
  thisMonth: RulePcts;
  lastMonth: RulePcts;
  /** Daily + weekly on-time % per week of `weeks` (null: nothing judged that week). */
  trend: Array<number | null>;
  missing: number;
  late: number;
  /** Today's dailies (R31) this specialist answers for: still pending is neutral until the day is over. */
  today: { required: number; done: number; pending: Array<{ boardId: string; cardId: string; name: string; url: string }> };
}

export interface DashboardFinding {
  boardId: string;
  cardId: string;
  cardName: string;
  cardUrl: string;
  memberId: string;
  rule: Finding['rule'];
  period: string;
  status: Finding['status'];
  severity: Severity;
  detail: Finding['detail'];
  class: 'compliance' | 'risk';
}

export interface AtRiskCustomer {
  boardId: string;
  cardId: string;
  name: string;
  url: string;
  memberId: string;
  goLive: { deadline: string | null; daysLeft: number | null } | null;
  disk: { percent: number; stale: boolean } | null;
  traffic: { percent: number; stale: boolean } | null;
  /** First day of a 3+ working-day streak of only-unreachable entries (rule `unreachable`). */
  unreachableSince: string | null;
  reasons: Array<'golive' | 'disk' | 'traffic' | 'unreachable'>;
  /** Higher = more urgent (for sorting). */
  score: number;
}

export interface DashboardData {
  generatedAt: string;
  today: string;
  week: WeekKey;
  month: MonthKey;
  lastMonth: MonthKey;
  weeks: WeekKey[];
  viewer: { name: string; role: Person['role']; trelloId: string };
  boards: Array<{ id: string; name: string; url?: string; lastScanAt?: string; historyNote?: { tr: string; en: string } }>;
  teamLeads: Array<{ trelloId: string; name: string; boards?: string[]; specialists?: string[] }>;
  /** Everyone and every board the viewer may choose in the filters, whatever is chosen now. */
  options: { specialists: Array<{ id: string; name: string }>; boards: Array<{ id: string; name: string }> };
  /** The filters applied to the lists below. */
  focus: { member?: string; board?: string };
  specialists: DashboardSpecialist[];
  /** Findings against someone (class compliance): the person's open findings. */
  findings: { bySeverity: Record<Severity, number>; total: number; items: DashboardFinding[] };
  /** Risks (docs/rules.md "Compliance and risk"): the customers' site state, never counted against anyone. */
  risks: DashboardFinding[];
  atRisk: AtRiskCustomer[];
  /** Every customer in scope, with this month's compliance and open findings. */
  cards: DashboardCard[];
}

export interface DashboardCard {
  boardId: string;
  cardId: string;
  name: string;
  url: string;
  memberId: string;
  thisMonth: RulePcts;
  findings: number;
}

export interface DashboardBoardInput {
  snapshot: BoardSnapshot;
  result: AuditResult;
  /** prepareBoard(snapshot, now), when cached by the caller. */
  prepared?: PreparedBoard;
  /** A cache that lives as long as this evaluation (the period rows are kept there). */
  memo?: Map<string, BoardRows>;
  /** The board's ledger records (history completeness notes); none when omitted. */
  records?: readonly LedgerRecord[];
  backfilled?: boolean;
  lastScanAt?: string;
}

/** A board's period rows over the window, kept in the evaluation's memo (Evaluated.memo). */
export interface BoardRows {
  rows: Array<readonly [string, PeriodRow[]]>;
  note?: { tr: string; en: string };
}

/**
 * `a.localeCompare(b, 'tr')` and `a.localeCompare(b)` with one collator each, made once (localeCompare with a
 * locale builds a collator per call: thousands of cards and findings are sorted per dashboard).
 */
export const byTr = new Intl.Collator('tr').compare;
const byDefault = new Intl.Collator().compare;

export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
export const MAX_FINDING_ITEMS = 400;

export function pct(ok: number, judged: number): Pct {
  return { ok, judged, percent: judged ? Math.round((ok / judged) * 1000) / 10 : null };
}

export function cardUrl(c: { url?: string; shortLink?: string; id: string }): string {
  return c.url ?? `https://trello.com/c/${c.shortLink ?? c.id}`;
}

/** The 12 ISO weeks ending with the current one, oldest first. */
export function lastWeeks(today: string, n = 12): WeekKey[] {
  const out: WeekKey[] = [];
  for (let i = n - 1; i >= 0; i--) out.push(weekKey(addDays(today, -7 * i)));
  return out;
}

/**
 * Dashboard data for one viewer. `teamLeads` are the configured people (only the viewer's own entry is kept for a lead).
 * @example buildDashboard({ boards: [{ snapshot, result, records }], viewer, people, now })
 */
export function buildDashboard(input: {
  boards: DashboardBoardInput[];
  viewer: Viewer;
  people: Person[];
  now: Date;
  /** Show one specialist and/or one board; the filter options still list everyone the viewer may see. */
  focus?: { member?: string; board?: string };
}): DashboardData {
  const { viewer, now } = input;
  const focus = input.focus ?? {};
  const today = dateKey(now);
  const week = weekKey(today);
  const month = monthKey(today);
  const lastMonth = monthKey(addDays(`${month}-01`, -1));
  const weeks = lastWeeks(today);
  const firstWeek = weeks[0];
  const from = [(firstWeek && weekDates(firstWeek)[0]) || today, `${lastMonth}-01`].sort()[0] ?? today;

  type Spec = { name: string; boards: Set<string>; cards: number; rows: PeriodRow[]; today: DashboardSpecialist['today'] };
  const specialists = new Map<string, Spec>();
  const spec = (id: string, name: string) => {
    let s = specialists.get(id);
    if (!s) specialists.set(id, (s = { name, boards: new Set(), cards: 0, rows: [], today: { required: 0, done: 0, pending: [] } }));
    return s;
  };
  const findings: DashboardFinding[] = [];
  const atRisk: AtRiskCustomer[] = [];
  const cards: DashboardCard[] = [];
  const rowsByCard = new Map<string, PeriodRow[]>();
  const boards: DashboardData['boards'] = [];

  const inWeek = (r: PeriodRow, w: WeekKey) => (r.rule === 'daily' ? weekKey(r.period) === w : r.rule === 'weekly' && r.period === w);
  const inMonth = (r: PeriodRow, m: MonthKey) =>
    r.rule === 'daily'
      ? monthKey(r.period) === m
      : r.rule === 'weekly'
        ? monthKey(present(weekDates(r.period)[0], "a week's Monday")) === m
        : r.rule === 'monthly' && r.period === m;
  const pcts = (rows: PeriodRow[]): RulePcts => {
    const of = (rule: JudgedRule) => {
      const rs = rows.filter((r) => r.rule === rule && r.status !== 'not-judged');
      return pct(rs.filter((r) => r.status === 'ok').length, rs.length);
    };
    return { daily: of('daily'), weekly: of('weekly'), monthly: of('monthly') };
  };

  for (const b of input.boards) {
    const { snapshot, result } = b;
    if (!canSeeBoard(viewer, snapshot.id)) continue;
    // A member who left the board is named as such, never by a raw Trello id (docs/glossary.md); names are Turkish-first.
    const memberName = (id: string) => snapshot.members.find((m) => m.id === id)?.fullName ?? (id ? translate('audit.notOnBoard', 'tr') : '—');
    const byId = new Map(snapshot.cards.map((c) => [c.id, c]));
    const prepared = b.prepared ?? prepareBoard(snapshot, now);

    // Period rows of the whole window (same logic as the evidence report), computed once per evaluation
    // for every member and scoped to the viewer below, so a filter change costs no re-evaluation.
    const whole = (): BoardRows => {
      try {
        const rep = buildEvidenceReport({
          snapshot,
          result,
          records: b.records ?? [],
          verification: { ok: true, count: 0 },
          boardState: { ...(b.backfilled !== undefined ? { backfilled: b.backfilled } : {}) },
          from,
          to: today,
          now,
          rulesVersion: '',
          prepared,
          withEntries: false,
          people: input.people,
        });
        return { rows: rep.cards.map((c) => [c.cardId, c.rows] as const), ...(rep.history.completeFrom && rep.history.note ? { note: rep.history.note } : {}) };
      } catch (e) {
        if (!(e instanceof ReportInputError)) throw e;
        return { rows: [] };
      }
    };
    const memoKey = `dashboard-rows|${from}|${today}`;
    const got = b.memo?.get(memoKey) ?? whole();
    b.memo?.set(memoKey, got);
    const historyNote: { tr: string; en: string } | undefined = got.note;
    for (const [cardId, rows] of got.rows) {
      const mine = rows.filter((r) => canSeeMember(viewer, r.memberId));
      rowsByCard.set(cardId, mine);
      for (const r of mine) spec(r.memberId, memberName(r.memberId)).rows.push(r);
    }
    boards.push({
      id: snapshot.id,
      name: snapshot.name,
      ...(snapshot.url ? { url: snapshot.url } : {}),
      ...(b.lastScanAt ? { lastScanAt: b.lastScanAt } : {}),
      ...(historyNote ? { historyNote } : {}),
    });

    for (const [cardId, info] of Object.entries(result.summary.byCard)) {
      if (!canSeeMember(viewer, info.memberId)) continue;
      const card = byId.get(cardId);
      const url = card ? cardUrl(card) : `https://trello.com/c/${cardId}`;
      cards.push({
        boardId: snapshot.id,
        cardId,
        name: info.name,
        url,
        memberId: info.memberId,
        thisMonth: pcts((rowsByCard.get(cardId) ?? []).filter((r) => inMonth(r, month))),
        findings: result.findings.reduce((n, f) => n + (f.cardId === cardId && f.class !== 'risk' ? 1 : 0), 0),
      });
      const s = spec(info.memberId, memberName(info.memberId));
      s.boards.add(snapshot.id);
      s.cards++;
    }

    for (const f of result.findings) {
      // A lead sees their team's findings and their own duties (R17 month-end review: memberId is the lead).
      const own = f.memberId !== '' && f.memberId === viewer.person.trelloId;
      if (!own && !canSeeMember(viewer, f.memberId) && !(f.memberId === '' && canSeeMember(viewer, result.summary.byCard[f.cardId]?.memberId ?? ''))) continue;
      const card = byId.get(f.cardId);
      // Board-level findings (cardId '': invalid settings, P15 short-notice leave) link to the board.
      const onBoard = f.cardId === '';
      findings.push({
        boardId: snapshot.id,
        cardId: f.cardId,
        cardName: onBoard ? snapshot.name : (card?.name ?? result.summary.byCard[f.cardId]?.name ?? f.cardId),
        cardUrl: onBoard ? (snapshot.url ?? `https://trello.com/b/${snapshot.id}`) : card ? cardUrl(card) : `https://trello.com/c/${f.cardId}`,
        memberId: f.memberId || (result.summary.byCard[f.cardId]?.memberId ?? ''),
        rule: f.rule,
        period: f.period,
        status: f.status,
        severity: f.severity,
        detail: f.detail,
        class: f.class === 'risk' ? 'risk' : 'compliance',
      });
    }

    // Customers at risk: go-live countdown (≤ 14 days or overdue), disk/traffic ≥ 80 % or stale, unreachable streaks.
    const findingsOf = new Map<string, Finding[]>();
    for (const f of result.findings) {
      const list = findingsOf.get(f.cardId);
      if (list) list.push(f);
      else findingsOf.set(f.cardId, [f]);
    }
    for (const ctx of prepared.cards) {
      const cardId = ctx.card.id;
      const cs = cardStatus(ctx, findingsOf.get(cardId) ?? []);
      const info = result.summary.byCard[cardId];
      const memberId = info?.memberId ?? cs.memberId;
      // Today's daily as the card's own status reads it (neutral until the day is over).
      const td = { required: cs.today?.required === true, done: cs.today?.done === true, memberId: cs.memberId };
      if (td.required && canSeeMember(viewer, td.memberId)) {
        const t = spec(td.memberId, memberName(td.memberId));
        t.boards.add(snapshot.id);
        t.today.required++;
        if (td.done) t.today.done++;
        else t.today.pending.push({ boardId: snapshot.id, cardId, name: ctx.card.name, url: cardUrl(ctx.card) });
      }
      if (!canSeeMember(viewer, memberId)) continue;
      const card = byId.get(cardId);
      const streak = (findingsOf.get(cardId) ?? []).filter((f) => f.rule === 'unreachable').sort((a, b) => b.period.localeCompare(a.period))[0];
      // One threshold set: the board's, as the rules judged (A9).
      const risk = riskFrom({ goLive: cs.goLive, readings: cs.readings, thresholds: prepared.thresholds, unreachable: streak?.period });
      if (!risk) continue;
      atRisk.push({
        boardId: snapshot.id,
        cardId,
        name: card?.name ?? info?.name ?? cardId,
        url: card ? cardUrl(card) : `https://trello.com/c/${cardId}`,
        memberId,
        ...risk,
      });
    }
  }

  const specialistList: DashboardSpecialist[] = [...specialists.entries()]
    .filter(([id]) => id && canSeeMember(viewer, id))
    .map(([id, s]) => {
      const judged = s.rows.filter((r) => r.status !== 'not-judged');
      return {
        id,
        name: s.name,
        boards: [...s.boards],
        cards: s.cards,
        thisWeek: pcts(s.rows.filter((r) => inWeek(r, week))),
        thisMonth: pcts(s.rows.filter((r) => inMonth(r, month))),
        lastMonth: pcts(s.rows.filter((r) => inMonth(r, lastMonth))),
        trend: weeks.map((w) => {
          const rs = judged.filter((r) => (r.rule === 'daily' || r.rule === 'weekly') && inWeek(r, w));
          return pct(rs.filter((r) => r.status === 'ok').length, rs.length).percent;
        }),
        missing: judged.filter((r) => r.status === 'missing').length,
        late: judged.filter((r) => r.status === 'late').length,
        today: { ...s.today, pending: s.today.pending.sort((x, y) => byTr(x.name, y.name)) },
      };
    })
    .sort((a, b) => byTr(a.name, b.name));

  // The filter lists are everyone in scope; the lists below follow the chosen specialist and board.
  const options = {
    specialists: specialistList.map((x) => ({ id: x.id, name: x.name })),
    boards: boards.map((b) => ({ id: b.id, name: b.name })),
  };
  // The model counts what it shows: the compliance findings in the chosen specialist's and board's scope.
  const onBoard = (id: string) => !focus.board || id === focus.board;
  const ofMember = (id: string) => !focus.member || id === focus.member;
  const shown = findings.filter((f) => onBoard(f.boardId) && ofMember(f.memberId));
  const bySeverity: Record<Severity, number> = { critical: 0, warning: 0, info: 0 };
  let total = 0;
  for (const f of shown) {
    if (f.class === 'risk') continue;
    bySeverity[f.severity]++;
    total++;
  }
  return finishDashboard({
    now,
    today,
    week,
    month,
    lastMonth,
    weeks,
    viewer,
    people: input.people,
    focus,
    options,
    specialists: specialistList,
    findings: shown,
    counts: { bySeverity, total },
    atRisk,
    boards,
    cards,
  });
}

/**
 * What both dashboard paths share (whole boards above, verdict rows in dashboard-rows.ts): the chosen specialist and
 * board applied to the lists, findings split into compliance and risk and sorted, the viewer's team leads.
 * `findings`: those in scope (the rows path picks them in SQL); `counts`: the compliance ones in scope, which the rows
 * path counts in SQL beyond the ones it picked.
 */
export function finishDashboard(p: {
  now: Date;
  today: string;
  week: WeekKey;
  month: MonthKey;
  lastMonth: MonthKey;
  weeks: WeekKey[];
  viewer: Viewer;
  people: readonly Person[];
  focus: { member?: string; board?: string };
  options: DashboardData['options'];
  specialists: DashboardSpecialist[];
  findings: readonly DashboardFinding[];
  counts: { bySeverity: Record<Severity, number>; total: number };
  atRisk: AtRiskCustomer[];
  boards: DashboardData['boards'];
  cards: DashboardCard[];
}): DashboardData {
  const { focus, viewer } = p;
  const onBoard = (id: string) => !focus.board || id === focus.board;
  const ofMember = (id: string) => !focus.member || id === focus.member;
  const shownSpecialists = p.specialists
    .filter((x) => ofMember(x.id) && (!focus.board || x.boards.includes(focus.board)))
    .map((x) => (focus.board ? { ...x, today: { ...x.today, pending: x.today.pending.filter((q) => q.boardId === focus.board) } } : x));
  const risks = p.findings.filter((f) => f.class === 'risk').sort((a, b) => byDefault(b.period, a.period));
  const items = p.findings.filter((f) => f.class !== 'risk');
  items.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || byDefault(b.period, a.period));
  p.atRisk.sort((a, b) => b.score - a.score || byTr(a.name, b.name));

  const leads = p.people.filter((q) => q.role === 'teamLead' && (viewer.person.role === 'manager' || q.trelloId === viewer.person.trelloId));
  return {
    generatedAt: p.now.toISOString(),
    today: p.today,
    week: p.week,
    month: p.month,
    lastMonth: p.lastMonth,
    weeks: p.weeks,
    viewer: { name: viewer.person.name, role: viewer.person.role, trelloId: viewer.person.trelloId },
    teamLeads: leads.map((q) => ({
      trelloId: q.trelloId,
      name: q.name,
      ...(q.boards ? { boards: q.boards } : {}),
      ...(q.specialists ? { specialists: q.specialists } : {}),
    })),
    options: p.options,
    focus: { ...(focus.member ? { member: focus.member } : {}), ...(focus.board ? { board: focus.board } : {}) },
    specialists: shownSpecialists,
    findings: { bySeverity: p.counts.bySeverity, total: p.counts.total, items: items.slice(0, MAX_FINDING_ITEMS) },
    risks: risks.slice(0, MAX_FINDING_ITEMS),
    atRisk: p.atRisk.filter((c) => onBoard(c.boardId) && ofMember(c.memberId)),
    boards: p.boards.filter((b) => onBoard(b.id)),
    cards: p.cards.filter((c) => onBoard(c.boardId) && ofMember(c.memberId)).sort((a, b) => byTr(a.name, b.name)),
  };
}
