// Express app without listen(): tests call createApp(deps).listen(0) (docs/conventions.md §7).
import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import compression from 'compression';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants as zlibConstants } from 'node:zlib';
import { ZodError } from 'zod';
import { HttpError, type AppDeps } from './deps.js';
import { healthRouter } from './routes/health.js';
import { apiRouter, statusCache } from './routes/api.js';
import { approvalsRouter } from './routes/approvals.js';
import { nudgeRouter } from './routes/nudge.js';
import { reminderRouter } from './routes/reminder.js';
import { powerupRouter } from './routes/powerup.js';
import { webhookListener } from './routes/webhooks.js';
import { isStoreFault } from '../store/sql.js';
import { dashboardRouter } from './routes/dashboard.js';
import { outboxRouter } from './routes/outbox.js';
import { rootRouter } from './routes/root.js';
import { bodyDeadline, HTTP_LIMITS } from './limits.js';
import { errorMessage } from '../errors.js';
import { isRecord } from '../../../shared/guards.js';

/**
 * `extra`: routers mounted after the production ones (the demo entry adds its board preview here). `bodyTimeoutMs`:
 * how long a request body may take to arrive (limits.ts; serve it with createHttpServer for the other timeouts).
 */
export function createApp(deps: AppDeps, extra: readonly Router[] = [], opts: { bodyTimeoutMs?: number } = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Webhook deliveries before express, on the shortest path (docs/operations.md "Webhooks"): a plain Node listener
  // (no express set-up, middleware or compression: Trello reads only the status), the store checked once per group
  // commit instead of per request. express calls app.handle for every request; the listener answers its own first.
  const webhooks = webhookListener(deps, opts);
  const expressHandle: unknown = Reflect.get(app, 'handle');
  if (typeof expressHandle !== 'function') throw new Error('express: app.handle is missing (express version changed?)');
  Object.defineProperty(app, 'handle', {
    value: (req: IncomingMessage, res: ServerResponse, next?: unknown) => {
      if (!webhooks(req, res)) Reflect.apply(expressHandle, app, [req, res, next]);
    },
  });
  app.use(bodyDeadline(opts.bodyTimeoutMs ?? HTTP_LIMITS.bodyTimeoutMs, deps.log));
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    next();
  });
  // Brotli or gzip for every compressible response (HTML, JS, CSS, JSON; not PDFs), negotiated per request.
  // A middleware rather than prebuilt .gz/.br files: most pages and bundles are made at run time (the app key in
  // the Power-Up pages, the dashboard bundle, the outbox), and threshold 0 so small HTML pages count too.
  // Brotli quality 5: Chart.js 66 KB in ~30 ms (q4 70 KB ≈ gzip; q11 60 KB but >1 s per request).
  app.use(compression({ threshold: 0, brotli: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } } }));
  // A store that can no longer keep data (SQLite file deleted, replaced or cut short; records gone; PostgreSQL
  // down) answers 503 at once, before any route reads or writes: a webhook gets a non-2xx, so Trello delivers it
  // again later instead of it being accepted into a store that cannot keep it (docs/operations.md "Evidence ledger").
  let lastProblem: string | null = null;
  const storeGuard: RequestHandler = async (_req, res, next) => {
    const problem = await deps.store.health().catch((e: unknown) => `the store does not answer: ${oneLine(e)}`);
    if (problem !== lastProblem) {
      if (problem) deps.log.error(storeProblemLine(deps.store.kind, problem));
      else if (lastProblem) deps.log.info('store: reachable again');
      lastProblem = problem;
    }
    if (!problem) return next();
    res.setHeader('Retry-After', '60');
    res.status(503).json({ error: 'the data store is unavailable; try again later' });
  };
  // (Webhook deliveries: the same check once per commit, routes/webhooks.ts deliveryRecorder.)
  app.use(['/api', '/dashboard', '/reports', '/outbox'], storeGuard);
  app.use(rootRouter(deps));
  app.use(healthRouter(deps));
  app.use(powerupRouter(deps));
  // One status cache: the badges and the nudge's "is today pending" read the same status.
  const statuses = statusCache(deps);
  app.use(apiRouter(deps, statuses));
  app.use(approvalsRouter(deps));
  app.use(nudgeRouter(deps, statuses));
  app.use(reminderRouter(deps));
  app.use(dashboardRouter(deps));
  app.use(outboxRouter(deps));
  for (const r of extra) app.use(r);

  // A client's bad request (malformed URL encoding, bad JSON body, a refused token) is its problem: a 4xx with one
  // line, logged at WARN at most and never with a stack (anyone could fill the logs). Only our own faults are ERROR.
  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    if (res.headersSent) {
      deps.log.warn(`http: ${req.method} ${safePath(req.originalUrl)}: failed after the answer began: ${oneLine(err)}`);
      res.destroy();
      return;
    }
    if (isStoreFault(err)) {
      // The store went away mid-request (PostgreSQL down, SQLite file gone): not a bug, retry later.
      deps.log.error(`http: ${req.method} ${safePath(req.originalUrl)}: the data store failed: ${oneLine(err)}`);
      res.setHeader('Retry-After', '60');
      res.status(503).json({ error: 'the data store is unavailable; try again later' });
    } else if (err instanceof HttpError) {
      res.status(err.status).json({ error: err.message, ...(err.extra ? { code: err.extra.code } : {}) });
    } else if (err instanceof ZodError) {
      res.status(400).json({ error: 'invalid request', issues: err.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    } else if (clientStatus(err) !== null) {
      const status = clientStatus(err) ?? 400;
      const what = err instanceof URIError || /decode param/i.test(String(errorMessage(err))) ? 'malformed percent-encoding in the URL' : oneLine(err);
      deps.log.warn(`http: ${status} ${req.method} ${safePath(req.originalUrl)}: ${what}`);
      res.status(status).json({ error: status === 400 ? `bad request: ${what}` : what });
    } else {
      deps.log.error(`http: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      res.status(500).json({ error: 'internal error' });
    }
  };
  app.use(onError);
  return app;
}

/** 4xx status an error carries (express/router: malformed URL params; body-parser: bad bodies), else null. */
function clientStatus(err: unknown): number | null {
  if (err instanceof URIError) return 400;
  const e = isRecord(err) ? err : undefined;
  const st = typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : null;
  return st !== null && st >= 400 && st < 500 ? st : null;
}

/**
 * The log line while the store cannot keep data: what is wrong and what the operator can do, true per engine
 * (docs/operations.md "Evidence ledger"). A running process cannot reopen a deleted or replaced SQLite file, so there
 * a restart is part of the fix; with PostgreSQL the shared database is what is wrong and a restart alone changes nothing.
 */
export function storeProblemLine(kind: 'sqlite' | 'postgres', problem: string): string {
  const refusing = `store: ${problem}: answering 503 (webhooks are refused, Trello delivers them again later)`;
  if (kind === 'postgres')
    return (
      `${refusing} until the PostgreSQL database is right again; restarting Nabız does not help, the shared database is what is wrong. ` +
      'If it does not answer: check the database server and DATABASE_URL, Nabız goes on by itself once it answers. ' +
      'If records are gone: check it with `nabiz verify`, restore the database from a backup, then restart Nabız (docs/operations.md "Evidence ledger").'
    );
  return (
    `${refusing} until the SQLite file is restored and the service restarted (a running process cannot reopen a deleted or replaced file): ` +
    'check the restored file with `nabiz verify --db FILE` first (docs/operations.md "Evidence ledger").'
  );
}

const oneLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n', 1).join('').slice(0, 200);

/** The path for a log line: cut, control characters out (a client chose it). */
function safePath(url: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point here.
  return url.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 200);
}
