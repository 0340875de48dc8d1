// GET /1/batch?urls=/a,/b: GET routes only, without the version prefix, at most 10, no nested batch; one
// object per URL keyed by its status (api-docs batch.html in trello-archive; trello.js GetBatch).
import { HttpErr, compile, type Route } from '../http.js';
import type { RouteEnv } from './env.js';

export function batchRoutes({ dispatch }: RouteEnv): Route[] {
  return [
    compile('GET', '/1/batch', async (ctx) => {
      const raw = ctx.q.urls;
      if (!raw) throw new HttpErr(400, 'invalid value for urls');
      const urls = raw.split(/,(?=\/)/).map((u) => u.trim());
      if (urls.length > 10) throw new HttpErr(400, 'Too many URLs: batch takes at most 10');
      const out: unknown[] = [];
      for (const u of urls) {
        try {
          if (!u.startsWith('/') || u.startsWith('/1/') || u.startsWith('/batch')) throw new HttpErr(400, `invalid url: ${u}`);
          const r = await dispatch('GET', '/1' + u, { ...ctx, q: {} }, true);
          out.push({ [String(r.status ?? 200)]: r.json });
        } catch (e) {
          const err = e instanceof HttpErr ? e : new HttpErr(500, 'Internal Server Error');
          out.push({ [String(err.status)]: err.body });
        }
      }
      return { json: out };
    }),
  ];
}
