// Checklist ticks as dated facts in the evidence ledger (docs/rules.md "Checklists", docs/trello.md §7a): a tick made
// in Trello (the emulator) reaches the ledger as a `check-item` record with Trello's date and author, once; the
// onboarding rule reads the recorded ticks (an untick counts), and falls back to the snapshot's ticks without them.
import { afterEach, describe, expect, it } from 'vitest';
import { ONBOARDING_CHECKLIST } from '../../../shared/checklists.js';
import { evaluateBoard } from '../../../shared/compliance/evaluate.js';
import type { BoardSnapshot } from '../../../shared/types.js';
import { startEmulator, type Emulator } from '../../../server/src/demo/emulator.js';
import { evidenceFromStore } from '../../../server/src/reports/evaluate.js';
import { silentLogger } from '../../../server/src/log.js';
import { scanBoards, type ScanDeps } from '../../../server/src/scan/scan-boards.js';
import { boardView, snapshotOf } from '../../../server/src/store/board-view.js';
import { verifyLedger } from '../../../server/src/store/ledger.js';
import { memoryStore } from '../../../server/src/store/store.js';
import { createTrelloClient } from '../../../server/src/trello/client.js';
import { LimiterRegistry } from '../../../server/src/trello/rate-limiter.js';
import { ledgerOf } from '../store/helpers.js';

const KEY = 'tickkey'.padEnd(32, '0');
const TOKEN = 'ticktoken'.padEnd(64, '0');
const LEAD_TOKEN = 'leadtoken'.padEnd(64, '0');
const BOARD = '6a2000000000000000000b01';
const LIST = '6a2000000000000000000c01';
const SPEC = '6a2000000000000000000a01';
const LEAD = '6a2000000000000000000a02';
const CARD = '6a2000000000000000000d01';
const REPORT = 'İlk rapor gönderildi'; // deadline: 5 working days after Monday 16 Nov → Monday 23 Nov

const profile = (assignedAt: string) => JSON.stringify({ profile: { v: 1, site: 'yeni.com.tr', assignedAt, specialist: SPEC, trainingSlot: '10:00' } });

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function world() {
  const clock = { now: new Date('2026-11-17T06:00:00Z') }; // Tuesday 09:00 Istanbul
  emu = await startEmulator({
    key: KEY,
    token: TOKEN,
    extraTokens: [LEAD_TOKEN],
    tokenMembers: { [TOKEN]: SPEC, [LEAD_TOKEN]: LEAD },
    clock: () => clock.now,
    boards: [
      {
        id: BOARD,
        name: 'Gelişmiş Destek',
        lists: [{ id: LIST, name: 'Müşteriler' }],
        members: [
          { id: SPEC, fullName: 'Elif Yılmaz', username: 'elif' },
          { id: LEAD, fullName: 'Deniz Koç', username: 'deniz' },
        ],
        cards: [
          {
            id: CARD,
            name: 'yeni.com.tr',
            idList: LIST,
            idMembers: [SPEC],
            pluginData: [{ id: '6a2000000000000000000e01', idPlugin: 'nabiz', value: profile('2026-11-16') }],
          },
        ],
        pluginData: [
          { id: '6a2000000000000000000e03', idPlugin: 'nabiz', scope: 'board', value: JSON.stringify({ settings: { v: 1, trackingStart: '2026-10-01' } }) },
        ],
      },
    ],
  });
  const store = await memoryStore();
  const trello = createTrelloClient({
    baseUrl: emu.url,
    key: KEY,
    token: TOKEN,
    clock: () => clock.now,
    limits: { registry: new LimiterRegistry(), rateLimitWaitMs: 50, backoffMs: 5, maxBackoffMs: 40 },
  });
  const deps: ScanDeps = { store, trello, boards: [BOARD], clock: () => clock.now, log: silentLogger, setupChecklists: true };
  return { emu, clock, store, deps };
}

/** Tick or untick an item the way a person does in Trello: the lead's token, the emulator's REST route. */
async function setState(e: Emulator, itemName: string, state: 'complete' | 'incomplete') {
  const cl = e.state.cardChecklists(CARD).find((c) => c.name === ONBOARDING_CHECKLIST)!;
  const item = cl.checkItems.find((i) => i.name === itemName)!;
  const res = await fetch(`${e.url}/1/cards/${CARD}/checkItem/${item.id}?key=${KEY}&token=${LEAD_TOKEN}&state=${state}`, { method: 'PUT' });
  expect(res.status).toBe(200);
  return { checklistId: cl.id, itemId: item.id };
}

const tickRecords = async (w: Awaited<ReturnType<typeof world>>) => (await ledgerOf(w.store)).filter((r) => r.type === 'check-item');
const reportFindings = (snap: BoardSnapshot, now: Date) =>
  evaluateBoard(snap, now).findings.filter((f) => f.rule === 'onboarding' && f.detail.tr.includes(REPORT));

describe('check-item facts', () => {
  it('a tick in Trello reaches the ledger with Trello’s date and author, once (incremental and full scans)', async () => {
    const w = await world();
    await scanBoards(w.deps); // adds the checklists
    w.clock.now = new Date('2026-11-18T08:30:00Z');
    const ids = await setState(w.emu, REPORT, 'complete');
    const trelloAt = w.clock.now.toISOString();
    w.clock.now = new Date('2026-11-18T10:00:00Z'); // the scan notices it later: the record keeps Trello's time
    await scanBoards(w.deps);
    const recs = await tickRecords(w);
    expect(recs).toEqual([
      expect.objectContaining({
        boardId: BOARD,
        cardId: CARD,
        authorId: LEAD,
        postedAt: trelloAt,
        checklistId: ids.checklistId,
        checkItemId: ids.itemId,
        checkItemName: REPORT,
        checkState: 'complete',
        source: 'scan',
        recordedAt: w.clock.now.toISOString(),
      }),
    ]);
    const action = [...w.emu.state.actions.values()].find((a) => a.type === 'updateCheckItemStateOnCard')!;
    expect(recs[0]!.actionId).toBe(action.id);
    // Listed again by the next incremental scan and by a full pass: kept once.
    await scanBoards(w.deps);
    await scanBoards(w.deps, { full: true });
    expect(await tickRecords(w)).toHaveLength(1);
    expect(verifyLedger(await ledgerOf(w.store)).ok).toBe(true);
    // The board view hands it to the rules as a fact with its ledger number.
    const view = (await boardView(w.store, BOARD))!;
    expect(view.snapshot.facts!.filter((f) => f.kind === 'check-item')).toEqual([
      {
        kind: 'check-item',
        cardId: CARD,
        checklistId: ids.checklistId,
        itemId: ids.itemId,
        itemName: REPORT,
        state: 'complete',
        at: trelloAt,
        timeSource: 'trello',
        actionId: action.id,
        by: LEAD,
        seq: recs[0]!.seq,
      },
    ]);
    // The card's evidence report lists the tick beside the other facts: Trello's time, the author's name.
    const report = await evidenceFromStore(w.store, { boardId: BOARD, cardId: CARD, from: '2026-11-16', to: '2026-11-18' }, w.clock.now);
    const row = report.facts.rows.find((f) => f.kind === 'check-item')!;
    expect(row).toMatchObject({ seq: recs[0]!.seq, at: trelloAt, timeSource: 'trello', cardId: CARD });
    expect(row.text).toEqual({ tr: `«${REPORT}» işaretlendi (Deniz Koç)`, en: `«${REPORT}» ticked (Deniz Koç)` });
  });

  it('the onboarding finding uses the recorded tick time, also when the stored snapshot holds no ticks', async () => {
    const w = await world();
    await scanBoards(w.deps);
    // Tuesday 24 Nov 10:00 Istanbul: ticked a day after its deadline (Monday 23 Nov).
    w.clock.now = new Date('2026-11-24T07:00:00Z');
    await setState(w.emu, REPORT, 'complete');
    w.clock.now = new Date('2026-11-26T09:00:00Z');
    await scanBoards(w.deps);
    const stored = (await snapshotOf(w.store, BOARD))!;
    const late = reportFindings(stored, w.clock.now);
    expect(late).toEqual([expect.objectContaining({ status: 'late', period: '2026-11-23', memberId: SPEC, severity: 'info' })]);
    expect(late[0]!.detail.en).toContain('ticked 2026-11-24 10:00'); // Trello's time, Istanbul
    // Only the ledger knows the tick now (the snapshot's copy gone): the same finding, from the fact.
    const bare = { ...stored, cards: stored.cards.map(({ checkTicks: _t, ...c }) => c) };
    expect(reportFindings(bare, w.clock.now)).toEqual(late);
    // A store without the history (no facts): the snapshot's ticks decide, the same way.
    const { facts: _f, factsFrom: _ff, ...noFacts } = stored;
    expect(reportFindings(noFacts, w.clock.now).map((f) => [f.status, f.period, f.detail.en])).toEqual(late.map((f) => [f.status, f.period, f.detail.en]));
    // Judged as of the deadline's next morning, before the tick was made: missing (a tick made later is not seen).
    expect(reportFindings(bare, new Date('2026-11-24T06:00:00Z')).map((f) => f.status)).toEqual(['missing']);
  });

  it('an untick then a tick: each is a fact; the item counts as ticked only from the second tick', async () => {
    const w = await world();
    await scanBoards(w.deps);
    // Ticked on Wednesday 18 Nov, unticked on Friday 20 Nov (before the deadline, Monday 23 Nov), ticked again on Wednesday 25 Nov.
    w.clock.now = new Date('2026-11-18T08:00:00Z');
    await setState(w.emu, REPORT, 'complete');
    await scanBoards(w.deps);
    w.clock.now = new Date('2026-11-20T08:00:00Z');
    await setState(w.emu, REPORT, 'incomplete');
    await scanBoards(w.deps);
    // Between the untick and the re-tick the item is open past its deadline: missing.
    w.clock.now = new Date('2026-11-24T09:00:00Z');
    const open = reportFindings((await snapshotOf(w.store, BOARD))!, w.clock.now);
    expect(open.map((f) => [f.status, f.period])).toEqual([['missing', '2026-11-23']]);
    w.clock.now = new Date('2026-11-25T08:00:00Z');
    await setState(w.emu, REPORT, 'complete');
    w.clock.now = new Date('2026-11-26T09:00:00Z');
    await scanBoards(w.deps);
    expect((await tickRecords(w)).map((r) => [r.checkState, r.postedAt, r.authorId])).toEqual([
      ['complete', '2026-11-18T08:00:00.000Z', LEAD],
      ['incomplete', '2026-11-20T08:00:00.000Z', LEAD],
      ['complete', '2026-11-25T08:00:00.000Z', LEAD],
    ]);
    const late = reportFindings((await snapshotOf(w.store, BOARD))!, w.clock.now);
    expect(late.map((f) => [f.status, f.period])).toEqual([['late', '2026-11-23']]);
    expect(late[0]!.detail.en).toContain('ticked 2026-11-25 11:00');
  });
});
