// NABIZ_BOARDS may name a board by its 24-hex id or by its short link (config.ts). The state is keyed by the
// configured name; Trello (JWTs, webhooks, the Power-Up's t.getContext().board) always speaks the 24-hex id, which
// the scanner remembers in state.boards[name].id. These two functions translate, so every entry point agrees.
import type { State } from './schema.js';

/**
 * The NABIZ_BOARDS entry (the state's key) that names this Trello board id, or undefined when it is not tracked.
 * @example trackedBoardKey(['AbCd1234'], { boards: { AbCd1234: { id: '5f…' } } } as State, '5f…') === 'AbCd1234'
 */
export function trackedBoardKey(tracked: readonly string[], state: Pick<State, 'boards'>, trelloId: string): string | undefined {
  return tracked.find((b) => b === trelloId || state.boards[b]?.id === trelloId);
}

/**
 * The Trello ids of the tracked boards (a short link resolves once its board was scanned).
 * @example trackedBoardIds(['AbCd1234'], state) // ['5f…']
 */
export function trackedBoardIds(tracked: readonly string[], state: Pick<State, 'boards'>): string[] {
  return tracked.map((b) => state.boards[b]?.id ?? b);
}
