/**
 * Bad input, reported and survived: invalid board settings (a board-level finding, `cardId: ''`) and
 * an invalid pluginData profile (on its card, with the zod message). Either way the board is
 * evaluated with defaults.
 */
import { text2 } from '../../i18n.js';
import type { Finding } from '../../types.js';
import type { CardContext, PreparedBoard } from '../context.js';
import { boardRule, cardFinding } from '../rule.js';
import { pushAll } from '../../arrays.js';

/** The card's invalid profile, if any. */
function cardProfileFindings(ctx: CardContext): Array<Finding<'profile'>> {
  if (!ctx.profileError) return [];
  return [cardFinding(ctx, 'profile', 'invalid', '', ctx.specialist, text2('finding.profile.invalid', { error: ctx.profileError }), 'warning')];
}

export const profileRule = boardRule({
  id: 'profile',
  periods: ['none'],
  reach: 'card',
  evaluate(board: PreparedBoard): { findings: Array<Finding<'profile'>> } {
    const findings: Array<Finding<'profile'>> = [];
    if (board.settingsError) {
      const detail = text2('finding.settings.invalid', { error: board.settingsError });
      findings.push({ rule: 'profile', cardId: '', memberId: '', period: '', status: 'invalid', detail, severity: 'warning' });
    }
    for (const ctx of board.cards) pushAll(findings, cardProfileFindings(ctx));
    return { findings };
  },
});
