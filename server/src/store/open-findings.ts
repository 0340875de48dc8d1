// The open findings the notifier acts on (notify/plan.ts: flags, ladder, outbox, labels), read from the verdict rows
// (docs/architecture.md "Evaluation path"): one query for every evaluated board, the open ones only, never a whole
// board's result. In the order storedResult (store/judge.ts) lists them, so the plan is the same as from that result.
import { pushAll } from '../../../shared/arrays.js';
import { sortFindings } from '../../../shared/compliance/evaluate.js';
import { RULES } from '../../../shared/compliance/registry.js';
import type { Finding } from '../../../shared/types.js';
import type { Store } from './store.js';

/** The boards judged through the verdict rows and still scanned (a snapshot to name their cards). */
export function evaluatedBoards(store: Pick<Store, 'evaluations' | 'snapshots'>): string[] {
  return store.evaluations.keys().filter((b) => store.snapshots.has(b));
}

/**
 * The evaluated boards the notifier acts on (docs/operations.md "Boards leaving the configuration"): configured in
 * NABIZ_BOARDS (the store's keys; the demo's are its boards), and not closed (archived) or gone (404) in Trello at
 * the last scan. The rest keep their evidence but open, escalate, clear, label and remind nothing. `configured` null:
 * no board list (NABIZ_BOARDS empty, possible only without a Trello token), every evaluated board counts.
 */
export function trackedBoards(
  store: Pick<Store, 'evaluations' | 'snapshots' | 'boards'>,
  configured: readonly string[] | null,
): { tracked: string[]; untracked: Array<{ boardId: string; why: string }> } {
  const wanted = configured && new Set(configured);
  const tracked: string[] = [];
  const untracked: Array<{ boardId: string; why: string }> = [];
  for (const b of evaluatedBoards(store)) {
    const why =
      wanted && !wanted.has(b)
        ? 'not in NABIZ_BOARDS'
        : store.boards.get(b)?.missingAt
          ? 'not found in Trello (404) at the last scan'
          : store.snapshots.get(b)?.closed
            ? 'closed in Trello'
            : null;
    if (why) untracked.push({ boardId: b, why });
    else tracked.push(b);
  }
  return { tracked, untracked };
}

/**
 * Per evaluated board (of `boards`, default all) its open findings (and every finding of the `always` rules), as assembleVerdicts orders the
 * board (shared/compliance/verdicts.ts): cards in board order, then the board-level part, sorted by card, period,
 * rule and status; a board without any has an empty list (its flags clear).
 */
export async function storedOpenFindings(
  store: Store,
  always: readonly string[],
  boards: readonly string[] = evaluatedBoards(store),
): Promise<Record<string, Finding[]>> {
  const { rows, carded } = await store.verdicts.openRows(boards, always);
  const byBoard = new Map<string, Map<string, Finding[]>>();
  for (const r of rows) {
    let cards = byBoard.get(r.boardId);
    if (!cards) byBoard.set(r.boardId, (cards = new Map()));
    let list = cards.get(r.cardId);
    if (!list) cards.set(r.cardId, (list = []));
    list.push(r.finding);
  }
  const out: Record<string, Finding[]> = {};
  for (const boardId of boards) {
    const snap = store.snapshots.get(boardId);
    const cards = byBoard.get(boardId) ?? new Map<string, Finding[]>();
    const kept = carded.get(boardId) ?? new Set<string>();
    // The cards storedResult assembles: on the board now, with a summary row.
    const cardIds = (snap?.cards ?? []).map((c) => c.id).filter((id) => kept.has(id));
    const list: Finding[] = [];
    for (const id of cardIds) pushAll(list, cards.get(id) ?? []);
    pushAll(list, cards.get('') ?? []);
    out[boardId] = sortFindings(list, RULES, new Map(cardIds.map((id, i) => [id, i])));
  }
  return out;
}
