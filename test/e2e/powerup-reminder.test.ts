// «Kişisel hatırlatmam» in a real browser (Debian Chromium) against a real server + Trello emulator (docs/powerup.md
// "Nudges"): the specialist opens the compliance table, ticks the reminder at 17:30 and saves; the server records the
// choice (a `reminder` ledger record) and the page says what will happen. On a phone the same setting reads back and
// is switched off. axe on the page after each step; screenshots at 1280 px and 375 px in test-results/.
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, explain } from './helpers/axe.js';
import { launchBrowser, screenshot, type LaunchedBrowser } from './helpers/browser.js';
import { startPowerUpServer, type PowerUpServer } from './helpers/powerup-server.js';

// Monday 07.12.2026, 11:00 Istanbul.
const START = new Date('2026-12-07T08:00:00Z');
let server: PowerUpServer;
let wide: LaunchedBrowser;
let narrow: LaunchedBrowser;

beforeAll(async () => {
  server = await startPowerUpServer({ startAt: START });
  wide = await launchBrowser();
  narrow = await launchBrowser({ viewport: { width: 375, height: 812 } });
}, 120_000);

afterAll(async () => {
  await wide?.close();
  await narrow?.close();
  await server?.close();
});

async function openOverview(browser: LaunchedBrowser, boardId: string): Promise<{ page: Page; frame: Frame }> {
  const page = await browser.newPage();
  await page.clock.install({ time: new Date(START.getTime() + 60_000) });
  await page.goto(`${server.url}/demo/board/${boardId}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  await page.click('#board-buttons button:has-text("Uyum tablosu")');
  const modal = page.frameLocator('#dh-modal iframe');
  await modal.locator('#reminder-form').waitFor({ timeout: 20_000 });
  const frame = page.frames().find((f) => f.url().includes('/overview.html'));
  if (!frame) throw new Error('overview frame not found');
  return { page, frame };
}

describe('personal reminder («Kişisel hatırlatmam») on the compliance table', () => {
  it('the specialist sets 17:30 (recorded), reads it back on a phone and switches it off', async () => {
    const boardId = server.boards[0]!;
    // The preview acts as the board's first member: a specialist.
    const specialist = server.workspace.boards.find((b) => b.id === boardId)!.members[0]!.id;
    const records = async () => (await server.store.ledger.facts(boardId)).filter((r) => r.type === 'reminder');

    const { page, frame } = await openOverview(wide, boardId);
    expect(await frame.locator('#reminder-line').textContent()).toBe('Kapalı.');
    expect(await frame.locator('#reminder-at').isDisabled()).toBe(true);
    await frame.locator('#reminder-on').check();
    expect(await frame.locator('#reminder-at').inputValue()).toBe('17:30'); // the default
    await frame.locator('#reminder-save').click();
    await expect.poll(async () => (await frame.locator('#reminder-line').textContent()) ?? '', { timeout: 20_000 }).toMatch(/^Açık: her iş günü saat 17:30;/);
    expect(await records()).toEqual([expect.objectContaining({ authorId: specialist, value: '17:30' })]);
    await frame.locator('#my-reminder').scrollIntoViewIfNeeded();
    await screenshot(page, 'powerup-reminder-on-1280');
    await frame.locator('#my-reminder').screenshot({ path: 'test-results/powerup-reminder-section.png' });
    expect(explain(await axeViolations(frame))).toEqual([]);
    await page.close();

    const m = await openOverview(narrow, boardId);
    expect(await m.frame.locator('#reminder-on').isChecked()).toBe(true);
    expect(await m.frame.locator('#reminder-at').inputValue()).toBe('17:30');
    await m.frame.locator('#reminder-on').uncheck();
    await m.frame.locator('#reminder-save').click();
    await expect.poll(async () => (await m.frame.locator('#reminder-line').textContent()) ?? '', { timeout: 20_000 }).toBe('Kapalı.');
    expect((await records()).map((r) => r.value)).toEqual(['17:30', 'off']);
    await m.frame.locator('#my-reminder').scrollIntoViewIfNeeded();
    await screenshot(m.page, 'powerup-reminder-off-375');
    expect(explain(await axeViolations(m.frame))).toEqual([]);
    await m.page.close();
  }, 180_000);
});
