// Power-Up → server authentication: t.jwt() tokens (RS256, iss "trello", idPlugin, idBoard, idMember, ~15 min).
// docs/trello.md §5, docs/operations.md. The keys come at runtime from the same Trello base as the REST API
// (TRELLO_API_URL + /1/resource/jwt-public-keys), cached: api.trello.com in production, the emulator in the demo
// and the end-to-end tests; unit tests hand the verifier keys directly.
import { createPublicKey, type JsonWebKey as NodeJwk, type KeyObject } from 'node:crypto';
import { errors as joseErrors, jwtVerify, type CryptoKey, type JWTPayload } from 'jose';
import type { Clock } from '../../../shared/types.js';
import { HttpError, type JwtVerifier, type PowerUpClaims } from './deps.js';
import { errorMessage } from '../errors.js';
import { isRecord } from '../../../shared/guards.js';

export type VerifyKey = CryptoKey | Uint8Array | KeyObject;

/** Trello's key endpoint under a REST base (TRELLO_API_URL, default https://api.trello.com). docs/trello.md §5. */
export function trelloJwtKeysUrl(apiBase: string): string {
  return `${apiBase.replace(/\/+$/, '')}/1/resource/jwt-public-keys`;
}

export interface JwtVerifierOptions {
  /**
   * Public keys to try (Trello may rotate: several can be valid). Called per verification; cache inside.
   * Called again with `{ refresh: true }` once when a token matches none of them (a rotated key).
   */
  publicKeys: PublicKeySource;
  /** TRELLO_PLUGIN_ID: tokens of other Power-Ups are refused when set. */
  pluginId?: string;
  /** Board ids this service tracks (config boards, or the demo boards). */
  trackedBoards: () => string[];
  clock: Clock;
  /** English log line when a token has to wait for the key endpoint (503). */
  onKeyWait?: (msg: string) => void;
}

/** Why a 503 for a token signed with a key the service does not hold yet (the Power-Up shows its own text for it). */
export const KEYS_UNAVAILABLE = 'jwt-keys-unavailable';

/** Claims Trello puts in t.jwt() (idMember may be absent for anonymous viewers: refused). */
function readClaims(p: JWTPayload): PowerUpClaims {
  const str = (k: string): string | undefined => {
    const v = p[k];
    return typeof v === 'string' && v.length > 0 ? v : undefined;
  };
  const idBoard = str('idBoard');
  const idMember = str('idMember');
  const idPlugin = str('idPlugin');
  if (!idBoard || !idMember || !idPlugin) throw new HttpError(401, 'token lacks idBoard/idMember/idPlugin');
  return { idBoard, idMember, idPlugin };
}

async function tryKeys(token: string, keys: VerifyKey[], now: Date): Promise<{ payload?: JWTPayload; lastError?: unknown }> {
  let lastError: unknown;
  for (const key of keys) {
    try {
      const r = await jwtVerify(token, key, { algorithms: ['RS256'], issuer: 'trello', currentDate: now, clockTolerance: 30, requiredClaims: ['exp'] });
      return { payload: r.payload };
    } catch (e) {
      lastError = e;
      // A bad signature may just be the other key; any other failure is final.
      if (!(e instanceof joseErrors.JWSSignatureVerificationFailed)) break;
    }
  }
  return { lastError };
}

/**
 * Verify a `t.jwt()` token: signature (RS256 only), `iss === 'trello'`, `exp` against the injected clock,
 * `idPlugin` (when configured) and a tracked `idBoard`. 401 for a bad/expired token, 403 for a valid token that
 * may not see this service (other plugin, untracked board).
 * @example const verify = createJwtVerifier({ publicKeys: () => [key], trackedBoards: () => ['b1'], clock: () => new Date() });
 */
export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  // The wait is logged once a minute, not once per request (a board of 300 cards asks together).
  let lastWaitLog = -Infinity;
  const onKeyWait = options.onKeyWait;
  const opts: JwtVerifierOptions = {
    ...options,
    onKeyWait: (m) => {
      const now = options.clock().getTime();
      if (now - lastWaitLog < 60_000) return;
      lastWaitLog = now;
      onKeyWait?.(m);
    },
  };
  return async (token: string) => {
    if (!token) throw new HttpError(401, 'missing Power-Up token (Authorization: Bearer <t.jwt()>)');
    let keys = await opts.publicKeys();
    if (keys.length === 0) keys = await opts.publicKeys({ refresh: true });
    if (keys.length === 0) throw keysUnavailable(opts, 'no key was loaded yet');
    let { payload, lastError } = await tryKeys(token, keys, opts.clock());
    if (!payload && lastError instanceof joseErrors.JWSSignatureVerificationFailed) {
      // Signed with a key we do not hold (Trello rotated): refresh once and try the new keys.
      const asked = opts.clock().getTime();
      const again = await opts.publicKeys({ refresh: true });
      const added = again.filter((k) => !keys.includes(k));
      if (added.length > 0) ({ payload, lastError } = await tryKeys(token, added, opts.clock()));
      // Trello's tokens name no key (no `kid`), so a key we cannot fetch and a forgery look alike: unless Trello's
      // current keys were just fetched, the answer is "wait" (503), not "your token is bad" (401). The endpoint
      // failing, or the refresh pause (5 minutes) not over yet: the cached keys still work meanwhile.
      const unconfirmed = keysUnconfirmed(opts.publicKeys, asked);
      if (!payload && lastError instanceof joseErrors.JWSSignatureVerificationFailed && unconfirmed) throw keysUnavailable(opts, unconfirmed);
    }
    if (!payload) {
      if (lastError instanceof joseErrors.JWTExpired) throw new HttpError(401, 'Power-Up token expired');
      if (lastError instanceof joseErrors.JWTClaimValidationFailed) throw new HttpError(401, `Power-Up token refused: ${lastError.claim} invalid`);
      throw new HttpError(401, 'Power-Up token refused: bad signature or format');
    }
    const claims = readClaims(payload);
    if (opts.pluginId && claims.idPlugin !== opts.pluginId) throw new HttpError(403, 'token was issued to another Power-Up');
    if (!opts.trackedBoards().includes(claims.idBoard)) throw new HttpError(403, 'board is not tracked by this Nabız service');
    return claims;
  };
}

/**
 * Why the keys held may not be Trello's current ones, asked at `since` (ms): the last fetch failed, or no fetch has
 * succeeded since (the refresh pause). Null when they were just fetched, or the source does not fetch (fixed keys).
 */
function keysUnconfirmed(source: PublicKeySource, since: number): string | null {
  const st = source.status?.();
  if (!st) return null;
  if (st.failure) return st.failure;
  if (st.fetchedAt !== null && st.fetchedAt >= since) return null;
  const ago = st.fetchedAt === null ? 'never fetched' : `fetched ${Math.round((since - st.fetchedAt) / 1000)} s ago`;
  return `Trello's keys were ${ago} and are refetched at most every ${Math.round(st.minRefreshMs / 1000)} s (next in ${Math.max(0, Math.ceil((st.nextFetchAt - since) / 1000))} s)`;
}

function keysUnavailable(opts: JwtVerifierOptions, why: string): HttpError {
  opts.onKeyWait?.(
    `jwt: 503 for a Power-Up token signed with a key this service has not loaded: ${why}; it is accepted once Trello's key endpoint answers again`,
  );
  return new HttpError(503, `Trello's JWT public keys are unavailable (${why}): try again in a few minutes`, { code: KEYS_UNAVAILABLE });
}

/**
 * Trello's key endpoint answers `{ "keys": ["-----BEGIN PUBLIC KEY-----…", …] }` in its documented Node sample
 * (developer.atlassian.com/cloud/trello/power-ups/client-library/t-jwt: `resp.keys`), but the format is not
 * specified: any JSON shape is walked for PEM strings (SPKI `PUBLIC KEY`, PKCS#1 `RSA PUBLIC KEY`, X.509
 * `CERTIFICATE`) and JWK objects. Each key is imported on its own with node:crypto createPublicKey, so one key in
 * an unexpected encoding is skipped (reported through `onSkip`) and the others still verify. docs/trello.md §5.
 */
export function importTrelloKeys(body: unknown, onSkip?: (key: string, reason: string) => void): KeyObject[] {
  const found: Array<{ label: string; input: Parameters<typeof createPublicKey>[0] }> = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.includes('-----BEGIN')) found.push({ label: v.replace(/\s+/g, ' ').slice(0, 60), input: v });
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (isRecord(v)) {
      const o = v;
      // biome-ignore lint/nursery/noUnsafeTypeAssertion: createPublicKey checks the JWK's fields below; a bad one throws and is skipped (onSkip).
      if (typeof o.kty === 'string') found.push({ label: `JWK ${typeof o.kid === 'string' ? o.kid : o.kty}`, input: { key: o as NodeJwk, format: 'jwk' } });
      else Object.values(o).forEach(walk);
    }
  };
  walk(body);
  const out: KeyObject[] = [];
  for (const k of found) {
    try {
      const key = createPublicKey(k.input);
      if (key.asymmetricKeyType !== 'rsa') throw new Error(`${key.asymmetricKeyType ?? 'unknown'} key, RS256 needs RSA`);
      out.push(key);
    } catch (e) {
      onSkip?.(k.label, errorMessage(e));
    }
  }
  return out;
}

/** A key source: `refresh` asks for a fresh fetch (a token signed with a key not in the cached set). */
/** The keys a token may be signed with; Trello's source also tells how its fetches went (`status`). */
export type PublicKeySource = ((opts?: { refresh?: boolean }) => Promise<VerifyKey[]> | VerifyKey[]) & { status?: () => KeySourceStatus };

/** What Trello's key source knows about its fetches (ms times by its clock). */
export interface KeySourceStatus {
  /** Why the last fetch failed; null once one succeeded. */
  failure: string | null;
  /** When the held keys were fetched (null: never). */
  fetchedAt: number | null;
  /** The earliest next fetch (the refresh pause). */
  nextFetchAt: number;
  minRefreshMs: number;
}

/** Trello's key source, with its status (the verifier tells "wait" from "bad token" with it). */
export type TrelloKeySource = ((o?: { refresh?: boolean }) => Promise<VerifyKey[]>) & { status(): KeySourceStatus };

/**
 * Production key source: fetch Trello's public keys at runtime and cache them for `ttlMs`. A refresh is asked
 * for when a token matches no cached key or no key is held; it fetches at most once per `minRefreshMs`, so a
 * key endpoint that is down is not hammered by every request (the last good set stays in use meanwhile).
 * An unreadable key is skipped and logged once. `fetchJson` is injected; tests never call the real URL.
 */
export function trelloPublicKeys(opts: {
  fetchJson: (url: string) => Promise<unknown>;
  clock: Clock;
  /** trelloJwtKeysUrl(TRELLO_API_URL). */
  url: string;
  ttlMs?: number;
  minRefreshMs?: number;
  onError?: (msg: string) => void;
}): TrelloKeySource {
  const url = opts.url;
  let cached: { keys: VerifyKey[]; at: number } | null = null;
  let failure: string | null = null;
  let lastAttempt = -Infinity;
  let inflight: Promise<VerifyKey[]> | null = null;
  const ttl = opts.ttlMs ?? 6 * 3600_000;
  const minRefresh = opts.minRefreshMs ?? 5 * 60_000;
  const reported = new Set<string>();
  const source = async (o?: { refresh?: boolean }): Promise<VerifyKey[]> => {
    const now = opts.clock().getTime();
    const fresh = cached !== null && now - cached.at < ttl;
    if (fresh && !o?.refresh) return cached?.keys ?? [];
    // Expired, missing, or a refresh was asked for: fetch, but not again within minRefresh of the last try.
    if (now - lastAttempt < minRefresh) return cached?.keys ?? [];
    inflight ??= (async () => {
      lastAttempt = now;
      try {
        const keys = importTrelloKeys(await opts.fetchJson(url), (label, reason) => {
          if (reported.has(label)) return;
          reported.add(label);
          opts.onError?.(`jwt: skipped an unreadable key from ${url} (${label}…): ${reason}`);
        });
        if (keys.length === 0) throw new Error('no readable key in the response');
        cached = { keys, at: now };
        failure = null;
        return keys;
      } catch (e) {
        failure = `${url} failed: ${errorMessage(e)}`;
        opts.onError?.(
          `jwt: could not load Trello's public keys from ${url}: ${errorMessage(e)}${cached ? ` (the ${cached.keys.length} cached key(s) stay in use)` : ''}`,
        );
        return cached?.keys ?? [];
      } finally {
        inflight = null;
      }
    })();
    return inflight;
  };
  return Object.assign(source, {
    status: (): KeySourceStatus => ({ failure, fetchedAt: cached?.at ?? null, nextFetchAt: lastAttempt + minRefresh, minRefreshMs: minRefresh }),
  });
}

export function bearerToken(header: string | undefined): string {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m?.[1] ?? '';
}
