// Cached views of the evidence ledger (hot paths: scans, webhook deliveries, board evaluation): the set of
// known facts and, per board, its records and the current view of its comments. State.ledger only grows, so
// the index is kept per ledger array and brought up to date with the records appended since its last use.
// A ledger that no longer starts with the indexed records (a test building State by hand, a store re-read)
// is re-indexed from scratch.
import type { CommentRecord } from '../../../shared/types.js';
import type { LedgerRecord } from './schema.js';

/** Identity used to never append the same fact twice (kill-and-restart, webhook + full pass overlap). */
export function ledgerKey(r: Pick<LedgerRecord, 'type' | 'actionId' | 'text' | 'dateLastEdited' | 'occurredAt'>): string {
  // A comment and a deletion happen once per action id; an edit once per (time, resulting text).
  return r.type === 'edit' ? `edit|${r.actionId}|${r.dateLastEdited ?? r.occurredAt ?? ''}|${r.text ?? ''}` : `${r.type}|${r.actionId}`;
}

interface BoardIndex {
  /** The board's records, in ledger order. */
  records: LedgerRecord[];
  /** Current view of each comment. Objects are replaced, never changed, once built (copies handed out stay valid). */
  byId: Map<string, CommentRecord>;
  /** byId's values in evaluation order (null: not built yet), with their posting times. */
  sorted: CommentRecord[] | null;
  times: number[];
  /** Comments first seen since `sorted` was built (inserted on the next read). */
  added: CommentRecord[];
  /** A posting time did not parse (the order then comes from a full sort only). */
  unparsed: boolean;
  /** A comment in `sorted` was replaced (edit, deletion) since it was built. */
  stale: boolean;
}

interface LedgerIndex {
  /** Records indexed: ledger[0 .. count). */
  count: number;
  last: LedgerRecord | undefined;
  lastHash: string | undefined;
  /** ledgerKey of every record. */
  keys: Set<string>;
  boards: Map<string, BoardIndex>;
}

const indexes = new WeakMap<readonly LedgerRecord[], LedgerIndex>();

function emptyIndex(): LedgerIndex {
  return { count: 0, last: undefined, lastHash: undefined, keys: new Set(), boards: new Map() };
}

/** The index of `ledger`, brought up to date (incrementally when the ledger only grew since the last call). */
function ledgerIndex(ledger: readonly LedgerRecord[]): LedgerIndex {
  let ix = indexes.get(ledger);
  if (!ix || ledger.length < ix.count || (ix.count > 0 && (ledger[ix.count - 1] !== ix.last || ix.last!.hash !== ix.lastHash))) {
    ix = emptyIndex();
    indexes.set(ledger, ix);
  }
  if (ix.count === ledger.length) return ix;
  for (let i = ix.count; i < ledger.length; i++) {
    const r = ledger[i]!;
    ix.keys.add(ledgerKey(r));
    let b = ix.boards.get(r.boardId);
    if (!b) ix.boards.set(r.boardId, (b = { records: [], byId: new Map(), sorted: null, times: [], added: [], unparsed: false, stale: false }));
    b.records.push(r);
    fold(b, r);
  }
  ix.count = ledger.length;
  ix.last = ledger[ledger.length - 1];
  ix.lastHash = ix.last?.hash;
  return ix;
}

/** Apply one record to its board's comment view (same rules as a walk over the whole ledger). */
function fold(b: BoardIndex, r: LedgerRecord): void {
  const prev = b.byId.get(r.actionId);
  let c: CommentRecord;
  if (!prev) {
    c = { id: r.actionId, cardId: r.cardId, authorId: r.authorId, postedAt: r.postedAt, text: r.text ?? r.oldText ?? '' };
    if (r.authorName) c.authorName = r.authorName;
    b.byId.set(r.actionId, c);
    if (b.sorted) b.added.push(c);
    if (r.type === 'comment') {
      if (r.dateLastEdited) c.editedAt = r.dateLastEdited;
      return;
    }
  } else {
    if (r.type === 'comment') return; // first sight already recorded (webhook and scan may both report it)
    c = { ...prev };
    b.byId.set(r.actionId, c);
    b.stale = true;
  }
  if (r.type === 'edit') {
    // The oldest text we know is the evidence of what was first written (A26).
    if (c.originalText === undefined) c.originalText = r.oldText ?? c.text;
    if (r.text !== undefined) c.text = r.text;
    c.editedAt = r.dateLastEdited ?? r.occurredAt ?? r.recordedAt;
  } else if (r.type === 'delete') {
    // deleteComment's date, or when a full pass noticed the comment had vanished (then marked as noticed).
    if (c.deletedAt === undefined) {
      c.deletedAt = r.occurredAt ?? r.recordedAt;
      if (r.occurredAt === undefined) {
        c.deletionNoticedAt = r.recordedAt;
        if (r.lastSeenAt) c.lastSeenAt = r.lastSeenAt;
      }
    }
  }
}

/** Fact keys (ledgerKey) of every record of the ledger. Read-only: do not add to it. */
export function indexedLedgerKeys(ledger: readonly LedgerRecord[]): ReadonlySet<string> {
  return ledgerIndex(ledger).keys;
}

/** The board's records in ledger order (read-only). */
export function indexedBoardRecords(ledger: readonly LedgerRecord[], boardId: string): readonly LedgerRecord[] {
  return ledgerIndex(ledger).boards.get(boardId)?.records ?? [];
}

/**
 * Current view of every comment of a board, ordered like shared/trello-export.ts (posted time, then id).
 * The array and its objects are shared: read-only (commentsFromLedger hands out a copy of the array).
 */
export function indexedBoardComments(ledger: readonly LedgerRecord[], boardId: string): readonly CommentRecord[] {
  const b = ledgerIndex(ledger).boards.get(boardId);
  if (!b) return [];
  if (b.sorted && b.added.length > 0 && !insertSorted(b)) b.sorted = null;
  if (!b.sorted) {
    const keyed = [...b.byId.values()].map((c) => ({ t: Date.parse(c.postedAt), c }));
    keyed.sort((x, y) => x.t - y.t || (x.c.id < y.c.id ? -1 : 1));
    b.sorted = keyed.map((x) => x.c);
    b.times = keyed.map((x) => x.t);
    b.unparsed = b.times.some((t) => Number.isNaN(t));
  } else if (b.stale) {
    // Replacements since the sort (posting time and id never change): same order, current objects.
    b.sorted = b.sorted.map((c) => b.byId.get(c.id)!);
  }
  b.added = [];
  b.stale = false;
  return b.sorted;
}

/** Insert the few comments first seen since the sort at their place; false = sort again instead. */
function insertSorted(b: BoardIndex): boolean {
  const sorted = b.sorted!;
  const times = b.times;
  if (b.unparsed || b.added.length > 256) return false;
  for (const c of b.added) {
    const t = Date.parse(c.postedAt);
    if (Number.isNaN(t)) return false;
    // First position whose comment sorts after c (posted time, then id), as the full sort orders them.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const d = times[mid]! - t;
      if (d > 0 || (d === 0 && sorted[mid]!.id > c.id)) hi = mid;
      else lo = mid + 1;
    }
    sorted.splice(lo, 0, c);
    times.splice(lo, 0, t);
  }
  return true;
}
