// The two Nabız checklists in a real browser (docs/rules.md "Checklists", docs/powerup.md): a card set up today gets
// "Nabız: karşılama" and "Nabız: canlıya geçiş" from the scan (through the emulator's REST API, as from Trello), a
// go-live step is ticked as Trello does it (PUT /1/cards/:id/checkItem/:idCheckItem by a member), and the board
// preview's go-live badge shows the progress with the countdown: `Canlı: 0/24 · N gün ▰▰▱▱▱` → `Canlı: 1/24 · N gün ▰▰▱▱▱`.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOLIVE_CHECKLIST, GOLIVE_STEPS, ONBOARDING_CHECKLIST, ONBOARDING_ITEMS } from '../../shared/checklists.js';
import { addDays, dateKey } from '../../shared/dates.js';
import { launchBrowser, screenshot, type LaunchedBrowser } from './helpers/browser.js';
import { E2E_KEY, startPowerUpServer, type PowerUpServer } from './helpers/powerup-server.js';

let server: PowerUpServer;
let browser: LaunchedBrowser;

beforeAll(async () => {
  server = await startPowerUpServer({ checklists: true });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function goLiveBadge(page: Page, cardId: string): Promise<string | undefined> {
  const texts = await page.$$eval(`.dh-card[data-card="${cardId}"] .dh-badge:not([hidden])`, (els) => els.map((e) => e.textContent ?? ''));
  return texts.find((t) => t.startsWith('Canlı:'));
}

describe('Nabız checklists on a newly set-up card', () => {
  it('the scan adds both checklists; a step ticked in Trello moves the go-live badge to 1/24', async () => {
    const exp = server.workspace.expectations;
    const cardId = exp.cases.clean?.[0];
    if (!cardId) throw new Error('demo workspace has no clean card');
    const { boardId } = exp.byCard[cardId]!;
    const specialist = server.workspace.boards.find((b) => b.id === boardId)!.cards.find((c) => c.id === cardId)!.idMembers[0]!;
    // The card is set up today: its profile saved with today's assignedAt (as the profile form would).
    const today = dateKey(new Date());
    const profile = { v: 1, site: 'yeni-musteri.com.tr', assignedAt: today, specialist, trainingSlot: '10:00' };
    server.emulator.state.setPluginData(cardId, JSON.stringify({ profile }));
    await server.scan();

    const lists = server.emulator.state.cardChecklists(cardId);
    expect(lists.map((c) => c.name)).toEqual([ONBOARDING_CHECKLIST, GOLIVE_CHECKLIST]);
    expect(lists[0]!.checkItems.map((i) => i.name)).toEqual(ONBOARDING_ITEMS.map((i) => i.name));
    expect(lists[1]!.checkItems).toHaveLength(GOLIVE_STEPS.length);

    const page = await browser.newPage();
    await page.goto(`${server.url}/demo/board/${boardId}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    await expect.poll(() => goLiveBadge(page, cardId), { timeout: 20_000 }).toMatch(/^Canlı: 0\/24 · \d+ gün [▰▱]{5}$/);

    // Tick the first go-live step as Trello does, as the specialist (their member token).
    const step = lists[1]!.checkItems[0]!;
    const u = new URL(`/1/cards/${cardId}/checkItem/${step.id}`, server.emulator.url);
    u.searchParams.set('key', E2E_KEY);
    u.searchParams.set('token', server.memberTokens[specialist]!);
    u.searchParams.set('state', 'complete');
    const res = await fetch(u, { method: 'PUT' });
    expect(res.status).toBe(200);
    await server.scan();

    await page.reload();
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    await expect.poll(() => goLiveBadge(page, cardId), { timeout: 20_000 }).toMatch(/^Canlı: 1\/24 · \d+ gün [▰▱]{5}$/);
    await screenshot(page, 'powerup-checklists');

    // Half the 60-day period gone with 1 of 24 steps ticked: behind by more than a quarter, so the front badge and the
    // card back's bar turn yellow although 30 days are left (shared/badges.ts goLiveColor, docs/powerup.md).
    server.emulator.state.setPluginData(cardId, JSON.stringify({ profile: { ...profile, assignedAt: addDays(today, -30) } }));
    await server.scan();
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    await expect.poll(() => goLiveBadge(page, cardId), { timeout: 20_000 }).toMatch(/^Canlı: 1\/24 · 30 gün ▰▰▰▱▱$/);
    expect(await page.getAttribute(`.dh-card[data-card="${cardId}"] .dh-badge:has-text("Canlı:")`, 'data-color')).toBe('yellow');
    await page.click(`.dh-card[data-card="${cardId}"]`);
    const back = page.frameLocator('#card-back-section iframe');
    await back.locator('#golive progress').waitFor({ timeout: 20_000 });
    expect(await back.locator('#golive progress').getAttribute('class')).toBe('yellow');
    await screenshot(page, 'powerup-golive-behind');
    // The tick is on record with Trello's time and author.
    const stored = server.store.snapshots.get(boardId) as { cards: Array<{ id: string; checkTicks?: Array<{ itemId: string; memberId: string }> }> };
    expect(stored.cards.find((c) => c.id === cardId)?.checkTicks?.map((t) => [t.itemId, t.memberId])).toEqual([[step.id, specialist]]);
  }, 120_000);
});
