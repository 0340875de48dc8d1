// /api — what the Power-Up asks the server (docs/powerup.md, docs/operations.md). Every call carries t.jwt(); one status request per
// board per refresh feeds every badge on the board (never one per card).
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { Router, type Request, type Response } from 'express';
import type { BoardStatus } from '../../../../shared/types.js';
import { evaluateOptions } from '../../scan/scan-boards.js';
import { addDays, dateKey, isoWeekday, publicHoliday } from '../../../../shared/calendar.js';
import { trackedBoardKey } from '../../store/board-ids.js';
import { storedBoardStatus } from '../../store/status-rows.js';
import { HttpError, type AppDeps, type PowerUpClaims } from '../deps.js';
import { bearerToken } from '../jwt.js';

async function authorize(deps: AppDeps, req: Request, boardId: string): Promise<PowerUpClaims> {
  const claims = await deps.verifyJwt(bearerToken(req.get('authorization')));
  // A token is bound to the board Trello issued it on: it cannot read another tracked board.
  if (claims.idBoard !== boardId) throw new HttpError(403, 'token was issued for another board');
  return claims;
}

/**
 * Additive to BoardStatus: is today an Istanbul working day for training slots (Mon–Fri, no public holiday, R1–R4)?
 * The holiday table (date-holidays) is too big for the Power-Up bundle, so "Bugünkü program" reads it from here.
 */
export interface DayInfo {
  date: string;
  weekend: boolean;
  holiday: { tr: string; en: string } | null;
  nextWorkingDay: string;
}

/** At most one Power-Up–triggered scan per board per minute. */
export const REFRESH_MIN_MS = 60_000;

export function dayInfo(date: string): DayInfo {
  const off = (d: string) => isoWeekday(d) > 5 || publicHoliday(d) !== null;
  let next = addDays(date, 1);
  for (let i = 0; i < 30 && off(next); i++) next = addDays(next, 1);
  return { date, weekend: isoWeekday(date) > 5, holiday: publicHoliday(date), nextWorkingDay: next };
}

/** One status response body, serialised once and compressed at most once per encoding (per board version). */
interface StatusBody {
  etag: string;
  raw: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

export function statusBody(value: unknown): StatusBody {
  const raw = Buffer.from(JSON.stringify(value));
  return { etag: `"${createHash('sha1').update(raw).digest('base64url')}"`, raw };
}

/**
 * Sends a cached body: 304 when the client already holds it (If-None-Match), else brotli or gzip as the client
 * offers, compressed on first use and kept (the compression middleware leaves an encoded body alone).
 */
export function sendStatusBody(req: Request, res: Response, b: StatusBody): void {
  res.setHeader('ETag', b.etag);
  res.setHeader('Vary', 'Accept-Encoding');
  const inm = req.get('if-none-match');
  if (inm?.split(',').some((t) => t.trim().replace(/^W\//, '') === b.etag)) {
    res.status(304).end();
    return;
  }
  res.type('application/json; charset=utf-8');
  const enc = req.acceptsEncodings('br', 'gzip', 'identity');
  let out = b.raw;
  if (enc === 'br') {
    out = b.br ??= brotliCompressSync(b.raw, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } });
    res.setHeader('Content-Encoding', 'br');
  } else if (enc === 'gzip') {
    out = b.gzip ??= gzipSync(b.raw);
    res.setHeader('Content-Encoding', 'gzip');
  }
  res.setHeader('Content-Length', String(out.length));
  res.end(out);
}

/** One board's status as the badges show it, with its serialised/compressed bodies per viewer kind. */
export interface StatusEntry {
  key: string;
  status: BoardStatus;
  bodies: Map<boolean, StatusBody>;
}

/** The board statuses shared by the status API and every route that must judge "as the badge says" (nudges). */
export interface StatusCache {
  /** The board's status at `now` (stored state key, not the Trello id), or null when never scanned and evaluated. */
  entry(boardKey: string, now: Date): Promise<StatusEntry | null>;
}

/**
 * A status only changes when the board is judged again, or when the Istanbul day turns (countdowns). On a miss it
 * is read from the verdict rows; the snapshot's comments are read from the ledger only when the rows cannot answer.
 */
export function statusCache(deps: Pick<AppDeps, 'store' | 'config'>): StatusCache {
  const cache = new Map<string, StatusEntry>();
  return {
    async entry(boardKey, now) {
      const stored = deps.store.evaluations.get(boardKey);
      const lastScanAt = deps.store.boards.get(boardKey)?.lastScanAt ?? null;
      if (!stored || !deps.store.snapshots.has(boardKey)) return null;
      const key = `${stored.evaluatedAt}|${lastScanAt ?? ''}|${dateKey(now)}`;
      const hit = cache.get(boardKey);
      if (hit && hit.key === key) return hit;
      // From the verdict rows; the whole board only when the rows cannot answer (store/status-rows.ts).
      const status = await storedBoardStatus(deps.store, boardKey, now, evaluateOptions(deps.config.people));
      if (!status) return null;
      const entry: StatusEntry = { key, status, bodies: new Map() };
      cache.set(boardKey, entry);
      return entry;
    },
  };
}

export function apiRouter(deps: AppDeps, statuses: StatusCache = statusCache(deps)): Router {
  const r = Router();
  /** Per board: when the last refresh scan started and its completion (shared by every caller in the minute). */
  const refreshes = new Map<string, { startedAt: number; done: Promise<unknown> }>();
  const minMs = deps.refreshMinMs ?? REFRESH_MIN_MS;

  r.get('/api/boards/:id/status', async (req, res) => {
    const claims = await authorize(deps, req, req.params.id);
    await deps.store.sync();
    // The store is keyed by the NABIZ_BOARDS entry, which may be the board's short link (the URL has the Trello id).
    const boardId = trackedBoardKey(deps.config.NABIZ_BOARDS, deps.store.boards, req.params.id) ?? req.params.id;
    const now = deps.clock();
    const hit = await statuses.entry(boardId, now);
    if (!hit) throw new HttpError(404, 'board has not been scanned yet');
    // The connector caches (≥ 60 s) and must refetch right after a form posts: never let the HTTP cache answer;
    // it revalidates with If-None-Match itself (powerup/src/status-client.ts).
    res.setHeader('Cache-Control', 'no-store');
    // The Power-Up shows "Yönetici paneli" only to configured managers and team leads: one body per viewer kind.
    const dashboard = deps.config.people.some((p) => p.trelloId === claims.idMember);
    let body = hit.bodies.get(dashboard);
    if (!body) {
      body = statusBody({ ...hit.status, today: dayInfo(dateKey(now)), viewer: { dashboard } });
      hit.bodies.set(dashboard, body);
    }
    sendStatusBody(req, res, body);
  });

  // After a form posted an entry: scan now so the badge reflects it (the connector then refetches status).
  // Every board shares the token's Trello rate limit, so: only the board in the JWT, only for a member of that
  // board, at most one scan per board per REFRESH_MIN_MS — a later call waits for the running scan or gets the
  // last one's answer (webhooks and the schedule catch up on anything newer).
  r.post('/api/boards/:id/refresh', async (req, res) => {
    const claims = await authorize(deps, req, req.params.id);
    const key = trackedBoardKey(deps.config.NABIZ_BOARDS, deps.store.boards, req.params.id) ?? req.params.id;
    const members = deps.store.snapshots.get(key)?.members;
    if (!members) throw new HttpError(404, 'board has not been scanned yet');
    if (!members.some((m) => m.id === claims.idMember)) throw new HttpError(403, 'only members of this board may ask for a scan');
    res.setHeader('Cache-Control', 'no-store');
    if (!deps.requestScan) {
      res.status(202).json({ scanned: false });
      return;
    }
    const now = deps.clock().getTime();
    let slot = refreshes.get(key);
    const fresh = !slot || now - slot.startedAt >= minMs;
    if (!slot || fresh) {
      const scan = deps.requestScan;
      slot = {
        startedAt: now,
        done: scan(key).catch((e: unknown) => deps.log.warn(`refresh: scan of board ${key} failed: ${e instanceof Error ? e.message : String(e)}`)),
      };
      refreshes.set(key, slot);
    }
    await slot.done;
    const retryAfter = Math.max(1, Math.ceil((slot.startedAt + minMs - deps.clock().getTime()) / 1000));
    res.setHeader('Retry-After', String(retryAfter));
    res.json({ scanned: fresh, shared: !fresh, lastScanAt: deps.store.boards.get(key)?.lastScanAt ?? null, nextScanInSeconds: retryAfter });
  });

  return r;
}
