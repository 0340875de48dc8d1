// One error class for everything Trello-side, with a code the scanner and CLI can act on and a
// message that says how to fix the problem (docs/conventions.md §14). Never includes the key or token.

export type TrelloErrorCode =
  | 'trello-auth' // 401
  | 'trello-forbidden' // 403
  | 'trello-not-found' // 404
  | 'trello-bad-request' // other 4xx
  | 'trello-rate-limited' // 429 after every retry
  | 'trello-unavailable' // 5xx after every retry
  | 'trello-network' // connection errors/timeouts after every retry
  | 'trello-invalid-response'; // zod rejected the body

export class TrelloError extends Error {
  override name = 'TrelloError';
  constructor(
    readonly code: TrelloErrorCode,
    message: string,
    readonly status?: number,
    /** Path of the bad field on a zod failure, e.g. "cards.3.idList". */
    readonly fieldPath?: string,
  ) {
    super(message);
  }
}

/** Human text for a failed request: `what` names the object, e.g. "board 5f3…". */
export function statusMessage(status: number, method: string, route: string, what: string, body: unknown): { code: TrelloErrorCode; message: string } {
  const trelloSays = typeof body === 'string' ? body.slice(0, 200) : body && typeof body === 'object' ? JSON.stringify(body).slice(0, 200) : '';
  const tail = trelloSays ? ` (Trello said: ${trelloSays})` : '';
  switch (status) {
    case 401:
      return {
        code: 'trello-auth',
        message: `401 from Trello: TRELLO_TOKEN cannot read ${what} — check that TRELLO_KEY and TRELLO_TOKEN belong together, the token has not expired or been revoked, and its member can see ${what}${tail}`,
      };
    case 403:
      return {
        code: 'trello-forbidden',
        message: `403 from Trello on ${method} ${route}: the token's member may not do this on ${what} — it needs read,write scope and board membership${tail}`,
      };
    case 404:
      return {
        code: 'trello-not-found',
        message: `404 from Trello: ${what} not found — check the id in NABIZ_BOARDS (the 24-hex id or the short link from the board URL) and that the token's member can open it${tail}`,
      };
    default:
      return { code: 'trello-bad-request', message: `${status} from Trello on ${method} ${route} (${what})${tail}` };
  }
}
