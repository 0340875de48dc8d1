// The month-end review world (R17): an emulated board with two specialists and a team lead in NABIZ_PEOPLE, a store
// of the caller's choice, the real scanner. Shared by the scan test and the PostgreSQL round-trip test.
import { expect } from 'vitest';
import { startEmulator, type Emulator } from '../../../server/src/demo/emulator.js';
import { silentLogger } from '../../../server/src/log.js';
import type { ScanDeps } from '../../../server/src/scan/scan-boards.js';
import { memoryStore, type Store } from '../../../server/src/store/store.js';
import { createTrelloClient } from '../../../server/src/trello/client.js';
import { LimiterRegistry } from '../../../server/src/trello/rate-limiter.js';
import { LEAD_CARD_NAME } from '../../../shared/month-review.js';

export const KEY = 'reviewkey'.padEnd(32, '0');
export const TOKEN = 'reviewtoken'.padEnd(64, '0');
export const LEAD_TOKEN = 'leadtoken'.padEnd(64, '0');
export const OTHER_TOKEN = 'othertoken'.padEnd(64, '0');
export const BOARD = '6a1100000000000000000b01';
export const LIST = '6a1100000000000000000c01';
export const ELIF = '6a1100000000000000000a01';
export const MERT = '6a1100000000000000000a02';
export const CAN = '6a1100000000000000000a03';
export const LEAD = '6a1100000000000000000a09';
export const NABIZ = '6a1100000000000000000a0f';

export const profile = (specialist: string, assignedAt: string) =>
  JSON.stringify({ profile: { v: 1, site: `${specialist.slice(-2)}.com.tr`, assignedAt, specialist, trainingSlot: '10:00' } });

export async function world(store?: Store) {
  const clock = { now: new Date('2026-11-02T06:00:00Z') }; // Monday 09:00 Istanbul
  const emu = await startEmulator({
    key: KEY,
    token: TOKEN,
    extraTokens: [LEAD_TOKEN, OTHER_TOKEN],
    tokenMembers: { [TOKEN]: NABIZ, [LEAD_TOKEN]: LEAD, [OTHER_TOKEN]: MERT },
    clock: () => clock.now,
    boards: [
      {
        id: BOARD,
        name: 'Gelişmiş Destek',
        lists: [{ id: LIST, name: 'Müşteriler' }],
        members: [
          { id: ELIF, fullName: 'Elif Yılmaz', username: 'elif' },
          { id: MERT, fullName: 'Mert Aksoy', username: 'mert' },
          { id: CAN, fullName: 'Can Er', username: 'can' },
          { id: LEAD, fullName: 'Deniz Koç', username: 'deniz' },
          { id: NABIZ, fullName: 'Nabız', username: 'nabiz' },
        ],
        cards: [
          {
            id: '6a1100000000000000000d01',
            name: 'elif.com.tr',
            idList: LIST,
            idMembers: [ELIF],
            pluginData: [{ id: '6a1100000000000000000e01', idPlugin: 'nabiz', value: profile(ELIF, '2026-10-01') }],
          },
          {
            id: '6a1100000000000000000d02',
            name: 'mert.com.tr',
            idList: LIST,
            idMembers: [MERT],
            pluginData: [{ id: '6a1100000000000000000e02', idPlugin: 'nabiz', value: profile(MERT, '2026-10-01') }],
          },
        ],
        pluginData: [
          { id: '6a1100000000000000000e03', idPlugin: 'nabiz', scope: 'board', value: JSON.stringify({ settings: { v: 1, trackingStart: '2026-10-01' } }) },
        ],
      },
    ],
  });
  const trello = createTrelloClient({
    baseUrl: emu.url,
    key: KEY,
    token: TOKEN,
    clock: () => clock.now,
    limits: { registry: new LimiterRegistry(), rateLimitWaitMs: 50, backoffMs: 5, maxBackoffMs: 40 },
  });
  const people = [
    { name: 'Deniz Koç', trelloId: LEAD, role: 'teamLead' as const, email: 'deniz@ornek.com' },
    { name: 'Yönetici', trelloId: '6a1100000000000000000a0a', role: 'manager' as const },
  ];
  const deps: ScanDeps = {
    store: store ?? (await memoryStore()),
    trello,
    boards: [BOARD],
    clock: () => clock.now,
    log: silentLogger,
    setupChecklists: true,
    people,
  };
  return { emu, clock, store: deps.store, deps, people };
}

export const leadCard = (e: Emulator) => [...e.state.cards.values()].find((c) => c.idBoard === BOARD && c.name === LEAD_CARD_NAME);

/** Tick an item as a person does in Trello: their token, the emulator's REST route. */
export async function tick(e: Emulator, token: string, username: string, state: 'complete' | 'incomplete' = 'complete') {
  const card = leadCard(e)!;
  const item = e.state
    .cardChecklists(card.id)
    .flatMap((c) => c.checkItems)
    .find((i) => i.name.endsWith(`(@${username})`))!;
  const res = await fetch(`${e.url}/1/cards/${card.id}/checkItem/${item.id}?key=${KEY}&token=${token}&state=${state}`, { method: 'PUT' });
  expect(res.status).toBe(200);
}
