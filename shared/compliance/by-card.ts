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
 * - the board-wide slot rule needs every card's profile: a first pass keeps only what it reads (card,
 *   profile, specialist, calendar, today) and its findings are handed out with their card;
 * - per card the findings are sorted with evaluateBoard's comparator (period start, rule order, status),
 *   and board-level findings (settings, leave notice; card id '') come first, as evaluateBoard sorts them.
 * Pure: no I/O.
 */
import { dateKey } from '../dates.js';
import { judgingStart } from '../customers.js';
import { readSettings } from '../profile.js';
import {
  customerCards,
  evaluateCard,
  prepareBoard,
  ruleLeaveCover,
  ruleLeaveNotice,
  ruleProfile,
  ruleSlots,
  type CardContext,
  type EvaluateOptions,
} from '../compliance.js';
import { text2 } from '../i18n.js';
import { judgeContact } from './rules/contact.js';
import { activityKeys, judgeCapacity, judgeInactive, type LeadCard } from './rules/team-lead.js';
import { trainingSpanEntries } from './rules/training.js';
import type { BoardSnapshot, CommentRecord, ComplianceSummary, Finding } from '../types.js';
import { addOutcome, emptyCount, sortFindings } from './evaluate.js';
import { pushAll } from '../arrays.js';
import { withClass } from './rule.js';


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

  const boardLevel: Finding[] = [];
  if (base.settingsError) {
    boardLevel.push({ rule: 'profile', cardId: '', memberId: '', period: '', status: 'invalid', detail: text2('finding.settings.invalid', { error: base.settingsError }), severity: 'warning' });
  }
  pushAll(boardLevel, ruleLeaveNotice(base));

  const cards = customerCards(snapshot);
  const chunks = (): Array<typeof cards> => {
    const out: Array<typeof cards> = [];
    for (let i = 0; i < cards.length; i += chunkSize) out.push(cards.slice(i, i + chunkSize));
    return out;
  };

  // Pass 1: what the slot rule and the team lead's rules read of every card (no comments, so the chunk contexts are
  // light and dropped); the lead's board-level findings join the first batch.
  const slotInput: CardContext[] = [];
  const leadCards: LeadCard[] = [];
  for (const chunk of chunks()) {
    for (const c of prepareBoard({ ...snapshot, cards: chunk, comments: anchor }, now, opts).cards) {
      slotInput.push({ card: c.card, profile: c.profile, specialist: c.specialist, cal: c.cal, today: c.today, entries: trainingSpanEntries(c.entries) } as CardContext);
      leadCards.push({ specialist: c.specialist, profile: c.profile, judgeFrom: c.judgeFrom });
    }
  }
  const customerIds = new Set(cards.map((c) => c.id));
  const activity = activityKeys(
    snapshot.comments.filter((c) => customerIds.has(c.cardId) && Date.parse(c.postedAt) <= nowMs),
    cards.flatMap((c) => c.checkTicks ?? []),
  );
  pushAll(boardLevel, judgeCapacity(leadCards, base.cal, base.today));
  pushAll(boardLevel, judgeInactive(leadCards, activity, base.settings, base.cal, base.today));
  leadCards.length = 0;
  yield { cardId: '', findings: sortWithinCard(boardLevel) };
  const slots = new Map<string, Finding[]>();
  for (const f of ruleSlots(slotInput)) {
    const list = slots.get(f.cardId);
    if (list) list.push(f);
    else slots.set(f.cardId, [f]);
  }
  slotInput.length = 0;

  const commentsByCard = new Map<string, CommentRecord[]>();
  for (const c of snapshot.comments) {
    const list = commentsByCard.get(c.cardId);
    if (list) list.push(c);
    else commentsByCard.set(c.cardId, [c]);
  }

  // Pass 2: a chunk of cards at a time, each card's findings handed out at once.
  for (const chunk of chunks()) {
    const ids = new Set(chunk.map((c) => c.id));
    const comments = [...chunk.flatMap((c) => commentsByCard.get(c.id) ?? []), ...anchor.filter((c) => !ids.has(c.cardId))];
    const board = prepareBoard({ ...snapshot, cards: chunk, comments }, now, opts);
    for (const ctx of board.cards) {
      const own = (commentsByCard.get(ctx.card.id) ?? []).filter((c) => Date.parse(c.postedAt) <= nowMs);
      const { findings, outcomes } = evaluateCard(ctx, own);
      // The profile rule is board-scoped in the registry (it also judges the settings), so its card part is added here.
      pushAll(findings, ruleProfile(ctx));
      pushAll(findings, slots.get(ctx.card.id) ?? []);
      pushAll(findings, ruleLeaveCover({ settings: board.settings, cal: board.cal, cards: [ctx], today: board.today, ...(board.timeline ? { timeline: board.timeline } : {}) }));
      pushAll(findings, judgeContact(ctx, board.settings).findings);
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
