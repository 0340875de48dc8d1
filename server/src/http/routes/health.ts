// GET /healthz: is the service up? Reads only the store (cheap, no Trello).
// - Public: `{ "ok": true|false }` only — 200 when every tracked board's last scan worked, 503 otherwise. Board
//   ids and Trello error texts are nobody else's business.
// - Detail (GET /healthz?detail=1): the HealthDetail object below, for the same people as the dashboard (a
//   manager's or team lead's Power-Up JWT or dashboard session cookie; a team lead sees only their boards) or a
//   request made on this machine (loopback address, no proxy header). Others get 401/403.
// docs/operations.md ("Access model") has the table.
import type { BoardWebhookStatus } from '../../trello/webhooks.js';
import { Router, type Request } from 'express';
import type { Person } from '../../config.js';
import { canSeeBoard, SESSION_COOKIE, sessionKeys, viewerFor, type Viewer } from '../../reports/access.js';
import type { ScanLog } from '../../store/schema.js';
import type { Store } from '../../store/store.js';
import type { LedgerHealth } from '../../store/open.js';
import { accessPolicy } from '../access-policy.js';
import { HttpError, type AppDeps } from '../deps.js';
import { bearerToken } from '../jwt.js';
import { requestCookies } from '../cookies.js';

export interface BoardHealth {
  boardId: string;
  /** Its most recent scan, with the error when that scan failed. */
  lastScanAt: string | null;
  ok: boolean;
  error?: string;
}

/**
 * The detail. An object of sections, so new facts (webhook state, storage) are added as fields of their
 * section or as new sections without changing the public part.
 */
export interface HealthDetail {
  ok: boolean;
  mode: 'demo' | 'live';
  now: string;
  boardsTracked: number;
  boards: BoardHealth[];
  lastScan: null | {
    at: string;
    kind: 'incremental' | 'full';
    boards: number;
    cards: number;
    findings: number;
    newComments: number;
    requests: number;
    durationMs: number;
  };
  /** Can the store keep data (file present and whole, records not removed, PostgreSQL answering)? */
  store: { ok: boolean; problem?: string };
  /** The evidence chain: records, head, and whether it verified (a broken ledger makes the service unhealthy). */
  ledger: {
    records: number;
    head: string | null;
    state: LedgerHealth['state'] | 'unchecked';
    badSeq?: number;
    reason?: string;
    lost?: LedgerHealth['lost'];
    /** Each witness of the head (file, the store's own record) and whether the ledger matches it. */
    witnesses?: LedgerHealth['witnesses'];
    /** Losses the operator accepted with `serve --accept-reset` (written down in the store). */
    resets?: LedgerHealth['resets'];
    /** Reset records in the store that cannot be read (where and why; their content is not guessed). */
    unreadableResets?: LedgerHealth['unreadableResets'];
  };
  /** Boards with a live webhook (last check), or with a stored webhook id when never checked. */
  webhooks: { registered: number };
  /** Per tracked board: is a live Trello webhook registered? (null: webhooks are not in use on this server). */
  webhookBoards: null | BoardWebhookStatus[];
}

/** Back-compatible name of the detail. */
export type HealthReport = HealthDetail;

const trackedKeys = (deps: Pick<AppDeps, 'store' | 'config'>): string[] =>
  deps.config.NABIZ_BOARDS.length ? deps.config.NABIZ_BOARDS : deps.store.boards.keys();

/** Each tracked board's most recent scan outcome (a refresh may have scanned one board alone since). */
function boardHealth(scans: readonly ScanLog[], keys: string[]): BoardHealth[] {
  return keys.map((boardId) => {
    for (let i = scans.length - 1; i >= 0; i--) {
      const scan = scans[i];
      const b = scan?.boards.find((x) => x.boardId === boardId);
      if (scan && b) return { boardId, lastScanAt: scan.at, ok: b.ok, ...(b.error ? { error: b.error } : {}) };
    }
    return { boardId, lastScanAt: null, ok: false, error: 'not scanned yet' };
  });
}

export async function healthReport(
  deps: Pick<AppDeps, 'store' | 'config' | 'clock'> & Partial<Pick<AppDeps, 'webhookStatus' | 'ledgerHealth' | 'access'>>,
): Promise<HealthDetail> {
  const problem = await deps.store.health().catch((e: unknown) => `the store does not answer: ${e instanceof Error ? e.message : String(e)}`);
  if (problem) return unavailable(deps, problem);
  await deps.store.sync();
  const scans = deps.store.scans.list();
  const chain = await deps.store.ledger.head();
  const lh = deps.ledgerHealth?.();
  const last = scans.at(-1);
  const boards = boardHealth(scans, trackedKeys(deps));
  const hooks = deps.webhookStatus ? deps.webhookStatus() : null;
  const witnessFailed = (lh?.witnesses ?? []).some((w) => w.status === 'missing-records' || w.status === 'mismatch');
  return {
    // A broken evidence chain, or one its witnesses did not see, is never served quietly.
    ok: (boards.length > 0 ? boards.every((b) => b.ok) : !!last) && lh?.state !== 'broken' && !witnessFailed,
    mode: accessPolicy(deps).mode,
    now: deps.clock().toISOString(),
    boardsTracked: boards.length,
    boards,
    lastScan: last
      ? {
          at: last.at,
          kind: last.kind,
          boards: last.boards.length,
          cards: last.boards.reduce((n, b) => n + b.cards, 0),
          findings: last.boards.reduce((n, b) => n + b.findings, 0),
          newComments: last.boards.reduce((n, b) => n + b.newComments, 0),
          requests: last.requests,
          durationMs: last.durationMs,
        }
      : null,
    ledger: {
      records: chain.count,
      head: chain.count ? chain.hash : null,
      state: lh?.state ?? 'unchecked',
      ...(lh?.badSeq !== undefined ? { badSeq: lh.badSeq, reason: lh.reason } : {}),
      ...(lh?.lost ? { lost: lh.lost } : {}),
      ...(lh?.witnesses ? { witnesses: lh.witnesses } : {}),
      ...(lh?.resets ? { resets: lh.resets } : {}),
      ...(lh?.unreadableResets ? { unreadableResets: lh.unreadableResets } : {}),
    },
    store: { ok: true },
    webhooks: { registered: hooks ? hooks.filter((h) => h.live).length : deps.store.boards.list().filter((b) => b.webhookId).length },
    webhookBoards: hooks,
  };
}

/** The detail while the store cannot be used: nothing read from it. */
function unavailable(deps: Pick<AppDeps, 'config' | 'clock'> & Partial<Pick<AppDeps, 'ledgerHealth' | 'access'>>, problem: string): HealthDetail {
  const lh = deps.ledgerHealth?.();
  return {
    ok: false,
    mode: accessPolicy(deps).mode,
    now: deps.clock().toISOString(),
    boardsTracked: deps.config.NABIZ_BOARDS.length,
    boards: [],
    lastScan: null,
    store: { ok: false, problem },
    ledger: { records: lh?.count ?? 0, head: lh?.head ?? null, state: lh?.state ?? 'unchecked' },
    webhooks: { registered: 0 },
    webhookBoards: null,
  };
}

/**
 * What a team lead sees: their boards' figures only. Service-wide totals (every board's cards, findings and
 * requests, the ledger's size and head) are the managers' and the machine's (docs/operations.md "Access model", row 3).
 */
export type TeamHealthDetail = Omit<HealthDetail, 'lastScan' | 'ledger' | 'store'> & {
  scope: 'team';
  lastScan: null | Omit<NonNullable<HealthDetail['lastScan']>, 'requests' | 'durationMs'>;
  ledger: Pick<HealthDetail['ledger'], 'state'>;
  /** Whether the store can keep data; where it is and why not are the managers' and the machine's. */
  store: { ok: boolean };
};

/** The detail narrowed to the boards `mine` accepts, every figure recomputed from those boards alone. */
export function teamHealth(d: HealthDetail, s: Pick<Store, 'scans' | 'boards'>, mine: (boardId: string) => boolean): TeamHealthDetail {
  const boards = d.boards.filter((b) => mine(b.boardId));
  const webhookBoards = d.webhookBoards ? d.webhookBoards.filter((b) => mine(b.boardId)) : null;
  const last = s.scans.last();
  const ran = last ? last.boards.filter((b) => mine(b.boardId)) : [];
  return {
    ok: boards.every((b) => b.ok) && d.ledger.state !== 'broken' && d.store.ok,
    mode: d.mode,
    now: d.now,
    scope: 'team',
    boardsTracked: boards.length,
    boards,
    lastScan:
      last && ran.length > 0
        ? {
            at: last.at,
            kind: last.kind,
            boards: ran.length,
            cards: ran.reduce((n, b) => n + b.cards, 0),
            findings: ran.reduce((n, b) => n + b.findings, 0),
            newComments: ran.reduce((n, b) => n + b.newComments, 0),
          }
        : null,
    ledger: { state: d.ledger.state },
    store: { ok: d.store.ok },
    webhooks: {
      registered: webhookBoards ? webhookBoards.filter((h) => h.live).length : s.boards.keys().filter((k) => mine(k) && s.boards.get(k)?.webhookId).length,
    },
    webhookBoards,
  };
}

/** The public answer: up or down, nothing else. */
export function publicHealth(d: Pick<HealthDetail, 'ok'>): { ok: boolean } {
  return { ok: d.ok };
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** A request from this machine: loopback peer and no proxy header (a local reverse proxy forwards others' requests). */
export function isLocalRequest(req: Request): boolean {
  return LOOPBACK.has(req.socket.remoteAddress ?? '') && !req.headers['x-forwarded-for'] && !req.headers.forwarded && !req.headers['x-real-ip'];
}

export function healthRouter(deps: AppDeps): Router {
  const r = Router();
  const sessions = sessionKeys(deps.config.DASHBOARD_LINK_SECRET);
  const person = (id: string): Person | undefined => deps.config.people.find((p) => p.trelloId === id);

  /** The dashboard's credentials: null = everything (this machine); throws 401/403 otherwise. */
  async function viewerOf(req: Request): Promise<Viewer | null> {
    if (isLocalRequest(req)) return null;
    const bearer = bearerToken(req.headers.authorization);
    let id: string | undefined;
    if (bearer) id = (await deps.verifyJwt(bearer)).idMember;
    else {
      const c = requestCookies(req)[SESSION_COOKIE];
      const v = c ? sessions.verifySession(c, deps.clock()) : null;
      if (v?.ok) id = v.claims.trelloId;
    }
    if (!id) throw new HttpError(401, 'health details: sign in like for the dashboard, or ask from the machine itself');
    const p = person(id);
    if (!p) throw new HttpError(403, 'health details are for configured managers and team leads');
    return viewerFor(p);
  }

  r.get('/healthz', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const report = await healthReport(deps);
    const status = report.ok ? 200 : 503;
    if (req.query.detail === undefined) {
      res.status(status).json(publicHealth(report));
      return;
    }
    const viewer = await viewerOf(req);
    if (viewer) {
      const mine = (boardId: string) => canSeeBoard(viewer, boardId) || canSeeBoard(viewer, deps.store.boards.get(boardId)?.id ?? boardId);
      if (viewer.person.role !== 'manager') {
        const team = teamHealth(report, deps.store, mine);
        res.status(team.ok ? 200 : 503).json(team);
        return;
      }
      // Managers keep the service-wide totals; the board lists show their boards.
      report.boards = report.boards.filter((b) => mine(b.boardId));
      if (report.webhookBoards) report.webhookBoards = report.webhookBoards.filter((b) => mine(b.boardId));
    }
    res.status(status).json(report);
  });
  return r;
}
