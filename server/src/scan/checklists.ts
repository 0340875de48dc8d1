// The scanner's part of the two Nabız checklists (docs/rules.md "Checklists", docs/trello.md §7a): keeps the tick
// facts across incremental scans, and adds the checklists to a newly set-up customer card through the REST client.
import { addDays, dateKey } from '../../../shared/calendar.js';
import {
  GOLIVE_CHECKLIST,
  GOLIVE_STEPS,
  mergeTicks,
  ONBOARDING_CHECKLIST,
  ONBOARDING_ITEMS,
  ticksFromActions,
  type CheckTick,
} from '../../../shared/checklists.js';
import { selectCustomers } from '../../../shared/customers.js';
import { readProfile } from '../../../shared/profile.js';
import type { BoardSnapshot } from '../../../shared/types.js';
import type { Logger } from '../log.js';
import type { TrelloAction, TrelloClient } from '../trello/client.js';
import { errorMessage } from '../errors.js';
import { isRecord } from '../../../shared/guards.js';

/**
 * The tick facts (`updateCheckItemStateOnCard`) of each card: the listed actions, plus on an incremental scan those
 * the previous snapshot held (the listing only has what is new since the cursor). A full pass lists them all.
 */
export function attachTicks(snapshot: Pick<BoardSnapshot, 'cards'>, previous: unknown, actions: readonly TrelloAction[], full: boolean): void {
  const fresh = ticksFromActions(actions);
  // The stored snapshot is the store's (unknown to its schema): its ticks are re-read like any Trello action would be.
  const before = new Map<string, CheckTick[]>();
  const cards = !full && isRecord(previous) ? previous.cards : undefined;
  if (Array.isArray(cards)) {
    for (const c of cards) {
      if (isRecord(c) && typeof c.id === 'string' && Array.isArray(c.checkTicks)) before.set(c.id, storedTicks(c.checkTicks));
    }
  }
  for (const card of snapshot.cards) {
    const ticks = mergeTicks(
      before.get(card.id),
      fresh.filter((t) => t.cardId === card.id),
    );
    if (ticks.length) card.checkTicks = ticks;
  }
}

function storedTicks(raw: unknown[]): CheckTick[] {
  return raw.filter((t): t is CheckTick => isRecord(t) && ['actionId', 'cardId', 'itemId', 'at', 'state'].every((k) => typeof t[k] === 'string'));
}

/** A card counts as newly set up for this many days after its `assignedAt` (older customers get no checklists). */
export const SETUP_WINDOW_DAYS = 14;

/**
 * Adds "Nabız: karşılama" and "Nabız: canlıya geçiş" to each customer card whose profile was saved with an
 * `assignedAt` in the last SETUP_WINDOW_DAYS days and that lacks them, and records them in `snapshot` so the stored
 * snapshot is current. A failure is logged and retried on the next scan; it never fails the board's scan.
 * Returns the number of checklists created.
 */
export async function setupChecklists(trello: TrelloClient, snapshot: BoardSnapshot, now: Date, log: Logger): Promise<number> {
  const from = addDays(dateKey(now), -SETUP_WINDOW_DAYS);
  let created = 0;
  for (const card of selectCustomers(snapshot).customers) {
    const read = readProfile(card);
    if (!read.found || read.error || read.profile.assignedAt < from) continue;
    for (const [name, items] of [
      [ONBOARDING_CHECKLIST, ONBOARDING_ITEMS.map((i) => i.name)],
      [GOLIVE_CHECKLIST, GOLIVE_STEPS],
    ] as const) {
      if (card.checklists?.some((c) => c.name === name)) continue;
      try {
        const cl = await trello.createChecklist(card.id, name);
        const made: Array<{ id: string; name: string; state: 'complete' | 'incomplete' }> = [];
        const rec = { id: cl.id, name, items: made };
        (card.checklists ??= []).push(rec);
        created++;
        for (const item of items) {
          const it = await trello.addCheckItem(cl.id, item);
          rec.items.push({ id: it.id, name: it.name || item, state: it.state === 'complete' ? 'complete' : 'incomplete' });
        }
      } catch (err) {
        log.warn(`scan: checklist "${name}" on card ${card.id} not completed: ${errorMessage(err)}`);
        break;
      }
    }
  }
  return created;
}
