// Kept parses (store/entries.ts, migration 5) and the per-card judge from the store (store/judge.ts) on both engines:
// the verdict rows judged card by card from kept parses equal a fresh parse + evaluateBoard (demo workspace, scale
// workspace small, big export) at several `now`; a store from before (no rows) and a grammar change give the same
// verdicts and re-parse; the kept parse is what readers use; comments known only from an edit, and an entry edited
// into chat, still find the board's first entry.
import { describe, expect, it } from 'vitest';
import { evaluateBoard } from '../../../shared/compliance.js';
import { judgingStart } from '../../../shared/customers.js';
import { dateKey } from '../../../shared/dates.js';
import { readProfile, readSettings } from '../../../shared/profile.js';
import { GRAMMAR_VERSION, parseEntry } from '../../../shared/entries.js';
import { snapshotFromTrello } from '../../../shared/trello-export.js';
import type { BoardSnapshot } from '../../../shared/types.js';
import { generateDemoWorkspace, generateScaleWorkspace } from '../../../server/src/demo/workspace.js';
import { createEvaluator } from '../../../server/src/reports/evaluate.js';
import { boardView, snapshotOf } from '../../../server/src/store/board-view.js';
import { judgeStoredBoard, storedResult } from '../../../server/src/store/judge.js';
import type { LedgerInput } from '../../../server/src/store/ledger.js';
import { openStore, type Store } from '../../../server/src/store/store.js';
import { buildLargeExport } from '../../fixtures/build-large-export.js';
import { engines } from './adapters.js';

const NOWS = ['2026-11-23T09:30:00Z', '2026-11-25T15:30:00Z', '2026-11-30T20:59:00Z'];
const RECORDED = '2026-12-01T00:00:00.000Z';

/** The ledger records a scan would have kept for a snapshot's comments: first sight, the edit, the deletion. */
function recordsOf(s: BoardSnapshot): LedgerInput[] {
  const out: LedgerInput[] = [];
  for (const c of s.comments) {
    const base = {
      actionId: c.id,
      boardId: s.id,
      cardId: c.cardId,
      authorId: c.authorId,
      postedAt: c.postedAt,
      recordedAt: RECORDED,
      source: 'import' as const,
    };
    out.push({ ...base, type: 'comment', text: c.originalText ?? c.text });
    if (c.originalText !== undefined && c.originalText !== c.text)
      out.push({ ...base, type: 'edit', text: c.text, oldText: c.originalText, dateLastEdited: c.editedAt ?? c.postedAt });
    if (c.deletedAt) out.push({ ...base, type: 'delete', occurredAt: c.deletedAt });
  }
  return out;
}

/** The board judged from its first entry (no trackingStart in its settings): the path that needs the board's anchor. */
function noTrackingStart(s: BoardSnapshot): BoardSnapshot {
  const { trackingStart: _t, ...settings } = readSettings(s.pluginData).settings;
  return { ...s, pluginData: [{ value: JSON.stringify({ settings }) }] };
}

async function put(store: Store, s: BoardSnapshot, extra: LedgerInput[] = []): Promise<void> {
  const { comments: _c, facts: _f, factsFrom: _ff, ...snap } = s;
  await store.append([...recordsOf(s), ...extra], (tx) => tx.boards.put(s.id, { id: s.id, name: s.name, backfilled: true }, { ...snap, comments: [] }));
}

/** Judged card by card from the store, the kept rows equal a fresh parse + evaluateBoard of the same store view. */
async function expectSame(store: Store, boardId: string, now: Date): Promise<number> {
  await judgeStoredBoard(store, boardId, now);
  const snap = (await snapshotOf(store, boardId))!;
  const whole = evaluateBoard(snap, now);
  const kept = (await storedResult(store, boardId))!;
  expect(kept.findings).toEqual(whole.findings);
  expect(kept.summary).toEqual(whole.summary);
  // The evaluator (reports, dashboard) prepares with the kept parses: the same result.
  expect((await createEvaluator()(store, boardId, now))!.result).toEqual(whole);
  return whole.findings.length;
}

async function rawRun(store: Store, sql: string, params: unknown[] = []): Promise<void> {
  // The store's own connection (tampering in tests): a second SQLite connection would wait on the first.
  await (store as unknown as { db: { tx(fn: (q: { run(s: string, p?: unknown[]): Promise<void> }) => Promise<void>): Promise<void> } }).db.tx((q) =>
    q.run(sql, params),
  );
}

async function rawAll<T>(store: Store, sql: string, params: unknown[] = []): Promise<T[]> {
  return (store as unknown as { db: { all<R>(s: string, p?: unknown[]): Promise<R[]> } }).db.all<T>(sql, params);
}

for (const engine of engines) {
  describe(`kept parses and the per-card judge (${engine.name})`, () => {
    it('demo workspace at several now: kept rows equal a fresh parse; every comment and edit parsed once at append', async () => {
      const location = await engine.fresh();
      const store = await openStore(location);
      const ws = generateDemoWorkspace({ seed: 1, now: new Date(NOWS[0]!) });
      const snaps = ws.boards.map((b, i) => (i % 2 ? noTrackingStart(snapshotFromTrello(b)) : snapshotFromTrello(b)));
      for (const s of snaps) await put(store, s);
      const texts = await rawAll<{ n: number | string }>(store, `SELECT COUNT(*) AS n FROM ledger WHERE type IN ('comment', 'edit')`);
      const kept = await rawAll<{ n: number | string }>(store, `SELECT COUNT(*) AS n FROM entries WHERE grammar = ?`, [GRAMMAR_VERSION]);
      expect(Number(kept[0]!.n)).toBe(Number(texts[0]!.n));
      expect(Number(kept[0]!.n)).toBeGreaterThan(100);
      let findings = 0;
      for (const iso of NOWS) for (const s of snaps) findings += await expectSame(store, s.id, new Date(iso));
      expect(findings).toBeGreaterThan(0);
      // The board view hands out the kept parse of each comment's current text: equal to a fresh parse.
      const view = (await boardView(store, snaps[0]!.id))!;
      let entries = 0;
      for (const c of view.snapshot.comments) {
        if (!c.text) continue;
        expect(view.parsed.get(c.id)).toEqual(parseEntry(c.text, c.postedAt));
        if (view.parsed.get(c.id)) entries++;
      }
      expect(entries).toBeGreaterThan(10);
      await store.close();
    }, 300_000);

    it('a store from before (no kept rows) and a grammar change: same verdicts, parsed again lazily', async () => {
      const location = await engine.fresh();
      let store = await openStore(location);
      const now = new Date(NOWS[1]!);
      const s = snapshotFromTrello(generateDemoWorkspace({ seed: 2, now }).boards[1]!);
      await put(store, s);
      await judgeStoredBoard(store, s.id, now);
      const before = await storedResult(store, s.id);
      const rows = async () =>
        rawAll<{ seq: number | string; grammar: number | string; entry: string | null }>(store, `SELECT seq, grammar, entry FROM entries ORDER BY seq`);
      const fresh = await rows();

      // Before migration 5 nothing was kept: a new process parses on read and keeps the rows.
      await rawRun(store, `DELETE FROM entries`);
      await store.close();
      store = await openStore(location);
      await rawRun(store, `DELETE FROM card_verdicts`);
      await rawRun(store, `DELETE FROM verdicts`);
      expect(await rows()).toEqual([]);
      await expectSame(store, s.id, now);
      expect(await storedResult(store, s.id)).toEqual(before);
      expect(await rows()).toEqual(fresh);

      // A read-only open of such a store (a report) parses on read and writes nothing.
      if (engine.name === 'sqlite') {
        await rawRun(store, `DELETE FROM entries`);
        await store.close();
        const ro = await openStore(location, { readOnly: true });
        const snap = (await snapshotOf(ro, s.id))!;
        expect((await createEvaluator()(ro, s.id, now))!.result).toEqual(evaluateBoard(snap, now));
        expect((await boardView(ro, s.id))!.parsed.size).toBe(0);
        await ro.close();
        store = await openStore(location);
        await judgeStoredBoard(store, s.id, now);
        expect(await rows()).toEqual(fresh);
      }

      // Kept under another grammar version (and different): never used, parsed again and replaced.
      const someEntry = fresh.find((r) => r.entry !== null)!;
      await rawRun(store, `UPDATE entries SET grammar = ?, entry = ?`, [
        GRAMMAR_VERSION + 1,
        JSON.stringify({ kinds: ['daily'], forDate: '2000-01-01', readings: {}, actions: [], warnings: [] }),
      ]);
      await store.close();
      store = await openStore(location);
      await expectSame(store, s.id, now);
      expect(await rows()).toEqual(fresh);

      // A kept row of this version IS what readers use (the comment is not parsed again on read).
      const tampered = { ...(JSON.parse(someEntry.entry!) as object), forDate: '2000-01-01' };
      await rawRun(store, `UPDATE entries SET entry = ? WHERE seq = ?`, [JSON.stringify(tampered), Number(someEntry.seq)]);
      const rec = (await store.ledger.bySeq(Number(someEntry.seq)))!;
      const view = (await boardView(store, s.id))!;
      // Kept without the members at their default (keptJson), read back whole.
      expect(someEntry.entry).not.toMatch(/"actions":\[\]|"warnings":\[\]|"late":false/);
      expect(view.parsed.get(rec.actionId)).toEqual({ ...parseEntry(rec.text!, rec.postedAt), forDate: '2000-01-01' });
      // A row that is no ParsedEntry is not trusted: parsed on read.
      await rawRun(store, `UPDATE entries SET entry = ? WHERE seq = ?`, ['{"kinds":[]}', Number(someEntry.seq)]);
      expect((await boardView(store, s.id))!.parsed.has(rec.actionId)).toBe(false);
      await store.close();
    }, 300_000);

    it("the board's first entry: a comment known only from its edit, an entry edited into chat, a training span", async () => {
      const store = await openStore(await engine.fresh());
      const now = new Date(NOWS[0]!);
      const demo = noTrackingStart(snapshotFromTrello(generateDemoWorkspace({ seed: 3, now }).boards[0]!));
      // One customer without a training slot, never live (slot missing: P13), for the training span below.
      const noSlot = demo.cards.find((c) => !c.closed && readProfile(c).found && !readProfile(c).profile.liveAt)!;
      const { trainingSlot: _ts, ...profile } = readProfile(noSlot).profile;
      const s: BoardSnapshot = { ...demo, cards: demo.cards.map((c) => (c === noSlot ? { ...c, pluginData: [{ value: JSON.stringify({ profile }) }] } : c)) };
      const card = s.cards.find((c) => !c.closed)!;
      const first = [...s.comments].sort((a, b) => Date.parse(a.postedAt) - Date.parse(b.postedAt))[0]!;
      const at = (days: number) => new Date(Date.parse(first.postedAt) - days * 86_400_000).toISOString();
      const base = { boardId: s.id, cardId: card.id, authorId: first.authorId, recordedAt: RECORDED, source: 'webhook' as const };
      const extra: LedgerInput[] = [
        // Earliest: an entry edited into chat (no longer the first entry).
        { ...base, type: 'comment', actionId: 'a0000000000000000000000a', postedAt: at(9), text: '#günlük müşteri arandı' },
        {
          ...base,
          type: 'edit',
          actionId: 'a0000000000000000000000a',
          postedAt: at(9),
          text: 'yanlış karta yazdım',
          oldText: '#günlük müşteri arandı',
          dateLastEdited: at(8),
        },
      ];
      await put(store, s, extra);
      const judgeAndCompare = async () => {
        for (const iso of NOWS) await expectSame(store, s.id, new Date(iso));
      };
      await judgeAndCompare();
      // Then a comment Nabız only saw edited (its first sight never recorded), earlier than every other: the first entry.
      const known = {
        ...base,
        type: 'edit' as const,
        actionId: 'a0000000000000000000000b',
        postedAt: at(6),
        text: '#günlük ilk kayıt',
        occurredAt: at(5),
        sourceActionId: 'u1',
      };
      await store.append([known]);
      await judgeAndCompare();
      const view = (await snapshotOf(store, s.id))!;
      expect(judgingStart(view, readSettings(view.pluginData).settings, now)).toEqual({ day: dateKey(at(6)), source: 'first-entry' });
      // A training escalation, read by the rules across cards: `slot missing` is not judged while training is refused (P20).
      const missing = evaluateBoard(view, now).findings.find((f) => f.rule === 'slot' && f.status === 'missing');
      expect(missing).toBeDefined();
      const text = '#bildirildi müşteri entegrasyon sürecinde eğitim istemiyor';
      await store.append([
        {
          ...base,
          cardId: missing!.cardId,
          type: 'comment',
          actionId: 'a0000000000000000000000c',
          postedAt: new Date(now.getTime() - 3_600_000).toISOString(),
          text,
        },
      ]);
      await judgeAndCompare();
      const after = (await storedResult(store, s.id))!.findings;
      expect(after.some((f) => f.rule === 'slot' && f.status === 'missing' && f.cardId === missing!.cardId)).toBe(false);
      await store.close();
    }, 300_000);

    it('scale workspace (small) and the big export at several now', async () => {
      const store = await openStore(await engine.fresh());
      const ws = generateScaleWorkspace({ boards: 2, cards: 8, days: 60, seed: 5, now: new Date(NOWS[0]!) });
      const snaps = ws.boards.map((b, i) => (i % 2 ? noTrackingStart(snapshotFromTrello(b)) : snapshotFromTrello(b)));
      const big = snapshotFromTrello(buildLargeExport());
      for (const s of [...snaps, big]) await put(store, s);
      for (const iso of NOWS) for (const s of snaps) await expectSame(store, s.id, new Date(iso));
      for (const iso of ['2026-11-21T06:00:00Z', '2026-11-21T16:00:00Z']) expect(await expectSame(store, big.id, new Date(iso))).toBeGreaterThan(0);
      await store.close();
    }, 300_000);
  });
}
