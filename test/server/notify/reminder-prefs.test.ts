// The reminder job asks every minute for each specialist's latest choice (docs/powerup.md "Nudges"): it reads the
// `reminder` records alone through their own index, never a board's facts, on every engine.
import { describe, expect, it } from 'vitest';
import { createReminderPrefs } from '../../../server/src/notify/reminders.js';
import type { LedgerInput } from '../../../server/src/store/ledger.js';
import { openStore } from '../../../server/src/store/store.js';
import { engines } from '../store/adapters.js';

const at = (day: string, hm: string) => `2026-11-${day}T${hm}:00.000Z`;
const rec = (over: Partial<LedgerInput> & Pick<LedgerInput, 'type' | 'actionId' | 'boardId'>): LedgerInput => ({
  cardId: '',
  authorId: 'm1',
  postedAt: at('20', '09:00'),
  recordedAt: at('20', '09:00'),
  source: 'powerup',
  ...over,
});
const choice = (boardId: string, authorId: string, value: string, postedAt: string): LedgerInput =>
  rec({ type: 'reminder', actionId: `reminder:${authorId}:${postedAt}`, boardId, authorId, value, postedAt });

describe.each(engines)('reminder preferences on $name', (engine) => {
  it('the latest choice per member among the judged boards, read from the reminder records alone', async () => {
    const store = await openStore(await engine.fresh());
    await store.write(async (tx) => {
      await tx.boards.put('b3', { id: 'b3', name: 'b3', backfilled: true });
      // b3 has no evaluation yet: the notifier cannot judge it, so its choices wait.
      for (const b of ['b1', 'b2']) {
        await tx.boards.put(b, { id: b, name: b, backfilled: true }, { id: b, name: b, lists: [], members: [], cards: [], pluginData: [], comments: [] });
        await tx.evaluations.put(b, { evaluatedAt: at('20', '08:00') });
      }
    });
    const comments: LedgerInput[] = Array.from({ length: 300 }, (_, i) =>
      rec({ type: 'comment', actionId: `c${i}`, boardId: i % 2 ? 'b1' : 'b2', cardId: `card${i % 7}`, text: `#günlük ${i}` }),
    );
    await store.append([
      ...comments.slice(0, 150),
      choice('b1', 'm1', '09:30', at('20', '10:00')),
      rec({ type: 'board-data', actionId: 'bd1', boardId: 'b1', value: '[]' }),
      choice('b2', 'm2', '17:30', at('20', '11:00')),
      choice('b3', 'm3', '10:00', at('20', '12:00')),
      ...comments.slice(150),
    ]);
    const prefs = createReminderPrefs(store);
    const first = await prefs.read();
    expect([...first.values()].sort((a, b) => a.memberId.localeCompare(b.memberId))).toEqual([
      { memberId: 'm1', at: '09:30', setAt: at('20', '10:00'), boardId: 'b1' },
      { memberId: 'm2', at: '17:30', setAt: at('20', '11:00'), boardId: 'b2' },
    ]);
    expect((await store.ledger.reminders()).map((r) => [r.type, r.authorId])).toEqual([
      ['reminder', 'm1'],
      ['reminder', 'm2'],
      ['reminder', 'm3'],
    ]);
    // A later choice on another judged board wins (the latest across boards); read again once the ledger grew.
    await store.append([choice('b2', 'm1', 'off', at('21', '08:00'))]);
    expect((await prefs.read()).get('m1')).toEqual({ memberId: 'm1', at: null, setAt: at('21', '08:00'), boardId: 'b2' });
    if (engine.name === 'sqlite') {
      // The query the reader runs takes the partial index (migration 7), whatever the ledger's size.
      const db = engine.raw(store.location);
      const plan = await db.all<{ detail: string }>(`EXPLAIN QUERY PLAN SELECT record FROM ledger WHERE type = 'reminder' ORDER BY seq`);
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX ledger_reminder/);
      await db.close();
    }
    await store.close();
  });
});
