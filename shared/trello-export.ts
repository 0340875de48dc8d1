/**
 * Trello board JSON → `BoardSnapshot` (docs/architecture.md, docs/operations.md; docs/trello.md §6, §12).
 *
 * One reader for both sources, so `nabiz audit` (a menu export) and the REST scanner give identical
 * findings: the export "Print, export and share → Export as JSON", and the REST shapes
 * `GET /1/boards/{id}?cards=open&card_pluginData=true&lists=all&members=all&pluginData=true`
 * + `GET /1/boards/{id}/actions?filter=commentCard` (edits/deletions arrive by webhook, in the ledger).
 * The schemas are lenient (loose objects, optional fields): Trello adds fields freely, and an
 * unknown action type or field must never stop an audit.
 *
 * @example
 *   const snap = snapshotFromTrello(JSON.parse(fs.readFileSync('board.json', 'utf8')));
 *   snap.historyCut // true when the export holds Trello's cap of 1000 actions
 */
import { z } from 'zod';
import { checklistsByCard, ticksFromActions, type CheckTick } from './checklists.js';
import type { CheckItemFact, Fact, MemberFact } from './facts.js';
import { isRecord } from './guards.js';
import type { BoardSnapshot, CardSnapshot, CommentRecord, ListInfo, MemberInfo } from './types.js';

/** A Trello (Mongo) id: 24 hex digits, the first 8 being the creation time in seconds. */
const TRELLO_ID = /^[0-9a-f]{24}$/i;

/** Trello caps the actions of a board export (and one actions page) at 1000. */
export const TRELLO_ACTIONS_CAP = 1000;

const str = z.string();
const optStr = z.string().nullish();
const optBool = z.boolean().nullish();
/** What lists, cards and boards share. Every schema is loose: unknown fields pass through. */
const model = { id: str, name: optStr, closed: optBool };

export const TrelloPluginDataSchema = z.looseObject({
  id: optStr,
  idPlugin: optStr,
  scope: optStr,
  idModel: optStr,
  value: z.unknown(),
  access: optStr,
});
export type TrelloPluginData = z.infer<typeof TrelloPluginDataSchema>;

const member = { id: str, fullName: optStr, username: optStr };
export const TrelloMemberSchema = z.looseObject(member);
export type TrelloMember = z.infer<typeof TrelloMemberSchema>;

export const TrelloListSchema = z.looseObject(model);
export type TrelloList = z.infer<typeof TrelloListSchema>;

const pluginDataList = z.array(TrelloPluginDataSchema).nullish();

export const TrelloCardSchema = z.looseObject({
  ...model,
  idList: optStr,
  idMembers: z.array(str).nullish(),
  url: optStr,
  shortUrl: optStr,
  shortLink: optStr,
  dateLastActivity: optStr,
  isTemplate: optBool,
  pluginData: pluginDataList,
});
export type TrelloCard = z.infer<typeof TrelloCardSchema>;

/**
 * An action: `commentCard` `{data: {text, dateLastEdited?, card}}`, `updateComment`
 * `{data: {action: {id, text}, old: {text}, card}}`, `deleteComment` `{data: {action: {id}, card}}`;
 * any other type passes through and is ignored.
 */
export const TrelloActionSchema = z.looseObject({
  id: str,
  type: str,
  date: str,
  idMemberCreator: optStr,
  memberCreator: z.looseObject({ ...member, id: optStr }).nullish(),
  data: z
    .looseObject({
      text: optStr,
      dateLastEdited: optStr,
      /** addMemberToCard / removeMemberFromCard: the member added or removed. */
      idMember: optStr,
      card: z.looseObject({ id: str, name: optStr }).nullish(),
      action: z.looseObject({ id: str, text: optStr }).nullish(),
      old: z.looseObject({ text: optStr }).nullish(),
    })
    .nullish(),
});
export type TrelloAction = z.infer<typeof TrelloActionSchema>;

export const TrelloBoardSchema = z.looseObject({
  ...model,
  url: optStr,
  cards: z.array(TrelloCardSchema),
  lists: z.array(TrelloListSchema).nullish(),
  members: z.array(TrelloMemberSchema).nullish(),
  pluginData: pluginDataList,
  // Elements are checked one by one (below) so one odd action cannot reject the whole export.
  actions: z.array(z.unknown()).nullish(),
  /**
   * Not a Trello field: the Nabız emulator's mark on a board it serves from a cut export (docs/emulator.md "Cut
   * history"): the instant from which it holds the board's actions. Trello keeps a board's whole history and never
   * sends it.
   */
  emulatorHistoryFrom: optStr,
});
export type TrelloBoard = z.infer<typeof TrelloBoardSchema>;

/** Thrown when the input is no Trello board: the message names what is wrong (the CLI prints it as one line). */
export class TrelloExportError extends Error {
  override name = 'TrelloExportError';
}

function zodPath(issue: { path: PropertyKey[] }): string {
  return issue.path.length ? issue.path.map(String).join('.') : '(top level)';
}

/**
 * Validates a board object (export or REST). Throws `TrelloExportError` with one readable line:
 * `no "cards" array`, `cards.3.id: …`.
 */
export function parseTrelloBoard(board: unknown): TrelloBoard {
  if (!isRecord(board)) {
    throw new TrelloExportError('not a Trello board: expected a JSON object with "id" and "cards"');
  }
  const b = board;
  if (!Array.isArray(b.cards) && typeof b.idList === 'string' && typeof b.idBoard === 'string') {
    throw new TrelloExportError("a single card's export, not a board's: export the whole board (board menu: Print, export and share → Export as JSON)");
  }
  if (!Array.isArray(b.cards)) {
    throw new TrelloExportError('not a Trello board export: no "cards" array (export it from the board menu: Print, export and share → Export as JSON)');
  }
  const res = TrelloBoardSchema.safeParse(board);
  if (!res.success) {
    const first = res.error.issues[0];
    throw new TrelloExportError(`not a valid Trello board export: ${first ? `${zodPath(first)}: ${first.message}` : res.error.message}`);
  }
  return res.data;
}

function pluginValue(value: unknown): string {
  if (typeof value === 'string') return value;
  // Some tools re-serialise exports with the value already parsed.
  return value === undefined || value === null ? '' : JSON.stringify(value);
}

function pluginData(list: TrelloPluginData[] | null | undefined): Array<{ idPlugin?: string; value: string }> {
  return (list ?? []).map((p) => (p.idPlugin ? { idPlugin: p.idPlugin, value: pluginValue(p.value) } : { value: pluginValue(p.value) }));
}

function laterIso(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/** A tick read from the export as a dated fact (the same Trello action as the card's checkTicks entry). */
function tickFact(t: CheckTick): CheckItemFact {
  return {
    kind: 'check-item',
    cardId: t.cardId,
    checklistId: t.checklistId,
    itemId: t.itemId,
    itemName: t.itemName,
    state: t.state,
    at: t.at,
    timeSource: 'trello',
    actionId: t.actionId,
    ...(t.memberId ? { by: t.memberId } : {}),
  };
}

/** Two lists of Trello-dated facts as one, oldest first (ties: action id). */
function mergeFacts(a: ReadonlyArray<MemberFact | CheckItemFact>, b: ReadonlyArray<MemberFact | CheckItemFact>): Fact[] {
  return [...a, ...b].sort((x, y) => Date.parse(x.at) - Date.parse(y.at) || (x.actionId < y.actionId ? -1 : x.actionId > y.actionId ? 1 : 0));
}

/**
 * Builds the evaluator's snapshot. `actions` (REST: the paged `/boards/{id}/actions`) replaces the
 * export's own `actions` when given. The history counts as cut for an export holding Trello's cap
 * (the REST scanner pages until the beginning), and for a board the emulator marks as served from such
 * an export (`emulatorHistoryFrom`).
 *
 * Facts: `addMemberToCard` / `removeMemberFromCard` → `facts` (MemberFact, Trello's time), oldest first; none → absent;
 * with them, `updateCheckItemStateOnCard` → CheckItemFact too (always also on the card's `checkTicks`).
 * Comments: `commentCard` → a record (text after edits, `data.dateLastEdited` → `editedAt`);
 * `updateComment` → `editedAt` (latest) and `originalText` (the oldest `old.text`);
 * `deleteComment` → `deletedAt`; a deletion whose comment is no longer listed keeps a record with
 * empty text, so the deletion itself stays visible as evidence.
 * Throws `TrelloExportError` when the board itself is malformed; bad single actions are skipped.
 */
export function snapshotFromTrello(board: unknown, actions?: unknown[]): BoardSnapshot {
  const b = parseTrelloBoard(board);
  const rawActions = actions ?? b.actions ?? [];
  const parsed: TrelloAction[] = [];
  for (const raw of rawActions) {
    const r = TrelloActionSchema.safeParse(raw);
    if (r.success && Number.isFinite(Date.parse(r.data.date))) parsed.push(r.data);
  }

  const members = new Map<string, MemberInfo>();
  for (const m of b.members ?? []) {
    members.set(m.id, { id: m.id, fullName: m.fullName ?? m.username ?? m.id, ...(m.username ? { username: m.username } : {}) });
  }

  const comments = new Map<string, CommentRecord>();
  const edits: TrelloAction[] = [];
  const deletes: TrelloAction[] = [];
  let oldest: string | undefined;
  let newest: string | undefined;
  /** Oldest action per card (any type: createCard, commentCard …), for ids without a timestamp. */
  const firstOfCard = new Map<string, string>();
  for (const a of parsed) {
    if (!oldest || Date.parse(a.date) < Date.parse(oldest)) oldest = a.date;
    if (!newest || Date.parse(a.date) > Date.parse(newest)) newest = a.date;
    const onCard = a.data?.card?.id;
    if (onCard) {
      const known = firstOfCard.get(onCard);
      if (!known || Date.parse(a.date) < Date.parse(known)) firstOfCard.set(onCard, a.date);
    }
    const author = a.idMemberCreator ?? a.memberCreator?.id ?? '';
    // Authors who left the board still name their comments.
    if (author && !members.has(author) && a.memberCreator) {
      const mc = a.memberCreator;
      members.set(author, { id: author, fullName: mc.fullName ?? mc.username ?? author, ...(mc.username ? { username: mc.username } : {}) });
    }
    if (a.type === 'commentCard') {
      const cardId = a.data?.card?.id;
      if (!cardId) continue;
      const rec: CommentRecord = { id: a.id, cardId, authorId: author, postedAt: a.date, text: a.data?.text ?? '' };
      const name = a.memberCreator?.fullName ?? members.get(author)?.fullName;
      if (name) rec.authorName = name;
      if (a.data?.dateLastEdited) rec.editedAt = a.data.dateLastEdited;
      comments.set(a.id, rec);
    } else if (a.type === 'updateComment') {
      edits.push(a);
    } else if (a.type === 'deleteComment') {
      deletes.push(a);
    }
  }
  // Oldest edit first, so `originalText` is the text before the first known edit.
  edits.sort((x, y) => Date.parse(x.date) - Date.parse(y.date));
  for (const a of edits) {
    const rec = a.data?.action?.id ? comments.get(a.data.action.id) : undefined;
    if (!rec) continue;
    rec.editedAt = laterIso(rec.editedAt, a.date);
    if (rec.originalText === undefined && typeof a.data?.old?.text === 'string') rec.originalText = a.data.old.text;
  }
  for (const a of deletes) {
    const id = a.data?.action?.id;
    const cardId = a.data?.card?.id;
    if (!id) continue;
    const rec = comments.get(id);
    if (rec) rec.deletedAt = a.date;
    else if (cardId) {
      comments.set(id, { id, cardId, authorId: a.idMemberCreator ?? '', postedAt: a.date, text: '', deletedAt: a.date });
    }
  }

  const lists: ListInfo[] = (b.lists ?? []).map((l) => ({ id: l.id, name: l.name ?? '', closed: l.closed === true }));
  // Checklists and their tick facts (docs/trello.md §7a), by card.
  const checklists = checklistsByCard(b.checklists);
  const ticks = new Map<string, CheckTick[]>();
  for (const t of ticksFromActions(rawActions)) ticks.set(t.cardId, [...(ticks.get(t.cardId) ?? []), t]);
  const cards: CardSnapshot[] = b.cards.map((c) => {
    const card: CardSnapshot = {
      id: c.id,
      name: c.name ?? '',
      idList: c.idList ?? '',
      closed: c.closed === true,
      idMembers: c.idMembers ?? [],
      pluginData: pluginData(c.pluginData),
    };
    const url = c.url ?? c.shortUrl;
    if (url) card.url = url;
    if (c.shortLink) card.shortLink = c.shortLink;
    if (c.isTemplate === true) card.isTemplate = true;
    const cls = checklists.get(c.id);
    if (cls) card.checklists = cls;
    const cardTicks = ticks.get(c.id);
    if (cardTicks) card.checkTicks = cardTicks;
    if (!TRELLO_ID.test(c.id)) {
      const createdAt = firstOfCard.get(c.id) ?? newest;
      if (createdAt) card.createdAt = new Date(Date.parse(createdAt)).toISOString();
    }
    return card;
  });

  // Card membership changes (addMemberToCard / removeMemberFromCard, in every export and on the API): dated facts
  // with Trello's time, so a card handed over is judged with its owner of the day (docs/rules.md "Facts in force").
  const memberFacts: MemberFact[] = [];
  for (const a of parsed) {
    if (a.type !== 'addMemberToCard' && a.type !== 'removeMemberFromCard') continue;
    const cardId = a.data?.card?.id;
    const memberId = a.data?.idMember ?? (isRecord(a.member) ? a.member.id : undefined);
    if (!cardId || typeof memberId !== 'string' || !memberId) continue;
    const by = a.idMemberCreator ?? a.memberCreator?.id;
    memberFacts.push({
      kind: 'member',
      cardId,
      memberId,
      op: a.type === 'addMemberToCard' ? 'add' : 'remove',
      at: new Date(Date.parse(a.date)).toISOString(),
      timeSource: 'trello',
      actionId: a.id,
      ...(by ? { by } : {}),
    });
  }
  memberFacts.sort((x, y) => Date.parse(x.at) - Date.parse(y.at) || (x.actionId < y.actionId ? -1 : x.actionId > y.actionId ? 1 : 0));

  const snap: BoardSnapshot = {
    id: b.id,
    name: b.name ?? '',
    lists,
    members: [...members.values()],
    cards,
    pluginData: pluginData(b.pluginData),
    comments: [...comments.values()].sort((x, y) => Date.parse(x.postedAt) - Date.parse(y.postedAt) || (x.id < y.id ? -1 : 1)),
    historyCut: false,
  };
  if (b.url) snap.url = b.url;
  // The board object's `closed`: archived (closed) in Trello, still readable by its members (docs/operations.md).
  if (b.closed === true) snap.closed = true;
  // Only membership and ticks are dated in an export: pluginData versions are not (factsFrom stays unset). Ticks
  // join facts that membership started; alone they stay on the cards' checkTicks (the rules read both: shared/checklists.ts
  // cardTicks), so a tick never switches an export to facts in force.
  if (memberFacts.length) snap.facts = mergeFacts(memberFacts, [...ticks.values()].flat().map(tickFact));
  // Complete only from the later of: the oldest action of an export holding Trello's cap, and the instant the
  // emulator says it holds the board from (a board loaded from such an export, served or exported again).
  let from: number | undefined;
  if (actions === undefined && rawActions.length >= TRELLO_ACTIONS_CAP && oldest) from = Date.parse(oldest);
  const declared = b.emulatorHistoryFrom ? Date.parse(b.emulatorHistoryFrom) : NaN;
  if (Number.isFinite(declared) && (from === undefined || declared > from)) from = declared;
  if (from !== undefined) {
    snap.historyCut = true;
    snap.historyFrom = new Date(from).toISOString();
  }
  return snap;
}
