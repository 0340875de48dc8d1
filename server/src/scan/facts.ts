// Recording the dated facts (docs/rules.md "Facts in force", shared/facts.ts) from what a scan or a webhook sees.
// Pure: ledger inputs out of Trello actions and board snapshots; the scanner and the webhook append them.
//  - Membership: Trello's addMemberToCard / removeMemberFromCard actions, with Trello's date, action id and
//    idMemberCreator. Shape: `data: {idMember, card: {id, name, idShort, shortLink}, board, list?}` plus a top-level
//    `member` (Trello.NET's RemoveMemberFromCardAction, github.com/dillenmeister/Trello.NET; trello.js
//    models/actionAddMemberToCard, mrrefactoring.github.io/trello.js). docs/trello.md §6.
//  - Checklist ticks: Trello's updateCheckItemStateOnCard, with Trello's date, action id and idMemberCreator, the
//    checklist, the item (id, name) and the state it was set to (docs/trello.md §7a); read by shared/checklists.ts.
//  - pluginData leaves no Trello action (docs/trello.md §4): each scan compares every card's and the board's
//    pluginData with the last recorded version and appends a version only when it differs, dated when noticed.
import { ticksFromActions } from '../../../shared/checklists.js';
import { pluginDataValue } from '../store/board-view.js';
import type { LedgerInput } from '../store/ledger.js';
import type { BoardState, LedgerRecord } from '../store/schema.js';
import type { TrelloAction } from '../trello/client.js';
import { isRecord } from '../../../shared/guards.js';

/** Trello's card membership action types (asked for beside commentCard; `filter` takes a comma-separated list). */
export const MEMBER_ACTION_TYPES: readonly string[] = ['addMemberToCard', 'removeMemberFromCard'];
export const MEMBER_FILTER = MEMBER_ACTION_TYPES.join(',');

type Source = LedgerRecord['source'];

/** Trello's tick / untick of a check item: a dated fact like the membership actions. */
export const CHECK_ITEM_ACTION_TYPE = 'updateCheckItemStateOnCard';

/** Ledger inputs for the tick actions among `actions` (others, and malformed ones, ignored), by action id. */
export function checkItemInputs(actions: readonly TrelloAction[], boardId: string, source: Source, recordedAt: string): LedgerInput[] {
  return ticksFromActions(actions)
    .map(
      (t): LedgerInput => ({
        type: 'check-item',
        actionId: t.actionId,
        boardId,
        cardId: t.cardId,
        authorId: t.memberId,
        postedAt: t.at,
        checklistId: t.checklistId,
        checkItemId: t.itemId,
        checkItemName: t.itemName,
        checkState: t.state,
        recordedAt,
        source,
      }),
    )
    .sort((x, y) => (x.actionId < y.actionId ? -1 : x.actionId > y.actionId ? 1 : 0));
}

/** Every dated fact Trello's listed actions carry: membership changes and checklist ticks. */
export function actionFactInputs(actions: readonly TrelloAction[], boardId: string, source: Source, recordedAt: string): LedgerInput[] {
  return [...memberInputs(actions, boardId, source, recordedAt), ...checkItemInputs(actions, boardId, source, recordedAt)];
}

/** A board snapshot as far as facts go: cards with members and pluginData, the board's pluginData. */
export interface FactSnapshot {
  cards: ReadonlyArray<{ id: string; closed?: boolean; idMembers: readonly string[]; pluginData: ReadonlyArray<{ idPlugin?: string; value: string }> }>;
  pluginData: ReadonlyArray<{ idPlugin?: string; value: string }>;
}

/** Ledger inputs for the membership actions among `actions` (others ignored), oldest first. */
export function memberInputs(actions: readonly TrelloAction[], boardId: string, source: Source, recordedAt: string): LedgerInput[] {
  const out: LedgerInput[] = [];
  for (const a of actions) {
    if (!MEMBER_ACTION_TYPES.includes(a.type)) continue;
    const data = a.data;
    const cardId = typeof data?.card?.id === 'string' ? data.card.id : undefined;
    const memberId = typeof data?.idMember === 'string' ? data.idMember : isRecord(a.member) ? a.member.id : undefined;
    if (!cardId || typeof memberId !== 'string' || !memberId) continue;
    out.push({
      type: 'member',
      actionId: a.id,
      boardId,
      cardId,
      authorId: a.idMemberCreator ?? a.memberCreator?.id ?? '',
      postedAt: a.date,
      memberId,
      op: a.type === 'addMemberToCard' ? 'add' : 'remove',
      recordedAt,
      source,
    });
  }
  return out.sort((x, y) => (x.actionId < y.actionId ? -1 : x.actionId > y.actionId ? 1 : 0));
}

/** The last recorded pluginData version of a card ('' = the board), from the ledger (one indexed read). */
export type LastVersion = (cardId: string) => Promise<Pick<LedgerRecord, 'seq' | 'value'> | undefined>;

/**
 * The pluginData versions to append for a fetched board: when the board has no fact history yet (a store from
 * before facts were recorded, or the board's first scan), a baseline of every card's and the board's pluginData
 * and of the cards' current members, dated now; afterwards one version per card (or the board) whose pluginData
 * differs from the last recorded one. A card whose pluginData is the same strings as in the snapshot the last scan
 * stored (with its versions, in the same transaction) is unchanged without any read — most cards, most scans; the
 * others are compared with their last version in the ledger (`lastVersion`), every card after a restore
 * (`facts.recheck`). Archived cards are skipped (not judged; Trello lists only open cards on a scan).
 */
export async function dataInputs(
  board: BoardState | undefined,
  stored: FactSnapshot | undefined,
  snap: FactSnapshot,
  boardId: string,
  source: Source,
  recordedAt: string,
  lastVersion: LastVersion,
): Promise<LedgerInput[]> {
  const out: LedgerInput[] = [];
  const baseline = !board?.facts;
  const recheck = board?.facts?.recheck === true;
  const prev = stored;
  const prevCards = new Map((prev?.cards ?? []).map((c) => [c.id, c.pluginData]));
  const version = async (type: 'card-data' | 'board-data', cardId: string, list: FactSnapshot['pluginData']) => {
    if (!baseline && !recheck && samePluginData(list, cardId ? prevCards.get(cardId) : prev?.pluginData)) return;
    const value = pluginDataValue(list);
    const last = baseline ? undefined : await lastVersion(cardId);
    if (last && last.value === value) return;
    out.push({
      type,
      actionId: `${type}:${cardId || boardId}`,
      boardId,
      cardId,
      authorId: '',
      postedAt: recordedAt,
      value,
      ...(last ? { prevSeq: last.seq } : {}),
      ...(baseline ? { baseline: true } : {}),
      recordedAt,
      source: baseline && stored ? 'upgrade' : source,
    });
  };
  await version('board-data', '', snap.pluginData);
  for (const c of snap.cards) if (!c.closed) await version('card-data', c.id, c.pluginData);
  if (baseline) {
    for (const c of snap.cards) {
      if (c.closed) continue;
      for (const m of c.idMembers) {
        out.push({
          type: 'member',
          actionId: `baseline:${c.id}:${m}`,
          boardId,
          cardId: c.id,
          authorId: '',
          postedAt: recordedAt,
          memberId: m,
          op: 'add',
          baseline: true,
          recordedAt,
          source: stored ? 'upgrade' : source,
        });
      }
    }
  }
  return out;
}

function samePluginData(a: FactSnapshot['pluginData'], b: FactSnapshot['pluginData'] | undefined): boolean {
  if (!b || a.length !== b.length) return false;
  for (const [i, x] of a.entries()) {
    const y = b[i];
    if (!y || x.value !== y.value || (x.idPlugin ?? '') !== (y.idPlugin ?? '')) return false;
  }
  return true;
}

/** The board's fact history once a scan committed: started (`from`), and compared in full (no `recheck`). */
export function factHistory(facts: BoardState['facts'], recordedAt: string): NonNullable<BoardState['facts']> {
  return { from: facts?.from ?? recordedAt };
}
