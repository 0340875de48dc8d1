// The part across cards kept between re-judges (store/across.ts): on a scale board, a sequence of one-card changes as
// webhooks and scans bring them (comments of a known and of a new author-day, slot changes that make and undo
// overlaps, a membership change, an edit, a later hour, the next day), each re-judged on the touched card only, leaves
// verdict rows equal to a from-scratch evaluateBoard of the same store view. A plain comment advances the kept part
// without reading the board's light comments again. The status API read from the rows stays equal to boardStatus.
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateBoard } from '../../../shared/compliance.js';
import { boardStatus } from '../../../shared/status.js';
import { statusFromRows } from '../../../server/src/store/status-rows.js';
import type { Emulator } from '../../../server/src/demo/emulator.js';
import { generateScaleWorkspace } from '../../../server/src/demo/workspace.js';
import { silentLogger } from '../../../server/src/log.js';
import { scanBoards } from '../../../server/src/scan/scan-boards.js';
import { snapshotOf } from '../../../server/src/store/board-view.js';
import { judgeStoredBoard, storedResult, touchedCards } from '../../../server/src/store/judge.js';
import type { LedgerInput } from '../../../server/src/store/ledger.js';
import type { LedgerRecord } from '../../../server/src/store/schema.js';
import { openStore, type Store } from '../../../server/src/store/store.js';
import { engines } from './adapters.js';
import { unlimitedTrello } from '../unlimited-trello.js';

const KEY = 'acrosskey'.padEnd(32, '0');
const TOKEN = 'acrosstoken'.padEnd(64, '0');
const START = new Date('2026-11-24T08:00:00Z'); // a Tuesday, 11:00 in Istanbul

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

/** The kept rows assembled equal evaluateBoard over the store's view of the board at `now`. */
async function expectSame(store: Store, boardId: string, now: Date): Promise<number> {
  const snap = (await snapshotOf(store, boardId))!;
  const whole = evaluateBoard(snap, now);
  const kept = (await storedResult(store, boardId))!;
  expect(kept.findings).toEqual(whole.findings);
  expect(kept.summary).toEqual(whole.summary);
  // The status API from the rows (each card's findings read from its verdict rows) as from the whole board.
  const rows = await statusFromRows(store, boardId, now, null);
  expect(JSON.stringify(rows)).toBe(JSON.stringify(boardStatus(snap, kept, now, { lastScanAt: null })));
  return whole.findings.filter((f) => f.rule === 'slot').length;
}

for (const engine of engines) {
  describe(`kept part across cards (${engine.name})`, () => {
    it('a sequence of one-card changes re-judged on the touched card equals a from-scratch evaluation', async () => {
      let now = START;
      const ws = generateScaleWorkspace({ seed: 3, boards: 1, cards: 12, days: 75, now });
      const t = await unlimitedTrello({ key: KEY, token: TOKEN, boards: ws.boards, clock: () => now });
      emu = t.emu;
      const trello = t.trello;
      const store = await openStore(await engine.fresh());
      const boardId = ws.boards[0]!.id;
      const scan = async (): Promise<LedgerRecord[]> => {
        const before = (await store.ledger.head()).count;
        await scanBoards({ store, trello, boards: [boardId], clock: () => now, log: silentLogger }, { now });
        const added: LedgerRecord[] = [];
        for await (const r of store.ledger.stream({ fromSeq: before })) added.push(r);
        return added;
      };
      // How often the board's light comments are read whole (a plain comment must not need it).
      let lightReads = 0;
      const light = store.entries.light.bind(store.entries);
      store.entries.light = (...a: Parameters<typeof light>) => {
        lightReads++;
        return light(...a);
      };
      // A webhook's re-judge: the touched cards only (stale: cards of an earlier day too), as evaluation-queue.ts.
      const rejudge = async (added: readonly LedgerRecord[]) => {
        const touched = touchedCards(added, boardId);
        await judgeStoredBoard(store, boardId, now, touched === 'all' ? {} : { cardIds: touched, stale: true });
      };
      const comment = (cardId: string, authorId: string, text: string, id: string): LedgerInput => ({
        type: 'comment',
        actionId: id,
        boardId,
        cardId,
        authorId,
        authorName: authorId,
        postedAt: now.toISOString(),
        text,
        recordedAt: now.toISOString(),
        source: 'webhook',
      });
      const cardState = () => emu!.state.exportBoard(boardId).cards.filter((c) => !c.closed);
      const profileOf = (c: ReturnType<typeof cardState>[number]) => JSON.parse(c.pluginData?.[0]?.value ?? '{}') as { profile?: Record<string, unknown> };
      const setSlot = (cardId: string, slot: string) => {
        const c = cardState().find((x) => x.id === cardId)!;
        const pd = profileOf(c);
        emu!.state.setPluginData(cardId, JSON.stringify({ ...pd, profile: { ...pd.profile, trainingSlot: slot } }));
      };
      try {
        await scan();
        await judgeStoredBoard(store, boardId, now);
        const slotFindings = await expectSame(store, boardId, now);
        const cards = cardState().filter((c) => profileOf(c).profile?.trainingSlot);
        expect(cards.length).toBeGreaterThan(4);
        const [a, b, c] = cards;
        const author = a!.idMembers[0]!;
        // A card of the same specialist as `a` (a slot overlap is within one specialist's customers, R1/R53).
        const d = cards.find((x) => x !== a && x !== b && x !== c && profileOf(x).profile?.specialist === profileOf(a!).profile?.specialist);
        expect(d).toBeDefined();
        const slotBefore = String(profileOf(d!).profile?.trainingSlot);
        const other = ws.members.find((m) => m.id !== author)!.id;

        // A comment: the author's first of the day (the activity part changes), then one more the same day (it does not).
        now = new Date(START.getTime() + 60_000);
        await rejudge(await store.append([comment(a!.id, author, '#günlük müşteri arandı, sorun yok', '6c1bd1c0dddddddddddd0001')]));
        await expectSame(store, boardId, now);
        const reads = lightReads;
        now = new Date(START.getTime() + 120_000);
        await rejudge(await store.append([comment(b!.id, author, '#günlük ödeme adımı kontrol edildi', '6c1bd1c0dddddddddddd0002')]));
        await expectSame(store, boardId, now);
        // Another author's comment on a third card.
        now = new Date(START.getTime() + 180_000);
        await rejudge(await store.append([comment(c!.id, other, '#günlük kargo entegrasyonu denendi', '6c1bd1c0dddddddddddd0003')]));
        await expectSame(store, boardId, now);
        expect(lightReads).toBe(reads);

        // Slot changes (scans notice them): onto another card's slot (overlaps on both), then away again.
        now = new Date(START.getTime() + 3_600_000);
        setSlot(d!.id, String(profileOf(a!).profile?.trainingSlot));
        let added = await scan();
        // The scan's own evaluation (every card, the kept part advanced by the changed card) is equal too.
        await expectSame(store, boardId, now);
        expect(touchedCards(added, boardId)).toEqual([d!.id]);
        await rejudge(added);
        expect(await expectSame(store, boardId, now)).toBeGreaterThan(slotFindings);
        setSlot(d!.id, slotBefore);
        added = await scan();
        expect(await expectSame(store, boardId, now)).toBe(slotFindings);
        await rejudge(added);
        expect(await expectSame(store, boardId, now)).toBe(slotFindings);

        // A membership change on one card.
        now = new Date(START.getTime() + 5_400_000);
        emu.state.changeCardMember(b!.id, other, 'add', ws.managerId, now);
        added = await scan();
        await expectSame(store, boardId, now);
        await rejudge(added);
        await expectSame(store, boardId, now);

        // A card handed to someone who never wrote on the board (a scan notices the new specialist): the inactive rule
        // (P19) finds their runs. Then their comments: one posted on a past day of a run, delivered late (who wrote
        // when changes a finding), and one of today (today is never judged: the findings stay).
        now = new Date(START.getTime() + 6_000_000);
        const quiet = ws.managerId;
        const cardOf = cardState().find((x) => x.id === c!.id)!;
        const pd = profileOf(cardOf);
        emu.state.setPluginData(c!.id, JSON.stringify({ ...pd, profile: { ...pd.profile, specialist: quiet } }));
        added = await scan();
        await rejudge(added);
        const inactive = async () => {
          await expectSame(store, boardId, now);
          return JSON.stringify((await storedResult(store, boardId))!.findings.filter((f) => f.rule === 'inactive' && f.memberId === quiet));
        };
        const before = await inactive();
        const run = JSON.parse(before) as Array<{ period: string }>;
        expect(run.length).toBeGreaterThan(0);
        const readsBefore = lightReads;
        const late = { ...comment(c!.id, quiet, '#günlük müşteri arandı', '6c1bd1c0dddddddddddd0004'), postedAt: `${run[0]!.period}T09:00:00.000Z` };
        await rejudge(await store.append([late]));
        const split = await inactive();
        expect(split).not.toBe(before);
        now = new Date(START.getTime() + 6_060_000);
        await rejudge(await store.append([comment(c!.id, quiet, '#günlük müşteri arandı', '6c1bd1c0dddddddddddd0005')]));
        expect(await inactive()).toBe(split);
        // Advanced from the two comments, the board's light comments never read again.
        expect(lightReads).toBe(readsBefore);

        // An edit of the day's first comment (its text changes), delivered as a webhook.
        now = new Date(START.getTime() + 7_200_000);
        await rejudge(
          await store.append([
            {
              type: 'edit',
              actionId: '6c1bd1c0dddddddddddd0001',
              boardId,
              cardId: a!.id,
              authorId: author,
              authorName: author,
              postedAt: START.toISOString(),
              occurredAt: now.toISOString(),
              dateLastEdited: now.toISOString(),
              text: '#günlük düzeltildi',
              oldText: '#günlük müşteri arandı, sorun yok',
              recordedAt: now.toISOString(),
              source: 'webhook',
            } as LedgerInput,
          ]),
        );
        await expectSame(store, boardId, now);

        // Later the same day with nothing new, and the next morning: still equal.
        for (const iso of ['2026-11-24T15:00:00Z', '2026-11-25T06:30:00Z']) {
          now = new Date(iso);
          await rejudge(await store.append([comment(c!.id, author, '#günlük arandı', `6c1bd1c0dddddddddddd${iso.slice(11, 13)}00`)]));
          await expectSame(store, boardId, now);
        }
      } finally {
        await store.close();
      }
    }, 300_000);
  });
}
