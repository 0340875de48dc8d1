// The lead's «Hatırlat» in a real browser (Debian Chromium) against a real server + Trello emulator
// (docs/powerup.md "Nudges"): the lead opens a card whose daily is pending today, clicks Hatırlat once; exactly one
// @mention comment reaches the card, the ledger records it, the card back says "Hatırlatıldı …", and the specialist
// sees the same line but no button. Screenshots at 1280 px and 375 px: test-results/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardStatus } from '../../shared/types.js';
import { axeViolations, explain } from './helpers/axe.js';
import { launchBrowser, screenshot, type LaunchedBrowser } from './helpers/browser.js';
import { startPowerUpServer, type PowerUpServer } from './helpers/powerup-server.js';

// Monday 07.12.2026, 11:00 Istanbul: dailies are due, the working day has 7 h 15 min left.
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

async function openCard(browser: LaunchedBrowser, boardId: string, cardId: string, member?: string): Promise<Page> {
  const page = await browser.newPage();
  await page.clock.install({ time: new Date(START.getTime() + 60_000) });
  await page.goto(`${server.url}/demo/board/${boardId}${member ? `?member=${member}` : ''}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  await page.click(`.dh-card[data-card="${cardId}"]`);
  await page.locator('#card-back').waitFor();
  return page;
}

/** The card back's frame (axe runs inside it). */
const cardBack = (page: Page) => page.frames().find((f) => f.url().includes('/card-back.html'))!;

describe('nudge («Hatırlat») on the card back', () => {
  it('the lead reminds once; one @mention comment, recorded; the specialist sees "Hatırlatıldı" and no button', async () => {
    const boardId = server.boards[0]!;
    const specialist = server.workspace.boards.find((b) => b.id === boardId)!.members[0]!.id;
    const lead = server.workspace.teamLeadId;
    const st: BoardStatus = await server.apiStatus(boardId, specialist);
    const card = Object.values(st.cards).find((c) => c.memberId === specialist && c.today?.required && !c.today.done);
    expect(card, 'a card of the specialist with today’s daily pending').toBeDefined();
    const reminders = () =>
      server.emulator.state
        .exportBoard(boardId)
        .actions.filter((a) => a.type === 'commentCard' && a.data?.card?.id === card!.cardId && String(a.data?.text ?? '').includes('Hatırlatma:'));

    const page = await openCard(wide, boardId, card!.cardId, lead);
    const back = page.frameLocator('#card-back-section iframe');
    const button = back.locator('#nudge-button');
    await button.waitFor({ timeout: 20_000 });
    await screenshot(page, 'powerup-nudge-button-1280');
    await back.locator('#nudge').screenshot({ path: 'test-results/powerup-nudge-section-button.png' });
    expect(explain(await axeViolations(cardBack(page)))).toEqual([]);
    await button.click();
    await expect.poll(async () => (await back.locator('#nudged').textContent()) ?? '', { timeout: 20_000 }).toMatch(/^Hatırlatıldı \d\d:\d\d · /);
    expect(await back.locator('#nudge-button').count()).toBe(0);
    await screenshot(page, 'powerup-nudge-sent-1280');
    await back.locator('#nudge').screenshot({ path: 'test-results/powerup-nudge-section-sent.png' });
    await page.close();

    expect(reminders()).toHaveLength(1);
    expect(String(reminders()[0]!.data?.text)).toMatch(/^@\S+ Hatırlatma: bugünün günlük kaydı henüz yok \(18:15'e .+\)\. — Takım lideri /);
    const recs = (await server.store.ledger.facts(boardId, { cardId: card!.cardId })).filter((r) => r.type === 'nudge');
    expect(recs).toEqual([expect.objectContaining({ authorId: lead, memberId: specialist, sourceActionId: reminders()[0]!.id })]);

    // The specialist on a phone: the same line, no button.
    const mobile = await openCard(narrow, boardId, card!.cardId, specialist);
    const back2 = mobile.frameLocator('#card-back-section iframe');
    await back2.locator('#nudged').waitFor({ timeout: 20_000 });
    expect(await back2.locator('#nudged').textContent()).toMatch(/^Hatırlatıldı \d\d:\d\d · /);
    expect(await back2.locator('#nudge-button').count()).toBe(0);
    await back2.locator('#nudged').scrollIntoViewIfNeeded();
    await screenshot(mobile, 'powerup-nudge-seen-375');
    expect(explain(await axeViolations(cardBack(mobile)))).toEqual([]);
    await mobile.close();
    expect(reminders()).toHaveLength(1);
  }, 180_000);
});
