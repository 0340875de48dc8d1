// Re-evaluation after a webhook, off the request path (docs/operations.md "Webhooks"): a delivery is answered as
// soon as its fact is committed; the board is evaluated once its deliveries pause (debounced per board), or at
// the latest `maxDelayMs` after the first waiting one, so a burst of deliveries costs one evaluation, not one
// each. Evaluations run one at a time and yield between cards (deliveries meanwhile are answered promptly); the next
// evaluation waits as long as the last one took, so evaluations never crowd out the deliveries. Nothing is lost: every delivery's fact is already in the ledger, and the
// evaluation reads the ledger when it runs, after the last delivery it waited for.
import type { Approver } from '../../../shared/compliance/facts-in-force.js';
import type { Clock } from '../../../shared/types.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import { evaluateStoredBoard } from './scan-boards.js';

export interface EvaluationQueueDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  /** NABIZ_PEOPLE's leads and managers (R20 approvals), as the scanner evaluates with them. */
  people?: readonly Approver[];
  /** Quiet time after a board's last delivery before it is evaluated (default 300 ms). */
  delayMs?: number;
  /** Longest a waiting board is put off by further deliveries (default 2 s). */
  maxDelayMs?: number;
  /** The evaluation (default: evaluateStoredBoard as of the clock); `cardIds` the touched cards, absent = all. */
  evaluate?: (boardId: string, cardIds?: readonly string[]) => Promise<unknown>;
}

export interface EvaluationQueue {
  /** The board's facts changed (on `cards`, or 'all'/absent: every card): evaluate it again soon. */
  schedule(boardId: string, cards?: readonly string[] | 'all'): void;
  /** Evaluate every waiting board now and resolve when none waits or runs (shutdown, tests). */
  flush(): Promise<void>;
  /** Evaluations done so far (diagnostics, benchmark). */
  readonly runs: number;
}

export function createEvaluationQueue(deps: EvaluationQueueDeps): EvaluationQueue {
  const delay = deps.delayMs ?? 300;
  const maxDelay = deps.maxDelayMs ?? 2000;
  // Between cards and steps the evaluation yields to the event loop, so a delivery arriving meanwhile is answered
  // after at most one card's work, not after the whole evaluation.
  const pause = () => new Promise<void>((r) => setImmediate(r));
  const evaluate =
    deps.evaluate ?? ((boardId: string, cardIds?: readonly string[]) => evaluateStoredBoard(deps.store, boardId, deps.clock(), deps.people, cardIds, pause));
  // Per waiting board: the cards touched since (null: every card).
  const waiting = new Map<string, { timer: NodeJS.Timeout; since: number; cards: Set<string> | null }>();
  let chain: Promise<void> = Promise.resolve();
  let runs = 0;
  // The last evaluation's end and length: the next one waits as long as it took, so while deliveries keep coming,
  // evaluations take at most about half the process (they no longer block the deliveries, which would otherwise
  // queue one evaluation behind the other). A flush never waits.
  let lastEnd = 0;
  let lastMs = 0;
  let flushing = false;

  function run(boardId: string): Promise<void> {
    chain = chain.then(async () => {
      const idle = lastEnd + lastMs - Date.now();
      if (idle > 0 && !flushing) await new Promise((r) => setTimeout(r, idle).unref?.());
      // The cards touched until now (deliveries during the wait join this evaluation); none waiting: done already.
      const w = waiting.get(boardId);
      if (!w) return;
      clearTimeout(w.timer);
      waiting.delete(boardId);
      const started = Date.now();
      try {
        await evaluate(boardId, w.cards ? [...w.cards] : undefined);
        runs++;
      } catch (err) {
        deps.log.error(`webhooks: re-evaluating board ${boardId} failed: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        lastEnd = Date.now();
        lastMs = lastEnd - started;
      }
    });
    return chain;
  }

  return {
    get runs() {
      return runs;
    },
    schedule(boardId, touched) {
      const now = Date.now();
      const w = waiting.get(boardId);
      if (w) clearTimeout(w.timer);
      const since = w?.since ?? now;
      const wait = Math.max(0, Math.min(delay, since + maxDelay - now));
      const timer = setTimeout(() => void run(boardId), wait);
      timer.unref?.();
      const cards = !touched || touched === 'all' || (w && w.cards === null) ? null : new Set([...(w?.cards ?? []), ...touched]);
      waiting.set(boardId, { timer, since, cards });
    },
    async flush() {
      flushing = true;
      try {
        for (const boardId of [...waiting.keys()]) void run(boardId);
        await chain;
      } finally {
        flushing = false;
      }
    },
  };
}
