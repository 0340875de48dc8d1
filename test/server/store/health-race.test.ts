// health() must not mistake a concurrent append for lost records. It reads the head on its own connection while
// a write on another may commit and advance what this process has seen; comparing that older head with the newer
// "seen" said "records were removed" and, since a loss is final, refused every request with 503 from then on. The
// PostgreSQL store bench hit it with a burst of 20 webhooks at 1.5M records; here the interleaving is forced.
import { describe, expect, it } from 'vitest';
import type { SqlDb } from '../../../server/src/store/sql.js';
import { openSqlStore } from '../../../server/src/store/store.js';
import { engines } from './adapters.js';
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
