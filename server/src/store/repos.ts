// The small state's repositories (docs/architecture.md "Store"): boards, snapshots, evaluations, flags, messages
// (outbox + digests) and the scan log, each with typed reads (zod-checked when loaded) and writes that name their
// rows. Reads come from a cache of the rows; a write runs inside the store's write transaction (store.ts `write`),
// writes only the rows it names (state-sql.ts) and keeps the cache in step. The notifier's plan is the one bulk
// write: a working book of flags, outbox and digests compared row by row with what was read.
import type { z } from 'zod';
import type { BoardSnapshot } from '../../../shared/types.js';
import { present } from '../../../shared/guards.js';
import { errorMessage } from '../errors.js';
import { FlagRecordSchema, MessageRecordSchema, OutboxItemSchema, type FlagRecord, type MessageRecord, type OutboxItem } from './notify-schema.js';
import {
  BoardStateSchema,
  ScanLogSchema,
  EvaluationSchema,
  StoredSnapshotSchema,
  type BoardState,
  type ScanLog,
  type Evaluation,
  type State,
} from './schema.js';
import type { SqlExec } from './sql.js';
import {
  STATE_TABLES,
  deleteKeyed,
  deleteListed,
  keyedRows,
  listRows,
  putKeyed,
  putListed,
  type KeyedTable,
  type ListTable,
  type StateTable,
} from './state-sql.js';

export class StoreError extends Error {
  override name = 'StoreError';
}

function parseRow<T>(schema: z.ZodType<T>, table: string, key: string | number, doc: string): T {
  let json: unknown;
  try {
    json = JSON.parse(doc);
  } catch (e) {
    throw new StoreError(`${table} row ${key} is not valid JSON (${errorMessage(e)}); it was not touched`);
  }
  const r = schema.safeParse(json);
  if (!r.success) {
    const i = present(r.error.issues[0], 'the first validation issue');
    throw new StoreError(`${table} row ${key} failed validation at ${i.path.join('.') || '(root)'}: ${i.message}; it was not touched`);
  }
  return r.data;
}

/** A row of a list table: its id, its item, and the JSON last written (what the plan's book is compared with). */
interface Listed<T> {
  id: number;
  item: T;
  doc: string;
}

/** The rows as last read or written. */
export class StateCache {
  boards = new Map<string, BoardState>();
  snapshots = new Map<string, BoardSnapshot>();
  evaluations = new Map<string, Evaluation>();
  flags = new Map<string, { rec: FlagRecord; doc: string }>();
  outbox: Array<Listed<OutboxItem>> = [];
  digests: Array<Listed<MessageRecord>> = [];
  scans: Array<Listed<ScanLog>> = [];
  nextId: Record<ListTable, number> = { outbox: 1, digests: 1, scans: 1 };
}

async function loadList<T>(q: SqlExec, table: ListTable, schema: z.ZodType<T>): Promise<{ rows: Array<Listed<T>>; next: number }> {
  const rows = (await listRows(q, table)).map(({ id, doc }) => ({ id, item: parseRow(schema, table, id, doc), doc }));
  return { rows, next: (rows.at(-1)?.id ?? 0) + 1 };
}

async function keyed<T>(q: SqlExec, table: KeyedTable, schema: z.ZodType<T>): Promise<Map<string, T>> {
  return new Map((await keyedRows(q, table)).map(({ key, doc }) => [key, parseRow(schema, table, key, doc)]));
}

/**
 * The cache with the named tables read again (zod-checked), the others kept: start-up reads all, a sync after
 * another process wrote only what it wrote. A new object, swapped in whole, so a reader never sees half a reload.
 */
export async function loadCache(q: SqlExec, from: StateCache | null, tables: ReadonlySet<StateTable> = new Set(STATE_TABLES)): Promise<StateCache> {
  const c = Object.assign(new StateCache(), from ?? {});
  c.nextId = { ...c.nextId };
  if (tables.has('boards')) c.boards = await keyed(q, 'boards', BoardStateSchema);
  if (tables.has('snapshots')) c.snapshots = await keyed(q, 'snapshots', StoredSnapshotSchema);
  if (tables.has('evaluations')) c.evaluations = await keyed(q, 'evaluations', EvaluationSchema);
  if (tables.has('flags'))
    c.flags = new Map((await keyedRows(q, 'flags')).map(({ key, doc }) => [key, { rec: parseRow(FlagRecordSchema, 'flags', key, doc), doc }]));
  if (tables.has('outbox')) ({ rows: c.outbox, next: c.nextId.outbox } = await loadList(q, 'outbox', OutboxItemSchema));
  if (tables.has('digests')) ({ rows: c.digests, next: c.nextId.digests } = await loadList(q, 'digests', MessageRecordSchema));
  if (tables.has('scans')) ({ rows: c.scans, next: c.nextId.scans } = await loadList(q, 'scans', ScanLogSchema));
  return c;
}

type Cache = () => StateCache;

/** The tracked boards' rows (cursor, scan times, webhook, fact history), by the configured board key. */
export class BoardRepo {
  constructor(private readonly cache: Cache) {}
  get(key: string): Readonly<BoardState> | undefined {
    return this.cache().boards.get(key);
  }
  keys(): string[] {
    return [...this.cache().boards.keys()];
  }
  list(): Array<Readonly<BoardState>> {
    return [...this.cache().boards.values()];
  }
}

/** Each board's last scanned snapshot without comments (the comments come from the ledger: board-view.ts). */
export class SnapshotRepo {
  constructor(private readonly cache: Cache) {}
  get(key: string): BoardSnapshot | undefined {
    return this.cache().snapshots.get(key);
  }
  has(key: string): boolean {
    return this.cache().snapshots.has(key);
  }
}

/**
 * When each board was last judged (store/judge.ts): its findings are its verdict rows (store/verdicts.ts), this marks
 * it judged (the status API answers, the notifier reads it) and keys the status cache.
 */
export class EvaluationRepo {
  constructor(private readonly cache: Cache) {}
  get(key: string): Readonly<Evaluation> | undefined {
    return this.cache().evaluations.get(key);
  }
  keys(): string[] {
    return [...this.cache().evaluations.keys()];
  }
}

/** The ladder state per open (or just cleared) finding, key board|rule|card|period. */
export class FlagRepo {
  constructor(private readonly cache: Cache) {}
  get(key: string): Readonly<FlagRecord> | undefined {
    return this.cache().flags.get(key)?.rec;
  }
  all(): Record<string, FlagRecord> {
    return Object.fromEntries([...this.cache().flags].map(([k, f]) => [k, f.rec]));
  }
}

/** The outbox (one thing to tell one recipient) and the messages built from it (digests, mentions, reminders). */
export class MessageRepo {
  constructor(private readonly cache: Cache) {}
  outbox(): OutboxItem[] {
    return this.cache().outbox.map((r) => r.item);
  }
  digests(): MessageRecord[] {
    return this.cache().digests.map((r) => r.item);
  }
  digest(id: string): Readonly<MessageRecord> | undefined {
    return this.cache().digests.find((r) => r.item.id === id)?.item;
  }
}

/** The scan log, oldest first. */
export class ScanRepo {
  constructor(private readonly cache: Cache) {}
  list(): ScanLog[] {
    return this.cache().scans.map((r) => r.item);
  }
  last(): ScanLog | undefined {
    return this.cache().scans.at(-1)?.item;
  }
}

/** What the notifier's plan (notify/plan.ts) changes in one pass, and what it reads beside. */
export interface NotifyBook {
  flags: Record<string, FlagRecord>;
  outbox: OutboxItem[];
  digests: MessageRecord[];
  /**
   * Read only: per evaluated board its open findings as the verdict rows hold them (store/open-findings.ts), checked
   * at the plan's boundary (notify/plan.ts openFindings).
   */
  readonly open: Readonly<Record<string, readonly unknown[]>>;
}

/** The writes of one transaction, each naming its rows. */
export class StoreTx {
  /** The tables written (the state version and theirs are bumped then). */
  readonly written = new Set<StateTable>();
  get wrote(): boolean {
    return this.written.size > 0;
  }
  constructor(
    private readonly q: SqlExec,
    private readonly c: StateCache,
  ) {}

  private async keyed(table: KeyedTable, key: string, value: unknown | undefined): Promise<void> {
    if (value === undefined) await deleteKeyed(this.q, table, key);
    else await putKeyed(this.q, table, key, JSON.stringify(value));
    this.written.add(table);
  }

  private async listed<T>(table: ListTable, rows: Array<Listed<T>>, item: T, at?: number): Promise<void> {
    const doc = JSON.stringify(item);
    const i = at ?? -1;
    const row = rows[i];
    if (row && row.doc === doc) return;
    const id = row ? row.id : this.c.nextId[table]++;
    await putListed(this.q, table, id, doc);
    if (row) rows[i] = { id, item, doc };
    else rows.push({ id, item, doc });
    this.written.add(table);
  }

  readonly boards = {
    /** The board's row and, when given, its snapshot (a scan writes both in the transaction of its records). */
    put: async (key: string, row: BoardState, snapshot?: BoardSnapshot): Promise<void> => {
      // Parsed: a row spread from an older one carries no stray field into the table.
      const clean = BoardStateSchema.parse(row);
      await this.keyed('boards', key, clean);
      this.c.boards.set(key, clean);
      if (snapshot) await this.snapshots.put(key, snapshot);
    },
    /** The board's row and snapshot (its ledger records stay: they are evidence). */
    delete: async (key: string): Promise<void> => {
      await this.keyed('boards', key, undefined);
      await this.keyed('snapshots', key, undefined);
      this.c.boards.delete(key);
      this.c.snapshots.delete(key);
    },
  };

  readonly snapshots = {
    put: async (key: string, snapshot: BoardSnapshot): Promise<void> => {
      await this.keyed('snapshots', key, snapshot);
      this.c.snapshots.set(key, snapshot);
    },
  };

  readonly evaluations = {
    put: async (key: string, evaluation: Evaluation): Promise<void> => {
      const clean = EvaluationSchema.parse(evaluation);
      await this.keyed('evaluations', key, clean);
      this.c.evaluations.set(key, clean);
    },
  };

  readonly flags = {
    put: async (key: string, flag: FlagRecord): Promise<void> => {
      const doc = JSON.stringify(flag);
      if (this.c.flags.get(key)?.doc === doc) return;
      await putKeyed(this.q, 'flags', key, doc);
      this.c.flags.set(key, { rec: flag, doc });
      this.written.add('flags');
    },
  };

  readonly messages = {
    /** A copy of a message to change and put back. */
    digest: (id: string): MessageRecord | undefined => {
      const r = this.c.digests.find((x) => x.item.id === id);
      return r ? structuredClone(r.item) : undefined;
    },
    /** Copies of the outbox items a message carries. */
    itemsOf: (messageId: string): OutboxItem[] => this.c.outbox.filter((r) => r.item.messageId === messageId).map((r) => structuredClone(r.item)),
    /** Write a message (by id): its one row. */
    putDigest: async (rec: MessageRecord): Promise<void> => {
      await this.listed(
        'digests',
        this.c.digests,
        rec,
        this.c.digests.findIndex((r) => r.item.id === rec.id),
      );
    },
    /** Write an outbox item (by key): its one row. */
    putOutbox: async (item: OutboxItem): Promise<void> => {
      await this.listed(
        'outbox',
        this.c.outbox,
        item,
        this.c.outbox.findIndex((r) => r.item.key === item.key),
      );
    },
    /**
     * The notifier's plan: `fn` changes a book of flags, outbox and digests (the cached rows themselves), which is
     * then compared row by row with what was last written: changed rows are written, dropped ones deleted.
     */
    plan: async <T>(fn: (book: NotifyBook) => T, open: NotifyBook['open'] = {}): Promise<T> => {
      const c = this.c;
      const book: NotifyBook = {
        flags: Object.fromEntries([...c.flags].map(([k, f]) => [k, f.rec])),
        outbox: c.outbox.map((r) => r.item),
        digests: c.digests.map((r) => r.item),
        open,
      };
      const out = fn(book);
      for (const [key, rec] of Object.entries(book.flags)) {
        const doc = JSON.stringify(rec);
        if (c.flags.get(key)?.doc === doc) continue;
        await putKeyed(this.q, 'flags', key, doc);
        c.flags.set(key, { rec, doc });
        this.written.add('flags');
      }
      for (const key of [...c.flags.keys()]) {
        if (key in book.flags) continue;
        await deleteKeyed(this.q, 'flags', key);
        c.flags.delete(key);
        this.written.add('flags');
      }
      c.outbox = await this.resync('outbox', c.outbox, book.outbox);
      c.digests = await this.resync('digests', c.digests, book.digests);
      return out;
    },
  };

  /** A list table after the plan: items kept by identity keep their row id; changed rows written, dropped deleted. */
  private async resync<T extends object>(table: ListTable, rows: Array<Listed<T>>, items: readonly T[]): Promise<Array<Listed<T>>> {
    const byItem = new Map<object, Listed<T>>(rows.map((r) => [r.item, r]));
    const out: Array<Listed<T>> = [];
    const kept = new Set<number>();
    for (const item of items) {
      const old = byItem.get(item);
      const id = old && !kept.has(old.id) ? old.id : this.c.nextId[table]++;
      kept.add(id);
      const doc = JSON.stringify(item);
      if (old?.id !== id || old.doc !== doc) {
        await putListed(this.q, table, id, doc);
        this.written.add(table);
      }
      out.push({ id, item, doc });
    }
    const gone = rows.filter((r) => !kept.has(r.id)).map((r) => r.id);
    if (gone.length) {
      await deleteListed(this.q, table, gone);
      this.written.add(table);
    }
    return out;
  }

  readonly scans = {
    /** Add a log entry and keep only the last `keep`. */
    add: async (entry: ScanLog, keep: number): Promise<void> => {
      await this.listed('scans', this.c.scans, entry);
      const drop = this.c.scans.length - keep;
      if (drop > 0) {
        await deleteListed(
          this.q,
          'scans',
          this.c.scans.slice(0, drop).map((r) => r.id),
        );
        this.c.scans = this.c.scans.slice(drop);
      }
    },
  };

  /** A whole image (the import of an old data file into an empty store; tests seeding one): every row put. */
  async putImage(image: State): Promise<void> {
    for (const [key, { snapshot, ...row }] of Object.entries(image.boards)) {
      await this.boards.put(key, row);
      if (snapshot) await this.snapshots.put(key, StoredSnapshotSchema.parse(snapshot));
    }
    // image.findings (an old data file's whole-board results) is derived data: the next scan judges the boards again.
    for (const [key, f] of Object.entries(image.flags)) await this.flags.put(key, f);
    for (const item of image.outbox) await this.listed('outbox', this.c.outbox, item);
    for (const rec of image.digests) await this.listed('digests', this.c.digests, rec);
    for (const entry of image.scans) await this.listed('scans', this.c.scans, entry);
  }
}

/** The whole state as one image (the old data file's shape), read only: tests compare stores with it. */
export function imageOf(c: StateCache): State {
  const boards: State['boards'] = {};
  for (const [key, row] of c.boards) {
    const snapshot = c.snapshots.get(key);
    boards[key] = snapshot ? { ...row, snapshot } : { ...row };
  }
  return structuredClone({
    version: 1,
    boards,
    findings: {},
    flags: Object.fromEntries([...c.flags].map(([k, f]) => [k, f.rec])),
    outbox: c.outbox.map((r) => r.item),
    digests: c.digests.map((r) => r.item),
    scans: c.scans.map((r) => r.item),
  });
}
