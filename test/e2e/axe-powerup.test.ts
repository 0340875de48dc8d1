// Accessibility of the Power-Up in a real browser (Debian Chromium + axe-core) on the demo board preview: the board
// with its badges, the card back, every entry form (go-live, delay and escalation on an overdue card), the settings
// and the board modals, at 1280 px and 375 px.
// Each iframe (Trello renders every Power-Up page in one) is checked in its own document. 0 WCAG 2.0/2.1 A/AA and
// 0 WCAG 2.2 target-size violations. Screenshots in test-results/axe-powerup-*.png.
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateKey } from '../../shared/dates.js';
import { axeViolations, explain } from './helpers/axe.js';
import { launchBrowser, screenshot, type LaunchedBrowser } from './helpers/browser.js';
import { startPowerUpServer, type PowerUpServer } from './helpers/powerup-server.js';

// Monday 7 December 2026, 11:00 Istanbul: a working day with dailies pending.
const START = new Date('2026-12-07T08:00:00Z');

let server: PowerUpServer;
let browser: LaunchedBrowser;

beforeAll(async () => {
  server = await startPowerUpServer({ startAt: START });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openBoard(width: number): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.clock.install({ time: START });
  await page.goto(`${server.url}/demo/board/${server.boards[0]!}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return page;
}

/** The Power-Up page's frame (`daily.html`, `card-back.html`…), once it says it is ready. */
async function frameOf(page: Page, file: string): Promise<Frame> {
  await page.waitForFunction((f) => [...document.querySelectorAll('iframe')].some((i) => i.src.includes(f)), `/${file}`, { timeout: 20_000 });
  for (let i = 0; i < 100; i++) {
    const f = page.frames().find((x) => x.url().includes(`/${file}`));
    if (f && (await f.$('body[data-ready="true"]'))) return f;
    await page.waitForTimeout(100);
  }
  throw new Error(`${file} did not get ready`);
}

const firstCard = async (page: Page): Promise<string> => (await page.getAttribute('.dh-card[data-card]', 'data-card'))!;

/**
 * Save a form that `spoil` made invalid and wait for its error messages: nothing is posted, so the popup stays open
 * for axe (a save that goes through closes it 1.2 s later, powerup/src/pages/common.ts, racing the axe run).
 */
async function failedSave(f: Frame, spoil?: (f: Frame) => Promise<void>): Promise<void> {
  await spoil?.(f);
  await f.click('#submit');
  await f.locator('#messages.error').filter({ hasText: /\S/ }).waitFor({ timeout: 5_000 });
  expect(await f.getAttribute('form', 'data-saved')).toBeNull();
}

/** Escape closes the popup (the page's own handler, common.ts closeOnEscape): its frame is gone before the next one opens. */
async function closePopup(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('#dh-popup iframe').waitFor({ state: 'detached', timeout: 5_000 });
}

describe('axe-core on the Power-Up (board preview, card back, forms)', () => {
  for (const width of [1280, 375]) {
    it(`board preview, card back, every form and the board modals at ${width} px: no violations`, async () => {
      expect(dateKey(START)).toBe('2026-12-07');
      const page = await openBoard(width);
      const found: string[] = [];
      const check = async (name: string, where: Page | Frame) => {
        await screenshot(page, `axe-powerup-${name}-${width}`);
        found.push(...explain(await axeViolations(where)).map((v) => `${name}: ${v}`));
      };
      try {
        await check('board', page);
        const card = await firstCard(page);
        await page.click(`.dh-card[data-card="${card}"]`);
        await page.locator('#card-back').waitFor();
        await check('card-back', await frameOf(page, 'card-back.html'));
        // The form after a failed save too: the error messages must be as readable as the fields. The daily and weekly
        // forms open with a valid entry (today; the last reading), so a field is cleared first; the monthly form's
        // choices are all valid and the profile saves no entry: those are checked as they open.
        const spoilers: Record<string, ((f: Frame) => Promise<void>) | null> = {
          'daily.html': (f) => f.fill('#date', ''),
          'weekly.html': (f) => f.fill('#disk-used', ''),
          'monthly.html': null,
          'profile.html': null,
        };
        for (const [button, file] of [
          ['Günlük kayıt', 'daily.html'],
          ['Haftalık kayıt', 'weekly.html'],
          ['Aylık rapor', 'monthly.html'],
          ['Müşteri profili', 'profile.html'],
        ] as const) {
          await page.click(`#card-buttons button:has-text("${button}")`);
          const f = await frameOf(page, file);
          const spoil = spoilers[file];
          if (spoil) await failedSave(f, spoil);
          await check(file.replace('.html', ''), f);
          await closePopup(page);
        }
        await page.click('#card-back .dh-close');
        for (const [button, file] of [
          ['Uyum tablosu', 'overview.html'],
          ['Bugünkü program', 'schedule.html'],
        ] as const) {
          await page.click(`#board-buttons button:has-text("${button}")`);
          await check(file.replace('.html', ''), await frameOf(page, file));
          await page.click('#dh-modal .dh-close');
        }
        await page.click('#powerup-settings');
        await check('settings', await frameOf(page, 'settings.html'));
      } finally {
        await page.close();
      }
      expect(found).toEqual([]);
    }, 180_000);

    it(`go-live, delay and escalation forms of an overdue card at ${width} px, empty and after a failed save: no violations`, async () => {
      const boardId = server.boards[0]!;
      const member = server.workspace.boards.find((b) => b.id === boardId)!.members[0]!.id;
      const st = await server.apiStatus(boardId, member);
      // Overdue and not live: the card buttons offer all three forms (powerup/src/capabilities/card-buttons.ts).
      const overdue = Object.values(st.cards).find((c) => !c.goLive.live && typeof c.goLive.daysLeft === 'number' && c.goLive.daysLeft < 0);
      expect(overdue, 'a card past its go-live deadline in the demo').toBeDefined();
      const page = await openBoard(width);
      const found: string[] = [];
      try {
        await page.click(`.dh-card[data-card="${overdue!.cardId}"]`);
        await page.locator('#card-back').waitFor();
        for (const [button, file] of [
          ['Canlıya geçiş', 'golive.html'],
          ['Gecikme nedeni', 'delay.html'],
          ['Yöneticiye bildirildi', 'escalation.html'],
        ] as const) {
          await page.click(`#card-buttons button:has-text("${button}")`);
          const f = await frameOf(page, file);
          const name = file.replace('.html', '');
          await screenshot(page, `axe-powerup-${name}-${width}`);
          found.push(...explain(await axeViolations(f)).map((v) => `${name}: ${v}`));
          if (file === 'escalation.html') {
            // Its radios open on a valid entry (the first of each is checked): saving would post it and close the
            // popup, so there is no failed save to check; the entry it would post is in the preview.
            await f
              .locator('#preview')
              .filter({ hasText: /#bildirildi/ })
              .waitFor({ timeout: 5_000 });
          } else {
            // Nothing filled: the validation message is shown, nothing is posted.
            await failedSave(f);
            await screenshot(page, `axe-powerup-${name}-error-${width}`);
            found.push(...explain(await axeViolations(f)).map((v) => `${name} (after save): ${v}`));
          }
          await closePopup(page);
        }
      } finally {
        await page.close();
      }
      expect(found).toEqual([]);
    }, 180_000);
  }
});
