// Where the Power-Up's static files live and how its HTML pages are served (shared by /powerup and /demo).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { escapeHtml } from '../html.js';
import { ROOT } from '../paths.js';

export const POWERUP_ROOT = join(ROOT, 'powerup');
export const POWERUP_DIST = join(POWERUP_ROOT, 'dist');
export const MANIFEST_PATH = resolve(POWERUP_ROOT, '../manifest.json');

export const PAGES = [
  'index',
  'daily',
  'weekly',
  'monthly',
  'profile',
  'golive',
  'delay',
  'escalation',
  'settings',
  'authorize',
  'overview',
  'schedule',
  'card-back',
] as const;
export type PageName = (typeof PAGES)[number];

export const isPageName = (x: string): x is PageName => PAGES.some((p) => p === x);

export const TRELLO_CLIENT_TAG = '<script src="https://p.trellocdn.com/power-up.min.js"></script>';

/** A page with the public API key filled in (and, for the demo, Trello's client swapped for the stand-in). */
export function renderPage(page: PageName, opts: { appKey?: string; clientTag?: string }): string {
  let html = readFileSync(join(POWERUP_ROOT, `${page}.html`), 'utf8');
  html = html.replace('<meta name="nabiz-app-key" content="">', `<meta name="nabiz-app-key" content="${escapeHtml(opts.appKey ?? '')}">`);
  if (opts.clientTag !== undefined) html = html.replace(TRELLO_CLIENT_TAG, opts.clientTag);
  return html;
}

export function isBuilt(): boolean {
  return existsSync(join(POWERUP_DIST, 'connector.js')) && existsSync(join(POWERUP_DIST, 'pages.js'));
}

/**
 * CSP of Power-Up pages: scripts only from us and Trello's CDN, framed only by Trello (and our own board
 * preview in the demo), XHR only to us and api.trello.com.
 */
export function powerUpCsp(framedBySelf: boolean): string {
  return [
    "default-src 'self'",
    "script-src 'self' https://p.trellocdn.com",
    "style-src 'self' 'unsafe-inline' https://p.trellocdn.com",
    "img-src 'self' data: https:",
    "font-src 'self' data:",
    "connect-src 'self' https://api.trello.com",
    "frame-src 'self' https://trello.com",
    "object-src 'none'",
    "base-uri 'self'",
    `frame-ancestors https://trello.com https://*.trello.com${framedBySelf ? " 'self'" : ''}`,
  ].join('; ');
}
