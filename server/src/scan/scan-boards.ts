// The scan job (docs/architecture.md): a plain async function the CLI, cron and tests call directly.
// Per board, never a request per card: an incremental scan is ONE board request with the comments since the
// board's cursor nested in it; the first scan backfills the whole history page by page, each page committed as it
// arrives behind a resumable watermark; a full pass re-lists every comment to catch edits (dateLastEdited /
// changed text) and deletions (ids that vanished), which incremental listing cannot see (TRELLO-787).
// Evidence goes to the hash-chained ledger (R62).
import { minOf } from '../../../shared/arrays.js';
import type { EvaluateOptions } from '../../../shared/compliance.js';
import type { Approver } from '../../../shared/compliance/facts-in-force.js';
import { dateKey, trelloIdTime } from '../../../shared/dates.js';
import { TrelloActionSchema, TrelloExportError, snapshotFromTrello } from '../../../shared/trello-export.js';
import type { AuditResult, BoardSnapshot, Clock } from '../../../shared/types.js';
import type { Logger } from '../log.js';
import { foldComments, type LedgerInput } from '../store/ledger.js';
import type { BoardState, Evaluation, LedgerRecord, ScanLog } from '../store/schema.js';
import { evaluationMark, judgeStoredBoard, rowsCurrent, storedResult, type JudgeResult } from '../store/judge.js';
import type { Store } from '../store/store.js';
import { TrelloError } from '../trello/errors.js';
import type { RequestMeter, TrelloAction, TrelloClient } from '../trello/client.js';
import { attachTicks, setupChecklists } from './checklists.js';
import { setupMonthReview, type MonthReviewSetup } from './month-review.js';
import { present } from '../../../shared/guards.js';
import { CHECK_ITEM_ACTION_TYPE, MEMBER_ACTION_TYPES, MEMBER_FILTER, actionFactInputs, dataInputs, factHistory } from './facts.js';

/**
 * Comments and card membership changes, in one listing (`filter` takes a comma-separated list of action types:
 * developer.atlassian.com/cloud/trello/guides/rest-api/nested-resources). updateComment and deleteComment are
 * "excluded" action types that Trello sends to webhooks and never lists
 * (developer.atlassian.com/cloud/trello/guides/rest-api/action-types), so edits and deletions come from the
 * webhook (with Trello's time) or the full-pass diff (noticed); docs/trello.md §11, §13. The membership actions
 * are the dated facts of who owned a card when (docs/rules.md "Facts in force"). Check-item ticks are listed too:
 * they are the checklists' facts (docs/trello.md §7a).
 */
export const ACTION_FILTER = `commentCard,${CHECK_ITEM_ACTION_TYPE},${MEMBER_FILTER}`;

export interface ScanDeps {
  store: Store;
  trello: TrelloClient;
  /** Board ids to scan (config NABIZ_BOARDS, or the demo boards). */
  boards: string[];
  clock: Clock;
  log: Logger;
  /**
   * Does this board have a live Trello webhook (the last check)? Such a board is skipped by incremental scans of
   * every board (its comments arrive by webhook); the nightly full pass and a scan asked for that board still fetch it.
   */
  webhookLive?: (boardId: string) => boolean;
  /** Add the Nabız checklists to newly set-up customer cards (docs/rules.md "Checklists"); off unless asked. */
  setupChecklists?: boolean;
  /** NABIZ_PEOPLE's leads and managers: freezes count only with their approval (R20). Empty: not checked. */
  people?: readonly Approver[];
}

/** The evaluation options of a service with these people (R20 approvals checked only when someone can approve). */
export function evaluateOptions(people: readonly Approver[] | undefined): EvaluateOptions {
  return people?.length ? { people } : {};
}

export interface ScanProgress {
  boardId: string;
  /** 0-based index of the board, of `total`. */
  index: number;
  total: number;
  phase: 'board' | 'actions' | 'done' | 'failed';
  /** Actions fetched so far for this board. */
  actions: number;
}

export interface ScanOptions {
  /** Re-list every comment (edits, deletions); also implied for a board never backfilled. */
  full?: boolean;
  /** Evaluate as of this instant (reproducible reviews); default: the clock. */
  now?: Date;
  onProgress?: (p: ScanProgress) => void;
  /** Boards scanned in parallel (requests are throttled by the client either way). */
  concurrency?: number;
  /** Evaluate the boards after syncing (default true; the benchmark measures sync alone). */
  evaluate?: boolean;
  /** Skip boards with a live webhook (deps.webhookLive) on an incremental scan (default false: the runner's scheduled scans set it). */
  skipLive?: boolean;
  /**
   * Record the dated facts (default true). false = the scan as it was before facts were recorded: comments only.
   * Only the benchmark turns it off, to measure what recording the facts costs in the same run (on a store of its
   * own: unchanged pluginData is judged against the stored snapshot, so a store must not mix both kinds of scan).
   */
  facts?: boolean;
  /**
   * Give every judged board its result (`BoardScanResult.result`), also a board not judged again (unchanged today, or
   * failed): read from its verdict rows, ~0.1 s for a 50-card year. Default: only the boards judged this scan (the
   * service's scans need only the log's counts); the CLI sets it (`scan --json`, its summary).
   */
  results?: boolean;
}

export interface BoardScanResult {
  boardId: string;
  name?: string;
  ok: boolean;
  /** Nabız checklists added to cards this scan (ScanDeps.setupChecklists). */
  checklistsCreated?: number;
  /** The team lead's month-end review card, checklist and items kept this scan (R17, ScanDeps.setupChecklists). */
  monthReview?: MonthReviewSetup;
  error?: string;
  /** TrelloError code, or 'invalid-board'. */
  code?: string;
  full: boolean;
  newComments: number;
  edits: number;
  deletions: number;
  /** Dated facts recorded (membership changes, pluginData versions; a board's first scan also its baseline). */
  facts: number;
  requests: number;
  cards: number;
  /**
   * The board as its verdict rows say after this scan (store/judge.ts storedResult): for a board judged this scan, or
   * any judged board with ScanOptions.results; else null.
   */
  result: AuditResult | null;
  /** The first scan of this board (a backfill of its whole history, resumed from its watermark if one was left). */
  backfill?: boolean;
  /** Nothing changed at Trello (no new fact, same board snapshot), or not fetched (live webhook): not evaluated again today. */
  unchanged?: boolean;
  /** Not fetched: a live webhook delivers its comments. */
  skipped?: 'webhook';
}

export interface ScanResult {
  at: string;
  kind: 'incremental' | 'full';
  evaluatedAt: string;
  durationMs: number;
  requests: number;
  boards: BoardScanResult[];
}

const SCAN_LOG_KEEP = 500;

/** Ledger input for a commentCard action (first sight). */
function commentInput(a: TrelloAction, boardId: string, source: LedgerRecord['source'], recordedAt: string): LedgerInput | null {
  const cardId = a.data?.card?.id;
  if (!cardId) return null;
  const r: LedgerInput = {
    type: 'comment',
    actionId: a.id,
    boardId,
    cardId,
    authorId: a.idMemberCreator ?? a.memberCreator?.id ?? '',
    postedAt: a.date,
    text: a.data?.text ?? '',
    recordedAt,
    source,
  };
  if (a.memberCreator?.fullName) r.authorName = a.memberCreator.fullName;
  if (a.data?.dateLastEdited) r.dateLastEdited = a.data.dateLastEdited;
  return r;
}

/**
 * Ledger inputs for one board's listing against `records`, the board's ledger records (store.ledger.boardRecords,
 * or just those of the comments a webhook names). `full` = the listing is the complete
 * history, so a known comment missing from it was deleted. Pure.
 */
/** The comment ids a list of actions is about: its own id and, for updates and deletions, the comment's. */
export function actionIdsOf(actions: readonly TrelloAction[]): string[] {
  const ids: string[] = [];
  for (const a of actions) {
    ids.push(a.id);
    const about = a.data?.action?.id;
    if (about) ids.push(about);
  }
  return ids;
}

export function diffActions(
  records: readonly LedgerRecord[],
  boardId: string,
  actions: TrelloAction[],
  opts: {
    full: boolean;
    source: LedgerRecord['source'];
    recordedAt: string;
    /** The previous full pass of this board: every comment the ledger held then was present at that time. */
    lastFullPassAt?: string | undefined;
  },
): LedgerInput[] {
  const current = new Map(foldComments(records).map((c) => [c.id, c]));
  // Comments whose first sight is recorded (an edit or deletion may arrive before its comment: any order).
  const firstSeen = new Set(records.filter((r) => r.type === 'comment').map((r) => r.actionId));
  const out: LedgerInput[] = [];
  const listed = new Set<string>();
  // Oldest first so the ledger reads in Trello's order (by date to the millisecond, then id: docs/trello.md §6).
  const ordered = [...actions].sort(byDate);
  for (const a of ordered) {
    if (a.type === 'commentCard') {
      listed.add(a.id);
      const known = current.get(a.id);
      if (!known || !firstSeen.has(a.id)) {
        // Never seen, or known only from an edit or deletion delivered before it: the comment is its own fact.
        const r = commentInput(a, boardId, opts.source, opts.recordedAt);
        if (r) out.push(r);
        firstSeen.add(a.id);
        continue;
      }
      const text = a.data?.text ?? '';
      if (!known.deletedAt && text !== known.text) {
        const r: LedgerInput = {
          type: 'edit',
          actionId: a.id,
          boardId,
          cardId: known.cardId,
          authorId: known.authorId,
          postedAt: known.postedAt,
          text,
          oldText: known.text,
          recordedAt: opts.recordedAt,
          source: opts.source,
        };
        if (known.authorName) r.authorName = known.authorName;
        if (a.data?.dateLastEdited) r.dateLastEdited = a.data.dateLastEdited;
        out.push(r);
      }
    } else if (a.type === 'deleteComment') {
      const id = a.data?.action?.id;
      const cardId = a.data?.card?.id;
      if (!id || !cardId) continue;
      const known = current.get(id);
      if (known?.deletedAt) continue;
      const r: LedgerInput = {
        type: 'delete',
        actionId: id,
        boardId,
        cardId: known?.cardId ?? cardId,
        authorId: known?.authorId ?? a.idMemberCreator ?? '',
        // Unknown comment: like shared/trello-export.ts, the deletion's time stands in for the posting time.
        postedAt: known?.postedAt ?? a.date,
        occurredAt: a.date,
        sourceActionId: a.id,
        recordedAt: opts.recordedAt,
        source: opts.source,
      };
      if (known?.text) r.oldText = known.text;
      if (known?.authorName) r.authorName = known.authorName;
      out.push(r);
      listed.add(id);
      current.set(id, { ...(known ?? { id, cardId, authorId: r.authorId, postedAt: r.postedAt, text: '' }), deletedAt: a.date });
    } else if (a.type === 'updateComment') {
      // Only webhooks deliver these (TRELLO-787): the one place the old text survives.
      const id = a.data?.action?.id;
      const known = id ? current.get(id) : undefined;
      const text = a.data?.action?.text;
      const cardId = known?.cardId ?? a.data?.card?.id;
      // Kept even when the deletion arrived first (webhooks come in any order): the edit is dated by Trello
      // and folded before the deletion (foldComments orders facts by their own dates).
      if (!id || !cardId || typeof text !== 'string' || (known && text === known.text)) continue;
      const oldText = typeof a.data?.old?.text === 'string' ? a.data.old.text : known?.text;
      const r: LedgerInput = {
        type: 'edit',
        actionId: id,
        boardId,
        cardId,
        authorId: known?.authorId ?? a.idMemberCreator ?? '',
        // A comment never scanned: its id's first 8 hex digits are its creation time.
        postedAt: known?.postedAt ?? idTime(id) ?? a.date,
        text,
        ...(oldText !== undefined ? { oldText } : {}),
        occurredAt: a.date,
        sourceActionId: a.id,
        recordedAt: opts.recordedAt,
        source: opts.source,
      };
      if (known?.authorName) r.authorName = known.authorName;
      out.push(r);
      current.set(id, { ...(known ?? { id, cardId, authorId: r.authorId, postedAt: r.postedAt, text: oldText ?? '' }), text, editedAt: a.date });
    }
  }
  if (opts.full) {
    let seen: Map<string, string> | undefined;
    for (const c of current.values()) {
      if (c.deletedAt || listed.has(c.id)) continue;
      // Gone from Trello while the ledger holds it: deleted. Trello never says when (deleteComment is not
      // listed), so the record says when Nabız noticed (recordedAt) and when the comment was last seen present.
      seen ??= lastSeenTimes(records, opts.lastFullPassAt);
      const lastSeenAt = seen.get(c.id);
      const r: LedgerInput = {
        type: 'delete',
        actionId: c.id,
        boardId,
        cardId: c.cardId,
        authorId: c.authorId,
        postedAt: c.postedAt,
        oldText: c.text,
        recordedAt: opts.recordedAt,
        source: opts.source,
        ...(lastSeenAt ? { lastSeenAt } : {}),
      };
      if (c.authorName) r.authorName = c.authorName;
      out.push(r);
    }
  }
  return out;
}

/** Per comment of the board: the latest time Nabız knew it was present (its records, or the last full pass). */
function lastSeenTimes(records: readonly LedgerRecord[], lastFullPassAt: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const later = (a: string | undefined, b: string | undefined) => (!a ? b : !b ? a : Date.parse(b) > Date.parse(a) ? b : a);
  for (const r of records) {
    if (r.type === 'delete') continue;
    const t = later(later(r.recordedAt, r.occurredAt), lastFullPassAt);
    const prev = out.get(r.actionId);
    const best = later(prev, t);
    if (best) out.set(r.actionId, best);
  }
  return out;
}

/** Creation time of a Trello id (first 8 hex digits = seconds), or undefined. */
export function idTime(id: string): string | undefined {
  return trelloIdTime(id)?.toISOString();
}

/**
 * The board snapshot without comments (stored in the snapshots table: store.snapshots). The scanner pages the whole history,
 * so it is cut only when the board says so: the emulator serving a cut export (docs/emulator.md "Cut history").
 */
function boardOnlySnapshot(board: unknown): Omit<BoardSnapshot, 'comments'> & { comments: [] } {
  return { ...snapshotFromTrello(board, []), comments: [] };
}

/** Trello's order of actions: by date (ms), then id. */
function byDate(a: TrelloAction, b: TrelloAction): number {
  const d = Date.parse(a.date) - Date.parse(b.date);
  return d !== 0 ? d : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The newest listed action (by date) becomes the cursor: every listed type, since the next listing asks for all of them `since` it. Nothing listed keeps the old one. */
function newestId(old: string | undefined, actions: readonly TrelloAction[]): string | undefined {
  let best: TrelloAction | undefined;
  for (const x of actions)
    if (
      (x.type === 'commentCard' || x.type === 'deleteComment' || x.type === CHECK_ITEM_ACTION_TYPE || MEMBER_ACTION_TYPES.includes(x.type)) &&
      (!best || byDate(x, best) > 0)
    )
      best = x;
  return best?.id ?? old;
}

/**
 * `since` for the cursor: the millisecond before the cursor's creation second. Trello reads an id as its second and
 * may or may not include that second's later comments (trello-archive/api-docs#68); a date just before it always
 * does. The comments of that second already stored are listed again and add nothing (facts are unique).
 */
export function sinceCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const t = trelloIdTime(cursor);
  return t ? new Date(t.getTime() - 1).toISOString() : cursor;
}

/** Comments nested in a board response (`actions=commentCard`), each checked like a listed action. */
function nestedActions(board: { actions?: unknown[] | null | undefined }, boardId: string): TrelloAction[] {
  const out: TrelloAction[] = [];
  for (const a of board.actions ?? []) {
    const p = TrelloActionSchema.safeParse(a);
    if (!p.success)
      throw new TrelloExportError(
        `board ${boardId}: nested action: ${p.error.issues[0]?.path.join('.') || '(root)'}: ${p.error.issues[0]?.message ?? 'invalid'}`,
      );
    out.push(p.data);
  }
  return out;
}

/** The board's row without the 404 mark: a scan that read the board clears it. */
function withoutMissing(row: BoardState | undefined): Partial<BoardState> {
  if (!row) return {};
  const { missingAt: _seen, ...rest } = row;
  return rest;
}

function describe(err: unknown): { message: string; code: string } {
  if (err instanceof TrelloError) return { message: err.message, code: err.code };
  if (err instanceof TrelloExportError) return { message: `malformed board from Trello: ${err.message}`, code: 'invalid-board' };
  return { message: err instanceof Error ? err.message : String(err), code: 'error' };
}

/**
 * Evaluate one board from the store through the verdict rows (store/judge.ts) and mark it judged at `now` (its findings
 * are the rows). `cardIds`: only these cards' records changed (a webhook); cards last judged on an earlier day are
 * re-judged too. Absent: every card.
 */
export async function evaluateStoredBoard(
  store: Store,
  boardId: string,
  now: Date,
  people?: readonly Approver[],
  cardIds?: readonly string[],
  /** Between steps and cards: let waiting requests run (the webhook queue, evaluation-queue.ts). */
  pause?: () => Promise<void>,
): Promise<JudgeResult | null> {
  const judged = await judgeStoredBoard(store, boardId, now, {
    ...evaluateOptions(people),
    ...(cardIds ? { cardIds, stale: true } : {}),
    ...(pause ? { pause } : {}),
  });
  if (!judged) return null;
  await pause?.();
  await store.write((tx) => tx.evaluations.put(boardId, evaluationMark(now)));
  return judged;
}

/** Stage 1 output: what Trello said about one board. */
interface Fetched {
  snapshot: ReturnType<typeof boardOnlySnapshot>;
  actions: TrelloAction[];
}

/** Resumable watermark of a first scan (the board row's `backfill`): what is committed, and the cursor to keep. */
export interface BackfillWatermark {
  /** Date (ISO, ms) of the oldest action committed so far: the backfill goes on before it. */
  before: string;
  /** The newest comment of the first page: the cursor once the backfill is done. */
  newest?: string | undefined;
  /** Actions committed so far. */
  actions: number;
}

/**
 * Scan every tracked board once, in four stages: FETCH (per board, in parallel: the board and its comment
 * actions), DIFF (the listing against the board's comments in the ledger), COMMIT (per board, in board order:
 * the new ledger records, the cursor and the snapshot in ONE store transaction), EVALUATE (per board, from the
 * store, only boards whose facts or snapshot changed, or whose evaluation is from an earlier day). One failing
 * board never stops the others: it is reported with the reason.
 * A first scan (backfill) streams instead: each page of actions is committed as it arrives, with a watermark,
 * so a board's history is never held whole and a killed backfill continues where it stopped.
 * Crash safety: a board killed before its commit left nothing (the cursor did not move); after it, everything.
 * Ledger facts are unique in the store, so a board fetched twice (two processes, a rerun) is appended once.
 * Time comes from `deps.clock` only (durations too), so a run under a fixed clock is reproducible.
 */
export async function scanBoards(deps: ScanDeps, opts: ScanOptions = {}): Promise<ScanResult> {
  const clock = deps.clock;
  const started = clock();
  const now = opts.now ?? started;
  const withFacts = opts.facts !== false;
  const total = deps.boards.length;
  const results: BoardScanResult[] = new Array(total);
  const concurrency = Math.max(1, Math.min(opts.concurrency ?? 3, total || 1));
  let next = 0;
  // Another process (a CLI scan beside the service) may have moved cursors since we last looked.
  await deps.store.sync();
  // Boards are fetched in parallel but committed in board order, so the ledger's order does not depend
  // on network timing (a run under faults writes exactly the ledger of a clean run).
  const committed = Array.from({ length: total }, () => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  });
  const turn = (i: number) => (i === 0 ? Promise.resolve() : present(committed[i - 1], `board ${i - 1}'s turn`).promise);

  async function scanOne(index: number): Promise<BoardScanResult> {
    try {
      return await scanBoard(index);
    } finally {
      await turn(index);
      present(committed[index], `board ${index}'s turn`).resolve();
    }
  }

  /**
   * FETCH. Incremental: ONE request, the board with the comments since the cursor nested in it; only a board with
   * 1000 or more new comments pages on. Full pass: the board and every comment.
   */
  async function fetchBoard(
    boardId: string,
    full: boolean,
    meter: RequestMeter,
    progress: (phase: ScanProgress['phase'], n?: number) => void,
  ): Promise<Fetched> {
    progress('board');
    const cursor = full ? undefined : sinceCursor(deps.store.boards.get(boardId)?.cursor);
    const filter = withFacts ? ACTION_FILTER : 'commentCard';
    const board = await deps.trello.getBoard(boardId, { meter, ...(cursor ? { actionsSince: cursor, actionsFilter: filter } : {}) });
    const snapshot = boardOnlySnapshot(board);
    let actions: TrelloAction[];
    if (cursor) {
      actions = nestedActions(board, boardId);
      if (actions.length >= 1000) {
        // More than one page is new: page on before the oldest nested one (docs/trello.md §6).
        const oldest = minOf(actions.map((a) => Date.parse(a.date)));
        const seen = new Set(actions.map((a) => a.id));
        for (const a of await deps.trello.listActions(boardId, { filter, since: cursor, before: new Date(oldest + 1).toISOString(), meter }))
          if (!seen.has(a.id)) actions.push(a);
      }
      progress('actions', actions.length);
    } else actions = await deps.trello.listActions(boardId, { filter, meter, onPage: (_p, n) => progress('actions', n) });
    // A board scanned before facts were recorded (an upgraded store): its cursor lies past the membership and tick
    // history, so that history is listed once from the beginning (⌈those actions / 1000⌉ requests, then never again).
    const stored = deps.store.boards.get(boardId);
    if (withFacts && cursor && stored && !stored.facts) {
      for (const a of await deps.trello.listActions(boardId, { filter: `${MEMBER_FILTER},${CHECK_ITEM_ACTION_TYPE}`, before: stored.cursor, meter }))
        actions.push(a);
    }
    return { snapshot, actions };
  }

  /** The board's state row after a scan saw `snapshot` (the Trello id: NABIZ_BOARDS may name a board by its short link). */
  const boardRow = (boardId: string, snapshot: Fetched['snapshot']): BoardState => ({
    backfilled: false,
    ...withoutMissing(deps.store.boards.get(boardId)),
    id: snapshot.id,
    name: snapshot.name,
    ...(snapshot.url ? { url: snapshot.url } : {}),
  });

  /** DIFF + COMMIT: the new facts, the cursor and the snapshot in one transaction. */
  async function commitBoard(boardId: string, full: boolean, f: Fetched): Promise<LedgerRecord[]> {
    const recordedAt = clock().toISOString();
    const source = full ? 'full-scan' : 'scan';
    return deps.store.append(
      // Diffed inside the write transaction: what another process committed meanwhile is seen.
      // An incremental diff only looks up the listed comments (one indexed lookup), never the board's history;
      // the full pass needs every record to notice what vanished.
      async () => [
        ...diffActions(
          full ? await deps.store.ledger.boardRecords(boardId) : await deps.store.ledger.records(boardId, actionIdsOf(f.actions)),
          boardId,
          f.actions,
          {
            full,
            source,
            recordedAt,
            lastFullPassAt: deps.store.boards.get(boardId)?.lastFullScanAt,
          },
        ),
        // The dated facts: Trello's membership and tick actions, and the pluginData versions that changed since the last one.
        ...(withFacts
          ? [
              ...actionFactInputs(f.actions, boardId, source, recordedAt),
              ...(await dataInputs(deps.store.boards.get(boardId), deps.store.snapshots.get(boardId), f.snapshot, boardId, source, recordedAt, (cardId) =>
                deps.store.ledger.lastVersion(boardId, cardId),
              )),
            ]
          : []),
      ],
      async (tx) => {
        const old = deps.store.boards.get(boardId);
        const cursor = newestId(old?.cursor, f.actions);
        await tx.boards.put(boardId, {
          ...boardRow(boardId, f.snapshot),
          ...(withFacts ? { facts: factHistory(old?.facts, recordedAt) } : {}),
          ...(cursor ? { cursor } : {}),
          backfilled: true,
          lastScanAt: recordedAt,
          ...(full ? { lastFullScanAt: recordedAt } : {}),
        });
        await tx.snapshots.put(boardId, f.snapshot);
      },
    );
  }

  /**
   * FIRST SCAN, streamed: the board, then its comments page by page (newest first), each page committed with the
   * watermark as it arrives; the next page is fetched while one is committed. A watermark left by a killed run is
   * where this one continues; facts are unique, so the page it repeats adds nothing. Commits wait for the board's
   * turn like every other commit (the first page is fetched meanwhile).
   */
  async function backfillBoard(
    index: number,
    boardId: string,
    meter: RequestMeter,
    res: BoardScanResult,
    progress: (phase: ScanProgress['phase'], n?: number) => void,
  ): Promise<void> {
    progress('board');
    const snapshot = boardOnlySnapshot(await deps.trello.getBoard(boardId, { meter }));
    res.name = snapshot.name;
    res.cards = snapshot.cards.filter((c) => !c.closed).length;
    const wm = deps.store.boards.get(boardId)?.backfill;
    let newest = wm?.newest;
    let count = wm?.actions ?? 0;
    const pages = deps.trello.actionPages(boardId, {
      filter: withFacts ? ACTION_FILTER : 'commentCard',
      meter,
      // Before the watermark's millisecond + 1: that millisecond is listed again (facts are unique) so nothing in it is lost.
      ...(wm ? { before: new Date(Date.parse(wm.before) + 1).toISOString() } : {}),
    });
    let pending = pages.next();
    // Seen (and thrown) at the first await below; while this board waits for its turn it must not count as unhandled.
    pending.catch(() => undefined);
    await turn(index);
    for (;;) {
      const it = await pending;
      if (it.done) break;
      const page = it.value;
      pending = pages.next();
      // A rejected prefetch is seen (and thrown) at the next await; until then it must not count as unhandled.
      pending.catch(() => undefined);
      newest ??= newestId(undefined, page);
      count += page.length;
      // Checklist ticks (docs/rules.md "Checklists") ride on the snapshot: each page's ticks join the ones seen so far.
      attachTicks(snapshot, snapshot, page, false);
      const oldest = new Date(minOf(page.map((a) => Date.parse(a.date)))).toISOString();
      const recordedAt = clock().toISOString();
      const added = await deps.store.append(
        async () => [
          ...diffActions(await deps.store.ledger.records(boardId, actionIdsOf(page)), boardId, page, { full: false, source: 'scan', recordedAt }),
          // The membership and tick actions of this page are dated facts too (docs/rules.md "Facts in force").
          ...(withFacts ? actionFactInputs(page, boardId, 'scan', recordedAt) : []),
        ],
        // The fact history starts at the end of the backfill, with the board's baseline (below).
        (tx) =>
          tx.boards.put(boardId, {
            ...boardRow(boardId, snapshot),
            backfilled: false,
            backfill: { before: oldest, ...(newest ? { newest } : {}), actions: count },
          }),
      );
      for (const r of added) {
        if (r.type === 'comment') res.newComments++;
        else if (r.type !== 'edit' && r.type !== 'delete') res.facts++;
      }
      progress('actions', count);
    }
    const recordedAt = clock().toISOString();
    // Done: the cursor, the snapshot and "backfilled" in one commit; the watermark goes.
    // The pluginData versions (profiles, settings) of the board as first seen are its baseline facts.
    const baseline = await deps.store.append(
      async () =>
        withFacts
          ? dataInputs(deps.store.boards.get(boardId), deps.store.snapshots.get(boardId), snapshot, boardId, 'scan', recordedAt, (cardId) =>
              deps.store.ledger.lastVersion(boardId, cardId),
            )
          : [],
      async (tx) => {
        const { backfill: _done, ...row } = boardRow(boardId, snapshot);
        await tx.boards.put(boardId, {
          ...row,
          ...(withFacts ? { facts: factHistory(row.facts, recordedAt) } : {}),
          ...(newest ? { cursor: newest } : {}),
          backfilled: true,
          lastScanAt: recordedAt,
          lastFullScanAt: recordedAt,
        });
        await tx.snapshots.put(boardId, snapshot);
      },
    );
    res.facts += baseline.length;
    progress('done', count);
  }

  async function scanBoard(index: number): Promise<BoardScanResult> {
    const boardId = present(deps.boards[index], `board ${index}`);
    const meter: RequestMeter = { requests: 0 };
    const stored = deps.store.boards.get(boardId);
    const first = !stored?.backfilled;
    const full = opts.full === true || first;
    const progress = (phase: ScanProgress['phase'], actions = 0) => opts.onProgress?.({ boardId, index, total, phase, actions });
    const res: BoardScanResult = {
      boardId,
      ok: false,
      full,
      newComments: 0,
      edits: 0,
      deletions: 0,
      facts: 0,
      requests: 0,
      cards: 0,
      result: null,
      ...(first ? { backfill: true } : {}),
    };
    const storedSnap = deps.store.snapshots.get(boardId);
    if (!full && opts.skipLive && deps.webhookLive?.(boardId) && stored && storedSnap) {
      // Its comments come by webhook; the nightly full pass re-reads it all.
      const snap = storedSnap;
      Object.assign(res, { ok: true, unchanged: true, skipped: 'webhook', name: stored.name, cards: snap.cards.filter((c) => !c.closed).length });
      progress('done');
      return res;
    }
    try {
      if (first && opts.full !== true) {
        await backfillBoard(index, boardId, meter, res, progress);
        const stored = deps.store.snapshots.get(boardId);
        if (deps.setupChecklists && stored) {
          res.checklistsCreated = await setupChecklists(deps.trello, stored, now, deps.log);
          res.monthReview = await setupMonthReview(deps.trello, stored, now, deps.people, deps.log);
        }
      } else {
        const f = await fetchBoard(boardId, full, meter, progress);
        attachTicks(f.snapshot, deps.store.snapshots.get(boardId), f.actions, full);
        if (deps.setupChecklists) {
          res.checklistsCreated = await setupChecklists(deps.trello, f.snapshot, now, deps.log);
          res.monthReview = await setupMonthReview(deps.trello, f.snapshot, now, deps.people, deps.log);
        }
        res.name = f.snapshot.name;
        res.cards = f.snapshot.cards.filter((c) => !c.closed).length;
        await turn(index);
        const before = deps.store.snapshots.get(boardId);
        for (const r of await commitBoard(boardId, full, f)) {
          if (r.type === 'comment') res.newComments++;
          else if (r.type === 'edit') res.edits++;
          else if (r.type === 'delete') res.deletions++;
          else res.facts++;
        }
        // Compared as JSON: the snapshot is rebuilt from Trello's answer each time, in the same key order.
        res.unchanged =
          res.newComments + res.edits + res.deletions + res.facts === 0 && before !== undefined && JSON.stringify(before) === JSON.stringify(f.snapshot);
        progress('done', f.actions.length);
      }
      res.ok = true;
    } catch (err) {
      const d = describe(err);
      res.error = d.message;
      res.code = d.code;
      deps.log.error(`scan: board ${boardId} failed: ${d.message}`);
      // Deleted in Trello (or out of the token's reach): Trello answers 404 for a board that no longer exists (as
      // public clients report, e.g. mheap/trello-cli "Fix refresh command for deleted boards"). The notifier stops acting
      // on its stale findings until a scan reads it again; its evidence stays (docs/operations.md "Boards leaving the
      // configuration").
      const row = deps.store.boards.get(boardId);
      if (d.code === 'trello-not-found' && row && !row.missingAt) {
        const at = clock().toISOString();
        await deps.store
          .write((tx) => tx.boards.put(boardId, { ...row, missingAt: at }))
          .catch((e: unknown) => {
            deps.log.error(`scan: board ${boardId}: recording the 404 failed: ${e instanceof Error ? e.message : String(e)}`);
          });
      }
      progress('failed');
    }
    res.requests = meter.requests;
    return res;
  }

  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        results[i] = await scanOne(i);
      }
    }),
  );

  // EVALUATE: one board at a time from the store (a failed board keeps its last evaluation; the scan log says it failed).
  // A board where nothing changed keeps today's evaluation: verdicts change with new facts, a new snapshot (cards,
  // members, pluginData) or the Istanbul day, nothing else.
  const evaluated: Record<string, Evaluation> = {};
  // Judged after the fetch, not at the scan's start: a pluginData version (a profile saved today) is recorded during
  // the scan, and a judgement at the start would not see it in force yet (docs/rules.md "Facts in force").
  const judgedAt = opts.now ?? clock();
  for (const r of results) {
    if (opts.evaluate === false) continue;
    const kept = deps.store.evaluations.get(r.boardId);
    if (!r.ok) {
      r.result = kept && opts.results ? await storedResult(deps.store, r.boardId) : null;
      continue;
    }
    if (r.unchanged && kept && rowsCurrent(kept) && !opts.now && dateKey(kept.evaluatedAt) === dateKey(now)) {
      // Its rows are today's, by these rules: not judged again, read only when asked (the log counts them in SQL).
      r.result = opts.results ? await storedResult(deps.store, r.boardId) : null;
      continue;
    }
    try {
      // Through the verdict rows (store/judge.ts): every card at a scan, rows written only where they changed.
      if (await judgeStoredBoard(deps.store, r.boardId, judgedAt, evaluateOptions(deps.people))) {
        r.result = await storedResult(deps.store, r.boardId);
        if (r.result) evaluated[r.boardId] = evaluationMark(judgedAt);
      }
    } catch (err) {
      r.ok = false;
      r.error = `evaluation failed: ${err instanceof Error ? err.message : String(err)}`;
      r.code = 'evaluate';
      deps.log.error(`scan: board ${r.boardId} ${r.error}`);
    }
  }

  const durationMs = clock().getTime() - started.getTime();
  // This scan's own requests (per board meters), not whatever else shared the client meanwhile.
  const requests = results.reduce((n, r) => n + r.requests, 0);
  const backfills = results.filter((r) => r.backfill).length;
  const kind = opts.full ? 'full' : 'incremental';
  const label = opts.full
    ? 'full'
    : backfills === total && total > 0
      ? 'first: backfill'
      : backfills > 0
        ? `incremental, ${backfills} board(s) backfilled`
        : 'incremental';
  // A board not judged again and not read whole: its rows counted (what storedResult would list).
  const counts = new Map<string, number>();
  for (const r of results)
    if (!r.result && deps.store.evaluations.get(r.boardId) && opts.evaluate !== false) counts.set(r.boardId, await deps.store.verdicts.count(r.boardId));
  const entry: ScanLog = {
    at: started.toISOString(),
    kind,
    boards: results.map((r) => ({
      boardId: r.boardId,
      ok: r.ok,
      ...(r.error ? { error: r.error } : {}),
      newComments: r.newComments,
      edits: r.edits,
      deletions: r.deletions,
      cards: r.cards,
      findings: r.result?.findings.length ?? counts.get(r.boardId) ?? 0,
      requests: r.requests,
    })),
    requests,
    durationMs,
    ...(opts.now ? { evaluatedFor: now.toISOString() } : {}),
  };
  // The boards' evaluation marks and the log entry in one write (their findings are the verdict rows, written by the judge).
  await deps.store.write(async (tx) => {
    for (const [boardId, e] of Object.entries(evaluated)) await tx.evaluations.put(boardId, e);
    await tx.scans.add(entry, SCAN_LOG_KEEP);
  });
  const failed = results.filter((r) => !r.ok).length;
  const skipped = results.filter((r) => r.skipped).length;
  const same = results.filter((r) => r.ok && r.unchanged && !r.skipped).length;
  deps.log.info(
    `scan (${label}): ${total - failed}/${total} boards ok, ${results.reduce((n, r) => n + r.newComments, 0)} new comments, ${requests} requests, ${durationMs} ms` +
      (same || skipped ? ` (${same} unchanged${skipped ? `, ${skipped} skipped: live webhook` : ''})` : ''),
  );
  return { at: entry.at, kind, evaluatedAt: now.toISOString(), durationMs, requests, boards: results };
}

/**
 * Serialises scans (cron, webhooks, the Power-Up's "scan now"): callers asking while one runs share the
 * next run instead of stacking up; a full pass is never downgraded.
 */
export function createScanRunner(deps: ScanDeps, base: Omit<ScanOptions, 'full' | 'now'> = {}) {
  let running: Promise<ScanResult> | null = null;
  // boards undefined = every tracked board; a subset comes from the Power-Up's "scan this board now".
  let queued: { promise: Promise<ScanResult>; full: boolean; boards: string[] | undefined } | null = null;
  let last: ScanResult | null = null;
  const listeners = new Set<(r: ScanResult) => unknown>();
  const start = (full: boolean, boards: string[] | undefined): Promise<ScanResult> =>
    // Only a scheduled scan of every board skips the boards a live webhook keeps current; one asked for a board fetches it.
    scanBoards(boards ? { ...deps, boards: deps.boards.filter((b) => boards.includes(b)) } : deps, { ...base, full, skipLive: boards === undefined }).then(
      (r) => {
        last = r;
        // Finished and written: tell the followers (notify) now; they run beside the caller, never hold it up.
        for (const l of listeners) {
          void Promise.resolve()
            .then(() => l(r))
            .catch((e: unknown) => deps.log.warn(`scan: a follower of the finished scan failed: ${e instanceof Error ? e.message : String(e)}`));
        }
        return r;
      },
    );
  return {
    get last() {
      return last;
    },
    /** Call `listener` after every finished scan of this runner (its findings are in the store); returns the unsubscribe. */
    onFinished(listener: (r: ScanResult) => unknown): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    get busy() {
      return running !== null;
    },
    /** Resolves once no scan is running or queued (graceful shutdown). */
    async idle(): Promise<void> {
      for (let p = queued?.promise ?? running; p; p = queued?.promise ?? running) {
        await p.then(
          () => undefined,
          () => undefined,
        );
      }
    },
    run(opts: { full?: boolean; boards?: string[] } = {}): Promise<ScanResult> {
      const full = opts.full === true;
      if (!running) {
        running = start(full, opts.boards).finally(() => {
          running = null;
        });
        return running;
      }
      if (queued) {
        // Join the scan already waiting; a full request upgrades it, a wider board set widens it (it has not started yet).
        queued.full ||= full;
        queued.boards = queued.boards && opts.boards ? [...new Set([...queued.boards, ...opts.boards])] : undefined;
        return queued.promise;
      }
      // The settings a later request may still widen, read when the scan starts (the object `queued` becomes).
      const q: { full: boolean; boards: string[] | undefined } = { full, boards: opts.boards };
      const promise = running
        .catch(() => undefined)
        .then(() => {
          queued = null;
          const p = start(q.full, q.boards).finally(() => {
            running = null;
          });
          running = p;
          return p;
        });
      queued = Object.assign(q, { promise });
      return promise;
    },
  };
}

export type ScanRunner = ReturnType<typeof createScanRunner>;
