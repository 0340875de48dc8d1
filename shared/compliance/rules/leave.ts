/**
 * Leave, warning only (the compliance badge and notifications ignore it):
 *
 * P15 (R54, A13): a leave in the board settings recorded (`createdAt`) later than 2 calendar days
 * before its first day, and not marked `emergency` → `leave warning`, board-level (`cardId: ''`),
 * period = the leave's `from`, blamed on the member on leave (they tell the team lead, R54). A leave
 * without `createdAt` is not judged (when it was announced is unknown, and a guess is no evidence);
 * neither is one recorded after `now` (an audit of the past) nor one starting before `trackingStart`.
 *
 * P16 (R55–R57, A19), judged before the leave starts and kept after it ends: for each leave of the card's
 * owner (the owner in force each day, docs/rules.md "Facts in force") that starts within the next 14 days,
 * is running, or has ended inside the card's judged window, a card whose covers in force do not cover every
 * working day of the leave (frozen days need none) → `leave warning` on that card, period = the leave's
 * `from`, blamed on the member on leave (they ask for the temp, R56). A leave removed from the settings later
 * still counts (it happened).
 * - `package: 'monthly'` (R56), or no package recorded (A19: a cover is assumed required) → judged.
 * - `fixedTerm` (R57): cover **xor** extra days: the uncovered leave days become extra service days (they
 *   move the go-live deadline and show on the card, `CardStatus.goLive.extraDays`) → no finding.
 * - `other`: the customer may decline the temp (R55) → no finding. Special attention (R55) is not
 *   recorded in the profile (A19), so it is not judged.
 */
import { addDays, daysBetween, earlierDay, isoWeekday } from '../../dates.js';
import { text2 } from '../../i18n.js';
import { isShortNoticeLeave } from '../../profile.js';
import type { DateKey, Finding } from '../../types.js';
import { inForce, type CardContext, type PreparedBoard } from '../context.js';
import { boardRule, cardFinding } from '../rule.js';

/** A13: leave is announced at least this many calendar days before it starts. */
export const LEAVE_NOTICE_DAYS = 2;
/** P16 flags "before the leave starts": leave starting within this many days of today (or running now) is judged. */
export const LEAVE_COVER_LOOKAHEAD_DAYS = 14;
/** Longest leave whose days P16 walks (a longer range is a data error; its first year is judged). */
const LEAVE_MAX_DAYS = 366;

type LeaveBoard = Pick<PreparedBoard, 'settings' | 'cal' | 'cards' | 'today'> & { timeline?: PreparedBoard['timeline'] };

/** P15: leaves recorded too late. */
function leaveNoticeFindings(board: Pick<PreparedBoard, 'settings' | 'today'> & { timeline?: PreparedBoard['timeline'] }): Array<Finding<'leave'>> {
  const out: Array<Finding<'leave'>> = [];
  const start = board.settings.trackingStart;
  for (const leave of knownLeaves(board)) {
    const announced = leave.createdAt;
    // isShortNoticeLeave: null without createdAt (not judged), false when emergency (A13 exempts it).
    if (announced === undefined || isShortNoticeLeave(leave) !== true) continue;
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

type Leave = NonNullable<PreparedBoard['settings']['leaves']>[number];

/** Every leave the board knows at `now`: every settings version's (a leave removed later still happened). */
function knownLeaves(board: Pick<PreparedBoard, 'settings' | 'timeline'>): readonly Leave[] {
  return board.timeline ? board.timeline.allLeaves : (board.settings.leaves ?? []);
}

/**
 * The days of a leave on which the card would need an entry were its owner not away, under the facts in
 * force that day (a coming day: today's): the member on leave owns the card that day, on or after
 * `assignedAt`, not frozen, Mon–Fri (or a rota Saturday of theirs, R50/A1), not a holiday (A2). Split into
 * those without a cover by the package in force: `cover` (monthly or unknown, R56/A19) and `extra`
 * (fixed-term: the days become extra service days, R57).
 */
export function uncoveredLeaveDays(
  board: Pick<PreparedBoard, 'settings' | 'today'>,
  ctx: CardContext,
  leave: { memberId: string; from: DateKey; to: DateKey },
): { cover: DateKey[]; extra: DateKey[] } {
  const out: { cover: DateKey[]; extra: DateKey[] } = { cover: [], extra: [] };
  if (!ctx.timeline && ctx.specialist !== leave.memberId) return out;
  for (let d = leave.from, i = 0; d <= leave.to && i < LEAVE_MAX_DAYS; d = addDays(d, 1), i++) {
    const at = earlierDay(d, board.today);
    const { cal, input } = inForce(ctx, at);
    if (input.specialist !== leave.memberId) continue;
    const { profile } = input;
    if (d < profile.assignedAt || cal.isFrozen(profile, d) || cal.isHoliday(d)) continue;
    const rota = (ctx.timeline ? ctx.timeline.on(at).settings : board.settings).saturdayRota ?? {};
    const wd = isoWeekday(d);
    if (wd === 7 || (wd === 6 && !(rota[d] ?? []).includes(leave.memberId))) continue;
    if ((profile.cover ?? []).some((c) => c.from <= d && d <= c.to)) continue;
    if (profile.package === 'fixedTerm') out.extra.push(d);
    else if (profile.package !== 'other') out.cover.push(d);
  }
  return out;
}

/** R57: a fixed-term card's leave days without a cover, every leave known at `now`: extra service days. */
export function extraServiceDays(board: Pick<PreparedBoard, 'settings' | 'today' | 'timeline'>, ctx: CardContext): DateKey[] {
  const days = new Set<DateKey>();
  if (!ctx.timeline && ctx.profile.package !== 'fixedTerm') return [];
  for (const leave of knownLeaves(board)) for (const d of uncoveredLeaveDays(board, ctx, leave).extra) days.add(d);
  return [...days].sort();
}

/**
 * P16 (R56): leaves without a cover on a card whose package needs one: upcoming (within 14 days) or running
 * leaves, and ended ones inside the card's judged window — an ended leave's finding stays.
 */
function leaveCoverFindings(board: LeaveBoard): Array<Finding<'leave'>> {
  const leaves = knownLeaves(board);
  if (!leaves.length) return [];
  const horizon = addDays(board.today, LEAVE_COVER_LOOKAHEAD_DAYS);
  const judged = leaves.filter((l) => l.from <= horizon);
  const out: Array<Finding<'leave'>> = [];
  for (const ctx of board.cards) {
    if (ctx.profile.assignedAt > board.today) continue; // not assigned yet
    for (const leave of judged) {
      const ended = leave.to < board.today;
      const { cover } = uncoveredLeaveDays(board, ctx, leave);
      const uncovered = ended ? cover.filter((d) => d >= ctx.judgeFrom) : cover;
      const first = uncovered[0];
      if (first === undefined) continue;
      const pkg = inForce(ctx, earlierDay(first, board.today)).input.profile.package;
      const key = pkg === 'monthly' ? 'finding.leave.cover-monthly' : 'finding.leave.cover-unknown';
      const vars = { date: leave.from, leaveEnd: leave.to, firstDay: first, days: uncovered.length };
      out.push(cardFinding(ctx, 'leave', 'warning', leave.from, leave.memberId, text2(key, vars), 'warning'));
    }
  }
  return out;
}

export const leaveRule = boardRule({
  id: 'leave',
  periods: ['day'],
  reach: 'card',
  evaluate: (board: LeaveBoard): { findings: Array<Finding<'leave'>> } => ({ findings: [...leaveNoticeFindings(board), ...leaveCoverFindings(board)] }),
});
