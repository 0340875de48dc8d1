// The scan job (docs/architecture.md): a plain async function the CLI, cron and tests call directly.
// Per board: ONE board request + the comment actions since the board's cursor, paged backwards 1000 at a
// time — never a request per card. The first scan backfills the whole history; a full pass re-lists
// every comment to catch edits (dateLastEdited / changed text) and deletions (ids that vanished),
// which incremental listing cannot see (TRELLO-787). Evidence goes to the hash-chained ledger (R62).
import { evaluateBoard, type EvaluateOptions } from '../../../shared/compliance.js';
import type { Approver } from '../../../shared/compliance/facts-in-force.js';
import { trelloIdTime } from '../../../shared/dates.js';
import { TrelloExportError, snapshotFromTrello } from '../../../shared/trello-export.js';
import type { AuditResult, BoardSnapshot, Clock } from '../../../shared/types.js';
import type { Logger } from '../log.js';
import { foldComments, type LedgerInput } from '../store/ledger.js';
import type { LedgerRecord, ScanLog, State } from '../store/schema.js';
import { snapshotOf } from '../store/board-view.js';
import type { Store } from '../store/store.js';
import { TrelloError } from '../trello/errors.js';
import type { TrelloAction, TrelloClient } from '../trello/client.js';
import { MEMBER_ACTION_TYPES, MEMBER_FILTER, dataInputs, factHistory, memberInputs } from './facts.js';
import { pushAll } from '../../../shared/arrays.js';

/**
 * Comments and card membership changes, in one listing (`filter` takes a comma-separated list of action types:
 * developer.atlassian.com/cloud/trello/guides/rest-api/nested-resources). updateComment and deleteComment are
 * "excluded" action types that Trello sends to webhooks and never lists
 * (developer.atlassian.com/cloud/trello/guides/rest-api/action-types), so edits and deletions come from the
 * webhook (with Trello's time) or the full-pass diff (noticed); docs/trello.md §11, §13. The membership actions
 * are the dated facts of who owned a card when (docs/rules.md "Facts in force").
 */
export const ACTION_FILTER = `commentCard,${MEMBER_FILTER}`;

export interface ScanDeps {
  store: Store;
  trello: TrelloClient;
  /** Board ids to scan (config NABIZ_BOARDS, or the demo boards). */
  boards: string[];
  clock: Clock;
  log: Logger;
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
  /**
   * Record the dated facts (default true). false = the scan as it was before facts were recorded: comments only.
   * Only the benchmark turns it off, to measure what recording the facts costs in the same run (on a store of its
   * own: unchanged pluginData is judged against the stored snapshot, so a store must not mix both kinds of scan).
   */
  facts?: boolean;
}

export interface BoardScanResult {
  boardId: string;
  name?: string;
  ok: boolean;
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
  /** The evaluation stored in state.findings (null when the board failed and was never scanned). */
  result: AuditResult | null;
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
  // Oldest first so the ledger reads in Trello's order.
  const ordered = [...actions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
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
 * The board snapshot without comments (stored in state.boards[id].snapshot). The scanner pages the whole history,
 * so it is cut only when the board says so: the emulator serving a cut export (docs/emulator.md "Cut history").
 */
function boardOnlySnapshot(board: unknown): Omit<BoardSnapshot, 'comments'> & { comments: [] } {
  return { ...snapshotFromTrello(board, []), comments: [] };
}

function newestId(a: string | undefined, actions: TrelloAction[]): string | undefined {
  let best = a;
  // Every listed type moves the cursor: the next listing asks for all of them `since` it.
  for (const x of actions) if (x.type === 'commentCard' || x.type === 'deleteComment' || MEMBER_ACTION_TYPES.includes(x.type)) if (!best || x.id > best) best = x.id;
  return best;
}

function describe(err: unknown): { message: string; code: string } {
  if (err instanceof TrelloError) return { message: err.message, code: err.code };
  if (err instanceof TrelloExportError) return { message: `malformed board from Trello: ${err.message}`, code: 'invalid-board' };
  return { message: err instanceof Error ? err.message : String(err), code: 'error' };
}

/** Evaluate one board from the store (snapshot + its ledger records) and store the result. */
export async function evaluateStoredBoard(store: Store, boardId: string, now: Date, people?: readonly Approver[]): Promise<AuditResult | null> {
  const snap = await snapshotOf(store, boardId);
  if (!snap) return null;
  const result = evaluateBoard(snap, now, evaluateOptions(people));
  await store.update((s) => {
    s.findings[boardId] = { evaluatedAt: now.toISOString(), result };
  });
  return result;
}

/** Stage 1 output: what Trello said about one board. */
interface Fetched {
  snapshot: ReturnType<typeof boardOnlySnapshot>;
  actions: TrelloAction[];
}

/**
 * Scan every tracked board once, in four stages: FETCH (per board, in parallel: the board and its comment
 * actions), DIFF (the listing against the board's comments in the ledger), COMMIT (per board, in board order:
 * the new ledger records, the cursor and the snapshot in ONE store transaction), EVALUATE (per board, from the
 * store). One failing board never stops the others: it is reported with the reason.
 * Crash safety: a board killed before its commit left nothing (the cursor did not move); after it, everything.
 * Ledger facts are unique in the store, so a board fetched twice (two processes, a rerun) is appended once.
 * Time comes from `deps.clock` only (durations too), so a run under a fixed clock is reproducible.
 */
export async function scanBoards(deps: ScanDeps, opts: ScanOptions = {}): Promise<ScanResult> {
  const clock = deps.clock;
  const started = clock();
  const now = opts.now ?? started;
  const requests0 = deps.trello.stats.requests;
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
  const turn = (i: number) => (i === 0 ? Promise.resolve() : committed[i - 1]!.promise);

  async function scanOne(index: number): Promise<BoardScanResult> {
    try {
      return await scanBoard(index);
    } finally {
      await turn(index);
      committed[index]!.resolve();
    }
  }

  /** FETCH: one board request + the comment actions since the cursor (everything on a full pass). */
  async function fetchBoard(boardId: string, full: boolean, progress: (phase: ScanProgress['phase'], n?: number) => void): Promise<Fetched> {
    progress('board');
    const board = await deps.trello.getBoard(boardId);
    const snapshot = boardOnlySnapshot(board);
    const cursor = full ? undefined : deps.store.data.boards[boardId]?.cursor;
    const actions = await deps.trello.listActions(boardId, {
      filter: withFacts ? ACTION_FILTER : 'commentCard',
      ...(cursor ? { since: cursor } : {}),
      onPage: (_p, n) => progress('actions', n),
    });
    // A board scanned before facts were recorded (an upgraded store): its cursor lies past the membership history,
    // so that history is listed once from the beginning (⌈membership actions / 1000⌉ requests, then never again).
    const stored = deps.store.data.boards[boardId];
    if (withFacts && cursor && stored && !stored.facts) {
      const members = await deps.trello.listActions(boardId, { filter: MEMBER_FILTER, before: cursor });
      pushAll(actions, members);
    }
    return { snapshot, actions };
  }

  /** DIFF + COMMIT: the new facts, the cursor and the snapshot in one transaction. */
  async function commitBoard(boardId: string, full: boolean, f: Fetched): Promise<LedgerRecord[]> {
    const recordedAt = clock().toISOString();
    const source = full ? 'full-scan' : 'scan';
    return deps.store.append(
      // Diffed inside the write transaction: what another process committed meanwhile is seen.
      // An incremental diff only looks up the listed comments (one indexed lookup), never the board's history;
      // the full pass needs every record to notice what vanished.
      async () => [
        ...diffActions(full ? await deps.store.ledger.boardRecords(boardId) : await deps.store.ledger.records(boardId, actionIdsOf(f.actions)), boardId, f.actions, {
          full,
          source,
          recordedAt,
          lastFullPassAt: deps.store.data.boards[boardId]?.lastFullScanAt,
        }),
        // The dated facts: Trello's membership actions, and the pluginData versions that changed since the last one.
        ...(withFacts
          ? [
              ...memberInputs(f.actions, boardId, source, recordedAt),
              ...(await dataInputs(deps.store.data.boards[boardId], f.snapshot, boardId, source, recordedAt, (cardId) => deps.store.ledger.lastVersion(boardId, cardId))),
            ]
          : []),
      ],
      (s: State) => {
        const old = s.boards[boardId];
        s.boards[boardId] = {
          ...old,
          ...(withFacts ? { facts: factHistory(old?.facts, recordedAt) } : {}),
          // The Trello id (NABIZ_BOARDS may name a board by its short link; webhooks use the id).
          id: f.snapshot.id,
          name: f.snapshot.name,
          ...(f.snapshot.url ? { url: f.snapshot.url } : {}),
          cursor: newestId(old?.cursor, f.actions),
          backfilled: true,
          lastScanAt: recordedAt,
          ...(full ? { lastFullScanAt: recordedAt } : {}),
          snapshot: f.snapshot,
        };
      },
    );
  }

  async function scanBoard(index: number): Promise<BoardScanResult> {
    const boardId = deps.boards[index]!;
    const before = deps.trello.stats.requests;
    const full = opts.full === true || !deps.store.data.boards[boardId]?.backfilled;
    const progress = (phase: ScanProgress['phase'], actions = 0) => opts.onProgress?.({ boardId, index, total, phase, actions });
    const res: BoardScanResult = { boardId, ok: false, full, newComments: 0, edits: 0, deletions: 0, facts: 0, requests: 0, cards: 0, result: null };
    try {
      const f = await fetchBoard(boardId, full, progress);
      res.name = f.snapshot.name;
      res.cards = f.snapshot.cards.filter((c) => !c.closed).length;
      await turn(index);
      for (const r of await commitBoard(boardId, full, f)) {
        if (r.type === 'comment') res.newComments++;
        else if (r.type === 'edit') res.edits++;
        else if (r.type === 'delete') res.deletions++;
        else res.facts++;
      }
      res.ok = true;
      progress('done', f.actions.length);
    } catch (err) {
      const d = describe(err);
      res.error = d.message;
      res.code = d.code;
      deps.log.error(`scan: board ${boardId} failed: ${d.message}`);
      progress('failed');
    }
    res.requests = deps.trello.stats.requests - before;
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
  const evaluated: Record<string, { evaluatedAt: string; result: AuditResult }> = {};
  for (const r of results) {
    if (opts.evaluate === false) continue;
    if (!r.ok) {
      const kept = deps.store.data.findings[r.boardId];
      r.result = (kept?.result as AuditResult | undefined) ?? null;
      continue;
    }
    try {
      const snap = await snapshotOf(deps.store, r.boardId);
      if (snap) {
        r.result = evaluateBoard(snap, now, evaluateOptions(deps.people));
        evaluated[r.boardId] = { evaluatedAt: now.toISOString(), result: r.result };
      }
    } catch (err) {
      r.ok = false;
      r.error = `evaluation failed: ${err instanceof Error ? err.message : String(err)}`;
      r.code = 'evaluate';
      deps.log.error(`scan: board ${r.boardId} ${r.error}`);
    }
  }

  const durationMs = clock().getTime() - started.getTime();
  const requests = deps.trello.stats.requests - requests0;
  const kind = opts.full ? 'full' : 'incremental';
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
      findings: r.result?.findings.length ?? 0,
      requests: r.requests,
    })),
    requests,
    durationMs,
    ...(opts.now ? { evaluatedFor: now.toISOString() } : {}),
  };
  // Findings and the log entry in one write.
  await deps.store.update((s) => {
    Object.assign(s.findings, evaluated);
    s.scans.push(entry);
    if (s.scans.length > SCAN_LOG_KEEP) s.scans.splice(0, s.scans.length - SCAN_LOG_KEEP);
  });
  const failed = results.filter((r) => !r.ok).length;
  deps.log.info(
    `scan (${kind}): ${total - failed}/${total} boards ok, ${results.reduce((n, r) => n + r.newComments, 0)} new comments, ${requests} requests, ${durationMs} ms`,
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
  const start = (full: boolean, boards: string[] | undefined): Promise<ScanResult> =>
    scanBoards(boards ? { ...deps, boards: deps.boards.filter((b) => boards.includes(b)) } : deps, { ...base, full }).then((r) => {
      last = r;
      return r;
    });
  return {
    get last() {
      return last;
    },
    get busy() {
      return running !== null;
    },
    /** Resolves once no scan is running or queued (graceful shutdown). */
    async idle(): Promise<void> {
      while (running || queued) await (queued?.promise ?? running)!.then(
        () => undefined,
        () => undefined,
      );
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
      const q = { full, boards: opts.boards, promise: undefined as unknown as Promise<ScanResult> };
      q.promise = running
        .catch(() => undefined)
        .then(() => {
          queued = null;
          const p = start(q.full, q.boards).finally(() => {
            running = null;
          });
          running = p;
          return p;
        });
      queued = q;
      return q.promise;
    },
  };
}

export type ScanRunner = ReturnType<typeof createScanRunner>;
