// The two Nabız checklists through the emulator, the real scanner and the store (docs/rules.md "Checklists"):
// a newly set-up card gets "Nabız: karşılama" and "Nabız: canlıya geçiş" through the REST client; ticks made in
// Trello are read back as facts (time, author) across incremental scans; an item not ticked by its deadline is an
// `onboarding` finding for whoever answered for the card that day, a late tick an info finding.
import { afterEach, describe, expect, it } from 'vitest';
import { GOLIVE_CHECKLIST, GOLIVE_STEPS, ONBOARDING_CHECKLIST, ONBOARDING_ITEMS } from '../../../shared/checklists.js';
import { startEmulator, type Emulator } from '../../../server/src/demo/emulator.js';
import { silentLogger } from '../../../server/src/log.js';
import { scanBoards, type ScanDeps } from '../../../server/src/scan/scan-boards.js';
import { memoryStore } from '../../../server/src/store/store.js';
import { createTrelloClient } from '../../../server/src/trello/client.js';
import { LimiterRegistry } from '../../../server/src/trello/rate-limiter.js';

const KEY = 'checkkey'.padEnd(32, '0');
const TOKEN = 'checktoken'.padEnd(64, '0');
const LEAD_TOKEN = 'leadtoken'.padEnd(64, '0');
const BOARD = '6a1000000000000000000b01';
const LIST = '6a1000000000000000000c01';
const SPEC = '6a1000000000000000000a01';
const LEAD = '6a1000000000000000000a02';
const CARD = '6a1000000000000000000d01';
const OLD_CARD = '6a1000000000000000000d02';

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
          // Set up yesterday (Monday 16 Nov): gets the checklists.
          {
            id: CARD,
            name: 'yeni.com.tr',
            idList: LIST,
            idMembers: [SPEC],
            pluginData: [{ id: '6a1000000000000000000e01', idPlugin: 'nabiz', value: profile('2026-11-16') }],
          },
          // Assigned in October: an old customer gets none.
          {
            id: OLD_CARD,
            name: 'eski.com.tr',
            idList: LIST,
            idMembers: [SPEC],
            pluginData: [{ id: '6a1000000000000000000e02', idPlugin: 'nabiz', value: profile('2026-10-01') }],
          },
        ],
        pluginData: [
          { id: '6a1000000000000000000e03', idPlugin: 'nabiz', scope: 'board', value: JSON.stringify({ settings: { v: 1, trackingStart: '2026-10-01' } }) },
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

/** Tick an item the way a person does in Trello: the lead's token, the emulator's REST route. */
async function tick(e: Emulator, itemName: string) {
  const cl = e.state.cardChecklists(CARD).find((c) => c.name === ONBOARDING_CHECKLIST)!;
  const item = cl.checkItems.find((i) => i.name === itemName)!;
  const res = await fetch(`${e.url}/1/cards/${CARD}/checkItem/${item.id}?key=${KEY}&token=${LEAD_TOKEN}&state=complete`, { method: 'PUT' });
  expect(res.status).toBe(200);
}

describe('Nabız checklists', () => {
  it('adds both checklists once to a newly set-up card, through the REST API', async () => {
    const w = await world();
    const r = await scanBoards(w.deps);
    expect(r.boards[0]).toMatchObject({ ok: true, checklistsCreated: 2 });
    const lists = w.emu.state.cardChecklists(CARD);
    expect(lists.map((c) => c.name)).toEqual([ONBOARDING_CHECKLIST, GOLIVE_CHECKLIST]);
    expect(lists[0]!.checkItems.map((i) => i.name)).toEqual(ONBOARDING_ITEMS.map((i) => i.name));
    expect(lists[1]!.checkItems).toHaveLength(24);
    expect(lists[1]!.checkItems.map((i) => i.name)).toEqual(GOLIVE_STEPS);
    expect(w.emu.state.cardChecklists(OLD_CARD)).toEqual([]);
    // Trello recorded who added them.
    const added = [...w.emu.state.actions.values()].filter((a) => a.type === 'addChecklistToCard');
    expect(added).toHaveLength(2);
    // The stored snapshot already holds them; a second scan adds nothing.
    expect((w.store.snapshots.get(BOARD) as any).cards.find((c: any) => c.id === CARD).checklists).toHaveLength(2);
    const again = await scanBoards(w.deps);
    expect(again.boards[0]!.checklistsCreated).toBe(0);
    expect(w.emu.state.cardChecklists(CARD)).toHaveLength(2);
  });

  it('judges each item by its deadline from the tick facts: on time, late, never', async () => {
    const w = await world();
    await scanBoards(w.deps);
    // Tuesday 17 Nov 11:00 Istanbul: the slot is agreed (deadline: the next working day, 17 Nov).
    w.clock.now = new Date('2026-11-17T08:00:00Z');
    await tick(w.emu, 'Eğitim saati belirlendi veya havuz sistemi anlatıldı');
    await scanBoards(w.deps); // incremental: the tick is listed once and kept afterwards
    // Tuesday 24 Nov: the first report (deadline Monday 23 Nov) is ticked a day late.
    w.clock.now = new Date('2026-11-24T07:00:00Z');
    await tick(w.emu, 'İlk rapor gönderildi');
    w.clock.now = new Date('2026-11-26T09:00:00Z');
    const r = await scanBoards(w.deps);
    const found = r.boards[0]!.result!.findings.filter((f) => f.rule === 'onboarding' && f.cardId === CARD);
    const by = Object.fromEntries(found.map((f) => [f.detail.tr.match(/"([^"]+)" (son|geç)/)![1], f]));
    expect(Object.keys(by).sort()).toEqual(['Hoş geldin maili gönderildi', 'KVKK ve sözleşmeler kontrol edildi', 'İlk rapor gönderildi'].sort());
    expect(by['Hoş geldin maili gönderildi']).toMatchObject({ status: 'missing', period: '2026-11-18', memberId: SPEC, severity: 'warning' });
    expect(by['KVKK ve sözleşmeler kontrol edildi']).toMatchObject({ status: 'missing', period: '2026-11-23', memberId: SPEC });
    expect(by['İlk rapor gönderildi']).toMatchObject({ status: 'late', period: '2026-11-23', severity: 'info' });
    expect(by['İlk rapor gönderildi']!.detail.en).toContain('ticked late');
    // The ticks are on record in the stored snapshot with their time and author.
    const ticks = (w.store.snapshots.get(BOARD) as any).cards.find((c: any) => c.id === CARD).checkTicks;
    expect(ticks.map((t: any) => [t.itemName, t.memberId, t.at])).toEqual([
      ['Eğitim saati belirlendi veya havuz sistemi anlatıldı', LEAD, '2026-11-17T08:00:00.000Z'],
      ['İlk rapor gönderildi', LEAD, '2026-11-24T07:00:00.000Z'],
    ]);
    // A full pass re-lists every tick and judges the same (nothing changed since this morning's judge: its result is
    // read from the rows, as `scan --json` asks for it).
    const full = await scanBoards(w.deps, { full: true, results: true });
    expect(full.boards[0]!.result!.findings.filter((f) => f.rule === 'onboarding')).toEqual(found);
  });
});
