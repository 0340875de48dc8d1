// "A board from the store": the ONE place a BoardSnapshot is assembled from what the scans stored — the board's
// last snapshot (cards, lists, members, pluginData), its comments folded from the ledger, and its dated facts
// (membership, checklist ticks, pluginData versions, freeze approvals: shared/facts.ts) with their ledger seq. The scanner's
// evaluation, the webhook's re-evaluation, the status API, reports and the dashboard all read boards through it,
// so they judge with the same facts (docs/rules.md "Facts in force").
import type { Fact } from '../../../shared/facts.js';
import { isRecord } from '../../../shared/guards.js';
import type { BoardSnapshot, ParsedEntry } from '../../../shared/types.js';
import { parsesOf } from './entries.js';
import { foldComments } from './ledger.js';
import type { LedgerRecord } from './schema.js';
import type { Store } from './store.js';

export interface BoardView {
  /** The board (or the board with one card) with comments and, once recorded, `facts` and `factsFrom`. */
  snapshot: BoardSnapshot;
  /** The ledger records it rests on, in seq order (comments and facts). */
  records: LedgerRecord[];
  /** The kept parses of the comments' current text (store/entries.ts): prepareBoard's `parsed`. */
  parsed: Map<string, ParsedEntry | null>;
}

/** The pluginData values of a snapshot card or board as recorded: `{idPlugin?, value}` in a stable order. */
export function pluginDataValue(list: ReadonlyArray<{ idPlugin?: string; value: string }>): string {
  const items = list.map((p) => (p.idPlugin ? { idPlugin: p.idPlugin, value: p.value } : { value: p.value }));
  items.sort((a, b) => cmp(a.idPlugin ?? '', b.idPlugin ?? '') || cmp(a.value, b.value));
  return JSON.stringify(items);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function parseValue(value: string | undefined): Array<{ idPlugin?: string; value: string }> {
  try {
    const v: unknown = JSON.parse(value ?? '[]');
    if (!Array.isArray(v)) return [];
    return v.flatMap((x: unknown) => {
      if (!isRecord(x)) return [];
      const o = x;
      if (typeof o.value !== 'string') return [];
      return [typeof o.idPlugin === 'string' ? { idPlugin: o.idPlugin, value: o.value } : { value: o.value }];
    });
  } catch {
    return [];
  }
}

/** One ledger record as a dated fact (null for comment records). */
export function factOf(r: LedgerRecord): Fact | null {
  switch (r.type) {
    case 'member':
      if (!r.memberId || !r.op) return null;
      return {
        kind: 'member',
        cardId: r.cardId,
        memberId: r.memberId,
        op: r.op,
        at: r.postedAt,
        timeSource: r.baseline ? 'noticed' : 'trello',
        actionId: r.actionId,
        ...(r.authorId ? { by: r.authorId } : {}),
        ...(r.baseline ? { baseline: true } : {}),
        seq: r.seq,
      };
    case 'check-item':
      if (!r.checkItemId || !r.checkState) return null;
      return {
        kind: 'check-item',
        cardId: r.cardId,
        checklistId: r.checklistId ?? '',
        itemId: r.checkItemId,
        itemName: r.checkItemName ?? '',
        state: r.checkState,
        at: r.postedAt,
        timeSource: 'trello',
        actionId: r.actionId,
        ...(r.authorId ? { by: r.authorId } : {}),
        seq: r.seq,
      };
    case 'card-data':
      return {
        kind: 'card-data',
        cardId: r.cardId,
        pluginData: parseValue(r.value),
        at: r.postedAt,
        timeSource: 'noticed',
        ...(r.baseline ? { baseline: true } : {}),
        seq: r.seq,
      };
    case 'board-data':
      return {
        kind: 'board-data',
        pluginData: parseValue(r.value),
        at: r.postedAt,
        timeSource: 'noticed',
        ...(r.baseline ? { baseline: true } : {}),
        seq: r.seq,
      };
    case 'freeze-approval':
      if (!r.rangeFrom || !r.rangeTo) return null;
      return {
        kind: 'freeze-approval',
        cardId: r.cardId,
        from: r.rangeFrom,
        to: r.rangeTo,
        by: r.authorId,
        at: r.postedAt,
        timeSource: r.via === 'comment' ? 'trello' : 'noticed',
        via: r.via ?? 'powerup',
        ...(r.via === 'comment' && r.sourceActionId ? { actionId: r.sourceActionId } : {}),
        seq: r.seq,
      };
    case 'explanation':
      if (!r.period || !r.text) return null;
      return {
        kind: 'explanation',
        cardId: r.cardId,
        period: r.period,
        text: r.text,
        by: r.authorId,
        at: r.postedAt,
        timeSource: 'noticed',
        via: 'powerup',
        actionId: r.actionId,
        seq: r.seq,
      };
    case 'explanation-accept':
      if (!r.period) return null;
      return {
        kind: 'explanation-accept',
        cardId: r.cardId,
        period: r.period,
        by: r.authorId,
        at: r.postedAt,
        timeSource: 'noticed',
        via: 'powerup',
        actionId: r.actionId,
        seq: r.seq,
      };
    default:
      return null;
  }
}

/** The fact records among `records` as facts, oldest first by `at` (ties: seq) — the order BoardSnapshot.facts promises. */
export function factsOf(records: Iterable<LedgerRecord>): Fact[] {
  const out: Fact[] = [];
  for (const r of records) {
    const f = factOf(r);
    if (f) out.push(f);
  }
  return sortFacts(out);
}

/** Oldest first by `at`, ties by seq (facts without a seq, e.g. from an export, keep their order). */
export function sortFacts(facts: Fact[]): Fact[] {
  const keyed = facts.map((f, i) => ({ f, t: Date.parse(f.at), i }));
  keyed.sort((a, b) => a.t - b.t || (a.f.seq ?? a.i) - (b.f.seq ?? b.i) || a.i - b.i);
  return keyed.map((k) => k.f);
}

/**
 * A stored board snapshot with its history mark made consistent: the scanner pages a board's whole history, so it is
 * cut only when the board declared a cut (historyFrom, docs/emulator.md "Cut history"); older snapshots say neither.
 */
export function historyOf(snap: BoardSnapshot): BoardSnapshot {
  const { historyFrom, historyCut, ...rest } = snap;
  return historyFrom && historyCut ? { ...rest, historyCut: true, historyFrom } : { ...rest, historyCut: false };
}

/**
 * The board as the store knows it, with comments and facts; `cardId` (id or short link) narrows it to one card
 * (a card's report reads only that card's records and the board's settings versions). Null when never scanned.
 */
export async function boardView(store: Store, boardId: string, opts: { cardId?: string } = {}): Promise<BoardView | null> {
  const b = store.boards.get(boardId);
  const stored = store.snapshots.get(boardId);
  if (!b || !stored) return null;
  const { facts: _f, factsFrom: _ff, ...snap } = historyOf(stored);
  const card = opts.cardId ? snap.cards.find((c) => c.id === opts.cardId || c.shortLink === opts.cardId) : undefined;
  let records: LedgerRecord[];
  await store.entries.ensureBoard(boardId);
  let kept: Map<number, ParsedEntry | null>;
  if (card) {
    const own = await store.ledger.cardRecords(card.id);
    const boardFacts = (await store.ledger.facts(boardId, { cardId: card.id })).filter((r) => r.cardId !== card.id);
    records = boardFacts.length ? [...own, ...boardFacts].sort((x, y) => x.seq - y.seq) : own;
    kept = await store.entries.forCard(card.id);
  } else {
    records = await store.ledger.boardRecords(boardId);
    kept = await store.entries.forBoard(boardId);
  }
  // Cut only when the scanned board said so (historyOf).
  const snapshot: BoardSnapshot = { ...snap, ...(card ? { cards: [card] } : {}), comments: foldComments(records) };
  const parsed = parsesOf(snapshot.comments, records, kept);
  const facts = factsOf(records);
  // Absent until the board's history began (a store not scanned since the upgrade): only the snapshot is known.
  if (b.facts || facts.length) {
    snapshot.facts = facts;
    if (b.facts) snapshot.factsFrom = b.facts.from;
  }
  return { snapshot, records, parsed };
}

/** A board's last scanned snapshot with its comments and facts from the ledger (input of evaluateBoard). Null when never scanned. */
export async function snapshotOf(store: Store, boardId: string): Promise<BoardSnapshot | null> {
  return (await boardView(store, boardId))?.snapshot ?? null;
}
