// /powerup/* — the Power-Up as real Trello loads it (connector + pages + bundles + icons) and /manifest.json.
// Every page carries a CSP; the demo-only dev host bundles are never served here.
import express, { Router, type Response } from 'express';
import { join } from 'node:path';
import { accessPolicy } from '../access-policy.js';
import { HttpError, type AppDeps } from '../deps.js';
import { MANIFEST_PATH, POWERUP_DIST, POWERUP_ROOT, isBuilt, isPageName, powerUpCsp, renderPage, type PageName } from '../powerup-files.js';

export function powerupRouter(deps: AppDeps): Router {
  const r = Router();
  const policy = accessPolicy(deps);
  const csp = powerUpCsp(policy.powerUpFramedBySelf);
  // The API key is public (Trello shows it to any app user); the token never leaves the server.
  const appKey = deps.config.TRELLO_KEY ?? policy.appKey ?? '';

  const sendPage = (res: Response, page: PageName) => {
    if (!isBuilt()) throw new HttpError(503, 'Power-Up bundle not built yet: run `npx nabiz build`');
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(renderPage(page, { appKey }));
  };

  r.get('/manifest.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(MANIFEST_PATH);
  });
  r.get(['/powerup', '/powerup/'], (_req, res) => sendPage(res, 'index'));
  r.get('/powerup/:page.html', (req, res) => {
    const page = req.params.page;
    if (!isPageName(page)) throw new HttpError(404, 'no such Power-Up page');
    sendPage(res, page);
  });
  r.use('/powerup/dist', (req, _res, next) => {
    // The dev host is a separate bundle served only under /demo: real Trello can never load it.
    if (/^\/dev-/.test(req.path)) next(new HttpError(404, 'not found'));
    else next();
  });
  r.use('/powerup/dist', express.static(POWERUP_DIST, { maxAge: '5m', setHeaders: (res) => res.setHeader('Content-Security-Policy', csp) }));
  r.use('/powerup/icons', express.static(join(POWERUP_ROOT, 'icons'), { maxAge: '1d' }));
  return r;
}
