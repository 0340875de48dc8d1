// Trello webhooks (docs/operations.md "Webhooks"): the only prompt source of a comment's old text
// (updateComment) and of deletions, which Trello never lists in nested action lists. Every POST is
// authenticated with X-Trello-Webhook = base64 HMAC-SHA1(app secret, raw body bytes + UTF-8 callback URL):
// Trello signs the UTF-8 bytes (developer.atlassian.com/cloud/trello/guides/rest-api/webhooks, "Webhook
// signatures"; the old latin1 "binary string" caveat was dropped from Trello's api-docs in 2016).
// See docs/trello.md §10. Forged or unsigned deliveries are refused with 401 and a warning (never logging the secret or the signature);
// a body larger than any real delivery is refused with 413 before it is read. A plain Node listener (webhookListener).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { TrelloActionSchema } from '../../../../shared/trello-export.js';
import { CHECK_ITEM_ACTION_TYPE, MEMBER_ACTION_TYPES, checkItemInputs, memberInputs } from '../../scan/facts.js';
import { createEvaluationQueue } from '../../scan/evaluation-queue.js';
import { actionIdsOf, diffActions } from '../../scan/scan-boards.js';
import { trackedBoardKey } from '../../store/board-ids.js';
import type { AppDeps } from '../deps.js';
import { touchedCards } from '../../store/judge.js';
import { isRecord } from '../../../../shared/guards.js';
import { pushAll } from '../../../../shared/arrays.js';
import { ledgerKey, type LedgerInput } from '../../store/ledger.js';
import type { LedgerRecord } from '../../store/schema.js';
import type { Store } from '../../store/store.js';
import { isStoreFault, StoreUnavailableError } from '../../store/sql.js';
import { HTTP_LIMITS, watchBody } from '../limits.js';
import { silentLogger, type Logger } from '../../log.js';

export const WEBHOOK_PATH = '/webhooks/trello';

/** The callback URL Trello signs with: exactly what was registered (PUBLIC_URL + path). */
export function webhookCallbackUrl(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '') + WEBHOOK_PATH;
}

/**
 * Real deliveries are a board/card model plus one action (a comment is at most 16,384 characters): well under
 * 100 KB. Anything larger is refused before it is buffered.
 */
export const MAX_WEBHOOK_BYTES = 256 * 1024;

/** base64 HMAC-SHA1 over the raw body bytes as received, then the callback URL's UTF-8 bytes (no re-encoding). */
export function webhookSignature(secret: string, rawBody: Buffer | string, callbackURL: string): string {
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  return createHmac('sha1', secret).update(body).update(callbackURL, 'utf8').digest('base64');
}

export function verifyWebhookSignature(secret: string, rawBody: Buffer | string, callbackURL: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(webhookSignature(secret, rawBody, callbackURL), 'base64');
  const given = Buffer.from(header, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The action types the ledger keeps (comments, their edits and deletions); every other delivery is ignored. */
const RECORDED_TYPES: readonly string[] = ['commentCard', 'updateComment', 'deleteComment'];

const DeliverySchema = z.looseObject({
  action: TrelloActionSchema,
  model: z.looseObject({ id: z.string() }).optional(),
});

/** One delivery's part of a shared commit: the board and action ids it is about, and its ledger inputs. */
interface Delivery {
  boardId: string;
  ids: readonly string[];
  /** Its inputs, given the records the ledger holds about its action ids on its board (in seq order). */
  inputs: (held: readonly LedgerRecord[]) => Promise<LedgerInput[]>;
}

/**
 * Group commit: deliveries that arrive while a commit runs are appended together in the next one, so a burst costs a
 * few write transactions instead of one each (docs/operations.md "Webhooks"). Per commit, not per delivery: one store
 * check (a store that cannot keep them refuses the whole commit with StoreUnavailableError, answered 503) and, inside
 * the write transaction, one ledger lookup per board for every action the commit is about. Each delivery still answers
 * only once its own facts are committed, with the records they made. Two deliveries about one comment never share a
 * commit: the later one is diffed against the ledger as the earlier one left it, exactly as one at a time.
 */
export function deliveryRecorder(store: Store, log: Pick<Logger, 'info'> = silentLogger): (d: Delivery) => Promise<LedgerRecord[]> {
  type Job = Delivery & { resolve: (r: LedgerRecord[]) => void; reject: (e: unknown) => void };
  let queue: Job[] = [];
  let running = false;

  /** The waiting deliveries that may share one commit (not two about one action); the others wait for the next. */
  function take(): Job[] {
    const batch: Job[] = [];
    const later: Job[] = [];
    const taken = new Set<string>();
    for (const job of queue) {
      if (job.ids.some((id) => taken.has(id))) later.push(job);
      else {
        for (const id of job.ids) taken.add(id);
        batch.push(job);
      }
    }
    queue = later;
    return batch;
  }

  async function commit(): Promise<void> {
    // Per delivery the fact keys of its inputs (a failing one is refused alone; the others go on).
    const keys = new Map<Job, Set<string>>();
    const failed = new Map<Job, unknown>();
    let added: LedgerRecord[];
    // Taken once the write transaction holds the store, so what arrived during the check and the wait for the
    // lock (round trips on PostgreSQL) joins this commit instead of waiting for the next one.
    let batch: Job[] | null = null;
    const t0 = performance.now();
    try {
      const problem = await store.health();
      if (problem) throw new StoreUnavailableError(problem);
      added = await store.append(async () => {
        batch = take();
        // Read in the transaction: what another writer committed before it is seen (docs/operations.md "Webhooks").
        const idsByBoard = new Map<string, Set<string>>();
        for (const job of batch) {
          const ids = idsByBoard.get(job.boardId) ?? new Set<string>();
          for (const id of job.ids) ids.add(id);
          idsByBoard.set(job.boardId, ids);
        }
        const held = new Map<string, LedgerRecord[]>();
        for (const [boardId, ids] of idsByBoard) held.set(boardId, await store.ledger.records(boardId, [...ids]));
        const all: LedgerInput[] = [];
        for (const job of batch) {
          try {
            const mine = (held.get(job.boardId) ?? []).filter((r) => job.ids.includes(r.actionId));
            const list = await job.inputs(mine);
            keys.set(job, new Set(list.map(ledgerKey)));
            pushAll(all, list);
          } catch (e) {
            failed.set(job, e);
          }
        }
        return all;
      });
    } catch (e) {
      for (const job of batch ?? take()) job.reject(e);
      return;
    }
    const jobs: Job[] = batch ?? [];
    const mine = new Map<Job, LedgerRecord[]>();
    for (const r of added) {
      const k = ledgerKey(r);
      const job = jobs.find((j) => keys.get(j)?.has(k));
      if (!job) continue;
      const list = mine.get(job);
      if (list) list.push(r);
      else mine.set(job, [r]);
    }
    for (const job of jobs) {
      if (failed.has(job)) job.reject(failed.get(job));
      else job.resolve(mine.get(job) ?? []);
    }
    // One line per commit, not per delivery (a burst of 2,000 filled the log); each delivery at debug, and every
    // refusal or failure still on its own (docs/operations.md "Webhooks").
    if (jobs.length) log.info(commitLine(jobs, added, performance.now() - t0));
  }

  async function drain(): Promise<void> {
    running = true;
    try {
      while (queue.length) {
        // What the event loop delivered so far joins this commit (one turn: every request already read).
        await new Promise<void>((r) => setImmediate(r));
        await commit();
      }
    } finally {
      running = false;
    }
  }

  return (d) =>
    new Promise<LedgerRecord[]>((resolve, reject) => {
      queue.push({ ...d, resolve, reject });
      if (!running) void drain();
    });
}

/** "webhooks: 3 deliveries committed in 4 ms: 2 ledger records (board b1: 2 deliveries, board b2: 1)". */
function commitLine(jobs: ReadonlyArray<{ boardId: string }>, added: readonly LedgerRecord[], ms: number): string {
  const perBoard = new Map<string, number>();
  for (const j of jobs) perBoard.set(j.boardId, (perBoard.get(j.boardId) ?? 0) + 1);
  const boards = [...perBoard].map(([b, n]) => `board ${b}: ${n}`).join(', ');
  const n = jobs.length;
  return `webhooks: ${n} ${n === 1 ? 'delivery' : 'deliveries'} committed in ${Math.round(ms)} ms: ${added.length} ledger record(s) (${boards})`;
}

/** One JSON answer, straight on Node's response (the webhook path has no express, webhookListener). */
function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(json)), ...headers }).end(json);
}

/** The body as received; 'too large' once it passes `limit` bytes (the rest is read and dropped); 'cut off' when the
 * client went away first (or the slow-body deadline closed it). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too large' | 'cut off'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        chunks.length = 0;
        resolve('too large');
      } else chunks.push(c);
    });
    req.on('end', () => resolve(size > limit ? 'too large' : Buffer.concat(chunks, size)));
    // An 'aborted' error or a close before the end: the client went away (its problem, not a fault of ours).
    req.on('close', () => resolve('cut off'));
    req.on('error', () => resolve('cut off'));
  });
}

/**
 * Trello's deliveries as a plain Node listener, ahead of express (app.ts): express's set-up per request (prototypes,
 * its router, the middleware) was a third of a delivery's time in a burst (docs/operations.md "Webhooks"). True when
 * the request was ours (HEAD or POST on WEBHOOK_PATH); anything else goes on to express. `bodyTimeoutMs`: the same
 * slow-body cut-off as every other route (limits.ts).
 */
export function webhookListener(deps: AppDeps, opts: { bodyTimeoutMs?: number } = {}): (req: IncomingMessage, res: ServerResponse) => boolean {
  const record = deliveryRecorder(deps.store, deps.log);
  // Findings follow the evidence (edited/deleted entries, the evidence rule in docs/rules.md), off the request path.
  const evaluations =
    deps.evaluations ?? (deps.evaluations = createEvaluationQueue({ store: deps.store, clock: deps.clock, log: deps.log, people: deps.config.people }));
  const bodyTimeoutMs = opts.bodyTimeoutMs ?? HTTP_LIMITS.bodyTimeoutMs;
  let lastStoreFault: string | null = null;
  const tooLarge = (res: ServerResponse, bytes: string) => {
    deps.log.warn(`webhooks: refused a delivery of ${bytes} bytes (limit ${MAX_WEBHOOK_BYTES}) without reading it`);
    answer(res, 413, { error: 'delivery too large' }, { connection: 'close' });
  };
  async function post(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Content-Length is checked before any byte is read; a chunked body is cut off at the limit.
    const len = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(len) && len > MAX_WEBHOOK_BYTES) return tooLarge(res, String(len));
    const body = await readBody(req, MAX_WEBHOOK_BYTES);
    // Cut off as too slow meanwhile (watchBody answered 408), or the client is gone: nothing to answer.
    if (res.headersSent || body === 'cut off') return;
    if (body === 'too large') return tooLarge(res, `more than ${MAX_WEBHOOK_BYTES}`);
    const secret = deps.config.TRELLO_APP_SECRET;
    const publicUrl = deps.config.PUBLIC_URL;
    if (!secret || !publicUrl) {
      deps.log.warn('webhooks: delivery refused: TRELLO_APP_SECRET and PUBLIC_URL must both be set to verify Trello signatures');
      return answer(res, 401, { error: 'webhook signatures cannot be verified on this server' });
    }
    const sig = req.headers['x-trello-webhook'];
    if (!verifyWebhookSignature(secret, body, webhookCallbackUrl(publicUrl), typeof sig === 'string' ? sig : undefined)) {
      deps.log.warn(
        `webhooks: refused a delivery with a missing or bad X-Trello-Webhook signature from ${req.socket.remoteAddress ?? 'unknown'} (${body.length} bytes)`,
      );
      return answer(res, 401, { error: 'invalid signature' });
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return answer(res, 400, { error: 'body is not JSON' });
    }
    const parsed = DeliverySchema.safeParse(json);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      deps.log.warn(`webhooks: signed delivery with an unexpected shape at ${i?.path.join('.') || '(root)'}: ${i?.message ?? parsed.error.message}`);
      return answer(res, 400, { error: 'unexpected webhook body' });
    }
    const action = parsed.data.action;
    const board = isRecord(action.data) && isRecord(action.data.board) ? action.data.board : undefined;
    const trelloBoardId = (typeof board?.id === 'string' ? board.id : undefined) ?? parsed.data.model?.id ?? '';
    const boardId = trackedBoardKey(deps.config.NABIZ_BOARDS, deps.store.boards, trelloBoardId) ?? '';
    // Trello retries anything but a 2xx, so a delivery we do not keep is still acknowledged: with the reason in the
    // body and a debug line, so an operator can tell "ignored on purpose" from "lost" (docs/operations.md "Webhooks").
    const ignore = (reason: string) => {
      deps.log.debug(`webhooks: ignored ${action.type} ${action.id} on board ${trelloBoardId || '(none)'}: ${reason}`);
      answer(res, 200, { ignored: reason });
    };
    if (!boardId) return ignore(trelloBoardId ? 'board not tracked' : 'no board in the delivery');
    const member = MEMBER_ACTION_TYPES.includes(action.type);
    const tick = action.type === CHECK_ITEM_ACTION_TYPE;
    // A tick is recorded as a fact here, and the next scan refreshes the checklists' current states on the snapshot.
    if (tick) deps.boardChanged?.(boardId);
    if (!member && !tick && !RECORDED_TYPES.includes(action.type)) {
      // Cards, lists, pluginData changed: the next scheduled scan fetches this board even while its webhook is live.
      deps.boardChanged?.(boardId);
      return ignore('action type not recorded');
    }
    const recordedAt = deps.clock().toISOString();
    // The records of the comment the action is about (one lookup for the whole commit) and one insert, in a write
    // transaction shared with the deliveries that arrived meanwhile (record below). A membership change is a dated fact
    // with Trello's time (docs/rules.md "Facts in force"); the scan lists it too, and the ledger keeps it once.
    const added = await record({
      boardId,
      ids: actionIdsOf([action]),
      inputs: async (held) =>
        member
          ? memberInputs([action], boardId, 'webhook', recordedAt)
          : tick
            ? checkItemInputs([action], boardId, 'webhook', recordedAt)
            : diffActions(held, boardId, [action], { full: false, source: 'webhook', recordedAt }),
    });
    lastStoreFault = null;
    if (added.length === 0) return ignore('already recorded');
    deps.log.debug(`webhooks: ${action.type} ${action.id} on board ${boardId}: ${added.length} ledger record(s)`);
    // Answered once the fact is committed; the board is evaluated when its deliveries pause (evaluation-queue.ts).
    answer(res, 200, { recorded: added.length });
    // Only the cards the records touch are re-judged (a settings version: all), store/judge.ts.
    evaluations.schedule(boardId, touchedCards(added, boardId));
  }
  return (req, res) => {
    const path = (req.url ?? '').split('?', 1)[0] ?? '';
    if (path !== WEBHOOK_PATH && path !== `${WEBHOOK_PATH}/`) return false;
    if (req.method !== 'POST' && req.method !== 'HEAD') return false;
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Trello checks the callback with HEAD when the webhook is created (non-200 → not created).
    if (req.method === 'HEAD') {
      res.writeHead(200).end();
      return true;
    }
    watchBody(req, res, bodyTimeoutMs, deps.log);
    post(req, res).catch((err: unknown) => {
      if (res.headersSent) {
        deps.log.warn(`http: POST ${WEBHOOK_PATH}: failed after the answer began: ${oneLine(err)}`);
        res.destroy();
      } else if (isStoreFault(err)) {
        // The store cannot keep it (file gone, records lost, PostgreSQL down): Trello delivers it again later. Logged
        // once per problem, not per delivery (Trello's retries would fill the log).
        const problem = oneLine(err);
        if (problem !== lastStoreFault)
          deps.log.error(`webhooks: the data store failed: ${problem}: deliveries answered 503 (Trello delivers them again later)`);
        lastStoreFault = problem;
        answer(res, 503, { error: 'the data store is unavailable; try again later' }, { 'retry-after': '60' });
      } else {
        deps.log.error(`http: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        answer(res, 500, { error: 'internal error' });
      }
    });
    return true;
  };
}

const oneLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n', 1).join('').slice(0, 200);
