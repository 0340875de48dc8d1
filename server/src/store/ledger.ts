// Evidence ledger (docs/architecture.md, R62): append-only, every record SHA-256-chained to the previous one
// over canonical JSON, so `nabiz verify` can prove that no comment text, author or time was changed or
// dropped after Nabız first saw it. This file is the ONE place records are hashed and checked: the store
// adapters, the import of old ledger files and `verify` all go through it, so a field added to LedgerRecord
// later is hashed like every other.
import { createHash, hash as oneShotHash } from 'node:crypto';
import type { CommentRecord } from '../../../shared/types.js';
import { LedgerRecordSchema, type LedgerRecord } from './schema.js';
import { isRecord } from '../../../shared/guards.js';

export type LedgerInput = Omit<LedgerRecord, 'seq' | 'prevHash' | 'hash'>;

/** prevHash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted and undefined members dropped: the same record always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (!isRecord(value)) return JSON.stringify(value);
  const obj = value;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** SHA-256 hex of a string's UTF-8 bytes (one call: no Hash object per record, `verify` hashes every record). */
function sha256Hex(text: string): string {
  return oneShotHash('sha256', text, 'hex');
}

/**
 * A record shape (its keys in order): the members in canonical (sorted) order without `hash`, and each key's JSON
 * prefix. Records come in few shapes, so each is worked out once.
 */
interface Shape {
  canonical: number[];
  keyJson: string[];
  hashAt: number;
}
const SHAPES = new Map<string, Shape>();

/** The last shape looked up and its keys: consecutive records mostly share one (a page of comments). */
let lastKeys: readonly string[] = [];
let lastShape: Shape | undefined;

function shapeOf(keys: readonly string[]): Shape {
  if (lastShape && keys.length === lastKeys.length && keys.every((k, i) => k === lastKeys[i])) return lastShape;
  const shape = shapeById(keys);
  lastKeys = keys;
  lastShape = shape;
  return shape;
}

function shapeById(keys: readonly string[]): Shape {
  const id = keys.join(',');
  let shape = SHAPES.get(id);
  if (!shape) {
    const canonical = keys
      .map((_, i) => i)
      .filter((i) => keys[i] !== 'hash')
      .sort((a, b) => {
        const x = keys[a] ?? '';
        const y = keys[b] ?? '';
        return x < y ? -1 : x > y ? 1 : 0;
      });
    shape = { canonical, keyJson: keys.map((k) => `${JSON.stringify(k)}:`), hashAt: keys.indexOf('hash') };
    if (SHAPES.size < 1000) SHAPES.set(id, shape);
  }
  return shape;
}

/**
 * Each member's JSON (undefined for a member JSON leaves out), or null when a member is an object or array (then
 * canonicalJson sorts inside it). One JSON.stringify per value, shared by the canonical text and the stored text.
 */
function memberJson(o: Record<string, unknown>, keys: readonly string[]): Array<string | undefined> | null {
  const out = new Array<string | undefined>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const v = o[keys[i] ?? ''];
    if (v !== null && typeof v === 'object') return null;
    // JSON.stringify gives undefined for undefined (and functions): such a member is left out, as in an object.
    const json: string | undefined = JSON.stringify(v);
    out[i] = json;
  }
  return out;
}

/** `{"k":v,…}` of the members at `order` (undefined ones left out, as JSON.stringify does). */
function joinMembers(shape: Shape, values: ReadonlyArray<string | undefined>, order: Iterable<number>): string {
  let out = '{';
  let first = true;
  for (const i of order) {
    const v = values[i];
    if (v === undefined) continue;
    out += first ? shape.keyJson[i] + v : `,${shape.keyJson[i]}${v}`;
    first = false;
  }
  return `${out}}`;
}

/** SHA-256 over the record's fields (canonical JSON, without `hash`) chained to prevHash. */
export function hashRecord(r: Omit<LedgerRecord, 'hash'>): string {
  const o: Record<string, unknown> = r;
  const keys = Object.keys(o);
  const values = memberJson(o, keys);
  // Hot path (`verify` streams every record through it): a flat record's canonical JSON is its members' JSON in
  // sorted key order, exactly what canonicalJson gives.
  if (values) {
    const shape = shapeOf(keys);
    return sha256Hex(joinMembers(shape, values, shape.canonical));
  }
  const { hash: _h, ...rest } = o;
  return sha256Hex(canonicalJson(rest));
}

/** Identity used to never append the same fact twice (kill-and-restart, webhook + full pass, two processes). */
export function ledgerKey(
  r: Pick<
    LedgerRecord,
    | 'type'
    | 'actionId'
    | 'text'
    | 'dateLastEdited'
    | 'occurredAt'
    | 'cardId'
    | 'boardId'
    | 'value'
    | 'prevSeq'
    | 'baseline'
    | 'memberId'
    | 'authorId'
    | 'rangeFrom'
    | 'rangeTo'
    | 'period'
  >,
): string {
  switch (r.type) {
    // An edit once per (time, resulting text).
    case 'edit':
      return `edit|${r.actionId}|${r.dateLastEdited ?? r.occurredAt ?? ''}|${r.text ?? ''}`;
    // A pluginData version once per (model, the version it follows, value): two processes noticing the same change
    // append it once, and a value that returns later (A → B → A) is a new fact because it follows another version.
    case 'card-data':
    case 'board-data':
      return `${r.type}|${r.boardId}|${r.cardId}|${r.prevSeq ?? '-'}|${valueDigest(r.value ?? '')}`;
    // A baseline membership once per (card, member); Trello's membership actions once per action id.
    case 'member':
      return r.baseline ? `member|baseline|${r.cardId}|${r.memberId ?? ''}` : `member|${r.actionId}`;
    // The same approver approving the same range of the same card is one fact.
    case 'freeze-approval':
      return `freeze-approval|${r.cardId}|${r.rangeFrom ?? ''}|${r.rangeTo ?? ''}|${r.authorId}`;
    // The same words for the same period by the same writer are one explanation; one acceptance per lead and period.
    case 'explanation':
      return `explanation|${r.cardId}|${r.period ?? ''}|${r.authorId}|${valueDigest(r.text ?? '')}`;
    case 'explanation-accept':
      return `explanation-accept|${r.cardId}|${r.period ?? ''}|${r.authorId}`;
    // A comment, a deletion and a tick (check-item) happen once per action id.
    default:
      return `${r.type}|${r.actionId}`;
  }
}

/** Short SHA-256 of a pluginData value (part of a version's key; the value itself is in the hashed record). */
export function valueDigest(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 32);
}

/** The record types that are comment evidence (the rest are dated facts: shared/facts.ts). */
export const COMMENT_TYPES: ReadonlySet<LedgerRecord['type']> = new Set(['comment', 'edit', 'delete']);
export const FACT_TYPES: readonly LedgerRecord['type'][] = LedgerRecordSchema.shape.type.options.filter((t) => !COMMENT_TYPES.has(t));

/** The end of a chain: how many records it holds and the hash the next record links to. */
export interface ChainHead {
  count: number;
  hash: string;
}
export const EMPTY_HEAD: ChainHead = { count: 0, hash: GENESIS_HASH };

/** A chained record and its stored JSON text (JSON.stringify of the record, made without a second pass). */
export interface ChainedRow {
  record: LedgerRecord;
  json: string;
}

/**
 * Chain new records after `head`: seq, prevHash and hash assigned, undefined members dropped, each with the JSON
 * the store keeps (byte for byte JSON.stringify(record): key order the input's, then seq, prevHash, hash). Pure.
 * Each value is serialised once, for both the hashed canonical text and the stored text (the append's hot path).
 */
export function chainRows(head: ChainHead, inputs: readonly LedgerInput[]): ChainedRow[] {
  const out: ChainedRow[] = [];
  let seq = head.count;
  let prev = head.hash;
  for (const input of inputs) {
    // Same key order as before (input's, then seq, prevHash, hash); the hash leaves `hash` out.
    const rec = chainedRecord(input, seq++, prev);
    const o: Record<string, unknown> = rec;
    const keys = Object.keys(o);
    const values = memberJson(o, keys);
    let json: string;
    if (values) {
      const shape = shapeOf(keys);
      rec.hash = sha256Hex(joinMembers(shape, values, shape.canonical));
      values[shape.hashAt] = `"${rec.hash}"`;
      json = joinMembers(shape, values, values.keys());
    } else {
      rec.hash = hashRecord(rec);
      json = JSON.stringify(rec);
    }
    prev = rec.hash;
    out.push({ record: rec, json });
  }
  return out;
}

/**
 * Chain new records after `head`: seq, prevHash and hash assigned, undefined members dropped. Pure.
 * @example chainRecords(EMPTY_HEAD, [input])[0].seq === 0
 */
export function chainRecords(head: ChainHead, inputs: readonly LedgerInput[]): LedgerRecord[] {
  return chainRows(head, inputs).map((r) => r.record);
}

/** The inputs whose fact is not in `known` (nor earlier in the batch), in order. */
export function newFacts(inputs: readonly LedgerInput[], known: ReadonlySet<string>): LedgerInput[] {
  const batch = new Set<string>();
  const out: LedgerInput[] = [];
  for (const r of inputs) {
    const k = ledgerKey(r);
    if (known.has(k) || batch.has(k)) continue;
    batch.add(k);
    out.push(r);
  }
  return out;
}

/**
 * The columns the store derives from each record so queries can select on them (server/src/store/migrations.ts),
 * each computed from the hashed record alone. `nabiz verify` recomputes every one for every row: a column that
 * disagrees with its record is a broken record, so nothing a report selects on lies outside the chain. A new
 * record type (or a new column) adds its derivation here and is checked like the others.
 */
export const LEDGER_COLUMNS = {
  seq: (r: LedgerRecord) => r.seq,
  fact: (r: LedgerRecord) => ledgerKey(r),
  type: (r: LedgerRecord) => r.type,
  action_id: (r: LedgerRecord) => r.actionId,
  board_id: (r: LedgerRecord) => r.boardId,
  card_id: (r: LedgerRecord) => r.cardId,
  author_id: (r: LedgerRecord) => r.authorId,
  posted_at: (r: LedgerRecord) => r.postedAt,
  recorded_at: (r: LedgerRecord) => r.recordedAt,
  hash: (r: LedgerRecord) => r.hash,
} as const satisfies Record<string, (r: LedgerRecord) => string | number>;
export type LedgerColumn = keyof typeof LEDGER_COLUMNS;
// biome-ignore lint/nursery/noUnsafeTypeAssertion: the keys of the object literal just above (Object.keys says string[]), in its order.
export const LEDGER_COLUMN_NAMES = Object.keys(LEDGER_COLUMNS) as LedgerColumn[];

/** A stored ledger row: the derived columns and the record JSON they were derived from. */
export type LedgerRow = { [K in LedgerColumn]: string | number } & { record: string };

/** The derived column values of a record, in LEDGER_COLUMN_NAMES order (the INSERT's parameters). */
export function ledgerColumnValues(r: LedgerRecord, fact: string = ledgerKey(r)): Array<string | number> {
  return LEDGER_COLUMN_NAMES.map((c) => (c === 'fact' ? fact : LEDGER_COLUMNS[c](r)));
}

/** The first derived column of a row that disagrees with its record (null: all agree). */
export function columnMismatch(row: Record<string, unknown>, r: LedgerRecord): { column: LedgerColumn; stored: string; derived: string } | null {
  const names = LEDGER_COLUMN_NAMES.filter((c) => c in row);
  return valuesMismatch(
    names,
    names.map((c) => row[c]),
    r,
  );
}

/** Like columnMismatch, for column values given in the order of `names` (the streamed check). */
export function valuesMismatch(
  names: readonly LedgerColumn[],
  values: readonly unknown[],
  r: LedgerRecord,
): { column: LedgerColumn; stored: string; derived: string } | null {
  for (let i = 0; i < names.length; i++) {
    const c = names[i];
    if (c === undefined) continue;
    const stored = String(values[i]);
    const derived = String(LEDGER_COLUMNS[c](r));
    // The import keeps a fact held twice in an old file under its fact suffixed with the seq (store.ts importAll).
    if (stored === derived || (c === 'fact' && stored === `${derived}#${r.seq}`)) continue;
    return { column: c, stored, derived };
  }
  return null;
}

/**
 * A ledger row's record. Not re-validated: every row was built by chainRecords and its hash is what the checks
 * verify (a zod pass per record would dominate `verify` on a large ledger).
 */
export function ledgerJson(text: string): LedgerRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // A reader (report, dashboard) stops with what it means, not a bare JSON error; verify names the row.
    throw new Error(
      `a record of the evidence ledger is not valid JSON (${e instanceof Error ? e.message : String(e)}): the ledger is broken; \`nabiz verify\` names the record (docs/operations.md "Evidence ledger")`,
    );
  }
  // biome-ignore lint/nursery/noUnsafeTypeAssertion: see above; the hash check catches a changed record.
  return value as LedgerRecord;
}

export type LedgerVerification = { ok: true; count: number } | { ok: false; count: number; badSeq: number; reason: string };

/**
 * Checks records one at a time in seq order (constant memory: `verify` streams the store through it). Given the
 * stored row too, also every derived column against the record (LEDGER_COLUMNS).
 * After the first failure it only counts.
 */
export class ChainVerifier {
  private expected: number;
  private prev: string;
  count: number;
  failure: { badSeq: number; reason: string } | null = null;
  constructor(from: ChainHead = EMPTY_HEAD) {
    this.expected = from.count;
    this.prev = from.hash;
    this.count = from.count;
  }
  /**
   * `row`: the stored columns, as `values` in the order of `names` (the streamed check);
   * `rowSeq`: the row's own seq (named as the bad record when the record inside disagrees); `contentHash`: the
   * record's hash when already computed (hashOfText).
   */
  push(r: LedgerRecord, row?: { names: readonly LedgerColumn[]; values: readonly unknown[] }, rowSeq?: number, contentHash?: string): boolean {
    this.count++;
    if (this.failure) return false;
    const i = this.expected++;
    if (r.seq !== i) return this.fail(rowSeq ?? r.seq, `expected seq ${i}, found ${r.seq} (a record was removed or reordered)`);
    if (r.prevHash !== this.prev) return this.fail(rowSeq ?? r.seq, brokenLink(i));
    if ((contentHash ?? hashRecord(r)) !== r.hash)
      return this.fail(rowSeq ?? r.seq, `content does not match its hash (the record was changed after it was written)`);
    if (row) {
      const m = valuesMismatch(row.names, row.values, r);
      if (m)
        return this.fail(
          rowSeq ?? r.seq,
          `column ${m.column} says "${m.stored}" but the hashed record says "${m.derived}" (the row was changed after it was written)`,
        );
    }
    this.prev = r.hash;
    return true;
  }
  /**
   * A stored row as `verify` reads it: its seq, its record's text and CHECKED_COLUMNS joined by COLUMN_SEP. The
   * same checks as push() with the row's columns (and pushUnreadable() for a text that is not a JSON object),
   * cheaper for the common row: the columns compared as one text, the hash made from the text (hashOfText).
   * Returns the record when it passed.
   */
  pushStored(rowSeq: number, text: string, cols: string): LedgerRecord | null {
    if (this.failure) {
      this.count++;
      return null;
    }
    const r = readRecord(text);
    if (!r) return this.pushUnreadable(rowSeq) || null;
    let row: { names: readonly LedgerColumn[]; values: readonly unknown[] } | undefined;
    // Stored columns equal to the derived ones joined (and seq equal): every column agrees. Otherwise column by
    // column, which names the one that differs.
    if (rowSeq !== r.seq || joinedColumns(r) !== cols) {
      const values: unknown[] = cols.split(COLUMN_SEP);
      // fact comes last and may itself hold the separator (an edit's text).
      const last = CHECKED_COLUMNS.length - 1;
      if (values.length > CHECKED_COLUMNS.length) values.splice(last, values.length - last, values.slice(last).join(COLUMN_SEP));
      values.push(rowSeq);
      row = { names: CHECKED_NAMES, values };
    }
    return this.push(r, row, rowSeq, hashOfText(r, text)) ? r : null;
  }
  /** A row whose record is not JSON: counted, and the chain is broken there (`rowSeq`). */
  pushUnreadable(rowSeq: number): false {
    this.count++;
    if (this.failure) return false;
    this.expected++;
    return this.fail(rowSeq, 'its record is not valid JSON (the row was changed after it was written)');
  }
  private fail(badSeq: number, reason: string): false {
    this.failure = { badSeq, reason };
    return false;
  }
  /** The verified head (only meaningful while ok). */
  get head(): ChainHead {
    return { count: this.expected, hash: this.prev };
  }
  result(): LedgerVerification {
    return this.failure ? { ok: false, count: this.count, ...this.failure } : { ok: true, count: this.count };
  }
}

/** Why a record whose prevHash is not the hash of the one before it (expected seq `i`) breaks the chain. */
function brokenLink(i: number): string {
  return `prevHash does not match the hash of record ${i - 1} (a record before it was changed or removed)`;
}

/** The derived columns the streamed check reads joined into one text (seq is the key it pages on), fact last. */
export const CHECKED_COLUMNS: readonly LedgerColumn[] = [...LEDGER_COLUMN_NAMES.filter((c) => c !== 'seq' && c !== 'fact'), 'fact'];
/** Between the joined columns (the unit separator: never in an id or a time; fact, which may hold it, comes last). */
export const COLUMN_SEP = String.fromCharCode(31);
/** CHECKED_COLUMNS and then seq: the order of the values the streamed check compares. */
const CHECKED_NAMES: readonly LedgerColumn[] = [...CHECKED_COLUMNS, 'seq'];

/**
 * CHECKED_COLUMNS derived from a record, joined by COLUMN_SEP; null when a value other than the last (fact) holds
 * the separator itself (then only the split comparison says which column is which).
 */
function joinedColumns(r: LedgerRecord): string | null {
  let out = '';
  const last = CHECKED_COLUMNS.length - 1;
  for (let i = 0; i < last; i++) {
    const v = String(LEDGER_COLUMNS[CHECKED_COLUMNS[i] ?? 'fact'](r));
    if (v.includes(COLUMN_SEP)) return null;
    out += v + COLUMN_SEP;
  }
  return out + LEDGER_COLUMNS.fact(r);
}

/**
 * hashRecord of a record parsed from `text`, cheaper when the text holds no backslash (most records): then no
 * string in it needs escaping (a quote, a backslash or a control character would have been escaped; a lone
 * surrogate cannot come out of the drivers' UTF-8 decoding), so each string's JSON is the string in quotes,
 * without the JSON.stringify that looks for characters to escape. The same value as hashRecord(r) either way.
 */
function hashOfText(r: LedgerRecord, text: string): string {
  if (text.includes('\\')) return hashRecord(r);
  const o: Record<string, unknown> = r;
  const keys = Object.keys(o);
  const shape = shapeOf(keys);
  let out = '{';
  let first = true;
  for (const i of shape.canonical) {
    const v = o[keys[i] ?? ''];
    let json: string;
    if (typeof v === 'string') json = `"${v}"`;
    else if (v === null || typeof v === 'number' || typeof v === 'boolean') json = JSON.stringify(v);
    else return hashRecord(r);
    out += first ? shape.keyJson[i] + json : `,${shape.keyJson[i]}${json}`;
    first = false;
  }
  return sha256Hex(`${out}}`);
}

/** A stored record text as a record, or null when it is not a JSON object (a row changed by hand). */
function readRecord(text: string | undefined): LedgerRecord | null {
  try {
    const r = ledgerJson(text ?? '');
    return isRecord(r) ? r : null;
  } catch {
    return null;
  }
}

/** Recompute a whole in-memory chain: ok, or the first bad record's seq and why. */
export function verifyLedger(ledger: Iterable<LedgerRecord>): LedgerVerification {
  const v = new ChainVerifier();
  for (const r of ledger) v.push(r);
  return v.result();
}

/** When a record's fact happened at Trello: the comment's posting, the edit's or deletion's own date. */
export function factTime(r: LedgerRecord): number {
  const at = r.type === 'comment' ? r.postedAt : r.type === 'edit' ? (r.dateLastEdited ?? r.occurredAt ?? r.recordedAt) : (r.occurredAt ?? r.recordedAt);
  const t = Date.parse(at);
  return Number.isNaN(t) ? Number.MAX_SAFE_INTEGER : t;
}

/**
 * Current view of comments from their records: latest text, originalText (A26: the oldest text we know is the
 * evidence of what was first written), editedAt, deletedAt. Trello does not promise the order of webhook
 * deliveries, so the records are folded in the order the facts HAPPENED (each action's own date; seq breaks
 * ties), not the order they arrived: an edit dated before its deletion but delivered after it is still an
 * edit, and a late older edit never overwrites a newer text. Ordered like shared/trello-export.ts: posted
 * time, then id.
 */
export function foldComments(records: Iterable<LedgerRecord>): CommentRecord[] {
  const firsts: LedgerRecord[] = [];
  const later: LedgerRecord[] = [];
  for (const r of records) {
    if (!COMMENT_TYPES.has(r.type)) continue; // dated facts (membership, pluginData versions …) are not comments
    (r.type === 'comment' ? firsts : later).push(r);
  }
  later.sort((a, b) => factTime(a) - factTime(b) || a.seq - b.seq);
  const byId = new Map<string, CommentRecord>();
  for (const r of [...firsts, ...later]) {
    let c = byId.get(r.actionId);
    if (!c) {
      c = { id: r.actionId, cardId: r.cardId, authorId: r.authorId, postedAt: r.postedAt, text: r.text ?? r.oldText ?? '' };
      if (r.authorName) c.authorName = r.authorName;
      byId.set(r.actionId, c);
      if (r.type === 'comment') {
        if (r.dateLastEdited) c.editedAt = r.dateLastEdited;
        continue;
      }
      // An edit or deletion of a comment never recorded itself: its old text is what was first written.
      if (r.type === 'edit' && r.oldText !== undefined) c.text = r.oldText;
    } else if (r.type === 'comment') continue; // first sight already recorded (webhook and scan may both report it)
    if (r.type === 'edit') {
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
  const keyed = [...byId.values()].map((c) => ({ t: Date.parse(c.postedAt), c }));
  keyed.sort((x, y) => (Number.isNaN(x.t) || Number.isNaN(y.t) ? 0 : x.t - y.t) || (x.c.id < y.c.id ? -1 : x.c.id > y.c.id ? 1 : 0));
  return keyed.map((x) => x.c);
}

/**
 * `{ ...input without undefined members, seq, prevHash, hash: '' }`, built in one object (the spread of a copy made
 * two per record: the append's garbage). Key order is the spread's: an input key named seq/prevHash/hash keeps
 * its place and takes the new value.
 */
function chainedRecord(input: LedgerInput, seq: number, prevHash: string): LedgerRecord {
  const out: Record<string, unknown> = {};
  const src: Record<string, unknown> = input;
  for (const k in src) {
    const v = src[k];
    if (v !== undefined) out[k] = v;
  }
  out.seq = seq;
  out.prevHash = prevHash;
  out.hash = '';
  // biome-ignore lint/nursery/noUnsafeTypeAssertion: the input's members plus the three chain members, as the type says.
  return out as LedgerRecord;
}
