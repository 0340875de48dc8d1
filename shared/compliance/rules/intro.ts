/**
 * R18 (P5, A14): an intro entry posted on the assignment day or by the end of the owner's next working day.
 * Judged only when the assignment day lies in the judged window. A hand-over (the owner in force changes from
 * one person to another, docs/rules.md "Who is responsible") gives the new owner the same duty from the
 * hand-over day: an intro entry posted on that day or by the end of their next working day.
 */
import { addDays, dayEnd } from '../../dates.js';
import { text2 } from '../../i18n.js';
import type { DateKey, EntryKind, Finding } from '../../types.js';
import { basisOn, inForce, type CardContext } from '../context.js';
import { periodWindow } from '../periods.js';
import { cardFinding, periodRule, findingsOnly, type RulePeriod, type RuleResult } from '../rule.js';

const INTRO = new Set<EntryKind>(['intro']);

export interface IntroDuty {
  /** The assignment or hand-over day (the finding's period). */
  day: DateKey;
  member: string;
  /** Last day an intro entry is on time. */
  deadline: DateKey;
  handover: boolean;
  /** Undefined while the deadline has not passed. */
  outcome?: 'onTime' | 'late' | 'missing';
  /** The intro entry that answered it (late or on time). */
  actionId?: string;
  posted?: string;
}

/** The owner in force on `day` ('' when nobody). */
function ownerOn(ctx: CardContext, day: DateKey): string {
  return ctx.timeline ? ctx.timeline.on(day).specialist : ctx.specialist;
}

/** The card's intro duties in its judged window: the assignment, then each hand-over (R18). */
/** R18: the last day an intro for `day` is on time (the owner's next working day, under that day's facts); undefined when the calendar cannot say. */
export function introDeadline(ctx: CardContext, member: string, day: DateKey): DateKey | undefined {
  try {
    return inForce(ctx, day).cal.nextWorkingDay(member, day);
  } catch {
    return undefined;
  }
}

export function introDuties(ctx: CardContext): IntroDuty[] {
  const days: Array<{ day: DateKey; member: string; handover: boolean }> = [];
  const assigned = ctx.profile.assignedAt;
  if (assigned >= ctx.judgeFrom && assigned <= ctx.today) days.push({ day: assigned, member: ownerOn(ctx, assigned) || ctx.specialist, handover: false });
  if (ctx.timeline) {
    let prev = ownerOn(ctx, addDays(ctx.judgeFrom, -1));
    for (const d of ctx.days) {
      const owner = ownerOn(ctx, d);
      if (owner && prev && owner !== prev && d !== assigned) days.push({ day: d, member: owner, handover: true });
      if (owner) prev = owner;
    }
  }
  const intros = ctx.entries.filter((e) => e.entry.kinds.includes('intro'));
  const out: IntroDuty[] = [];
  for (const [i, { day, member, handover }] of days.entries()) {
    const deadline = introDeadline(ctx, member, day);
    if (deadline === undefined) continue;
    const duty: IntroDuty = { day, member, deadline, handover };
    // A hand-over's intro is one posted from that day on, before the next hand-over.
    const next = days[i + 1]?.day;
    const own = handover ? intros.filter((e) => e.postedDay >= day && (next === undefined || e.postedDay < next)) : intros;
    if (ctx.now.getTime() >= dayEnd(deadline).getTime()) {
      const onTime = own.find((e) => e.postedDay <= deadline);
      const first = onTime ?? own[0];
      duty.outcome = onTime ? 'onTime' : first ? 'late' : 'missing';
      if (first) {
        duty.actionId = first.comment.id;
        duty.posted = first.comment.postedAt;
      }
    }
    out.push(duty);
  }
  return out;
}

export const introRule = periodRule({
  id: 'intro',
  periods: ['day'],
  evaluate(ctx: CardContext): RuleResult<'intro'> {
    const out: Array<Finding<'intro'>> = [];
    for (const d of introDuties(ctx)) {
      if (d.outcome === 'late') {
        const detail = text2(d.handover ? 'finding.intro.handover-late' : 'finding.intro.late', { date: d.day, deadline: d.deadline, posted: d.posted ?? '' });
        out.push(cardFinding(ctx, 'intro', 'late', d.day, d.member, detail, 'warning', d.actionId ? [d.actionId] : undefined));
      } else if (d.outcome === 'missing') {
        const detail = text2(d.handover ? 'finding.intro.handover-missing' : 'finding.intro.missing', { date: d.day, deadline: d.deadline });
        out.push(cardFinding(ctx, 'intro', 'missing', d.day, d.member, detail, 'warning'));
      }
    }
    return findingsOnly(out);
  },
  /** The assignment day when it lies before the judged window (not judged), then each duty of introDuties in [from, to]. */
  periodsIn(ctx: CardContext, from: DateKey, to: DateKey): Array<RulePeriod<'intro'>> {
    const out: Array<RulePeriod<'intro'>> = [];
    const { profile } = ctx;
    if (profile.assignedAt >= from && profile.assignedAt <= to && profile.assignedAt < ctx.judgeFrom) {
      const deadline = introDeadline(ctx, ctx.specialist, profile.assignedAt);
      if (deadline) {
        const base = {
          rule: 'intro',
          period: profile.assignedAt,
          memberId: ctx.specialist,
          start: profile.assignedAt,
          lastOnTimeDay: deadline,
          kinds: INTRO,
        } as const;
        out.push({ ...base, outcome: 'not-judged', reason: periodWindow(ctx, from).before(profile.assignedAt), basis: basisOn(ctx, profile.assignedAt) });
      }
    }
    for (const d of introDuties(ctx)) {
      if (d.day < from || d.day > to) continue;
      const base = {
        rule: 'intro',
        period: d.day,
        memberId: d.member,
        start: d.day,
        lastOnTimeDay: d.deadline,
        kinds: INTRO,
        basis: basisOn(ctx, d.day),
      } as const;
      out.push(d.outcome ? { ...base, outcome: d.outcome } : { ...base, outcome: 'not-judged', reason: 'due' });
    }
    return out;
  },
});
