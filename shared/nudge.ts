// The lead's «Hatırlat» (docs/powerup.md "Nudges"): the texts of the one @mention comment a team lead or manager
// posts on a card whose daily is still pending today, and of the answer to a second one the same Istanbul day.
// Pure: the route (server/src/http/routes/nudge.ts) gives the clock's day and the people.
import { dateKey, timeOfDay } from './dates.js';

export type NudgerRole = 'manager' | 'teamLead';

const ROLE_TR: Record<NudgerRole, string> = { teamLead: 'Takım lideri', manager: 'Yönetici' };

/** The ledger fact id of a card's nudge on an Istanbul day: the ledger keeps one per card per day (rate limit). */
export function nudgeActionId(cardId: string, now: Date): string {
  return `nudge:${cardId}:${dateKey(now)}`;
}

/**
 * The comment: `@ayse Hatırlatma: bugünün günlük kaydı henüz yok (18:15'e 2 sa). — Takım lideri Mehmet`.
 * `mention` is the specialist's Trello username (Trello notifies on `@username`); without one, the full name.
 */
export function nudgeText(o: { mention: string | undefined; fullName: string; countdown: string | null; role: NudgerRole; by: string }): string {
  const who = o.mention ? `@${o.mention}` : o.fullName;
  const left = o.countdown ? ` (${o.countdown})` : '';
  return `${who} Hatırlatma: bugünün günlük kaydı henüz yok${left}. — ${ROLE_TR[o.role]} ${o.by}`;
}

/** The 429 answer: when (Istanbul time) and by whom today's reminder was already sent. */
export function nudgeLimitText(at: string, by: string): string {
  return `Bu karta bugün ${by} hatırlattı (saat ${timeOfDay(at)}); bir karta günde bir hatırlatma gönderilir.`;
}

/** What the card back shows under the button: `Hatırlatıldı 14:05 · Mehmet`. */
export function nudgedLine(at: string, by: string): string {
  return `Hatırlatıldı ${timeOfDay(at)} · ${by}`;
}
