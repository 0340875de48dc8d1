// Signed, person-bound, expiring tokens: the digest's dashboard link, the dashboard session cookie and
// the digest's outbox link (docs/operations.md, "Access model"). One format for all of them:
//   base64url(JSON {k: kind, sub: Trello member id, exp: seconds}) "." base64url(HMAC-SHA256(kind "." body))
// - the person is inside the signed payload, so a link opens only its recipient's view;
// - the MAC is compared in constant time on its exact text (no lenient base64 decoding: a token has one
//   valid spelling);
// - a token whose expiry lies further ahead than the lifetime ceiling (LINK_MAX_DAYS) is refused even with
//   a good signature, so a leaked secret cannot mint 10-year links unnoticed.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isRecord } from '../../shared/guards.js';

export type TokenKind = 'link' | 'session' | 'outbox';

export interface TokenClaims {
  /** The person (Trello member id) the token is bound to. */
  sub: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' | 'too-long' };

/** Default lifetime ceiling of a signed link (LINK_MAX_DAYS). */
export const DEFAULT_LINK_MAX_DAYS = 7;
/** Clock skew tolerated between the minting and the checking process. */
const SKEW_SECONDS = 300;

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64url');
const mac = (kind: TokenKind, body: string, secret: string): string => createHmac('sha256', secret).update(`${kind}.${body}`).digest('base64url');
const TOKEN = /^[A-Za-z0-9_-]{1,2048}\.[A-Za-z0-9_-]{43}$/;

export function signToken(kind: TokenKind, claims: TokenClaims, secret: string): string {
  const body = b64(JSON.stringify({ k: kind, sub: claims.sub, exp: claims.exp }));
  return `${body}.${mac(kind, body, secret)}`;
}

/**
 * Check a token of one kind: exact-encoding constant-time MAC, then payload, expiry and lifetime ceiling.
 * @example verifyToken('outbox', t, secret, new Date(), 7 * 86400).ok
 */
export function verifyToken(kind: TokenKind, token: string, secret: string, now: Date, maxLifetimeSeconds: number): TokenCheck {
  if (typeof token !== 'string' || !TOKEN.test(token)) return { ok: false, reason: 'malformed' };
  const dot = token.indexOf('.');
  const body = token.slice(0, dot);
  const want = Buffer.from(mac(kind, body, secret), 'utf8');
  const got = Buffer.from(token.slice(dot + 1), 'utf8');
  if (got.length !== want.length || !timingSafeEqual(got, want)) return { ok: false, reason: 'signature' };
  let p: unknown;
  try {
    p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!isRecord(p)) return { ok: false, reason: 'malformed' };
  const { k, sub, exp } = p;
  if (k !== kind || typeof sub !== 'string' || !sub || typeof exp !== 'number' || !Number.isSafeInteger(exp)) {
    return { ok: false, reason: 'malformed' };
  }
  const nowS = Math.floor(now.getTime() / 1000);
  if (exp <= nowS) return { ok: false, reason: 'expired' };
  if (exp - nowS > maxLifetimeSeconds + SKEW_SECONDS) return { ok: false, reason: 'too-long' };
  return { ok: true, claims: { sub, exp } };
}

/** Expiry of a link minted now: `days` ahead, never beyond the ceiling. */
export function linkExpiry(now: Date, days: number, maxDays: number = DEFAULT_LINK_MAX_DAYS): number {
  return Math.floor(now.getTime() / 1000) + Math.min(days, maxDays) * 86400;
}

/** The recipient's own outbox link for a digest: `/outbox?link=<token>`. */
export function outboxLink(publicUrl: string, secret: string, personId: string, now: Date, days: number = DEFAULT_LINK_MAX_DAYS): string {
  const u = new URL('/outbox', publicUrl);
  u.searchParams.set('link', signToken('outbox', { sub: personId, exp: linkExpiry(now, days, days) }, secret));
  return u.toString();
}

export function verifyOutboxLink(token: string, secret: string, now: Date, maxDays: number = DEFAULT_LINK_MAX_DAYS): TokenCheck {
  return verifyToken('outbox', token, secret, now, maxDays * 86400);
}

/**
 * Signed links must never be shown to anyone but their recipient: pages that display stored messages
 * (the outbox) replace them with this note. Matches `?link=` and the old `?exp=…&sig=` form, raw or
 * HTML-escaped (`&amp;`).
 */
export const REDACTED_LINK = '[kişisel bağlantı: yalnızca alıcının kendi mesajında / personal link: only in the recipient’s own message]';
const SIGNED_URL = /https?:\/\/[^\s"'<>]*?[?&](?:amp;)?(?:link|sig|exp)=[^\s"'<>]*/g;

export function redactSignedLinks(text: string): string {
  return text.replace(SIGNED_URL, REDACTED_LINK);
}
