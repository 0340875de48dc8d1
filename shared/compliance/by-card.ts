/**
 * evaluateBoard, card by card, for big exports (`nabiz audit` on 50,000 cards): the same findings in the same
 * order and the same summary, but handed out one card at a time, so memory holds one chunk of prepared cards
 * and the findings of one card — never every card's contexts or every finding at once.
 *
 * How it stays identical to evaluateBoard (shared/compliance.ts):
 * - cards are prepared in chunks with prepareBoard on a sub-snapshot (a card's context only depends on the
 *   board settings, the calendar and its own comments);
 * - a board without a tracking start is judged from its first entry (shared/customers.ts): every sub-snapshot
 *   carries the comments of that first day, so each chunk finds the same start;
 * - every rule of the registry runs (shared/compliance/registry.ts), split by its scope and reach
 *   (shared/compliance/rule.ts): card rules per card; board rules of reach `card` on a board of that one card
 *   (its findings) and on a board without cards (the board-level ones); board rules of reach `cards` (slots,
 *   the team lead's) once over every card's light part (a first pass), their findings handed out with their card;
 * - per card the findings are sorted with evaluateBoard's comparator (period start, rule order, status),
 *   and board-level findings (card id '') come first, as evaluateBoard sorts them.
 * Pure: no I/O.
 */
import { dateKey } from '../dates.js';
import { judgingStart } from '../customers.js';
import { readSettings } from '../profile.js';
import type { BoardSnapshot, CommentRecord, ComplianceSummary, Finding } from '../types.js';
import { customerCards, leadCardOf, prepareBoard, type EvaluateOptions } from './context.js';
import { addOutcome, emptyCount, runCardRules, sortFindings } from './evaluate.js';
import { RULES } from './registry.js';
import { pushAll } from '../arrays.js';
import { withClass, type LightBoard, type LightCard } from './rule.js';

/** evaluateBoard's order within one card (or among the board-level findings). */
const sortWithinCard = (findings: Finding[]): Finding[] => sortFindings(withClass(findings));

export interface CardBatch {
  /** '' for the board-level findings (always the first batch). */
  cardId: string;
  findings: Finding[];
}

export interface ByCardOptions extends EvaluateOptions {
  /** Cards prepared at once (default 500). */
  chunk?: number;
}

const BOARD_RULES = RULES.filter((r) => r.scope === 'board');

/**
 * Yields the findings card by card (board-level first, then cards in board order); returns the summary.
 * @example for (const b of it) write(b.findings) … const { value: summary } = it.next() once done
 */
export function* evaluateBoardByCard(snapshot: BoardSnapshot, now: Date, opts: ByCardOptions = {}): Generator<CardBatch, ComplianceSummary, undefined> {
  const chunkSize = Math.max(1, opts.chunk ?? 500);
  const nowMs = now.getTime();
  // The comments of the board's first-entry day, given to every chunk (see above).
  const start = judgingStart(snapshot, readSettings(snapshot.pluginData).settings, now);
  const anchor = start.source === 'first-entry' ? snapshot.comments.filter((c) => Date.parse(c.postedAt) <= nowMs && dateKey(c.postedAt) === start.day) : [];
  const base = prepareBoard({ ...snapshot, cards: [], comments: anchor }, now, opts);
  const names = new Map(snapshot.members.map((m) => [m.id, m.fullName]));
  const summary: ComplianceSummary = { historyCut: snapshot.historyCut === true, byCard: {}, byMember: {} };
  if (base.historyDay) summary.historyFrom = base.historyDay;
  const memberRow = (id: string): ComplianceSummary['byMember'][string] => {
    let row = summary.byMember[id];
    if (!row) summary.byMember[id] = row = { name: names.get(id) ?? id, cards: 0, daily: emptyCount(), weekly: emptyCount(), monthly: emptyCount() };
    return row;
  };

  const cards = customerCards(snapshot);
  const chunks = (): Array<typeof cards> => {
    const out: Array<typeof cards> = [];
    for (let i = 0; i < cards.length; i += chunkSize) out.push(cards.slice(i, i + chunkSize));
    return out;
  };
  const commentsByCard = new Map<string, CommentRecord[]>();
  for (const c of snapshot.comments) {
    if (Date.parse(c.postedAt) > nowMs) continue;
    const list = commentsByCard.get(c.cardId);
    if (list) list.push(c);
    else commentsByCard.set(c.cardId, [c]);
  }

  // Board-level findings of the rules of reach `card`: the board without cards.
  const boardLevel: Finding[] = [];
  for (const rule of BOARD_RULES) if (rule.reach === 'card') pushAll(boardLevel, rule.evaluate(base).findings);

  // Pass 1: the light part of every card (no prepared entries, so the chunk contexts are dropped) for the rules
  // of reach `cards`; their board-level findings join the first batch, the others wait for their card.
  const light: LightCard[] = [];
  for (const chunk of chunks()) {
    for (const c of prepareBoard({ ...snapshot, cards: chunk, comments: anchor }, now, opts).cards) {
      light.push({
        card: c.card,
        profile: c.profile,
        specialist: c.specialist,
        cal: c.cal,
        today: c.today,
        judgeFrom: c.judgeFrom,
        comments: commentsByCard.get(c.card.id) ?? [],
        ticks: c.ticks,
        monthOwners: c.monthOwners,
      });
    }
  }
  // R17: the lead's card is no customer, so no chunk holds it: read from the whole snapshot.
  const leadCard = leadCardOf(snapshot);
  const lightBoard: LightBoard = {
    settings: base.settings,
    cal: base.cal,
    today: base.today,
    now: base.now,
    members: base.members,
    cards: light,
    ...(base.timeline ? { timeline: base.timeline } : {}),
    ...(base.leads ? { leads: base.leads } : {}),
    ...(leadCard ? { leadCard } : {}),
  };
  const later = new Map<string, Finding[]>();
  for (const rule of BOARD_RULES) {
    if (rule.reach !== 'cards') continue;
    for (const f of rule.evaluate(lightBoard).findings) {
      if (f.cardId === '') boardLevel.push(f);
      else {
        const list = later.get(f.cardId);
        if (list) list.push(f);
        else later.set(f.cardId, [f]);
      }
    }
  }
  light.length = 0;
  yield { cardId: '', findings: sortWithinCard(boardLevel.filter((f) => f.cardId === '')) };

  // Pass 2: a chunk of cards at a time, each card's findings handed out at once.
  for (const chunk of chunks()) {
    const ids = new Set(chunk.map((c) => c.id));
    const comments = [...chunk.flatMap((c) => commentsByCard.get(c.id) ?? []), ...anchor.filter((c) => !ids.has(c.cardId))];
    const board = prepareBoard({ ...snapshot, cards: chunk, comments }, now, opts);
    for (const ctx of board.cards) {
      const { findings, outcomes } = runCardRules(RULES, { ...ctx, comments: commentsByCard.get(ctx.card.id) ?? [] });
      const alone = { ...board, cards: [ctx] };
      for (const rule of BOARD_RULES) {
        if (rule.reach === 'card')
          pushAll(
            findings,
            rule.evaluate(alone).findings.filter((f) => f.cardId === ctx.card.id),
          );
      }
      pushAll(findings, later.get(ctx.card.id) ?? []);
      const row = { name: ctx.card.name, memberId: ctx.specialist, daily: emptyCount(), weekly: emptyCount(), monthly: emptyCount() };
      summary.byCard[ctx.card.id] = row;
      memberRow(ctx.specialist).cards++;
      for (const o of outcomes) {
        addOutcome(row[o.kind], o);
        addOutcome(memberRow(o.memberId)[o.kind], o);
      }
      yield { cardId: ctx.card.id, findings: sortWithinCard(findings) };
    }
  }
  return summary;
}
