// Emulator plumbing shared by every module: its own logger interface (the emulator stands alone, it does not
// depend on the service's logger or config), Trello-style errors, and the small router.
import { isTrelloId } from '../ids.js';

/** What the emulator logs through; the service's logger fits, so does `console`. */
export interface EmulatorLogger {
  debug(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export const silentEmulatorLogger: EmulatorLogger = { debug: () => undefined, warn: () => undefined, error: () => undefined };

/** An error answer: Trello answers most errors with a short plain-text body. */
export class HttpErr extends Error {
  constructor(
    readonly status: number,
    readonly body: string | Record<string, unknown>,
  ) {
    super(typeof body === 'string' ? body : JSON.stringify(body));
  }
}

export const NOT_FOUND = 'The requested resource was not found.';

/** 404 for a well-formed id that names nothing, 400 for something that is no id at all. */
export function missing(id: string, alsoShortLink = false): HttpErr {
  if (isTrelloId(id)) return new HttpErr(404, NOT_FOUND);
  return alsoShortLink && /^[A-Za-z0-9]{8}$/.test(id) ? new HttpErr(404, NOT_FOUND) : new HttpErr(400, 'invalid id');
}

export interface Ctx {
  method: string;
  params: Record<string, string>;
  q: Record<string, string>;
  token: string;
  memberId: string;
  boards?: string[] | undefined;
}
export type Result = { status?: number; json: unknown };
export type Handler = (ctx: Ctx) => Result | Promise<Result>;
export interface Route {
  method: string;
  key: string;
  re: RegExp;
  names: string[];
  handler: Handler;
}

export function compile(method: string, pattern: string, handler: Handler): Route {
  const names: string[] = [];
  const re = new RegExp(
    '^' +
      pattern.replace(/:([A-Za-z]+)/g, (_m, n: string) => {
        names.push(n);
        return '([^/]+)';
      }) +
      '/?$',
  );
  return { method, key: `${method} ${pattern}`, re, names, handler };
}

/** A path parameter the route pattern declares (always present once the route matched). */
export function param(ctx: Ctx, name: string): string {
  const v = ctx.params[name];
  if (v === undefined) throw new HttpErr(500, `route has no :${name}`);
  return v;
}

export const bool = (v: string | undefined) => v === 'true' || v === '1';

export function limitOf(v: string | undefined, def = 50, name = 'limit'): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 1000) throw new HttpErr(400, `invalid value for ${name}`);
  return n;
}

export function parseBody(raw: string, type: string | undefined): Record<string, string> {
  if (!raw) return {};
  const out: Record<string, string> = {};
  if (type?.includes('json')) {
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch {
      throw new HttpErr(400, 'invalid json');
    }
    if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
      for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== null) out[k] = Array.isArray(v) ? v.join(',') : String(v);
    }
    return out;
  }
  for (const [k, v] of new URLSearchParams(raw)) out[k] = v;
  return out;
}
