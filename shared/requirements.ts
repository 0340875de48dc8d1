/**
 * What an entry needs, said once: the weekly form asks exactly this and the compliance rules judge
 * exactly this, so an entry the form lets through can never be flagged as incomplete for its period.
 *
 * - R31 (P1): a required working day needs a daily, intro or unreachable entry for that day.
 * - R37 (P2): a weekly entry carries a disk and a traffic reading (used and total).
 * - R38 (P9, A9): a reading at or above the board's `high` threshold (80 % by default) needs, in that
 *   week's entries, "customer informed" AND ("optimised" OR "extra quota suggested").
 * - A reading at or above `critical` (95 %) is flagged critical whatever was done: with the R38 actions
 *   recorded it is a risk (the site's state, docs/rules.md "Compliance and risk"), without them the
 *   specialist's finding; the form can only warn about it.
 *
 * Pure, no I/O, small enough for the Power-Up bundle.
 *
 * @example
 *   quotaActionsMissing(85, ['informed'], { high: 80 }) // ['remedy']
 *   quotaActionsMissing(85, ['informed', 'optimized'], { high: 80 }) // []
 */
import type { EntryKind, QuotaAction } from './types.js';

/** R31 (P1): a required working day needs one entry of these kinds for it. */
export const DAILY_ENTRY_KINDS: readonly EntryKind[] = ['daily', 'intro', 'unreachable'];

/**
 * A12: the working day ends at 18:15 Istanbul (the later shift; the same end as the slot rule's working hours).
 * Until then today's missing daily is "pending", not late.
 */
export const WORKDAY_END = '18:15';

/** The parts of R38 a high reading still lacks: `informed`, and `remedy` (optimised or extra quota suggested). */
export type QuotaNeed = 'informed' | 'remedy';

/** R38: the actions that together satisfy the rule for a high reading. */
export const REMEDY_ACTIONS: readonly QuotaAction[] = ['optimized', 'upgradeSuggested'];

/**
 * What R38 still needs for a reading at `percent` given the actions recorded for its week; [] when
 * nothing (below `high`, unknown percentage, or both parts present).
 */
export function quotaActionsMissing(percent: number | undefined, actions: Iterable<QuotaAction>, thresholds: { high: number }): QuotaNeed[] {
  if (percent === undefined || percent < thresholds.high) return [];
  const have = new Set(actions);
  const out: QuotaNeed[] = [];
  if (!have.has('informed')) out.push('informed');
  if (!REMEDY_ACTIONS.some((a) => have.has(a))) out.push('remedy');
  return out;
}

/** A9: a reading at or above `critical` is flagged critical at once, whatever the entry records. */
export function isCriticalReading(percent: number | undefined, thresholds: { critical: number }): boolean {
  return percent !== undefined && percent >= thresholds.critical;
}
