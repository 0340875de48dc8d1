// A small deterministic Trello world inside the emulator, for scan/webhook/fault tests.
import { ledgerOf } from '../store/helpers.js';
import { startEmulator, type Emulator } from '../../../server/src/demo/emulator.js';
import { createTrelloClient, type TrelloLimits } from '../../../server/src/trello/client.js';
import { LimiterRegistry } from '../../../server/src/trello/rate-limiter.js';
import { memoryStore, type Store } from '../../../server/src/store/store.js';
import { silentLogger } from '../../../server/src/log.js';
import type { ScanDeps } from '../../../server/src/scan/scan-boards.js';

export const KEY = 'testkey0000000000000000000000000';
export const TOKEN = 'testtoken'.padEnd(64, '0');
export const NOW = new Date('2026-11-23T15:00:00Z');
const DAY = 86_400_000;

const hex = (n: number, len = 24) => n.toString(16).padStart(len, '0');

export interface WorldOptions {
  boards?: number;
  cards?: number;
  days?: number;
  /** Comments per card per day. */
  perDay?: number;
  clock?: () => Date;
}

/** Boards with one specialist each, N customers with profiles, and D days of typed entries. */
export function worldBoards(o: WorldOptions = {}) {
  const nBoards = o.boards ?? 2;
  const nCards = o.cards ?? 3;
  const days = o.days ?? 20;
  const boards = [];
  const comments: Array<{ cardId: string; memberId: string; text: string; at: Date }> = [];
  for (let b = 0; b < nBoards; b++) {
    const boardId = '6a00000000000000000b' + hex(b, 4);
    const memberId = '6a00000000000000000a' + hex(b, 4);
    const listId = '6a00000000000000000c' + hex(b, 4);
    const cards = [];
    for (let c = 0; c < nCards; c++) {
      const cardId = '6a0000000000000000' + hex(b, 2) + hex(c, 4);
      cards.push({
        id: cardId,
        name: `musteri${b}-${c}.com.tr`,
        idList: listId,
        closed: false,
        idMembers: [memberId],
        pluginData: [
          {
            id: '6a00000000000000000d' + hex(b * 100 + c, 4),
            idPlugin: 'nabiz',
            scope: 'card',
            idModel: cardId,
            access: 'shared',
            value: JSON.stringify({
              profile: {
                v: 1,
                site: `musteri${b}-${c}.com.tr`,
                assignedAt: isoDay(NOW.getTime() - (days + 5) * DAY),
                pool: c === 0,
                trainingSlot: c === 0 ? undefined : `1${c}:00`,
              },
            }),
          },
        ],
      });
      for (let d = days; d >= 1; d--) {
        const at = new Date(NOW.getTime() - d * DAY + 3_600_000 * (c % 5));
        const dow = new Date(at.getTime() + 3 * 3_600_000).getUTCDay();
        if (dow === 0 || dow === 6) continue;
        // Card c skips every (c+3)rd day: a designed mix of present and missing dailies.
        if (d % (c + 3) === 0) continue;
        for (let k = 0; k < (o.perDay ?? 1); k++) {
          const text =
            dow === 5 && k === 0 ? `#günlük #haftalık kontrol edildi\nDisk: ${2 + c},1 / 10 GB\nTrafik: 12 / 100 GB` : `#gunluk site kontrol ${d}/${k}`;
          comments.push({ cardId, memberId, text, at: new Date(at.getTime() + k * 60_000) });
        }
      }
    }
    boards.push({
      id: boardId,
      name: `Uzman ${b} — müşteriler`,
      lists: [{ id: listId, name: 'Müşteriler', closed: false }],
      cards,
      members: [{ id: memberId, fullName: `Uzman ${b}`, username: `uzman${b}` }],
      memberships: [{ idMember: memberId, memberType: 'normal' }],
      actions: [],
      pluginData: [],
    });
  }
  return { boards, comments };
}

function isoDay(ms: number): string {
  return new Date(ms + 3 * 3_600_000).toISOString().slice(0, 10);
}

/** A token belonging to a specialist (only a comment's author may edit or delete it). */
export const authorToken = (memberId: string) => ('author' + memberId).padEnd(64, '0');

export interface World {
  emu: Emulator;
  boardIds: string[];
  store: Store;
  deps: ScanDeps;
  /** comment ids in creation order */
  commentIds: string[];
  clock: { now: Date };
  close(): Promise<void>;
}

export async function startWorld(o: WorldOptions & { limits?: TrelloLimits; appSecret?: string } = {}): Promise<World> {
  const clock = { now: new Date(NOW) };
  const { boards, comments } = worldBoards(o);
  const authors = boards.map((b) => b.members[0]!.id);
  const emu = await startEmulator({
    key: KEY,
    token: TOKEN,
    boards,
    clock: () => clock.now,
    extraTokens: authors.map(authorToken),
    tokenMembers: Object.fromEntries(authors.map((m) => [authorToken(m), m])),
    ...(o.appSecret ? { appSecret: o.appSecret } : {}),
  });
  const commentIds = comments.map((c) => emu.state.addComment(c.cardId, c.memberId, c.text, c.at).id);
  const store = await memoryStore();
  const trello = createTrelloClient({
    baseUrl: emu.url,
    key: KEY,
    token: TOKEN,
    clock: () => clock.now,
    limits: { registry: new LimiterRegistry(), rateLimitWaitMs: 50, backoffMs: 5, maxBackoffMs: 40, ...o.limits },
  });
  const deps: ScanDeps = { store, trello, boards: boards.map((b) => b.id), clock: () => clock.now, log: silentLogger };
  return { emu, boardIds: deps.boards, store, deps, commentIds, clock, close: () => emu.close() };
}

/** Ledger facts without the per-run fields (recordedAt, hashes): equal for equal histories. */
export async function ledgerFacts(store: Store) {
  return (await ledgerOf(store)).map(({ recordedAt: _r, hash: _h, prevHash: _p, ...rest }) => rest);
}
