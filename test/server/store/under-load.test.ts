// health() must not mistake a concurrent append for lost records. It reads the head on its own connection while
// a write on another may commit and advance what this process has seen; comparing that older head with the newer
// "seen" said "records were removed" and, since a loss is final, refused every request with 503 from then on. The
// PostgreSQL store bench hit it with a burst of 20 webhooks at 1.5M records; here the interleaving is forced.
// The same burst then found writers holding every pooled connection while they waited for the write lock.
import { describe, expect, it } from 'vitest';
import { openPostgres, type SqlDb } from '../../../server/src/store/sql.js';
import { openSqlStore } from '../../../server/src/store/store.js';
import { engines, postgresEngine } from './adapters.js';
import { commentInput } from './helpers.js';

const input = commentInput;

/** The db, with the next head read outside a transaction held back (after it ran) until `release`. */
function gatedHead(db: SqlDb) {
  let gate: Promise<void> | null = null;
  let open = () => {};
  let read = () => {};
  const headRead = new Promise<void>((r) => (read = r));
  const wrapped: SqlDb = {
    ...db,
    async all<T>(sql: string, params?: readonly unknown[]) {
      const rows = await db.all<T>(sql, params);
      if (gate && /FROM ledger ORDER BY seq DESC LIMIT 1/.test(sql)) {
        const g = gate;
        gate = null;
        read();
        await g;
      }
      return rows;
    },
  };
  return {
    db: wrapped,
    arm: () => void (gate = new Promise<void>((r) => (open = r))),
    headRead,
    release: () => open(),
  };
}

describe.each(engines)('store health during appends ($name)', (engine) => {
  it('a head read before a concurrent append committed is not a loss', async () => {
    const g = gatedHead(engine.raw(await engine.fresh()));
    const store = await openSqlStore(g.db);
    try {
      await store.append([input('a1'), input('a2'), input('a3')]);
      g.arm();
      const health = store.health();
      await g.headRead;
      // The head (3 records) is read; another request's append commits before health() compares.
      await store.append([input('a4'), input('a5')]);
      g.release();
      expect(await health).toBeNull();
      expect(await store.health()).toBeNull();
      expect((await store.append([input('a6')])).map((r) => r.seq)).toEqual([5]);
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(!postgresEngine)('PostgreSQL writers in a burst', () => {
  it('writers waiting for the write lock hold no pooled connection: a read still answers at once', async () => {
    const location = await postgresEngine?.fresh();
    if (!location) return;
    const db = openPostgres(location, { max: 2 });
    try {
      await db.run('CREATE TABLE t (n integer)');
      let release = () => {};
      const held = new Promise<void>((r) => (release = r));
      let started = () => {};
      const inside = new Promise<void>((r) => (started = r));
      const first = db.tx(async (q) => {
        await q.run('INSERT INTO t VALUES (0)');
        started();
        await held;
      });
      await inside;
      // Three more writers queue behind the first; with the pool of two they used to take the last connection.
      const rest = [1, 2, 3].map((n) => db.tx((q) => q.run('INSERT INTO t VALUES (?)', [n])));
      const read = db.all<{ one: number }>('SELECT 1 AS one');
      const answered = await Promise.race([read.then(() => 'read'), new Promise((r) => setTimeout(() => r('waited'), 2000))]);
      expect(answered).toBe('read');
      release();
      await Promise.all([first, ...rest]);
      expect((await db.all<{ n: number }>('SELECT n FROM t ORDER BY n')).map((r) => Number(r.n))).toEqual([0, 1, 2, 3]);
    } finally {
      await db.close();
    }
  });
});
