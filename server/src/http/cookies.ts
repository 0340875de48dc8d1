// The request's cookies, for the routes that read the dashboard session (dashboard, /healthz details).
import type { Request } from 'express';

/** Name → decoded value. A malformed cookie is someone else's (or garbage): ignored, i.e. no session — never a 500. */
export function requestCookies(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    try {
      out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // ignored (see above)
    }
  }
  return out;
}
