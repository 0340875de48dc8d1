/**
 * Runs a list of rules over a prepared board: findings sorted by card (board order), period and rule
 * order, plus the summary per card and per responsible member.
 */
import type { AuditResult, BoardSnapshot, ComplianceCount, ComplianceSummary, Finding } from '../types.js';
import { prepareBoard, type CardContext, type EvaluateOptions, type PreparedBoard } from './context.js';
import { periodStart } from './periods.js';
import { RULES } from './registry.js';
import { withClass, type PeriodOutcome, type Rule, type RuleResult } from './rule.js';
import { pushAll } from '../arrays.js';

export function emptyCount(): ComplianceCount {
  return { judged: 0, onTime: 0, late: 0, missing: 0, percent: null };
}

export function addOutcome(c: ComplianceCount, o: Pick<PeriodOutcome, 'outcome'>): void {
  c.judged++;
  c[o.outcome]++;
  c.percent = Math.round((c.onTime / c.judged) * 1000) / 10;
}

/**
 * evaluateBoard's order of findings: card (board order; board-level and unknown cards first), period start,
 * rule (list order), status. Without `cardOrder` the card key is left out (findings of one card).
 */
export function sortFindings<F extends Pick<Finding<string>, 'cardId' | 'period' | 'rule' | 'status'>>(
  findings: F[],
  rules: ReadonlyArray<Rule<string>> = RULES,
  cardOrder?: ReadonlyMap<string, number>,
): F[] {
  const ruleOrder = new Map<string, number>(rules.map((r, i) => [r.id, i]));
  const starts = new Map<string, string>();
  const startOf = (p: string): string => {
    let v = starts.get(p);
    if (v === undefined) starts.set(p, (v = periodStart(p)));
    return v;
  };
  return findings.sort(
    (a, b) =>
      (cardOrder ? (cardOrder.get(a.cardId) ?? -1) - (cardOrder.get(b.cardId) ?? -1) : 0) ||
      (startOf(a.period) < startOf(b.period) ? -1 : startOf(a.period) > startOf(b.period) ? 1 : 0) ||
      (ruleOrder.get(a.rule) ?? -1) - (ruleOrder.get(b.rule) ?? -1) ||
      (a.status < b.status ? -1 : a.status > b.status ? 1 : 0),
  );
}

/** The card-scope rules of a list run over one card: their findings and judged periods, in list order. */
// Typed by the rules' element type (`R['id']`): inferring an `Id` through Rule<Id> fails once the list mixes
// CardRule and PeriodRule values.
export function runCardRules<R extends Rule<string>>(rules: readonly R[], ctx: CardContext): RuleResult<R['id']>;
export function runCardRules(rules: ReadonlyArray<Rule<string>>, ctx: CardContext): RuleResult<string> {
  const findings: Array<Finding<string>> = [];
  const outcomes: PeriodOutcome[] = [];
  for (const rule of rules) {
    if (rule.scope !== 'card') continue;
    const r = rule.evaluate(ctx);
    pushAll(findings, r.findings);
    pushAll(outcomes, r.outcomes);
  }
  return { findings, outcomes };
}

/**
 * Evaluates every customer card of a board at `now`: findings sorted by card (board order), period
 * and rule, plus the summary per card and per responsible member. `opts.rules` replaces the domain's
 * list (a test's extra rule); findings are then typed by its ids. `opts.prepared`: prepareBoard(snapshot, now) already made.
 * @example evaluateBoard(snapshot, new Date('2026-11-23T06:00:00Z')).summary.byMember
 */
export function evaluateBoard(snapshot: BoardSnapshot, now: Date, opts?: EvaluateOptions & { prepared?: PreparedBoard }): AuditResult;
export function evaluateBoard<R extends Rule<string>>(
  snapshot: BoardSnapshot,
  now: Date,
  opts: EvaluateOptions & { rules: readonly R[] },
): AuditResult<R['id']>;
export function evaluateBoard(
  snapshot: BoardSnapshot,
  now: Date,
  opts: EvaluateOptions & { rules?: ReadonlyArray<Rule<string>>; prepared?: PreparedBoard } = {},
): AuditResult<string> {
  const rules = opts.rules ?? RULES;
  // `opts.prepared`: this snapshot already prepared at this `now` (the reports keep theirs; a big board's prepared
  // comments are hundreds of MB, so they are not prepared twice).
  const board = opts.prepared ?? prepareBoard(snapshot, now, opts);
  const names = new Map(snapshot.members.map((m) => [m.id, m.fullName]));
  const findings: Array<Finding<string>> = [];
  const summary: ComplianceSummary = { historyCut: snapshot.historyCut === true, byCard: {}, byMember: {} };
  if (board.historyDay) summary.historyFrom = board.historyDay;
  const memberRow = (id: string): ComplianceSummary['byMember'][string] => {
    let row = summary.byMember[id];
    if (!row) {
      row = { name: names.get(id) ?? id, cards: 0, daily: emptyCount(), weekly: emptyCount(), monthly: emptyCount() };
      summary.byMember[id] = row;
    }
    return row;
  };

  const cardOrder = new Map<string, number>();
  for (const [i, ctx] of board.cards.entries()) cardOrder.set(ctx.card.id, i);
  for (const ctx of board.cards) {
    const { findings: f, outcomes } = runCardRules(rules, ctx);
    pushAll(findings, f);
    const row = { name: ctx.card.name, memberId: ctx.specialist, daily: emptyCount(), weekly: emptyCount(), monthly: emptyCount() };
    summary.byCard[ctx.card.id] = row;
    memberRow(ctx.specialist).cards++;
    for (const o of outcomes) {
      addOutcome(row[o.kind], o);
      addOutcome(memberRow(o.memberId)[o.kind], o);
    }
  }
  for (const rule of rules) if (rule.scope === 'board') pushAll(findings, rule.evaluate(board).findings);
  withClass(findings);

  sortFindings(findings, rules, cardOrder);
  return { findings, summary };
}
