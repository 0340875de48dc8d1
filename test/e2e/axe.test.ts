// Accessibility in a real browser (Debian Chromium + axe-core): 0 WCAG 2.0/2.1 A/AA violations and 0 WCAG 2.2
// target-size violations on the demo index, the manager dashboard (Turkish and English) and the outbox, at 1280 px and 375 px.
// axe's own source is injected into the page (no network). Screenshots in test-results/axe-*.png.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../server/src/demo-main.js';
import { startDemoService } from '../server/serve/demo-service.js';
import { axeViolations, explain } from './helpers/axe.js';
import { launchBrowser, screenshot, type LaunchedBrowser } from './helpers/browser.js';

const NOW = new Date('2026-11-23T12:00:00Z');

let service: Service;
let browser: LaunchedBrowser;

beforeAll(async () => {
  service = await startDemoService(join(mkdtempSync(join(tmpdir(), 'nabiz-axe-')), 'data.json'), NOW);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.close();
});

const PAGES: Array<{ name: string; path: string; ready?: string }> = [
  { name: 'demo-index', path: '/demo/' },
  { name: 'dashboard', path: '/dashboard', ready: '#app[aria-busy="false"]' },
  { name: 'dashboard-en', path: '/dashboard?lang=en', ready: '#app[aria-busy="false"]' },
  { name: 'outbox', path: '/outbox' },
];

describe('axe-core: WCAG 2.0/2.1 A/AA and 2.2 target size', () => {
  for (const width of [1280, 375]) {
    for (const p of PAGES) {
      it(`${p.name} at ${width} px: no violations`, async () => {
        const page = await browser.newPage();
        try {
          await page.setViewportSize({ width, height: 900 });
          await page.goto(`${service.url}${p.path}`);
          if (p.ready) await page.waitForSelector(p.ready, { timeout: 30_000 });
          await screenshot(page, `axe-${p.name}-${width}`);
          expect(explain(await axeViolations(page))).toEqual([]);
        } finally {
          await page.close();
        }
      }, 60_000);
    }
  }
});
