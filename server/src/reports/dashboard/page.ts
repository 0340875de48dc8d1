// Server-rendered shells of the dashboard: the page (data comes from /dashboard/api/data) and the refusal page.
import type { Locale } from '../../../../shared/types.js';

const FAVICON_LINK = '<link rel="icon" href="/favicon.svg" type="image/svg+xml">';

const TITLE: Record<Locale, string> = { tr: 'Nabız — Yönetici paneli', en: 'Nabız — Manager dashboard' };

/** Trello's client library; the demo swaps in the dev host's stand-in (same interface). */
export const TRELLO_CLIENT = 'https://p.trellocdn.com/power-up.min.js';
export const DEMO_CLIENT = '/demo/assets/dev-stand-in.js';

/** Content-Security-Policy of the dashboard pages: own scripts (+ Trello's client), framed only by Trello or us. */
export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self' https://p.trellocdn.com; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'self' https://trello.com; base-uri 'none'; form-action 'self'";

/** The dashboard shell. In the Power-Up modal (`powerup`) Trello's client library is loaded for t.jwt(). */
export function dashboardPage(lang: Locale, opts: { powerup: boolean; client?: string }): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${TITLE[lang]}</title>${FAVICON_LINK}
<link rel="stylesheet" href="/dashboard/app.css">
${opts.powerup ? `<script src="${opts.client ?? TRELLO_CLIENT}"></script>` : ''}
</head><body data-powerup="${opts.powerup ? '1' : '0'}">
<div id="app"><p class="loading">${lang === 'tr' ? 'Yükleniyor…' : 'Loading…'}</p></div>
<script src="/dashboard/app.js"></script>
</body></html>
`;
}

const DENIED: Record<'signin' | 'forbidden' | 'expired' | 'invalid', Record<Locale, [string, string]>> = {
  signin: {
    tr: ['Oturum açmanız gerekiyor', 'Paneli Trello’daki Nabız pano düğmesinden ya da özet e-postanızdaki bağlantıdan açın.'],
    en: ['Sign-in required', 'Open the dashboard from the Nabız board button in Trello or the link in your digest.'],
  },
  forbidden: {
    tr: ['Erişim yok', 'Bu panel yalnızca tanımlı yöneticiler ve takım liderleri içindir.'],
    en: ['No access', 'This dashboard is for configured managers and team leads only.'],
  },
  expired: {
    tr: ['Bağlantının süresi doldu', 'En son özet e-postanızdaki bağlantıyı kullanın ya da paneli Trello’dan açın.'],
    en: ['The link has expired', 'Use the link in your latest digest or open the dashboard from Trello.'],
  },
  invalid: {
    tr: ['Geçersiz bağlantı', 'Bağlantı bozuk ya da imzası doğrulanamadı.'],
    en: ['Invalid link', 'The link is damaged or its signature could not be verified.'],
  },
};

export function deniedPage(lang: Locale, why: keyof typeof DENIED): string {
  const [h, p] = DENIED[why][lang];
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${h} — Nabız</title>${FAVICON_LINK}<link rel="stylesheet" href="/dashboard/app.css"></head>
<body><main class="denied"><h1>${h}</h1><p>${p}</p></main></body></html>
`;
}
