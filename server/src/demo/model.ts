// The emulator's data model: Trello's own JSON shapes (docs/trello.md §6–§13), as found in a board's
// "Export as JSON". Loose objects: unknown Trello fields are kept and served back unchanged.
import { z } from 'zod';

const id = z.string().min(1);

export const TrelloMemberSchema = z.looseObject({
  id,
  fullName: z.string().default(''),
  username: z.string().default(''),
  initials: z.string().optional(),
  avatarHash: z.string().nullable().optional(),
});
export type TrelloMember = z.infer<typeof TrelloMemberSchema>;

export const TrelloMembershipSchema = z.looseObject({
  id: z.string().optional(),
  idMember: id,
  memberType: z.enum(['admin', 'normal', 'observer']).or(z.string()).default('normal'),
  unconfirmed: z.boolean().optional(),
  deactivated: z.boolean().optional(),
});
export type TrelloMembership = z.infer<typeof TrelloMembershipSchema>;

export const TrelloListSchema = z.looseObject({
  id,
  name: z.string(),
  closed: z.boolean().default(false),
  pos: z.number().optional(),
  idBoard: z.string().optional(),
});
export type TrelloList = z.infer<typeof TrelloListSchema>;

export const TrelloLabelSchema = z.looseObject({
  id,
  name: z.string().default(''),
  color: z.string().nullable().default(null),
  idBoard: z.string().optional(),
});
export type TrelloLabel = z.infer<typeof TrelloLabelSchema>;

export const TrelloPluginDataSchema = z.looseObject({
  id,
  idPlugin: z.string().default(''),
  scope: z.enum(['board', 'card', 'member', 'organization']).or(z.string()).default('card'),
  idModel: z.string().optional(),
  value: z.string(),
  access: z.string().default('shared'),
});
export type TrelloPluginData = z.infer<typeof TrelloPluginDataSchema>;

export const TrelloCardSchema = z.looseObject({
  id,
  name: z.string(),
  idList: id,
  closed: z.boolean().default(false),
  idMembers: z.array(z.string()).default([]),
  idLabels: z.array(z.string()).default([]),
  desc: z.string().default(''),
  pos: z.number().optional(),
  idShort: z.number().optional(),
  shortLink: z.string().optional(),
  url: z.string().optional(),
  dateLastActivity: z.string().optional(),
  idBoard: z.string().optional(),
  pluginData: z.array(TrelloPluginDataSchema).optional(),
});
export type TrelloCard = z.infer<typeof TrelloCardSchema>;

const refSchema = z.looseObject({ id: z.string() });

export const TrelloActionSchema = z.looseObject({
  id,
  idMemberCreator: z.string(),
  type: z.string(),
  date: z.string(),
  data: z.looseObject({
    text: z.string().optional(),
    dateLastEdited: z.string().optional(),
    card: refSchema.optional(),
    board: refSchema.optional(),
    list: refSchema.optional(),
    action: refSchema.optional(),
    old: z.record(z.string(), z.unknown()).optional(),
  }),
  memberCreator: z.looseObject({ id: z.string() }).optional(),
});
export type TrelloAction = z.infer<typeof TrelloActionSchema>;

/** A board as loaded into the emulator = the shape of Trello's board JSON export. */
export const EmulatedBoardSchema = z.looseObject({
  id,
  name: z.string(),
  desc: z.string().default(''),
  closed: z.boolean().default(false),
  url: z.string().optional(),
  shortLink: z.string().optional(),
  idOrganization: z.string().nullable().optional(),
  lists: z.array(TrelloListSchema).default([]),
  cards: z.array(TrelloCardSchema).default([]),
  members: z.array(TrelloMemberSchema).default([]),
  memberships: z.array(TrelloMembershipSchema).default([]),
  labels: z.array(TrelloLabelSchema).default([]),
  actions: z.array(TrelloActionSchema).default([]),
  pluginData: z.array(TrelloPluginDataSchema).default([]),
  /** Not Trello's: the emulator's mark on a board held only from this instant (docs/emulator.md "Cut history"). */
  emulatorHistoryFrom: z.string().optional(),
});
export type EmulatedBoard = z.infer<typeof EmulatedBoardSchema>;
export type EmulatedBoardInput = z.input<typeof EmulatedBoardSchema>;

export interface TrelloWebhook {
  id: string;
  description: string;
  idModel: string;
  callbackURL: string;
  active: boolean;
  consecutiveFailures: number;
  firstConsecutiveFailDate: string | null;
  /** The token that created it (webhooks belong to a token). Never served. */
  token: string;
}

export interface TokenInfo {
  /** The member the token belongs to (author of comments posted with it). */
  memberId: string;
  /** Boards the token may read; undefined = every board in the emulator. */
  boards?: string[];
}

/**
 * "Excluded" action types: sent to webhooks and served by GET /1/actions/{id}, never returned by nested action
 * lists (/1/boards/{id}/actions, /1/cards/{id}/actions, `actions=` on a board) nor found in board exports —
 * developer.atlassian.com/cloud/trello/guides/rest-api/action-types ("Excluded Action Types", which names
 * updateCheckItem as its example and lists updateComment and deleteComment), TRELLO-787; docs/trello.md §11.
 */
export const EXCLUDED_FROM_LISTS: ReadonlySet<string> = new Set(['updateComment', 'deleteComment', 'updateCheckItem']);
