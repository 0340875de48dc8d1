// In-memory Trello: the records the emulator serves. Tests may seed it directly (state.loadBoard,
// state.addComment …) or through the routes. Actions are indexed per board and per card in id order
// (= creation order, ids being time-prefixed) so paging a board of 100k actions stays cheap.
import {
  EmulatedBoardSchema,
  EXCLUDED_FROM_LISTS,
  type EmulatedBoard,
  type TokenInfo,
  type TrelloAction,
  type TrelloCard,
  type TrelloLabel,
  type TrelloList,
  type TrelloMember,
  type TrelloMembership,
  type TrelloPluginData,
  type TrelloWebhook,
} from './model.js';
import { IdFactory, shortLinkFrom } from './ids.js';
import { snapshotFromTrello } from '../../../shared/trello-export.js';
import { isRecord, present } from '../../../shared/guards.js';

export interface BoardRecord {
  id: string;
  name: string;
  desc: string;
  closed: boolean;
  url: string;
  shortLink: string;
  idOrganization: string | null;
  memberships: TrelloMembership[];
  /** Any other fields the export carried (prefs, labelNames …), served as-is. */
  extra: Record<string, unknown>;
  /**
   * Loaded from an export holding Trello's cap of 1000 actions: the board's actions are held only from this instant
   * (the export's oldest action). Served as `emulatorHistoryFrom` (docs/emulator.md "Cut history").
   */
  historyFrom?: string;
}

/**
 * A check item as Trello serves it (GET /1/checklists/{id}/checkItems; trello.js models/checkItem:
 * id, idChecklist, name, nameData, pos, state, due, dueReminder, idMember).
 */
export interface CheckItemRecord {
  id: string;
  idChecklist: string;
  name: string;
  nameData: { emoji: Record<string, never> };
  pos: number;
  state: 'complete' | 'incomplete';
  due: string | null;
  dueReminder: number | null;
  idMember: string | null;
}

/** A checklist as Trello serves it (trello.js models/checklist: id, name, idBoard, idCard, pos, checkItems). */
export interface ChecklistRecord {
  id: string;
  name: string;
  idBoard: string;
  idCard: string;
  pos: number;
  checkItems: CheckItemRecord[];
}

/**
 * Trello's object limits for checklists (developer.atlassian.com/cloud/trello/guides/rest-api/limits: `checklists.perCard`
 * and `checkItems.perChecklist`; the values as boards report them in public fixtures: 500 (warn 400) and 200 (warn 160)).
 */
export const CHECKLIST_LIMITS = {
  checklistsPerCard: { disableAt: 500, warnAt: 400 },
  checkItemsPerChecklist: { disableAt: 200, warnAt: 160 },
} as const;

export class EmulatorError extends Error {
  override name = 'EmulatorError';
}

/** Insert into an id-sorted array (ascending). */
/**
 * Trello orders action lists by `date` (to the millisecond), not by id: ids from different machines in the same
 * second need not follow the dates (docs/emulator.md "Order and paging"). Ties fall back on the id, so the order is
 * total and stable. Ascending here; lists read it backwards (newest first).
 */
export function actionOrder(a: TrelloAction, b: TrelloAction): number {
  const d = Date.parse(a.date) - Date.parse(b.date);
  return d !== 0 ? d : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function insertSorted(arr: TrelloAction[], a: TrelloAction): void {
  // Appending in date order (loading an export oldest first, new comments) is the common case: O(1).
  const last = arr.at(-1);
  if (!last || actionOrder(last, a) < 0) {
    arr.push(a);
    return;
  }
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (actionOrder(present(arr[mid], 'an action inside the searched range'), a) < 0) lo = mid + 1;
    else hi = mid;
  }
  arr.splice(lo, 0, a);
}

function removeFrom(arr: TrelloAction[] | undefined, id: string): void {
  if (!arr) return;
  const i = arr.findIndex((x) => x.id === id);
  if (i >= 0) arr.splice(i, 1);
}

const memberPublic = (m: TrelloMember) => ({
  id: m.id,
  activityBlocked: false,
  avatarHash: m.avatarHash ?? null,
  avatarUrl: m.avatarHash ? `https://trello-members.s3.amazonaws.com/${m.id}/${m.avatarHash}` : null,
  fullName: m.fullName,
  idMemberReferrer: null,
  initials: m.initials ?? initialsOf(m.fullName),
  nonPublic: {},
  nonPublicAvailable: true,
  username: m.username,
});

export function initialsOf(fullName: string): string {
  return fullName
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toLocaleUpperCase('tr'))
    .join('')
    .slice(0, 3);
}

export class EmulatorState {
  boards = new Map<string, BoardRecord>();
  lists = new Map<string, TrelloList & { idBoard: string }>();
  cards = new Map<string, TrelloCard & { idBoard: string }>();
  members = new Map<string, TrelloMember>();
  labels = new Map<string, TrelloLabel & { idBoard: string }>();
  actions = new Map<string, TrelloAction>();
  pluginData = new Map<string, TrelloPluginData>();
  webhooks = new Map<string, TrelloWebhook>();
  checklists = new Map<string, ChecklistRecord>();
  tokens = new Map<string, TokenInfo>();
  /** Action ids per board and per card, ascending (oldest first). */
  readonly boardActions = new Map<string, TrelloAction[]>();
  readonly cardActions = new Map<string, TrelloAction[]>();
  readonly ids: IdFactory;

  constructor(
    readonly clock: () => Date = () => new Date(),
    seed = 0x7e110,
  ) {
    this.ids = new IdFactory(seed);
  }

  newId(at: Date = this.clock()): string {
    return this.ids.next(at);
  }

  // ───────────── loading ─────────────

  /** Load a board (Trello export shape, checked by EmulatedBoardSchema) under its own id, replacing any board with that id. */
  loadBoard(input: unknown): string {
    const parsed = EmulatedBoardSchema.safeParse(input);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new EmulatorError(`not a Trello board export: ${i?.path.join('.') || '(root)'}: ${i?.message ?? 'invalid'}`);
    }
    const b = parsed.data;
    if (this.boards.has(b.id)) this.removeBoard(b.id);
    const {
      id,
      name,
      desc,
      closed,
      url,
      shortLink,
      idOrganization,
      lists,
      cards,
      members,
      memberships,
      labels,
      actions,
      pluginData,
      emulatorHistoryFrom,
      checklists: exportedChecklists,
      ...rest
    } = b;
    const sl = shortLink ?? shortLinkFrom(id);
    this.boards.set(id, {
      id,
      name,
      desc,
      closed,
      url: url ?? `https://trello.com/b/${sl}/${slug(name)}`,
      shortLink: sl,
      idOrganization: idOrganization ?? null,
      memberships: memberships.length
        ? memberships
        : members.map((m) => ({ id: this.newId(), idMember: m.id, memberType: 'normal', unconfirmed: false, deactivated: false })),
      extra: rest,
      ...(emulatorHistoryFrom ? { historyFrom: emulatorHistoryFrom } : {}),
    });
    for (const m of members) {
      const known = this.members.get(m.id);
      this.members.set(m.id, { ...known, ...m });
    }
    for (const l of lists) this.lists.set(l.id, { ...l, idBoard: id });
    for (const l of labels) this.labels.set(l.id, { ...l, idBoard: id });
    let idShort = 0;
    for (const c of cards) {
      const { pluginData: cardPd, ...card } = c;
      idShort = Math.max(idShort + 1, card.idShort ?? 0);
      const csl = card.shortLink ?? shortLinkFrom(card.id);
      this.cards.set(card.id, {
        ...card,
        idBoard: id,
        idShort: card.idShort ?? idShort,
        shortLink: csl,
        url: card.url ?? `https://trello.com/c/${csl}/${idShort}-${slug(card.name)}`,
      });
      for (const p of cardPd ?? []) this.pluginData.set(p.id, { ...p, scope: 'card', idModel: card.id });
    }
    for (const p of pluginData) {
      const idModel = p.idModel ?? id;
      const scope = this.cards.has(idModel) ? 'card' : p.scope === 'card' && !p.idModel ? 'board' : p.scope;
      this.pluginData.set(p.id, { ...p, idModel, scope });
    }
    for (const a of actions) this.addAction(a, id);
    if (Array.isArray(exportedChecklists)) for (const cl of exportedChecklists) this.loadChecklist(cl, id);
    return id;
  }

  /** A checklist of a board export (`checklists` beside `cards`), kept when its card is on the board. */
  private loadChecklist(raw: unknown, boardId: string): void {
    if (!isRecord(raw)) return;
    const { id, idCard } = raw;
    if (typeof id !== 'string' || typeof idCard !== 'string' || !this.cards.has(idCard)) return;
    const items = Array.isArray(raw.checkItems) ? raw.checkItems.filter(isRecord) : [];
    this.checklists.set(id, {
      id,
      name: String(raw.name ?? ''),
      idBoard: boardId,
      idCard,
      pos: Number(raw.pos ?? 16384),
      checkItems: items.flatMap((i): CheckItemRecord[] =>
        typeof i.id === 'string'
          ? [
              {
                id: i.id,
                idChecklist: id,
                name: String(i.name ?? ''),
                nameData: { emoji: {} },
                pos: Number(i.pos ?? 16384),
                state: i.state === 'complete' ? 'complete' : 'incomplete',
                due: typeof i.due === 'string' ? i.due : null,
                dueReminder: typeof i.dueReminder === 'number' ? i.dueReminder : null,
                idMember: typeof i.idMember === 'string' ? i.idMember : null,
              },
            ]
          : [],
      ),
    });
  }

  /**
   * Load a board exported from Trello ("Export as JSON"). An export holding Trello's cap of 1000 actions is cut: the
   * board's earlier history exists in Trello but not here, so the board is marked as held only from the export's
   * oldest action — the rule `nabiz audit` applies to the same file (shared/trello-export.ts) — and never passes for
   * complete history (docs/emulator.md "Cut history"). `loadBoard` (seeding, lossless copies) marks nothing.
   */
  loadExport(input: unknown): string {
    const id = this.loadBoard(input);
    const cut = snapshotFromTrello(input);
    const b = this.boards.get(id);
    if (b && cut.historyCut && cut.historyFrom) b.historyFrom = cut.historyFrom;
    return id;
  }

  removeBoard(boardId: string): void {
    this.boards.delete(boardId);
    const models = new Set([boardId]);
    for (const [k, l] of this.lists) if (l.idBoard === boardId) this.lists.delete(k);
    for (const [k, l] of this.labels) if (l.idBoard === boardId) this.labels.delete(k);
    for (const [k, c] of this.cards) {
      if (c.idBoard !== boardId) continue;
      models.add(k);
      this.cards.delete(k);
      this.cardActions.delete(k);
    }
    for (const a of this.boardActions.get(boardId) ?? []) this.actions.delete(a.id);
    this.boardActions.delete(boardId);
    for (const [k, p] of this.pluginData) if (p.idModel && models.has(p.idModel)) this.pluginData.delete(k);
    for (const [k, cl] of this.checklists) if (cl.idBoard === boardId) this.checklists.delete(k);
  }

  /** Index an action (any type). `boardId` defaults to data.board.id or the card's board. */
  addAction(action: TrelloAction, boardId?: string): TrelloAction {
    const cardId = action.data.card?.id;
    const bId = boardId ?? action.data.board?.id ?? (cardId ? this.cards.get(cardId)?.idBoard : undefined);
    if (!bId) throw new EmulatorError(`action ${action.id}: no board`);
    if (!action.memberCreator) {
      const m = this.members.get(action.idMemberCreator);
      if (m) action.memberCreator = memberPublic(m);
    }
    if (!action.data.board) {
      const b = this.boards.get(bId);
      if (b) action.data.board = { id: b.id, name: b.name, shortLink: b.shortLink };
    }
    const prev = this.actions.get(action.id);
    if (prev) this.deleteActionRecord(prev.id);
    this.actions.set(action.id, action);
    let arr = this.boardActions.get(bId);
    if (!arr) this.boardActions.set(bId, (arr = []));
    insertSorted(arr, action);
    if (cardId) {
      let ca = this.cardActions.get(cardId);
      if (!ca) this.cardActions.set(cardId, (ca = []));
      insertSorted(ca, action);
    }
    return action;
  }

  private deleteActionRecord(id: string): void {
    const a = this.actions.get(id);
    if (!a) return;
    this.actions.delete(id);
    for (const arr of this.boardActions.values()) removeFrom(arr, id);
    if (a.data.card?.id) removeFrom(this.cardActions.get(a.data.card.id), id);
  }

  // ───────────── domain operations (used by routes and seeding) ─────────────

  memberOf(id: string): TrelloMember {
    const m = this.members.get(id);
    if (!m) throw new EmulatorError(`unknown member ${id}`);
    return m;
  }

  memberPublic(id: string) {
    const m = this.members.get(id);
    return m ? memberPublic(m) : { id, fullName: '', username: '', initials: '', avatarHash: null };
  }

  private cardRefs(cardId: string) {
    const card = this.cards.get(cardId);
    if (!card) throw new EmulatorError(`unknown card ${cardId}`);
    const board = this.boards.get(card.idBoard);
    if (!board) throw new EmulatorError(`card ${cardId}: unknown board ${card.idBoard}`);
    const list = this.lists.get(card.idList);
    return {
      card: { id: card.id, name: card.name, idShort: card.idShort, shortLink: card.shortLink },
      board: { id: board.id, name: board.name, shortLink: board.shortLink },
      list: list ? { id: list.id, name: list.name } : undefined,
    };
  }

  private baseAction(type: string, memberId: string, at: Date, data: TrelloAction['data']): TrelloAction {
    return {
      id: this.newId(at),
      idMemberCreator: memberId,
      data,
      appCreator: null,
      type,
      date: at.toISOString(),
      limits:
        type === 'commentCard'
          ? { reactions: { perAction: { status: 'ok', disableAt: 900, warnAt: 720 }, uniquePerAction: { status: 'ok', disableAt: 17, warnAt: 14 } } }
          : {},
      memberCreator: this.memberPublic(memberId),
    };
  }

  addComment(cardId: string, memberId: string, text: string, at: Date = this.clock()): TrelloAction {
    const refs = this.cardRefs(cardId);
    const a = this.baseAction('commentCard', memberId, at, { text, textData: { emoji: {} }, ...refs });
    this.addAction(a);
    const card = this.cards.get(cardId);
    if (card) card.dateLastActivity = a.date;
    return a;
  }

  /** Trello's edit: rewrite data.text, set data.dateLastEdited, keep date; record updateComment (old text). */
  editComment(actionId: string, memberId: string, text: string, at: Date = this.clock()): { comment: TrelloAction; update: TrelloAction } {
    const c = this.actions.get(actionId);
    if (c?.type !== 'commentCard') throw new EmulatorError(`no comment ${actionId}`);
    const old = c.data.text ?? '';
    c.data.text = text;
    c.data.dateLastEdited = at.toISOString();
    const refs = this.cardRefs(c.data.card?.id ?? '');
    const update = this.baseAction('updateComment', memberId, at, { action: { id: c.id, text }, old: { text: old }, ...refs });
    this.addAction(update);
    return { comment: c, update };
  }

  /** Trello's delete: the commentCard disappears; a deleteComment without text is recorded. */
  deleteComment(actionId: string, memberId: string, at: Date = this.clock()): TrelloAction {
    const c = this.actions.get(actionId);
    if (c?.type !== 'commentCard') throw new EmulatorError(`no comment ${actionId}`);
    const refs = this.cardRefs(c.data.card?.id ?? '');
    this.deleteActionRecord(actionId);
    const del = this.baseAction('deleteComment', memberId, at, { action: { id: actionId }, ...refs });
    return this.addAction(del);
  }

  /**
   * Trello's "create card" (`POST /1/cards`, `idList` required; Trello's REST reference "Create a new Card", trello.js
   * Parameters.CreateCard): a card at the bottom of the list, next idShort of the board, and a `createCard` action
   * with `data: {card: {id, name, idShort, shortLink}, list: {id, name}, board}` (Trello's action-types list names
   * `createCard`; data as the other card actions carry it).
   */
  addCard(
    listId: string,
    name: string,
    desc: string,
    memberId: string,
    at: Date = this.clock(),
  ): { card: TrelloCard & { idBoard: string }; action: TrelloAction } {
    const list = this.lists.get(listId);
    if (!list) throw new EmulatorError(`unknown list ${listId}`);
    const onBoard = [...this.cards.values()].filter((c) => c.idBoard === list.idBoard);
    const id = this.newId(at);
    const idShort = onBoard.reduce((m, c) => Math.max(m, c.idShort ?? 0), 0) + 1;
    const shortLink = shortLinkFrom(id);
    const pos = onBoard.filter((c) => c.idList === listId).reduce((m, c) => Math.max(m, c.pos ?? 0), 0) + 16384;
    const card: TrelloCard & { idBoard: string } = {
      id,
      name,
      desc,
      idList: listId,
      idBoard: list.idBoard,
      closed: false,
      idMembers: [],
      idLabels: [],
      pos,
      idShort,
      shortLink,
      url: `https://trello.com/c/${shortLink}/${idShort}-${slug(name)}`,
      dateLastActivity: at.toISOString(),
    };
    this.cards.set(id, card);
    const action = this.addAction(this.baseAction('createCard', memberId, at, this.cardRefs(id)));
    return { card, action };
  }

  /** The card's checklists in position order (GET /1/cards/{id}/checklists). */
  cardChecklists(cardId: string): ChecklistRecord[] {
    return [...this.checklists.values()].filter((c) => c.idCard === cardId).sort((a, b) => a.pos - b.pos);
  }

  /**
   * Trello's "add checklist": the checklist (no items yet) and an `addChecklistToCard` action with
   * `data: {card, board, list, checklist: {id, name}}` (Trello's action-types guide).
   */
  addChecklist(cardId: string, name: string, memberId: string, at: Date = this.clock(), pos?: number): { checklist: ChecklistRecord; action: TrelloAction } {
    const refs = this.cardRefs(cardId);
    const card = this.cards.get(cardId);
    if (!card) throw new EmulatorError(`unknown card ${cardId}`);
    const existing = this.cardChecklists(cardId);
    const checklist: ChecklistRecord = {
      id: this.newId(at),
      name,
      idBoard: card.idBoard,
      idCard: cardId,
      pos: pos ?? (existing.at(-1)?.pos ?? 0) + 16384,
      checkItems: [],
    };
    this.checklists.set(checklist.id, checklist);
    const action = this.addAction(this.baseAction('addChecklistToCard', memberId, at, { ...refs, checklist: { id: checklist.id, name } }));
    card.dateLastActivity = action.date;
    return { checklist, action };
  }

  /** Trello records no action when an item is added (only the board's check-item counts change). */
  addCheckItem(checklistId: string, name: string, checked = false, at: Date = this.clock()): CheckItemRecord {
    const cl = this.checklists.get(checklistId);
    if (!cl) throw new EmulatorError(`unknown checklist ${checklistId}`);
    const item: CheckItemRecord = {
      id: this.newId(at),
      idChecklist: cl.id,
      name,
      nameData: { emoji: {} },
      pos: (cl.checkItems.at(-1)?.pos ?? 0) + 16384,
      state: checked ? 'complete' : 'incomplete',
      due: null,
      dueReminder: null,
      idMember: null,
    };
    cl.checkItems.push(item);
    return item;
  }

  /**
   * Ticking or unticking an item: an `updateCheckItemStateOnCard` action with
   * `data: {card, board, checklist: {id, name}, checkItem: {id, name, state}}` (shape of Trello's webhook payloads in
   * public fixtures, e.g. a 2015 payload `{"checklist": {"name", "id"}, "checkItem": {"state": "complete", "name", "id"}}`).
   * No action when the state does not change.
   */
  setCheckItemState(
    cardId: string,
    itemId: string,
    checkState: 'complete' | 'incomplete',
    memberId: string,
    at: Date = this.clock(),
  ): { item: CheckItemRecord; action: TrelloAction | null } {
    const cl = this.cardChecklists(cardId).find((c) => c.checkItems.some((i) => i.id === itemId));
    const item = cl?.checkItems.find((i) => i.id === itemId);
    if (!cl || !item) throw new EmulatorError(`no check item ${itemId} on card ${cardId}`);
    if (item.state === checkState) return { item, action: null };
    item.state = checkState;
    const refs = this.cardRefs(cardId);
    const action = this.addAction(
      this.baseAction('updateCheckItemStateOnCard', memberId, at, {
        ...refs,
        checklist: { id: cl.id, name: cl.name },
        checkItem: { id: item.id, name: item.name, state: checkState },
      }),
    );
    const card = this.cards.get(cardId);
    if (card) card.dateLastActivity = action.date;
    return { item, action };
  }

  /**
   * Trello's card membership change: the card's idMembers changes and an addMemberToCard / removeMemberFromCard
   * action is recorded with `data: {idMember, card, board, list}` and the member itself (Trello.NET's
   * RemoveMemberFromCardAction, github.com/dillenmeister/Trello.NET; trello.js models/actionAddMemberToCard).
   * Returns null when nothing changes (already on / not on the card).
   */
  changeCardMember(cardId: string, memberId: string, op: 'add' | 'remove', by: string, at: Date = this.clock()): TrelloAction | null {
    const card = this.cards.get(cardId);
    if (!card) throw new EmulatorError(`unknown card ${cardId}`);
    const on = card.idMembers.includes(memberId);
    if (op === 'add' ? on : !on) return null;
    card.idMembers = op === 'add' ? [...card.idMembers, memberId] : card.idMembers.filter((m) => m !== memberId);
    card.dateLastActivity = at.toISOString();
    const refs = this.cardRefs(cardId);
    const a = this.baseAction(op === 'add' ? 'addMemberToCard' : 'removeMemberFromCard', by, at, {
      idMember: memberId,
      ...(op === 'remove' ? { deactivated: false } : {}),
      ...refs,
    });
    a.member = this.memberPublic(memberId);
    return this.addAction(a);
  }

  /**
   * What a Power-Up's `t.set(scope, 'shared', …)` leaves in Trello: the plugin's one shared entry on the card or
   * board replaced (created when missing). Trello records no action for it (docs/trello.md §4).
   */
  setPluginData(idModel: string, value: string, idPlugin = 'nabiz-demo-plugin'): TrelloPluginData {
    if (!this.cards.has(idModel) && !this.boards.has(idModel)) throw new EmulatorError(`no card or board ${idModel}`);
    for (const p of this.pluginData.values()) {
      if (p.idModel === idModel && p.idPlugin === idPlugin) {
        p.value = value;
        return p;
      }
    }
    return this.addPluginData(idModel, value, idPlugin);
  }

  addPluginData(idModel: string, value: unknown, idPlugin = 'nabiz-demo-plugin', at?: Date): TrelloPluginData {
    const scope = this.cards.has(idModel) ? 'card' : 'board';
    const p: TrelloPluginData = {
      id: this.newId(at),
      idPlugin,
      scope,
      idModel,
      value: typeof value === 'string' ? value : JSON.stringify(value),
      access: 'shared',
    };
    this.pluginData.set(p.id, p);
    return p;
  }

  /**
   * Board as a Trello JSON export: actions newest first, capped at 1000 like Trello's export and without
   * updateComment (TRELLO-787). `allTypes` + `actionsLimit: Infinity` give a lossless copy for re-loading.
   */
  exportBoard(boardId: string, opts: { actionsLimit?: number; allTypes?: boolean; clone?: boolean } = {}): EmulatedBoard {
    const b = this.boards.get(boardId);
    if (!b) throw new EmulatorError(`unknown board ${boardId}`);
    const cards = [...this.cards.values()].filter((c) => c.idBoard === boardId);
    const actions = [...(this.boardActions.get(boardId) ?? [])]
      .filter((a) => opts.allTypes || !EXCLUDED_FROM_LISTS.has(a.type))
      .reverse()
      .slice(0, opts.actionsLimit ?? 1000);
    const memberIds = new Set(b.memberships.map((m) => m.idMember));
    const pdByModel = new Map<string, TrelloPluginData[]>();
    for (const p of this.pluginData.values()) if (p.idModel) pdByModel.set(p.idModel, [...(pdByModel.get(p.idModel) ?? []), p]);
    const out: EmulatedBoard = {
      ...b.extra,
      id: b.id,
      name: b.name,
      desc: b.desc,
      closed: b.closed,
      url: b.url,
      shortLink: b.shortLink,
      idOrganization: b.idOrganization,
      lists: [...this.lists.values()].filter((l) => l.idBoard === boardId),
      labels: [...this.labels.values()].filter((l) => l.idBoard === boardId),
      cards: cards.map((c) => ({ ...c, pluginData: pdByModel.get(c.id) ?? [] })),
      members: [...memberIds].map((m) => this.members.get(m)).filter((m): m is TrelloMember => !!m),
      memberships: b.memberships,
      actions,
      // Trello's export carries the board's checklists beside its cards.
      checklists: [...this.checklists.values()].filter((c) => c.idBoard === boardId),
      pluginData: pdByModel.get(boardId) ?? [],
      // A cut board stays cut in its exports (shared/trello-export.ts reads the mark).
      ...(b.historyFrom ? { emulatorHistoryFrom: b.historyFrom } : {}),
    };
    return opts.clone === false ? out : structuredClone(out);
  }

  clear(): void {
    for (const m of [
      this.boards,
      this.lists,
      this.cards,
      this.members,
      this.labels,
      this.actions,
      this.pluginData,
      this.webhooks,
      this.boardActions,
      this.cardActions,
      this.checklists,
    ])
      m.clear();
  }
}

export function slug(name: string): string {
  return (
    name
      .toLocaleLowerCase('tr')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/ı/g, 'i')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'board'
  );
}
