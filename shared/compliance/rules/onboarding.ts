/**
 * The onboarding set (handbook «Atama»: «eksiksiz olarak uygulamak zorundadır»; R19, R21, R22, R23, R3, R5, P6): each
 * item of the card's "Nabız: karşılama" checklist must be ticked by the end of its deadline day, N of the specialist's
 * working days after `assignedAt` (shared/checklists.ts ONBOARDING_ITEMS; docs/rules.md). A tick is Trello's
 * `updateCheckItemStateOnCard` fact with its time and author.
 *
 * Not judged (no finding, never guessed against the specialist): a card without the checklist, an item renamed or
 * removed, a deadline before the checklist was added to the card or before the judged window, and an item that is
 * ticked but whose tick is not on record (created ticked, or ticked before a cut history).
 * The slot item is not judged on a deadline inside a recorded «no training during the integration» span (P20).
 * Blame: whoever answered for the card on the deadline day (the cover during leave, P17).
 */
import { ONBOARDING_CHECKLIST, ONBOARDING_ITEMS, stateAt } from '../../checklists.js';
import { dayEnd, trelloIdTime } from '../../dates.js';
import { text2 } from '../../i18n.js';
import type { DateKey, Finding } from '../../types.js';
import type { CardContext } from '../context.js';
import { responsibleOn } from '../periods.js';
import { cardFinding, cardRule, findingsOnly, type RuleResult } from '../rule.js';
import { trainingExempt } from './training.js';

/** The deadline: `days` of the specialist's working days after the assignment day. */
export function onboardingDeadline(ctx: CardContext, days: number): DateKey | null {
  let d = ctx.profile.assignedAt;
  try {
    for (let i = 0; i < days; i++) d = ctx.cal.nextWorkingDay(ctx.specialist, d);
  } catch {
    return null;
  }
  return d;
}

export const onboardingRule = cardRule({
  id: 'onboarding',
  periods: ['day'],
  evaluate(ctx: CardContext): RuleResult<'onboarding'> {
    const cl = ctx.card.checklists?.find((c) => c.name === ONBOARDING_CHECKLIST);
    if (!cl || ctx.profile.assignedAt < ctx.judgeFrom) return findingsOnly([]);
    const addedMs = trelloIdTime(cl.id)?.getTime();
    const ticks = ctx.ticks; // recorded facts (Trello's dates), else the snapshot's ticks
    const out: Array<Finding<'onboarding'>> = [];
    for (const def of ONBOARDING_ITEMS) {
      const item = cl.items.find((i) => i.name === def.name);
      const deadline = onboardingDeadline(ctx, def.days);
      if (!item || !deadline) continue;
      if (def.key === 'slot' && trainingExempt(ctx, deadline)) continue;
      const endMs = dayEnd(deadline).getTime();
      if (ctx.now.getTime() < endMs) continue; // still due
      if (addedMs !== undefined && addedMs > endMs) continue; // the checklist came after the deadline
      const at = stateAt(item, ticks, endMs);
      if (at === null || at === 'complete') continue;
      const member = responsibleOn(ctx, deadline);
      // Ticked after the deadline and still ticked at `now` (the ticks decide; an untick in between counts).
      const nowMs = ctx.now.getTime();
      const later = ticks.find((t) => t.itemId === item.id && t.state === 'complete' && Date.parse(t.at) > endMs && Date.parse(t.at) <= nowMs);
      if (later && stateAt(item, ticks, nowMs) === 'complete') {
        const detail = text2('finding.onboarding.late', { item: def.name, deadline, posted: later.at });
        out.push(cardFinding(ctx, 'onboarding', 'late', deadline, member, detail, 'info'));
      } else {
        const detail = text2('finding.onboarding.missing', { item: def.name, date: ctx.profile.assignedAt, deadline });
        out.push(cardFinding(ctx, 'onboarding', 'missing', deadline, member, detail, 'warning'));
      }
    }
    return findingsOnly(out);
  },
});
