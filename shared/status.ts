/**
 * What `GET /api/boards/:id/status` returns to the Power-Up (docs/powerup.md, docs/operations.md): per customer card the
 * latest readings, the newest entry of each kind, its open findings, the count the compliance
 * badge shows, and the go-live countdown — one response for all badges of a board.
 *
 * @example
 *   const result = evaluateBoard(snapshot, now);
 *   boardStatus(snapshot, result, now, { lastScanAt: '2026-11-23T06:00:00Z' }).cards[cardId].missing // 3
 */
import { completeReading, goLiveState, latestReading, prepareBoard, type CardContext, type EvaluateOptions, type Resource } from './compliance.js';
import { daysBetween } from './dates.js';
import { DAILY_ENTRY_KINDS } from './requirements.js';
import type { AuditResult, BoardSnapshot, BoardStatus, CardStatus, EntryKind, Finding, RuleId } from './types.js';

/** Rules whose `missing`/`incomplete` findings the compliance badge counts ("3 eksik"). */
const COUNTED_RULES: ReadonlySet<RuleId> = new Set(['daily', 'weekly', 'monthly', 'intro', 'golive-reason']);

/**
 * Periods still lacking an entry: `missing` or `incomplete` findings of the entry rules. Late entries
 * are present (A26) and no longer count, so writing a late entry turns the badge green again.
 */
export function missingCount(findings: readonly Finding[]): number {
  return findings.filter((f) => COUNTED_RULES.has(f.rule) && (f.status === 'missing' || f.status === 'incomplete')).length;
}

function readingStatus(ctx: CardContext, res: Resource): CardStatus['readings']['disk'] {
  const latest = latestReading(ctx.entries, res);
  if (!latest) return undefined;
  const total = res === 'disk' ? ctx.profile.quotaTotalGB : ctx.profile.trafficTotalGB;
  return {
    ...completeReading(latest.reading, total),
    week: latest.record.week,
    postedAt: latest.record.comment.postedAt,
    stale: daysBetween(latest.record.postedDay, ctx.today) > ctx.thresholds.staleDays,
  };
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
  // R28, as the go-live rule judges it: the go-live badge then opens the delay form only while the reason is missing.
  if (!gl.live && gl.deadline !== null && gl.daysLeft !== null && gl.daysLeft < 0) {
    goLive.reasonGiven = ctx.entries.some((e) => e.entry.kinds.includes('delay') && e.postedDay >= (gl.deadline as string));
  }
  // R31 for today, from the same calendar and entries as ruleDaily (today is due, never missing, on the server).
  const todays = ctx.byDate.get(ctx.today) ?? [];
  const today = { date: ctx.today, required: ctx.required.has(ctx.today), done: todays.some((e) => e.entry.kinds.some((k) => DAILY_ENTRY_KINDS.includes(k))) };
  return {
    cardId: ctx.card.id,
    memberId: ctx.cal.responsible(ctx.calInput, ctx.today) ?? ctx.specialist,
    readings,
    lastEntry,
    findings: [...findings],
    missing: missingCount(findings),
    goLive,
    today,
  };
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
