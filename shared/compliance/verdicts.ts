/**
 * Verdicts: evaluateBoard split so one card can be re-judged alone (docs/architecture.md "Evaluation path").
 *
 * - `judgeCard`: one card prepared with only its own comments, its facts and the board's facts, plus the board's
 *   first entry (a board without trackingStart is judged from it, shared/customers.ts). Every rule runs on that
 *   one-card board; only findings on this card are kept, except those of the cross-card rules below.
 * - `judgeAcross`: the rules that look across cards (slot overlaps, the team lead's capacity and inactivity) and the
 *   board-level findings (settings, leave notice; card id ''), from the whole board.
 * - `assembleVerdicts`: the parts in evaluateBoard's order and summary; the equivalence test holds them equal to a
 *   from-scratch evaluateBoard, so an incremental store of per-card rows answers the same questions.
 * Pure: no I/O, `now` passed in.
 */
import { judgingStart } from '../customers.js';
import { readSettings } from '../profile.js';
import type { AuditResult, BoardSnapshot, CommentRecord, ComplianceSummary, DateKey, Finding } from '../types.js';
import type { CardContext, EvaluateOptions, PreparedBoard } from './context.js';
import { commentsByCardAt, prepareBoard } from './context.js';
import { addOutcome, emptyCount, runCardRules, sortFindings } from './evaluate.js';
import { RULES } from './registry.js';
import { withClass, type BoardRule, type PeriodOutcome } from './rule.js';
import { isRecord } from '../guards.js';
import { pushAll } from '../arrays.js';
import { boardTimeline } from './facts-in-force.js';
import { dateKey } from '../dates.js';

/** Rules whose card findings depend on other cards (`reach: 'cards'`, shared/compliance/rule.ts): judged in `judgeAcross`, never per card. */
const acrossCards = (rule: (typeof RULES)[number]): boolean => rule.scope === 'board' && rule.reach === 'cards';

/** One card's verdict at `now`: its findings (evaluateBoard's order within a card) and its judged periods. */
export interface CardVerdict {
  cardId: string;
  name: string;
  /** The specialist in charge today. */
  memberId: string;
  findings: Finding[];
  outcomes: PeriodOutcome[];
  /** The prepared card it was judged on (what the status part reads, server/src/store/judge.ts); absent when rebuilt from rows. */
  ctx?: CardContext;
}

/** The comment a board without trackingStart is judged from (its first entry by `now`), or none. */
export function boardAnchor(snapshot: BoardSnapshot, now: Date): CommentRecord[] {
  const timeline = boardTimeline(snapshot, now);
  const today = timeline?.on(dateKey(now));
  const settings = today ? today.settings : readSettings(snapshot.pluginData).settings;
  const start = judgingStart(snapshot, settings, now);
  if (start.source !== 'first-entry') return [];
  const nowMs = now.getTime();
  // The earliest comment of that day posted by `now` carries the start (judgingStart reads only its day).
  const first = snapshot.comments.filter((c) => Date.parse(c.postedAt) <= nowMs && dateKey(c.postedAt) === start.day);
  return first;
}

/**
 * One card judged alone. `snapshot` may hold only this card's comments (the store's card view) as long as
 * `anchor` is the board's (boardAnchor over the whole board). Null when the card is not a judged customer.
 */
export function judgeCard(snapshot: BoardSnapshot, cardId: string, now: Date, anchor: CommentRecord[], opts: EvaluateOptions = {}): CardVerdict | null {
  const card = snapshot.cards.find((c) => c.id === cardId);
  if (!card) return null;
  const own = snapshot.comments.filter((c) => c.cardId === cardId);
  const others = anchor.filter((c) => c.cardId !== cardId);
  const board = prepareBoard({ ...snapshot, cards: [card], comments: [...own, ...others] }, now, opts);
  const ctx = board.cards[0];
  if (!ctx) return null;
  const { findings, outcomes } = runCardRules(RULES, ctx);
  for (const rule of RULES) {
    if (rule.scope !== 'board' || acrossCards(rule)) continue;
    for (const f of rule.evaluate(board).findings) if (f.cardId === cardId) findings.push(f);
  }
  withClass(findings);
  return { cardId, name: ctx.card.name, memberId: ctx.specialist, findings: sortFindings(findings, RULES), outcomes, ctx };
}

/** The board-level findings and those of the cross-card rules, from the whole board (or its light part, below). */
export function judgeAcross(
  snapshot: BoardSnapshot,
  now: Date,
  opts: EvaluateOptions = {},
  anchor: CommentRecord[] = boardAnchor(snapshot, now),
): AcrossResult {
  return acrossFindings(prepareAcross(snapshot, now, opts, anchor));
}

/**
 * The board as the cross-card rules read it. Light: cards prepared without parsing their comments (only the board's
 * first entry, which sets where judging starts); the inactivity rule reads who wrote on which day, so each card gets
 * its comments back unparsed. `snapshot.comments` may be light too (the store's: one per author and day, plus the
 * comments whose text these rules read, acrossReadsText) as long as `anchor` is the board's.
 */
export function prepareAcross(
  snapshot: BoardSnapshot,
  now: Date,
  opts: EvaluateOptions = {},
  anchor: CommentRecord[] = boardAnchor(snapshot, now),
): PreparedBoard {
  const board = prepareBoard({ ...snapshot, comments: anchor }, now, opts);
  withLightComments(board, snapshot.comments, now);
  return board;
}

/** Gives each card of a light board its comments of `comments` posted by `now` (prepareAcross). */
export function withLightComments(board: PreparedBoard, comments: readonly CommentRecord[], now: Date): void {
  const byCard = commentsByCardAt({ comments }, now);
  for (const ctx of board.cards) ctx.comments = byCard.get(ctx.card.id) ?? [];
}

/**
 * One card of a light board prepared alone (as prepareAcross prepares it among the others: a card's context depends
 * on its own facts and the board's, never on other cards), without its comments: an incremental re-judge replaces
 * the changed card of a kept light board with it (server/src/store/across.ts). Null when it is not a judged customer.
 */
export function prepareAcrossCard(snapshot: BoardSnapshot, cardId: string, now: Date, opts: EvaluateOptions, anchor: CommentRecord[]): CardContext | null {
  const card = snapshot.cards.find((c) => c.id === cardId);
  if (!card) return null;
  return prepareBoard({ ...snapshot, cards: [card], comments: anchor }, now, opts).cards[0] ?? null;
}

/** The part across cards of a board's verdicts (judgeAcross, acrossFindings). */
export interface AcrossResult {
  findings: Finding[];
  cardIds: string[];
  historyDay?: DateKey;
  /** Each board rule's share of `findings` (which are these in RULES order): what acrossAfterActivity keeps. */
  byRule?: ReadonlyMap<string, readonly Finding[]>;
}

/** The findings a board rule contributes to the part across cards: board-level ones, and all of a rule across cards. */
function ruleFindings(rule: (typeof RULES)[number], board: PreparedBoard): Finding[] {
  if (rule.scope !== 'board') return [];
  if (rule.reach === 'cards') return rule.evaluate(board).findings;
  // Reach `card`: its board-level findings come from the board alone (rule.ts), so no card is walked for them.
  return rule.evaluate({ ...board, cards: [] }).findings.filter((f) => f.cardId === '');
}

function assembleAcross(board: PreparedBoard, byRule: ReadonlyMap<string, readonly Finding[]>): AcrossResult {
  const findings: Finding[] = [];
  for (const rule of RULES) pushAll(findings, byRule.get(rule.id) ?? []);
  withClass(findings);
  return { findings, cardIds: board.cards.map((c) => c.card.id), ...(board.historyDay ? { historyDay: board.historyDay } : {}), byRule };
}

/** The board-level and cross-card rules over a light board (prepareAcross). */
export function acrossFindings(board: PreparedBoard): AcrossResult {
  const byRule = new Map<string, readonly Finding[]>();
  for (const rule of RULES) if (rule.scope === 'board') byRule.set(rule.id, ruleFindings(rule, board));
  return assembleAcross(board, byRule);
}

/**
 * acrossFindings(board) when `board` differs from the board `prev` was judged on only in who wrote on which day (its
 * light comments' activity rows, P19) and in `now` within the same day, no fact or comment between the two instants:
 * the rules that read that activity (`activity: true`, rule.ts) run again, the others' findings are kept. `prev` itself
 * (the same object) when no finding changed, so what was made of it (the board-level verdict row) stands.
 */
export function acrossAfterActivity(board: PreparedBoard, prev: AcrossResult): AcrossResult {
  return rerun(board, prev, (rule) => rule.reach === 'cards' && rule.activity === true);
}

/**
 * acrossFindings(board) for a board that changed since `prev` (a card prepared again, its light comments read
 * again): every rule runs again, and `prev` itself is the answer when none of them finds anything else (most facts
 * on a card change nothing across cards), so the board-level verdict row is neither rebuilt nor hashed again.
 */
export function acrossAgain(board: PreparedBoard, prev: AcrossResult): AcrossResult {
  return rerun(board, prev, () => true);
}

function rerun(board: PreparedBoard, prev: AcrossResult, which: (rule: BoardRule) => boolean): AcrossResult {
  const kept = prev.byRule;
  if (!kept) return acrossFindings(board);
  const byRule = new Map(kept);
  let changed =
    !sameJson(
      board.cards.map((c) => c.card.id),
      prev.cardIds,
    ) || board.historyDay !== prev.historyDay;
  for (const rule of RULES) {
    if (rule.scope !== 'board' || !which(rule)) continue;
    const found = withClass(ruleFindings(rule, board));
    if (sameJson(found, kept.get(rule.id) ?? [])) continue;
    byRule.set(rule.id, found);
    changed = true;
  }
  return changed ? assembleAcross(board, byRule) : prev;
}

/** Two JSON values alike (the findings, which is what the verdict rows and their digest are made of). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameJson(x, b[i]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
}

/** The card verdicts and the cross-card part in evaluateBoard's shape (order of `cardIds` = board order). */
export function assembleVerdicts(
  snapshot: Pick<BoardSnapshot, 'members' | 'historyCut'>,
  across: { findings: Finding[]; cardIds: string[]; historyDay?: DateKey },
  cards: ReadonlyMap<string, CardVerdict>,
): AuditResult {
  const names = new Map(snapshot.members.map((m) => [m.id, m.fullName]));
  const summary: ComplianceSummary = { historyCut: snapshot.historyCut === true, byCard: {}, byMember: {} };
  if (across.historyDay) summary.historyFrom = across.historyDay;
  const memberRow = (id: string): ComplianceSummary['byMember'][string] => {
    let row = summary.byMember[id];
    if (!row) summary.byMember[id] = row = { name: names.get(id) ?? id, cards: 0, daily: emptyCount(), weekly: emptyCount(), monthly: emptyCount() };
    return row;
  };
  const findings: Finding[] = [];
  const cardOrder = new Map<string, number>();
  for (const [i, id] of across.cardIds.entries()) cardOrder.set(id, i);
  for (const id of across.cardIds) {
    const v = cards.get(id);
    if (!v) continue;
    pushAll(findings, v.findings);
    const row = { name: v.name, memberId: v.memberId, daily: emptyCount(), weekly: emptyCount(), monthly: emptyCount() };
    summary.byCard[id] = row;
    memberRow(v.memberId).cards++;
    for (const o of v.outcomes) {
      addOutcome(row[o.kind], o);
      addOutcome(memberRow(o.memberId)[o.kind], o);
    }
  }
  pushAll(findings, across.findings);
  return { findings: sortFindings(findings, RULES, cardOrder), summary };
}

/** The whole board through the per-card path (what a store of verdict rows holds, assembled). */
export function evaluateByVerdicts(snapshot: BoardSnapshot, now: Date, opts: EvaluateOptions = {}): AuditResult {
  const across = judgeAcross(snapshot, now, opts);
  const anchor = boardAnchor(snapshot, now);
  const cards = new Map<string, CardVerdict>();
  for (const id of across.cardIds) {
    const v = judgeCard(snapshot, id, now, anchor, opts);
    if (v) cards.set(id, v);
  }
  return assembleVerdicts(snapshot, across, cards);
}
