/**
 * Training slots, across the board's cards:
 * - R3/A16: a non-pool customer needs a training slot → `slot missing`.
 * - R1/R53: two slots of one specialist less than 50 minutes apart clash → one `slot overlap` per card whose slot
 *   clashes, naming the cards it clashes with (the first SLOT_OVERLAP_NAMED by start time, then how many more).
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

/** Cards an overlap finding names; the rest are counted ("ve 44 kart daha"). */
export const SLOT_OVERLAP_NAMED = 5;

/** The stable order of slots: by start, then card name, then card id. */
function byStart(a: Held, b: Held): number {
  if (a.start !== b.start) return a.start - b.start;
  const an = a.ctx.card.name;
  const bn = b.ctx.card.name;
  if (an !== bn) return an < bn ? -1 : 1;
  const ai = a.ctx.card.id;
  const bi = b.ctx.card.id;
  return ai < bi ? -1 : ai > bi ? 1 : 0;
}

/** The text of a card's overlap: its slot, how many cards it clashes with, the first few of them (in start order). */
function overlapText(time: string, others: readonly Held[]): Text2 {
  const named = others
    .slice(0, SLOT_OVERLAP_NAMED)
    .map((b) => `${b.ctx.card.name} (${b.slot})`)
    .join(', ');
  const more = others.length - SLOT_OVERLAP_NAMED;
  const cards = more > 0 ? text2('finding.slot.overlap-more', { cards: named, more }) : named;
  const cardsWord = { tr: 'kart', en: others.length === 1 ? 'card' : 'cards' };
  return text2('finding.slot.overlap', { time, count: others.length, cardsWord, cards });
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
    // One finding per clashing card (k cards on one hour: k findings, not k(k-1)), naming the others in start order.
    list.sort(byStart);
    for (const a of list) {
      const others = list.filter((b) => b !== a && startsOverlap(a.start, b.start));
      if (others.length) out.push(cardFinding(a.ctx, 'slot', 'overlap', '', a.ctx.specialist, overlapText(a.slot, others), 'warning'));
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
