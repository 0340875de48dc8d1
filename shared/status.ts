/**
 * What `GET /api/boards/:id/status` returns to the Power-Up (docs/powerup.md, docs/operations.md): per customer card the
 * latest readings, the newest entry of each kind, its open findings, the count the compliance
 * badge shows, and the go-live countdown — one response for all badges of a board.
 *
 * @example
 *   const result = evaluateBoard(snapshot, now);
 *   boardStatus(snapshot, result, now, { lastScanAt: '2026-11-23T06:00:00Z' }).cards[cardId].missing // 3
 */
import { goLiveProgress } from './checklists.js';
import {
  completeReading,
  goLiveState,
  latestReading,
  prepareBoard,
  weeklyReadings,
  type CardContext,
  type EvaluateOptions,
  type Resource,
} from './compliance.js';
import { basisOn } from './compliance/context.js';
import type { DayBasis } from './compliance/facts-in-force.js';
import { daysBetween, monthDates, monthKey, weekDates, weekKey } from './dates.js';
import { DAILY_ENTRY_KINDS } from './requirements.js';
import type { AuditResult, BoardSnapshot, BoardStatus, CardStatus, DateKey, EntryKind, Finding, RuleId, StatusBasis, StatusFinding } from './types.js';
import { addDays } from './calendar.js';

/** Rules whose `missing`/`incomplete` findings the compliance badge counts ("3 eksik"). */
const COUNTED_RULES: ReadonlySet<RuleId> = new Set(['daily', 'weekly', 'monthly', 'intro', 'golive-reason']);

/**
 * Periods still lacking an entry: `missing` or `incomplete` findings of the entry rules. Late entries
 * are present (A26) and no longer count, so writing a late entry turns the badge green again.
 */
export function missingCount(findings: ReadonlyArray<Pick<Finding, 'rule' | 'status'>>): number {
  return findings.filter((f) => COUNTED_RULES.has(f.rule) && (f.status === 'missing' || f.status === 'incomplete')).length;
}

/** The period kinds whose open periods the Power-Up lists (card back "Dönemler", Uyum table). */
const PERIOD_RULES: ReadonlySet<RuleId> = new Set(['daily', 'weekly', 'monthly']);
const OPEN_PERIOD: ReadonlySet<string> = new Set(['missing', 'incomplete', 'late']);
/** Warnings about periods older than this are history, not open items (growth P10 repeats every week). */
export const STATUS_WARNING_DAYS = 35;
/**
 * Findings of one rule and status the card back lists with their text; the rest are counted on the last one
 * (`more`): a card with many findings of one kind (weeks of growth warnings, P10) lists five, they say enough.
 */
export const STATUS_SAME_KIND = 5;

/** First day of a finding's period (`YYYY-MM-DD`, `YYYY-Www`, `YYYY-MM`), '' when timeless. */
function periodStart(period: string): string {
  const w = /^(\d{4})-W(\d{2})$/.exec(period);
  if (w) {
    // ISO week: the Monday of week 1 is the Monday on or before 4 January.
    const jan4 = new Date(Date.UTC(Number(w[1]), 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000 + (Number(w[2]) - 1) * 7 * 86_400_000);
    return monday.toISOString().slice(0, 10);
  }
  if (/^\d{4}-\d{2}$/.test(period)) return `${period}-01`;
  return period;
}

/**
 * The findings the status API sends for one card: periods of daily/weekly/monthly that are missing, incomplete or
 * late (rule, period, status: what the counts and period lists need), and every other finding with its text,
 * except info/warning findings about periods more than STATUS_WARNING_DAYS old (a year of weekly growth warnings is
 * history the reports show, not something to act on from the card back).
 */
export function statusFindings(findings: readonly Finding[], today: DateKey): StatusFinding[] {
  const oldest = addDays(today, -STATUS_WARNING_DAYS);
  const out: StatusFinding[] = [];
  // Per rule and status of the other findings: the first STATUS_SAME_KIND with their text, then a count.
  const kept = new Map<string, StatusFinding[]>();
  for (const f of findings) {
    if (PERIOD_RULES.has(f.rule)) {
      // Open periods, and anything else the compliance badge counts as open (shared/badges.ts isOpenFinding).
      const open =
        f.class === 'risk' ? f.severity !== 'info' : f.status !== 'late' && f.status !== 'due-soon' && f.status !== 'warning' && f.severity !== 'info';
      if (OPEN_PERIOD.has(f.status) || open)
        out.push({ rule: f.rule, period: f.period, status: f.status, severity: f.severity, ...(f.class ? { class: f.class } : {}) });
      continue;
    }
    if (f.severity !== 'critical' && f.period && periodStart(f.period) < oldest) continue;
    const key = `${f.rule}|${f.status}`;
    let same = kept.get(key);
    if (!same) kept.set(key, (same = []));
    if (same.length < STATUS_SAME_KIND) {
      const s: StatusFinding = {
        rule: f.rule,
        period: f.period,
        status: f.status,
        severity: f.severity,
        detail: f.detail,
        ...(f.class ? { class: f.class } : {}),
      };
      same.push(s);
      out.push(s);
    } else {
      // STATUS_SAME_KIND ≥ 1 findings are kept, so the list has a last one.
      const last = same[same.length - 1];
      if (last) last.more = (last.more ?? 0) + 1;
    }
  }
  return out;
}

function readingStatus(ctx: CardContext, res: Resource): CardStatus['readings']['disk'] {
  const latest = latestReading(ctx.entries, res);
  if (!latest) return undefined;
  const total = res === 'disk' ? ctx.profile.quotaTotalGB : ctx.profile.trafficTotalGB;
  const out: NonNullable<CardStatus['readings']['disk']> = {
    ...completeReading(latest.reading, total),
    week: latest.record.week,
    postedAt: latest.record.comment.postedAt,
    stale: daysBetween(latest.record.postedDay, ctx.today) > ctx.thresholds.staleDays,
  };
  if (res === 'disk') {
    const trend = diskTrend(ctx, total);
    if (trend) out.trend = trend;
  }
  return out;
}

/**
 * The card front's disk-trend arrow: the newest week's reading against the week before (each week's newest, as the
 * growth rule reads them, R39). Percentage points when both have one, else GB; within 1 point (or 0,1 GB) is flat.
 * undefined with fewer than two weekly readings: no arrow rather than a guess.
 */
export function diskTrend(ctx: Pick<CardContext, 'entries'>, total: number | undefined): 'up' | 'down' | 'flat' | undefined {
  const weeks = weeklyReadings(ctx.entries, 'disk');
  if (weeks.length < 2) return undefined;
  const prev = weeks[weeks.length - 2];
  const last = weeks[weeks.length - 1];
  if (!prev || !last) return undefined;
  const a = completeReading(prev.reading, total);
  const b = completeReading(last.reading, total);
  const pct = a.percent !== undefined && b.percent !== undefined ? b.percent - a.percent : undefined;
  const d = pct ?? (b.usedGB !== undefined && a.usedGB !== undefined ? b.usedGB - a.usedGB : undefined);
  if (d === undefined) return undefined;
  const tol = pct !== undefined ? 1 : 0.1;
  return d > tol ? 'up' : d < -tol ? 'down' : 'flat';
}

/** The compact form of a resolved day (shared/compliance/facts-in-force.ts DayBasis) the card back shows. */
export function compactBasis(row: StatusBasis['row'], period: string, b: DayBasis): StatusBasis {
  const role: StatusBasis['role'] = b.responsible === null ? 'none' : b.responsible === b.owner ? 'owner' : 'cover';
  const out: StatusBasis = { row, period, day: b.day, owner: b.owner, responsible: b.responsible, role };
  if (b.leave) out.leave = true;
  if (b.frozen) out.frozen = { approved: b.frozen.approved };
  const seqs = [b.ownerSeq, b.leave?.seq, b.cover?.seq, b.frozen?.seq, b.frozen?.approval?.seq].filter((n): n is number => n !== undefined);
  if (seqs.length) out.seqs = [...new Set(seqs)].sort((x, y) => x - y);
  if (b.knownFrom) out.knownFrom = b.knownFrom;
  return out;
}

/**
 * The facts in force for the card back's rows: today, and the week and month as the rules judge them (their last
 * required day so far, shared/compliance/judged-periods.ts), this period's or, when it has none yet, the last one's.
 */
export function statusBasis(ctx: CardContext): StatusBasis[] {
  const out: StatusBasis[] = [];
  if (ctx.today >= ctx.judgeFrom) out.push(compactBasis('today', ctx.today, basisOn(ctx, ctx.today)));
  const lastRequired = (days: readonly DateKey[], weekly: boolean): DateKey | undefined => {
    for (const d of [...days].reverse()) {
      if (d <= ctx.today && (ctx.required.has(d) || (weekly && ctx.weeklyRequired.has(d)))) return d;
    }
    return undefined;
  };
  const thisWeek = weekKey(ctx.today);
  for (const w of [thisWeek, weekKey(addDays(ctx.today, -7))]) {
    const day = lastRequired(weekDates(w), true);
    if (day) {
      out.push(compactBasis('week', w, basisOn(ctx, day)));
      break;
    }
  }
  const thisMonth = monthKey(ctx.today);
  for (const mo of [thisMonth, monthKey(addDays(`${thisMonth}-01`, -1))]) {
    const day = lastRequired(monthDates(mo), false);
    if (day) {
      out.push(compactBasis('month', mo, basisOn(ctx, day)));
      break;
    }
  }
  return out;
}

/** Status of one prepared card. */
export function cardStatus(ctx: CardContext, findings: readonly Finding[]): CardStatus {
  const lastEntry: Partial<Record<EntryKind, string>> = {};
  for (const e of ctx.entries) {
    // entries are oldest first, so the last write wins
    for (const k of e.entry.kinds) lastEntry[k] = e.comment.postedAt;
  }
  const readings: CardStatus['readings'] = {};
  const disk = readingStatus(ctx, 'disk');
  const traffic = readingStatus(ctx, 'traffic');
  if (disk) readings.disk = disk;
  if (traffic) readings.traffic = traffic;
  const gl = goLiveState(ctx.profile, ctx.entries, ctx.today, ctx.extraDays);
  const goLive: CardStatus['goLive'] = { deadline: gl.deadline, daysLeft: gl.daysLeft, live: gl.live };
  // R57: a fixed-term customer's leave days without a cover, shown on the card and added to the deadline.
  if (ctx.extraDays.length) goLive.extraDays = [...ctx.extraDays];
  if (gl.liveAt) goLive.liveAt = gl.liveAt;
  const steps = goLiveProgress(ctx.card.checklists);
  if (steps) goLive.steps = steps;
  // R28, as the go-live rule judges it: the go-live badge then opens the delay form only while the reason is missing.
  const deadline = gl.deadline;
  if (!gl.live && deadline !== null && gl.daysLeft !== null && gl.daysLeft < 0) {
    goLive.reasonGiven = ctx.entries.some((e) => e.entry.kinds.includes('delay') && e.postedDay >= deadline);
  }
  // R31 for today, from the same calendar and entries as ruleDaily (today is due, never missing, on the server).
  const todays = ctx.byDate.get(ctx.today) ?? [];
  const today = { date: ctx.today, required: ctx.required.has(ctx.today), done: todays.some((e) => e.entry.kinds.some((k) => DAILY_ENTRY_KINDS.includes(k))) };
  const out: CardStatus = {
    cardId: ctx.card.id,
    memberId: ctx.cal.responsible(ctx.calInput, ctx.today) ?? ctx.specialist,
    readings,
    lastEntry,
    findings: statusFindings(findings, ctx.today),
    missing: missingCount(findings),
    goLive,
    today,
  };
  const basis = statusBasis(ctx);
  if (basis.length) out.basis = basis;
  return out;
}

/**
 * What a card's status needs, kept with its verdict rows when the card is judged (server/src/store/judge.ts): the
 * status without its findings, and the board's thresholds. Valid for the Istanbul day it was judged on
 * (docs/architecture.md "Evaluation path"). The card's findings are not repeated here: they are its verdict rows,
 * read with the cross-card findings when the status is answered (cardStatusFromPart).
 */
export interface CardStatusPart {
  base: Omit<CardStatus, 'findings' | 'missing'>;
  thresholds: NonNullable<BoardStatus['thresholds']>;
}

/** A prepared card's status part at judge time. */
export function cardStatusPart(ctx: CardContext): CardStatusPart {
  const { findings: _f, missing: _m, ...base } = cardStatus(ctx, []);
  return { base, thresholds: { ...ctx.thresholds } };
}

/**
 * A card's status from its kept part, its own findings (its verdict rows, in their order) and the cross-card findings
 * on it (sorted as evaluateBoard sorts a card's findings: `sort` is shared/compliance/evaluate.ts sortFindings): the
 * same as cardStatus on the whole board.
 */
export function cardStatusFromPart(
  part: CardStatusPart,
  own: readonly Finding[],
  across: readonly Finding[],
  today: DateKey,
  sort: (fs: Finding[]) => Finding[],
): CardStatus {
  const all = across.length ? sort([...own, ...across]) : own;
  const { cardId, memberId, readings, lastEntry, ...rest } = part.base;
  return { cardId, memberId, readings, lastEntry, findings: statusFindings(all, today), missing: missingCount(own) + missingCount(across), ...rest };
}

/**
 * The board's status for the Power-Up: every customer card (open card in an open list), keyed by
 * card id. `result` is `evaluateBoard(snapshot, now)` (the server caches it per scan).
 */
export function boardStatus(
  snapshot: BoardSnapshot,
  result: AuditResult,
  now: Date,
  opts: { lastScanAt?: string | null; evaluate?: EvaluateOptions } = {},
): BoardStatus {
  const board = prepareBoard(snapshot, now, opts.evaluate);
  const byCard = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = byCard.get(f.cardId);
    if (list) list.push(f);
    else byCard.set(f.cardId, [f]);
  }
  const cards: Record<string, CardStatus> = {};
  for (const ctx of board.cards) cards[ctx.card.id] = cardStatus(ctx, byCard.get(ctx.card.id) ?? []);
  return {
    boardId: snapshot.id,
    boardName: snapshot.name,
    generatedAt: now.toISOString(),
    lastScanAt: opts.lastScanAt ?? null,
    cards,
    thresholds: { ...board.thresholds },
  };
}
