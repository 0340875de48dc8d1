// GET /healthz: is the service up and did the last scan work? Reads only the store (cheap, no Trello).
// 200 when the last scan completed for every board, 503 otherwise (no scan yet, a board failed, or the evidence
// chain failed its check at start: a broken ledger is never served quietly).
import { Router } from 'express';
import type { LedgerHealth } from '../../store/open.js';
import type { AppDeps } from '../deps.js';

export interface HealthReport {
  ok: boolean;
  mode: 'demo' | 'live';
  now: string;
  boardsTracked: number;
  lastScan: null | {
    at: string;
    kind: 'incremental' | 'full';
    boards: number;
    boardsFailed: Array<{ boardId: string; error?: string }>;
    cards: number;
    findings: number;
    newComments: number;
    requests: number;
    durationMs: number;
  };
  /** The evidence chain: records, head, and whether it verified (a broken ledger makes the service unhealthy). */
  ledger: { records: number; head: string; state: LedgerHealth['state'] | 'unchecked'; badSeq?: number; reason?: string; lost?: LedgerHealth['lost'] };
  /** Boards with a live webhook (last check), or with a stored webhook id when never checked. */
  webhooks: number;
  /** Per tracked board: is a live Trello webhook registered? (null: webhooks are not in use on this server). */
  webhookBoards: null | Array<{ boardId: string; live: boolean; webhookId?: string; checkedAt: string; error?: string }>;
}

export async function healthReport(deps: Pick<AppDeps, 'store' | 'config' | 'clock' | 'ledgerHealth'> & Partial<Pick<AppDeps, 'webhookStatus'>>): Promise<HealthReport> {
  await deps.store.sync();
  const s = deps.store.data;
  const head = await deps.store.ledger.head();
  const lh = deps.ledgerHealth?.();
  const last = s.scans[s.scans.length - 1];
  const failed = last ? last.boards.filter((b) => !b.ok) : [];
  const hooks = deps.webhookStatus ? deps.webhookStatus() : null;
  return {
    ok: !!last && failed.length === 0 && lh?.state !== 'broken',
    mode: deps.config.demo ? 'demo' : 'live',
    now: deps.clock().toISOString(),
    boardsTracked: deps.config.NABIZ_BOARDS.length,
    lastScan: last
      ? {
          at: last.at,
          kind: last.kind,
          boards: last.boards.length,
          boardsFailed: failed.map((b) => ({ boardId: b.boardId, ...(b.error ? { error: b.error } : {}) })),
          cards: last.boards.reduce((n, b) => n + b.cards, 0),
          findings: last.boards.reduce((n, b) => n + b.findings, 0),
          newComments: last.boards.reduce((n, b) => n + b.newComments, 0),
          requests: last.requests,
          durationMs: last.durationMs,
        }
      : null,
    ledger: {
      records: head.count,
      head: head.hash,
      state: lh?.state ?? 'unchecked',
      ...(lh?.badSeq !== undefined ? { badSeq: lh.badSeq, reason: lh.reason } : {}),
      ...(lh?.lost ? { lost: lh.lost } : {}),
    },
    webhooks: hooks ? hooks.filter((h) => h.live).length : Object.values(s.boards).filter((b) => b.webhookId).length,
    webhookBoards: hooks,
  };
}

export function healthRouter(deps: AppDeps): Router {
  const r = Router();
  r.get('/healthz', async (_req, res) => {
    const report = await healthReport(deps);
    res.status(report.ok ? 200 : 503).json(report);
  });
  return r;
}
