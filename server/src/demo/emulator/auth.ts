// Key + token authentication as api.trello.com does it: `key`/`token` in the query or body, or an
// `Authorization: OAuth oauth_consumer_key="…", oauth_token="…"` header. The key must be the emulator's,
// the token one it knows (each token belongs to a member; a member token may be limited to some boards).
import type { IncomingHttpHeaders } from 'node:http';
import type { TokenInfo } from '../model.js';
import type { EmulatorState } from '../state.js';
import { HttpErr } from './http.js';

function parseOAuthHeader(h: string | undefined): { key?: string; token?: string } {
  if (!h || !/^OAuth\s/i.test(h)) return {};
  const out: Record<string, string> = {};
  for (const m of h.matchAll(/(\w+)="([^"]*)"/g)) {
    const [, k, v] = m;
    if (k !== undefined && v !== undefined) out[k] = decodeURIComponent(v);
  }
  const key = out.oauth_consumer_key ?? out.oauth_key;
  return { ...(key !== undefined ? { key } : {}), ...(out.oauth_token !== undefined ? { token: out.oauth_token } : {}) };
}

export interface Caller {
  key: string;
  token: string;
  info: TokenInfo;
}

/** Takes `key` and `token` out of `q` (they are never seen by handlers) and checks them. */
export function authenticate(q: Record<string, string>, headers: IncomingHttpHeaders, state: EmulatorState, expectedKey: string): Caller {
  const oauth = parseOAuthHeader(headers.authorization);
  const key = q.key ?? oauth.key;
  const token = q.token ?? oauth.token;
  delete q.key;
  delete q.token;
  if (!key || key !== expectedKey) throw new HttpErr(401, 'invalid key');
  if (!token) throw new HttpErr(401, 'unauthorized permission requested');
  const info = state.tokens.get(token);
  if (!info) throw new HttpErr(401, 'invalid token');
  return { key, token, info };
}
