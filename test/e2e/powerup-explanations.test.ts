// The specialist's side of the story in a real browser (Debian Chromium) against a real server + Trello emulator
// (docs/powerup.md "card back: Açıklamalar", docs/rules.md "Explanations and excused periods"): the specialist
// explains an exception from the card back, the team lead accepts it; both land in the evidence ledger as facts.
// Screenshots at 1280 px and 375 px: test-results/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExplanationAcceptanceFact, ExplanationFact } from '../../shared/facts.js';
import type { BoardStatus } from '../../shared/types.js';
import { snapshotOf } from '../../server/src/store/board-view.js';
import { launchBrowser, screenshot, type LaunchedBrowser } from './helpers/browser.js';
import { startPowerUpServer, type PowerUpServer } from './helpers/powerup-server.js';

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

describe('explanations on the card back', () => {
  it('the specialist explains a missing period, the lead accepts it (recorded facts: who, when)', async () => {
    const boardId = server.boards[0]!;
    const specialist = server.workspace.boards.find((b) => b.id === boardId)!.members[0]!.id;
    const lead = server.workspace.teamLeadId;
    const st: BoardStatus = await server.apiStatus(boardId, specialist);
    const card = Object.values(st.cards).find((c) => c.memberId === specialist && c.findings.some((f) => f.rule === 'daily' && f.status === 'missing'));
    expect(card, 'a card of the specialist with a missing daily').toBeDefined();
    const period = card!.findings.find((f) => f.rule === 'daily' && f.status === 'missing')!.period;

    const page = await openCard(wide, boardId, card!.cardId);
    const back = page.frameLocator('#card-back-section iframe');
    const row = back.locator(`#explanations li[data-period="${period}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain('eksik');
    // The specialist may not accept: no "Kabul et".
    expect(await row.locator('button.accept').count()).toBe(0);
    await row.locator('button.explain').click();
    await row.locator('textarea').fill('müşteri bayram nedeniyle kapalıydı');
    await screenshot(page, 'powerup-explanation-form-1280');
    await row.getByRole('button', { name: 'Kaydet' }).click();
    await expect.poll(async () => (await row.textContent()) ?? '', { timeout: 20_000 }).toContain('“müşteri bayram nedeniyle kapalıydı”');
    expect(await row.textContent()).toContain('henüz kabul edilmedi');
    await screenshot(page, 'powerup-explanation-saved-1280');
    await page.close();

    const mobile = await openCard(narrow, boardId, card!.cardId, lead);
    const back2 = mobile.frameLocator('#card-back-section iframe');
    const row2 = back2.locator(`#explanations li[data-period="${period}"]`);
    await row2.waitFor({ timeout: 20_000 });
    await row2.locator('button.accept').click();
    await expect.poll(async () => (await row2.textContent()) ?? '', { timeout: 20_000 }).toContain('kabul eden');
    await screenshot(mobile, 'powerup-explanation-accepted-375');
    await mobile.close();

    const facts = (await snapshotOf(server.store, boardId))!.facts!.filter(
      (f): f is ExplanationFact | ExplanationAcceptanceFact => (f.kind === 'explanation' || f.kind === 'explanation-accept') && f.cardId === card!.cardId,
    );
    expect(facts.map((f) => [f.kind, f.period, f.by])).toEqual([
      ['explanation', period, specialist],
      ['explanation-accept', period, lead],
    ]);
  }, 180_000);
});
