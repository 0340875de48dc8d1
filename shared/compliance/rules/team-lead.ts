/**
 * The team lead's view of the team (warnings for the lead, never the specialist's penalty; docs/rules.md):
 * - `capacity` (R2, P14): a specialist with fewer than 10 active customers (open customer cards, not frozen today),
 *   with the count. Board-level, one per specialist, undated.
 * - `inactive` (P19, R62): a specialist with no Trello activity — no comment and no check-item tick on any card of the
 *   board — for N of their working days in a row (board setting `inactiveDays`, default 2). Period = the run's first
 *   day; a run is judged once its N-th day has ended. Only days inside the board's judged window count.
 */
import { addDays, dateKey } from '../../calendar.js';
import { text2 } from '../../i18n.js';
import type { DateKey, Finding } from '../../types.js';
import type { Calendar } from '../../calendar.js';
import type { PreparedBoard } from '../context.js';
import { boardRule, type LightCard } from '../rule.js';

/** R2: «En az 10 adet gelişmiş destek müşterisine sahip olun.» */
export const MIN_CUSTOMERS = 10;
/** P19: working days without Trello activity before the lead is told (board setting `inactiveDays`). */
export const DEFAULT_INACTIVE_DAYS = 2;

/** R2, P14: specialists with fewer than MIN_CUSTOMERS active customers. */
function capacityFindings(cards: readonly LightCard[], cal: Calendar, today: DateKey): Array<Finding<'capacity'>> {
  const count = new Map<string, number>();
  for (const c of cards) {
    if (!c.specialist) continue;
    const active = !cal.isFrozen(c.profile, today) && c.profile.assignedAt <= today;
    count.set(c.specialist, (count.get(c.specialist) ?? 0) + (active ? 1 : 0));
  }
  const findings: Array<Finding<'capacity'>> = [];
  for (const [memberId, n] of count) {
    if (n >= MIN_CUSTOMERS) continue;
    findings.push({
      rule: 'capacity',
      cardId: '',
      memberId,
      period: '',
      status: 'warning',
      detail: text2('finding.capacity.low', { count: n, min: MIN_CUSTOMERS }),
      severity: 'info',
    });
  }
  return findings;
}

/** P19: runs of `inactiveDays` working days with no activity (comments, ticks: `memberId|day` keys). */
function inactiveFindings(
  cards: readonly LightCard[],
  active: ReadonlySet<string>,
  settings: PreparedBoard['settings'],
  cal: Calendar,
  today: DateKey,
): Array<Finding<'inactive'>> {
  const n = settings.inactiveDays ?? DEFAULT_INACTIVE_DAYS;
  const specialists = new Set<string>();
  let from: DateKey | undefined;
  for (const c of cards) {
    if (c.specialist) specialists.add(c.specialist);
    if (from === undefined || c.judgeFrom < from) from = c.judgeFrom;
  }
  const findings: Array<Finding<'inactive'>> = [];
  if (from === undefined) return findings;
  for (const memberId of specialists) {
    let run: DateKey[] = [];
    const flush = () => {
      const first = run[0];
      const last = run[run.length - 1];
      if (first !== undefined && last !== undefined && run.length >= n) {
        findings.push({
          rule: 'inactive',
          cardId: '',
          memberId,
          period: first,
          status: 'warning',
          detail: text2('finding.inactive.days', { date: first, end: last, days: run.length }),
          severity: 'warning',
        });
      }
      run = [];
    };
    // Today is never judged: it has not ended.
    for (let d = from; d < today; d = addDays(d, 1)) {
      if (!cal.isWorkingDay(memberId, d)) continue;
      if (active.has(`${memberId}|${d}`)) flush();
      else run.push(d);
    }
    flush();
  }
  return findings;
}

/** Activity keys `memberId|day` of comments (posted by now) and ticks. */
function activityKeys(comments: Iterable<{ authorId: string; postedAt: string }>, ticks: Iterable<{ memberId: string; at: string }>): Set<string> {
  const out = new Set<string>();
  for (const m of comments) out.add(`${m.authorId}|${dateKey(m.postedAt)}`);
  for (const t of ticks) out.add(`${t.memberId}|${dateKey(t.at)}`);
  return out;
}

export const capacityRule = boardRule({
  id: 'capacity',
  periods: ['none'],
  reach: 'cards',
  evaluate: (board) => ({ findings: capacityFindings(board.cards, board.cal, board.today) }),
});

export const inactiveRule = boardRule({
  id: 'inactive',
  periods: ['day'],
  reach: 'cards',
  activity: true,
  evaluate(board) {
    const active = activityKeys(
      board.cards.flatMap((c) => c.comments),
      board.cards.flatMap((c) => c.ticks),
    );
    return { findings: inactiveFindings(board.cards, active, board.settings, board.cal, board.today) };
  },
});
