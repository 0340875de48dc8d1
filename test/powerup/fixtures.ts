// Board status fixtures shaped like GET /api/boards/:id/status (shared/types BoardStatus).
import type { BoardStatus, CardStatus } from '../../shared/types.js';
import { createStatusClient, type StatusClient } from '../../powerup/src/status-client.js';
import type { ConnectorDeps } from '../../powerup/src/connector-deps.js';

export const CARD = '6921f5800000000000000001';
export const NOW = new Date('2026-11-23T09:00:00Z');

export function cardStatus(over: Partial<CardStatus> = {}): CardStatus {
  return {
    cardId: CARD,
    memberId: 'm1',
    readings: {
      disk: { usedGB: 3.1, totalGB: 4, percent: 77.5, week: '2026-W47', postedAt: '2026-11-20T08:00:00Z', stale: false },
      traffic: { usedGB: 120, totalGB: 200, percent: 60, week: '2026-W47', postedAt: '2026-11-20T08:00:00Z', stale: false },
    },
    lastEntry: { daily: '2026-11-23T07:42:00Z', weekly: '2026-11-20T08:00:00Z' },
    findings: [],
    missing: 0,
    goLive: { deadline: '2026-12-16', daysLeft: 23, live: false },
    ...over,
  };
}

/** The board's own thresholds (settings `thresholds`, high 75 %): the 77,5 % disk above is yellow by them. */
export const BOARD_THRESHOLDS = { high: 75, critical: 95, staleDays: 8 };

export function boardStatus(cards: CardStatus[], thresholds: BoardStatus['thresholds'] | null = BOARD_THRESHOLDS): BoardStatus {
  return {
    boardId: 'b1',
    boardName: 'Gelişmiş Destek',
    generatedAt: NOW.toISOString(),
    lastScanAt: NOW.toISOString(),
    cards: Object.fromEntries(cards.map((c) => [c.cardId, c])),
    ...(thresholds ? { thresholds } : {}),
  };
}

/** A fake server behind the real status client: counts requests, can be down. */
export function fakeServer(status: BoardStatus | null) {
  const server = { requests: 0, refreshes: 0, down: status === null, status, auth: [] as string[] };
  let clock = NOW.getTime();
  const client: StatusClient = createStatusClient({
    baseUrl: 'http://nabiz.test',
    now: () => clock,
    fetch: async (url, init) => {
      if (url.endsWith('/refresh')) {
        server.refreshes++;
        return { ok: true, status: 200, json: async () => ({}) };
      }
      server.requests++;
      server.auth.push(init.headers.Authorization ?? '');
      if (server.down) throw new TypeError('fetch failed');
      return { ok: true, status: 200, json: async () => server.status };
    },
  });
  const deps: ConnectorDeps = { status: client, now: () => new Date(clock), baseUrl: 'http://nabiz.test' };
  return { server, client, deps, advance: (ms: number) => void (clock += ms) };
}
