/**
 * The one shape of a compliance rule. A rule is a value: its id (the finding's `rule`, which must
 * have a `rule.<id>` label in the dictionaries, or the file does not compile), whether it judges one
 * card or the whole board, the periods it judges, and `evaluate`. The registry (registry.ts) lists
 * them; adding a rule is one file, one registry line and its dictionary entries. docs/rules.md is
 * the catalogue of ids.
 */
import { dictionaries, type RuleId, type RuleIdOf, type Texts } from '../i18n.js';
import type { DateKey, EntryKind, Finding, FindingClass, FindingStatus, Severity, Text2 } from '../types.js';
import type { CardContext, PreparedBoard } from './context.js';
import type { DayBasis } from './facts-in-force.js';

/** What a rule's findings are about: a day, an ISO week, a month, or nothing dated (a profile, a slot). */
export type PeriodKind = 'day' | 'week' | 'month' | 'none';

/** Outcome of one judged period (feeds the summary's compliance counts). */
export interface PeriodOutcome {
  kind: 'daily' | 'weekly' | 'monthly';
  period: string;
  memberId: string;
  outcome: 'onTime' | 'late' | 'missing';
}

export interface RuleResult<Id extends string = RuleId> {
  findings: Array<Finding<Id>>;
  /** Judged periods with their outcome: only the daily, weekly and monthly rules count periods. */
  outcomes: PeriodOutcome[];
}

interface RuleBase<Id extends string> {
  readonly id: Id;
  /** The kinds of period its findings carry (docs and the catalogue test read it). */
  readonly periods: readonly PeriodKind[];
}

/** Judges one customer card at a time. */
export interface CardRule<Id extends string = RuleId> extends RuleBase<Id> {
  readonly scope: 'card';
  evaluate(ctx: CardContext): RuleResult<Id>;
  /**
   * Rules that require dated periods (intro R18, daily R31, weekly R34/R36, monthly R41): every period the rule
   * requires in [from, to], judged with its outcome from `evaluate` or not judged with the reason, so the evidence
   * report and the dashboard (judged-periods.ts) never keep a second copy of which periods count (R62).
   */
  periodsIn?(ctx: CardContext, from: DateKey, to: DateKey): Array<RulePeriod<Id>>;
}

/** A card rule that lists its periods (`periodsIn` present). */
export type PeriodRule<Id extends string = RuleId> = CardRule<Id> & { periodsIn: NonNullable<CardRule<Id>['periodsIn']> };

/**
 * Why a required period is not judged: `due` — it (or its grace) has not ended; `before-tracking` — before the card's
 * assignment or the board's tracking start; `history-cut` — before the first day of a cut Trello history.
 */
export type NotJudgedReason = 'due' | 'before-tracking' | 'history-cut';

/** One period a rule requires of a card: its outcome from the rule's own evaluate, or why it is not judged (R62). */
export interface RulePeriod<Id extends string = string> {
  rule: Id;
  /** `YYYY-MM-DD`, `YYYY-Www` or `YYYY-MM`. */
  period: string;
  /** Responsible member (the cover during leave). */
  memberId: string;
  outcome: 'onTime' | 'late' | 'missing' | 'not-judged';
  reason?: NotJudgedReason;
  /** First day of the period. */
  start: DateKey;
  /** Last day an entry counts as on time (the day itself, Sunday, the 3rd working day of the next month…). */
  lastOnTimeDay: DateKey;
  /** Entry kinds that satisfy the period. */
  kinds: ReadonlySet<EntryKind>;
  /**
   * The facts the period was judged under (docs/rules.md "Who is responsible"): of the day itself, the
   * period's last required day (week, month) or the assignment/hand-over day (intro).
   */
  basis: DayBasis;
}

/**
 * What a rule across cards may read of each card: evaluateBoardByCard (a 50,000-card audit) keeps only this of
 * every card, never the prepared entries.
 */
export type LightCard = Pick<CardContext, 'card' | 'profile' | 'specialist' | 'cal' | 'today' | 'judgeFrom' | 'comments' | 'ticks' | 'monthOwners'>;
/** The board as a rule across cards sees it. */
export type LightBoard = Pick<
  PreparedBoard,
  'settings' | 'settingsError' | 'cal' | 'today' | 'historyDay' | 'timeline' | 'leadCard' | 'leads' | 'members' | 'now'
> & {
  cards: readonly LightCard[];
};

/**
 * Judges the board as a whole; counts no periods. `reach` says how far one finding looks, which is how
 * evaluateBoardByCard splits the rule without a copy of it:
 * - `card`: a card's findings depend on that card and the board alone (run on a board of that one card), and
 *   the board-level findings (`cardId: ''`) on the board alone (run on a board without cards);
 * - `cards`: findings compare cards (slots, a specialist's customers): run once over every card's light part.
 */
export type BoardRule<Id extends string = RuleId> = CardReachRule<Id> | CardsReachRule<Id>;

interface CardReachRule<Id extends string> extends RuleBase<Id> {
  readonly scope: 'board';
  readonly reach: 'card';
  evaluate(board: PreparedBoard): Pick<RuleResult<Id>, 'findings'>;
}

interface CardsReachRule<Id extends string> extends RuleBase<Id> {
  readonly scope: 'board';
  readonly reach: 'cards';
  /**
   * `true`: reads who wrote on which day (the cards' comments by author and posting day, P19). A rule without it
   * reads no comment but those whose text it needs (acrossReadsText, rules/training.ts): when only that activity
   * changed, an incremental re-judge runs the marked rules alone and keeps the others' findings
   * (verdicts.ts acrossAfterActivity).
   */
  readonly activity?: true;
  evaluate(board: LightBoard): Pick<RuleResult<Id>, 'findings'>;
}

export type Rule<Id extends string = RuleId> = CardRule<Id> | BoardRule<Id>;

/**
 * The rule constructors over a set of texts: `id` must be one of the rule ids the texts label
 * (`rule.<id>`), so a rule without its label is a type error. The domain's rules use `cardRule` and
 * `boardRule` below; a rule with its own texts (see extendTexts in shared/i18n.ts) calls `rulesFor(texts)`.
 */
export function rulesFor<K extends string>(
  _texts: Texts<K>,
): {
  cardRule: <const Id extends RuleIdOf<K>>(rule: Omit<CardRule<Id>, 'scope'>) => CardRule<Id>;
  periodRule: <const Id extends RuleIdOf<K>>(rule: Omit<PeriodRule<Id>, 'scope'>) => PeriodRule<Id>;
  boardRule: <const Id extends RuleIdOf<K>>(rule: Omit<CardReachRule<Id>, 'scope'> | Omit<CardsReachRule<Id>, 'scope'>) => BoardRule<Id>;
} {
  return {
    cardRule: (rule) => ({ ...rule, scope: 'card' }),
    periodRule: (rule) => ({ ...rule, scope: 'card' }),
    boardRule: (rule) => (rule.reach === 'card' ? { ...rule, scope: 'board' } : { ...rule, scope: 'board' }),
  };
}

export const { cardRule, periodRule, boardRule } = rulesFor(dictionaries);

/** A finding on a card; `memberId` null → the card's specialist. */
export function cardFinding<Id extends string>(
  ctx: Pick<CardContext, 'card' | 'specialist'>,
  rule: Id,
  status: FindingStatus,
  period: string,
  memberId: string | null,
  detail: Text2,
  severity: Severity,
  actionIds?: string[],
): Finding<Id> {
  const f: Finding<Id> = { rule, cardId: ctx.card.id, memberId: memberId ?? ctx.specialist, period, status, detail, severity };
  if (actionIds?.length) f.actionIds = actionIds;
  f.class = 'compliance';
  return f;
}

/** The class of a finding (docs/rules.md "Compliance and risk"); stored results from before it existed are compliance. */
export function findingClass(f: { class?: FindingClass | undefined }): FindingClass {
  return f.class === 'risk' ? 'risk' : 'compliance';
}

/** Every finding of a result says its class (docs/rules.md "Compliance and risk"); rules mark their risks with asRisk. */
export function withClass<F extends Finding<string>>(findings: F[]): F[] {
  for (const f of findings) f.class = findingClass(f);
  return findings;
}

/** A finding about the customer's site state, not a duty missed: it never counts against `memberId`. */
export function asRisk<F extends Finding<string>>(f: F): F {
  f.class = 'risk';
  return f;
}

/** Findings only: a rule that counts no periods. */
export function findingsOnly<Id extends string>(findings: Array<Finding<Id>>): RuleResult<Id> {
  return { findings, outcomes: [] };
}
