// Thin, rate-limit-aware adapter over Trello's REST API (docs/operations.md, docs/trello.md §6–§8, docs/conventions.md §5).
// - throttles itself under Trello's limits (90/10 s per token, 270/10 s per key, shared by all clients
//   of one key in this process), so a scan never causes a 429 storm;
// - on a 429 waits for the window to pass, then retries; 5xx and dropped connections are retried
//   with jittered exponential backoff, a bounded number of times;
// - every response is validated with zod; failures become TrelloError with a fix-it message.
import { minOf } from '../../../shared/arrays.js';
import axios, { type AxiosInstance, type AxiosResponse, type Method } from 'axios';
import type { z } from 'zod';
import { TrelloActionSchema, TrelloBoardSchema } from '../../../shared/trello-export.js';
import type { Clock } from '../../../shared/types.js';
import { errorCode } from '../errors.js';
import { silentLogger, type Logger } from '../log.js';
import { TrelloError, statusMessage } from './errors.js';
import { acquire, processLimiters, type LimiterRegistry } from './rate-limiter.js';
import type { Config } from '../config.js';
import {
  AnyObjectSchema,
  CheckItemSchema,
  ChecklistSchema,
  CreatedCardSchema,
  BatchSchema,
  BoardLabelsSchema,
  CardLabelIdsSchema,
  LabelRemovedSchema,
  LabelSchema,
  WebhookSchema,
  type BoardLabels,
  type Label,
  type Webhook,
} from './schemas.js';

export type TrelloBoard = z.infer<typeof TrelloBoardSchema>;
export type TrelloAction = z.infer<typeof TrelloActionSchema>;

export interface TrelloLimits {
  /** Requests per window per token (Trello: 100; default 90 for margin). */
  perToken?: number;
  /** Requests per window per key, all tokens together (Trello: 300; default 270). */
  perKey?: number;
  windowMs?: number;
  /** How long to wait after a 429 when Trello sends no Retry-After (default: one window). */
  rateLimitWaitMs?: number;
  /** Attempts per request for 5xx/network errors, the first included (default 5). */
  maxTries?: number;
  /** Attempts per request answered 429 (default 8). */
  maxRateLimitTries?: number;
  /** First backoff delay; doubles per retry, ±50 % jitter, capped by maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** Share windows with other clients through this registry (default: process-wide). */
  registry?: LimiterRegistry;
}

export interface TrelloClientOptions {
  /** e.g. https://api.trello.com (no /1). */
  baseUrl: string;
  key: string;
  token: string;
  http?: AxiosInstance;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  log?: Logger;
  limits?: TrelloLimits;
  /** Jitter source (tests pass a constant). */
  random?: () => number;
}

export interface ClientStats {
  /** HTTP requests sent, retries included (what counts against Trello's limits). */
  requests: number;
  retries: number;
  rateLimited: number;
  /** ms spent waiting for our own throttle. */
  throttledMs: number;
}

export interface ListActionsOptions {
  /** Only actions newer than this action id or ISO date. */
  since?: string;
  /** Start paging before this action id or ISO date. */
  before?: string;
  /** Comma-separated action types (default commentCard). */
  filter?: string;
  /** Page size (≤ 1000, default 1000). */
  limit?: number;
  /** Called after each page (progress). */
  onPage?: (page: TrelloAction[], total: number) => void;
  /** Counts this call's requests (retries included) apart from everything else sharing the client. */
  meter?: RequestMeter;
}

/**
 * A per-caller request count: the client's `stats` are shared by everything using it (webhook checks, notify's
 * labels, a concurrent scan), so a scan that subtracted two readings of `stats.requests` counted other callers'
 * requests too. Each request is counted once, when it is sent, like Trello (and the emulator) count it.
 */
export interface RequestMeter {
  requests: number;
}

interface RequestSpec<T> {
  method: Method;
  /** Path under /1, e.g. `/boards/abc`. */
  path: string;
  params?: Record<string, string | number | boolean | undefined>;
  data?: unknown;
  schema: z.ZodType<T>;
  /** Names the object in error messages ("board abc"). */
  what: string;
  meter?: RequestMeter | undefined;
}

/** Fields of one board request: everything a BoardSnapshot needs (docs/operations.md: one request per board). */
export const BOARD_PARAMS = {
  fields: 'name,url,shortLink,closed,desc,idOrganization',
  cards: 'open',
  card_fields: 'name,url,shortLink,idList,closed,idMembers,idLabels,dateLastActivity,idBoard',
  card_pluginData: 'true',
  lists: 'all',
  list_fields: 'name,closed,pos,idBoard',
  members: 'all',
  member_fields: 'fullName,username,initials',
  labels: 'all',
  label_fields: 'name,color,idBoard',
  pluginData: 'true',
  // The cards' checklists with their items (docs/trello.md §7a): the onboarding and go-live checklists.
  checklists: 'all',
  checklist_fields: 'name,idCard,pos',
} as const;

const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNREFUSED',
  'EAI_AGAIN',
  'ERR_NETWORK',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_BAD_RESPONSE',
]);

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createTrelloClient(opts: TrelloClientOptions) {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const limits = opts.limits ?? {};
  const windowMs = limits.windowMs ?? 10_000;
  const registry = limits.registry ?? processLimiters;
  // Token window keyed by key+token so two keys with equal token strings never share by accident.
  const tokenWindow = registry.get(`${base}|token|${opts.key}|${opts.token}`, limits.perToken ?? 90, windowMs);
  const keyWindow = registry.get(`${base}|key|${opts.key}`, limits.perKey ?? 270, windowMs);
  const maxTries = limits.maxTries ?? 5;
  const maxRateLimitTries = limits.maxRateLimitTries ?? 8;
  const backoffMs = limits.backoffMs ?? 500;
  const maxBackoffMs = limits.maxBackoffMs ?? 8_000;
  const rateLimitWaitMs = limits.rateLimitWaitMs ?? windowMs;
  const sleep = opts.sleep ?? realSleep;
  const now = () => (opts.clock ?? (() => new Date()))().getTime();
  const random = opts.random ?? Math.random;
  const log = opts.log ?? silentLogger;
  const http =
    opts.http ??
    axios.create({
      timeout: limits.timeoutMs ?? 30_000,
      // We decide on statuses ourselves (no throw on 4xx/5xx).
      validateStatus: () => true,
      headers: { Accept: 'application/json' },
    });
  const stats: ClientStats = { requests: 0, retries: 0, rateLimited: 0, throttledMs: 0 };
  /** Path safe to print: the token may appear in a path (/tokens/{token}/webhooks). */
  const safe = (p: string) => p.split(opts.token).join('{token}');

  async function send<T>(spec: RequestSpec<T>): Promise<AxiosResponse> {
    stats.throttledMs += await acquire([tokenWindow, keyWindow], now, sleep);
    stats.requests++;
    if (spec.meter) spec.meter.requests++;
    return http.request({
      method: spec.method,
      url: `${base}/1${spec.path}`,
      params: { ...spec.params, key: opts.key, token: opts.token },
      data: spec.data,
      timeout: limits.timeoutMs ?? 30_000,
      validateStatus: () => true,
    });
  }

  function backoff(attempt: number): number {
    const d = Math.min(maxBackoffMs, backoffMs * 2 ** (attempt - 1));
    return Math.round(d * (0.5 + random() * 0.5));
  }

  async function request<T>(spec: RequestSpec<T>): Promise<T> {
    const route = `${spec.method.toUpperCase()} /1${safe(spec.path)}`;
    let failures = 0;
    let limited = 0;
    for (;;) {
      let res: AxiosResponse;
      try {
        res = await send(spec);
      } catch (err) {
        const code = errorCode(err) ?? '';
        const msg = err instanceof Error ? err.message : String(err);
        const retryable = RETRYABLE_CODES.has(code) || /socket hang up|timeout|ECONNRESET|network/i.test(msg);
        failures++;
        if (!retryable || failures >= maxTries) {
          throw new TrelloError(
            'trello-network',
            `${route} (${spec.what}) failed after ${failures} attempt(s): ${code || msg} — check that ${base} is reachable from this machine (TRELLO_API_URL, proxy, firewall)`,
          );
        }
        stats.retries++;
        const d = backoff(failures);
        log.debug(`trello: ${route} ${code || msg}; retry ${failures}/${maxTries - 1} in ${d} ms`);
        await sleep(d);
        continue;
      }
      if (res.status === 429) {
        limited++;
        stats.rateLimited++;
        if (limited >= maxRateLimitTries) {
          throw new TrelloError(
            'trello-rate-limited',
            `429 from Trello on ${route} ${limited} times in a row: another client is using this key/token heavily — wait a minute, or give Nabız its own token`,
            429,
          );
        }
        const ra = Number(res.headers?.['retry-after']);
        const d = Number.isFinite(ra) && ra > 0 ? ra * 1000 : rateLimitWaitMs;
        stats.retries++;
        log.warn(`trello: 429 on ${route} (${bodyError(res.data)}); waiting ${d} ms for the rate-limit window`);
        await sleep(d);
        continue;
      }
      if (res.status >= 500) {
        failures++;
        if (failures >= maxTries) {
          throw new TrelloError(
            'trello-unavailable',
            `${res.status} from Trello on ${route} (${spec.what}) after ${failures} attempts — Trello is having trouble; the next scan will try again`,
            res.status,
          );
        }
        stats.retries++;
        const d = backoff(failures);
        log.debug(`trello: ${res.status} on ${route}; retry ${failures}/${maxTries - 1} in ${d} ms`);
        await sleep(d);
        continue;
      }
      if (res.status >= 400) {
        const { code, message } = statusMessage(res.status, spec.method.toUpperCase(), `/1${safe(spec.path)}`, spec.what, res.data);
        throw new TrelloError(code, message, res.status);
      }
      const parsed = spec.schema.safeParse(res.data);
      if (!parsed.success) {
        // A failed parse has at least one issue.
        const issue = parsed.error.issues[0];
        const path = issue?.path.map(String).join('.') || '(root)';
        throw new TrelloError(
          'trello-invalid-response',
          `unexpected response from ${route} (${spec.what}): field ${path}: ${issue?.message ?? parsed.error.message}`,
          res.status,
          path,
        );
      }
      return parsed.data;
    }
  }

  /**
   * The board's actions newest first, one page (≤ 1000) at a time, each page yielded as it arrives so a caller can
   * store it before the next is fetched (docs/operations.md "What the first scan of a large board costs").
   * Trello orders by `date` to the millisecond and reads an id in `before` as its creation SECOND, so paging with
   * `before=<oldest id>` skips the rest of that second (trello-archive/api-docs#68). We page with `before` = the
   * oldest date + 1 ms instead: the next page repeats that millisecond, and its repeats are dropped here by id.
   * Only the ids of one millisecond are remembered, so memory does not grow with the history.
   */
  async function* actionPages(boardId: string, o: ListActionsOptions = {}): AsyncGenerator<TrelloAction[]> {
    const limit = Math.min(1000, Math.max(1, o.limit ?? 1000));
    let before = o.before;
    let boundary = new Set<string>();
    let total = 0;
    for (;;) {
      const page = await request({
        method: 'GET',
        path: `/boards/${encodeURIComponent(boardId)}/actions`,
        params: { filter: o.filter ?? 'commentCard', limit, since: o.since, before },
        schema: TrelloActionSchema.array(),
        what: `board ${boardId}`,
        meter: o.meter,
      });
      const fresh = boundary.size ? page.filter((a) => !boundary.has(a.id)) : page;
      total += fresh.length;
      o.onPage?.(fresh, total);
      if (fresh.length) yield fresh;
      if (page.length < limit) return;
      const oldest = minOf(page.map((a) => Date.parse(a.date)));
      if (!Number.isFinite(oldest)) throw new TrelloError('trello-invalid-response', `board ${boardId}: an action without a valid date; cannot page further`);
      if (fresh.length === 0) {
        throw new TrelloError(
          'trello-invalid-response',
          `board ${boardId}: more than ${limit} actions share the millisecond ${new Date(oldest).toISOString()}; cannot page past them`,
        );
      }
      before = new Date(oldest + 1).toISOString();
      boundary = new Set(page.filter((a) => Date.parse(a.date) === oldest).map((a) => a.id));
    }
  }

  async function listActions(boardId: string, o: ListActionsOptions = {}): Promise<TrelloAction[]> {
    const all: TrelloAction[] = [];
    for await (const page of actionPages(boardId, o)) for (const a of page) all.push(a);
    return all;
  }

  return {
    stats,
    /** Generic validated request (bench baseline, rare extras). */
    request,
    /** One request: the board with open cards (+ their pluginData), lists, members, labels and board pluginData. */
    getBoard: (boardId: string, o: { meter?: RequestMeter; actionsSince?: string; actionsFilter?: string } = {}) =>
      request({
        method: 'GET',
        path: `/boards/${encodeURIComponent(boardId)}`,
        // With actionsSince: the comments since then nested in the same response (newest first, ≤ 1000), so an
        // incremental scan of a quiet board costs one request (docs/operations.md "What a scan costs").
        params: o.actionsSince
          ? { ...BOARD_PARAMS, actions: o.actionsFilter ?? 'commentCard', actions_limit: 1000, actions_since: o.actionsSince }
          : BOARD_PARAMS,
        schema: TrelloBoardSchema,
        what: `board ${boardId}`,
        meter: o.meter,
      }),
    listActions,
    actionPages,
    getAction: (actionId: string) =>
      request({ method: 'GET', path: `/actions/${encodeURIComponent(actionId)}`, schema: TrelloActionSchema, what: `action ${actionId}` }),
    /** Text goes in the JSON body: long comments in a query string hit HTTP 414 (docs/trello.md §7). */
    postComment: (cardId: string, text: string) =>
      request({
        method: 'POST',
        path: `/cards/${encodeURIComponent(cardId)}/actions/comments`,
        data: { text },
        schema: TrelloActionSchema,
        what: `card ${cardId}`,
      }),
    editComment: (cardId: string, actionId: string, text: string) =>
      request({
        method: 'PUT',
        path: `/cards/${encodeURIComponent(cardId)}/actions/${encodeURIComponent(actionId)}/comments`,
        data: { text },
        schema: AnyObjectSchema,
        what: `comment ${actionId} on card ${cardId}`,
      }),
    deleteComment: (cardId: string, actionId: string) =>
      request({
        method: 'DELETE',
        path: `/cards/${encodeURIComponent(cardId)}/actions/${encodeURIComponent(actionId)}/comments`,
        schema: AnyObjectSchema.or(AnyObjectSchema.array()).or(TrelloActionSchema),
        what: `comment ${actionId} on card ${cardId}`,
      }),
    /**
     * A new card at the bottom of a list (docs/trello.md §7a; `POST /1/cards`, `idList` required, Trello's REST
     * reference "Create a new Card"): the team lead's card of the month-end review (R17).
     */
    createCard: (listId: string, name: string, desc: string) =>
      request({
        method: 'POST',
        path: '/cards',
        data: { idList: listId, name, desc, pos: 'bottom' },
        schema: CreatedCardSchema,
        what: `list ${listId}`,
      }),
    /** A checklist on a card, no items yet (docs/trello.md §7a). */
    createChecklist: (cardId: string, name: string) =>
      request({
        method: 'POST',
        path: `/cards/${encodeURIComponent(cardId)}/checklists`,
        data: { name, pos: 'bottom' },
        schema: ChecklistSchema,
        what: `card ${cardId}`,
      }),
    /** One item: Trello has no bulk create (docs/trello.md §7a). */
    addCheckItem: (checklistId: string, name: string) =>
      request({
        method: 'POST',
        path: `/checklists/${encodeURIComponent(checklistId)}/checkItems`,
        data: { name, pos: 'bottom' },
        schema: CheckItemSchema,
        what: `checklist ${checklistId}`,
      }),
    /** Board labels and open cards' label ids only, one light request (notify's label reconciliation). */
    getBoardLabels: (boardId: string): Promise<BoardLabels> =>
      request({
        method: 'GET',
        path: `/boards/${encodeURIComponent(boardId)}`,
        // Nested labels default to 50 per board: ask for all of them so an existing label is found.
        params: { fields: 'name', cards: 'open', card_fields: 'idLabels,closed', labels: 'all', label_fields: 'name,color', labels_limit: 1000 },
        schema: BoardLabelsSchema,
        what: `board ${boardId}`,
      }),
    /** Resolves to the card's label ids after the add (docs/trello.md §7). */
    addLabel: (cardId: string, labelId: string): Promise<string[]> =>
      request({
        method: 'POST',
        path: `/cards/${encodeURIComponent(cardId)}/idLabels`,
        params: { value: labelId },
        schema: CardLabelIdsSchema,
        what: `card ${cardId}`,
      }),
    removeLabel: (cardId: string, labelId: string): Promise<unknown> =>
      request({
        method: 'DELETE',
        path: `/cards/${encodeURIComponent(cardId)}/idLabels/${encodeURIComponent(labelId)}`,
        schema: LabelRemovedSchema,
        what: `card ${cardId}`,
      }),
    createLabel: (boardId: string, label: { name: string; color: string | null }): Promise<Label> =>
      request({
        method: 'POST',
        path: `/boards/${encodeURIComponent(boardId)}/labels`,
        params: { name: label.name, color: label.color ?? 'null' },
        schema: LabelSchema,
        what: `board ${boardId}`,
      }),
    createWebhook: (w: { callbackURL: string; idModel: string; description?: string }): Promise<Webhook> =>
      request({
        method: 'POST',
        path: `/webhooks`,
        params: { callbackURL: w.callbackURL, idModel: w.idModel, description: w.description ?? 'Nabız', active: true },
        schema: WebhookSchema,
        what: `webhook for ${w.idModel}`,
      }),
    /** Webhooks belong to the token (docs/trello.md §9). */
    listWebhooks: (): Promise<Webhook[]> =>
      request({ method: 'GET', path: `/tokens/${encodeURIComponent(opts.token)}/webhooks`, schema: WebhookSchema.array(), what: 'the token’s webhooks' }),
    deleteWebhook: (id: string) =>
      request({ method: 'DELETE', path: `/webhooks/${encodeURIComponent(id)}`, schema: AnyObjectSchema.or(AnyObjectSchema.array()), what: `webhook ${id}` }),
    /** GET /1/batch with ≤ 10 GET routes (no /1 prefix, docs/trello.md §6). One request. */
    batch: (urls: string[]) => {
      if (urls.length === 0 || urls.length > 10) throw new TrelloError('trello-bad-request', `batch takes 1–10 urls (got ${urls.length})`);
      return request({ method: 'GET', path: '/batch', params: { urls: urls.join(',') }, schema: BatchSchema, what: 'batch' });
    },
  };
}

export type TrelloClient = ReturnType<typeof createTrelloClient>;

/** The service's client from the configuration (scan, serve, notify): TRELLO_API_URL, key, token, timeout. */
export function trelloClientFromConfig(
  config: Pick<Config, 'TRELLO_API_URL' | 'TRELLO_KEY' | 'TRELLO_TOKEN' | 'TRELLO_TIMEOUT_MS'>,
  deps: { clock: Clock; log: Logger },
): TrelloClient {
  if (!config.TRELLO_KEY || !config.TRELLO_TOKEN) throw new TrelloError('trello-auth', 'TRELLO_KEY and TRELLO_TOKEN are both needed to reach Trello');
  return createTrelloClient({
    baseUrl: config.TRELLO_API_URL,
    key: config.TRELLO_KEY,
    token: config.TRELLO_TOKEN,
    clock: deps.clock,
    log: deps.log,
    limits: { timeoutMs: config.TRELLO_TIMEOUT_MS },
  });
}

function bodyError(data: unknown): string {
  if (data && typeof data === 'object' && 'error' in data) return String(data.error);
  return typeof data === 'string' ? data.slice(0, 80) : 'rate limited';
}
