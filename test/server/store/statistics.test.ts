// The planner's statistics after a bulk load (store.ts noteGrowth): PostgreSQL has none until autovacuum's naptime,
// so the store runs ANALYZE itself once an append doubled the ledger by ≥ ANALYZE_MIN_ROWS records; SQLite runs
// `PRAGMA optimize`. A small append (a webhook) runs neither.
import { describe, expect, it, vi } from 'vitest';
import { ANALYZE_MIN_ROWS, openStore } from '../../../server/src/store/store.js';
import { engines } from './adapters.js';
import { commentInput } from './helpers.js';

const bulk = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => commentInput(`a${from + i}`, { cardId: `c${(from + i) % 50}`, text: `#günlük ${from + i}` }));

describe.each(engines)('planner statistics on $name', (engine) => {
  it('a bulk append refreshes them after it returned; a small one does not', async () => {
    const loc = await engine.fresh();
    const small = await openStore(loc);
    await small.append(bulk(20));
    await small.close();
    const raw = engine.raw(loc);
    const stats = async (): Promise<{ ledger: number; entries: number }> => {
      if (engine.name === 'postgres') {
        const rows = await raw.all<{ relname: string; reltuples: number }>(
          `SELECT relname, reltuples FROM pg_class WHERE relname IN ('ledger', 'entries') AND relkind = 'r'`,
        );
        const of = (t: string) => Number(rows.find((r) => r.relname === t)?.reltuples ?? -1);
        return { ledger: of('ledger'), entries: of('entries') };
      }
      const has = (await raw.all<{ n: number }>(`SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'`))[0]?.n;
      if (!Number(has)) return { ledger: -1, entries: -1 };
      const rows = await raw.all<{ tbl: string; stat: string }>(`SELECT tbl, stat FROM sqlite_stat1 WHERE tbl IN ('ledger', 'entries')`);
      // Per index "rows …"; a partial index counts only its own rows.
      const of = (t: string) => Math.max(-1, ...rows.filter((r) => r.tbl === t).map((r) => Number(r.stat.split(' ')[0])));
      return { ledger: of('ledger'), entries: of('entries') };
    };
    // PostgreSQL: never analyzed (reltuples -1 since PostgreSQL 14). SQLite's close-time `PRAGMA optimize` may
    // analyze a small table already; what matters below is that the bulk load's numbers arrive.
    if (engine.name === 'postgres') expect(await stats()).toEqual({ ledger: -1, entries: -1 });

    const store = await openStore(loc);
    await store.append(bulk(ANALYZE_MIN_ROWS + 100, 20));
    // Not awaited by the append: the refresh runs once the appending call returned; close() waits for it.
    await store.close();
    const after = await stats();
    expect(after.ledger).toBeGreaterThan(ANALYZE_MIN_ROWS / 2);
    expect(after.entries).toBeGreaterThan(ANALYZE_MIN_ROWS / 2);
    if (engine.name === 'postgres') {
      // A manual ANALYZE (not autovacuum's): the statistics collector reports it shortly after.
      await vi.waitFor(
        async () => {
          const r = await raw.all<{ n: number }>(
            `SELECT COUNT(*) AS n FROM pg_stat_user_tables WHERE relname IN ('ledger', 'entries') AND last_analyze IS NOT NULL`,
          );
          expect(Number(r[0]?.n)).toBe(2);
        },
        { timeout: 10_000, interval: 200 },
      );
    }
    await raw.close();
  });
});
