// `/`: where the access policy sends the browser (the demo's index), else a short status page (is the service up, when did it last scan, where
// to go next); the favicon every browser asks for (the Nabız logo), so pages stop logging 404s.
import { Router } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatInstant } from '../../../../shared/i18n.js';
import { escapeHtml as esc } from '../../html.js';
import { accessPolicy } from '../access-policy.js';
import type { AppDeps } from '../deps.js';
import { POWERUP_ROOT } from '../powerup-files.js';
import { healthReport } from './health.js';

/** `<link>` for our own pages' heads. */
export const FAVICON_LINK = '<link rel="icon" href="/favicon.svg" type="image/svg+xml">';

export function rootRouter(deps: AppDeps): Router {
  const r = Router();
  let icon: Buffer | undefined;
  // Browsers ask /favicon.ico on their own; an SVG with its type is shown by every current browser.
  r.get(['/favicon.ico', '/favicon.svg'], (_req, res) => {
    icon ??= readFileSync(join(POWERUP_ROOT, 'icons', 'logo.svg'));
    res.type('image/svg+xml').setHeader('Cache-Control', 'public, max-age=604800');
    res.send(icon);
  });

  r.get('/', async (req, res) => {
    const redirect = accessPolicy(deps).rootRedirect;
    if (redirect) {
      res.redirect(302, redirect);
      return;
    }
    const h = await healthReport(deps);
    const en = req.query.lang === 'en';
    // Public page: up/down and when the last scan ran, nothing more (board ids, counts and errors are in
    // /healthz?detail=1, for dashboard users and the machine itself; docs/operations.md, Access model).
    const last = h.lastScan;
    const state = !last
      ? en
        ? 'No scan has completed yet.'
        : 'Henüz tamamlanan tarama yok.'
      : en
        ? `Last scan ${formatInstant(last.at, 'en')} (Istanbul).`
        : `Son tarama ${formatInstant(last.at, 'tr')} (İstanbul).`;
    res.status(h.ok ? 200 : 503).setHeader('Cache-Control', 'no-store');
    res.type('html').send(`<!doctype html>
<html lang="${en ? 'en' : 'tr'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Nabız</title>${FAVICON_LINK}
<style>body{font-family:system-ui,"DejaVu Sans",sans-serif;color:#172b4d;max-width:640px;margin:48px auto;padding:0 16px}.ok{color:#216e4e}.bad{color:#ae2a19}a{color:#0c66e4}</style></head>
<body><h1>Nabız</h1>
<p class="${h.ok ? 'ok' : 'bad'}">${esc(h.ok ? (en ? 'Service is running.' : 'Servis çalışıyor.') : en ? 'Service needs attention.' : 'Servis ilgi bekliyor.')}</p>
<p>${esc(state)}</p>
<ul><li><a href="/dashboard${en ? '?lang=en' : ''}">${en ? 'Manager dashboard' : 'Yönetici paneli'}</a></li><li><a href="/healthz">/healthz</a> (JSON)</li></ul>
<p><a href="/${en ? '' : '?lang=en'}">${en ? 'Türkçe' : 'English'}</a></p>
</body></html>
`);
  });
  return r;
}
