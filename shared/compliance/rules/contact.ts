/**
 * R60, P18 (extra): be ready for emergency leave and for a cover — the card names the customer's contact person and
 * phone. Flagged while a leave of the card's specialist starts within 14 days or is running (the cover will need
 * them), period = the leave's first day, blamed on the specialist. Warning only (docs/rules.md).
 */
import { addDays } from '../../calendar.js';
import { text2 } from '../../i18n.js';
import type { CardContext, PreparedBoard } from '../context.js';
import { boardRule, cardFinding, findingsOnly, type RuleResult } from '../rule.js';
import type { Finding } from '../../types.js';

/** How long before a leave the card must be complete (the leave rule's horizon, P16). */
export const CONTACT_HORIZON_DAYS = 14;

function contactFindings(ctx: CardContext, settings: PreparedBoard['settings']): RuleResult<'contact'> {
  const missing = [ctx.profile.contactName ? null : 'name', ctx.profile.contactPhone ? null : 'phone'].filter(Boolean);
  if (missing.length === 0) return findingsOnly([]);
  const horizon = addDays(ctx.today, CONTACT_HORIZON_DAYS);
  const leave = (settings.leaves ?? []).find((l) => l.memberId === ctx.specialist && l.from <= horizon && l.to >= ctx.today);
  if (!leave) return findingsOnly([]);
  const key = missing.length === 2 ? 'finding.contact.both' : missing[0] === 'name' ? 'finding.contact.name' : 'finding.contact.phone';
  return findingsOnly([cardFinding(ctx, 'contact', 'warning', leave.from, ctx.specialist, text2(key, { date: leave.from }), 'warning')]);
}

export const contactRule = boardRule({
  id: 'contact',
  periods: ['day'],
  reach: 'card',
  evaluate: (board: Pick<PreparedBoard, 'settings' | 'cards'>): { findings: Array<Finding<'contact'>> } => ({
    findings: board.cards.flatMap((ctx) => contactFindings(ctx, board.settings).findings),
  }),
});
