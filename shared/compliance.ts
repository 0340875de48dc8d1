/**
 * The compliance rules as pure functions: snapshot + now → findings + summary. Each rule is one file
 * in shared/compliance/rules/ with one shape (shared/compliance/rule.ts), listed once in
 * shared/compliance/registry.ts; docs/rules.md is the catalogue of rule ids (R31 daily, R34/R36
 * weekly, R41 monthly, R18 intro, R27/R28 go-live, R38 quota, R11 unreachable, R1/R3/R53 slots,
 * R62 evidence, and the warning-only P3, P10, P13, P15, P16).
 *
 * Every comment is parsed once and indexed by card and by day/week/month, so a board of 40 cards
 * × 90 days evaluates in milliseconds. Nothing here reads the clock: `now` is passed in.
 * This module is the public face: other parts import from here, not from the files behind it.
 *
 * @example
 *   const result = evaluateBoard(snapshotFromTrello(exportJson), new Date('2026-11-23T06:00:00Z'));
 *   result.findings.filter((f) => f.rule === 'daily' && f.status === 'missing')
 */
import { runCardRules } from './compliance/evaluate.js';
import type { CardContext } from './compliance/context.js';
import { RULES } from './compliance/registry.js';
import type { PeriodOutcome, RuleResult } from './compliance/rule.js';
import { dailyRule } from './compliance/rules/daily.js';
import { judgeEvidence } from './compliance/rules/evidence.js';
import { goLiveReasonRule, goLiveRule } from './compliance/rules/golive.js';
import { judgeGrowth } from './compliance/rules/growth.js';
import { introRule } from './compliance/rules/intro.js';
import { judgeLeaveCover, judgeLeaveNotice } from './compliance/rules/leave.js';
import { monthlyRule } from './compliance/rules/monthly.js';
import { poolContactRule } from './compliance/rules/pool-contact.js';
import { judgeCardProfile } from './compliance/rules/profile.js';
import { judgeQuota } from './compliance/rules/quota.js';
import { judgeSlots } from './compliance/rules/slot.js';
import { unreachableRule } from './compliance/rules/unreachable.js';
import { weeklyRule } from './compliance/rules/weekly.js';
import type { Resource } from './compliance/readings.js';
import type { CommentRecord, Finding } from './types.js';

/**
 * Stamped on reports: the handbook edition the rules implement and the revision of this rule set
 * (bump `revision` whenever a rule's outcome can change). Reports print it in plain words.
 */
export const RULES_STAMP = { handbook: 'Gelişmiş Destek Kılavuzu V1', handbookDate: '2024-03-01', revision: 3 } as const;
/** The same as one machine-readable line (JSON reports, CLI). */
export const RULES_VERSION = `${RULES_STAMP.handbook} (${RULES_STAMP.handbookDate}) · rules ${RULES_STAMP.revision}`;

export {
  commentsByCardAt,
  customerCards,
  firstCompleteDay,
  graceDay,
  prepareBoard,
  type CardContext,
  type EntryRecord,
  type EvaluateOptions,
  type PreparedBoard,
} from './compliance/context.js';
export { evaluateBoard, runCardRules } from './compliance/evaluate.js';
export { judgedMonths, judgedWeeks, periodStart, requiredDays, responsibleOn, type JudgedMonth, type JudgedPeriod } from './compliance/periods.js';
export { completeReading, hasReading, latestReading, readingPercent, weeklyReadings, type Resource } from './compliance/readings.js';
export { RULES } from './compliance/registry.js';
export { boardRule, cardFinding, cardRule, rulesFor, type BoardRule, type CardRule, type PeriodKind, type PeriodOutcome, type Rule, type RuleResult } from './compliance/rule.js';
export { DAILY_KINDS } from './compliance/rules/daily.js';
export { entryPeriodEnd } from './compliance/rules/evidence.js';
export { goLiveDeadline, goLiveLimitDays, goLiveState, type GoLiveState } from './compliance/rules/golive.js';
export { GROWTH_POINTS } from './compliance/rules/growth.js';
export { LEAVE_COVER_LOOKAHEAD_DAYS, LEAVE_NOTICE_DAYS } from './compliance/rules/leave.js';
export { SLOT_MINUTES, WORK_END_MINUTES, WORK_START_MINUTES } from './compliance/rules/slot.js';

/** R31: the judged days of a card and the daily findings (the evidence report reads its outcomes). */
export const ruleDaily = (ctx: CardContext): RuleResult<'daily'> => dailyRule.evaluate(ctx);
/** R34/R36: the judged weeks of a card and the weekly findings. */
export const ruleWeekly = (ctx: CardContext): RuleResult<'weekly'> => weeklyRule.evaluate(ctx);
/** R41: the judged months of a card and the monthly findings. */
export const ruleMonthly = (ctx: CardContext): RuleResult<'monthly'> => monthlyRule.evaluate(ctx);

/**
 * All findings of one prepared card from the card-scope rules (the board-wide profile, slot and
 * leave rules run in evaluateBoard). `comments` defaults to the card's own.
 */
export function evaluateCard(ctx: CardContext, comments?: readonly CommentRecord[]): { findings: Finding[]; outcomes: PeriodOutcome[] } {
  const card = comments === undefined ? ctx : { ...ctx, comments: [...comments] };
  return runCardRules(RULES, card);
}

// The rule functions under their earlier names and signatures, for callers written before the rule files.
export const ruleIntro = (ctx: CardContext): Finding[] => introRule.evaluate(ctx).findings;
export const ruleSlots = (cards: readonly CardContext[]): Finding[] => judgeSlots(cards);
export const ruleLeaveNotice = judgeLeaveNotice;
export const ruleLeaveCover = judgeLeaveCover;
export const ruleProfile = (ctx: CardContext): Finding[] => judgeCardProfile(ctx);
