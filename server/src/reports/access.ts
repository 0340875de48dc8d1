// Who may open the dashboard and reports: configured managers and team leads only (docs/architecture.md: roles are server
// config, never pluginData). Two ways in: a Power-Up JWT (board button modal), or a signed expiring link from the
// digest, which is exchanged for an HttpOnly session cookie.
import { randomBytes } from 'node:crypto';
import type { Person } from '../config.js';
import { DEFAULT_LINK_MAX_DAYS, signToken, verifyToken } from '../link-tokens.js';

export interface DashboardLinkClaims {
  trelloId: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export type VerifyResult = { ok: true; claims: DashboardLinkClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' | 'too-long' };

// The token format, the constant-time check and the lifetime ceiling live in server/src/link-tokens.ts.
function verify(kind: 'link' | 'session', token: string, secret: string, now: Date, maxSeconds: number): VerifyResult {
  const v = verifyToken(kind, token, secret, now, maxSeconds);
  return v.ok ? { ok: true, claims: { trelloId: v.claims.sub, exp: v.claims.exp } } : v;
}

/**
 * A dashboard link token for a digest (HMAC-SHA256 with DASHBOARD_LINK_SECRET). Put it in `/dashboard?link=<token>`.
 * @example signDashboardLink({ trelloId: m.trelloId, exp: Math.floor(now / 1000) + 7 * 86400 }, config.DASHBOARD_LINK_SECRET!)
 */
export function signDashboardLink(claims: DashboardLinkClaims, secret: string): string {
  return signToken('link', { sub: claims.trelloId, exp: claims.exp }, secret);
}

/** A link whose expiry lies more than `maxDays` (LINK_MAX_DAYS) ahead is refused ('too-long'). */
export function verifyDashboardLink(token: string, secret: string, now: Date, maxDays: number = DEFAULT_LINK_MAX_DAYS): VerifyResult {
  return verify('link', token, secret, now, maxDays * 86400);
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

/** Without a secret: one random key per process, shared by every router (sessions end with the process). */
const PROCESS_SESSION_KEY = randomBytes(32).toString('hex');

/** Sessions are signed with the link secret, or a per-process random key (sessions then end with the process). */
export function sessionKeys(secret: string | undefined): SessionKeys {
  const key = secret ? `session:${secret}` : PROCESS_SESSION_KEY;
  return {
    signSession: (trelloId, now) => signToken('session', { sub: trelloId, exp: Math.floor(now.getTime() / 1000) + SESSION_SECONDS }, key),
    verifySession: (token, now) => verify('session', token, key, now, SESSION_SECONDS),
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
