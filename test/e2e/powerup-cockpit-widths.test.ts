// The lead's cockpit features at both widths the Power-Up is used at (1280 px desk, 375 px phone), in a real
// browser against a real server + Trello emulator (docs/powerup.md): the card-aging cues on the card front (disk
// trend arrow, days since a pool customer's last entry, the go-live bar) and "due today" with its countdown in the
// compliance table and today's training schedule. Screenshots: test-results/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateKey } from '../../shared/dates.js';
import type { BoardStatus } from '../../shared/types.js';
import { openBoardPreview } from './helpers/board-preview.js';
import { launchBrowser, screenshot, type LaunchedBrowser } from './helpers/browser.js';
import { startPowerUpServer, type PowerUpServer } from './helpers/powerup-server.js';

// Monday 7 December 2026, 17:30 Istanbul: the last hour before the 18:15 daily deadline.
const AT = new Date('2026-12-07T14:30:00Z');
const TODAY = dateKey(AT);
const WIDTHS = [1280, 375] as const;
const TREND = { up: '↑', down: '↓', flat: '→' } as const;

let server: PowerUpServer;
let browser: LaunchedBrowser;

beforeAll(async () => {
  server = await startPowerUpServer({ startAt: AT });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const exp = () => server.workspace.expectations;
const caseCard = (c: string) => {
  const id = exp().cases[c as keyof ReturnType<typeof exp>['cases']]?.[0];
  if (!id) throw new Error(`demo workspace has no ${c} card`);
  return exp().byCard[id]!;
};
const actingMember = (boardId: string) => server.workspace.boards.find((b) => b.id === boardId)!.members[0]!.id;
const status = (boardId: string): Promise<BoardStatus> => server.apiStatus(boardId, actingMember(boardId));

async function openBoard(boardId: string, width: number): Promise<Page> {
  return openBoardPreview(browser, server.url, boardId, { at: AT, width });
}

async function badgeTexts(page: Page, cardId: string): Promise<string[]> {
  return page.$$eval(`.dh-card[data-card="${cardId}"] .dh-badge:not([hidden])`, (els) => els.map((e) => e.textContent ?? ''));
}

/** Whether the card, scrolled to as on a phone (lists scroll sideways, as in Trello), lies wholly in the viewport. */
async function fitsViewport(page: Page, selector: string, width: number): Promise<boolean> {
  const el = page.locator(selector);
  await el.scrollIntoViewIfNeeded();
  const r = await el.boundingBox();
  return r !== null && r.x >= 0 && r.x + r.width <= width + 1;
}

describe.each(WIDTHS)('the cockpit at %i px', (width) => {
  it('the card front shows the disk trend arrow, the pool customer’s days since the last entry and the go-live bar', async () => {
    const disk = caseCard('disk-critical');
    const st = await status(disk.boardId);
    // A card whose last two disk readings give a direction: the arrow the status says, beside the reading.
    const withTrend = Object.entries(st.cards).find(([, c]) => c.readings.disk?.trend);
    expect(withTrend, 'the demo board has a card with two disk readings').toBeDefined();
    const [trendCard, trendStatus] = withTrend!;
    const page = await openBoard(disk.boardId, width);
    const arrow = TREND[trendStatus.readings.disk!.trend!];
    expect(await badgeTexts(page, trendCard)).toContainEqual(expect.stringMatching(new RegExp(`^Disk .+ ${arrow}$`)));
    await page.close();

    const pool = caseCard('pool');
    const p2 = await openBoard(pool.boardId, width);
    expect(await badgeTexts(p2, pool.cardId)).toContainEqual(expect.stringMatching(/^Havuz · (bugün|\d+ gün)$/));
    expect(await fitsViewport(p2, `.dh-card[data-card="${pool.cardId}"]`, width)).toBe(true);
    await screenshot(p2, `powerup-card-aging-${width}`);
    await p2.close();

    const overdue = caseCard('golive-overdue');
    const p3 = await openBoard(overdue.boardId, width);
    expect(await badgeTexts(p3, overdue.cardId)).toContainEqual(expect.stringMatching(/^Canlı: (\d+\/\d+ · )?\d+ gün gecikti ▰▰▰▰▰$/));
    expect(await fitsViewport(p3, `.dh-card[data-card="${overdue.cardId}"]`, width)).toBe(true);
    await p3.close();
  }, 90_000);

  it('the compliance table puts what is due today first with the time left, amber in the last hour', async () => {
    const boardId = server.boards[0]!;
    const page = await openBoard(boardId, width);
    await page.click('#board-buttons button:has-text("Uyum tablosu")');
    const modal = page.frameLocator('#dh-modal iframe');
    await modal.locator('body[data-ready="true"]').waitFor();
    const states = await modal.locator('#overview tbody td.today').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-today')));
    expect(states[0]).toBe('pending');
    const firstDone = states.findIndex((x) => x !== 'pending' && x !== 'over');
    if (firstDone >= 0) expect(states.slice(firstDone).every((x) => x !== 'pending' && x !== 'over')).toBe(true);
    const cell = modal.locator('#overview tbody tr').first().locator('td.today');
    expect(await cell.locator('.countdown').textContent()).toBe("18:15'e 45 dk");
    expect(await cell.getAttribute('class')).toContain('amber');
    // The countdown of the first row is visible without scrolling sideways, also on a phone.
    const box = await cell.locator('.countdown').boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(width);
    await screenshot(page, `powerup-due-today-${width}`);
    await page.close();
  }, 90_000);

  it('today’s training schedule says which of today’s sessions already have their daily, as the badge does', async () => {
    const boardId = server.boards[0]!;
    const st = await status(boardId);
    const page = await openBoard(boardId, width);
    await page.click('#board-buttons button:has-text("Bugünkü program")');
    const modal = page.frameLocator('#dh-modal iframe');
    await modal.locator('body[data-ready="true"]').waitFor();
    const rows = await modal
      .locator('#slots tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => ({ cardId: tr.getAttribute('data-card'), daily: tr.querySelector('td.daily')?.getAttribute('data-daily') ?? null })),
      );
    expect(rows.length).toBeGreaterThan(0);
    // Each session's mark is the status's fact for that card today; a card not judged today shows none.
    for (const r of rows) {
      const t = st.cards[r.cardId ?? '']?.today;
      const want = t && t.date === TODAY && t.required ? (t.done ? 'done' : 'pending') : null;
      expect(r.daily, `session of ${r.cardId}`).toBe(want);
    }
    expect(rows.some((r) => r.daily === 'pending')).toBe(true);
    await screenshot(page, `powerup-schedule-today-${width}`);
    await page.close();
  }, 90_000);
});
