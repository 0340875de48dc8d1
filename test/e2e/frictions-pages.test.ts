// The removed frictions outside the Power-Up, at 1280 px AND 375 px in a real browser against the demo service: the
// demo index says what to do first, the outbox says when a message goes out in words (never "(next working hours)"),
// and the dashboard's table headers sort with an arrow a screen reader hears (aria-sort). Behaviour is asserted; the
// screenshots (test-results/friction-page-<what>-<width>.png) are for a reader.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../server/src/demo-main.js';
import { startDemoService } from '../server/serve/demo-service.js';
import { launchBrowser, screenshot, type LaunchedBrowser } from './helpers/browser.js';

// Monday 23.11.2026, 15:00 Istanbul: inside working hours, so the outbox's messages go "now".
const NOW = new Date('2026-11-23T12:00:00Z');

let service: Service;
let browser: LaunchedBrowser;

beforeAll(async () => {
  service = await startDemoService(join(mkdtempSync(join(tmpdir(), 'nabiz-frictions-')), 'data.json'), NOW);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.close();
});

describe('the removed frictions on the demo index, the outbox and the dashboard', () => {
  for (const width of [1280, 375]) {
    it(`the demo index says what to do first (${width} px)`, async () => {
      const page = await browser.newPage();
      try {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${service.url}/demo/`);
        expect(await page.locator('main p').first().textContent()).toMatch(/^Bir pano açın: /);
        expect(await page.locator('main a').count()).toBeGreaterThan(2);
        await screenshot(page, `friction-page-demo-index-${width}`);
      } finally {
        await page.close();
      }
    }, 60_000);

    it(`the outbox says when in words, never a placeholder (${width} px)`, async () => {
      const page = await browser.newPage();
      try {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${service.url}/outbox`);
        const text = (await page.locator('body').textContent()) ?? '';
        expect(text).toMatch(/gönderim: \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/);
        expect(text).not.toMatch(/next working hours|\(\(/);
        await screenshot(page, `friction-page-outbox-${width}`);
      } finally {
        await page.close();
      }
    }, 60_000);

    it(`the dashboard's headers sort with an arrow a screen reader hears (${width} px)`, async () => {
      const page = await browser.newPage();
      try {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${service.url}/dashboard`);
        await page.waitForSelector('#app[aria-busy="false"]', { timeout: 30_000 });
        const header = page.locator('#specialists th[data-col="0"]');
        await header.scrollIntoViewIfNeeded();
        await header.click();
        expect(await header.getAttribute('aria-sort')).toBe('ascending');
        await header.click();
        expect(await header.getAttribute('aria-sort')).toBe('descending');
        const names = await page.locator('#specialists tbody th').allTextContents();
        expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a, 'tr')));
        await screenshot(page, `friction-page-dashboard-sorted-${width}`);
      } finally {
        await page.close();
      }
    }, 60_000);
  }
});
