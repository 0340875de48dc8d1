// A rule added the way a new one is: one file with the rule and its texts in both languages. It
// judges the weeks the weekly rule judges (the shared period logic) and warns when a week holds fewer
// than three entries. Used by rule-shape.test.ts.
import { cardFinding, judgedWeeks, rulesFor, type RuleResult } from '../../../shared/compliance.js';
import { dictionaries, extendTexts, translator } from '../../../shared/i18n.js';
import type { Finding } from '../../../shared/types.js';

export const quietTexts = extendTexts(dictionaries, {
  tr: { 'rule.quiet': 'Sessiz hafta', 'finding.quiet.warning': '{week}: yalnızca {count} giriş var.' },
  en: { 'rule.quiet': 'Quiet week', 'finding.quiet.warning': '{week}: only {count} entries.' },
});

const { cardRule } = rulesFor(quietTexts);
const { text2 } = translator(quietTexts);

export const quietRule = cardRule({
  id: 'quiet',
  periods: ['week'],
  evaluate(ctx): RuleResult<'quiet'> {
    const findings: Array<Finding<'quiet'>> = [];
    for (const { key: week, member } of judgedWeeks(ctx)) {
      const count = (ctx.byWeek.get(week) ?? []).length;
      if (count < 3) findings.push(cardFinding(ctx, 'quiet', 'warning', week, member, text2('finding.quiet.warning', { week, count }), 'warning'));
    }
    return { findings, outcomes: [] };
  },
});
