// Entries are Trello comments posted with the member's own token from t.getRestApi() (so the comment's author is
// the specialist). In the dev host the same client's apiOrigin points at the emulator through /demo/trello.
import { appKeyFromPage } from './app-options.js';
import { restApi, type PowerUpT } from './t.js';
import { errorMessage } from './errors.js';
import { isRecord } from '../../shared/guards.js';

export class RestError extends Error {
  constructor(
    readonly code: 'not-configured' | 'not-authorized' | 'http' | 'network',
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RestError';
  }
}

export const TRELLO_API_ORIGIN = 'https://api.trello.com';

type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown>; text(): Promise<string> }>;

async function credentials(t: PowerUpT): Promise<{ origin: string; key: string; token: string }> {
  const api = restApi(t);
  if (!api) throw new RestError('not-configured', 'REST client unavailable (appKey/appName missing)');
  if (!(await api.isAuthorized())) throw new RestError('not-authorized', 'member has not authorized Nabız');
  const token = await api.getToken();
  const key = api.appKey ?? appKeyFromPage();
  if (!token || !key) throw new RestError('not-authorized', 'no token or API key');
  return { origin: (api.apiOrigin ?? TRELLO_API_ORIGIN).replace(/\/$/, ''), key, token };
}

/** POST /1/cards/{id}/actions/comments (text in the JSON body: long entries would hit 414 in the query). */
export async function postComment(t: PowerUpT, cardId: string, text: string, fetchFn: Fetch = (u, i) => window.fetch(u, i)): Promise<{ id: string }> {
  const { origin, key, token } = await credentials(t);
  const url = `${origin}/1/cards/${encodeURIComponent(cardId)}/actions/comments?key=${encodeURIComponent(key)}&token=${encodeURIComponent(token)}`;
  let res: Awaited<ReturnType<Fetch>>;
  try {
    res = await fetchFn(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text }) });
  } catch (e) {
    throw new RestError('network', errorMessage(e));
  }
  if (!res.ok) throw new RestError('http', `Trello answered ${res.status}: ${(await res.text()).slice(0, 200)}`, res.status);
  const body: unknown = await res.json();
  return { id: isRecord(body) && typeof body.id === 'string' ? body.id : '' };
}

export interface CommentAction {
  id: string;
  date: string;
  text: string;
  author: string;
}

/** The card's newest comments (card back timeline); one request, only when the card back is open. */
export async function listComments(t: PowerUpT, cardId: string, limit = 50, fetchFn: Fetch = (u, i) => window.fetch(u, i)): Promise<CommentAction[]> {
  const { origin, key, token } = await credentials(t);
  const url = `${origin}/1/cards/${encodeURIComponent(cardId)}/actions?filter=commentCard&limit=${limit}&key=${encodeURIComponent(key)}&token=${encodeURIComponent(token)}`;
  const res = await fetchFn(url, { method: 'GET', headers: { Accept: 'application/json' } });
  if (!res.ok) throw new RestError('http', `Trello answered ${res.status}`, res.status);
  const body: unknown = await res.json();
  // Trello's commentCard actions (docs/trello.md): read field by field, a missing one reads as ''.
  const text = (x: unknown): string => (typeof x === 'string' ? x : '');
  return (Array.isArray(body) ? body : []).filter(isRecord).map((a) => ({
    id: text(a.id),
    date: text(a.date),
    text: isRecord(a.data) ? text(a.data.text) : '',
    author: isRecord(a.memberCreator) ? text(a.memberCreator.fullName) : '',
  }));
}
