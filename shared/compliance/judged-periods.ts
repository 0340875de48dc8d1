/**
 * The judged periods of one card in a date range (R18 intro, R31 daily, R34/R36 weekly, R41 monthly), each with
 * its outcome from the rules themselves, or why it is not judged. The evidence report and the dashboard ask this
 * instead of re-deciding which periods count, so a report can never disagree with the findings (R62). Which
 * rules count periods, and which periods each requires, is the rules' own word: every registry rule with
 * `periodsIn` (shared/compliance/rule.ts), in registry order.
 *
 * @example judgedPeriods(prepareBoard(snapshot, now).cards[0], '2026-11-01', '2026-11-30')
 */
import { pushAll } from '../arrays.js';
import type { DateKey } from '../types.js';
import type { CardContext } from './context.js';
import { RULES } from './registry.js';
import type { CardRule, NotJudgedReason, RulePeriod } from './rule.js';

type RegistryRule = (typeof RULES)[number];
/** The registry's rules that list their periods. */
type PeriodRule = Extract<RegistryRule, { periodsIn: unknown }>;
export type JudgedRule = PeriodRule['id'];
export type { NotJudgedReason };
export type JudgedPeriod = RulePeriod<JudgedRule>;

const isPeriodRule = (r: RegistryRule): r is PeriodRule => r.scope === 'card' && typeof r.periodsIn === 'function';
const PERIOD_RULES: ReadonlyArray<CardRule<JudgedRule>> = RULES.filter(isPeriodRule);

/** The rules that count periods, in registry order (intro, daily, weekly, monthly). */
export const JUDGED_RULES: readonly JudgedRule[] = PERIOD_RULES.map((r) => r.id);

/** Every period of `ctx`'s card in [from, to] that the handbook requires, oldest first per rule. */
export function judgedPeriods(ctx: CardContext, from: DateKey, to: DateKey): JudgedPeriod[] {
  const out: JudgedPeriod[] = [];
  for (const rule of PERIOD_RULES) if (rule.periodsIn) pushAll(out, rule.periodsIn(ctx, from, to));
  return out;
}
