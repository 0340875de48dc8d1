/**
 * Which cards of a board are customers, and from which day the board is judged (docs/rules.md "Customers").
 * Pure: no I/O, no clock.
 *
 * A card is a customer when it is open, in an open list, in one of the board's customer lists
 * (`settings.customerLists`; default: every list), not a Trello template card (`isTemplate`), and its profile
 * does not say `notCustomer` and is not the team lead's card `Nabız: takım lideri` (R17, shared/month-review.ts). A board without `settings.trackingStart` is judged from the day of its first
 * Nabız entry (a comment the grammar recognises); a board that never had one is not judged at all — a team
 * board that merely has the Power-Up, or an export of any other board, gives no findings rather than one per
 * card and day since the card was created.
 *
 * @example
 *   selectCustomers(snapshot).customers.map((c) => c.id)
 *   judgingStart(snapshot, settings) // { day: '2026-11-02', source: 'first-entry' }
 */
import { dateKey } from './dates.js';
import { parseEntry } from './entries.js';
import { LEAD_CARD_NAME } from './month-review.js';
import { readProfile, readSettings, type BoardSettings } from './profile.js';
import type { BoardSnapshot, CardSnapshot, DateKey } from './types.js';

export type SkipReason = 'closed' | 'archived-list' | 'other-list' | 'template' | 'not-customer' | 'lead-card' | 'no-creation-time';

export interface CustomerSelection {
  customers: CardSnapshot[];
  /** Cards that are not judged, with why (board order). */
  skipped: Array<{ card: CardSnapshot; reason: SkipReason }>;
  /** The customer lists named by the settings that the board does not have (a typo, a deleted list). */
  unknownLists: string[];
}

const TRELLO_ID = /^[0-9a-f]{24}$/i;

/** Why `card` is not a customer, or null when it is one. */
export function skipReason(card: CardSnapshot, lists: ReadonlyMap<string, { closed: boolean }>, settings: BoardSettings): SkipReason | null {
  if (card.closed) return 'closed';
  if (lists.get(card.idList)?.closed) return 'archived-list';
  if (card.isTemplate) return 'template';
  // R17: the team lead's own card (the month-end review checklists) is no customer.
  if (card.name.trim() === LEAD_CARD_NAME) return 'lead-card';
  if (settings.customerLists && settings.customerLists.length > 0 && !settings.customerLists.includes(card.idList)) return 'other-list';
  const read = readProfile(card);
  if (read.found && !read.error && read.profile.notCustomer === true) return 'not-customer';
  // Neither a profile day nor a creation time: nothing to judge from (an id without timestamp, no actions).
  if (!read.found && !TRELLO_ID.test(card.id) && !card.createdAt) return 'no-creation-time';
  return null;
}

/** The board's customer cards (board order) and the others with their reason. */
export function selectCustomers(snapshot: BoardSnapshot, settings: BoardSettings = readSettings(snapshot.pluginData).settings): CustomerSelection {
  const lists = new Map(snapshot.lists.map((l) => [l.id, l]));
  const out: CustomerSelection = { customers: [], skipped: [], unknownLists: (settings.customerLists ?? []).filter((id) => !lists.has(id)) };
  for (const card of snapshot.cards) {
    const reason = skipReason(card, lists, settings);
    if (reason) out.skipped.push({ card, reason });
    else out.customers.push(card);
  }
  return out;
}

export interface JudgingStart {
  /** First day judged on the board (cards may start later: their assignment day). Undefined: nothing judged. */
  day?: DateKey;
  source: 'settings' | 'first-entry' | 'none';
}

/** `settings.trackingStart`, else the day (Istanbul) of the board's first recognised entry, else nothing. */
export function judgingStart(snapshot: Pick<BoardSnapshot, 'comments'>, settings: BoardSettings, now?: Date): JudgingStart {
  if (settings.trackingStart) return { day: settings.trackingStart, source: 'settings' };
  let first: string | undefined;
  let firstMs = Infinity;
  const nowMs = now ? now.getTime() : Infinity;
  for (const c of snapshot.comments) {
    const ms = Date.parse(c.postedAt);
    // Comments posted after `now` do not exist yet (an audit of the past).
    if (!(ms < firstMs) || ms > nowMs) continue;
    const text = c.text || c.originalText || '';
    if (text && parseEntry(text, c.postedAt)) {
      first = c.postedAt;
      firstMs = ms;
    }
  }
  return first ? { day: dateKey(first), source: 'first-entry' } : { source: 'none' };
}

/**
 * The settings the evaluation uses: `trackingStart` filled in from the first entry when absent. A board that
 * never had an entry gets no customers at all (`judged: false`).
 */
export function judgingSettings(snapshot: BoardSnapshot, settings: BoardSettings, now?: Date): { settings: BoardSettings; judged: boolean } {
  const start = judgingStart(snapshot, settings, now);
  if (!start.day) return { settings, judged: false };
  return { settings: start.source === 'first-entry' ? { ...settings, trackingStart: start.day } : settings, judged: true };
}
