// /dashboard (managers and team leads), /dashboard/api/* (its JSON), /reports/evidence (report downloads).
// Access (docs/operations.md): a Power-Up JWT (board button modal), a signed expiring digest link → HttpOnly session
// cookie, or the demo manager in demo mode only. Everyone else: 401 (not signed in) / 403 (not a manager/lead).
import { Router, type Request, type Response } from 'express';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { present } from '../../../../shared/guards.js';
import type { Locale } from '../../../../shared/types.js';
import type { Person } from '../../config.js';
import { ROOT } from '../../paths.js';
import { HttpError, type AppDeps } from '../deps.js';
import { bearerToken } from '../jwt.js';
import { requestCookies } from '../cookies.js';
import { trackedBoardKey } from '../../store/board-ids.js';
import { SESSION_COOKIE, SESSION_SECONDS, canSeeBoard, canSeeMember, sessionKeys, verifyDashboardLink, viewerFor, type Viewer } from '../../reports/access.js';
import { buildDashboard, type DashboardBoardInput, type DashboardData } from '../../reports/dashboard-model.js';
import { createEvaluator, evidenceFromStore } from '../../reports/evaluate.js';
import { dashboardFromRows } from '../../reports/dashboard-rows.js';
import { ReportInputError } from '../../reports/evidence-model.js';
import { renderCsv, renderHtml, renderJson } from '../../reports/evidence-render.js';
import { renderPdf } from '../../reports/evidence-pdf.js';
import { reportFileName } from '../../reports/evidence-view.js';
import { DASHBOARD_CSP, dashboardPage, deniedPage } from '../../reports/dashboard/page.js';
import { accessPolicy } from '../access-policy.js';

const require = createRequire(import.meta.url);
const FRONT = join(ROOT, 'server/src/reports/dashboard');

const langOf = (req: Request): Locale => (req.query.lang === 'en' ? 'en' : 'tr');

const ReportQuery = z.object({
  board: z.string().min(1, 'board is required'),
  card: z.string().min(1).optional(),
  member: z.string().min(1).optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'from must be YYYY-MM-DD'),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'to must be YYYY-MM-DD'),
  format: z.enum(['html', 'pdf', 'csv', 'json']).default('html'),
  lang: z.enum(['tr', 'en']).default('tr'),
  appendix: z.enum(['compact', 'none']).default('compact'),
});

const DataQuery = z.object({
  lead: z.string().min(1).optional(),
  member: z.string().min(1).optional(),
  board: z.string().min(1).optional(),
});

function intersect(a: string[] | undefined, b: string[] | undefined): string[] | undefined {
  return a && b ? a.filter((x) => b.includes(x)) : (a ?? b);
}

export function dashboardRouter(deps: AppDeps): Router {
  const r = Router();
  const sessions = sessionKeys(deps.config.DASHBOARD_LINK_SECRET);
  const evaluator = createEvaluator(undefined, deps.config.people);
  const dataCache = new Map<string, DashboardData>();
  const secureCookie = deps.config.PUBLIC_URL?.startsWith('https:') ?? false;

  const person = (trelloId: string): Person | undefined => deps.config.people.find((p) => p.trelloId === trelloId);
  const policy = accessPolicy(deps);
  // The viewer when the request proves no one: production has none (sign in); the demo signs its manager in.
  const anonymous = policy.anonymousViewer ? (): Person | undefined => policy.anonymousViewer?.(deps.config.people) : undefined;
  const trackedBoards = (): string[] => (deps.config.NABIZ_BOARDS.length ? deps.config.NABIZ_BOARDS : deps.store.boards.keys());
  // The store is keyed by the NABIZ_BOARDS entry (maybe a short link); people, filters and the page use Trello ids.
  const mayOpen = (viewer: Viewer, key: string): boolean => canSeeBoard(viewer, key) || canSeeBoard(viewer, deps.store.boards.get(key)?.id ?? key);

  const setSession = (res: Response, trelloId: string): void => {
    const token = sessions.signSession(trelloId, deps.clock());
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookie,
      path: '/',
      maxAge: SESSION_SECONDS * 1000,
    });
  };

  /** Who is asking: Bearer t.jwt(), then the session cookie, then the access policy's anonymous viewer (the demo's manager). */
  async function viewerOf(req: Request): Promise<Viewer> {
    const bearer = bearerToken(req.headers.authorization);
    if (bearer) {
      const claims = await deps.verifyJwt(bearer);
      const p = person(claims.idMember);
      if (!p) throw new HttpError(403, 'only configured managers and team leads may open the dashboard');
      return viewerFor(p);
    }
    const cookie = requestCookies(req)[SESSION_COOKIE];
    if (cookie) {
      const v = sessions.verifySession(cookie, deps.clock());
      if (v.ok) {
        const a = anonymous?.();
        const p = person(v.claims.trelloId) ?? (a && v.claims.trelloId === a.trelloId ? a : undefined);
        if (!p) throw new HttpError(403, 'only configured managers and team leads may open the dashboard');
        return viewerFor(p);
      }
      if (!anonymous) throw new HttpError(401, v.reason === 'expired' ? 'session expired: open the link in your digest again' : 'invalid session');
    }
    const a = anonymous?.();
    if (a) return viewerFor(a);
    throw new HttpError(401, 'sign in: open the dashboard from the Power-Up board button or the link in your digest');
  }

  // ───── page ─────
  r.get('/dashboard', async (req, res) => {
    const lang = langOf(req);
    res.setHeader('Content-Security-Policy', DASHBOARD_CSP);
    res.setHeader('Cache-Control', 'no-store');
    const link = typeof req.query.link === 'string' ? req.query.link : undefined;
    if (link) {
      const secret = deps.config.DASHBOARD_LINK_SECRET;
      const v = secret ? verifyDashboardLink(link, secret, deps.clock(), deps.config.LINK_MAX_DAYS) : ({ ok: false, reason: 'signature' } as const);
      if (!v.ok) {
        res
          .status(401)
          .type('html')
          .send(deniedPage(lang, v.reason === 'expired' ? 'expired' : 'invalid'));
        return;
      }
      const p = person(v.claims.trelloId);
      if (!p) {
        res.status(403).type('html').send(deniedPage(lang, 'forbidden'));
        return;
      }
      setSession(res, p.trelloId);
      res.redirect(302, lang === 'en' ? '/dashboard?lang=en' : '/dashboard');
      return;
    }
    // Inside the Power-Up modal the page authenticates itself with t.jwt() (third-party cookies may be blocked).
    if (req.query.powerup === '1') {
      res.type('html').send(dashboardPage(lang, { powerup: true, ...(policy.dashboardClient ? { client: policy.dashboardClient } : {}) }));
      return;
    }
    try {
      const viewer = await viewerOf(req);
      if (anonymous && !requestCookies(req)[SESSION_COOKIE]) setSession(res, viewer.person.trelloId);
      res.type('html').send(dashboardPage(lang, { powerup: false }));
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      res
        .status(e.status)
        .type('html')
        .send(deniedPage(lang, e.status === 403 ? 'forbidden' : 'signin'));
    }
  });

  // ───── static front-end ─────
  let bundle: Promise<string> | undefined;
  r.get('/dashboard/app.js', async (_req, res) => {
    bundle ??= (async () => {
      const esbuild = await import('esbuild');
      const out = await esbuild.build({
        entryPoints: [join(FRONT, 'app.ts')],
        bundle: true,
        write: false,
        format: 'iife',
        target: 'es2020',
        minify: true,
        logLevel: 'silent',
      });
      return present(out.outputFiles[0], 'the bundled dashboard script').text;
    })();
    bundle.catch(() => (bundle = undefined));
    res.type('application/javascript').setHeader('Cache-Control', 'no-cache');
    res.send(await bundle);
  });
  // Read once per process, not on every page view (the chart bundle is ~200 kB).
  let css: string | undefined;
  let chart: string | undefined;
  r.get('/dashboard/app.css', (_req, res) => {
    res.type('text/css').send((css ??= readFileSync(join(FRONT, 'app.css'), 'utf8')));
  });
  r.get('/dashboard/vendor/chart.umd.min.js', (_req, res) => {
    chart ??= readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
    res.type('application/javascript').setHeader('Cache-Control', 'public, max-age=86400');
    res.send(chart);
  });

  // ───── JSON API ─────
  r.post('/dashboard/api/session', async (req, res) => {
    const viewer = await viewerOf(req);
    setSession(res, viewer.person.trelloId);
    res.json({ name: viewer.person.name, role: viewer.person.role });
  });

  r.get('/dashboard/api/data', async (req, res) => {
    let viewer = await viewerOf(req);
    const q = DataQuery.parse(req.query);
    // A filter outside the viewer's own scope is refused, never answered with their own data in its place
    // (docs/operations.md "Access model", row 5).
    if (q.board && !mayOpen(viewer, trackedBoardKey(trackedBoards(), deps.store.boards, q.board) ?? q.board))
      throw new HttpError(403, 'this board is not in your team');
    if (q.member && !canSeeMember(viewer, q.member)) throw new HttpError(403, 'this specialist is not in your team');
    if (q.lead) {
      const lead = deps.config.people.find((p) => p.trelloId === q.lead && p.role === 'teamLead');
      if (!lead) throw new HttpError(400, `unknown team lead "${q.lead}"`);
      if (viewer.person.role !== 'manager' && lead.trelloId !== viewer.person.trelloId) throw new HttpError(403, 'a team lead sees only their own team');
      const narrowed: Viewer = { person: viewer.person };
      const boards = intersect(viewer.boards, lead.boards);
      const specialists = intersect(viewer.specialists, lead.specialists);
      if (boards) narrowed.boards = boards;
      if (specialists) narrowed.specialists = specialists;
      viewer = narrowed;
    }
    // Every board the viewer may choose, whichever is chosen now (the filter must keep listing them all).
    const boardOptions = trackedBoards().flatMap((id) => {
      const b = deps.store.boards.get(id);
      return b && mayOpen(viewer, id) ? [{ id: b.id, name: b.name }] : [];
    });
    if (q.board) viewer = { ...viewer, boards: intersect(viewer.boards, [q.board]) ?? [q.board] };
    // The specialist is a focus, not a narrower scope: the filter still lists everyone in scope.
    const focus = q.member ? { member: q.member } : {};
    const now = deps.clock();
    await deps.store.sync();
    const head = await deps.store.ledger.head();
    // Same data, same scope, same hour → same answer (the dashboard is opened often, scans land every 10 min).
    const key = JSON.stringify([viewer, focus, head.count, head.hash, deps.store.boards.list().map((b) => b.lastScanAt), now.toISOString().slice(0, 13)]);
    const hit = dataCache.get(key);
    if (hit) {
      res.setHeader('Cache-Control', 'no-store');
      res.json(hit);
      return;
    }
    // From the verdict rows (reports/dashboard-rows.ts): summaries and SQL, never a board with its comments. The
    // whole boards only when the rows cannot answer (judged on an earlier day, a first scan still backfilling).
    const fromRows = await dashboardFromRows(deps.store, {
      boardKeys: trackedBoards().filter((id) => mayOpen(viewer, id)),
      viewer,
      people: deps.config.people,
      now,
      focus,
    });
    if (fromRows) {
      fromRows.options.boards = boardOptions;
      if (dataCache.size > 50) dataCache.clear();
      dataCache.set(key, fromRows);
      res.setHeader('Cache-Control', 'no-store');
      res.json(fromRows);
      return;
    }
    const boards: DashboardBoardInput[] = [];
    for (const id of trackedBoards()) {
      if (!mayOpen(viewer, id)) continue;
      const ev = await evaluator(deps.store, id, now);
      const b = deps.store.boards.get(id);
      if (!ev || !b) continue;
      boards.push({
        snapshot: ev.snapshot,
        result: ev.result,
        records: ev.records,
        prepared: ev.prepared(),
        memo: ev.memo,
        backfilled: b.backfilled,
        ...(b.lastScanAt ? { lastScanAt: b.lastScanAt } : {}),
      });
    }
    const data = buildDashboard({ boards, viewer, people: deps.config.people, now, focus });
    data.options.boards = boardOptions;
    if (dataCache.size > 50) dataCache.clear();
    dataCache.set(key, data);
    res.setHeader('Cache-Control', 'no-store');
    res.json(data);
  });

  // ───── evidence report download ─────
  r.get('/reports/evidence', async (req, res) => {
    const viewer = await viewerOf(req);
    const q = ReportQuery.parse(req.query);
    await deps.store.sync();
    const board = trackedBoardKey(trackedBoards(), deps.store.boards, q.board) ?? q.board;
    if (!deps.store.boards.get(board)) throw new HttpError(400, `unknown board "${q.board}"`);
    if (!trackedBoards().includes(board)) throw new HttpError(400, `board "${q.board}" is no longer tracked`);
    if (!mayOpen(viewer, board)) throw new HttpError(403, 'this board is not in your team');
    if (q.member && !canSeeMember(viewer, q.member)) throw new HttpError(403, 'this specialist is not in your team');
    let report: Awaited<ReturnType<typeof evidenceFromStore>>;
    try {
      report = await evidenceFromStore(
        deps.store,
        {
          boardId: board,
          ...(q.card ? { cardId: q.card } : {}),
          ...(q.member ? { memberId: q.member } : {}),
          ...(viewer.specialists ? { memberIds: viewer.specialists } : {}),
          from: q.from,
          to: q.to,
        },
        deps.clock(),
        evaluator,
      );
    } catch (e) {
      if (!(e instanceof ReportInputError)) throw e;
      res.status(400).json({ error: e.message, tr: e.tr });
      return;
    }
    // Named for the reader: the specialist (or card, or board) and the period, never a hex id.
    const name = reportFileName(report, q.format, q.lang);
    res.setHeader('Cache-Control', 'no-store');
    if (!report.ledger.verification.ok) res.setHeader('X-Nabiz-Ledger', 'verification-failed');
    if (q.format === 'pdf') {
      res
        .type('application/pdf')
        .attachment(name)
        .send(await renderPdf(report, q.lang, { appendix: q.appendix }));
    } else if (q.format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(name).send(renderCsv(report, q.lang));
    } else if (q.format === 'json') {
      res.type('application/json').attachment(name).send(renderJson(report));
    } else {
      // Opens in the browser tab (a reader looks first, saves if needed); the name still applies when saved.
      res
        .type('html')
        .attachment(name)
        .setHeader('Content-Disposition', String(res.getHeader('Content-Disposition') ?? '').replace(/^attachment/, 'inline'));
      res.send(renderHtml(report, q.lang, { appendix: q.appendix }));
    }
  });

  return r;
}
