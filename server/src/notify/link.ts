// Signed links to the /outbox page (issue 4 §7): outside the demo the page is reachable only through
// a link carrying an HMAC of its expiry under DASHBOARD_LINK_SECRET (the digests include one).
import { createHmac, timingSafeEqual } from 'node:crypto';

const sign = (secret: string, exp: number) => createHmac('sha256', secret).update(`nabiz-outbox|${exp}`).digest('base64url');

/** Query string `exp=…&sig=…` valid until `now + days`. */
export function outboxLinkQuery(secret: string, now: Date, days = 7): string {
  const exp = Math.floor(now.getTime() / 1000) + days * 86400;
  return `exp=${exp}&sig=${sign(secret, exp)}`;
}

export function outboxLink(publicUrl: string, secret: string, now: Date, days = 7): string {
  return `${publicUrl.replace(/\/+$/, '')}/outbox?${outboxLinkQuery(secret, now, days)}`;
}

export type LinkCheck = { ok: true } | { ok: false; reason: 'missing' | 'expired' | 'bad-signature' | 'no-secret' };

export function checkOutboxLink(secret: string | undefined, query: { exp?: unknown; sig?: unknown }, now: Date): LinkCheck {
  if (!secret) return { ok: false, reason: 'no-secret' };
  if (typeof query.exp !== 'string' || typeof query.sig !== 'string' || !/^\d{1,12}$/.test(query.exp)) return { ok: false, reason: 'missing' };
  const exp = Number(query.exp);
  const want = Buffer.from(sign(secret, exp));
  const got = Buffer.from(query.sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return { ok: false, reason: 'bad-signature' };
  if (exp * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true };
}
