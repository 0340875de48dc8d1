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
/**
 * Stamped on reports: the handbook edition the rules implement and the revision of this rule set
 * (bump `revision` whenever a rule's outcome can change). Reports print it in plain words.
 */
export const RULES_STAMP = { handbook: 'Gelişmiş Destek Kılavuzu V1', handbookDate: '2024-03-01', revision: 4 } as const;
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
export { judgedMonths, judgedWeeks, periodStart, requiredDays, responsibleOn, type JudgedMonth, type RequiredPeriod } from './compliance/periods.js';
export { completeReading, hasReading, latestReading, readingPercent, weeklyReadings, type Resource } from './compliance/readings.js';
export { RULES } from './compliance/registry.js';
export {
  boardRule,
  cardFinding,
  cardRule,
  rulesFor,
  type BoardRule,
  type CardRule,
  type PeriodKind,
  type PeriodOutcome,
  type Rule,
  type RuleResult,
} from './compliance/rule.js';
export { DAILY_KINDS } from './compliance/rules/daily.js';
export { entryPeriodEnd } from './compliance/rules/evidence.js';
export { goLiveDeadline, goLiveLimitDays, goLiveState, type GoLiveState } from './compliance/rules/golive.js';
export { GROWTH_POINTS } from './compliance/rules/growth.js';
export { LEAVE_COVER_LOOKAHEAD_DAYS, LEAVE_NOTICE_DAYS } from './compliance/rules/leave.js';
export { SLOT_MINUTES, WORK_END_MINUTES, WORK_START_MINUTES } from './compliance/rules/slot.js';
