// Evidence ledger (DESIGN §9, HANDBOOK "Evidence integrity", R62): append-only, every record
// SHA-256-chained to the previous one over canonical JSON, so `nabiz verify` can prove that no
// comment text, author or time was changed or dropped after Nabız first saw it.
import { createHash } from 'node:crypto';
import type { BoardSnapshot, CommentRecord } from '../../../shared/types.js';
import { indexedBoardComments, indexedLedgerKeys, ledgerKey } from './ledger-index.js';
import type { LedgerRecord, State } from './schema.js';

export type LedgerInput = Omit<LedgerRecord, 'seq' | 'prevHash' | 'hash'>;

/** prevHash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted and undefined members dropped: the same record always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** SHA-256 over the record's fields (canonical JSON, without `hash`) chained to prevHash. */
export function hashRecord(r: Omit<LedgerRecord, 'hash'>): string {
  // Records are flat (strings and numbers): canonical JSON without the generic recursion (hot on backfills).
  const o = r as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => k !== 'hash' && o[k] !== undefined)
    .sort();
  let json = '{';
  for (let i = 0; i < keys.length; i++) {
    const v = o[keys[i]!];
    json += (i ? ',' : '') + JSON.stringify(keys[i]) + ':' + (v !== null && typeof v === 'object' ? canonicalJson(v) : JSON.stringify(v));
  }
  return createHash('sha256').update(json + '}', 'utf8').digest('hex');
}

export { ledgerKey };

/** Append records to state.ledger, assigning seq/prevHash/hash. Mutates state. */
export function appendLedger(state: State, records: LedgerInput[]): LedgerRecord[] {
  const out: LedgerRecord[] = [];
  let last = state.ledger[state.ledger.length - 1];
  for (const input of records) {
    const rec = stripUndefined(input) as LedgerRecord;
    rec.seq = last ? last.seq + 1 : 0;
    rec.prevHash = last ? last.hash : GENESIS_HASH;
    rec.hash = hashRecord(rec);
    state.ledger.push(rec);
    out.push(rec);
    last = rec;
  }
  return out;
}

/**
 * Append only the records whose fact (ledgerKey) the ledger does not hold yet. Returns what was appended.
 * `known` (facts already held; the new ones are added to it) defaults to the ledger's cached index.
 * @example appendNewLedger(state, [c, c]).length === 1
 */
export function appendNewLedger(state: State, records: LedgerInput[], known?: Set<string>): LedgerRecord[] {
  const held: ReadonlySet<string> = known ?? indexedLedgerKeys(state.ledger);
  const batch = new Set<string>();
  const fresh: LedgerInput[] = [];
  for (const r of records) {
    const k = ledgerKey(r);
    if (held.has(k) || batch.has(k)) continue;
    batch.add(k);
    known?.add(k);
    fresh.push(r);
  }
  return appendLedger(state, fresh);
}

export function ledgerKeys(ledger: LedgerRecord[]): Set<string> {
  return new Set(ledger.map((r) => ledgerKey(r)));
}

export type LedgerVerification = { ok: true; count: number } | { ok: false; count: number; badSeq: number; reason: string };

/** Recompute the chain: ok, or the first bad record's seq and why. */
export function verifyLedger(ledger: LedgerRecord[]): LedgerVerification {
  return verifyFrom(ledger, 0, GENESIS_HASH);
}

function verifyFrom(ledger: LedgerRecord[], start: number, prevHash: string): LedgerVerification {
  let prev = prevHash;
  for (let i = start; i < ledger.length; i++) {
    const r = ledger[i]!;
    const bad = (reason: string) => ({ ok: false as const, count: ledger.length, badSeq: r.seq, reason });
    if (r.seq !== i) return bad(`expected seq ${i}, found ${r.seq} (a record was removed or reordered)`);
    if (r.prevHash !== prev) return bad(`prevHash does not match the hash of record ${i - 1} (a record before it was changed or removed)`);
    const h = hashRecord(r);
    if (h !== r.hash) return bad(`content does not match its hash (the record was changed after it was written)`);
    prev = r.hash;
  }
  return { ok: true, count: ledger.length };
}

/** Per ledger array (i.e. per loaded store): the verified prefix, ending at `last` whose hash was `hash`. */
const verifiedPrefix = new WeakMap<LedgerRecord[], { count: number; last: LedgerRecord; hash: string }>();

/**
 * verifyLedger for repeated calls on the same in-memory ledger (report downloads): only the records appended
 * since the last successful call are checked, chained to the verified prefix. A ledger read again from disk is
 * a new array and is verified whole (`nabiz verify` always uses verifyLedger).
 */
export function verifyLedgerCached(ledger: LedgerRecord[]): LedgerVerification {
  const p = verifiedPrefix.get(ledger);
  const valid = p !== undefined && ledger.length >= p.count && ledger[p.count - 1] === p.last && p.last.hash === p.hash;
  const v = valid ? verifyFrom(ledger, p.count, p.hash) : verifyLedger(ledger);
  if (v.ok && ledger.length > 0) verifiedPrefix.set(ledger, { count: ledger.length, last: ledger[ledger.length - 1]!, hash: ledger[ledger.length - 1]!.hash });
  return v;
}

/**
 * Current view of every comment of a board from the ledger: latest text, originalText, editedAt, deletedAt.
 * Served from the ledger's cached index (updated with the records appended since the last call); the array is
 * the caller's, its comment objects are shared (read-only).
 */
export function commentsFromLedger(ledger: LedgerRecord[], boardId: string): CommentRecord[] {
  return indexedBoardComments(ledger, boardId).slice();
}

/** The board's last scanned snapshot with its comments from the ledger (input of evaluateBoard). Null when never scanned. */
export function snapshotFromState(state: State, boardId: string): BoardSnapshot | null {
  const b = state.boards[boardId];
  if (!b || !b.snapshot) return null;
  const { historyFrom: _from, ...snap } = b.snapshot as BoardSnapshot;
  // The scanner backfills the whole history (DESIGN §9), so the history is never cut here.
  return { ...snap, comments: commentsFromLedger(state.ledger, boardId), historyCut: false };
}

function stripUndefined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const k in o) if ((o as Record<string, unknown>)[k] !== undefined) out[k] = (o as Record<string, unknown>)[k];
  return out as T;
}
