// /demo — the board preview and dev host. Demo mode only: server/src/demo-main.ts mounts this router beside the
// production ones (createApp's extra routers); the production app never loads it.
// The browser talks to the emulator through /demo/trello (same origin), gets JWTs signed with the demo key, and
// stores the Power-Up's pluginData in the emulator. No production secret is involved. The browser holds only the
// acting member's emulator token (as in Trello, where t.getRestApi() posts with the member's own token), so an entry
// is authored by that member; the service token stays on the server and /demo/trello refuses it.
import express, { Router } from 'express';
import { z } from 'zod';
import { escapeHtml } from '../html.js';
import { HttpError, type AppDeps } from '../http/deps.js';
import { POWERUP_DIST, isBuilt, isPageName, powerUpCsp, renderPage } from '../http/powerup-files.js';
import { DEMO_PLUGIN_ID } from './credentials.js';

/** What the demo pages read of the emulator's board JSON. */
const BoardName = z.object({ id: z.string(), name: z.string() });
const BoardWithMembers = BoardName.extend({ members: z.array(z.object({ id: z.string() })).optional() });

const STAND_IN_TAG = '<script src="/demo/assets/dev-stand-in.js"></script>';
/** JSON inside <script type="application/json">: "<" escaped so no text can close the tag. */
const safeJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

const BOARD_PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'self'",
].join('; ');

const ID = z.string().regex(/^[A-Za-z0-9]{8,24}$/, 'not a Trello id');

export function demoRouter(deps: AppDeps): Router {
  const r = Router();
  const demo = deps.demo;
  if (!demo) return r;
  // JWTs carry the configured plugin id (the verifier checks it); pluginData is stored under the demo
  // workspace's idPlugin, the one the seeded profiles use, so a saved profile replaces the seeded one.
  const jwtPluginId = deps.config.TRELLO_PLUGIN_ID ?? DEMO_PLUGIN_ID;
  const pluginId = demo.pluginId ?? DEMO_PLUGIN_ID;
  const memberTokens = demo.memberTokens ?? {};
  const browserTokens = new Set(Object.values(memberTokens));
  const emu = (path: string, q: Record<string, string> = {}) => {
    const u = new URL(path, demo.trelloUrl);
    for (const [k, v] of Object.entries({ ...q, key: demo.key, token: demo.token })) u.searchParams.set(k, v);
    return u;
  };
  const emuJson = async <T>(path: string, schema: z.ZodType<T>, q: Record<string, string> = {}): Promise<T> => {
    const res = await fetch(emu(path, q));
    if (!res.ok) throw new HttpError(res.status === 404 ? 404 : 502, `emulator answered ${res.status} for ${path}`);
    const body = schema.safeParse(await res.json());
    if (!body.success) throw new HttpError(502, `emulator answered an unexpected body for ${path}`);
    return body.data;
  };

  r.get(['/demo', '/demo/'], async (_req, res) => {
    const ids = deps.store.boards.keys();
    const boards = await Promise.all(ids.map((id) => emuJson(`/1/boards/${id}`, BoardName, { fields: 'name' }).catch(() => ({ id, name: id }))));
    res.setHeader('Content-Security-Policy', BOARD_PAGE_CSP);
    res.type('html').send(
      `<!doctype html><html lang="tr"><head><meta charset="utf-8"><title>Nabız demo</title><link rel="stylesheet" href="/demo/assets/dev-host.css"></head>` +
        `<body><header class="dh-header"><h1>Nabız demo panoları</h1></header><main class="dh-index">` +
        // What to do first (issue point 6): a visitor lands here without a guide.
        `<p>Bir pano açın: kartların önündeki rozetler bugünün durumunu gösterir. Bir kartı açıp günlük kaydı girin, ` +
        `pano düğmesinden (Nabız) genel görünüme bakın; yönetici paneli ve giden kutusu aşağıda.</p><ul>` +
        boards.map((b) => `<li><a href="/demo/board/${escapeHtml(b.id)}">${escapeHtml(b.name)}</a></li>`).join('') +
        `</ul><ul><li><a href="/dashboard">Yönetici paneli</a></li><li><a href="/outbox">Giden kutusu (bildirimler)</a></li></ul></main></body></html>`,
    );
  });

  r.get('/demo/board/:id', async (req, res) => {
    const boardId = ID.parse(req.params.id);
    if (!isBuilt()) throw new HttpError(503, 'Power-Up bundle not built yet: run `npx nabiz build`');
    const b = await emuJson(`/1/boards/${boardId}`, BoardWithMembers, { fields: 'name', members: 'all' });
    const q = z.object({ member: ID.optional(), locale: z.enum(['tr', 'en', 'en-US', 'tr-TR']).optional() }).parse(req.query);
    // The preview acts as one member of the board (?member=, default the board's first member), with that member's token.
    const memberId = q.member ?? b.members?.[0]?.id;
    if (!memberId) throw new HttpError(400, 'this board has no members to act as');
    if (!b.members?.some((m) => m.id === memberId)) throw new HttpError(400, `member ${memberId} is not a member of this board`);
    const token = memberTokens[memberId];
    if (!token) throw new HttpError(501, `no emulator token for member ${memberId} (deps.demo.memberTokens): the preview never uses the service token`);
    const origin = `${req.protocol}://${req.get('host')}`;
    const config = {
      boardId: b.id,
      memberId,
      locale: q.locale ?? 'tr',
      key: demo.key,
      token,
      pluginId,
      connectorUrl: `${origin}/demo/powerup/index.html`,
      trelloBase: '/demo/trello',
      jwtUrl: '/demo/jwt',
      pluginDataUrl: '/demo/plugindata',
    };
    res.setHeader('Content-Security-Policy', BOARD_PAGE_CSP);
    res.setHeader('Cache-Control', 'no-store');
    res
      .type('html')
      .send(
        `<!doctype html><html lang="tr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
          `<title>${escapeHtml(b.name)} — Nabız demo</title><link rel="stylesheet" href="/demo/assets/dev-host.css">` +
          `<script id="nabiz-dev-config" type="application/json">${safeJson(config)}</script></head>` +
          `<body><script src="/demo/assets/dev-host.js"></script></body></html>`,
      );
  });

  // Our unchanged pages, with Trello's client swapped for the dev stand-in (the only difference).
  r.get('/demo/powerup/:page.html', (req, res) => {
    const page = req.params.page;
    if (!isPageName(page)) throw new HttpError(404, 'no such Power-Up page');
    res.setHeader('Content-Security-Policy', powerUpCsp(true));
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(renderPage(page, { appKey: demo.key, clientTag: STAND_IN_TAG }));
  });
  r.use('/demo/powerup/dist', express.static(POWERUP_DIST, { maxAge: 0 }));
  r.get('/demo/assets/:file', (req, res, next) => {
    const file = req.params.file;
    if (!['dev-host.js', 'dev-stand-in.js', 'dev-host.css'].includes(file)) return next(new HttpError(404, 'not found'));
    res.sendFile(file, { root: POWERUP_DIST, maxAge: 0 });
  });

  // Trello REST for the browser = the emulator, same origin (the board page's CSP allows only 'self'). Only a
  // member's token passes (in the query, where the REST client puts it; the emulator lets the query win over a body
  // token, and no Authorization header is forwarded): the browser never acts as the service member.
  r.all(/^\/demo\/trello\/1\/.*/, express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    const target = new URL(req.originalUrl.replace(/^\/demo\/trello/, ''), demo.trelloUrl);
    const tokens = target.searchParams.getAll('token'); // the emulator takes the last one: every one must pass
    if (tokens.includes(demo.token))
      throw new HttpError(403, 'the demo proxy does not take the service token: the browser acts as a board member with that member’s token');
    if (tokens.length === 0 || !tokens.every((t) => browserTokens.has(t)))
      throw new HttpError(401, 'unauthorized permission requested (the demo proxy takes a board member’s token)');
    const body = Buffer.isBuffer(req.body) && req.body.length && req.method !== 'GET' && req.method !== 'HEAD' ? req.body : undefined;
    const contentType = req.get('content-type');
    const upstream = await fetch(target, {
      method: req.method,
      headers: contentType ? { 'content-type': contentType } : {},
      ...(body ? { body: new Uint8Array(body) } : {}),
    });
    res.status(upstream.status);
    const ct = upstream.headers.get('content-type');
    if (ct) res.setHeader('content-type', ct);
    res.send(Buffer.from(await upstream.arrayBuffer()));
  });

  r.post('/demo/jwt', express.json(), async (req, res) => {
    const body = z.object({ idBoard: ID, idMember: ID }).parse(req.body);
    res.json({ token: await demo.signJwt({ idBoard: body.idBoard, idMember: body.idMember, idPlugin: jwtPluginId }) });
  });

  r.post('/demo/plugindata', express.json({ limit: '16kb' }), async (req, res) => {
    const body = z.object({ idModel: ID, value: z.string().max(4096, 'PluginData length of 4096 characters exceeded') }).parse(req.body);
    if (!demo.setPluginData) throw new HttpError(501, 'this demo server was started without a pluginData writer (deps.demo.setPluginData)');
    await demo.setPluginData(body.idModel, body.value);
    res.json({ ok: true });
  });

  return r;
}
