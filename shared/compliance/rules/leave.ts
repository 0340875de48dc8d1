/**
 * Leave, warning only (the compliance badge and notifications ignore it):
 *
 * P15 (R54, A13): a leave in the board settings recorded (`createdAt`) later than 2 calendar days
 * before its first day, and not marked `emergency` → `leave warning`, board-level (`cardId: ''`),
 * period = the leave's `from`, blamed on the member on leave (they tell the team lead, R54). A leave
 * without `createdAt` is not judged (when it was announced is unknown, and a guess is no evidence);
 * neither is one recorded after `now` (an audit of the past) nor one starting before `trackingStart`.
 *
 * P16 (R55–R57, A19), judged **before** the leave ends: for each leave of a card's specialist that
 * starts within the next 14 days or is running now, an active card (a customer assigned by today;
 * frozen days need no cover) whose `profile.cover` ranges do not cover every working day of the
 * leave → `leave warning` on that card, period = the leave's `from`, blamed on the specialist (they
 * ask for the temp, R56).
 * - `package: 'monthly'` (R56), or no package recorded (A19: a cover is assumed required) → judged.
 * - `fixedTerm` (R57): cover **xor** extra days; the profile has no `extraDays` field, so a missing
 *   cover may be the customer's choice of extra days → no finding.
 * - `other`: the customer may decline the temp (R55) → no finding. Special attention (R55) is not
 *   recorded in the profile (A19), so it is not judged.
 * Past leaves are not judged here: the daily rule already blames the cover, or nobody.
 */
import { addDays, daysBetween, isoWeekday } from '../../dates.js';
import { text2 } from '../../i18n.js';
import { isShortNoticeLeave } from '../../profile.js';
import type { DateKey, Finding } from '../../types.js';
import type { CardContext, PreparedBoard } from '../context.js';
import { boardRule, cardFinding } from '../rule.js';

/** A13: leave is announced at least this many calendar days before it starts. */
export const LEAVE_NOTICE_DAYS = 2;
/** P16 flags "before the leave starts": leave starting within this many days of today (or running now) is judged. */
export const LEAVE_COVER_LOOKAHEAD_DAYS = 14;
/** Longest leave whose days P16 walks (a longer range is a data error; its first year is judged). */
const LEAVE_MAX_DAYS = 366;

type LeaveBoard = Pick<PreparedBoard, 'settings' | 'cal' | 'cards' | 'today'>;

/** P15: leaves recorded too late. */
export function judgeLeaveNotice(board: Pick<PreparedBoard, 'settings' | 'today'>): Array<Finding<'leave'>> {
  const out: Array<Finding<'leave'>> = [];
  const start = board.settings.trackingStart;
  for (const leave of board.settings.leaves ?? []) {
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

/** P16: upcoming or running leaves without a cover. */
export function judgeLeaveCover(board: LeaveBoard): Array<Finding<'leave'>> {
  const leaves = board.settings.leaves ?? [];
  if (!leaves.length) return [];
  const horizon = addDays(board.today, LEAVE_COVER_LOOKAHEAD_DAYS);
  const judged = leaves.filter((l) => l.to >= board.today && l.from <= horizon);
  const out: Array<Finding<'leave'>> = [];
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
      out.push(cardFinding(ctx, 'leave', 'warning', leave.from, ctx.specialist, text2(key, vars), 'warning'));
    }
  }
  return out;
}

export const leaveRule = boardRule({
  id: 'leave',
  periods: ['day'],
  evaluate: (board: LeaveBoard): { findings: Array<Finding<'leave'>> } => ({ findings: [...judgeLeaveNotice(board), ...judgeLeaveCover(board)] }),
});
