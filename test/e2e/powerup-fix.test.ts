// One-click fixes on the card back (docs/powerup.md "One-click fixes"), in a real browser (Debian Chromium) against a
// real server + Trello emulator: the button beside a finding opens its form pre-filled, nothing is posted until the
// member saves, and the saved entry mends the finding. Screenshots: test-results/.
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateKey } from '../../shared/dates.js';
import { parseEntry } from '../../shared/entries.js';
import type { BoardStatus, CardStatus } from '../../shared/types.js';
import { openBoardPreview } from './helpers/board-preview.js';
import { launchBrowser, screenshot, type LaunchedBrowser } from './helpers/browser.js';
import { startPowerUpServer, type PowerUpServer } from './helpers/powerup-server.js';

// Monday 7 December 2026, 11:00 Istanbul: week 50 (07.12–13.12.2026).
const START = new Date('2026-12-07T08:00:00Z');
const TODAY = dateKey(START);

let server: PowerUpServer;
let browser: LaunchedBrowser;
const startedAt = Date.now();

beforeAll(async () => {
  server = await startPowerUpServer({ startAt: START });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const actingMember = (boardId: string) => server.workspace.boards.find((b) => b.id === boardId)!.members[0]!.id;
const status = (boardId: string): Promise<BoardStatus> => server.apiStatus(boardId, actingMember(boardId));
const comments = (cardId: string) => [...server.emulator.state.actions.values()].filter((a) => a.type === 'commentCard' && a.data.card?.id === cardId);
const mine = (st: BoardStatus, boardId: string): CardStatus[] => Object.values(st.cards).filter((c) => c.memberId === actingMember(boardId));

async function openBoard(boardId: string, width = 1280): Promise<Page> {
  return openBoardPreview(browser, server.url, boardId, { at: new Date(START.getTime() + (Date.now() - startedAt)), width });
}

async function openCardBack(page: Page, cardId: string): Promise<FrameLocator> {
  await page.click(`.dh-card[data-card="${cardId}"]`);
  await page.locator('#card-back').waitFor();
  const back = page.frameLocator('#card-back-section iframe');
  await back.locator('body[data-ready="true"]').waitFor({ timeout: 20_000 });
  return back;
}

async function popup(page: Page): Promise<FrameLocator> {
  const p = page.frameLocator('#dh-popup iframe');
  await p.locator('body[data-ready="true"]').waitFor({ timeout: 20_000 });
  return p;
}

describe('one-click fixes', () => {
  it('"Günlük ekle" beside today opens the daily form for today, and posts nothing by itself', async () => {
    const boardId = server.boards[0]!;
    const pending = mine(await status(boardId), boardId).find((c) => c.today?.required && !c.today.done);
    expect(pending, 'a card still waiting for today’s daily').toBeDefined();
    const before = comments(pending!.cardId).length;
    const page = await openBoard(boardId);
    const back = await openCardBack(page, pending!.cardId);
    const fix = back.locator('tr[data-kind="today"] button.fix');
    expect(await fix.textContent()).toBe('Günlük ekle');
    await screenshot(page, 'powerup-fix-card-back');
    await back.locator('#periods').screenshot({ path: 'test-results/powerup-fix-periods.png' });
    await fix.click();
    const form = await popup(page);
    expect(await form.locator('#date').inputValue()).toBe(TODAY);
    expect(await form.locator('#kind-daily').isChecked()).toBe(true);
    await screenshot(page, 'powerup-fix-daily');
    expect(comments(pending!.cardId).length).toBe(before);
    await page.close();
  }, 120_000);

  it('"Bilgilendirildi ekle" beside a full disk opens the weekly form for that week with "informed" ticked; saving mends the finding', async () => {
    const boardId = server.boards[0]!;
    const card = mine(await status(boardId), boardId)[0]!;
    // A week-50 reading at 90 % (over the 80 % `high` line) with no R38 action recorded.
    await server.postComment(card.cardId, '#haftalık 50. hafta (07.12–13.12.2026)\nDisk: 9 / 10 GB\nTrafik: 5 / 100 GB');
    await server.scan();
    const high = (await status(boardId)).cards[card.cardId]!.findings.find((f) => f.rule === 'disk' && f.status === 'high');
    expect(high?.period).toBe('2026-W50');

    const page = await openBoard(boardId, 375);
    const back = await openCardBack(page, card.cardId);
    const fix = back.locator('#findings li[data-rule="disk"][data-status="high"] button.fix');
    expect(await fix.textContent()).toBe('Bilgilendirildi ekle');
    await fix.scrollIntoViewIfNeeded();
    await screenshot(page, 'powerup-fix-card-back-375');
    const before = comments(card.cardId).length;
    await fix.click();
    const form = await popup(page);
    expect(await form.locator('#week').inputValue()).toBe('2026-W50');
    expect(await form.locator('#actions').isVisible()).toBe(true);
    expect(await form.locator('#action-informed').isChecked()).toBe(true);
    expect(await form.locator('#action-optimized').isChecked()).toBe(false);
    await screenshot(page, 'powerup-fix-informed-375');
    expect(comments(card.cardId).length).toBe(before);

    // R38 also needs "optimised" or "extra quota suggested": the member ticks one and saves (the total as read that
    // week: the form starts from the profile's); the week already has a weekly, so the form asks first, and
    // "Yine de kaydet" posts.
    await form.locator('#disk-total').fill('10');
    await form.locator('#action-optimized').check();
    await form.locator('#submit').click();
    await form.locator('#submit:has-text("Yine de kaydet")').waitFor({ timeout: 20_000 });
    await form.locator('#submit').click();
    await form.locator('form[data-saved="true"]').waitFor({ timeout: 20_000 });
    const last = comments(card.cardId).at(-1)!;
    const posted = String(last.data.text);
    expect(posted).toMatch(/^#haftalık 50\. hafta \(07\.12–13\.12\.2026\)\n/);
    expect(parseEntry(posted, last.date)).toMatchObject({ forWeek: '2026-W50', actions: ['informed', 'optimized'] });
    await server.scan();
    expect((await status(boardId)).cards[card.cardId]!.findings.some((f) => f.rule === 'disk' && f.status === 'high')).toBe(false);
    await page.close();
  }, 180_000);
  it('"Gecikme nedeni ekle" beside an overdue go-live without a reason opens the delay form, never the go-live form', async () => {
    const boardId = server.boards[0]!;
    const late = mine(await status(boardId), boardId).find((c) => c.findings.some((f) => f.rule === 'golive-reason' && f.status === 'missing'));
    expect(late, 'an overdue go-live without a delay reason').toBeDefined();
    const before = comments(late!.cardId).length;
    const page = await openBoard(boardId);
    const back = await openCardBack(page, late!.cardId);
    const fix = back.locator('#findings li[data-rule="golive-reason"] button.fix');
    expect(await fix.textContent()).toBe('Gecikme nedeni ekle');
    await fix.click();
    const form = await popup(page);
    await form.locator('#delay-form').waitFor();
    expect(await form.locator('#reason').inputValue()).toBe('');
    expect(await form.locator('#golive-form').count()).toBe(0);
    expect(comments(late!.cardId).length).toBe(before);
    await page.close();
  }, 120_000);
});
