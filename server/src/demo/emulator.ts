// The Trello REST API emulator (DESIGN §8): the part of api.trello.com/1 Nabız uses, with Trello's JSON
// shapes, auth, rate limits, paging, comment quirks (TRELLO-787), batch, signed webhooks and fault injection.
// node:http + a small router so faults can act on the raw socket and batch can re-dispatch sub-requests.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHmac } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../log.js';
import { silentLogger } from '../log.js';
import { EXCLUDED_FROM_LISTS, type EmulatedBoard, type EmulatedBoardInput, type TrelloAction, type TrelloWebhook } from './model.js';
import { EmulatorState } from './state.js';
import { isTrelloId } from './ids.js';
import {
  actionJson,
  boardFull,
  BOARD_DEFAULT_FIELDS,
  cardFull,
  labelJson,
  listJson,
  memberFull,
  MEMBER_NESTED_FIELDS,
  pickFields,
  pluginDataJson,
} from './serialize.js';

export interface StartEmulatorOptions {
  port?: number;
  host?: '127.0.0.1';
  key: string;
  token: string;
  /** More tokens accepted with `key` (each belongs to `tokenMembers[token]` or the service member). */
  extraTokens?: string[];
  /** token → member id (the author of comments posted with that token). Additive to the brief's API. */
  tokenMembers?: Record<string, string>;
  boards?: Array<EmulatedBoard | EmulatedBoardInput>;
  /** OAuth secret used to sign webhook deliveries (default: a fixed demo secret, see Emulator.appSecret). */
  appSecret?: string;
  clock?: () => Date;
  log?: Logger;
}

export interface RateLimits {
  perToken: number;
  perKey: number;
  windowMs: number;
}

export interface FaultControl {
  /** Delay before every response (ms). */
  latencyMs: number;
  /** Next n requests answer 429 API_TOKEN_LIMIT_EXCEEDED (a burst). */
  fail429Next(n: number): void;
  /** Next n requests answer a 5xx (default 500). */
  fail5xxNext(n: number, status?: number): void;
  /** Next n requests get their socket destroyed without a response. */
  dropNext(n: number): void;
  rateLimits: RateLimits;
  /** Clear faults, rate-limit windows and restore the default limits. */
  reset(): void;
}

export interface WebhookDelivery {
  webhookId: string;
  callbackURL: string;
  body: string;
  signature: string;
  status: number | 'error';
}

export interface Emulator {
  url: string;
  close(): Promise<void>;
  state: EmulatorState;
  requests: { total: number; byRoute: Record<string, number>; reset(): void };
  faults: FaultControl;
  /** Load a Trello board JSON export under its own id; returns the board id. */
  loadExport(json: unknown): string;
  /** The secret webhook signatures use. */
  appSecret: string;
  /** Webhook deliveries made so far (tests). */
  deliveries: WebhookDelivery[];
  /** Resolves when every webhook delivery started so far has finished. */
  flushWebhooks(): Promise<void>;
  /** Send an action made directly on `state` (seeding) to the webhooks watching its board/card. */
  deliverWebhooks(action: TrelloAction): void;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perToken: 100, perKey: 300, windowMs: 10_000 };
export const DEMO_APP_SECRET = 'nabiz-emulator-app-secret';
const SERVICE_MEMBER = { id: '5e0be1c000000000000a0001', fullName: 'Nabız Servis', username: 'nabizservis' };

/** `X-Trello-Webhook`: base64 HMAC-SHA1(secret, body + callbackURL) over latin1 bytes (TRELLO-PLATFORM §3.3). */
export function signWebhook(secret: string, body: string, callbackURL: string): string {
  return createHmac('sha1', secret).update(Buffer.from(body + callbackURL, 'latin1')).digest('base64');
}

class HttpErr extends Error {
  constructor(
    readonly status: number,
    readonly body: string | Record<string, unknown>,
  ) {
    super(typeof body === 'string' ? body : JSON.stringify(body));
  }
}

const NOT_FOUND = 'The requested resource was not found.';

interface Ctx {
  method: string;
  params: Record<string, string>;
  q: Record<string, string>;
  token: string;
  memberId: string;
  boards?: string[];
}
type Result = { status?: number; json: unknown };
type Handler = (ctx: Ctx) => Result | Promise<Result>;
interface Route {
  method: string;
  key: string;
  re: RegExp;
  names: string[];
  handler: Handler;
}

function compile(method: string, pattern: string, handler: Handler): Route {
  const names: string[] = [];
  const re = new RegExp(
    '^' +
      pattern.replace(/:([A-Za-z]+)/g, (_m, n: string) => {
        names.push(n);
        return '([^/]+)';
      }) +
      '/?$',
  );
  return { method, key: `${method} ${pattern}`, re, names, handler };
}

function parseOAuthHeader(h: string | undefined): { key?: string; token?: string } {
  if (!h || !/^OAuth\s/i.test(h)) return {};
  const out: Record<string, string> = {};
  for (const m of h.matchAll(/(\w+)="([^"]*)"/g)) out[m[1]!] = decodeURIComponent(m[2]!);
  return { key: out.oauth_consumer_key ?? out.oauth_key, token: out.oauth_token };
}

function parseBody(raw: string, type: string | undefined): Record<string, string> {
  if (!raw) return {};
  const out: Record<string, string> = {};
  if (type?.includes('json')) {
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch {
      throw new HttpErr(400, 'invalid json');
    }
    if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
      for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== null) out[k] = Array.isArray(v) ? v.join(',') : String(v);
    }
    return out;
  }
  for (const [k, v] of new URLSearchParams(raw)) out[k] = v;
  return out;
}

const bool = (v: string | undefined) => v === 'true' || v === '1';

/** `before`/`since`: an action id or an ISO date. */
function cursor(v: string | undefined, name: string): ((a: TrelloAction) => number) | undefined {
  if (v === undefined || v === '' || v === 'null') return undefined;
  if (isTrelloId(v)) return (a) => (a.id < v ? -1 : a.id > v ? 1 : 0);
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new HttpErr(400, `invalid value for ${name}`);
  return (a) => {
    const d = Date.parse(a.date);
    return d < t ? -1 : d > t ? 1 : 0;
  };
}

/** `filter=commentCard,updateCard:idList` / `all`. */
function actionFilter(v: string | undefined, def: string): (a: TrelloAction) => boolean {
  const f = v ?? def;
  if (f === 'all') return (a) => !EXCLUDED_FROM_LISTS.has(a.type);
  const parts = f.split(',').map((p) => p.trim()).filter(Boolean).map((p) => p.split(':') as [string, string | undefined]);
  return (a) =>
    !EXCLUDED_FROM_LISTS.has(a.type) && // TRELLO-787: even filter=updateComment returns none of them
    parts.some(([type, field]) => a.type === type && (!field || (a.data.old !== undefined && field in a.data.old)));
}

function limitOf(v: string | undefined, def = 50, name = 'limit'): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 1000) throw new HttpErr(400, `invalid value for ${name}`);
  return n;
}

/** Newest first, paged by before/since over an ascending id-ordered array. */
function pageActions(arr: readonly TrelloAction[], q: Record<string, string>, def: string, pfx = ''): TrelloAction[] {
  const filter = actionFilter(q[pfx + 'filter'] ?? (pfx ? q[pfx.slice(0, -1)] : undefined), def);
  const limit = limitOf(q[pfx + 'limit'], 50, pfx + 'limit');
  const before = cursor(q[pfx + 'before'], pfx + 'before');
  const since = cursor(q[pfx + 'since'], pfx + 'since');
  const skip = q.page !== undefined && !pfx ? Math.max(0, Number(q.page) || 0) * limit : 0;
  const out: TrelloAction[] = [];
  let skipped = 0;
  for (let i = arr.length - 1; i >= 0 && out.length < limit; i--) {
    const a = arr[i]!;
    if (before && before(a) >= 0) continue;
    if (since && since(a) <= 0) break;
    if (!filter(a)) continue;
    if (skipped < skip) {
      skipped++;
      continue;
    }
    out.push(a);
  }
  return out;
}

export async function startEmulator(opts: StartEmulatorOptions): Promise<Emulator> {
  const log = opts.log ?? silentLogger;
  const clock = opts.clock ?? (() => new Date());
  const state = new EmulatorState(clock);
  const appSecret = opts.appSecret ?? DEMO_APP_SECRET;
  const tokenMembers = opts.tokenMembers ?? {};

  const ensureServiceMember = () => {
    if (!state.members.has(SERVICE_MEMBER.id)) state.members.set(SERVICE_MEMBER.id, { ...SERVICE_MEMBER });
  };
  const registerTokens = () => {
    for (const t of [opts.token, ...(opts.extraTokens ?? [])]) {
      if (state.tokens.has(t)) continue;
      const memberId = tokenMembers[t] ?? SERVICE_MEMBER.id;
      if (memberId === SERVICE_MEMBER.id) ensureServiceMember();
      state.tokens.set(t, { memberId });
    }
  };
  for (const b of opts.boards ?? []) state.loadBoard(b);
  registerTokens();

  // ───────────── counters, limits, faults ─────────────
  const requests = {
    total: 0,
    byRoute: {} as Record<string, number>,
    reset() {
      requests.total = 0;
      requests.byRoute = {};
    },
  };
  const pending = { r429: 0, r5xx: 0, status5xx: 500, drop: 0 };
  const windows = new Map<string, number[]>();
  const key429 = { times: [] as number[], blockedUntil: 0 };
  const faults: FaultControl = {
    latencyMs: 0,
    fail429Next: (n) => void (pending.r429 += n),
    fail5xxNext: (n, status = 500) => {
      pending.r5xx += n;
      pending.status5xx = status;
    },
    dropNext: (n) => void (pending.drop += n),
    rateLimits: { ...DEFAULT_RATE_LIMITS },
    reset() {
      faults.latencyMs = 0;
      pending.r429 = pending.r5xx = pending.drop = 0;
      faults.rateLimits = { ...DEFAULT_RATE_LIMITS };
      windows.clear();
      key429.times = [];
      key429.blockedUntil = 0;
    },
  };

  /** Sliding window: true when a request may pass (and records it). */
  const admit = (bucket: string, max: number, now: number): boolean => {
    const w = faults.rateLimits.windowMs;
    let arr = windows.get(bucket);
    if (!arr) windows.set(bucket, (arr = []));
    while (arr.length && arr[0]! <= now - w) arr.shift();
    if (arr.length >= max) return false;
    arr.push(now);
    return true;
  };
  const note429 = (now: number) => {
    const w = faults.rateLimits.windowMs;
    key429.times = key429.times.filter((t) => t > now - w);
    key429.times.push(now);
    // Trello: more than 200 429s for a key in a window ⇒ the rest of that window is refused.
    if (key429.times.length > 200) key429.blockedUntil = now + w;
  };

  // ───────────── webhooks ─────────────
  const deliveries: WebhookDelivery[] = [];
  const inflight = new Set<Promise<void>>();
  const deliver = (action: TrelloAction) => {
    const boardId = action.data.board?.id;
    const cardId = action.data.card?.id;
    for (const wh of [...state.webhooks.values()]) {
      if (!wh.active || (wh.idModel !== boardId && wh.idModel !== cardId && wh.idModel !== action.idMemberCreator)) continue;
      const modelBoard = state.boards.get(wh.idModel);
      const modelCard = state.cards.get(wh.idModel);
      const model = modelBoard ? boardFull(state, modelBoard) : modelCard ? cardFull(state, modelCard) : memberFull(state, state.memberOf(wh.idModel));
      const body = JSON.stringify({
        model,
        action: actionJson(action),
        webhook: { id: wh.id, description: wh.description, idModel: wh.idModel, callbackURL: wh.callbackURL, active: wh.active },
      });
      const signature = signWebhook(appSecret, body, wh.callbackURL);
      const rec: WebhookDelivery = { webhookId: wh.id, callbackURL: wh.callbackURL, body, signature, status: 'error' };
      deliveries.push(rec);
      const p = (async () => {
        try {
          const res = await fetch(wh.callbackURL, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-trello-webhook': signature, 'user-agent': 'Trello (emulator)' },
            body,
            signal: AbortSignal.timeout(10_000),
          });
          await res.arrayBuffer().catch(() => undefined);
          rec.status = res.status;
          if (res.status === 410) {
            state.webhooks.delete(wh.id); // 410 Gone deletes the webhook (TRELLO-PLATFORM §3.3)
            return;
          }
          if (res.ok) {
            wh.consecutiveFailures = 0;
            wh.firstConsecutiveFailDate = null;
            return;
          }
        } catch (e) {
          log.warn(`emulator: webhook ${wh.id} delivery to ${wh.callbackURL} failed: ${(e as Error).message}`);
        }
        wh.consecutiveFailures++;
        wh.firstConsecutiveFailDate ??= clock().toISOString();
      })();
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    }
  };

  // ───────────── access helpers ─────────────
  const board = (ctx: Ctx, id: string) => {
    const b = state.boards.get(id) ?? [...state.boards.values()].find((x) => x.shortLink === id);
    if (!b) throw new HttpErr(isTrelloId(id) || /^[A-Za-z0-9]{8}$/.test(id) ? 404 : 400, isTrelloId(id) ? NOT_FOUND : 'invalid id');
    if (ctx.boards && !ctx.boards.includes(b.id)) throw new HttpErr(401, 'unauthorized permission requested');
    return b;
  };
  const card = (ctx: Ctx, id: string) => {
    const c = state.cards.get(id) ?? [...state.cards.values()].find((x) => x.shortLink === id);
    if (!c) throw new HttpErr(isTrelloId(id) || /^[A-Za-z0-9]{8}$/.test(id) ? 404 : 400, isTrelloId(id) ? NOT_FOUND : 'invalid id');
    board(ctx, c.idBoard);
    return c;
  };
  const member = (ctx: Ctx, id: string) => {
    const mId = id === 'me' ? ctx.memberId : id;
    const m = state.members.get(mId) ?? [...state.members.values()].find((x) => x.username === mId);
    if (!m) throw new HttpErr(404, 'model not found');
    return m;
  };
  const comment = (ctx: Ctx, id: string) => {
    const a = state.actions.get(id);
    if (!a) throw new HttpErr(isTrelloId(id) ? 404 : 400, isTrelloId(id) ? NOT_FOUND : 'invalid id');
    if (a.data.board?.id) board(ctx, a.data.board.id);
    return a;
  };
  const boardCards = (boardId: string, filter: string) =>
    [...state.cards.values()].filter(
      (c) => c.idBoard === boardId && (filter === 'all' || (filter === 'closed' ? c.closed : !c.closed)),
    );
  const cardJson = (c: NonNullable<ReturnType<typeof state.cards.get>>, fields: string | undefined, withPd: boolean) => {
    const out = pickFields(cardFull(state, c), fields);
    if (withPd) out.pluginData = [...state.pluginData.values()].filter((p) => p.idModel === c.id).map(pluginDataJson);
    return out;
  };
  const membersOf = (boardId: string, filter = 'all') => {
    const b = state.boards.get(boardId)!;
    return b.memberships
      .filter((m) => filter === 'all' || (filter === 'admins' ? m.memberType === 'admin' : filter === 'normal' ? m.memberType === 'normal' : true))
      .map((m) => state.members.get(m.idMember))
      .filter((m): m is NonNullable<typeof m> => !!m);
  };
  const text = (ctx: Ctx) => {
    const t = ctx.q.text ?? ctx.q.value;
    if (t === undefined || t.trim() === '') throw new HttpErr(400, 'invalid value for text');
    if (t.length > 16384) throw new HttpErr(400, 'invalid value for text');
    return t;
  };

  const editComment = (ctx: Ctx, actionId: string) => {
    const a = comment(ctx, actionId);
    if (a.type !== 'commentCard') throw new HttpErr(400, 'Only comment actions can be updated');
    if (a.idMemberCreator !== ctx.memberId) throw new HttpErr(401, 'unauthorized permission requested');
    const { comment: c, update } = state.editComment(actionId, ctx.memberId, text(ctx), clock());
    deliver(update);
    return { json: actionJson(c) };
  };
  const deleteComment = (ctx: Ctx, actionId: string) => {
    const a = comment(ctx, actionId);
    if (a.type !== 'commentCard') throw new HttpErr(400, 'Only comment actions can be deleted');
    const b = state.boards.get(a.data.board!.id)!;
    const isAdmin = b.memberships.some((m) => m.idMember === ctx.memberId && m.memberType === 'admin');
    if (a.idMemberCreator !== ctx.memberId && !isAdmin) throw new HttpErr(401, 'unauthorized permission requested');
    const del = state.deleteComment(actionId, ctx.memberId, clock());
    deliver(del);
    return { json: { _value: null } };
  };

  // ───────────── routes ─────────────
  const routes: Route[] = [
    compile('GET', '/1/boards/:id', (ctx) => {
      const b = board(ctx, ctx.params.id!);
      const q = ctx.q;
      const out = pickFields(boardFull(state, b), q.fields, BOARD_DEFAULT_FIELDS);
      if (q.cards && q.cards !== 'none') {
        out.cards = boardCards(b.id, q.cards).map((c) => cardJson(c, q.card_fields, bool(q.card_pluginData)));
        if (bool(q.card_members)) {
          for (const c of out.cards as Array<Record<string, unknown>>) {
            c.members = ((c.idMembers as string[] | undefined) ?? state.cards.get(c.id as string)!.idMembers).map((m) => pickFields(memberFull(state, member(ctx, m)), q.card_member_fields, MEMBER_NESTED_FIELDS));
          }
        }
      }
      if (q.lists && q.lists !== 'none') {
        out.lists = [...state.lists.values()]
          .filter((l) => l.idBoard === b.id && (q.lists === 'all' || (q.lists === 'closed' ? l.closed : !l.closed)))
          .map((l) => pickFields(listJson(l), q.list_fields));
      }
      if (q.members && q.members !== 'none') out.members = membersOf(b.id, q.members).map((m) => pickFields(memberFull(state, m), q.member_fields, MEMBER_NESTED_FIELDS));
      if (q.memberships && q.memberships !== 'none') out.memberships = b.memberships;
      if (q.labels && q.labels !== 'none') {
        out.labels = [...state.labels.values()].filter((l) => l.idBoard === b.id).map((l) => pickFields(labelJson(l), q.label_fields)).slice(0, limitOf(q.labels_limit, 50, 'labels_limit'));
      }
      if (bool(q.pluginData)) out.pluginData = [...state.pluginData.values()].filter((p) => p.idModel === b.id).map(pluginDataJson);
      if (q.actions && q.actions !== 'none') {
        // TRELLO-229: nested actions_before is ignored by Trello; we mirror that.
        const { actions_before: _ignored, ...rest } = q;
        out.actions = pageActions(state.boardActions.get(b.id) ?? [], { ...rest, actions_filter: q.actions }, 'all', 'actions_').map((a) =>
          actionJson(a, { fields: q.action_fields, memberCreator: q.action_memberCreator }),
        );
      }
      return { json: out };
    }),
    compile('GET', '/1/boards/:id/cards', (ctx) => {
      const b = board(ctx, ctx.params.id!);
      return { json: boardCards(b.id, ctx.q.filter ?? 'open').map((c) => cardJson(c, ctx.q.fields, bool(ctx.q.pluginData))) };
    }),
    compile('GET', '/1/boards/:id/cards/:filter', (ctx) => {
      const b = board(ctx, ctx.params.id!);
      return { json: boardCards(b.id, ctx.params.filter!).map((c) => cardJson(c, ctx.q.fields, bool(ctx.q.pluginData))) };
    }),
    compile('GET', '/1/boards/:id/lists', (ctx) => {
      const b = board(ctx, ctx.params.id!);
      const f = ctx.q.filter ?? 'open';
      return {
        json: [...state.lists.values()]
          .filter((l) => l.idBoard === b.id && (f === 'all' || (f === 'closed' ? l.closed : !l.closed)))
          .map((l) => pickFields(listJson(l), ctx.q.fields)),
      };
    }),
    compile('GET', '/1/boards/:id/members', (ctx) => {
      const b = board(ctx, ctx.params.id!);
      return { json: membersOf(b.id, ctx.q.filter).map((m) => pickFields(memberFull(state, m), ctx.q.fields, MEMBER_NESTED_FIELDS)) };
    }),
    compile('GET', '/1/boards/:id/labels', (ctx) => {
      const b = board(ctx, ctx.params.id!);
      return { json: [...state.labels.values()].filter((l) => l.idBoard === b.id).map((l) => pickFields(labelJson(l), ctx.q.fields)).slice(0, limitOf(ctx.q.limit, 50)) };
    }),
    compile('POST', '/1/boards/:id/labels', (ctx) => {
      const b = board(ctx, ctx.params.id!);
      if (ctx.q.name === undefined) throw new HttpErr(400, 'invalid value for name');
      const color = ctx.q.color && ctx.q.color !== 'null' ? ctx.q.color : null;
      const l = { id: state.newId(clock()), idBoard: b.id, name: ctx.q.name, color };
      state.labels.set(l.id, l);
      return { json: labelJson(l) };
    }),
    compile('GET', '/1/boards/:id/actions', (ctx) => {
      const b = board(ctx, ctx.params.id!);
      return { json: pageActions(state.boardActions.get(b.id) ?? [], ctx.q, 'all').map((a) => actionJson(a, ctx.q)) };
    }),
    compile('GET', '/1/boards/:id/pluginData', (ctx) => {
      const b = board(ctx, ctx.params.id!);
      return { json: [...state.pluginData.values()].filter((p) => p.idModel === b.id).map(pluginDataJson) };
    }),
    compile('GET', '/1/cards/:id', (ctx) => {
      const c = card(ctx, ctx.params.id!);
      const q = ctx.q;
      const out = cardJson(c, q.fields, bool(q.pluginData));
      if (bool(q.members)) out.members = c.idMembers.map((m) => pickFields(memberFull(state, member(ctx, m)), q.member_fields, MEMBER_NESTED_FIELDS));
      if (bool(q.list)) {
        const l = state.lists.get(c.idList);
        out.list = l ? pickFields(listJson(l), q.list_fields) : null;
      }
      if (bool(q.board)) out.board = pickFields(boardFull(state, state.boards.get(c.idBoard)!), q.board_fields, BOARD_DEFAULT_FIELDS);
      if (q.actions && q.actions !== 'none') {
        out.actions = pageActions(state.cardActions.get(c.id) ?? [], { ...q, actions_filter: q.actions }, 'commentCard,updateCard:idList', 'actions_').map((a) => actionJson(a));
      }
      return { json: out };
    }),
    compile('PUT', '/1/cards/:id', (ctx) => {
      const c = card(ctx, ctx.params.id!);
      const q = ctx.q;
      const old: Record<string, unknown> = {};
      if (q.closed !== undefined && bool(q.closed) !== c.closed) {
        old.closed = c.closed;
        c.closed = bool(q.closed);
      }
      if (q.idList !== undefined && q.idList !== c.idList) {
        const l = state.lists.get(q.idList);
        if (!l || l.idBoard !== c.idBoard) throw new HttpErr(400, 'invalid value for idList');
        old.idList = c.idList;
        c.idList = q.idList;
      }
      if (q.name !== undefined && q.name !== c.name) {
        old.name = c.name;
        c.name = q.name;
      }
      if (q.desc !== undefined && q.desc !== c.desc) {
        old.desc = c.desc;
        c.desc = q.desc;
      }
      if (q.idMembers !== undefined) {
        const ids = q.idMembers.split(',').map((s) => s.trim()).filter(Boolean);
        for (const m of ids) if (!state.members.has(m)) throw new HttpErr(400, 'invalid value for idMembers');
        c.idMembers = ids;
      }
      const at = clock();
      c.dateLastActivity = at.toISOString();
      if (Object.keys(old).length) {
        const list = state.lists.get(c.idList);
        const b = state.boards.get(c.idBoard)!;
        const a = state.addAction({
          id: state.newId(at),
          idMemberCreator: ctx.memberId,
          type: 'updateCard',
          date: at.toISOString(),
          data: {
            old,
            card: { id: c.id, name: c.name, idShort: c.idShort, shortLink: c.shortLink, ...Object.fromEntries(Object.keys(old).map((k) => [k, (c as Record<string, unknown>)[k]])) },
            board: { id: b.id, name: b.name, shortLink: b.shortLink },
            list: list ? { id: list.id, name: list.name } : undefined,
          },
          appCreator: null,
        } as TrelloAction);
        deliver(a);
      }
      return { json: cardJson(c, undefined, false) };
    }),
    compile('GET', '/1/cards/:id/actions', (ctx) => {
      const c = card(ctx, ctx.params.id!);
      return { json: pageActions(state.cardActions.get(c.id) ?? [], ctx.q, 'commentCard,updateCard:idList').map((a) => actionJson(a, ctx.q)) };
    }),
    compile('GET', '/1/cards/:id/pluginData', (ctx) => {
      const c = card(ctx, ctx.params.id!);
      return { json: [...state.pluginData.values()].filter((p) => p.idModel === c.id).map(pluginDataJson) };
    }),
    compile('POST', '/1/cards/:id/actions/comments', (ctx) => {
      const c = card(ctx, ctx.params.id!);
      const a = state.addComment(c.id, ctx.memberId, text(ctx), clock());
      deliver(a);
      return { json: actionJson(a) };
    }),
    compile('PUT', '/1/cards/:id/actions/:idAction/comments', (ctx) => {
      card(ctx, ctx.params.id!);
      return editComment(ctx, ctx.params.idAction!);
    }),
    compile('DELETE', '/1/cards/:id/actions/:idAction/comments', (ctx) => {
      card(ctx, ctx.params.id!);
      return deleteComment(ctx, ctx.params.idAction!);
    }),
    compile('POST', '/1/cards/:id/idLabels', (ctx) => {
      const c = card(ctx, ctx.params.id!);
      const l = state.labels.get(ctx.q.value ?? '');
      if (!l || l.idBoard !== c.idBoard) throw new HttpErr(400, 'invalid value for value');
      if (c.idLabels.includes(l.id)) throw new HttpErr(400, 'that label is already on the card');
      c.idLabels.push(l.id);
      return { json: [...c.idLabels] };
    }),
    compile('DELETE', '/1/cards/:id/idLabels/:idLabel', (ctx) => {
      const c = card(ctx, ctx.params.id!);
      const i = c.idLabels.indexOf(ctx.params.idLabel!);
      if (i < 0) throw new HttpErr(400, 'That label is not on the card');
      c.idLabels.splice(i, 1);
      return { json: { _value: null } };
    }),
    compile('POST', '/1/cards/:id/labels', (ctx) => {
      const c = card(ctx, ctx.params.id!);
      const color = ctx.q.color && ctx.q.color !== 'null' ? ctx.q.color : null;
      const name = ctx.q.name ?? '';
      let l = [...state.labels.values()].find((x) => x.idBoard === c.idBoard && x.name === name && x.color === color);
      if (!l) {
        l = { id: state.newId(clock()), idBoard: c.idBoard, name, color };
        state.labels.set(l.id, l);
      }
      if (!c.idLabels.includes(l.id)) c.idLabels.push(l.id);
      return { json: [...c.idLabels] };
    }),
    compile('GET', '/1/actions/:id', (ctx) => ({ json: actionJson(comment(ctx, ctx.params.id!), ctx.q) })),
    compile('PUT', '/1/actions/:id', (ctx) => editComment(ctx, ctx.params.id!)),
    compile('PUT', '/1/actions/:id/text', (ctx) => editComment(ctx, ctx.params.id!)),
    compile('DELETE', '/1/actions/:id', (ctx) => deleteComment(ctx, ctx.params.id!)),
    compile('GET', '/1/members/:id', (ctx) => ({ json: pickFields(memberFull(state, member(ctx, ctx.params.id!)), ctx.q.fields) })),
    compile('GET', '/1/members/:id/boards', (ctx) => {
      const m = member(ctx, ctx.params.id!);
      const f = ctx.q.filter ?? 'all';
      const all = [...state.boards.values()].filter((b) => (!ctx.boards || ctx.boards.includes(b.id)));
      // A token with access to every board (the service) lists them all; a member token lists its memberships.
      const mine = m.id === ctx.memberId && !ctx.boards && !all.some((b) => b.memberships.some((x) => x.idMember === m.id))
        ? all
        : all.filter((b) => b.memberships.some((x) => x.idMember === m.id));
      return {
        json: mine
          .filter((b) => f === 'all' || (f === 'closed' ? b.closed : !b.closed))
          .map((b) => pickFields(boardFull(state, b), ctx.q.fields)),
      };
    }),
    compile('GET', '/1/batch', async (ctx) => {
      const raw = ctx.q.urls;
      if (!raw) throw new HttpErr(400, 'invalid value for urls');
      const urls = raw.split(/,(?=\/)/).map((u) => u.trim());
      if (urls.length > 10) throw new HttpErr(400, 'Too many URLs: batch takes at most 10');
      const out: unknown[] = [];
      for (const u of urls) {
        try {
          if (!u.startsWith('/') || u.startsWith('/1/') || u.startsWith('/batch')) throw new HttpErr(400, `invalid url: ${u}`);
          const r = await dispatch('GET', '/1' + u, {}, ctx, true);
          out.push({ [String(r.status ?? 200)]: r.json });
        } catch (e) {
          const err = e instanceof HttpErr ? e : new HttpErr(500, 'Internal Server Error');
          out.push({ [String(err.status)]: err.body });
        }
      }
      return { json: out };
    }),
    compile('POST', '/1/webhooks', (ctx) => createWebhook(ctx)),
    compile('POST', '/1/tokens/:token/webhooks', (ctx) => createWebhook(ctx)),
    compile('GET', '/1/tokens/:token/webhooks', (ctx) => {
      if (ctx.params.token !== ctx.token) throw new HttpErr(401, 'unauthorized permission requested');
      return { json: [...state.webhooks.values()].filter((w) => w.token === ctx.token).map(webhookJson) };
    }),
    compile('GET', '/1/webhooks/:id', (ctx) => ({ json: webhookJson(ownWebhook(ctx)) })),
    compile('DELETE', '/1/webhooks/:id', (ctx) => {
      state.webhooks.delete(ownWebhook(ctx).id);
      return { json: { _value: null } };
    }),
  ];

  function webhookJson(w: TrelloWebhook) {
    const { token: _t, ...rest } = w;
    return rest;
  }
  function ownWebhook(ctx: Ctx): TrelloWebhook {
    const w = state.webhooks.get(ctx.params.id!);
    if (!w) throw new HttpErr(isTrelloId(ctx.params.id!) ? 404 : 400, isTrelloId(ctx.params.id!) ? NOT_FOUND : 'invalid id');
    if (w.token !== ctx.token) throw new HttpErr(401, 'unauthorized permission requested');
    return w;
  }
  async function createWebhook(ctx: Ctx): Promise<Result> {
    const { callbackURL, idModel } = ctx.q;
    if (!callbackURL || !/^https?:\/\//.test(callbackURL)) throw new HttpErr(400, 'invalid value for callbackURL');
    if (!idModel) throw new HttpErr(400, 'invalid value for idModel');
    if (state.boards.has(idModel)) board(ctx, idModel);
    else if (state.cards.has(idModel)) card(ctx, idModel);
    else if (!state.members.has(idModel)) throw new HttpErr(400, 'invalid value for idModel');
    if ([...state.webhooks.values()].some((w) => w.token === ctx.token && w.idModel === idModel && w.callbackURL === callbackURL)) {
      throw new HttpErr(400, 'A webhook with that callback, model, and token already exists');
    }
    let status: number;
    try {
      const res = await fetch(callbackURL, { method: 'HEAD', signal: AbortSignal.timeout(10_000) });
      status = res.status;
    } catch (e) {
      throw new HttpErr(400, `URL (${callbackURL}) could not be reached: ${(e as Error).message}`);
    }
    if (status !== 200) throw new HttpErr(400, `URL (${callbackURL}) did not return 200 status code, got ${status}`);
    const wh: TrelloWebhook = {
      id: state.newId(clock()),
      description: ctx.q.description ?? '',
      idModel,
      callbackURL,
      active: ctx.q.active === undefined ? true : bool(ctx.q.active),
      consecutiveFailures: 0,
      firstConsecutiveFailDate: null,
      token: ctx.token,
    };
    state.webhooks.set(wh.id, wh);
    return { json: webhookJson(wh) };
  }

  async function dispatch(method: string, path: string, q: Record<string, string>, base: Ctx, inBatch = false): Promise<Result> {
    const [p, qs] = path.split('?', 2) as [string, string | undefined];
    const query = { ...q };
    if (qs) for (const [k, v] of new URLSearchParams(qs)) query[k] = v;
    for (const r of routes) {
      if (r.method !== method) continue;
      const m = r.re.exec(p);
      if (!m) continue;
      if (inBatch) requests.byRoute[`batch:${r.key}`] = (requests.byRoute[`batch:${r.key}`] ?? 0) + 1;
      const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
      return r.handler({ ...base, method, params, q: query });
    }
    throw new HttpErr(404, `Cannot ${method} ${p}`);
  }

  const routeKey = (method: string, p: string): string => {
    for (const r of routes) if (r.method === method && r.re.test(p)) return r.key;
    return `${method} (unknown)`;
  };

  // ───────────── the server ─────────────
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (res.destroyed) return;
    const isText = typeof body === 'string';
    const payload = isText ? body : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      'access-control-allow-origin': '*',
      ...headers,
    });
    res.end(payload);
  };

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    const rk = routeKey(method, path);
    requests.total++;
    requests.byRoute[rk] = (requests.byRoute[rk] ?? 0) + 1;

    if (pending.drop > 0) {
      pending.drop--;
      req.socket.destroy();
      return;
    }
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    if (pending.r429 > 0) {
      pending.r429--;
      return send(res, 429, { error: 'API_TOKEN_LIMIT_EXCEEDED', message: 'Rate limit exceeded' });
    }
    if (pending.r5xx > 0) {
      pending.r5xx--;
      return send(res, pending.status5xx, pending.status5xx === 503 ? 'Service Unavailable' : 'Internal Server Error');
    }
    if (method === 'OPTIONS') return send(res, 204, '', { 'access-control-allow-methods': 'GET,POST,PUT,DELETE', 'access-control-allow-headers': 'authorization,content-type' });

    try {
      const raw = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
      const body = parseBody(raw, req.headers['content-type']);
      const q: Record<string, string> = { ...body };
      for (const [k, v] of url.searchParams) q[k] = v;
      const oauth = parseOAuthHeader(req.headers.authorization);
      const key = q.key ?? oauth.key;
      const token = q.token ?? oauth.token;
      delete q.key;
      delete q.token;
      if (!path.startsWith('/1/')) throw new HttpErr(404, `Cannot ${method} ${path}`);
      if (!key || key !== opts.key) throw new HttpErr(401, 'invalid key');
      if (!token) throw new HttpErr(401, 'unauthorized permission requested');
      const info = state.tokens.get(token);
      if (!info) throw new HttpErr(401, 'invalid token');

      const now = performance.now();
      const lim = faults.rateLimits;
      if (now < key429.blockedUntil || !admit(`key:${key}`, lim.perKey, now)) {
        note429(now);
        return send(res, 429, { error: 'API_KEY_LIMIT_EXCEEDED', message: 'Rate limit exceeded' });
      }
      if (!admit(`token:${token}`, lim.perToken, now)) {
        windows.get(`key:${key}`)?.pop(); // refused requests do not use the key's budget
        note429(now);
        return send(res, 429, { error: 'API_TOKEN_LIMIT_EXCEEDED', message: 'Rate limit exceeded' });
      }
      const remaining = (b: string, max: number) => String(Math.max(0, max - (windows.get(b)?.length ?? 0)));
      const rlHeaders = {
        'x-rate-limit-api-key-interval-ms': String(lim.windowMs),
        'x-rate-limit-api-key-max': String(lim.perKey),
        'x-rate-limit-api-key-remaining': remaining(`key:${key}`, lim.perKey),
        'x-rate-limit-api-token-interval-ms': String(lim.windowMs),
        'x-rate-limit-api-token-max': String(lim.perToken),
        'x-rate-limit-api-token-remaining': remaining(`token:${token}`, lim.perToken),
      };
      const ctx: Ctx = { method, params: {}, q, token, memberId: info.memberId, boards: info.boards };
      const r = await dispatch(method, path, q, ctx);
      log.debug(`emulator: ${method} ${path} → ${r.status ?? 200}`);
      send(res, r.status ?? 200, r.json, rlHeaders);
    } catch (e) {
      if (e instanceof HttpErr) return send(res, e.status, e.body);
      log.error(`emulator: ${method} ${path} failed: ${(e as Error).stack ?? e}`);
      send(res, 500, 'Internal Server Error');
    }
  };

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => void handle(req, res));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${port}`,
    state,
    requests,
    faults,
    appSecret,
    deliveries,
    loadExport(json: unknown): string {
      const id = state.loadBoard(json as EmulatedBoardInput);
      registerTokens();
      return id;
    },
    deliverWebhooks: (action) => deliver(action),
    async flushWebhooks() {
      while (inflight.size) await Promise.allSettled([...inflight]);
    },
    async close() {
      await Promise.allSettled([...inflight]);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
