// Board evaluation over the store for reports and the dashboard, with a small cache (the dashboard must stay fast).
import type { AuditResult, BoardSnapshot } from '../../../shared/types.js';
import { RULES_VERSION, evaluateBoard, prepareBoard, type PreparedBoard } from '../../../shared/compliance.js';
import { dateKey } from '../../../shared/calendar.js';
import { snapshotFromState, verifyLedgerCached } from '../store/ledger.js';
import type { State } from '../store/schema.js';
import { buildEvidenceReport, ReportInputError, type EvidenceReport } from './evidence-model.js';

/** Stamped on every report: the evaluator's rules version. */
export { RULES_VERSION };

export interface Evaluated {
  snapshot: BoardSnapshot;
  result: AuditResult;
  /** prepareBoard(snapshot, now), computed on first use. */
  prepared(): PreparedBoard;
  /** Derived data that lives as long as this evaluation (dashboard rows). */
  memo: Map<string, unknown>;
}

/**
 * Evaluate a board as of `now`. Cached per (board, ledger length, last scan, Istanbul hour):
 * results only change when new records land or a period ends.
 */
export function createEvaluator(evaluate: (s: BoardSnapshot, now: Date) => AuditResult = evaluateBoard) {
  const cache = new Map<string, Evaluated>();
  return (state: State, boardId: string, now: Date): Evaluated | null => {
    const b = state.boards[boardId];
    if (!b) return null;
    const hour = `${dateKey(now)}T${new Date(now).getUTCHours()}`;
    const key = `${boardId}|${state.ledger.length}|${state.ledger.at(-1)?.hash ?? ''}|${b.lastScanAt ?? ''}|${hour}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const snapshot = snapshotFromState(state, boardId);
    if (!snapshot) return null;
    let prepared: PreparedBoard | undefined;
    const out: Evaluated = { snapshot, result: evaluate(snapshot, now), prepared: () => (prepared ??= prepareBoard(snapshot, now)), memo: new Map() };
    for (const k of cache.keys()) if (k.startsWith(`${boardId}|`)) cache.delete(k);
    cache.set(key, out);
    return out;
  };
}
export type Evaluator = ReturnType<typeof createEvaluator>;

export interface ReportRequest {
  boardId: string;
  cardId?: string;
  memberId?: string;
  memberIds?: readonly string[];
  from: string;
  to: string;
}

/** Board → evaluation → verified ledger → report model. Throws ReportInputError for bad input (exit 2 / HTTP 400). */
export function evidenceFromState(state: State, req: ReportRequest, now: Date, evaluator: Evaluator = createEvaluator()): EvidenceReport {
  const board = state.boards[req.boardId];
  if (!board) {
    const known = Object.values(state.boards).map((b) => `${b.id} (${b.name})`);
    throw new ReportInputError(
      `unknown board "${req.boardId}"` + (known.length ? `; known boards: ${known.join(', ')}` : '; the data file has no scanned boards yet (run `nabiz scan`)'),
    );
  }
  const ev = evaluator(state, req.boardId, now);
  if (!ev) throw new ReportInputError(`board ${board.id} (${board.name}) has not been scanned yet: no snapshot to report on`, `${board.name} panosu henüz taranmadı.`);
  return buildEvidenceReport({
    snapshot: ev.snapshot,
    result: ev.result,
    prepared: ev.prepared(),
    ledger: state.ledger,
    // Only records appended since the last report are hashed again; a ledger re-read from disk is checked whole.
    verification: verifyLedgerCached(state.ledger),
    boardState: { backfilled: board.backfilled, ...(board.lastScanAt ? { lastScanAt: board.lastScanAt } : {}) },
    from: req.from,
    to: req.to,
    ...(req.cardId ? { cardId: req.cardId } : {}),
    ...(req.memberId ? { memberId: req.memberId } : {}),
    ...(req.memberIds ? { memberIds: req.memberIds } : {}),
    now,
    rulesVersion: RULES_VERSION,
  });
}
