// Each friction the Power-Up removed, checked again at 1280 px AND 375 px in a real browser (Debian Chromium) against a
// real server + Trello emulator (docs/powerup.md): the behaviour is asserted, the screenshot
// (test-results/powerup-friction-<n>-<what>-<width>.png) is for a reader. Nothing here posts a comment, so both widths
// see the same board.
//  1. one honest card state: never green beside a missed today;
//  2. the overdue go-live badge opens the delay form, and going live needs a picked day (nothing pre-filled);
//  3. a second weekly for the same week asks first;
//  4. weeks and months are choices in words, posted without ISO keys;
//  5. plain wording: the empty delay form says what to write, the preview says when it fills;
//  6. on a phone "Kaydet" stays in view after a validation error, a touch screen shows no keyboard hint; the
//     training slot says what it is.
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateKey } from '../../shared/dates.js';
import type { BoardStatus, CardStatus } from '../../shared/types.js';
import { openBoardPreview, boardBadges as badges } from './helpers/board-preview.js';
import { launchBrowser, screenshot, type LaunchedBrowser } from './helpers/browser.js';
import { startPowerUpServer, type PowerUpServer } from './helpers/powerup-server.js';

// Monday 7 December 2026, 11:00 Istanbul: week 50, early in the month (the monthly is for Kasım).
const START = new Date('2026-12-07T08:00:00Z');
const TODAY = dateKey(START);
const WIDTHS = [1280, 375] as const;

let server: PowerUpServer;
const browsers = new Map<number, LaunchedBrowser>();

beforeAll(async () => {
  server = await startPowerUpServer({ startAt: START });
  for (const w of WIDTHS) browsers.set(w, await launchBrowser({ viewport: { width: w, height: w === 375 ? 812 : 900 } }));
}, 120_000);

afterAll(async () => {
  for (const b of browsers.values()) await b.close();
  await server?.close();
});

const actingMember = (boardId: string) => server.workspace.boards.find((b) => b.id === boardId)?.members[0]?.id ?? '';
const status = (boardId: string): Promise<BoardStatus> => server.apiStatus(boardId, actingMember(boardId));
const mine = (st: BoardStatus, boardId: string): CardStatus[] => Object.values(st.cards).filter((c) => c.memberId === actingMember(boardId));
const commentCount = () => [...server.emulator.state.actions.values()].filter((a) => a.type === 'commentCard').length;

async function openBoard(width: number, boardId: string, at = new Date(START.getTime() + 60_000)): Promise<Page> {
  const b = browsers.get(width);
  if (!b) throw new Error(`no browser at ${width} px`);
  return openBoardPreview(b, server.url, boardId, { at });
}

async function openCard(page: Page, cardId: string): Promise<void> {
  await page.click(`.dh-card[data-card="${cardId}"]`);
  await page.locator('#card-back').waitFor();
}

async function popup(page: Page): Promise<FrameLocator> {
  const p = page.frameLocator('#dh-popup iframe');
  await p.locator('body[data-ready="true"]').waitFor({ timeout: 20_000 });
  return p;
}

const popupFrame = (page: Page, file: string): Frame => {
  const f = page.frames().find((x) => x.url().includes(`/${file}`));
  if (!f) throw new Error(`${file} is not open`);
  return f;
};

/** The overdue go-live card the demo workspace designs (no delay reason yet). */
function overdueCard(): { id: string; boardId: string } {
  const id = server.workspace.expectations.cases['golive-overdue']?.[0];
  const exp = id ? server.workspace.expectations.byCard[id] : undefined;
  if (!id || !exp) throw new Error('the demo has no overdue go-live card');
  return { id, boardId: exp.boardId };
}

describe('the removed frictions, at 1280 px and 375 px', () => {
  for (const width of WIDTHS) {
    it(`1 · one honest card state after 18:15 (${width} px)`, async () => {
      const boardId = server.boards[0]!;
      const st = await status(boardId);
      const pending = mine(st, boardId).find((c) => c.today?.required && !c.today.done);
      expect(pending, 'a card still waiting for today’s daily').toBeDefined();
      const page = await openBoard(width, boardId, new Date(`${TODAY}T15:30:00Z`)); // 18:30 Istanbul
      const b = await badges(page, pending!.cardId);
      expect(b).toContainEqual({ text: 'Bugün: eksik', color: 'red' });
      expect(b.some((x) => x.text === 'Uyum ✓' || x.color === 'green')).toBe(false);
      // Nowhere on the board a green compliance badge beside a missed today.
      for (const c of Object.values(st.cards)) {
        const shown = await badges(page, c.cardId);
        if (shown.some((x) => x.text === 'Bugün: eksik'))
          expect(
            shown.map((x) => x.text),
            c.cardId,
          ).not.toContain('Uyum ✓');
      }
      await page.locator(`.dh-card[data-card="${pending!.cardId}"]`).scrollIntoViewIfNeeded();
      await screenshot(page, `powerup-friction-1-honest-state-${width}`);
      await page.close();
    }, 120_000);

    it(`2 · the overdue go-live badge opens the delay form; going live needs a picked day (${width} px)`, async () => {
      const { id, boardId } = overdueCard();
      const page = await openBoard(width, boardId);
      // The front's go-live badge ends in the five-segment bar of the period gone, red when overdue.
      expect(await badges(page, id)).toContainEqual({ text: expect.stringMatching(/^Canlı: (\d+\/\d+ · )?\d+ gün gecikti ▰▰▰▰▰$/), color: 'red' });
      // docs/img/board-states.png (docs/powerup.md "Card states at a glance") is this clip.
      if (width === 1280) await page.screenshot({ path: 'test-results/powerup-board-states.png', clip: { x: 0, y: 0, width: 1280, height: 330 } });
      await openCard(page, id);
      await page.click('#detail-badges .dh-detail:has(.dh-detail-title:text-is("Canlıya geçiş")) .dh-detail-badge');
      expect(await page.locator('#dh-popup .dh-title').textContent()).toBe('Gecikme nedeni');
      await popup(page);
      await page.keyboard.press('Escape');
      await page.locator('#dh-popup iframe').waitFor({ state: 'detached', timeout: 5_000 });
      const before = commentCount();
      await page.click('#card-buttons button:has-text("Canlıya geçiş")');
      const form = await popup(page);
      expect(await form.locator('#date').inputValue()).toBe('');
      await form.locator('#date').press('Enter');
      await expect.poll(() => form.locator('#messages').textContent()).toBe('Sitenin canlıya geçtiği günü seçin.');
      expect(commentCount()).toBe(before);
      await screenshot(page, `powerup-friction-2-golive-needs-day-${width}`);
      await page.close();
    }, 120_000);

    it(`3 + 4 · weeks and months in words; a second weekly for a week asks first (${width} px)`, async () => {
      const boardId = server.boards[1]!;
      const card = mine(await status(boardId), boardId)[0];
      expect(card).toBeDefined();
      const page = await openBoard(width, boardId);
      await openCard(page, card!.cardId);
      await page.click('#card-buttons button:has-text("Haftalık kayıt")');
      let form = await popup(page);
      const weeks = await form.locator('#week option').allTextContents();
      expect(weeks.slice(0, 2)).toEqual(['50. hafta (07.12–13.12.2026)', '49. hafta (30.11–06.12.2026)']);
      expect(weeks.join(' ')).not.toMatch(/\d{4}-W\d/);
      // Week 49 already has its weekly on this demo card: the form asks, and posts nothing.
      await form.locator('#week').selectOption('2026-W49');
      for (const [sel, v] of [
        ['#disk-used', '2'],
        ['#disk-total', '10'],
        ['#traffic-used', '6'],
        ['#traffic-total', '100'],
      ] as const)
        await form.locator(sel).fill(v);
      await expect.poll(() => form.locator('#preview').textContent()).toBe('#haftalık 49. hafta (30.11–06.12.2026)\nDisk: 2 / 10 GB\nTrafik: 6 / 100 GB');
      const before = commentCount();
      await form.locator('#submit').click();
      await expect
        .poll(() => form.locator('#messages').textContent(), { timeout: 20_000 })
        .toMatch(/^Bu kartta 49\. hafta \(30\.11–06\.12\.2026\) için zaten bir haftalık kayıt var/);
      expect(await form.locator('#submit').textContent()).toBe('Yine de kaydet');
      expect(commentCount()).toBe(before);
      await screenshot(page, `powerup-friction-3-weekly-asks-${width}`);
      await page.keyboard.press('Escape');
      await page.locator('#dh-popup iframe').waitFor({ state: 'detached', timeout: 5_000 });

      await page.click('#card-buttons button:has-text("Aylık rapor")');
      form = await popup(page);
      const months = await form.locator('#month option').allTextContents();
      expect(months[0]).toBe('Aralık 2026');
      expect(await form.locator('#month option:checked').textContent()).toBe('Kasım 2026'); // day 7: the month just gone
      expect(months.join(' ')).not.toMatch(/\d{4}-\d{2}/);
      await screenshot(page, `powerup-friction-4-months-in-words-${width}`);
      await page.close();
    }, 120_000);

    it(`5 · plain wording in the empty delay form (${width} px)`, async () => {
      const { id, boardId } = overdueCard();
      const page = await openBoard(width, boardId);
      await openCard(page, id);
      await page.click('#card-buttons button:has-text("Gecikme nedeni")');
      const form = await popup(page);
      expect(await form.locator('#preview').getAttribute('data-empty')).toBe('Karta yazılacak yorum, gereken alanlar doğru doldurulunca burada görünür.');
      await form.locator('#submit').click();
      await expect.poll(() => form.locator('#messages').textContent()).toBe('Gecikmenin nedenini ve canlıya ne zaman geçileceğini yazın.');
      expect(await form.locator('body').textContent()).not.toMatch(/değer girin|fill the fields/);
      await screenshot(page, `powerup-friction-5-delay-wording-${width}`);
      await page.close();
    }, 120_000);

    it(`6 · "Kaydet" stays in view after a validation error, no keyboard hint on touch; the training slot is named (${width} px)`, async () => {
      const boardId = server.boards[1]!;
      const cards = mine(await status(boardId), boardId);
      const page = await openBoard(width, boardId);
      const slots = (await Promise.all(cards.map((c) => badges(page, c.cardId))))
        .flat()
        .filter((b) => /^(Eğitim saati|Havuz)/.test(b.text) || /^\d\d:\d\d$/.test(b.text));
      expect(slots.length).toBeGreaterThan(0);
      expect(slots.map((b) => b.text).filter((t) => /^\d\d:\d\d$/.test(t))).toEqual([]); // never a bare `15:30`
      await openCard(page, cards[0]!.cardId);
      await page.click('#card-buttons button:has-text("Haftalık kayıt")');
      const form = await popup(page);
      await form.locator('#disk-used').fill('');
      await form.locator('#submit').click();
      await expect.poll(async () => ((await form.locator('#messages').textContent()) ?? '').length).toBeGreaterThan(0);
      // The button's box, in the page's coordinates, lies inside the window: no scrolling needed to save.
      const frameBox = await page.locator('#dh-popup iframe').boundingBox();
      const inFrame = await popupFrame(page, 'weekly.html').evaluate(() => {
        const r = document.getElementById('submit')?.getBoundingClientRect();
        return r ? { top: r.top, bottom: r.bottom, view: window.innerHeight } : null;
      });
      expect(frameBox && inFrame).toBeTruthy();
      expect(inFrame!.bottom).toBeLessThanOrEqual(inFrame!.view);
      expect(inFrame!.top).toBeGreaterThanOrEqual(0);
      expect(frameBox!.y + inFrame!.bottom).toBeLessThanOrEqual(page.viewportSize()!.height);
      await screenshot(page, `powerup-friction-6-save-in-view-${width}`);
      // The keyboard hint is for keyboards: shown with a mouse, hidden on a touch screen (pointer: coarse).
      expect(await form.locator('.keys').isVisible()).toBe(true);
      if (width === 375) {
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
        await expect.poll(() => popupFrame(page, 'weekly.html').evaluate(() => window.matchMedia('(pointer: coarse)').matches)).toBe(true);
        expect(await form.locator('.keys').isVisible()).toBe(false);
        await screenshot(page, 'powerup-friction-6-touch-no-keys-375');
        await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: false });
      }
      await page.close();
    }, 120_000);
  }
});
