/**
 * R38 (P9, A9) on the latest disk or traffic reading: `critical` at ≥ 95 % (a risk, not the specialist's
 * finding, when that week's entries record every action); `high` at ≥ 80 % unless
 * that week's entries record `informed` plus `optimized` or `upgradeSuggested`; `stale` when the
 * latest reading was posted more than 8 days ago (R36). Unlimited traffic has no thresholds (A10).
 * One file, two rules: `disk` and `traffic` judge the same way.
 */
import { daysBetween } from '../../dates.js';
import { text2 } from '../../i18n.js';
import { quotaActionsMissing } from '../../requirements.js';
import type { Finding } from '../../types.js';
import type { CardContext } from '../context.js';
import { responsibleOn } from '../periods.js';
import { latestReading, profileTotal, readingPercent, resourceName, type Resource } from '../readings.js';
import { asRisk, cardFinding, cardRule, findingsOnly, type RuleResult } from '../rule.js';

/** R38 for one resource. */
function judgeQuota<R extends Resource>(ctx: CardContext, res: R): RuleResult<R> {
  const latest = latestReading(ctx.entries, res);
  if (!latest) return findingsOnly([]);
  const out: Array<Finding<R>> = [];
  const { record, reading } = latest;
  const week = record.week;
  const member = responsibleOn(ctx, ctx.today);
  const name = resourceName(res);
  const ids = [record.comment.id];
  const percent = reading.unlimited ? undefined : readingPercent(reading, profileTotal(ctx.profile, res));
  if (percent !== undefined) {
    const shown = Math.round(percent * 10) / 10;
    const actions = (ctx.byWeek.get(week) ?? []).flatMap((e) => e.entry.actions);
    const missed = quotaActionsMissing(percent, actions, ctx.thresholds).length > 0;
    if (percent >= ctx.thresholds.critical) {
      // Critical with every R38 action recorded: the site's state, not the specialist's miss (docs/rules.md
      // "Compliance and risk"): a risk for the team lead, no escalation. Without them: the specialist's finding.
      const f = missed
        ? cardFinding(ctx, res, 'critical', week, member, text2('finding.quota.critical', { resource: name, percent: shown, week }), 'critical', ids)
        : asRisk(cardFinding(ctx, res, 'critical', week, member, text2('finding.quota.risk', { resource: name, percent: shown, week }), 'critical', ids));
      out.push(f);
    } else if (percent >= ctx.thresholds.high && missed) {
      out.push(cardFinding(ctx, res, 'high', week, member, text2('finding.quota.high', { resource: name, percent: shown, week }), 'warning', ids));
    }
  }
  const age = daysBetween(record.postedDay, ctx.today);
  if (age > ctx.thresholds.staleDays) {
    const detail = text2('finding.quota.stale', { resource: resourceName(res, true), days: age, posted: record.comment.postedAt });
    out.push(cardFinding(ctx, res, 'stale', week, member, detail, 'warning', ids));
  }
  return findingsOnly(out);
}

export const diskRule = cardRule({ id: 'disk', periods: ['week'], evaluate: (ctx: CardContext) => judgeQuota(ctx, 'disk') });
export const trafficRule = cardRule({ id: 'traffic', periods: ['week'], evaluate: (ctx: CardContext) => judgeQuota(ctx, 'traffic') });
