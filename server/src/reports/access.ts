// Who may open the dashboard and reports: configured managers and team leads only (DESIGN §3: roles are server
// config, never pluginData). Two ways in: a Power-Up JWT (board button modal), or a signed expiring link from the
// digest, which is exchanged for an HttpOnly session cookie.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Person } from '../config.js';

export interface DashboardLinkClaims {
  trelloId: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64url');

function sign(kind: 'link' | 'session', claims: DashboardLinkClaims, secret: string): string {
  const body = b64(JSON.stringify({ k: kind, sub: claims.trelloId, exp: claims.exp }));
  const mac = createHmac('sha256', secret).update(`${kind}.${body}`).digest('base64url');
  return `${body}.${mac}`;
}

export type VerifyResult = { ok: true; claims: DashboardLinkClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

function verify(kind: 'link' | 'session', token: string, secret: string, now: Date): VerifyResult {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) return { ok: false, reason: 'malformed' };
  const want = createHmac('sha256', secret).update(`${kind}.${body}`).digest();
  const got = Buffer.from(mac, 'base64url');
  if (got.length !== want.length || !timingSafeEqual(got, want)) return { ok: false, reason: 'signature' };
  let p: { k?: unknown; sub?: unknown; exp?: unknown };
  try {
    p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as typeof p;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (p.k !== kind || typeof p.sub !== 'string' || typeof p.exp !== 'number') return { ok: false, reason: 'malformed' };
  if (p.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { trelloId: p.sub, exp: p.exp } };
}

/**
 * A dashboard link token for a digest (HMAC-SHA256 with DASHBOARD_LINK_SECRET). Put it in `/dashboard?link=<token>`.
 * @example signDashboardLink({ trelloId: m.trelloId, exp: Math.floor(now / 1000) + 7 * 86400 }, config.DASHBOARD_LINK_SECRET!)
 */
export function signDashboardLink(claims: DashboardLinkClaims, secret: string): string {
  return sign('link', claims, secret);
}

export function verifyDashboardLink(token: string, secret: string, now: Date): VerifyResult {
  return verify('link', token, secret, now);
}

/** Absolute dashboard URL carrying a link token (for the digest). */
export function dashboardLinkUrl(publicUrl: string, token: string, lang: 'tr' | 'en' = 'tr'): string {
  const u = new URL('/dashboard', publicUrl);
  u.searchParams.set('link', token);
  if (lang === 'en') u.searchParams.set('lang', 'en');
  return u.toString();
}

export const SESSION_COOKIE = 'nabiz_dash';
export const SESSION_SECONDS = 8 * 3600;

export interface SessionKeys {
  signSession(trelloId: string, now: Date): string;
  verifySession(token: string, now: Date): VerifyResult;
}

/** Sessions are signed with the link secret, or a per-process random key (sessions then end with the process). */
export function sessionKeys(secret: string | undefined): SessionKeys {
  const key = secret ? `session:${secret}` : randomBytes(32).toString('hex');
  return {
    signSession: (trelloId, now) => sign('session', { trelloId, exp: Math.floor(now.getTime() / 1000) + SESSION_SECONDS }, key),
    verifySession: (token, now) => verify('session', token, key, now),
  };
}

/** What a viewer may see: all of their boards/specialists, or everything (undefined). */
export interface Viewer {
  person: Person;
  /** Board ids the viewer may see; undefined = every tracked board. */
  boards?: string[];
  /** Specialist (Trello member) ids; undefined = everyone. */
  specialists?: string[];
}

export function viewerFor(person: Person): Viewer {
  return {
    person,
    ...(person.boards ? { boards: person.boards } : {}),
    ...(person.role === 'teamLead' && person.specialists ? { specialists: person.specialists } : {}),
  };
}

export function canSeeBoard(v: Viewer, boardId: string): boolean {
  return !v.boards || v.boards.includes(boardId);
}

export function canSeeMember(v: Viewer, memberId: string): boolean {
  return !v.specialists || v.specialists.includes(memberId);
}
