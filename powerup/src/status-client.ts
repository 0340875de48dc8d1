// One GET /api/boards/:id/status per board per refresh (docs/powerup.md): every card's badges share the cached answer
// and any request already in flight. A failure is cached too (shorter), so 300 cards never make 300 requests.
import type { BoardStatus } from '../../shared/types.js';
import type { PowerUpT } from './t.js';
import { errorMessage } from './errors.js';
import { isRecord } from '../../shared/guards.js';

export interface StatusClientDeps {
  /** Origin serving /api (the connector's own origin in Trello and in the demo). */
  baseUrl: string;
  fetch: (
    url: string,
    init: { method?: string; headers: Record<string, string>; cache?: 'no-store' },
  ) => Promise<{ ok: boolean; status: number; json(): Promise<unknown>; headers?: { get(name: string): string | null } }>;
  /** ms clock (edge: the browser's time). */
  now: () => number;
  /** Cache lifetime of a good answer; ≥ 60 s (docs/operations.md). */
  ttlMs?: number;
  /** Cache lifetime of a failure (server unreachable): badges show `?` meanwhile. */
  failTtlMs?: number;
}

export interface StatusResult {
  status: BoardStatus | null;
  /** When the answer was fetched (ms). */
  fetchedAt: number;
  /** Why status is null: 'unreachable', 'http 401', 'http 503 jwt-keys-unavailable', … */
  error?: string;
  /** The answer's ETag ('' = none), sent back as If-None-Match. */
  etag?: string | null | undefined;
}

export interface StatusClient {
  /** Cached board status; refetches when older than the TTL or than `notBefore` (a form just posted). */
  get(t: Pick<PowerUpT, 'getContext' | 'jwt'>, opts?: { notBefore?: number }): Promise<StatusResult>;
  /** Ask the server to scan now (after posting an entry), then drop the cache. */
  refresh(t: Pick<PowerUpT, 'getContext' | 'jwt'>): Promise<boolean>;
  /** How many status requests were sent (tests, diagnostics). */
  readonly requests: number;
}

function isBoardStatus(v: unknown): v is BoardStatus {
  return isRecord(v) && typeof v.boardId === 'string' && typeof v.cards === 'object';
}

export function createStatusClient(deps: StatusClientDeps): StatusClient {
  const ttl = Math.max(60_000, deps.ttlMs ?? 60_000);
  const failTtl = deps.failTtlMs ?? 15_000;
  const cache = new Map<string, StatusResult>();
  const inflight = new Map<string, Promise<StatusResult>>();
  let requests = 0;

  const token = async (t: Pick<PowerUpT, 'jwt'>): Promise<string> => String(await t.jwt({}));

  async function fetchStatus(t: Pick<PowerUpT, 'getContext' | 'jwt'>, board: string): Promise<StatusResult> {
    requests++;
    try {
      // The last good answer's ETag, revalidated with If-None-Match (304 = unchanged, no body).
      const known = cache.get(board);
      const res = await deps.fetch(`${deps.baseUrl}/api/boards/${encodeURIComponent(board)}/status`, {
        headers: { Authorization: `Bearer ${await token(t)}`, Accept: 'application/json', ...(known?.etag ? { 'If-None-Match': known.etag } : {}) },
        cache: 'no-store',
      });
      if (res.status === 304 && known?.etag) return { ...known, fetchedAt: deps.now() };
      if (!res.ok) {
        // The server may name the reason (`code`, e.g. jwt-keys-unavailable): pages show their own text for it.
        const body = await res.json().catch(() => null);
        const code = isRecord(body) && typeof body.code === 'string' ? body.code : '';
        return { status: null, fetchedAt: deps.now(), error: `http ${res.status}${code ? ` ${code}` : ''}` };
      }
      const body = await res.json();
      if (!isBoardStatus(body)) return { status: null, fetchedAt: deps.now(), error: 'bad response' };
      return { status: body, fetchedAt: deps.now(), etag: res.headers?.get('etag') };
    } catch (e) {
      return { status: null, fetchedAt: deps.now(), error: `unreachable: ${errorMessage(e)}` };
    }
  }

  return {
    get requests() {
      return requests;
    },
    async get(t, opts = {}) {
      const board = t.getContext().board;
      const hit = cache.get(board);
      const now = deps.now();
      const fresh = hit && now - hit.fetchedAt < (hit.status ? ttl : failTtl) && hit.fetchedAt >= (opts.notBefore ?? 0);
      if (hit && fresh) return hit;
      let p = inflight.get(board);
      if (!p) {
        p = fetchStatus(t, board).then((r) => {
          cache.set(board, r);
          inflight.delete(board);
          return r;
        });
        inflight.set(board, p);
      }
      return p;
    },
    async refresh(t) {
      const board = t.getContext().board;
      try {
        const res = await deps.fetch(`${deps.baseUrl}/api/boards/${encodeURIComponent(board)}/refresh`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${await token(t)}` },
        });
        cache.delete(board);
        return res.ok;
      } catch {
        return false;
      }
    },
  };
}
