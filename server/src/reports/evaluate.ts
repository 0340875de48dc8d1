// Board evaluation over the store for reports and the dashboard, with a small cache (the dashboard must stay
// fast). One board at a time: its snapshot, its ledger records (store.ledger.boardRecords), never the whole ledger.
import type { AuditResult, BoardSnapshot } from '../../../shared/types.js';
import { RULES_VERSION, evaluateBoard, prepareBoard, type PreparedBoard } from '../../../shared/compliance.js';
import { dateKey } from '../../../shared/calendar.js';
import { boardView } from '../store/board-view.js';
import type { LedgerRecord } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { verifyForReport } from '../store/integrity.js';
import { readStoredResets } from '../store/open.js';
import type { Approver } from '../../../shared/compliance/facts-in-force.js';
import { buildEvidenceReport, ReportInputError, type EvidenceReport } from './evidence-model.js';
import type { BoardRows } from './dashboard-model.js';

/** Stamped on every report: the evaluator's rules version. */
export { RULES_VERSION };

export interface Evaluated {
  snapshot: BoardSnapshot;
  result: AuditResult;
  /** The board's ledger records in seq order. */
  records: readonly LedgerRecord[];
  /** prepareBoard(snapshot, now), the one the evaluation used. */
  prepared(): PreparedBoard;
  /** Derived data that lives as long as this evaluation (dashboard rows). */
  memo: Map<string, BoardRows>;
  /** NABIZ_PEOPLE's leads and managers the evaluation used (they approve freezes and accept explanations). */
  people?: readonly Approver[];
}

/**
 * Evaluate a board as of `now`. Cached per (board, ledger head, last scan, Istanbul hour): results only change
 * when new records land or a period ends. The head is one indexed read.
 */
export function createEvaluator(
  evaluate: (s: BoardSnapshot, now: Date, opts: { prepared: PreparedBoard }) => AuditResult = evaluateBoard,
  people?: readonly Approver[],
) {
  // R20: with leads or managers configured, freezes count only with their approval (docs/rules.md).
  const opts = people?.length ? { people } : {};
  const cache = new Map<string, Evaluated>();
  /** `cardId` (id or short link): evaluate the board with that card alone (a card's report reads only its records). */
  return async (store: Store, boardId: string, now: Date, cardId?: string): Promise<Evaluated | null> => {
    const b = store.boards.get(boardId);
    const snap = store.snapshots.get(boardId);
    if (!b || !snap) return null;
    const card = cardId ? snap.cards.find((c) => c.id === cardId || c.shortLink === cardId) : undefined;
    const scope = card ? `${boardId}#${card.id}` : boardId;
    const head = await store.ledger.head();
    const hour = `${dateKey(now)}T${new Date(now).getUTCHours()}`;
    const key = `${scope}|${head.count}|${head.hash}|${b.lastScanAt ?? ''}|${hour}`;
    const hit = cache.get(key);
    if (hit) return hit;
    // The board (or the card) with its comments and facts, assembled where every other reader assembles it.
    const view = await boardView(store, boardId, card ? { cardId: card.id } : {});
    if (!view) return null;
    const { snapshot, records, parsed } = view;
    // Prepared once (with the store's kept parses): the evaluation and the report/dashboard rows read the same entries.
    const prepared = prepareBoard(snapshot, now, { ...opts, parsed });
    const result = evaluate === evaluateBoard ? evaluateBoard(snapshot, now, { ...opts, prepared }) : evaluate(snapshot, now, { prepared });
    const out: Evaluated = { snapshot, result, records, prepared: () => prepared, memo: new Map(), ...(people?.length ? { people } : {}) };
    for (const k of cache.keys()) if (k.startsWith(`${scope}|`)) cache.delete(k);
    if (cache.size > 200) cache.clear();
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
export async function evidenceFromStore(store: Store, req: ReportRequest, now: Date, evaluator: Evaluator = createEvaluator()): Promise<EvidenceReport> {
  const board = store.boards.get(req.boardId);
  if (!board) {
    const known = store.boards.list().map((b) => `${b.id} (${b.name})`);
    throw new ReportInputError(
      `unknown board "${req.boardId}"` + (known.length ? `; known boards: ${known.join(', ')}` : '; the store has no scanned boards yet (run `nabiz scan`)'),
    );
  }
  const ev = await evaluator(store, req.boardId, now, req.cardId);
  if (!ev)
    throw new ReportInputError(`board ${board.id} (${board.name}) has not been scanned yet: no snapshot to report on`, `${board.name} panosu henüz taranmadı.`);
  // From the verified checkpoint when the store and its witness agree on it (else the whole chain once per
  // process), plus this report's own records and every witness of the head (store/integrity.ts).
  const cardScope = req.cardId ? ev.snapshot.cards[0]?.id : undefined;
  const stamp = await verifyForReport(store, { boardId: req.boardId, ...(cardScope ? { cardId: cardScope } : {}) });
  const verification = stamp.verification;
  const badRecord = verification.ok ? undefined : await store.ledger.rowAt(verification.badSeq);
  const stored = await readStoredResets(store);
  const resets = stored.resets.map((x) => ({ at: x.at, witnesses: x.witnesses }));
  return buildEvidenceReport({
    snapshot: ev.snapshot,
    result: ev.result,
    prepared: ev.prepared(),
    records: ev.records,
    verification,
    integrity: {
      checkedFrom: stamp.checkedFrom,
      ...(stamp.checkpointAt ? { checkpointAt: stamp.checkpointAt } : {}),
      witnesses: stamp.witnesses,
      ...(resets.length ? { resets } : {}),
      ...(stored.unreadable.length ? { unreadableResets: stored.unreadable } : {}),
    },
    ...(badRecord ? { badRecord } : {}),
    boardState: { backfilled: board.backfilled, ...(board.lastScanAt ? { lastScanAt: board.lastScanAt } : {}) },
    from: req.from,
    to: req.to,
    ...(req.cardId ? { cardId: req.cardId } : {}),
    ...(req.memberId ? { memberId: req.memberId } : {}),
    ...(req.memberIds ? { memberIds: req.memberIds } : {}),
    now,
    rulesVersion: RULES_VERSION,
    ...(ev.people ? { people: ev.people } : {}),
  });
}
