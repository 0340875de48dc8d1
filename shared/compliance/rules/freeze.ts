/**
 * R20 (P12): a service freeze counts only once a team lead or manager known in NABIZ_PEOPLE approved it — a
 * `freeze-approval` fact (the Power-Up's approval form) or a `#dondurma-onay` comment written by them
 * (docs/grammar.md). A frozen range, in any profile version known at `now`, with days no approval covers →
 * `freeze missing`, period = the range's first day, reported to the lead (they approve freezes, not the
 * specialist); those days exempt nothing (docs/rules.md "Facts in force"). Judged only when the evaluation was
 * given the people list.
 */
import { daysBetween } from '../../dates.js';
import { text2 } from '../../i18n.js';
import type { Finding } from '../../types.js';
import type { CardContext } from '../context.js';
import { cardFinding, cardRule, findingsOnly, type RuleResult } from '../rule.js';

export const freezeRule = cardRule({
  id: 'freeze',
  periods: ['day'],
  evaluate(ctx: CardContext): RuleResult<'freeze'> {
    const out: Array<Finding<'freeze'>> = [];
    for (const f of ctx.freezes ?? []) {
      const parts = f.unapproved.filter((p) => p.from <= ctx.today && p.to >= ctx.judgeFrom);
      const [first] = parts;
      if (!first) continue;
      const days = parts.reduce((n, p) => n + daysBetween(p.from, p.to) + 1, 0);
      const detail = text2('finding.freeze.unapproved', { from: f.from, to: f.to, days, first: first.from });
      out.push(cardFinding(ctx, 'freeze', 'missing', f.from, ctx.freezeLead ?? '', detail, 'warning'));
    }
    return findingsOnly(out);
  },
});
