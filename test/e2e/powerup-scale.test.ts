// docs/powerup.md: badges render from data already in the iframe — a 300-card board makes ONE status request
// (counted on the server), not one per card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScaleWorkspace } from '../../server/src/demo/workspace.js';
import { launchBrowser, screenshot, type LaunchedBrowser } from './helpers/browser.js';
import { startPowerUpServer, type PowerUpServer } from './helpers/powerup-server.js';

let server: PowerUpServer;
let browser: LaunchedBrowser;

beforeAll(async () => {
  server = await startPowerUpServer({ workspace: generateScaleWorkspace({ boards: 1, cards: 300, days: 21, seed: 7, now: new Date() }) });
  browser = await launchBrowser({ viewport: { width: 1600, height: 1000 } });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('300-card board', () => {
  it('renders every card’s badges with exactly one status request', async () => {
    const boardId = server.boards[0]!;
    server.resetCounts();
    const page = await browser.newPage();
    await page.goto(`${server.url}/demo/board/${boardId}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    const cards = await page.locator('.dh-card').count();
    expect(cards).toBe(300);
    expect(server.statusRequests()).toBe(1);
    // Every customer card shows its compliance badge, all from the one answer.
    const compliance = await page.locator('.dh-card .dh-badge', { hasText: /^(Uyum ✓|\d+ eksik( · \d+ uyarı)?|\d+ uyarı)$/ }).count();
    expect(compliance).toBe(Object.keys((await server.apiStatus(boardId, server.workspace.specialists[0]!.id)).cards).length);
    expect(compliance).toBeGreaterThan(250);
    await screenshot(page, 'powerup-300-cards');
    await page.close();
  }, 120_000);
});
