// Migration 8 (store/migrations.ts): the whole-board result rows (`findings`) are dropped; each board keeps only when
// it was judged (`evaluations`), and only when its verdict rows exist. An old data file that still has results is
// imported without them (derived data). On both engines.
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../../server/src/store/migrations.js';
import { openStore, seedStore } from '../../../server/src/store/store.js';
import type { AuditResult } from '../../../shared/types.js';
import { engines } from './adapters.js';

const result = (n: number): AuditResult => ({
  findings: Array.from({ length: n }, (_, i) => ({
    rule: 'daily',
    cardId: 'c1',
    memberId: 'm1',
    period: `2026-11-${10 + i}`,
    status: 'missing',
    severity: 'warning',
    detail: { tr: 'yok', en: 'none' },
  })),
  summary: { historyCut: false, byCard: {}, byMember: {} },
});

for (const engine of engines) {
  describe(`evaluation marks (${engine.name})`, () => {
    it('migration 8 keeps when each judged board was evaluated and drops the results', async () => {
      const loc = await engine.fresh();
      const raw = engine.raw(loc);
      // The store as version 7 left it.
      await raw.run(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
      for (const m of MIGRATIONS.filter((x) => x.version <= 7)) {
        for (const s of m.sql) await raw.run(s);
        await raw.run(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`, [m.version, m.name, '2026-11-01T00:00:00.000Z']);
      }
      const rows: Array<[string, string]> = [
        // Judged through the verdict rows: keeps its time.
        ['judged', JSON.stringify({ evaluatedAt: '2026-11-20T10:00:00.000Z', result: result(3) })],
        // A result without verdict rows (kept before them): not judged until its next scan.
        ['unjudged', JSON.stringify({ evaluatedAt: '2026-11-20T10:00:00.000Z', result: result(1) })],
        // A row not as JSON.stringify wrote it: not trusted either.
        ['odd', '{ "evaluatedAt": "2026-11-20", "result": {} }'],
      ];
      for (const [key, doc] of rows) await raw.run(`INSERT INTO findings (key, doc) VALUES (?, ?)`, [key, doc]);
      for (const board of ['judged', 'odd'])
        await raw.run(
          `INSERT INTO card_verdicts (board_id, card_id, member_id, judged_day, open_compliance, open_risk, errors, warnings, digest, doc) VALUES (?, '', '', '2026-11-20', 0, 0, 0, 0, 'd', 'null')`,
          [board],
        );
      await raw.run(`INSERT INTO meta (key, value) VALUES ('state_version:findings', '3')`);
      expect(await migrate(raw)).toEqual([8]);
      expect(await raw.all(`SELECT key, doc FROM evaluations ORDER BY key`)).toEqual([{ key: 'judged', doc: '{"evaluatedAt":"2026-11-20T10:00:00.000Z"}' }]);
      await expect(raw.all(`SELECT key FROM findings`)).rejects.toThrow();
      expect(await raw.all(`SELECT key FROM meta WHERE key = 'state_version:findings'`)).toEqual([]);
      await raw.close();
      const store = await openStore(loc);
      expect(store.evaluations.keys()).toEqual(['judged']);
      expect(store.evaluations.get('judged')).toEqual({ evaluatedAt: '2026-11-20T10:00:00.000Z' });
      await store.close();
    });

    it('an old data file with whole-board results imports without them', async () => {
      const store = await openStore(await engine.fresh());
      await seedStore(store, {
        version: 1,
        boards: { b1: { id: 'b1', name: 'B', backfilled: true } },
        findings: { b1: { evaluatedAt: '2026-11-20T10:00:00.000Z', result: result(2) } },
        flags: {},
        outbox: [],
        digests: [],
        scans: [],
      });
      expect(store.boards.get('b1')?.name).toBe('B');
      // Derived data: the board counts as not judged (its next scan judges it into verdict rows).
      expect(store.evaluations.keys()).toEqual([]);
      expect(store.image().findings).toEqual({});
      await store.close();
    });
  });
}
