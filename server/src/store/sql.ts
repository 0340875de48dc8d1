// The two SQL engines behind the store port (docs/operations.md "Store"): SQLite (better-sqlite3, WAL, the
// embedded default) and PostgreSQL (pg, several instances). Both speak the same SQL; queries are written with
// `?` placeholders and numbered for PostgreSQL here. Writers are serialised across processes: SQLite's
// BEGIN IMMEDIATE (one writer, others wait up to the busy timeout), PostgreSQL's transaction-scoped advisory
// lock — so "read the head, append, advance the cursor" can never interleave between two processes.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';

export interface SqlExec {
  all<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  run(sql: string, params?: readonly unknown[]): Promise<void>;
}

export interface SqlDb extends SqlExec {
  readonly dialect: 'sqlite' | 'postgres';
  /** Where the data lives (a file path, or the PostgreSQL URL without its password). */
  readonly location: string;
  /** One write transaction at a time across every process on this store. */
  tx<T>(fn: (q: SqlExec) => Promise<T>): Promise<T>;
  close(): Promise<void>;
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
  const stmts = new Map<string, Database.Statement>();
  const prep = (sql: string) => {
    let s = stmts.get(sql);
    if (!s) stmts.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const mutex = new Mutex();
  let inTx = false;
  const exec: SqlExec = {
    async all<T>(sql: string, params: readonly unknown[] = []) {
      return prep(sql).all(...(params as unknown[])) as T[];
    },
    async run(sql: string, params: readonly unknown[] = []) {
      const s = prep(sql);
      if (s.reader) s.all(...(params as unknown[]));
      else s.run(...(params as unknown[]));
    },
  };
  return {
    dialect: 'sqlite',
    location: file,
    ...exec,
    tx<T>(fn: (q: SqlExec) => Promise<T>): Promise<T> {
      return mutex.run(async () => {
        if (inTx) throw new Error('nested store transaction');
        db.exec('BEGIN IMMEDIATE');
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
    async close() {
      await mutex.run(async () => {
        if (!db.open) return;
        // Keeps the planner's statistics current (SQLite's advice for long-lived connections, cheap).
        if (!opts.readOnly) db.pragma('optimize');
        db.close();
      });
    },
  };
}

/** int8 (BIGINT, COUNT) as a JS number: seqs and counts stay far below 2^53. */
pg.types.setTypeParser(20, (v: string) => Number(v));

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

export function openPostgres(url: string, opts: { max?: number } = {}): SqlDb {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 5 });
  // An idle client losing its server (restart, failover) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const on = (c: pg.Pool | pg.PoolClient): SqlExec => ({
    async all<T>(sql: string, params: readonly unknown[] = []) {
      return (await c.query(numbered(sql), params as unknown[])).rows as T[];
    },
    async run(sql: string, params: readonly unknown[] = []) {
      await c.query(numbered(sql), params as unknown[]);
    },
  });
  return {
    dialect: 'postgres',
    location: redactUrl(url),
    ...on(pool),
    async tx<T>(fn: (q: SqlExec) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        // One round trip: the simple query protocol runs both statements.
        await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
        const out = await fn(on(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** A dedicated PostgreSQL session (advisory locks held for the life of a connection: leader election). */
export async function postgresSession(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}
