/**
 * Training slots, across the board's cards:
 * - R3/A16: a non-pool customer needs a training slot → `slot missing`.
 * - R1/R53: two slots of one specialist less than 50 minutes apart → `slot overlap` on both cards.
 * - P13 (R51, A12), warning only: a slot that starts before 08:15 or whose 50 minutes end after
 *   18:15 → `slot warning` (never counted as missing).
 * Cards frozen today hold no slot. A customer who does not want training during the integration, on record
 * (P20, `trainingExemptLight`), needs no slot until go-live: `slot missing` is not judged then.
 */
import { text2 } from '../../i18n.js';
import type { Finding, Text2 } from '../../types.js';
import { boardRule, cardFinding, type LightCard } from '../rule.js';
import { trainingExemptLight } from './training.js';
import { SLOT_MINUTES, WORK_END_MINUTES, WORK_START_MINUTES, slotMinutes, slotsOverlap, startsOverlap } from '../../slots.js';

// The slot arithmetic lives in shared/slots.ts: the Power-Up's schedule imports it without the rule engine.
export { SLOT_MINUTES, WORK_END_MINUTES, WORK_START_MINUTES, slotMinutes, slotsOverlap };

function hhmm(mins: number): string {
  return `${String(Math.floor(mins / 60)).padStart(2, '0')}:${String(mins % 60).padStart(2, '0')}`;
}

/** A slot of a card on a specialist's list: its start in minutes, read once (slotMinutes). */
interface Held {
  ctx: LightCard;
  slot: string;
  start: number;
}

/** R1/R3/R53/P13 across the board's cards. */
function slotFindings(cards: readonly LightCard[]): Array<Finding<'slot'>> {
  const out: Array<Finding<'slot'>> = [];
  const bySpecialist = new Map<string, Held[]>();
  for (const ctx of cards) {
    if (ctx.profile.pool) continue;
    const slot = ctx.profile.trainingSlot;
    if (!slot) {
      if (trainingExemptLight(ctx, ctx.today)) continue;
      out.push(cardFinding(ctx, 'slot', 'missing', '', ctx.specialist, text2('finding.slot.missing'), 'warning'));
      continue;
    }
    if (ctx.cal.isFrozen(ctx.profile, ctx.today)) continue;
    const start = slotMinutes(slot);
    if (start < WORK_START_MINUTES || start + SLOT_MINUTES > WORK_END_MINUTES) {
      const vars = { time: slot, end: hhmm(start + SLOT_MINUTES), from: hhmm(WORK_START_MINUTES), to: hhmm(WORK_END_MINUTES) };
      out.push(cardFinding(ctx, 'slot', 'warning', '', ctx.specialist, text2('finding.slot.hours', vars), 'warning'));
    }
    const list = bySpecialist.get(ctx.specialist);
    if (list) list.push({ ctx, slot, start });
    else bySpecialist.set(ctx.specialist, [{ ctx, slot, start }]);
  }
  for (const list of bySpecialist.values()) {
    // Every ordered pair of clashing slots is a finding (k cards on one hour: k(k-1)), so each pair costs little: the
    // starts are read once, and a pair's text, which depends on the other card and the two times only, is made once
    // per time of the card it is on (cards of one specialist clash when their times lie close).
    const texts = new Map<string, Array<Text2 | undefined>>();
    for (const a of list) {
      let byOther = texts.get(a.slot);
      if (!byOther) texts.set(a.slot, (byOther = []));
      for (const [j, b] of list.entries()) {
        if (a === b || !startsOverlap(a.start, b.start)) continue;
        let detail = byOther[j];
        if (!detail) byOther[j] = detail = text2('finding.slot.overlap', { time: a.slot, other: b.ctx.card.name, otherTime: b.slot });
        out.push(cardFinding(a.ctx, 'slot', 'overlap', '', a.ctx.specialist, detail, 'warning'));
      }
    }
  }
  return out;
}

export const slotRule = boardRule({
  id: 'slot',
  periods: ['none'],
  reach: 'cards',
  evaluate: (board) => ({ findings: slotFindings(board.cards) }),
});
