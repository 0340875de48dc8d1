// The store port and its SQL implementation (docs/operations.md "Store"). One schema, two engines (sql.ts):
// SQLite by default, PostgreSQL when DATABASE_URL says so. The small state (boards, snapshots, evaluations, flags,
// messages, scan log) is kept by typed repositories (repos.ts, docs/architecture.md "Store"): reads from a cache
// of the rows, writes naming their rows inside `write`'s transaction; another process's write bumps
// `state_version`, so every write (and `sync()`) first reloads what changed under it. The evidence ledger is never
// held whole: it is appended in the same transaction as the state change it goes with (records + cursor together),
// and read per board, per card or streamed.
import type { CommentRecord } from '../../../shared/types.js';
import {
  CHECKED_COLUMNS,
  ChainVerifier,
  EMPTY_HEAD,
  FACT_TYPES,
  LEDGER_COLUMN_NAMES,
  chainRows,
  columnMismatch,
  ledgerJson,
  foldComments,
  hashRecord,
  ledgerColumnValues,
  ledgerKey,
  newFacts,
  type ChainHead,
  type LedgerInput,
  type LedgerVerification,
} from './ledger.js';
import { SchemaTooNewError, checkSchemaVersion, migrate } from './migrations.js';
import type { LedgerRecord, LegacyState, State } from './schema.js';
import { BoardRepo, EvaluationRepo, FlagRepo, MessageRepo, ScanRepo, SnapshotRepo, StateCache, StoreError, StoreTx, imageOf, loadCache } from './repos.js';
import { STATE_TABLES, setStateVersion, stateVersions, type StateVersions } from './state-sql.js';
import { StoreUnavailableError, bulkInsert, openPostgres, openSqlite, type BulkColumn, type SqlDb, type SqlExec } from './sql.js';
import { VerdictStore } from './verdicts.js';
import { EntryStore, writeEntries } from './entries.js';
import { z } from 'zod';
import { pushAll } from '../../../shared/arrays.js';
import { present } from '../../../shared/guards.js';
import { errorMessage } from '../errors.js';
import { flushWitness } from './witness.js';

export { StoreError, StoreTx };

/** A ledger row as its columns say: what names a bad record. */
export interface LedgerRowRef {
  seq: number;
  type: string;
  actionId: string;
  cardId: string;
  boardId: string;
}

/** Read access to the evidence ledger, none of it loading the whole chain. */
export interface LedgerReader {
  /** Records held and the last record's hash (GENESIS when empty). */
  head(): Promise<ChainHead>;
  /** One board's records in seq order. */
  boardRecords(boardId: string): Promise<LedgerRecord[]>;
  /** Current view of one board's comments (latest text, original text, deletion), ordered by posting time. */
  boardComments(boardId: string): Promise<CommentRecord[]>;
  /** The records of the named comments of a board, in seq order (a webhook delivery: one indexed lookup). */
  records(boardId: string, actionIds: readonly string[]): Promise<LedgerRecord[]>;
  /** Current view of the named comments of a board. */
  comments(boardId: string, actionIds: readonly string[]): Promise<CommentRecord[]>;
  /** One card's records posted in [from, to) (ISO strings; either may be omitted), in seq order. */
  cardRecords(cardId: string, range?: { from?: string; to?: string }): Promise<LedgerRecord[]>;
  bySeq(seq: number): Promise<LedgerRecord | undefined>;
  /**
   * A row's identifying columns, read without parsing its record: names a bad record even when the record is no
   * longer JSON (verify, reports, the start-up check).
   */
  rowAt(seq: number): Promise<LedgerRowRef | undefined>;
  /** The board's last record's seq (-1 when it has none). One indexed read. */
  lastSeq(boardId: string): Promise<number>;
  /** The board's records after `seq`, in seq order (what changed since a kept evaluation: store/across.ts). */
  boardSince(boardId: string, seq: number): Promise<LedgerRecord[]>;
  /**
   * The board's dated-fact records (membership, pluginData versions, freeze approvals: shared/facts.ts) in seq
   * order; with `cardId`, only that card's and the board's own (board-data). One indexed read.
   */
  facts(boardId: string, opts?: { cardId?: string }): Promise<LedgerRecord[]>;
  /** Every reminder choice (`reminder` records, any board) in seq order: one read of a partial index (migration 7). */
  reminders(): Promise<LedgerRecord[]>;
  /** The last pluginData version recorded for a card of the board (cardId '' = the board's settings). One indexed read. */
  lastVersion(boardId: string, cardId: string): Promise<LedgerRecord | undefined>;
  /** Every record in seq order, a page at a time (constant memory). */
  stream(opts?: { fromSeq?: number; pageSize?: number }): AsyncIterable<LedgerRecord>;
  /** Recompute the whole chain and every derived column (LEDGER_COLUMNS), streamed. */
  verify(): Promise<LedgerVerification>;
  /** verify() plus what a checkpoint keeps: the verified head and the records per board and per card. */
  verifyFull(): Promise<{ verification: LedgerVerification; checkpoint: Checkpoint | null }>;
  /**
   * From a verified checkpoint: the records after it (chain and columns), and the scope's rows before it (each
   * row's columns and hash against its record; their number against the checkpoint's count, so a row moved
   * out of the board or card is noticed too). What a report rests on, without re-reading the whole chain.
   */
  verifyAfter(from: Checkpoint, scope: { boardId?: string; cardId?: string }): Promise<LedgerVerification>;
  /** verify() once per process, then only the records appended since (report downloads). */
  verifyCached(): Promise<LedgerVerification>;
}

/** A verified head and, as of it, how many records each board and card held (docs/operations.md "Evidence ledger"). */
export interface Checkpoint extends ChainHead {
  at: string;
  boards: Record<string, number>;
  cards: Record<string, number>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the data lives (file path, or the PostgreSQL URL without password). */
  readonly location: string;
  /** The witness file of this store's head (store/witness.ts), when the opener named one. */
  readonly witnessFile?: string;
  /** The small state's repositories (repos.ts): reads as of the last sync/write; writes go through `write`. */
  readonly boards: BoardRepo;
  readonly snapshots: SnapshotRepo;
  readonly evaluations: EvaluationRepo;
  readonly flags: FlagRepo;
  readonly messages: MessageRepo;
  readonly scans: ScanRepo;
  /**
   * The whole small state as one copy in the old data file's shape (State), read only: tests compare and copy
   * stores with it. Production code reads the repositories (test/server/store/repos.test.ts holds it so).
   */
  image(): State;
  readonly ledger: LedgerReader;
  /** Verdict rows per card (store/verdicts.ts). */
  readonly verdicts: VerdictStore;
  /** Kept parses of comment records (store/entries.ts). */
  readonly entries: EntryStore;
  /** SQL statements sent so far (store/sql.ts SqlDb.statements): what the bench counts per path. */
  statements(): number;
  /** Reload the state when another process wrote since (one indexed read when nothing changed). True = reloaded. */
  sync(): Promise<boolean>;
  /**
   * One write transaction (serialised across processes): `fn` writes the rows it names through `tx`; the state
   * is reloaded first when another process wrote since.
   */
  write<T>(fn: (tx: StoreTx) => T | Promise<T>): Promise<T>;
  /**
   * Append ledger records whose fact is not held yet and, in the SAME transaction, run `then` (the scanner puts
   * the board's cursor row there), so the ledger and the cursor never disagree. Returns the records appended.
   */
  append(
    inputs: readonly LedgerInput[] | ((known: (keys: string[]) => Promise<Set<string>>) => Promise<LedgerInput[]>),
    then?: (tx: StoreTx, added: LedgerRecord[]) => void | Promise<void>,
  ): Promise<LedgerRecord[]>;
  /**
   * Insert records exactly as given (same seq, same hashes) and the state, in one transaction: the import of the old
   * files (import.ts) and seedStore. Into an empty store only.
   */
  importAll(records: AsyncIterable<LedgerRecord> | Iterable<LedgerRecord>, state: State | null, meta?: Record<string, string>): Promise<ChainHead>;
  /** The chain head/count this store last wrote (meta), to compare with what the ledger holds at start. */
  lastWritten(): Promise<ChainHead | null>;
  /** Small key/value facts (import origin, leader). */
  meta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  /**
   * null while the store can keep what it is given; else why not (SQLite file deleted, replaced or cut short;
   * records this process saw are gone; PostgreSQL not answering). Cheap: a stat, and one indexed read.
   */
  health(): Promise<string | null>;
  /** Called after every commit that appended records, with the new head (the witness file follows it). */
  onAppend(fn: (head: ChainHead) => void): void;
  /**
   * Resolves when the work an append started after it returned is done: the witness file's write and a refresh of
   * the planner's statistics (noteGrowth). Work that a bulk load causes, so the bench counts it in the ingest.
   */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const PAGE = 2000;
/** Rows per multi-row INSERT (11 columns: far below both engines' parameter limits). */
const INSERT_CHUNK = 200;
/** Keys per IN (…) lookup. */
const LOOKUP_CHUNK = 500;
/** Records appended (with the ledger at least doubled) before the planner's statistics are refreshed (noteGrowth). */
export const ANALYZE_MIN_ROWS = 10_000;

function chunks<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** The chain head kept in meta (`ledger_written`). */
const ChainHeadSchema = z.object({ count: z.number(), hash: z.string() });

class SqlStore implements Store {
  private cache = new StateCache();
  /** state_version this process last loaded or wrote (-1: reload on the next sync/write). */
  private version = -1;
  private verified: ChainHead = EMPTY_HEAD;
  /** The longest head this process has seen: the ledger may only grow (a shorter one lost records). */
  seen: ChainHead = EMPTY_HEAD;
  private lost: string | null = null;
  private appendListeners: Array<(head: ChainHead) => void> = [];
  readonly ledger: LedgerReader;
  readonly verdicts: VerdictStore;
  readonly entries: EntryStore;
  readonly boards: BoardRepo;
  readonly snapshots: SnapshotRepo;
  readonly evaluations: EvaluationRepo;
  readonly flags: FlagRepo;
  readonly messages: MessageRepo;
  readonly scans: ScanRepo;

  readonly witnessFile?: string;

  constructor(
    private readonly db: SqlDb,
    witnessFile?: string,
  ) {
    if (witnessFile) this.witnessFile = witnessFile;
    this.ledger = this.reader();
    this.verdicts = new VerdictStore(db);
    this.entries = new EntryStore(db);
    const cache = () => this.cache;
    this.boards = new BoardRepo(cache);
    this.snapshots = new SnapshotRepo(cache);
    this.evaluations = new EvaluationRepo(cache);
    this.flags = new FlagRepo(cache);
    this.messages = new MessageRepo(cache);
    this.scans = new ScanRepo(cache);
  }

  get kind() {
    return this.db.dialect;
  }
  get location() {
    return this.db.location;
  }
  statements(): number {
    return this.db.statements();
  }
  /** The whole state as one read-only image (tests compare stores with it; production reads the repositories). */
  image(): State {
    return imageOf(this.cache);
  }

  async sync(): Promise<boolean> {
    const v = await stateVersions(this.db);
    if (v.all === this.version) return false;
    await this.load(this.db, v);
    return true;
  }

  /** Read again the tables written since this process last read (all of them at start or after a failed write). */
  private async load(q: SqlExec, v: StateVersions): Promise<void> {
    const since = this.version;
    const stale = since < 0 ? STATE_TABLES : STATE_TABLES.filter((t) => (v.tables[t] ?? Number.POSITIVE_INFINITY) > since);
    this.cache = await loadCache(q, since < 0 ? null : this.cache, new Set(stale));
    this.version = v.all;
  }

  /** Run fn inside a write transaction on the current rows; bump the versions when it wrote any. */
  private async writeIn<T>(q: SqlExec, fn: (tx: StoreTx) => T | Promise<T>): Promise<T> {
    const v = await stateVersions(q);
    if (v.all !== this.version) await this.load(q, v);
    try {
      const tx = new StoreTx(q, this.cache);
      const out = await fn(tx);
      if (tx.wrote) {
        await setStateVersion(q, v.all + 1, tx.written);
        this.version = v.all + 1;
      }
      return out;
    } catch (e) {
      // The transaction rolls back: the cached rows may be half-changed, so reload them next time.
      this.version = -1;
      throw e;
    }
  }

  write<T>(fn: (tx: StoreTx) => T | Promise<T>): Promise<T> {
    return this.db.tx((q) => this.writeIn(q, fn));
  }

  async append(
    inputs: readonly LedgerInput[] | ((known: (keys: string[]) => Promise<Set<string>>) => Promise<LedgerInput[]>),
    then?: (tx: StoreTx, added: LedgerRecord[]) => void | Promise<void>,
  ): Promise<LedgerRecord[]> {
    return this.db
      .tx(async (q) => {
        const lookup = (keys: string[]) => existingFacts(q, keys);
        const list = typeof inputs === 'function' ? await inputs(lookup) : inputs;
        const held = await lookup(list.map(ledgerKey));
        const fresh = newFacts(list, held);
        const added: LedgerRecord[] = [];
        if (fresh.length > 0) {
          const head = await this.checkedHead(q);
          // Chained a chunk at a time: each chunk's JSON texts and parameters die young (no promotion to the old
          // generation of a first scan's whole history, which the garbage collector paid for on every scavenge).
          let at = head;
          for (const part of chunks(fresh, INSERT_CHUNK)) {
            const rows = chainRows(at, part);
            const values: unknown[][] = [];
            const records: LedgerRecord[] = [];
            for (const r of rows) {
              values.push(ledgerRowValues(r.record, r.json));
              records.push(r.record);
            }
            const insert = ledgerInsert(this.db.dialect, values);
            await q.run(insert.sql, insert.params);
            // Each comment parsed once, here (store/entries.ts): readers take the kept parse.
            await writeEntries(q, records, this.db.dialect);
            pushAll(added, records);
            const last = present(records.at(-1), 'the last record of a chunk');
            at = { count: last.seq + 1, hash: last.hash };
          }
          const last = present(added.at(-1), 'the last appended record');
          await setMetaIn(q, 'ledger_written', JSON.stringify({ count: last.seq + 1, hash: last.hash }));
        }
        if (then) await this.writeIn(q, (tx) => then(tx, added));
        return added;
      })
      .then((added) => {
        const last = added.at(-1);
        if (last) this.commitSeen({ count: last.seq + 1, hash: last.hash }, added.length);
        return added;
      });
  }

  /** The head inside a write transaction, refused when shorter than one this process already saw. */
  private async checkedHead(q: SqlExec): Promise<ChainHead> {
    const head = await headOf(q);
    if (head.count < this.seen.count) {
      this.lost = `the ledger holds ${head.count} records but this process saw ${this.seen.count} (head ${this.seen.hash.slice(0, 12)}…): records were removed from the store`;
      throw new StoreUnavailableError(this.lost);
    }
    if (head.count > this.seen.count) this.seen = head;
    return head;
  }

  private commitSeen(head: ChainHead, added: number): void {
    if (head.count > this.seen.count) this.seen = head;
    for (const fn of this.appendListeners) fn(head);
    this.noteGrowth(head.count, added);
  }

  /** Records this process appended since it last refreshed the planner's statistics (or since open). */
  private grown = 0;
  private refreshing: Promise<void> | null = null;

  /**
   * The planner's statistics after a bulk load (a first scan's backfill, an import, the bench's build): once this
   * process has appended ANALYZE_MIN_ROWS records and the ledger at least doubled since its last refresh, the tables
   * an append grows are analyzed. PostgreSQL's manual recommends ANALYZE after bulk loading a table
   * (postgresql.org/docs/current/populate.html#POPULATE-ANALYZE); autovacuum does it only after its naptime, and a
   * join of ledger and entries planned without statistics took 50-117 ms a card meanwhile. SQLite: `PRAGMA optimize
   * = 0x10012` (sqlite.org/pragma.html#pragma_optimize): analyze (0x02), under a temporary analysis limit (0x10:
   * 0.17 s on a 250k-record file, 0.1 ms when nothing moved), every table whose size moved far from its statistics
   * (0x10000: all tables, not only those this connection's queries used; the plain form at close, sql.ts, kept a
   * new store's 20-row statistics after 10,000 more records). Off the commit path: after the appending call
   * returned (a webhook's answers are out first), one at a time; a failure costs only the plan; close() waits.
   */
  private noteGrowth(count: number, added: number): void {
    this.grown += added;
    if (this.refreshing || this.grown < ANALYZE_MIN_ROWS || this.grown < count - this.grown) return;
    this.grown = 0;
    const db = this.db;
    this.refreshing = new Promise<void>((r) => setImmediate(r))
      .then(async () => {
        // PostgreSQL: on a pooled connection outside the write lock (ANALYZE's SHARE UPDATE EXCLUSIVE lock does
        // not block inserts: webhook commits go on meanwhile). SQLite: one connection, so inside a write transaction of its own, never in another's.
        if (db.dialect === 'postgres') await db.run(`ANALYZE ledger, entries`);
        else if (!(await db.probe())) await db.tx((q) => q.run(`PRAGMA optimize = 0x10012`));
      })
      .catch(() => undefined)
      .finally(() => (this.refreshing = null));
  }

  onAppend(fn: (head: ChainHead) => void): void {
    this.appendListeners.push(fn);
  }

  private healthCheck: Promise<string | null> | null = null;

  /** One check at a time: requests that arrive while one runs share its answer (one burst, not one per request). */
  health(): Promise<string | null> {
    if (!this.healthCheck) this.healthCheck = this.checkHealth().finally(() => (this.healthCheck = null));
    return this.healthCheck;
  }

  private async checkHealth(): Promise<string | null> {
    // SQLite: the file check (a stat and its header). PostgreSQL answers when the query below does: its probe (a
    // round trip of its own) only names a failure, so a check is one round trip (once per webhook commit).
    const sqlite = this.db.dialect === 'sqlite';
    if (sqlite || this.seen.count === 0) {
      const fault = await this.db.probe();
      if (fault) return fault;
    }
    if (this.lost) return this.lost;
    // Compare with what was seen BEFORE the head is read: an append on another connection may commit (and advance
    // this.seen) while the read is under way, and its older head is not a loss.
    const seen = this.seen;
    if (seen.count === 0) return null;
    let rows: Array<{ seq: number; hash: string }>;
    try {
      // The head and the record this process saw last, in one read.
      rows = await this.db.all<{ seq: number; hash: string }>(
        `SELECT seq, hash FROM ledger WHERE seq = ? UNION ALL SELECT seq, hash FROM (SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1) h`,
        [seen.count - 1],
      );
    } catch (e) {
      const fault = sqlite ? null : await this.db.probe();
      if (fault) return fault;
      throw e;
    }
    const count = rows.reduce((n, r) => Math.max(n, Number(r.seq) + 1), 0);
    const head = rows.find((r) => Number(r.seq) + 1 === count);
    if (count < seen.count) {
      this.lost = `the ledger holds ${count} records but this process saw ${seen.count} (head ${seen.hash.slice(0, 12)}…): records were removed from the store`;
      return this.lost;
    }
    if (rows.find((r) => Number(r.seq) === seen.count - 1)?.hash !== seen.hash) {
      this.lost = `record ${seen.count - 1} no longer has the hash this process saw (${seen.hash.slice(0, 12)}…): the ledger was rewritten or replaced`;
      return this.lost;
    }
    if (head && count > this.seen.count) this.seen = { count, hash: head.hash };
    return null;
  }

  async lastWritten(): Promise<ChainHead | null> {
    const v = await this.meta('ledger_written');
    return v ? ChainHeadSchema.parse(JSON.parse(v)) : null;
  }

  async meta(key: string): Promise<string | undefined> {
    const rows = await this.db.all<{ value: string }>(`SELECT value FROM meta WHERE key = ?`, [key]);
    return rows[0]?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.db.tx((q) => setMetaIn(q, key, value));
  }

  async settled(): Promise<void> {
    await flushWitness(this.witnessFile);
    await this.refreshing;
  }

  async close(): Promise<void> {
    // The witness file's last head is written before the process may end (witness.ts WitnessWriter).
    await this.settled();
    await this.db.close();
  }

  /**
   * Insert records exactly as given (same seq, same hashes) and, in the same transaction, the state: the import
   * of an old data file + ledger file. `records` may be streamed; a throw anywhere imports nothing.
   */
  async importAll(records: AsyncIterable<LedgerRecord> | Iterable<LedgerRecord>, state: State | null, meta: Record<string, string> = {}): Promise<ChainHead> {
    return this.db
      .tx(async (q) => {
        let head = await headOf(q);
        const seen = new Set<string>();
        let part: LedgerRecord[] = [];
        const flush = async () => {
          if (!part.length) return;
          const held = await existingFacts(q, part.map(ledgerKey));
          const values: unknown[][] = [];
          for (const r of part) {
            // A fact held twice in an old file (it had no unique index) keeps both records, so the chain does not
            // change; the later one is stored under its fact suffixed with its seq.
            let fact = ledgerKey(r);
            if (seen.has(fact) || held.has(fact)) fact = `${fact}#${r.seq}`;
            seen.add(fact);
            values.push(ledgerRowValues(r, JSON.stringify(r), fact));
          }
          // No parse here: the import stays one quick pass; each board's parses are kept the first time it is read
          // (EntryStore.ensureBoard), as for a store from before migration 5.
          const insert = ledgerInsert(this.db.dialect, values);
          await q.run(insert.sql, insert.params);
          const last = present(part.at(-1), 'the last record of the part');
          head = { count: last.seq + 1, hash: last.hash };
          part = [];
        };
        for await (const r of records) {
          part.push(r);
          if (part.length >= INSERT_CHUNK) await flush();
        }
        await flush();
        if (head.count > 0) await setMetaIn(q, 'ledger_written', JSON.stringify(head));
        for (const [k, v] of Object.entries(meta)) await setMetaIn(q, k, v);
        if (state) await this.writeIn(q, (tx) => tx.putImage(state));
        return head;
      })
      .then((head) => {
        if (head.count > 0) this.commitSeen(head, head.count);
        return head;
      });
  }

  private reader(): LedgerReader {
    const db = this.db;
    const parse = (rows: Array<{ record: string }>) => rows.map((r) => ledgerJson(r.record));
    const self = this;
    const stream = async function* (opts: { fromSeq?: number; pageSize?: number } = {}): AsyncIterable<LedgerRecord> {
      let from = opts.fromSeq ?? 0;
      const size = opts.pageSize ?? PAGE;
      for (;;) {
        const rows = await db.all<{ seq: number; record: string }>(`SELECT seq, record FROM ledger WHERE seq >= ? ORDER BY seq LIMIT ?`, [from, size]);
        for (const row of rows) yield ledgerJson(row.record);
        if (rows.length < size) return;
        from = Number(present(rows.at(-1), 'the last row of a full page').seq) + 1;
      }
    };
    // Rows with every derived column, for the checks (LEDGER_COLUMNS): a keyset page at a time, constant memory.
    // The columns come joined into one text (fewer values to hand over per row). The next page is asked for before
    // this one is checked: PostgreSQL reads and sends it meanwhile.
    const sep = db.dialect === 'postgres' ? 'chr(31)' : 'char(31)';
    const joined = CHECKED_COLUMNS.join(` || ${sep} || `);
    const pageSql = `SELECT seq, record, ${joined} AS cols FROM ledger WHERE seq >= ? ORDER BY seq LIMIT ?`;
    type Page = Array<{ seq: number; record: string; cols: string }>;
    const pageSize = VERIFY_PAGE[db.dialect];
    const page = (from: number): Promise<Page> => db.all(pageSql, [from, pageSize]);
    const verifyFrom = async (start: ChainHead, tally?: { boards: Record<string, number>; cards: Record<string, number> }): Promise<ChainVerifier> => {
      const v = new ChainVerifier(start);
      let next: Promise<Page> | null = page(start.count);
      while (next) {
        const rows: Page = await next;
        const last = rows.at(-1);
        next = rows.length === pageSize && last ? page(Number(last.seq) + 1) : null;
        // A failed read ahead is the next turn's error, not an unhandled rejection meanwhile.
        next?.catch(() => undefined);
        for (const row of rows) {
          const r = v.pushStored(Number(row.seq), row.record, row.cols);
          if (r && tally) {
            tally.boards[r.boardId] = (tally.boards[r.boardId] ?? 0) + 1;
            tally.cards[r.cardId] = (tally.cards[r.cardId] ?? 0) + 1;
          }
        }
      }
      return v;
    };
    return {
      async head() {
        const h = await headOf(db);
        if (h.count > self.seen.count) self.seen = h;
        return h;
      },
      async boardRecords(boardId) {
        return parse(await db.all(`SELECT record FROM ledger WHERE board_id = ? ORDER BY seq`, [boardId]));
      },
      async boardComments(boardId) {
        return foldComments(await this.boardRecords(boardId));
      },
      async records(boardId, actionIds) {
        if (actionIds.length === 0) return [];
        const rows: LedgerRecord[] = [];
        for (const part of chunks(actionIds, LOOKUP_CHUNK)) {
          // By action id alone, so the planner takes the action index (with the board too it may scan the board).
          pushAll(
            rows,
            parse(await db.all(`SELECT record FROM ledger WHERE action_id IN (${part.map(() => '?').join(',')})`, part)).filter((r) => r.boardId === boardId),
          );
        }
        return rows.sort((a, b) => a.seq - b.seq);
      },
      async comments(boardId, actionIds) {
        return foldComments(await this.records(boardId, actionIds));
      },
      async cardRecords(cardId, range = {}) {
        const where = ['card_id = ?'];
        const params: unknown[] = [cardId];
        if (range.from) {
          where.push('posted_at >= ?');
          params.push(range.from);
        }
        if (range.to) {
          where.push('posted_at < ?');
          params.push(range.to);
        }
        return parse(await db.all(`SELECT record FROM ledger WHERE ${where.join(' AND ')} ORDER BY seq`, params));
      },
      async facts(boardId, opts = {}) {
        const types = FACT_TYPES.map(() => '?').join(',');
        // Sorted here: with ORDER BY seq SQLite walks the board's every record (ledger_board) instead of its facts (ledger_type).
        const rows = parse(await db.all(`SELECT record FROM ledger WHERE board_id = ? AND type IN (${types})`, [boardId, ...FACT_TYPES])).sort(
          (a, b) => a.seq - b.seq,
        );
        return opts.cardId === undefined ? rows : rows.filter((r) => r.cardId === opts.cardId || r.type === 'board-data');
      },
      async reminders() {
        // `type = 'reminder'` exactly as the index's predicate, so both engines take ledger_reminder.
        return parse(await db.all(`SELECT record FROM ledger WHERE type = 'reminder' ORDER BY seq`));
      },
      async lastVersion(boardId, cardId) {
        const rows = cardId
          ? await db.all<{ record: string }>(`SELECT record FROM ledger WHERE card_id = ? AND type = 'card-data' ORDER BY seq DESC LIMIT 1`, [cardId])
          : await db.all<{ record: string }>(`SELECT record FROM ledger WHERE board_id = ? AND type = 'board-data' ORDER BY seq DESC LIMIT 1`, [boardId]);
        const r = parse(rows)[0];
        return r && r.boardId === boardId ? r : undefined;
      },
      async bySeq(seq) {
        return parse(await db.all(`SELECT record FROM ledger WHERE seq = ?`, [seq]))[0];
      },
      async rowAt(seq) {
        const rows = await db.all<{ seq: number | string; type: string; action_id: string; card_id: string; board_id: string }>(
          `SELECT seq, type, action_id, card_id, board_id FROM ledger WHERE seq = ?`,
          [seq],
        );
        const r = rows[0];
        return r && { seq: Number(r.seq), type: r.type, actionId: r.action_id, cardId: r.card_id, boardId: r.board_id };
      },
      async lastSeq(boardId) {
        const rows = await db.all<{ seq: number | null }>(`SELECT MAX(seq) AS seq FROM ledger WHERE board_id = ?`, [boardId]);
        const seq = rows[0]?.seq;
        return seq === null || seq === undefined ? -1 : Number(seq);
      },
      async boardSince(boardId, seq) {
        return parse(await db.all(`SELECT record FROM ledger WHERE board_id = ? AND seq > ? ORDER BY seq`, [boardId, seq]));
      },
      stream,
      async verify() {
        return (await verifyFrom(EMPTY_HEAD)).result();
      },
      async verifyFull() {
        const tally = { boards: {}, cards: {} };
        const v = await verifyFrom(EMPTY_HEAD, tally);
        const verification = v.result();
        return { verification, checkpoint: verification.ok ? { ...v.head, at: new Date().toISOString(), ...tally } : null };
      },
      async verifyAfter(from, scope) {
        const tail = (await verifyFrom(from)).result();
        if (!tail.ok) return tail;
        // The scope's rows before the checkpoint: each must agree with its hashed record, and none may be missing.
        for (const [col, id, counts] of [
          ['card_id', scope.cardId, from.cards],
          ['board_id', scope.boardId, from.boards],
        ] as const) {
          if (!id) continue;
          const rows = await db.all<Record<string, unknown> & { seq: number; record: string }>(
            `SELECT ${ROW_COLUMNS} FROM ledger WHERE ${col} = ? AND seq < ? ORDER BY seq`,
            [id, from.count],
          );
          for (const row of rows) {
            const r = ledgerJson(row.record);
            const m = columnMismatch(row, r);
            if (m)
              return {
                ok: false,
                count: tail.count,
                badSeq: Number(row.seq),
                reason: `column ${m.column} says "${m.stored}" but the hashed record says "${m.derived}" (the row was changed after it was written)`,
              };
            if (hashRecord(r) !== r.hash)
              return {
                ok: false,
                count: tail.count,
                badSeq: Number(row.seq),
                reason: 'content does not match its hash (the record was changed after it was written)',
              };
          }
          const expected = counts[id] ?? 0;
          if (rows.length !== expected) {
            return {
              ok: false,
              count: tail.count,
              badSeq: rows.length < expected ? (rows.at(-1)?.seq ?? 0) : Number(rows.at(-1)?.seq ?? 0),
              reason: `${col === 'board_id' ? 'board' : 'card'} ${id} held ${expected} records at the verified checkpoint (${from.count}) but ${rows.length} are stored under it now (a row's ${col} was changed or a row removed)`,
            };
          }
        }
        return tail;
      },
      async verifyCached() {
        const v = await verifyFrom(self.verified);
        const r = v.result();
        if (r.ok) self.verified = v.head;
        return r;
      },
    };
  }
}

/** The ledger's derived columns and the record (INSERT and the checks agree on one list: LEDGER_COLUMNS). */
const ROW_COLUMNS = [...LEDGER_COLUMN_NAMES, 'record'].join(', ');
/** The same columns with their PostgreSQL types, for the INSERT (sql.ts bulkInsert). */
const INSERT_COLUMNS: readonly BulkColumn[] = [...LEDGER_COLUMN_NAMES, 'record'].map((name) => ({
  name,
  pg: name === 'seq' ? 'bigint' : name === 'record' ? 'json' : 'text',
}));
/** A ledger row's values in INSERT_COLUMNS order: the derived columns, then the stored record text. */
function ledgerRowValues(r: LedgerRecord, json: string, fact?: string): unknown[] {
  const out: unknown[] = ledgerColumnValues(r, fact);
  out.push(json);
  return out;
}
/** The INSERT of ledger rows (sql.ts bulkInsert: multi-row VALUES on SQLite, unnest on PostgreSQL). */
const ledgerInsert = (dialect: SqlDb['dialect'], rows: ReadonlyArray<readonly unknown[]>) => bulkInsert(dialect, 'ledger', INSERT_COLUMNS, rows);
/**
 * Rows per page of the streamed verification (two pages held at a time: the one checked, the one read ahead).
 * Larger pages outlive young-generation collections and raise the peak RSS (2000 rows: +100 MB); PostgreSQL pays a
 * round trip per page (500 rows: a fifth slower to read than 1000).
 */
const VERIFY_PAGE = { sqlite: 500, postgres: 1000 } as const;

async function headOf(q: SqlExec): Promise<ChainHead> {
  const rows = await q.all<{ seq: number; hash: string }>(`SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1`);
  const row = rows[0];
  return row ? { count: Number(row.seq) + 1, hash: row.hash } : EMPTY_HEAD;
}

async function existingFacts(q: SqlExec, keys: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks([...new Set(keys)], LOOKUP_CHUNK)) {
    for (const r of await q.all<{ fact: string }>(`SELECT fact FROM ledger WHERE fact IN (${part.map(() => '?').join(',')})`, part)) out.add(r.fact);
  }
  return out;
}

async function setMetaIn(q: SqlExec, key: string, value: string): Promise<void> {
  await q.run(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [key, value]);
}

export interface OpenStoreOptions {
  /** Open an existing SQLite file read only (verify, report). */
  readOnly?: boolean;
  /** The witness file of this store's head (store/witness.ts): reports and `verify` check it. */
  witnessFile?: string;
  /**
   * Leave the state unloaded (`verify` reads only the ledger and meta): `data` stays empty until a sync or a write
   * loads it, so the snapshots and flags are never held by a process that does not read them.
   */
  ledgerOnly?: boolean;
}

/** Open a store on an engine: migrations applied (unless read only), state loaded. */
export async function openSqlStore(db: SqlDb, opts: OpenStoreOptions = {}): Promise<SqlStore> {
  try {
    if (opts.readOnly) await checkSchemaVersion(db);
    else await migrate(db);
    const store = new SqlStore(db, opts.witnessFile);
    if (!opts.ledgerOnly) await store.sync();
    return store;
  } catch (e) {
    if (e instanceof SchemaTooNewError) {
      db.refuseWrites?.();
      await db.close().catch(() => undefined);
      throw new StoreError(e.message);
    }
    await db.close().catch(() => undefined);
    if (e instanceof StoreError) throw e;
    throw new StoreError(`cannot open the store at ${db.location}: ${errorMessage(e)}`);
  }
}

/** `postgres://…` / `postgresql://…` → PostgreSQL; anything else is a SQLite file path (`sqlite:` prefix optional). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export async function openStore(location: string, opts: OpenStoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(location)) return openSqlStore(openPostgres(location), opts);
  const file = location.replace(/^sqlite:/i, '');
  try {
    return await openSqlStore(openSqlite(file, opts), opts);
  } catch (e) {
    if (e instanceof StoreError) throw e;
    throw new StoreError(`cannot open the SQLite store ${file}: ${errorMessage(e)}`);
  }
}

/** An in-memory SQLite store (tests, dry runs), optionally holding a state and ledger records as given. */
export async function memoryStore(initial?: LegacyState | State): Promise<Store> {
  const store = await openSqlStore(openSqlite(':memory:'));
  if (initial) await seedStore(store, initial);
  return store;
}

/** Write a whole state (and its ledger records, as given) into an empty store: tests and the import. */
export async function seedStore(store: Store, initial: LegacyState | State): Promise<void> {
  // A State is a LegacyState without its optional ledger.
  const whole: LegacyState = initial;
  const { ledger, ...rest } = whole;
  await store.importAll(ledger ?? [], structuredClone(rest));
}

// The board as the store knows it (snapshot + history mark + comments + facts) is assembled in ONE place:
// board-view.ts.
export { historyOf, snapshotOf } from './board-view.js';

export type { SqlStore };
