// The two SQL engines behind the store port (docs/operations.md "Store"): SQLite (better-sqlite3, WAL, the
// embedded default) and PostgreSQL (pg, several instances). Both speak the same SQL; queries are written with
// `?` placeholders and numbered for PostgreSQL here. Writers are serialised across processes: SQLite's
// BEGIN IMMEDIATE (one writer, others wait up to the busy timeout), PostgreSQL's transaction-scoped advisory
// lock — so "read the head, append, advance the cursor" can never interleave between two processes.
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import type pg from 'pg';
import { isRecord } from '../../../shared/guards.js';
import { errorMessage } from '../errors.js';

export interface SqlExec {
  all<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  run(sql: string, params?: readonly unknown[]): Promise<void>;
}

export interface SqlDb extends SqlExec {
  readonly dialect: 'sqlite' | 'postgres';
  /** Where the data lives (a file path, or the PostgreSQL URL without its password). */
  readonly location: string;
  /** Close without writing anything (a store this build refuses to open). */
  refuseWrites?(): void;
  /**
   * Statements sent so far (each `all`/`run`, and a transaction's begin and commit): on PostgreSQL each is a network
   * round trip, so the bench and the tests count what a path costs with it (docs/architecture.md "Store").
   */
  statements(): number;
  /** One write transaction at a time across every process on this store. */
  tx<T>(fn: (q: SqlExec) => Promise<T>): Promise<T>;
  /**
   * Is the data still there? null when it is, else why not. SQLite: the file this connection opened must still
   * be at its path (same inode) and not be cut short; an unlinked or truncated file still accepts writes through
   * an open connection, silently, so this is checked before every write and every request. Once failed it stays
   * failed (the connection can never reach the data again). PostgreSQL: the server answers.
   */
  probe(): Promise<string | null>;
  close(): Promise<void>;
}

/** The store cannot keep what it is given (file gone or cut short, server down): HTTP 503, retry later. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

const PG_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);
const SQLITE_GONE_CODES = /^SQLITE_(CORRUPT|NOTADB|IOERR|CANTOPEN|READONLY_DBMOVED|FULL)/;

/** An error meaning "the store is not reachable or not intact" (503) rather than a bug (500). */
export function isStoreFault(err: unknown): boolean {
  if (err instanceof StoreUnavailableError) return true;
  if (!isRecord(err)) return false;
  const code = typeof err.code === 'string' ? err.code : '';
  if (PG_DOWN_CODES.has(code) || SQLITE_GONE_CODES.test(code)) return true;
  return typeof err.message === 'string' && /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(err.message);
}

/** SQLite file header: "SQLite format 3\0", page size at 16 (1 = 65536), page count at 28 (valid as of the last checkpoint). */
function sqliteFileProblem(file: string, ino: number, dev: number): string | null {
  let st: import('node:fs').Stats;
  try {
    st = statSync(file);
  } catch {
    return `the SQLite file ${file} is gone (deleted or moved while the service ran)`;
  }
  if (st.ino !== ino || st.dev !== dev) return `the SQLite file ${file} was replaced by another file while the service ran`;
  if (st.size === 0) return `the SQLite file ${file} was truncated to 0 bytes`;
  const head = Buffer.alloc(100);
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    if (readSync(fd, head, 0, 100, 0) < 100) return `the SQLite file ${file} was cut short (${st.size} bytes)`;
  } catch (e) {
    return `the SQLite file ${file} cannot be read: ${errorMessage(e)}`;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (head.toString('latin1', 0, 16) !== 'SQLite format 3\0') return `the SQLite file ${file} no longer starts with a SQLite header (overwritten)`;
  const raw = head.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const pages = head.readUInt32BE(28);
  if (st.size < pageSize * pages) return `the SQLite file ${file} was cut short: ${st.size} bytes, its header says ${pages} pages of ${pageSize}`;
  return null;
}

/** Wait this long for another process's write to finish (SQLite busy timeout). */
export const BUSY_TIMEOUT_MS = 15_000;

/** Advisory lock id that serialises PostgreSQL writers ("nabiz" in ASCII). */
const WRITE_LOCK = 0x6e6162697a;

/** Serialises async work within this process (one connection, one transaction at a time). */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.tail.then(fn);
    this.tail = p.catch(() => undefined);
    return p;
  }
}

export function openSqlite(file: string, opts: { readOnly?: boolean } = {}): SqlDb {
  if (file !== ':memory:' && !opts.readOnly && !existsSync(dirname(file))) mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { readonly: !!opts.readOnly, fileMustExist: !!opts.readOnly, timeout: BUSY_TIMEOUT_MS });
  if (!opts.readOnly) {
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a commit survives a process crash (kill -9); only an OS crash may lose the last commits.
    db.pragma('synchronous = NORMAL');
  }
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // cache_size stays better-sqlite3's build default, -16000 (16 MB; negative is KiB:
  // https://www.sqlite.org/pragma.html#pragma_cache_size): 64 MB spilled fewer pages while appending to a 1M-record
  // store but saved no measurable CPU, and the cache counts toward `serve`'s RSS for good (docs/operations.md
  // "The append path at scale").
  const stmts = new Map<string, Database.Statement>();
  const prep = (sql: string) => {
    let s = stmts.get(sql);
    if (!s) stmts.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const mutex = new Mutex();
  let inTx = false;
  // The file this connection opened (a deleted or replaced path is noticed by comparing the inode).
  const opened = file !== ':memory:' ? statSync(file) : null;
  let fault: string | null = null;
  let refused = false;
  let sent = 0;
  const probe = (): string | null => {
    if (fault || !opened) return fault;
    fault = sqliteFileProblem(file, opened.ino, opened.dev);
    return fault;
  };
  const exec: SqlExec = {
    async all<T>(sql: string, params: readonly unknown[] = []) {
      sent++;
      return rowsAs<T>(prep(sql).all(...params));
    },
    async run(sql: string, params: readonly unknown[] = []) {
      sent++;
      const s = prep(sql);
      if (s.reader) s.all(...params);
      else s.run(...params);
    },
  };
  return {
    dialect: 'sqlite',
    location: file,
    refuseWrites() {
      refused = true;
    },
    statements: () => sent,
    ...exec,
    tx<T>(fn: (q: SqlExec) => Promise<T>): Promise<T> {
      return mutex.run(async () => {
        if (inTx) throw new Error('nested store transaction');
        // Never accept a write the file cannot keep (docs/operations.md "Evidence ledger").
        const gone = !opts.readOnly ? probe() : null;
        if (gone) throw new StoreUnavailableError(gone);
        db.exec('BEGIN IMMEDIATE');
        sent += 2;
        inTx = true;
        try {
          const out = await fn(exec);
          db.exec('COMMIT');
          return out;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw e;
        } finally {
          inTx = false;
        }
      });
    },
    async probe() {
      return probe();
    },
    async close() {
      await mutex.run(async () => {
        if (!db.open) return;
        // Keeps the planner's statistics current (SQLite's advice for long-lived connections, cheap); never
        // into a file that is gone or refused (nothing may be written then).
        if (!opts.readOnly && !fault && !refused) db.pragma('optimize');
        db.close();
      });
    },
  };
}

/**
 * The pg driver, loaded when a PostgreSQL store is first opened: a process on SQLite (`nabiz verify`, a report)
 * does not load it (≈ 15 MB RSS, 50 ms at start).
 */
let pgDriver: typeof pg | null = null;
function pgLib(): typeof pg {
  if (!pgDriver) {
    const loaded: typeof pg = createRequire(import.meta.url)('pg');
    // int8 (BIGINT, COUNT) as a JS number: seqs and counts stay far below 2^53.
    loaded.types.setTypeParser(20, (v: string) => Number(v));
    pgDriver = loaded;
  }
  return pgDriver;
}

const numbered = (sql: string) => {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
};

/** The URL without its password, for logs and the start banner. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/**
 * Rows as the caller's query names them: the driver returns plain objects whose columns are the SELECT list, so
 * the shape is the query's, not something to check at run time (callers convert types, as Number(row.seq)).
 */
function rowsAs<T>(rows: unknown[]): T[] {
  // biome-ignore lint/nursery/noUnsafeTypeAssertion: see above: the SQL text is the row's schema.
  return rows as T[];
}

export function openPostgres(url: string, opts: { max?: number } = {}): SqlDb {
  // A server that does not answer fails a request within seconds (503) instead of holding it.
  const pool = new (pgLib().Pool)({ connectionString: url, max: opts.max ?? 5, connectionTimeoutMillis: 5000 });
  // An idle client losing its server (restart, failover) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  let sent = 0;
  const on = (c: pg.Pool | pg.PoolClient): SqlExec => ({
    async all<T>(sql: string, params: readonly unknown[] = []) {
      sent++;
      return rowsAs<T>((await c.query(numbered(sql), [...params])).rows);
    },
    async run(sql: string, params: readonly unknown[] = []) {
      sent++;
      await c.query(numbered(sql), [...params]);
    },
  });
  // Writers queue here, in the process, before they take a connection: waiting for the advisory lock inside the
  // pool would hold every connection during a burst of webhooks, and readers (health, status) would time out.
  const writers = new Mutex();
  const tx = async <T>(fn: (q: SqlExec) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      // One round trip: the simple query protocol runs both statements.
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
      sent += 2;
      const out = await fn(on(client));
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  };
  return {
    dialect: 'postgres',
    location: redactUrl(url),
    statements: () => sent,
    ...on(pool),
    tx<T>(fn: (q: SqlExec) => Promise<T>): Promise<T> {
      return writers.run(() => tx(fn));
    },
    async probe() {
      try {
        await pool.query('SELECT 1');
        return null;
      } catch (e) {
        return `PostgreSQL at ${redactUrl(url)} does not answer: ${errorMessage(e)}`;
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** A column of a bulk INSERT: its name and its PostgreSQL type (the array parameter's element type). */
export interface BulkColumn {
  name: string;
  /**
   * `json`: a JSON.stringify text (or null), sent joined by U+001E into one text and split by the server: JSON escapes
   * every control character, so the separator never occurs inside one, and the driver does not escape each text
   * as an array element (≈ 40 quotes per ledger record).
   */
  pg: 'bigint' | 'integer' | 'text' | 'json';
}

/** Between the JSON texts of a `json` column (never in JSON.stringify's output: it escapes control characters). */
const JSON_SEP = String.fromCharCode(30);

const BULK_TEXT = new Map<string, string>();

/**
 * One INSERT of many rows (the append's ledger and kept-parse rows), as the engine runs it best; `tail` follows the
 * rows (an ON CONFLICT clause). SQLite: a multi-row VALUES, one text per row count, prepared once per text and kept
 * (better-sqlite3 statements). PostgreSQL: `INSERT … SELECT * FROM unnest($1::bigint[], $2::text[], …)`, one
 * parameter per column whatever the row count, so the server parses and plans one short text instead of a text
 * with thousands of parameters per chunk (docs/operations.md "The append path").
 */
export function bulkInsert(
  dialect: SqlDb['dialect'],
  table: string,
  columns: readonly BulkColumn[],
  rows: ReadonlyArray<readonly unknown[]>,
  tail = '',
): { sql: string; params: unknown[] } {
  const key = `${dialect}|${table}|${dialect === 'sqlite' ? rows.length : ''}|${tail}`;
  let sql = BULK_TEXT.get(key);
  if (sql === undefined) {
    const names = columns.map((c) => c.name).join(', ');
    const values =
      dialect === 'postgres'
        ? `SELECT * FROM unnest(${columns.map((c) => (c.pg === 'json' ? `string_to_array(?::text, chr(30), '')` : `?::${c.pg}[]`)).join(', ')})`
        : `VALUES ${Array.from({ length: rows.length }, () => `(${columns.map(() => '?').join(',')})`).join(',')}`;
    sql = `INSERT INTO ${table} (${names}) ${values}${tail ? ` ${tail}` : ''}`;
    // Few shapes (a text per chunk size, a few tables): the cap only guards against a caller passing many sizes.
    if (BULK_TEXT.size < 1000) BULK_TEXT.set(key, sql);
  }
  if (dialect === 'sqlite') return { sql, params: rows.flat() };
  const params: unknown[] = columns.map((c, j) => {
    const col = rows.map((row) => row[j]);
    // A null JSON value is the empty field (string_to_array's null string: no JSON text is empty).
    if (c.pg !== 'json') return col;
    const texts = col.map((v) => (v === null || v === undefined ? '' : String(v)));
    // Never reached by a JSON.stringify text; a text that held the separator would shift every row after it.
    if (texts.some((t) => t.includes(JSON_SEP))) throw new Error(`bulk insert into ${table}: a ${c.name} value is not JSON text (it holds U+001E)`);
    return texts.join(JSON_SEP);
  });
  return { sql, params };
}

/** A dedicated PostgreSQL session (advisory locks held for the life of a connection: leader election). */
export async function postgresSession(url: string): Promise<pg.Client> {
  const c = new (pgLib().Client)({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}
