// A live Nabız against the Trello emulator, as an operator runs it before registering the Power-Up with Trello
// (docs/emulator.md "A live service against the emulator"): the emulator, then production's startService
// (server/src/main.ts, no demo code) with TRELLO_API_URL pointing at it. The browser plays trello.com: the dev host
// (powerup/src/dev-host) is the board page, Trello's client library is the dev stand-in, api.trello.com is the
// emulator, and t.jwt() comes from the emulator's signer. Nothing of this reaches the service: it is routed in
// the browser (Playwright), so the service answers exactly what it answers Trello's iframes.
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startEmulator, type Emulator } from '../../../server/src/demo/emulator.js';
import { demoMemberTokens, emulatorTokenOptions } from '../../../server/src/demo/member-tokens.js';
import type { DemoWorkspace } from '../../../server/src/demo/workspace.js';
import { POWERUP_DIST } from '../../../server/src/http/powerup-files.js';
import { startService, type Service } from '../../../server/src/main.js';

export const LIVE_KEY = 'livekey00000000000000000000000ab';
export const LIVE_TOKEN = 'livetoken000000000000000000000000000000000000000000000000000000a';
export const LIVE_PLUGIN_ID = '5e0be1c0000000000000f1e0';

export interface LiveTrello {
  emulator: Emulator;
  service: Service;
  /** The service's log lines (stderr). */
  log: string[];
  /** memberId → that member's emulator token (the board page acts with it). */
  memberTokens: Readonly<Record<string, string>>;
  /** Move the shared clock (emulator and service) forward: time passing between steps. */
  advance(ms: number): void;
  now(): Date;
  /** Make the browser context play trello.com for this service (routes; see the file comment). */
  playTrello(context: BrowserContext): Promise<void>;
  /** The board page (dev host) acting as `memberId`, waited until the connector rendered the board. */
  openBoard(page: Page, boardId: string, memberId: string): Promise<void>;
  close(): Promise<void>;
}

export async function startLiveTrello(workspace: DemoWorkspace, startAt: Date): Promise<LiveTrello> {
  let offset = startAt.getTime() - Date.now();
  const clock = () => new Date(Date.now() + offset);
  const memberTokens = demoMemberTokens(LIVE_TOKEN, workspace.boards);
  const emulator = await startEmulator({ port: 0, key: LIVE_KEY, token: LIVE_TOKEN, ...emulatorTokenOptions(memberTokens), boards: workspace.boards, clock });
  const dir = mkdtempSync(join(tmpdir(), 'nabiz-live-e2e-'));
  const log: string[] = [];
  let service: Service;
  try {
    // What an operator puts in the environment (docs/emulator.md): the emulator's lines, nothing else.
    service = await startService({
      env: {
        TRELLO_API_URL: emulator.url,
        TRELLO_KEY: LIVE_KEY,
        TRELLO_TOKEN: LIVE_TOKEN,
        TRELLO_PLUGIN_ID: LIVE_PLUGIN_ID,
        NABIZ_BOARDS: workspace.boards.map((b) => b.id).join(','),
        NABIZ_PEOPLE: JSON.stringify(workspace.people),
        DATA_FILE: join(dir, 'nabiz-data.json'),
        DATABASE_URL: join(dir, 'nabiz.sqlite'),
        LOG_LEVEL: 'info',
      },
      io: { stdout: () => undefined, stderr: (s) => void log.push(...s.split('\n').filter(Boolean)) },
      clock,
      port: 0,
      schedule: false,
    });
  } catch (e) {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const origin = service.url;
  const dist = (f: string) => readFileSync(join(POWERUP_DIST, f));

  return {
    emulator,
    service,
    log,
    memberTokens,
    advance: (ms) => void (offset += ms),
    now: clock,
    async playTrello(context) {
      // Trello's client library → the dev stand-in (same interface, talks to the board page).
      await context.route('https://p.trellocdn.com/**', (route) => {
        const u = new URL(route.request().url());
        if (u.pathname.endsWith('.js')) return route.fulfill({ contentType: 'application/javascript', body: dist('dev-stand-in.js') });
        return route.fulfill({ contentType: 'text/css', body: '' });
      });
      // api.trello.com → the emulator (the Power-Up's CSP allows that origin, so the pages post as in Trello).
      await context.route('https://api.trello.com/**', async (route) => {
        const u = new URL(route.request().url());
        const response = await route.fetch({ url: `${emulator.url}${u.pathname}${u.search}` });
        await route.fulfill({ response });
      });
      // The board page: trello.com's place, on the service's origin so the stand-in can reach it (same origin).
      await context.route(`${origin}/__trello/**`, (route) => {
        const u = new URL(route.request().url());
        const asset = /^\/__trello\/assets\/(dev-host\.js|dev-host\.css)$/.exec(u.pathname);
        if (asset) return route.fulfill({ contentType: asset[1]!.endsWith('.js') ? 'application/javascript' : 'text/css', body: dist(asset[1]!) });
        const board = /^\/__trello\/b\/([0-9a-f]{24})$/.exec(u.pathname);
        const memberId = u.searchParams.get('member') ?? '';
        const token = memberTokens[memberId];
        if (!board || !token) return route.fulfill({ status: 404, body: 'no such board page' });
        const config = {
          boardId: board[1],
          memberId,
          locale: 'tr',
          key: LIVE_KEY,
          token,
          pluginId: LIVE_PLUGIN_ID,
          connectorUrl: `${origin}/powerup/index.html`,
          trelloBase: 'https://api.trello.com',
          // t.jwt() and t.set happen on trello.com's side: the emulator's, reached like its REST API.
          jwtUrl: 'https://api.trello.com/_emulator/powerup/jwt',
          pluginDataUrl: 'https://api.trello.com/_emulator/powerup/pluginData',
        };
        return route.fulfill({
          contentType: 'text/html',
          body:
            `<!doctype html><html lang="tr"><head><meta charset="utf-8"><title>board</title><link rel="stylesheet" href="/__trello/assets/dev-host.css">` +
            `<script id="nabiz-dev-config" type="application/json">${JSON.stringify(config).replace(/</g, '\\u003c')}</script></head>` +
            `<body><script src="/__trello/assets/dev-host.js"></script></body></html>`,
        });
      });
      // The Power-Up pages as the service serves them, with one change: their CSP lets only trello.com frame them
      // (frame-ancestors), and this board page is not trello.com. Every other directive stays enforced.
      await context.route(`${origin}/powerup/*.html`, async (route) => {
        const response = await route.fetch();
        const headers = { ...response.headers() };
        const csp = headers['content-security-policy'];
        if (csp) headers['content-security-policy'] = csp.replace(/frame-ancestors[^;]*/, "frame-ancestors 'self'");
        await route.fulfill({ response, headers });
      });
    },
    async openBoard(page, boardId, memberId) {
      await page.goto(`${origin}/__trello/b/${boardId}?member=${memberId}`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    },
    async close() {
      await service.close();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
