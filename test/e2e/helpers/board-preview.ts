// The demo board preview (docs/powerup.md) opened as the browser tests need it: at a given width and browser time.
// Playwright's clock belongs to the browser context (one per LaunchedBrowser): installed on the first page, then moved.
import type { Page } from 'playwright-core';
import type { LaunchedBrowser } from './browser.js';

const clocked = new WeakSet<LaunchedBrowser>();

/** A new page on `/demo/board/:boardId`, ready; `at` sets the browser's clock, `width` the viewport (height 900). */
export async function openBoardPreview(
  browser: LaunchedBrowser,
  serverUrl: string,
  boardId: string,
  opts: { at?: Date; width?: number; query?: string } = {},
): Promise<Page> {
  const page = await browser.newPage();
  if (opts.width !== undefined) await page.setViewportSize({ width: opts.width, height: 900 });
  if (opts.at) {
    if (clocked.has(browser)) await page.clock.setSystemTime(opts.at);
    else await page.clock.install({ time: opts.at });
    clocked.add(browser);
  }
  await page.goto(`${serverUrl}/demo/board/${boardId}${opts.query ?? ''}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return page;
}

/** The card's visible badges on the board preview, with their colours. */
export async function boardBadges(page: Page, cardId: string): Promise<Array<{ text: string; color: string }>> {
  return page.$$eval(`.dh-card[data-card="${cardId}"] .dh-badge:not([hidden])`, (els) =>
    els.map((e) => ({ text: e.textContent ?? '', color: e.getAttribute('data-color') ?? '' })),
  );
}
