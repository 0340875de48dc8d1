// The store's typed repositories (docs/architecture.md "Store"): a write names its rows and writes only those; rows
// are zod-checked when read; a failed write leaves nothing behind; production code never reads the whole image.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNotifier } from '../../../server/src/notify/notifier.js';
import type { LegacyState } from '../../../server/src/store/schema.js';
import { openSqlite, type SqlDb, type SqlExec } from '../../../server/src/store/sql.js';
import { StoreError, openSqlStore, openStore, seedStore } from '../../../server/src/store/store.js';
import { engines } from './adapters.js';
import { BOARD, CARD1, CARD3, LEAD, SPEC_A, captureMailer, finding, ist, notifyConfig, setFindings, snapshot } from '../notify/fixtures.js';

const STATE_TABLES = new Set(['boards', 'snapshots', 'evaluations', 'flags', 'outbox', 'digests', 'scans']);

/** A SQLite store whose write transactions record each statement that writes a state table (table, row key). */
async function countingStore(): Promise<{ store: Awaited<ReturnType<typeof openSqlStore>>; writes: Array<{ table: string; key: unknown }>; raw: SqlDb }> {
  const raw = openSqlite(':memory:');
  const writes: Array<{ table: string; key: unknown }> = [];
  const db: SqlDb = {
    ...raw,
    dialect: raw.dialect,
    location: raw.location,
    tx: (fn) =>
      raw.tx((q) => {
        const counted: SqlExec = {
          all: (sql, params) => q.all(sql, params),
          run: (sql, params = []) => {
            const m = /^(?:INSERT INTO|DELETE FROM) (\w+)/.exec(sql);
            if (m?.[1] && STATE_TABLES.has(m[1])) writes.push({ table: m[1], key: params[0] });
            return q.run(sql, params);
          },
        };
        return fn(counted);
      }),
  };
  return { store: await openSqlStore(db), writes, raw };
}

const at0 = '2026-11-20T10:00:00.000Z';
/** 100 boards with snapshots, 2,000 sent outbox items and 300 sent digests: what a busy store holds. */
function busyImage(): LegacyState {
  const boards: LegacyState['boards'] = {};
  for (let i = 0; i < 100; i++) {
    const id = `b${String(i).padStart(23, '0')}`;
    boards[id] = { id, name: `Pano ${i}`, backfilled: true, cursor: 'x', snapshot: { ...snapshot(), id } };
  }
  const outbox = Array.from({ length: 2000 }, (_, i) => ({
    key: `old|${i}`,
    flagKey: `bx|daily|c${i}|2026-11-19`,
    kind: 'open' as const,
    channel: 'email' as const,
    recipient: LEAD,
    level: 'teamLead' as const,
    boardId: 'bx',
    cardId: `c${i}`,
    rule: 'daily',
    period: '2026-11-19',
    status: 'missing',
    severity: 'warning',
    memberId: SPEC_A,
    detail: { tr: 'x', en: 'x' },
    class: 'compliance' as const,
    createdAt: at0,
    state: 'sent' as const,
    messageId: `m${i % 300}`,
    sentAt: at0,
  }));
  const digests = Array.from({ length: 300 }, (_, i) => ({
    id: `m${i}`,
    kind: 'digest' as const,
    channel: 'email' as const,
    recipient: LEAD,
    to: 'x',
    day: '2026-11-20',
    itemKeys: [],
    subject: 's',
    text: 't',
    state: 'sent' as const,
    attempts: 1,
    createdAt: at0,
    sentAt: at0,
    expiresAt: '2026-11-27T10:00:00.000Z',
    reportedTo: [],
    heldLines: 0,
  }));
  return { version: 1, boards, findings: {}, flags: {}, outbox, digests, scans: [] };
}

describe('typed store repositories', () => {
  it('a write writes the rows it names, nothing else; an unchanged row writes nothing and keeps the version', async () => {
    const { store, writes, raw } = await countingStore();
    await seedStore(store, busyImage());
    writes.length = 0;
    const id = 'b00000000000000000000007';
    await store.write((tx) => tx.boards.put(id, { ...store.boards.get(id)!, cursor: 'y' }));
    expect(writes).toEqual([{ table: 'boards', key: id }]);
    expect(store.boards.get(id)?.cursor).toBe('y');
    expect(store.snapshots.get(id)?.cards).toHaveLength(3);
    const version = async () => (await raw.all<{ value: string }>(`SELECT value FROM meta WHERE key = 'state_version'`))[0]?.value;
    const v = await version();
    writes.length = 0;
    const flag = {
      boardId: id,
      rule: 'daily',
      cardId: CARD1,
      period: '2026-11-23',
      memberId: SPEC_A,
      status: 'missing',
      severity: 'warning',
      detail: { tr: 'x', en: 'x' },
      class: 'compliance' as const,
      firstSeenAt: at0,
      lastSeenAt: at0,
      episode: 1,
      level: 'specialist' as const,
      critical: false,
    };
    await store.write((tx) => tx.flags.put('k', flag));
    await store.write((tx) => tx.flags.put('k', { ...flag }));
    expect(writes).toEqual([{ table: 'flags', key: 'k' }]);
    expect(Number(await version())).toBe(Number(v) + 1);
    await store.close();
  });

  it('a notifier run writes its messages and their outbox lines, never the rows it did not change', async () => {
    const { store, writes } = await countingStore();
    await seedStore(store, busyImage());
    await setFindings(store, [
      finding({ rule: 'daily', cardId: CARD1, period: '2026-11-23' }),
      finding({ rule: 'golive-reason', cardId: CARD3, period: '2026-11-20', severity: 'critical' }),
    ]);
    writes.length = 0;
    const mailer = captureMailer();
    const comments: string[] = [];
    const trello = {
      postComment: async (_c: string, t: string) => void comments.push(t),
      getBoard: async () => ({}),
      createLabel: async () => ({ id: 'l' }),
      addLabel: async () => undefined,
      removeLabel: async () => undefined,
    };
    const r = await createNotifier({
      store,
      config: notifyConfig({ NOTIFY_LABELS: 'false' }),
      ports: { mailer, trello },
      clock: () => ist('2026-11-24T18:30'),
    }).run();
    expect(r.sent).toBeGreaterThanOrEqual(3);
    // The 2,000 old outbox rows (ids 1–2000) and 300 old messages (ids 1–300) are never written again.
    expect(writes.filter((w) => w.table === 'outbox' && Number(w.key) <= 2000)).toEqual([]);
    expect(writes.filter((w) => w.table === 'digests' && Number(w.key) <= 300)).toEqual([]);
    expect(writes.every((w) => w.table === 'flags' || w.table === 'outbox' || w.table === 'digests')).toBe(true);
    // Each message: its claim and its outcome (one row each), and its lines once queued and once sent.
    const ours = store.messages.digests().filter((m) => m.state === 'sent' && m.createdAt > at0);
    expect(ours).toHaveLength(r.sent);
    // Each message row: written when composed (the plan), claimed, and sent: three writes of its one row.
    const perRow = new Map<unknown, number>();
    for (const w of writes) if (w.table === 'digests') perRow.set(w.key, (perRow.get(w.key) ?? 0) + 1);
    expect([...perRow.values()]).toEqual(ours.map(() => 3));
    // Each line: written when planned (pending, then queued in the same write) and when its message was sent.
    const lines = ours.reduce((n, m) => n + m.itemKeys.length, 0);
    expect(writes.filter((w) => w.table === 'outbox')).toHaveLength(2 * lines);
    await store.close();
  });

  it('rows are checked when read: a snapshot or an evaluation mark of the wrong shape stops the open, naming the row', async () => {
    for (const [table, doc, why] of [
      ['snapshots', '{"id":"x","name":"x","cards":"none"}', /snapshots row .* failed validation at \(root\): not a stored board snapshot/],
      ['evaluations', '{"evaluatedAt":7}', /evaluations row .* failed validation at evaluatedAt: /],
    ] as const) {
      const raw = openSqlite(':memory:');
      const store = await openSqlStore(raw);
      await store.write((tx) => tx.boards.put(BOARD, { id: BOARD, name: 'B', backfilled: true }, snapshot()));
      await raw.run(`INSERT INTO ${table} (key, doc) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET doc = excluded.doc`, [BOARD, doc]);
      // As another process's write would leave the versions: the table's and the state's.
      for (const key of ['state_version', `state_version:${table}`])
        await raw.run(`INSERT INTO meta (key, value) VALUES (?, '99') ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [key]);
      const err = await store.sync().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect((err as Error).message).toMatch(why);
      await raw.close();
    }
  });

  it('a write that throws leaves no row and no cached change behind', async () => {
    const { store } = await countingStore();
    await store.write((tx) => tx.boards.put(BOARD, { id: BOARD, name: 'B', backfilled: true, cursor: 'a' }));
    await expect(
      store.write(async (tx) => {
        await tx.boards.put(BOARD, { id: BOARD, name: 'B', backfilled: true, cursor: 'b' });
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    await store.sync();
    expect(store.boards.get(BOARD)?.cursor).toBe('a');
    await store.close();
  });

  it('no production module reads the whole image (it is for tests)', () => {
    const root = join(import.meta.dirname, '../../../server/src');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts') && /\.image\(\)/.test(readFileSync(p, 'utf8'))) offenders.push(p.slice(root.length + 1));
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});

describe.each(engines)('repositories across processes on $name', (engine) => {
  it('a second process reloads only the tables written since it read; a write inside its transaction sees them first', async () => {
    const loc = await engine.fresh();
    const a = await openStore(loc);
    await seedStore(a, busyImage());
    const b = await openStore(loc);
    const id = 'b00000000000000000000003';
    const snap = b.snapshots.get(id);
    const outbox = b.messages.outbox();
    expect(snap).toBeDefined();
    await a.write((tx) => tx.boards.put(id, { ...a.boards.get(id)!, cursor: 'z' }));
    expect(await b.sync()).toBe(true);
    expect(b.boards.get(id)?.cursor).toBe('z');
    // Snapshots and the outbox were not written: the same objects, not read and parsed again.
    expect(b.snapshots.get(id)).toBe(snap);
    expect(b.messages.outbox()[0]).toBe(outbox[0]);
    // b writes on a's latest row (read inside its transaction), and a sees b's write after its own sync.
    await a.write((tx) => tx.boards.put(id, { ...a.boards.get(id)!, webhookId: 'w1' }));
    await b.write((tx) => tx.boards.put(id, { ...b.boards.get(id)!, name: 'Yeni' }));
    await a.sync();
    expect(a.boards.get(id)).toMatchObject({ cursor: 'z', webhookId: 'w1', name: 'Yeni' });
    await Promise.all([a.close(), b.close()]);
  });
});
