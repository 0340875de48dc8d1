/**
 * R38 (P9, A9) on the latest disk or traffic reading: `critical` at ≥ 95 % (a risk, not the specialist's
 * finding, when that week's entries record every action); `high` at ≥ 80 % unless
 * that week's entries record `informed` plus `optimized` or `upgradeSuggested`; `stale` when the
 * latest reading was posted more than 8 days ago (R36). Unlimited traffic has no thresholds (A10).
 * `postponed` (R38, R45): the customer postponed (`erteledi`) while the reading was ≥ 80 %: every ended week after
 * the postponement needs a reminder (an `informed` entry, or the customer postponing again) until the action is
 * done (an `optimized` entry, or a reading below 80 %).
 * One file, two rules: `disk` and `traffic` judge the same way.
 */
import { addDays, daysBetween, weekDates, weekKey } from '../../dates.js';
import { findPostponed } from '../../entries/actions.js';
import { foldTurkish } from '../../entries/fold.js';
import { text2 } from '../../i18n.js';
import { quotaActionsMissing } from '../../requirements.js';
import type { Finding, WeekKey } from '../../types.js';
import type { CardContext, EntryRecord } from '../context.js';
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
  for (const f of judgePostponed(ctx, res)) out.push(f); // no spread: one finding per week, unbounded
  return findingsOnly(out);
}

function postponedIn(e: EntryRecord): boolean {
  return findPostponed(foldTurkish(e.comment.text));
}

function percentOf(ctx: CardContext, e: EntryRecord, res: Resource): number | undefined {
  const r = e.entry.readings[res];
  if (!r || r.unlimited) return undefined;
  return readingPercent(r, profileTotal(ctx.profile, res));
}

/**
 * R38, R45: after the customer's latest postponement of an action on a reading ≥ the high threshold, each ended
 * week until the action is done needs a reminder entry. A week where the action was done (or the reading fell
 * below the threshold) and every week after it are not judged.
 */
export function judgePostponed<R extends Resource>(ctx: CardContext, res: R): Array<Finding<R>> {
  const postponed = ctx.entries.filter(postponedIn);
  const last = postponed.at(-1);
  if (!last) return [];
  const before = latestReading(
    ctx.entries.filter((e) => e.comment.postedAt <= last.comment.postedAt),
    res,
  );
  const atPostpone = before && percentOf(ctx, before.record, res);
  if (atPostpone === undefined || atPostpone < ctx.thresholds.high) return [];
  // The week the customer acted: an `optimized` entry, or a reading below the threshold, posted after it.
  let doneWeek: WeekKey | undefined;
  for (const e of ctx.entries) {
    if (e.comment.postedAt <= last.comment.postedAt) continue;
    const p = percentOf(ctx, e, res);
    if (e.entry.actions.includes('optimized') || (p !== undefined && p < ctx.thresholds.high)) {
      doneWeek = weekKey(e.postedDay);
      break;
    }
  }
  const out: Array<Finding<R>> = [];
  const startWeek = weekKey(last.postedDay);
  for (let monday = addDays(weekDates(startWeek)[0] ?? last.postedDay, 7); ; monday = addDays(monday, 7)) {
    const week = weekKey(monday);
    const sunday = weekDates(week)[6] ?? addDays(monday, 6);
    if (sunday >= ctx.today || (doneWeek !== undefined && week >= doneWeek)) break;
    if (sunday < ctx.judgeFrom) continue;
    const reminded = (ctx.byWeek.get(week) ?? []).some((e) => e.entry.actions.includes('informed') || postponedIn(e));
    if (reminded) continue;
    const detail = text2('finding.quota.postponed', { resource: resourceName(res, true), week, date: last.postedDay });
    out.push(cardFinding(ctx, res, 'postponed', week, responsibleOn(ctx, sunday), detail, 'warning', [last.comment.id]));
  }
  return out;
}

export const diskRule = cardRule({ id: 'disk', periods: ['week'], evaluate: (ctx: CardContext) => judgeQuota(ctx, 'disk') });
export const trafficRule = cardRule({ id: 'traffic', periods: ['week'], evaluate: (ctx: CardContext) => judgeQuota(ctx, 'traffic') });
