// Browser test (Playwright + Debian Chromium) of /dashboard over the demo workspace: renders, chart drawn,
// filters work, language switch, a report downloads. Screenshots in test-results/.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../server/src/demo-main.js';
import { RULE_IDS, ruleLabel } from '../../shared/i18n.js';
import { startDemoService } from '../server/serve/demo-service.js';
import { launchBrowser, type LaunchedBrowser } from './helpers/browser.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const OUT = 'test-results';
let service: Service;
let browser: LaunchedBrowser;
let page: Page;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'nabiz-dash-e2e-'));
  service = await startDemoService(join(dir, 'data.json'), NOW);
  browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  page = await browser.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.close();
});

const ready = async () => {
  await page.waitForSelector('body[data-ready="1"]');
  await page.waitForSelector('#app[aria-busy="false"]');
};
const rows = (table: string) => page.locator(`#${table} tbody tr`);

/** Pixels of the chart canvas that are not transparent (Chart.js drew lines/axes). */
const drawnPixels = () =>
  page.evaluate(() => {
    const c = document.getElementById('trend') as HTMLCanvasElement;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
    return n;
  });

describe('dashboard (demo)', () => {
  it('renders the demo data in Turkish with the demo manager signed in', async () => {
    await page.goto(`${service.url}/dashboard`);
    await ready();
    expect(await page.locator('h1').textContent()).toBe('Nabız — Yönetici paneli');
    expect(await page.locator('.who').textContent()).toContain('Murat Aksoy');
    expect(await rows('specialists').count()).toBe(3);
    const names = await page.locator('#specialists tbody th').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['Ebru Yılmaz', 'Gülşen Polat', 'Onur Öztürk']));
    const critical = Number(await page.locator('[data-sev="critical"]').textContent());
    expect(critical).toBeGreaterThan(0);
    expect(await rows('at-risk').count()).toBeGreaterThan(0);
    const links = await page.locator('#at-risk tbody a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect(l).toMatch(/^https:\/\/trello\.com\/c\//);
    expect(await rows('findings').count()).toBeGreaterThan(0);
    // Rule names are the shared dictionary's labels (shared/i18n.ts), never raw ids such as `pool-contact`.
    const ruleCells = await page.locator('#findings tbody tr td:nth-child(4)').allTextContents();
    const trLabels = new Set(RULE_IDS.map((r) => ruleLabel(r, 'tr')));
    for (const c of ruleCells) expect(trLabels, c).toContain(c);
    // Every customer, each linking to its Trello card.
    const customers = await page.locator('#customers tbody a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    const api = (await (await page.request.get(`${service.url}/dashboard/api/data`)).json()) as { cards: unknown[] };
    expect(api.cards.length).toBeGreaterThan(10);
    expect(customers).toHaveLength(api.cards.length);
    for (const l of customers) expect(l).toMatch(/^https:\/\/trello\.com\/c\//);
    await page.screenshot({ path: join(OUT, 'dashboard-tr.png'), fullPage: true });
  });

  it('draws the 12-week trend chart', async () => {
    expect(await drawnPixels()).toBeGreaterThan(1000);
    const labels = await page.evaluate(() => {
      const w = window as unknown as { Chart: { getChart(c: HTMLCanvasElement): { data: { labels: string[]; datasets: unknown[] } } } };
      const ch = w.Chart.getChart(document.getElementById('trend') as HTMLCanvasElement);
      return { labels: ch.data.labels, datasets: ch.data.datasets.length };
    });
    expect(labels.labels).toHaveLength(12);
    // Turkish week labels with their dates, never ISO week keys (W48).
    expect(labels.labels.at(-1)).toEqual(['48. hafta', '23.11–29.11']);
    expect(JSON.stringify(labels.labels)).not.toMatch(/W\d\d/);
    expect(labels.datasets).toBe(3);
  });

  it("shows today's pending dailies per specialist, neutral, before the day is over", async () => {
    // Monday 23 Nov 15:00 Istanbul: the demo's specialists have written some of today's dailies.
    const api = (await (await page.request.get(`${service.url}/dashboard/api/data`)).json()) as {
      specialists: Array<{ name: string; today: { required: number; done: number; pending: Array<{ name: string }> } }>;
    };
    const rowsToday = await rows('today').count();
    expect(rowsToday).toBe(api.specialists.filter((x) => x.today.required > 0).length);
    const pending = api.specialists.reduce((n, x) => n + x.today.pending.length, 0);
    expect(Number(await page.locator('[data-today]').textContent())).toBe(pending);
    expect(await page.locator('#today a.pending').count()).toBe(pending);
    // Pending first (most pending on top), with the time left to 18:15: 15:00 Istanbul → 3 h 15 min, not amber yet.
    const pendingCol = (await page.locator('#today tbody tr td:nth-child(2)').allTextContents()).map(Number);
    expect(pendingCol).toEqual([...pendingCol].sort((a, b) => b - a));
    if (pending > 0) {
      expect(await page.locator('#today-section h2 #today-countdown').textContent()).toBe("18:15'e 3 sa 15 dk");
      expect(await page.locator('#today-countdown.amber').count()).toBe(0);
      expect(await page.locator('a.tile.today .countdown').textContent()).toBe("18:15'e 3 sa 15 dk");
    }
    // Missing/Late say over which range they count (the dashboard window up to today).
    expect(await page.locator('#specialists th[data-col="11"] small.range').textContent()).toMatch(/^\d\d\.\d\d\.\d{4}–23\.11\.2026$/);
    // None of today's entries is a finding yet.
    const periods = await page.locator('#findings tbody td.period').allTextContents();
    expect(periods).not.toContain('23.11.2026');
    await page.locator('#today-section').screenshot({ path: join(OUT, 'dashboard-today.png') });
  });

  it('tiles filter the findings; headers sort the tables', async () => {
    await page.click('a.tile[data-filter="critical"]');
    await page.waitForFunction(() => document.querySelector('a.tile[data-filter="critical"]')?.getAttribute('aria-pressed') === 'true');
    const sev = await page.locator('#findings tbody td:first-child').allTextContents();
    expect(sev.length).toBeGreaterThan(0);
    expect(new Set(sev)).toEqual(new Set(['Kritik']));
    await page.click('#sev-all');
    await page.waitForFunction(() => !document.getElementById('sev-all'));
    expect(new Set(await page.locator('#findings tbody td:first-child').allTextContents()).size).toBeGreaterThan(1);

    // Sort specialists by name, then reverse; by "Eksik" (numbers).
    const names = () => page.locator('#specialists tbody th').allTextContents();
    await page.click('#specialists th[data-col="0"]');
    const asc = await names();
    expect(asc).toEqual([...asc].sort((a, b) => a.localeCompare(b, 'tr')));
    await page.click('#specialists th[data-col="0"]');
    expect(await names()).toEqual([...asc].reverse());
    await page.click('#specialists th[data-col="11"]');
    const missing = (await page.locator('#specialists tbody tr td:nth-child(12)').allTextContents()).map(Number);
    expect(missing).toEqual([...missing].sort((a, b) => a - b));
    expect(await page.locator('#specialists th[data-col="11"]').getAttribute('aria-sort')).toBe('ascending');
  });

  it('filters by specialist, board and team lead', async () => {
    const id = await page.locator('#f-member option', { hasText: 'Onur Öztürk' }).getAttribute('value');
    await page.selectOption('#f-member', id!);
    await ready();
    await page.waitForFunction(() => document.querySelectorAll('#specialists tbody tr').length === 1);
    expect(await page.locator('#specialists tbody th').allTextContents()).toEqual(['Onur Öztürk']);
    expect(page.url()).toContain(`member=${id}`);
    // The filter still lists everyone, so another specialist can be chosen directly.
    expect(await page.locator('#f-member option').count()).toBe(4);
    const cards = await page.locator('#findings tbody tr').count();
    expect(cards).toBeGreaterThan(0);
    await page.screenshot({ path: join(OUT, 'dashboard-filter-specialist.png'), fullPage: true });

    await page.selectOption('#f-member', '');
    await ready();
    await page.waitForFunction(() => document.querySelectorAll('#specialists tbody tr').length === 3);
    const board = await page.locator('#f-board option', { hasText: 'Gülşen Polat' }).getAttribute('value');
    await page.selectOption('#f-board', board!);
    await ready();
    await page.waitForFunction(() => document.querySelectorAll('#specialists tbody tr').length === 1);
    expect(await page.locator('#specialists tbody th').allTextContents()).toEqual(['Gülşen Polat']);

    await page.selectOption('#f-board', '');
    await ready();
    await page.selectOption('#f-lead', { label: 'Deniz Koç' });
    await ready();
    await page.waitForFunction(() => document.querySelectorAll('#specialists tbody tr').length === 3);
    expect(await drawnPixels()).toBeGreaterThan(1000);
  });

  it('switches to English', async () => {
    await page.goto(`${service.url}/dashboard`);
    await ready();
    await page.click('#lang');
    await ready();
    expect(await page.locator('h1').textContent()).toBe('Nabız — Manager dashboard');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.screenshot({ path: join(OUT, 'dashboard-en.png'), fullPage: true });
  });

  it('downloads an evidence report (PDF)', async () => {
    await page.goto(`${service.url}/dashboard`);
    await ready();
    await page.selectOption('#r-format', 'pdf');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#r-download')]);
    expect(download.suggestedFilename()).toMatch(/^nabiz-kanit-[a-z0-9-]+-2026-10\.pdf$/);
    const path = join(OUT, download.suggestedFilename());
    await download.saveAs(path);
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
    await page.selectOption('#r-format', 'csv');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#r-download')]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    // A range with no data: the reason is shown on the page, nothing is downloaded.
    await page.fill('#r-from', '2020-01-01');
    await page.fill('#r-to', '2020-01-31');
    await page.click('#r-download');
    await page.waitForFunction(() => (document.getElementById('r-error')?.textContent ?? '').length > 0);
    expect(await page.locator('#r-error').textContent()).toMatch(/2020-01-01 – 2020-01-31 arasında değerlendirilecek dönem yok/);
  });

  it('opens in the Power-Up modal with t.jwt(): a manager sees it, a specialist is refused', async () => {
    const board = service.config.NABIZ_BOARDS[0]!;
    const manager = service.config.people.find((p) => p.role === 'manager')!;
    const specialist = (service.store.snapshots.get(board) as { members: Array<{ id: string }> }).members[0]!.id;
    expect(service.config.people.some((p) => p.trelloId === specialist)).toBe(false);
    const open = async (idMember: string) => {
      const token = await service.deps.demo!.signJwt({ idMember, idBoard: board, idPlugin: service.config.TRELLO_PLUGIN_ID! });
      // No session cookie: only the token may let them in.
      await browser.context.clearCookies();
      const p = await browser.newPage();
      // Stands in for Trello's client inside the modal iframe: only t.jwt() is used.
      await p.route('**/demo/assets/dev-stand-in.js', (route) =>
        route.fulfill({ contentType: 'application/javascript', body: `window.TrelloPowerUp={iframe(){return{jwt:async()=>${JSON.stringify(token)}}}};` }),
      );
      await p.goto(`${service.url}/dashboard?powerup=1`);
      await p.waitForSelector('body[data-ready="1"]');
      return { p };
    };
    const m = await open(manager.trelloId);
    expect(await m.p.locator('.who').textContent()).toContain(manager.name);
    expect(await m.p.locator('#specialists tbody tr').count()).toBe(3);
    await m.p.close();
    const s = await open(specialist);
    expect(await s.p.locator('.denied').textContent()).toContain('yalnızca tanımlı yöneticiler ve takım liderleri');
    await s.p.screenshot({ path: join(OUT, 'dashboard-powerup-specialist-refused.png') });
    await s.p.close();
  });
});
