// The dev host's `t`: the part of Trello's host API our capability modules and pages use (see ../t.ts),
// backed by the emulator (board data, comments, pluginData through /demo) and the demo JWT signer.
import type { DevT } from './protocol.js';
import type { RestApiClient } from '../t.js';
import { z } from 'zod';

// GET /1/boards/:id with lists, cards (card_pluginData), pluginData and members, as the emulator answers it like
// Trello (docs/emulator.md). Loose objects: t.card('all') hands on every field Trello sent, not only these.
const PluginDataItemSchema = z.looseObject({ id: z.string().optional(), idPlugin: z.string().optional(), idModel: z.string().optional(), value: z.string() });
export const DevBoardSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  url: z.string().optional(),
  lists: z.array(z.looseObject({ id: z.string(), name: z.string(), closed: z.boolean().optional(), pos: z.number().optional() })),
  cards: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string(),
      idList: z.string(),
      idMembers: z.array(z.string()),
      closed: z.boolean().optional(),
      pos: z.number().optional(),
      shortLink: z.string().optional(),
      url: z.string().optional(),
      pluginData: z.array(PluginDataItemSchema).optional(),
    }),
  ),
  members: z.array(z.looseObject({ id: z.string(), fullName: z.string(), username: z.string().optional(), initials: z.string().optional() })),
  pluginData: z.array(PluginDataItemSchema).optional(),
});
export type DevBoard = z.infer<typeof DevBoardSchema>;
export type PluginDataItem = z.infer<typeof PluginDataItemSchema>;

/** The page's `nabiz-dev-config` (server/src/demo/routes.ts): what each field means is on DevConfig. */
export const DevConfigSchema = z.object({
  boardId: z.string(),
  memberId: z.string(),
  locale: z.string(),
  key: z.string(),
  token: z.string(),
  pluginId: z.string(),
  connectorUrl: z.string(),
  trelloBase: z.string(),
  jwtUrl: z.string(),
  pluginDataUrl: z.string(),
});

export interface DevConfig {
  boardId: string;
  memberId: string;
  locale: string;
  key: string;
  /**
   * The acting member's own emulator token (the server derives one per board member): what Trello's
   * t.getRestApi().getToken() returns, so entries are authored by that member. Never the service token.
   */
  token: string;
  pluginId: string;
  connectorUrl: string;
  trelloBase: string;
  /**
   * Where t.jwt() and t.set(…, 'shared', …) go: Trello does them in its own page. The demo's /demo/jwt and
   * /demo/plugindata, or the emulator's /_emulator/powerup/jwt and …/pluginData (a live service against the
   * emulator). Called with the member's key and token in the query; JSON bodies {idBoard, idMember, idPlugin} and
   * {idModel, idPlugin, value}; answers {token} and {ok}.
   */
  jwtUrl: string;
  pluginDataUrl: string;
}

export interface FrameCtx {
  card?: string;
  args?: Record<string, unknown>;
  /** The iframe this `t` belongs to (popups/modals/section), for sizeTo/closePopup. */
  frame?: HTMLIFrameElement;
}

export interface HostServices {
  config: DevConfig;
  board(): DevBoard;
  /** Shared pluginData map of a card or the board (ours by idPlugin, else recognised by content). */
  shared(idModel: string): Record<string, unknown>;
  writeShared(idModel: string, data: Record<string, unknown>): Promise<void>;
  privateData: Map<string, Record<string, unknown>>;
  afterSet(idModel: string): void;
  openPopup(
    opts: { title: string; url?: string; items?: Array<{ text: string; callback?: (t: DevT) => unknown }>; height?: number; args?: Record<string, unknown> },
    ctx: FrameCtx,
  ): void;
  openModal(opts: { title?: string; url: string; height?: number; fullscreen?: boolean; args?: Record<string, unknown> }, ctx: FrameCtx): void;
  closePopup(): void;
  closeModal(): void;
  alert(message: string, display?: string): void;
  jwt(): Promise<string>;
}

const LIMIT = 4096;

function pick(obj: object, fields: string[]): Record<string, unknown> {
  const all: Record<string, unknown> = { ...obj };
  if (fields.length === 0 || fields[0] === 'all') return all;
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = all[f];
  return out;
}

/**
 * Trello's typings promise more than Trello gives: `card('id')` is typed as a whole Card, `get<T>`/`arg<T>` as
 * whatever type the caller names, `popup` as every popup kind. Like Trello, the dev host answers with the fields
 * asked for and the values stored; this is the one place that claim is made for it (docs/conventions.md §17).
 */
function trelloTyped<K extends keyof DevT>(_member: K, f: (...args: never[]) => unknown): DevT[K] {
  // biome-ignore lint/nursery/noUnsafeTypeAssertion: the claim described above, made once.
  return f as DevT[K];
}

export function createDevT(host: HostServices, ctx: FrameCtx): DevT {
  const cfg = host.config;
  const model = (scope: string): string => {
    if (scope === 'board') return cfg.boardId;
    if (scope === 'card') {
      if (!ctx.card) throw new Error('Nabız dev host: card scope used without a card in context');
      return ctx.card;
    }
    if (scope === 'member' || scope === 'organization') return `${scope}:${cfg.memberId}`;
    return scope; // a card id on this board
  };
  const isShared = (scope: string, vis: string) => vis === 'shared' && scope !== 'member';
  const read = (scope: string, vis: string): Record<string, unknown> => {
    const id = model(scope);
    return isShared(scope, vis) ? host.shared(id) : { ...(host.privateData.get(`${id}:${cfg.memberId}`) ?? {}) };
  };
  const write = async (scope: string, vis: string, data: Record<string, unknown>) => {
    const id = model(scope);
    const json = JSON.stringify(data);
    // Trello's own refusal text (docs/trello.md §4).
    if (json.length > LIMIT)
      throw new Error(`PluginData length of ${LIMIT} characters exceeded. See: https://developers.trello.com/v1.0/reference#section-size-limit`);
    if (isShared(scope, vis)) await host.writeShared(id, data);
    else host.privateData.set(`${id}:${cfg.memberId}`, data);
    host.afterSet(id);
  };
  const cardOut = (c: DevBoard['cards'][number]) => ({
    ...c,
    idBoard: cfg.boardId,
    members: c.idMembers.map((m) => host.board().members.find((x) => x.id === m)).filter(Boolean),
  });

  let authorized = true;
  // Trello's REST client for the member acting in the preview (cfg.memberId), with that member's token.
  const rest: RestApiClient = {
    appKey: cfg.key,
    apiOrigin: new URL(cfg.trelloBase, window.location.href).href.replace(/\/$/, ''),
    isAuthorized: () => authorized,
    getToken: async () => (authorized ? cfg.token : ''),
    authorize: async () => {
      authorized = true;
      return cfg.token;
    },
    clearToken: () => void (authorized = false),
  };

  const t = {
    getContext: (): Trello.PowerUp.Context => ({
      board: cfg.boardId,
      ...(ctx.card ? { card: ctx.card } : {}),
      member: cfg.memberId,
      permissions: { board: 'write', card: 'write', organization: 'read' },
      version: 'nabiz-dev-host',
      locale: cfg.locale,
      theme: 'light',
      initialTheme: 'light',
      el: '',
      plugin: cfg.pluginId,
    }),
    isMemberSignedIn: () => true,
    memberCanWriteToModel: () => true,
    get: trelloTyped('get', async (scope: string, vis: string, key?: string, def?: unknown) => {
      const data = read(scope, vis);
      if (key === undefined) return data;
      return key in data ? data[key] : def;
    }),
    set: async (scope: string, vis: string, keyOrObj: string | Record<string, unknown>, value?: unknown) => {
      const data = read(scope, vis);
      if (typeof keyOrObj === 'string') data[keyOrObj] = value;
      else Object.assign(data, keyOrObj);
      await write(scope, vis, data);
    },
    remove: async (scope: string, vis: string, keys: string | string[]) => {
      const data = read(scope, vis);
      for (const k of Array.isArray(keys) ? keys : [keys]) delete data[k];
      await write(scope, vis, data);
    },
    card: trelloTyped('card', async (...fields: string[]) => {
      const c = host.board().cards.find((x) => x.id === ctx.card);
      if (!c) throw new Error('Nabız dev host: no card in context');
      return pick(cardOut(c), fields);
    }),
    cards: trelloTyped('cards', async (...fields: string[]) =>
      host
        .board()
        .cards.filter((c) => !c.closed)
        .map((c) => pick(cardOut(c), fields)),
    ),
    lists: trelloTyped('lists', async (...fields: string[]) => host.board().lists.map((l) => pick(l, fields))),
    board: trelloTyped('board', async (...fields: string[]) =>
      pick({ id: cfg.boardId, name: host.board().name, url: host.board().url, members: host.board().members }, fields),
    ),
    member: trelloTyped('member', async (...fields: string[]) =>
      pick(host.board().members.find((m) => m.id === cfg.memberId) ?? { id: cfg.memberId, fullName: '' }, fields),
    ),
    popup: trelloTyped('popup', async (opts: Parameters<HostServices['openPopup']>[0]) => host.openPopup(opts, ctx)),
    modal: async (opts: Parameters<HostServices['openModal']>[0]) => host.openModal(opts, ctx),
    closePopup: async () => host.closePopup(),
    closeModal: async () => host.closeModal(),
    notifyParent: async () => undefined,
    alert: async (o: { message: string; display?: string }) => host.alert(o.message, o.display),
    signUrl: (url: string) => new URL(url, cfg.connectorUrl).href,
    arg: trelloTyped('arg', (name: string, def?: unknown) => (ctx.args && name in ctx.args ? ctx.args[name] : def)),
    sizeTo: async (arg: string | number | Element) => {
      if (!ctx.frame) return;
      const doc = ctx.frame.contentDocument;
      const el = typeof arg === 'string' ? doc?.querySelector(arg) : typeof arg === 'number' ? null : arg;
      const h = typeof arg === 'number' ? arg : Math.ceil(el?.scrollHeight ?? 0);
      if (h > 0) ctx.frame.style.height = `${Math.min(h + 4, 1500)}px`;
    },
    jwt: async () => host.jwt(),
    safe: (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`),
    getRestApi: () => rest,
  } satisfies DevT;
  return t;
}
