// Accessibility in a real browser (Debian Chromium + axe-core): 0 WCAG 2.0/2.1 A/AA violations and 0 WCAG 2.2
// target-size violations on the demo index, the manager dashboard and the outbox, at 1280 px and 375 px.
// axe's own source is injected into the page (no network). Screenshots in test-results/axe-*.png.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../server/src/demo-main.js';
import { startDemoService } from '../server/serve/demo-service.js';
import { launchBrowser, screenshot, type LaunchedBrowser } from './helpers/browser.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const NOW = new Date('2026-11-23T12:00:00Z');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** axe.run over the whole page with the WCAG A/AA tags (2.2 AA brings target-size); returns the violations. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  // Evaluated through the DevTools protocol: the pages' CSP (script-src 'self') rightly refuses an inline script tag.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const w = window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Violation[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  }, TAGS);
}

/** One line per violation and node, so a failure says what to fix where. */
const explain = (vs: Violation[]): string[] => vs.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) ${n.target.join(' ')}: ${v.help}`));

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
