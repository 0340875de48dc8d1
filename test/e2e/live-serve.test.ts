// Live mode end to end: the Trello emulator + production `serve` (server/src/main.ts, no demo code) pointed at it by
// TRELLO_API_URL, the Power-Up's pages in Chromium through the dev host with t.jwt() tokens the emulator signs, and
// the JWT key path as Trello runs it: the keys fetched from the emulator's /1/resource/jwt-public-keys, a key
// rotation in the middle, then the key endpoint down (docs/emulator.md, docs/trello.md §5).
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoWorkspace } from '../../server/src/demo/workspace.js';
import type { BoardStatus, CardStatus } from '../../shared/types.js';
import { launchBrowser, screenshot, type LaunchedBrowser } from './helpers/browser.js';
import { LIVE_PLUGIN_ID, startLiveTrello, type LiveTrello } from './helpers/live-trello.js';
import { ensureBuilt } from './helpers/powerup-server.js';

// A Wednesday, 11:00 in Istanbul: a working day, dailies still due.
const START = new Date('2026-12-02T08:00:00Z');
const MINUTES = 60_000;

let live: LiveTrello;
let browser: LaunchedBrowser;
const workspace = generateDemoWorkspace({ seed: 1, now: START });
const boardId = workspace.boards[0]!.id;
const specialist = workspace.boards[0]!.members[0]!.id;
const manager = workspace.people.find((p) => p.role === 'manager')!;

beforeAll(async () => {
  await ensureBuilt();
  live = await startLiveTrello(workspace, START);
  browser = await launchBrowser();
  await live.playTrello(browser.context);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await live?.close();
});

/** GET /api/boards/:id/status with a token, as the Power-Up sends it. */
async function api(token: string, board = boardId): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${live.service.url}/api/boards/${board}/status`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const mint = (idMember = specialist) => live.emulator.jwt.sign({ idPlugin: LIVE_PLUGIN_ID, idBoard: boardId, idMember });
const control = async (path: string) => {
  const res = await fetch(`${live.emulator.url}/_emulator/jwt/${path}`, { method: 'POST' });
  expect(res.status).toBe(200);
  return (await res.json()) as { published: number; endpointDown: boolean };
};

let clockInstalled = false;
/** A board page whose status answers are recorded (what the Power-Up's badges were given). */
async function boardPage(memberId = specialist): Promise<{ page: Page; statuses: number[] }> {
  const page = await browser.newPage();
  // The browser's clock (one per context) at the service's "now": "today" is the same day on both sides.
  if (clockInstalled) await page.clock.setSystemTime(live.now());
  else await page.clock.install({ time: live.now() });
  clockInstalled = true;
  const statuses: number[] = [];
  page.on('response', (r: Response) => {
    if (/\/api\/boards\/[^/]+\/status$/.test(new URL(r.url()).pathname)) statuses.push(r.status());
  });
  await live.openBoard(page, boardId, memberId);
  return { page, statuses };
}

async function badges(page: Page, cardId: string): Promise<string[]> {
  return page.$$eval(`.dh-card[data-card="${cardId}"] .dh-badge:not([hidden])`, (els) => els.map((e) => e.textContent ?? ''));
}

async function allBadges(page: Page): Promise<string[]> {
  return page.$$eval('.dh-card .dh-badge:not([hidden])', (els) => els.map((e) => e.textContent ?? ''));
}

async function openOverview(page: Page) {
  await page.click('#board-buttons button:has-text("Uyum tablosu")');
  const modal = page.frameLocator('#dh-modal iframe');
  await modal.locator('body[data-ready="true"]').waitFor({ timeout: 20_000 });
  return modal;
}

describe('a live serve against the emulator, as Trello runs the Power-Up', () => {
  let pendingCard: CardStatus;

  it('loads the keys from TRELLO_API_URL: card badges from a token the emulator signed', async () => {
    const first = await api(await mint());
    expect(first.status).toBe(200);
    const st = first.body as unknown as BoardStatus;
    pendingCard = Object.values(st.cards).find((c) => c.today?.required && !c.today.done && c.memberId === specialist)!;
    expect(pendingCard, 'a card still waiting for today’s daily').toBeDefined();
    expect(live.emulator.jwt.fetches).toBe(1);

    const { page, statuses } = await boardPage();
    expect(await badges(page, pendingCard.cardId)).toContain('Bugün: bekliyor');
    expect((await allBadges(page)).length).toBeGreaterThan(10);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200)).toBe(true);
    await screenshot(page, 'live-board');
    await page.close();
  }, 120_000);

  it('a daily posted in the form is seen back on the badge (comment in the emulator, scan by the live serve)', async () => {
    const { page } = await boardPage();
    await page.click(`.dh-card[data-card="${pendingCard.cardId}"]`);
    await page.locator('#card-back').waitFor();
    await page.click('#card-buttons button:has-text("Günlük kayıt")');
    const form = page.frameLocator('#dh-popup iframe');
    await form.locator('body[data-ready="true"]').waitFor({ timeout: 20_000 });
    await form.locator('#note').fill('Canlı serviste eğitim yapıldı.');
    await form.locator('#submit').click();
    await expect.poll(() => form.locator('#messages').textContent(), { timeout: 20_000 }).toBe('Kayıt karta yorum olarak eklendi.');
    // Posted with the member's own token, as Trello's REST client does.
    const posted = [...live.emulator.state.actions.values()].filter(
      (a) => a.type === 'commentCard' && a.data.card?.id === pendingCard.cardId && a.data.text?.includes('Canlı serviste'),
    );
    expect(posted.map((a) => a.idMemberCreator)).toEqual([specialist]);
    await expect
      .poll(async () => page.locator('#detail-badges .dh-detail:has(.dh-detail-title:text-is("Bugün")) .dh-detail-badge').textContent(), { timeout: 30_000 })
      .toBe('✓');
    await page.click('#card-back .dh-close');
    await expect.poll(() => badges(page, pendingCard.cardId), { timeout: 30_000 }).not.toContain('Bugün: bekliyor');
    await screenshot(page, 'live-daily-done');
    await page.close();
  }, 120_000);

  it('the board overview and the manager’s dashboard from the board button', async () => {
    const { page } = await boardPage();
    const overview = await openOverview(page);
    expect(await overview.locator('#overview tbody tr').count()).toBeGreaterThan(5);
    expect(await overview.locator('[role="alert"]').count()).toBe(0);
    await page.close();

    const m = await boardPage(manager.trelloId);
    await m.page.click('#board-buttons button:has-text("Yönetici paneli")');
    const dash = m.page.frameLocator('#dh-modal iframe');
    await dash.locator('body[data-ready="1"]').waitFor({ timeout: 30_000 });
    expect(await dash.locator('.who').textContent()).toContain(manager.name);
    expect(await dash.locator('#specialists tbody tr').count()).toBe(3);
    await screenshot(m.page, 'live-dashboard');
    await m.page.close();
  }, 120_000);

  it('a key rotation in the middle: old and new keys served together, requests keep working', async () => {
    const before = await mint();
    expect(await control('rotate')).toEqual({ published: 2, endpointDown: false });
    live.advance(6 * MINUTES); // Trello serves both keys for a while; the service refreshes at most every 5 minutes
    const after = await mint();
    expect((await api(after)).status).toBe(200);
    expect((await api(before)).status).toBe(200);
    const { page, statuses } = await boardPage();
    expect((await allBadges(page)).length).toBeGreaterThan(10);
    expect(statuses.every((s) => s === 200)).toBe(true);
    await page.close();
    // The old key retired: tokens it signed have expired by then; the new one goes on.
    expect(await control('retire-old')).toEqual({ published: 1, endpointDown: false });
    live.advance(16 * MINUTES);
    expect((await api(await mint())).status).toBe(200);
  }, 120_000);

  it('the key endpoint down: cached keys keep working; a brand-new key waits with a clear 503, and works once the endpoint is back', async () => {
    const cachedKeyToken = await mint();
    expect(await control('endpoint?down=true')).toEqual({ published: 1, endpointDown: true });
    live.advance(6 * MINUTES);
    expect((await api(cachedKeyToken)).status).toBe(200);
    const ok = await boardPage();
    expect((await allBadges(ok.page)).length).toBeGreaterThan(10);
    expect(ok.statuses.every((s) => s === 200)).toBe(true);
    await ok.page.close();

    // Trello rotated while its key endpoint is unreachable: the new key cannot be fetched.
    await control('rotate');
    const fetchesBefore = live.emulator.jwt.fetches;
    const waiting = await api(await mint());
    expect(waiting.status).toBe(503);
    expect(waiting.body).toMatchObject({ code: 'jwt-keys-unavailable' });
    expect(String(waiting.body.error)).toMatch(/Trello's JWT public keys are unavailable .*jwt-public-keys failed.*try again in a few minutes/);
    expect(live.log.some((l) => /jwt: 503 for a Power-Up token signed with a key this service has not loaded/.test(l))).toBe(true);
    expect(
      live.log.some((l) => /jwt: could not load Trello's public keys from .*\/1\/resource\/jwt-public-keys: .*503.*cached key\(s\) stay in use/.test(l)),
    ).toBe(true);
    // The board page: the overview says it is not the member's fault (Turkish), the badges do not pretend.
    const down = await boardPage();
    expect(down.statuses.length).toBeGreaterThan(0);
    expect(down.statuses.every((s) => s === 503)).toBe(true);
    const overview = await openOverview(down.page);
    expect(await overview.locator('[role="alert"]').textContent()).toBe(
      'Nabız, Trello’nun imza anahtarlarını şu an alamıyor; oturumunuz doğrulanamadı. Sorun sizde değil: birkaç dakika sonra yeniden deneyin.',
    );
    await screenshot(down.page, 'live-keys-unavailable');
    await down.page.close();
    // The old key still works meanwhile (cached), and the endpoint is not hammered: one failed attempt.
    expect((await api(cachedKeyToken)).status).toBe(200);
    expect(live.emulator.jwt.fetches - fetchesBefore).toBe(1);

    // Back: after the service's 5-minute pause the new key is fetched and the same kind of token works.
    await control('endpoint?down=false');
    live.advance(6 * MINUTES);
    expect((await api(await mint())).status).toBe(200);
    const back = await boardPage();
    expect((await allBadges(back.page)).length).toBeGreaterThan(10);
    expect(back.statuses.every((s) => s === 200)).toBe(true);
    await back.page.close();
  }, 180_000);
});
