// Kept parses (docs/architecture.md "Evaluation path", docs/operations.md "Store"): every comment and edit record is
// parsed once, when it is appended, and its parse kept in `entries` (migration 5) keyed by ledger seq with the grammar
// version it was made under. Readers take the kept parse of the record that gave a comment its current text (the
// fold decides which); a record without a row, or with a row of another grammar version, is parsed on read and its
// row written lazily (once per board and process). Rows are derived data: never hashed, never evidence, rebuilt
// from the ledger at will.
import { z } from 'zod';
import { pushAll } from '../../../shared/arrays.js';
import { isRecord } from '../../../shared/guards.js';
import { dateKey } from '../../../shared/dates.js';
import { GRAMMAR_VERSION, parseEntry } from '../../../shared/entries.js';
import { acrossReadsText } from '../../../shared/compliance/across-text.js';
import type { CommentRecord, ParsedEntry } from '../../../shared/types.js';
import { foldComments, ledgerJson } from './ledger.js';
import type { LedgerRecord } from './schema.js';
import { bulkInsert, type BulkColumn, type SqlDb, type SqlExec } from './sql.js';

/** The records that carry a comment's text (a deletion carries none of its own). */
const TEXT_TYPES: ReadonlySet<LedgerRecord['type']> = new Set(['comment', 'edit']);
const INSERT_CHUNK = 200;
/** Records parsed and written per transaction by the lazy backfill. */
const BACKFILL_PAGE = 2000;
const COLUMNS = ['seq', 'board_id', 'card_id', 'author_id', 'posted_at', 'posted_day', 'first_sight', 'grammar', 'is_entry', 'across', 'entry'] as const;

/** Enough of a ParsedEntry to trust a kept row (the rest is parseEntry's own output, written by this build). */
const keptEntrySchema = z
  .object({
    kinds: z.array(z.string()).min(1),
    forDate: z.string(),
    forWeek: z.string().optional(),
    forMonth: z.string().optional(),
    readings: z.object({}).passthrough(),
    actions: z.array(z.unknown()),
    warnings: z.array(z.string()),
  })
  .passthrough();

/** A record's kept-parse row, or null for records without text. */
export function entryRow(r: LedgerRecord, grammar = GRAMMAR_VERSION): unknown[] | null {
  if (!TEXT_TYPES.has(r.type)) return null;
  const entry = r.text ? parseEntry(r.text, r.postedAt) : null;
  // A candidate for the board's first entry when either text it carries reads as one (judgingStart reads the
  // original text of a comment whose text is empty).
  const old = r.oldText ? parseEntry(r.oldText, r.postedAt) : null;
  const across = acrossReadsText(r.text ?? '') || acrossReadsText(r.oldText ?? '');
  return [
    r.seq,
    r.boardId,
    r.cardId,
    r.authorId,
    r.postedAt,
    dateKey(r.postedAt),
    r.type === 'comment' ? 1 : 0,
    grammar,
    entry || old ? 1 : 0,
    across ? 1 : 0,
    entry ? keptJson(entry) : null,
  ];
}

/**
 * The kept JSON of a parse, members at their default left out (most entries are not late and carry no reading,
 * action or warning): a third of the row. keptParse restores them, in parseEntry's key order.
 */
export function keptJson(e: ParsedEntry): string {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) {
    if (k === 'late' && v === false) continue;
    if ((k === 'actions' || k === 'warnings') && Array.isArray(v) && v.length === 0) continue;
    if (k === 'readings' && typeof v === 'object' && v !== null && Object.keys(v).length === 0) continue;
    o[k] = v;
  }
  return JSON.stringify(o);
}

/** A kept row's JSON with the members keptJson left out restored (rows written whole before are read the same). */
function keptParse(v: unknown): unknown {
  if (!isRecord(v)) return v;
  const { kinds, forDate, forWeek, forMonth, late, readings, actions, warnings, ...rest } = v;
  const out: Record<string, unknown> = { kinds, forDate };
  if (forWeek !== undefined) out.forWeek = forWeek;
  if (forMonth !== undefined) out.forMonth = forMonth;
  out.late = late ?? false;
  out.readings = readings ?? {};
  out.actions = actions ?? [];
  out.warnings = warnings ?? [];
  return Object.assign(out, rest);
}

/** The rows' columns with their PostgreSQL types (the upsert's unnest arrays, sql.ts bulkInsert). */
const BULK_COLUMNS: readonly BulkColumn[] = COLUMNS.map((name) => ({
  name,
  pg:
    name === 'seq'
      ? 'bigint'
      : name === 'first_sight' || name === 'grammar' || name === 'is_entry' || name === 'across'
        ? 'integer'
        : name === 'entry'
          ? 'json'
          : 'text',
}));
/** A row written again (a grammar change, the lazy backfill) takes the new parse. */
const UPSERT_TAIL = `ON CONFLICT (seq) DO UPDATE SET ${COLUMNS.filter((c) => c !== 'seq')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ')}`;

/** Write the kept parses of `records` (inside the append's transaction, or lazily). */
export async function writeEntries(q: SqlExec, records: readonly LedgerRecord[], dialect: SqlDb['dialect'], grammar = GRAMMAR_VERSION): Promise<number> {
  const rows: unknown[][] = [];
  for (const r of records) {
    const row = entryRow(r, grammar);
    if (row) rows.push(row);
  }
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const upsert = bulkInsert(dialect, 'entries', BULK_COLUMNS, rows.slice(i, i + INSERT_CHUNK), UPSERT_TAIL);
    await q.run(upsert.sql, upsert.params);
  }
  return rows.length;
}

function isKeptEntry(v: unknown): v is ParsedEntry {
  return keptEntrySchema.safeParse(v).success;
}

/** A kept row's parse, or undefined when it cannot be trusted (then the comment is parsed on read). */
function readEntry(json: string | null): ParsedEntry | null | undefined {
  if (json === null) return null;
  try {
    const v = keptParse(JSON.parse(json));
    return isKeptEntry(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The kept parse of each comment's current text by comment id: the parse of a record of that comment whose text
 * and posting time are the comment's (parseEntry reads nothing else). Comments without one are left out.
 */
export function parsesOf(
  comments: readonly CommentRecord[],
  records: readonly LedgerRecord[],
  kept: ReadonlyMap<number, ParsedEntry | null>,
): Map<string, ParsedEntry | null> {
  const bySeq = new Map<string, LedgerRecord[]>();
  for (const r of records) {
    if (!kept.has(r.seq)) continue;
    const list = bySeq.get(r.actionId);
    if (list) list.push(r);
    else bySeq.set(r.actionId, [r]);
  }
  const out = new Map<string, ParsedEntry | null>();
  for (const c of comments) {
    const r = bySeq.get(c.id)?.find((x) => x.text === c.text && x.postedAt === c.postedAt);
    if (r) out.set(c.id, kept.get(r.seq) ?? null);
  }
  return out;
}

export class EntryStore {
  /** Boards whose rows this process has seen complete at GRAMMAR_VERSION (appends keep them so). */
  private complete = new Set<string>();

  constructor(private readonly db: SqlDb) {}

  /**
   * Parse and keep the board's records that have no row at this grammar version (a store from before migration 5, or
   * a grammar change). Once per board and process; a read-only store is read as it is (parsed on read).
   */
  async ensureBoard(boardId: string): Promise<number> {
    if (this.complete.has(boardId)) return 0;
    let written = 0;
    // A page at a time: a large board's first read after the upgrade never holds its whole history.
    for (;;) {
      const rows = await this.db.all<{ record: string }>(
        `SELECT l.record FROM ledger l LEFT JOIN entries e ON e.seq = l.seq
         WHERE l.board_id = ? AND l.type IN ('comment', 'edit') AND (e.seq IS NULL OR e.grammar <> ?) ORDER BY l.seq LIMIT ?`,
        [boardId, GRAMMAR_VERSION, BACKFILL_PAGE],
      );
      if (!rows.length) break;
      try {
        written += await this.db.tx((q) =>
          writeEntries(
            q,
            rows.map((r) => ledgerJson(r.record)),
            this.db.dialect,
          ),
        );
      } catch {
        // Read only (verify, report): the parses are made on read; not tried again by this process.
        this.complete.add(boardId);
        return written;
      }
      if (rows.length < BACKFILL_PAGE) break;
    }
    this.complete.add(boardId);
    return written;
  }

  /** The kept parses of one card's records, by seq (one indexed read). */
  forCard(cardId: string): Promise<Map<number, ParsedEntry | null>> {
    return this.kept(`SELECT e.seq, e.entry FROM ledger l JOIN entries e ON e.seq = l.seq WHERE l.card_id = ? AND e.grammar = ?`, [cardId, GRAMMAR_VERSION]);
  }

  /**
   * Several cards' records in seq order, each card with the kept parses of its records by seq (as `forCard`), in one
   * query: the judge reads a chunk of cards per round trip, not two per card (docs/architecture.md "Evaluation path").
   * The parse is a correlated lookup by seq, so both engines walk the cards' ledger rows and probe `entries` by its
   * key, whatever their statistics say (a join let PostgreSQL scan every kept parse for each card).
   */
  async cards(cardIds: readonly string[]): Promise<Map<string, { records: LedgerRecord[]; kept: Map<number, ParsedEntry | null> }>> {
    const out = new Map<string, { records: LedgerRecord[]; kept: Map<number, ParsedEntry | null> }>();
    for (const id of cardIds) out.set(id, { records: [], kept: new Map() });
    if (!cardIds.length) return out;
    // '' for a kept row saying "no entry" (its column is NULL), SQL NULL for no row at this grammar.
    const rows = await this.db.all<{ record: string; entry: string | null }>(
      `SELECT l.record, (SELECT COALESCE(e.entry, '') FROM entries e WHERE e.seq = l.seq AND e.grammar = ?) AS entry
       FROM ledger l WHERE l.card_id IN (${cardIds.map(() => '?').join(', ')}) ORDER BY l.seq`,
      [GRAMMAR_VERSION, ...cardIds],
    );
    for (const row of rows) {
      const r = ledgerJson(row.record);
      const card = out.get(r.cardId);
      if (!card) continue;
      card.records.push(r);
      if (row.entry === null) continue;
      const e = readEntry(row.entry === '' ? null : row.entry);
      if (e !== undefined) card.kept.set(r.seq, e);
    }
    return out;
  }

  /** The kept parses of a board's records, by seq. */
  forBoard(boardId: string): Promise<Map<number, ParsedEntry | null>> {
    return this.kept(`SELECT e.seq, e.entry FROM ledger l JOIN entries e ON e.seq = l.seq WHERE l.board_id = ? AND e.grammar = ?`, [boardId, GRAMMAR_VERSION]);
  }

  private async kept(sql: string, params: unknown[]): Promise<Map<number, ParsedEntry | null>> {
    const out = new Map<number, ParsedEntry | null>();
    for (const row of await this.db.all<{ seq: number | string; entry: string | null }>(sql, params)) {
      const e = readEntry(row.entry);
      if (e !== undefined) out.set(Number(row.seq), e);
    }
    return out;
  }

  /**
   * What the rules across cards read of a board's comments (judgeAcross), without its texts: per author and Istanbul
   * day on the customer cards `cardIds` the earliest comment (activity, P19: board-wide, shared/compliance/rules/
   * team-lead.ts, so it stands on the first customer card), plus whole those comments whose text the rules read
   * (acrossReadsText) and those only known from an edit or deletion (folded: author and time are the fold's).
   * Needs ensureBoard first.
   */
  async light(boardId: string, cardIds: readonly string[], records: (actionIds: string[]) => Promise<LedgerRecord[]>): Promise<CommentRecord[]> {
    const out: CommentRecord[] = [];
    const on = cardIds[0];
    for (let i = 0; on !== undefined && i < cardIds.length; i += 500) {
      const part = cardIds.slice(i, i + 500);
      const rows = await this.db.all<{ author_id: string; posted_day: string; first: string }>(
        `SELECT author_id, posted_day, MIN(posted_at) AS first FROM entries
         WHERE board_id = ? AND first_sight = 1 AND card_id IN (${part.map(() => '?').join(',')}) GROUP BY author_id, posted_day`,
        [boardId, ...part],
      );
      for (const r of rows) out.push({ id: `activity:${r.author_id}:${r.posted_day}:${i}`, cardId: on, authorId: r.author_id, postedAt: r.first, text: '' });
    }
    const whole = new Set(await this.unknown(boardId));
    const across = `SELECT DISTINCT l.action_id FROM entries e JOIN ledger l ON l.seq = e.seq WHERE e.board_id = ? AND e.across = 1`;
    for (const r of await this.db.all<{ action_id: string }>(across, [boardId])) whole.add(r.action_id);
    if (whole.size) pushAll(out, foldComments(await records([...whole])));
    return out;
  }

  /** Comments of the board known only from an edit or deletion (no comment record): rare, read whole. */
  private async unknown(boardId: string): Promise<string[]> {
    const rows = await this.db.all<{ action_id: string }>(
      `SELECT DISTINCT d.action_id FROM ledger d WHERE d.board_id = ? AND d.type IN ('edit', 'delete')
       AND NOT EXISTS (SELECT 1 FROM ledger c WHERE c.action_id = d.action_id AND c.type = 'comment')`,
      [boardId],
    );
    return rows.map((r) => r.action_id);
  }

  /**
   * The comments that may be the board's first entry by `now` (judgingStart), oldest first, folded: those whose
   * records read as an entry, up to the first whose current text still does, plus those only known from an edit or
   * deletion. Needs ensureBoard first.
   */
  async firstEntries(boardId: string, now: Date, records: (actionIds: string[]) => Promise<LedgerRecord[]>): Promise<CommentRecord[]> {
    const nowMs = now.getTime();
    const unknown = await this.unknown(boardId);
    const out: CommentRecord[] = unknown.length ? foldComments(await records(unknown)) : [];
    const PAGE = 50;
    for (let offset = 0; ; offset += PAGE) {
      const rows = await this.db.all<{ action_id: string; posted_at: string }>(
        `SELECT l.action_id, e.posted_at FROM entries e JOIN ledger l ON l.seq = e.seq WHERE e.board_id = ? AND e.is_entry = 1 ORDER BY e.posted_at, e.seq LIMIT ? OFFSET ?`,
        [boardId, PAGE, offset],
      );
      const ids = [...new Set(rows.filter((r) => Date.parse(r.posted_at) <= nowMs).map((r) => r.action_id))];
      const folded = ids.length ? foldComments(await records(ids)) : [];
      pushAll(out, folded);
      // The oldest candidates first: once one still reads as an entry, no later one can be the first.
      const confirmed = folded.some((c) => Date.parse(c.postedAt) <= nowMs && parseEntry(c.text || c.originalText || '', c.postedAt));
      if (confirmed || rows.length < PAGE) return out;
    }
  }
}
