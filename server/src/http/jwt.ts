// Power-Up → server authentication: t.jwt() tokens (RS256, iss "trello", idPlugin, idBoard, idMember, ~15 min).
// TRELLO-PLATFORM §6, DESIGN §9. Production keys come from Trello at runtime (cached); tests and the demo verify
// with a key pair generated at start (server/src/demo/jwt-keys.ts), never a network fetch.
import { errors as joseErrors, importSPKI, importX509, jwtVerify, type CryptoKey, type JWTPayload } from 'jose';
import type { Clock } from '../../../shared/types.js';
import { HttpError, type JwtVerifier, type PowerUpClaims } from './deps.js';

export type VerifyKey = CryptoKey | Uint8Array;

export const TRELLO_JWT_KEYS_URL = 'https://api.trello.com/1/resource/jwt-public-keys';

export interface JwtVerifierOptions {
  /** Public keys to try (Trello may rotate: several can be valid). Called per verification; cache inside. */
  publicKeys: () => Promise<VerifyKey[]> | VerifyKey[];
  /** TRELLO_PLUGIN_ID: tokens of other Power-Ups are refused when set. */
  pluginId?: string;
  /** Board ids this service tracks (config boards, or the demo boards). */
  trackedBoards: () => string[];
  clock: Clock;
}

/** Claims Trello puts in t.jwt() (idMember may be absent for anonymous viewers: refused). */
function readClaims(p: JWTPayload): PowerUpClaims {
  const str = (k: string): string | undefined => (typeof p[k] === 'string' && (p[k] as string).length > 0 ? (p[k] as string) : undefined);
  const idBoard = str('idBoard');
  const idMember = str('idMember');
  const idPlugin = str('idPlugin');
  if (!idBoard || !idMember || !idPlugin) throw new HttpError(401, 'token lacks idBoard/idMember/idPlugin');
  return { idBoard, idMember, idPlugin };
}

/**
 * Verify a `t.jwt()` token: signature (RS256 only), `iss === 'trello'`, `exp` against the injected clock,
 * `idPlugin` (when configured) and a tracked `idBoard`. 401 for a bad/expired token, 403 for a valid token that
 * may not see this service (other plugin, untracked board).
 * @example const verify = createJwtVerifier({ publicKeys: () => [key], trackedBoards: () => ['b1'], clock: () => new Date() });
 */
export function createJwtVerifier(opts: JwtVerifierOptions): JwtVerifier {
  return async (token: string) => {
    if (!token) throw new HttpError(401, 'missing Power-Up token (Authorization: Bearer <t.jwt()>)');
    const keys = await opts.publicKeys();
    if (keys.length === 0) throw new HttpError(503, 'Trello JWT public key not available yet');
    let payload: JWTPayload | undefined;
    let lastError: unknown;
    for (const key of keys) {
      try {
        const r = await jwtVerify(token, key, {
          algorithms: ['RS256'],
          issuer: 'trello',
          currentDate: opts.clock(),
          clockTolerance: 30,
          requiredClaims: ['exp'],
        });
        payload = r.payload;
        break;
      } catch (e) {
        lastError = e;
        // A bad signature may just be the other key; any other failure is final.
        if (!(e instanceof joseErrors.JWSSignatureVerificationFailed)) break;
      }
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

/** Parse Trello's key endpoint defensively: its format (PEM string, array, JWKS) is not documented (TRELLO-PLATFORM §6). */
export async function importTrelloKeys(body: unknown): Promise<VerifyKey[]> {
  const pems: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string' && v.includes('-----BEGIN')) pems.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v as Record<string, unknown>).forEach(walk);
  };
  walk(body);
  const out: VerifyKey[] = [];
  for (const pem of pems) {
    out.push(pem.includes('CERTIFICATE') ? await importX509(pem, 'RS256') : await importSPKI(pem, 'RS256'));
  }
  return out;
}

/**
 * Production key source: fetch Trello's public keys at runtime, cache for `ttlMs`, keep the last good set on failure.
 * `fetchJson` is injected (axios/fetch); tests never call this with the real URL.
 */
export function trelloPublicKeys(opts: {
  fetchJson: (url: string) => Promise<unknown>;
  clock: Clock;
  url?: string;
  ttlMs?: number;
  onError?: (msg: string) => void;
}): () => Promise<VerifyKey[]> {
  let cached: { keys: VerifyKey[]; at: number } | null = null;
  let inflight: Promise<VerifyKey[]> | null = null;
  const ttl = opts.ttlMs ?? 6 * 3600_000;
  return async () => {
    const now = opts.clock().getTime();
    if (cached && now - cached.at < ttl) return cached.keys;
    inflight ??= (async () => {
      try {
        const keys = await importTrelloKeys(await opts.fetchJson(opts.url ?? TRELLO_JWT_KEYS_URL));
        if (keys.length === 0) throw new Error('no PEM key in the response');
        cached = { keys, at: now };
        return keys;
      } catch (e) {
        opts.onError?.(`jwt: could not load Trello's public keys from ${opts.url ?? TRELLO_JWT_KEYS_URL}: ${(e as Error).message}`);
        return cached?.keys ?? [];
      } finally {
        inflight = null;
      }
    })();
    return inflight;
  };
}

export function bearerToken(header: string | undefined): string {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m?.[1] ?? '';
}
