// Matches a method + path to a route and counts requests per route (tests assert request budgets with it).
import { HttpErr, type Ctx, type Result, type Route } from './http.js';

export interface RequestCounter {
  total: number;
  byRoute: Record<string, number>;
  reset(): void;
}

export function createRequestCounter(): RequestCounter {
  const c: RequestCounter = {
    total: 0,
    byRoute: {},
    reset() {
      c.total = 0;
      c.byRoute = {};
    },
  };
  return c;
}

export class Router {
  private routes: Route[] = [];

  constructor(private readonly requests: RequestCounter) {}

  add(routes: Route[]): void {
    this.routes.push(...routes);
  }

  key(method: string, path: string): string {
    for (const r of this.routes) if (r.method === method && r.re.test(path)) return r.key;
    return `${method} (unknown)`;
  }

  /** Run the route for `path` (its own query string is merged over `base.q`). */
  async dispatch(method: string, path: string, base: Ctx, inBatch = false): Promise<Result> {
    const [p = '', qs] = path.split('?', 2);
    const query = { ...base.q };
    if (qs) for (const [k, v] of new URLSearchParams(qs)) query[k] = v;
    for (const r of this.routes) {
      if (r.method !== method) continue;
      const m = r.re.exec(p);
      if (!m) continue;
      if (inBatch) this.requests.byRoute[`batch:${r.key}`] = (this.requests.byRoute[`batch:${r.key}`] ?? 0) + 1;
      const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')]));
      return r.handler({ ...base, method, params, q: query });
    }
    throw new HttpErr(404, `Cannot ${method} ${p}`);
  }
}
