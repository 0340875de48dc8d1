/**
 * R12 (extra): «eğitim saatinde değişiklik … müşteriye mutlaka önceden bilgi verilmeli». A change of the card's
 * training slot is recorded from the profile's versions (docs/rules.md "Facts in force": pluginData changes leave no
 * Trello action, so the time is when Nabız noticed the new value) and shown to the team lead with the day it took
 * effect. Whether the customer was told in advance is not on the card: this is a record, never the specialist's
 * miss (status warning, severity info). Period = the day the change took effect.
 */
import { dateKey } from '../../dates.js';
import { text2 } from '../../i18n.js';
import { readProfile } from '../../profile.js';
import type { Finding } from '../../types.js';
import type { CardContext } from '../context.js';
import { cardFinding, cardRule, findingsOnly, type RuleResult } from '../rule.js';

export const slotChangeRule = cardRule({
  id: 'slot-change',
  periods: ['day'],
  evaluate(ctx: CardContext): RuleResult<'slot-change'> {
    const out: Array<Finding<'slot-change'>> = [];
    let prev: string | null | undefined;
    for (const v of ctx.profileVersions ?? []) {
      const read = readProfile({ ...ctx.card, pluginData: v.pluginData });
      if (!read.found || read.error) continue;
      const slot = read.profile.pool ? null : (read.profile.trainingSlot ?? null);
      if (prev !== undefined && slot !== prev && !v.baseline) {
        const day = dateKey(v.at);
        if (day >= ctx.judgeFrom) {
          const detail = text2('finding.slot-change.changed', { from: prev ?? '—', to: slot ?? '—', date: day });
          out.push(cardFinding(ctx, 'slot-change', 'warning', day, null, detail, 'info'));
        }
      }
      prev = slot;
    }
    return findingsOnly(out);
  },
});
