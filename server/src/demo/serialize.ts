// Trello's JSON shapes for the records of EmulatorState (docs/trello.md §6), with `fields` selection.
import { isRecord } from '../../../shared/guards.js';
import type { TrelloAction, TrelloLabel, TrelloList, TrelloMember, TrelloPluginData } from './model.js';
import { initialsOf, type BoardRecord, type EmulatorState } from './state.js';
import { idTime } from './ids.js';

/** `fields=a,b` → pick (id always kept); `all` or undefined → everything. */
export function pickFields<T extends Record<string, unknown>>(obj: T, fields: string | undefined, defaults?: readonly string[]): Record<string, unknown> {
  const wanted =
    fields === undefined
      ? defaults
      : fields === 'all'
        ? undefined
        : fields
            .split(',')
            .map((f) => f.trim())
            .filter(Boolean);
  if (!wanted) return obj;
  const out: Record<string, unknown> = {};
  if ('id' in obj) out.id = obj.id;
  for (const f of wanted) if (f in obj) out[f] = obj[f];
  return out;
}

export const BOARD_DEFAULT_FIELDS = [
  'name',
  'desc',
  'descData',
  'closed',
  'idOrganization',
  'idEnterprise',
  'pinned',
  'url',
  'shortUrl',
  'prefs',
  'labelNames',
] as const;
export const MEMBER_NESTED_FIELDS = ['fullName', 'username'] as const;

const LABEL_NAMES = { green: '', yellow: '', orange: '', red: '', purple: '', blue: '', sky: '', lime: '', pink: '', black: '' };

export function boardFull(s: EmulatorState, b: BoardRecord): Record<string, unknown> {
  const last = s.boardActions.get(b.id)?.at(-1)?.date ?? idTime(b.id).toISOString();
  return {
    id: b.id,
    name: b.name,
    desc: b.desc,
    descData: null,
    closed: b.closed,
    dateClosed: null,
    idOrganization: b.idOrganization,
    idEnterprise: null,
    limits: {},
    pinned: false,
    starred: false,
    url: b.url,
    prefs: {
      permissionLevel: 'private',
      comments: 'members',
      invitations: 'members',
      selfJoin: true,
      cardCovers: true,
      background: 'blue',
      backgroundColor: '#0079BF',
    },
    shareableUrl: null,
    subscribed: false,
    labelNames: LABEL_NAMES,
    dateLastActivity: last,
    dateLastView: last,
    shortLink: b.shortLink,
    shortUrl: `https://trello.com/b/${b.shortLink}`,
    idTags: [],
    datePluginDisable: null,
    creationMethod: null,
    idMemberCreator: b.memberships.find((m) => m.memberType === 'admin')?.idMember ?? b.memberships[0]?.idMember ?? null,
    memberships: b.memberships,
    ...b.extra,
  };
}

function badgesDefault(description: boolean): Record<string, unknown> {
  return {
    attachmentsByType: { trello: { board: 0, card: 0 } },
    location: false,
    votes: 0,
    viewingMemberVoted: false,
    subscribed: false,
    fogbugz: '',
    checkItems: 0,
    checkItemsChecked: 0,
    checkItemsEarliestDue: null,
    attachments: 0,
    description,
    due: null,
    dueComplete: false,
    start: null,
  };
}

export function cardFull(s: EmulatorState, c: ReturnType<EmulatorState['cards']['get']> & object): Record<string, unknown> {
  const comments = (s.cardActions.get(c.id) ?? []).filter((a) => a.type === 'commentCard').length;
  const labels = c.idLabels
    .map((id) => s.labels.get(id))
    .filter((l): l is NonNullable<typeof l> => !!l)
    .map(labelJson);
  const { pluginData: _pd, id: _id, ...rest } = c;
  const checklists = s.cardChecklists(c.id);
  const items = checklists.flatMap((cl) => cl.checkItems);
  return {
    id: c.id,
    checkItemStates: [],
    dueComplete: false,
    dateLastActivity: c.dateLastActivity ?? s.cardActions.get(c.id)?.at(-1)?.date ?? idTime(c.id).toISOString(),
    descData: { emoji: {} },
    due: null,
    dueReminder: null,
    email: null,
    idChecklists: checklists.map((cl) => cl.id),
    idMembersVoted: [],
    idAttachmentCover: null,
    manualCoverAttachment: false,
    pos: 16384,
    isTemplate: false,
    cardRole: null,
    start: null,
    subscribed: false,
    shortUrl: `https://trello.com/c/${c.shortLink}`,
    cover: { idAttachment: null, color: null, idUploadedBackground: null, size: 'normal', brightness: 'dark', idPlugin: null },
    ...rest,
    labels,
    // The card's badges count the items of all its checklists (card `badges.checkItems` / `checkItemsChecked`).
    badges: {
      ...(isRecord(rest.badges) ? rest.badges : {}),
      ...badgesDefault(c.desc !== ''),
      comments,
      checkItems: items.length,
      checkItemsChecked: items.filter((i) => i.state === 'complete').length,
    },
  };
}

export function listJson(l: TrelloList & { idBoard: string }): Record<string, unknown> {
  return { pos: 16384, subscribed: false, softLimit: null, type: null, datasource: { filter: false }, ...l };
}

export function labelJson(l: TrelloLabel & { idBoard?: string }): Record<string, unknown> {
  return { id: l.id, idBoard: l.idBoard, name: l.name, color: l.color, uses: typeof l.uses === 'number' ? l.uses : 0 };
}

export function memberFull(s: EmulatorState, m: TrelloMember): Record<string, unknown> {
  const idBoards = [...s.boards.values()].filter((b) => b.memberships.some((x) => x.idMember === m.id)).map((b) => b.id);
  return {
    activityBlocked: false,
    avatarHash: null,
    avatarUrl: null,
    bio: '',
    bioData: null,
    confirmed: true,
    idEnterprise: null,
    idMemberReferrer: null,
    initials: initialsOf(m.fullName),
    memberType: 'normal',
    nonPublic: {},
    nonPublicAvailable: true,
    products: [],
    url: `https://trello.com/${m.username}`,
    status: 'disconnected',
    idBoards,
    idOrganizations: [],
    ...m,
  };
}

export function pluginDataJson(p: TrelloPluginData): Record<string, unknown> {
  return { id: p.id, idPlugin: p.idPlugin, scope: p.scope, idModel: p.idModel, value: p.value, access: p.access };
}

export function actionJson(a: TrelloAction, q: { fields?: string; memberCreator?: string; memberCreator_fields?: string } = {}): Record<string, unknown> {
  // Shallow copy: responses are serialised at once, nothing keeps a reference to the stored action.
  if (!q.fields && !q.memberCreator && !q.memberCreator_fields) return a;
  const copy: Record<string, unknown> = { ...a };
  if (q.memberCreator === 'false') delete copy.memberCreator;
  else if (q.memberCreator_fields && a.memberCreator) {
    copy.memberCreator = pickFields(a.memberCreator, q.memberCreator_fields);
  }
  if (!q.fields || q.fields === 'all') return copy;
  const picked = pickFields(copy, q.fields);
  if (copy.memberCreator && q.memberCreator !== 'false') picked.memberCreator = copy.memberCreator;
  return picked;
}
