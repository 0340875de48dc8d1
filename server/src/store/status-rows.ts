// The Power-Up status from the verdict rows (docs/architecture.md "Evaluation path"): each card's status part is kept
// with its rows when it is judged (store/judge.ts summaryOf), so a status miss reads the board's card summaries and
// its cross-card findings, never the comments. Equal to shared/status.ts boardStatus over the whole board.
import { dateKey } from '../../../shared/dates.js';
import { sortFindings } from '../../../shared/compliance/evaluate.js';
import { boardStatus, cardStatusFromPart } from '../../../shared/status.js';
import type { EvaluateOptions } from '../../../shared/compliance/context.js';
import type { BoardStatus, CardStatus, Finding } from '../../../shared/types.js';
import type { Store } from './store.js';
import { snapshotOf } from './board-view.js';
import { rowsCurrent, storedResult } from './judge.js';
import { evaluateBoard } from '../../../shared/compliance/evaluate.js';

/**
 * The board's status at `now` from its rows, or null when the rows cannot answer it: never judged, a card kept
 * before status parts existed, rows from an earlier Istanbul day (countdowns, today's daily and stale readings
 * moved; the next scan re-judges them) or judged under another rule set revision (rowsCurrent). The caller then takes
 * the whole-board path.
 */
export async function statusFromRows(store: Store, boardId: string, now: Date, lastScanAt: string | null): Promise<BoardStatus | null> {
  const snap = store.snapshots.get(boardId);
  if (!snap || !rowsCurrent(store.evaluations.get(boardId))) return null;
  const today = dateKey(now);
  const summaries = await store.verdicts.cards(boardId);
  if (!summaries.length || summaries.some((s) => !s.status || s.judgedDay !== today)) return null;
  // Each card's own findings are its verdict rows (not repeated in the status part); the cross-card ones are the
  // board-level row's, by the card they are on.
  const rows = await store.verdicts.findingsByCard(boardId);
  const across = new Map<string, Finding[]>();
  for (const f of rows.get('') ?? []) {
    const list = across.get(f.cardId);
    if (list) list.push(f);
    else across.set(f.cardId, [f]);
  }
  const byId = new Map(summaries.map((s) => [s.cardId, s]));
  const cards: Record<string, CardStatus> = {};
  let thresholds: BoardStatus['thresholds'] | undefined;
  // Board order, as prepareBoard lists the customers (shared/customers.ts selectCustomers keeps the snapshot's order).
  for (const c of snap.cards) {
    const part = byId.get(c.id)?.status;
    if (!part) continue;
    thresholds ??= part.thresholds;
    cards[c.id] = cardStatusFromPart(part, rows.get(c.id) ?? [], across.get(c.id) ?? [], today, (fs) => sortFindings(fs));
  }
  if (!thresholds) return null;
  return { boardId: snap.id, boardName: snap.name, generatedAt: now.toISOString(), lastScanAt, cards, thresholds: { ...thresholds } };
}

/**
 * The board's status at `now` as the badges show it (the status API, reminders): from the rows, else the whole board
 * with its comments (rows from an earlier day until the next scan re-judges them, or kept before status parts). Null
 * when the board was never scanned and judged.
 */
export async function storedBoardStatus(store: Store, boardId: string, now: Date, evaluate: EvaluateOptions): Promise<BoardStatus | null> {
  const lastScanAt = store.boards.get(boardId)?.lastScanAt ?? null;
  if (!store.evaluations.get(boardId) || !store.snapshots.has(boardId)) return null;
  const rows = await statusFromRows(store, boardId, now, lastScanAt);
  if (rows) return rows;
  // The board's result as its rows say (what the scan kept whole before), with the comments for today's state; rows an
  // older rule set judged are not served: the board is judged from scratch until the next judge writes them anew.
  const snapshot = await snapshotOf(store, boardId);
  const current = rowsCurrent(store.evaluations.get(boardId));
  const result = snapshot ? (current ? await storedResult(store, boardId) : evaluateBoard(snapshot, now, evaluate)) : null;
  return snapshot && result ? boardStatus(snapshot, result, now, { lastScanAt, evaluate }) : null;
}
