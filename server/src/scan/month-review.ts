// The scanner's part of the team lead's month-end review (R17; docs/rules.md "Month-end review"): keeps the lead's
// card `Nabız: takım lideri` and this month's checklist `Nabız: ay sonu YYYY-MM`, one item per specialist in force,
// through the REST client. Idempotent: only what is missing is created (a card, a checklist, items); nothing is
// renamed or removed. The rule (shared/compliance/rules/month-review.ts) judges the ticks.
import { boardLeads, leadCardOf, prepareBoard } from '../../../shared/compliance/context.js';
import type { Approver } from '../../../shared/compliance/facts-in-force.js';
import { boardAnchor } from '../../../shared/compliance/verdicts.js';
import { dateKey, monthKey } from '../../../shared/dates.js';
import { LEAD_CARD_NAME, monthReviewChecklistName, reviewItemMember, reviewItemName } from '../../../shared/month-review.js';
import type { BoardSnapshot, CardSnapshot } from '../../../shared/types.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { TrelloClient } from '../trello/client.js';

const LEAD_CARD_DESC =
  'Nabız: takım liderinin ay sonu görüşmeleri (R17). Her ay, her uzman için bir madde: görüşmeden sonra işaretleyin; ' +
  'Trello kimin ne zaman işaretlediğini kaydeder. Son gün: ayın son iş günü. Kartı arşivlemeyin; adını değiştirmeyin.';

export interface MonthReviewSetup {
  cardCreated: boolean;
  checklistCreated: boolean;
  itemsAdded: number;
}

/** Who this month's review covers: the owners (specialists in force) of the board's customer cards this month. */
export function specialistsThisMonth(snapshot: BoardSnapshot, now: Date): string[] {
  // Light: the comments are not needed (only the board's first entry, which sets where judging starts).
  const board = prepareBoard({ ...snapshot, comments: boardAnchor(snapshot, now) }, now);
  const month = monthKey(dateKey(now));
  const out = new Set<string>();
  for (const c of board.cards) for (const id of c.monthOwners.get(month) ?? []) out.add(id);
  return [...out].sort();
}

/**
 * Keeps the lead's card, this month's checklist and an item per specialist on a board that has a team lead in
 * NABIZ_PEOPLE (none configured: nothing is created). Records what it created in `snapshot`, so the stored snapshot
 * is current. A failure is logged and retried on the next scan; it never fails the board's scan.
 */
export async function setupMonthReview(
  trello: TrelloClient,
  snapshot: BoardSnapshot,
  now: Date,
  people: readonly Approver[] | undefined,
  log: Logger,
): Promise<MonthReviewSetup> {
  const res: MonthReviewSetup = { cardCreated: false, checklistCreated: false, itemsAdded: 0 };
  if (!boardLeads(people, snapshot.id)?.length) return res;
  const specialists = specialistsThisMonth(snapshot, now);
  if (specialists.length === 0) return res;
  const month = monthKey(dateKey(now));
  const name = monthReviewChecklistName(month);
  try {
    let card: CardSnapshot | undefined = snapshot.cards.find((c) => c.id === leadCardOf(snapshot)?.id);
    if (!card) {
      const list = snapshot.lists.find((l) => !l.closed);
      if (!list) return res;
      const created = await trello.createCard(list.id, LEAD_CARD_NAME, LEAD_CARD_DESC);
      card = { id: created.id, name: LEAD_CARD_NAME, idList: created.idList, closed: false, idMembers: [], pluginData: [], checklists: [] };
      snapshot.cards.push(card);
      res.cardCreated = true;
      log.info(`scan: board ${snapshot.id}: created the team lead's card "${LEAD_CARD_NAME}" (R17)`);
    }
    let cl = card.checklists?.find((c) => c.name === name);
    if (!cl) {
      const created = await trello.createChecklist(card.id, name);
      cl = { id: created.id, name, items: [] };
      (card.checklists ??= []).push(cl);
      res.checklistCreated = true;
    }
    const have = new Set(cl.items.map((i) => reviewItemMember(i.name, snapshot.members)));
    const members = new Map(snapshot.members.map((m) => [m.id, m]));
    for (const id of specialists) {
      if (have.has(id)) continue;
      const text = reviewItemName(id, members.get(id));
      const it = await trello.addCheckItem(cl.id, text);
      cl.items.push({ id: it.id, name: it.name || text, state: it.state === 'complete' ? 'complete' : 'incomplete' });
      res.itemsAdded++;
    }
  } catch (err) {
    log.warn(`scan: month-end review checklist "${name}" on board ${snapshot.id} not completed: ${errorMessage(err)}`);
  }
  return res;
}
