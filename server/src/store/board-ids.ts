// NABIZ_BOARDS may name a board by its 24-hex id or by its short link (config.ts). The store is keyed by the
// configured name; Trello (JWTs, webhooks, the Power-Up's t.getContext().board) always speaks the 24-hex id, which
// the scanner remembers in the board's row (`id`). These two functions translate, so every entry point agrees.

/** What the translation reads of the boards: a board row's Trello id by its key (store.boards). */
export interface BoardIds {
  get(key: string): { id: string } | undefined;
}

/**
 * The NABIZ_BOARDS entry (the store's key) that names this Trello board id, or undefined when it is not tracked.
 * @example trackedBoardKey(['AbCd1234'], store.boards, '5f…') === 'AbCd1234' // once the row says id '5f…'
 */
export function trackedBoardKey(tracked: readonly string[], boards: BoardIds, trelloId: string): string | undefined {
  return tracked.find((b) => b === trelloId || boards.get(b)?.id === trelloId);
}

/**
 * The Trello ids of the tracked boards (a short link resolves once its board was scanned).
 * @example trackedBoardIds(['AbCd1234'], store.boards) // ['5f…']
 */
export function trackedBoardIds(tracked: readonly string[], boards: BoardIds): string[] {
  return tracked.map((b) => boards.get(b)?.id ?? b);
}
