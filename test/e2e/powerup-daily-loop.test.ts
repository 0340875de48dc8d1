// The specialist's daily loop in a real browser (Debian Chromium via playwright-core) against a real server +
// Trello emulator: forms that ask exactly what the rules need, "today" at a glance, prefilled weekly, member
// pickers, go-live and delay forms, keyboard-only entry, and the duplicate guard. Screenshots: test-results/.
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateKey, weekKey } from '../../shared/dates.js';
import { formatDate } from '../../shared/i18n.js';
import type { BoardStatus, CardStatus } from '../../shared/types.js';
import { openBoardPreview, boardBadges as badges } from './helpers/board-preview.js';
import { launchBrowser, screenshot, type LaunchedBrowser } from './helpers/browser.js';
import { startPowerUpServer, type PowerUpServer } from './helpers/powerup-server.js';

// A Wednesday, 11:00 in Istanbul: a working day, before the working day ends (18:15).
const START = new Date('2026-12-02T08:00:00Z');
const TODAY = dateKey(START);

let server: PowerUpServer;
let browser: LaunchedBrowser;

beforeAll(async () => {
  server = await startPowerUpServer({ startAt: START });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The board's first member: the preview acts as them by default (a specialist, not in NABIZ_PEOPLE). */
const actingMember = (boardId: string) => server.workspace.boards.find((b) => b.id === boardId)!.members[0]!.id;
const status = (boardId: string): Promise<BoardStatus> => server.apiStatus(boardId, actingMember(boardId));
const comments = (cardId: string) => [...server.emulator.state.actions.values()].filter((a) => a.type === 'commentCard' && a.data.card?.id === cardId);

async function openBoard(boardId: string, opts: { query?: string; at?: Date } = {}): Promise<Page> {
  // The browser's clock runs from the server's "now" or a later moment of the day.
  const at = opts.at ?? new Date(START.getTime() + (Date.now() - startedAt));
  return openBoardPreview(browser, server.url, boardId, { at, ...(opts.query ? { query: opts.query } : {}) });
}
const startedAt = Date.now();

async function openCard(page: Page, cardId: string): Promise<void> {
  await page.click(`.dh-card[data-card="${cardId}"]`);
  await page.locator('#card-back').waitFor();
}

async function popup(page: Page): Promise<FrameLocator> {
  const p = page.frameLocator('#dh-popup iframe');
  await p.locator('body[data-ready="true"]').waitFor({ timeout: 20_000 });
  return p;
}

/** Customer cards of the board whose daily is still due today, with the facts the test needs. */
function pendingToday(st: BoardStatus, boardId: string): CardStatus[] {
  const me = actingMember(boardId);
  return Object.values(st.cards).filter((c) => c.today?.required && !c.today.done && c.memberId === me);
}

describe('the daily loop in the Power-Up', () => {
  it('the "today" badge: neutral while due, red after 18:15, gone once the daily is in (card back shows ✓)', async () => {
    const boardId = server.boards[0]!;
    const card = pendingToday(await status(boardId), boardId)[0];
    expect(card, 'a live card still waiting for today’s daily').toBeDefined();
    // The same day after the working day: red.
    const late = await openBoard(boardId, { at: new Date(`${TODAY}T15:30:00Z`) }); // 18:30 Istanbul
    expect(await badges(late, card!.cardId)).toContainEqual({ text: 'Bugün: eksik', color: 'red' });
    await screenshot(late, 'powerup-today-over');
    await late.close();

    // Before 18:15: neutral.
    const page = await openBoard(boardId);
    expect(await badges(page, card!.cardId)).toContainEqual({ text: 'Bugün: bekliyor', color: 'none' });
    await screenshot(page, 'powerup-today-pending');

    // The lead sees it in the compliance table, per specialist, before the day is over.
    await page.click('#board-buttons button:has-text("Uyum tablosu")');
    const modal = page.frameLocator('#dh-modal iframe');
    await modal.locator('body[data-ready="true"]').waitFor();
    expect(await modal.locator(`#overview tr[data-card="${card!.cardId}"] td.today`).getAttribute('data-today')).toBe('pending');
    const name = server.workspace.members.find((m) => m.id === actingMember(boardId))!.fullName;
    expect(await modal.locator(`#today-pending li[data-member="${actingMember(boardId)}"]`).textContent()).toContain(name);
    await screenshot(page, 'powerup-overview-today');
    await page.click('#dh-modal .dh-close');

    await openCard(page, card!.cardId);
    await page.click('#card-buttons button:has-text("Günlük kayıt")');
    const form = await popup(page);
    await form.locator('#note').fill('Eğitim yapıldı.');
    await form.locator('#submit').click();
    await expect.poll(() => form.locator('#messages').textContent(), { timeout: 20_000 }).toBe('Kayıt karta yorum olarak eklendi.');
    await expect
      .poll(async () => page.locator('#detail-badges .dh-detail:has(.dh-detail-title:text-is("Bugün")) .dh-detail-badge').textContent(), { timeout: 20_000 })
      .toBe('✓');
    await screenshot(page, 'powerup-today-done-card-back');
    await page.click('#card-back .dh-close');
    await expect.poll(async () => (await badges(page, card!.cardId)).map((b) => b.text), { timeout: 20_000 }).not.toContain('Bugün: bekliyor');
    await screenshot(page, 'powerup-today-done');
    await page.close();
  }, 120_000);

  it('the weekly form is prefilled from the profile and the last reading, and at 85 % refuses to save without the second action', async () => {
    const boardId = server.boards[1]!;
    const st = await status(boardId);
    const card = Object.values(st.cards).find(
      (c) => c.readings.disk?.usedGB !== undefined && c.readings.traffic?.usedGB !== undefined && c.memberId === actingMember(boardId),
    );
    expect(card, 'a card with disk and traffic readings').toBeDefined();
    const page = await openBoard(boardId);
    await openCard(page, card!.cardId);
    await page.click('#card-buttons button:has-text("Haftalık kayıt")');
    const form = await popup(page);
    const num = (n: number) => String(Math.round(n * 10) / 10).replace('.', ',');
    // Prefilled: used from the last reading, totals from the profile (else the reading), the week, the live %.
    expect(await form.locator('#disk-used').inputValue()).toBe(num(card!.readings.disk!.usedGB!));
    expect(await form.locator('#disk-total').inputValue()).toBe(num(card!.readings.disk!.totalGB!));
    expect(await form.locator('#traffic-used').inputValue()).toBe(num(card!.readings.traffic!.usedGB!));
    expect(await form.locator('#week').inputValue()).toBe(weekKey(TODAY));
    expect(await form.locator('#week-range').textContent()).toBe('30.11.2026–06.12.2026');
    expect(await form.locator('#disk-pct').textContent()).toMatch(/^%\d+(,\d)?$/);
    expect(await form.locator('#disk-last').textContent()).toContain('Son okuma:');
    // The disk-used field has the focus (the week is already right).
    expect(await form.locator('#disk-used').evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, 'powerup-weekly-prefilled');

    const total = card!.readings.disk!.totalGB!;
    await form.locator('#disk-used').fill(num(total * 0.85));
    await form.locator('#traffic-used').fill(num(card!.readings.traffic!.totalGB! * 0.1));
    await expect.poll(() => form.locator('#disk-pct').textContent()).toBe('%85');
    await form.locator('#action-informed').check();
    const before = comments(card!.cardId).length;
    await form.locator('#disk-used').press('Enter');
    await expect
      .poll(() => form.locator('#messages').textContent())
      .toBe('Disk kotası %85: %80 ve üzerinde “Optimize edildi” ya da “Ek kota önerildi” işaretlenmeli.');
    await screenshot(page, 'powerup-weekly-85-refused');
    expect(comments(card!.cardId).length).toBe(before);

    await form.locator('#action-optimized').check();
    await form.locator('#submit').click();
    await expect.poll(() => form.locator('#messages').textContent(), { timeout: 20_000 }).toBe('Kayıt karta yorum olarak eklendi.');
    await screenshot(page, 'powerup-weekly-85-saved');
    // What the form let through, the rules do not flag: no "high" disk finding for this week.
    await server.scan();
    const after = (await status(boardId)).cards[card!.cardId]!;
    expect(after.readings.disk?.percent).toBe(85);
    expect(after.findings.filter((f) => f.rule === 'disk' && f.status === 'high')).toEqual([]);
    await page.close();
  }, 120_000);

  it('an overdue go-live badge opens the delay-reason form; the go-live form posts #canlı and the countdown goes', async () => {
    const id = server.workspace.expectations.cases['golive-overdue']?.[0];
    expect(id).toBeDefined();
    const exp = server.workspace.expectations.byCard[id!]!;
    expect((await status(exp.boardId)).cards[id!]?.findings.some((f) => f.rule === 'golive-reason')).toBe(true);
    const page = await openBoard(exp.boardId);
    await openCard(page, id!);
    await page.click('#detail-badges .dh-detail:has(.dh-detail-title:text-is("Canlıya geçiş")) .dh-detail-badge');
    expect(await page.locator('#dh-popup .dh-title').textContent()).toBe('Gecikme nedeni');
    let form = await popup(page);
    expect(await form.locator('#delay-hint').textContent()).toMatch(/^Canlıya geçiş hedefi \d{2}\.\d{2}\.\d{4} idi \(\d+ gün gecikti\)/);
    await form.locator('#submit').click();
    await expect.poll(() => form.locator('#messages').textContent()).toBe('Gecikmenin nedenini ve canlıya ne zaman geçileceğini yazın.');
    await form.locator('#reason').fill('Müşterinin ERP entegrasyonu bekleniyor; 15.12.2026 hedefleniyor.');
    await form.locator('#submit').click();
    await expect.poll(() => form.locator('#messages').textContent(), { timeout: 20_000 }).toBe('Kayıt karta yorum olarak eklendi.');
    await screenshot(page, 'powerup-delay-saved');
    await server.scan();
    let st = (await status(exp.boardId)).cards[id!]!;
    expect(st.goLive.reasonGiven).toBe(true);
    expect(st.findings.filter((f) => f.rule === 'golive-reason')).toEqual([]);

    await page.locator('#dh-popup').waitFor({ state: 'hidden', timeout: 10_000 });
    // With the reason given, the overdue badge opens a neutral choice, not the go-live form.
    await expect
      .poll(() => page.locator('#detail-badges .dh-detail:has(.dh-detail-title:text-is("Canlıya geçiş")) .dh-detail-badge').count(), { timeout: 20_000 })
      .toBe(1);
    await page.click('#detail-badges .dh-detail:has(.dh-detail-title:text-is("Canlıya geçiş")) .dh-detail-badge');
    await expect.poll(() => page.locator('#dh-popup .dh-title').textContent(), { timeout: 20_000 }).toBe('Canlıya geçiş gecikti');
    expect(await page.locator('#dh-popup .dh-items button').allTextContents()).toEqual(['Yeni gecikme nedeni yaz', 'Canlıya geçtiğini kaydet']);
    expect(await page.locator('#dh-popup iframe').count()).toBe(0);
    await screenshot(page, 'powerup-golive-choice');
    await page.click('#dh-popup .dh-items button:has-text("Canlıya geçtiğini kaydet")');
    form = await popup(page);
    // Nothing pre-filled: Enter alone records nothing; the day must be picked and confirmed.
    expect(await form.locator('#date').inputValue()).toBe('');
    await form.locator('#date').press('Enter');
    await expect.poll(() => form.locator('#messages').textContent()).toBe('Sitenin canlıya geçtiği günü seçin.');
    await form.locator('#date').fill(TODAY);
    await form.locator('#date').press('Enter');
    await expect
      .poll(() => form.locator('#messages').textContent())
      .toBe(`Sitenin ${formatDate(TODAY, 'tr')} tarihinde canlıya geçtiğini onaylayın (kutuyu işaretleyin).`);
    expect(comments(id!).some((c) => String(c.data.text).startsWith('#canlı'))).toBe(false);
    await screenshot(page, 'powerup-golive-needs-confirm');
    await form.locator('#live-confirm').check();
    await expect.poll(() => form.locator('#preview').textContent()).toBe(`#canlı ${formatDate(TODAY, 'tr')}`);
    await form.locator('#date').press('Enter');
    await expect.poll(() => form.locator('#messages').textContent(), { timeout: 20_000 }).toBe('Kayıt karta yorum olarak eklendi.');
    expect(comments(id!).some((c) => c.data.text === `#canlı ${formatDate(TODAY, 'tr')}`)).toBe(true);
    await screenshot(page, 'powerup-golive-saved');
    await server.scan();
    st = (await status(exp.boardId)).cards[id!]!;
    expect(st.goLive).toMatchObject({ live: true, liveAt: TODAY });
    await page.click('#card-back .dh-close');
    await expect.poll(async () => (await badges(page, id!)).some((b) => b.text.startsWith('Canlı:')), { timeout: 20_000 }).toBe(false);
    await page.close();
  }, 120_000);

  it('a keyboard-only daily from an open card: ≤ 8 key presses, focus comes back to where it was; a second one asks first', async () => {
    const boardId = server.boards[2]!;
    const card = pendingToday(await status(boardId), boardId)[0];
    expect(card, 'a card still waiting for today’s daily').toBeDefined();
    const page = await openBoard(boardId);
    await openCard(page, card!.cardId);
    const before = comments(card!.cardId).length;
    let presses = 0;
    const press = async (key: string) => {
      presses++;
      await page.keyboard.press(key);
    };
    // The card back opens with the focus on its close button; the first detail badge is today's daily.
    await press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-key'))).toBe('detail:Bugün');
    await press('Enter');
    const form = await popup(page);
    // The form took the focus: its first field, the entry kind (daily, today preselected).
    const frame = page.frames().find((f) => f.url().includes('/daily.html')) as Frame;
    await expect.poll(() => frame.evaluate(() => document.activeElement?.id)).toBe('kind-daily');
    await press('Enter');
    await expect.poll(() => form.locator('#messages').textContent(), { timeout: 20_000 }).toBe('Kayıt karta yorum olarak eklendi.');
    expect(presses).toBeLessThanOrEqual(8);
    expect(presses).toBe(3); // Tab, Enter (opens the form), Enter (saves)
    expect(comments(card!.cardId).length).toBe(before + 1);
    expect(comments(card!.cardId).at(-1)?.data.text).toBe(`#günlük ${formatDate(TODAY, 'tr')}`);
    // The popup closes by itself and the focus returns to the badge that opened it.
    await page.locator('#dh-popup').waitFor({ state: 'hidden', timeout: 10_000 });
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-key'))).toBe('detail:Bugün');
    await screenshot(page, 'powerup-keyboard-daily');

    // Escape closes a form and gives the focus back to the button.
    await page.locator('#card-buttons button:has-text("Aylık rapor")').focus();
    await page.keyboard.press('Enter');
    await popup(page);
    const monthly = page.frames().find((f) => f.url().includes('/monthly.html')) as Frame;
    await expect.poll(() => monthly.evaluate(() => document.activeElement?.id)).toBe('month');
    await page.keyboard.press('Escape');
    await page.locator('#dh-popup').waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aylık rapor');

    // Duplicate guard: a second daily for today asks first, and nothing is posted until confirmed.
    await page.locator('[data-key="button:Günlük kayıt"]').focus();
    await page.keyboard.press('Enter');
    const again = await popup(page);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => again.locator('#messages').textContent(), { timeout: 20_000 })
      .toMatch(
        new RegExp(
          `^Bu kartta ${formatDate(TODAY, 'tr').replace(/\./g, '\\.')} için zaten bir kayıt var \\(\\d{2}\\.\\d{2}\\.\\d{4} \\d{2}:\\d{2}, .+\\)\\. Yine de eklemek için tekrar kaydedin\\.$`,
        ),
      );
    expect(await again.locator('#submit').textContent()).toBe('Yine de kaydet');
    expect(comments(card!.cardId).length).toBe(before + 1);
    await screenshot(page, 'powerup-duplicate-asks');
    await page.keyboard.press('Enter');
    await expect.poll(() => again.locator('#messages').textContent(), { timeout: 20_000 }).toBe('Kayıt karta yorum olarak eklendi.');
    expect(comments(card!.cardId).length).toBe(before + 2);
    await page.close();
  }, 120_000);

  it('the Saturday rota is picked by name and avatar; only the member id is stored', async () => {
    const boardId = server.boards[1]!;
    const page = await openBoard(boardId);
    await page.click('#powerup-settings');
    const form = await popup(page);
    const member = server.workspace.boards.find((b) => b.id === boardId)!.members[0]!;
    await form.locator('#add-rota').click();
    const row = form.locator('.rota-row').last();
    await row.locator('input[type=date]').fill('2027-01-09');
    // Chips show avatars (initials in the demo) and names, never ids.
    const chip = row.locator(`label.chip:has-text("${member.fullName}")`);
    expect(await chip.locator('.avatar').textContent()).toMatch(/^\S{1,2}$/);
    expect(await row.textContent()).not.toContain(member.id);
    await chip.click();
    await screenshot(page, 'powerup-rota-picker');
    await form.locator('#submit').click();
    await expect.poll(() => form.locator('#messages').textContent(), { timeout: 20_000 }).toBe('Ayarlar kaydedildi.');
    const stored = [...server.emulator.state.pluginData.values()]
      .filter((p) => p.idModel === boardId)
      .map((p) => JSON.parse(p.value) as { settings?: { saturdayRota?: Record<string, string[]> } });
    expect(stored.find((v) => v.settings)?.settings?.saturdayRota?.['2027-01-09']).toEqual([member.id]);
    await page.close();
  }, 90_000);

  it('"Yönetici paneli" is shown only to managers and team leads', async () => {
    const boardId = server.boards[0]!;
    const page = await openBoard(boardId);
    expect(await page.locator('#board-buttons').textContent()).not.toContain('Yönetici paneli');
    await page.close();
    const lead = server.workspace.people.find((p) => p.role === 'teamLead')!;
    const leadPage = await openBoard(boardId, { query: `?member=${lead.trelloId}` });
    expect(await leadPage.locator('#board-buttons').textContent()).toContain('Yönetici paneli');
    await leadPage.close();
  }, 60_000);
});
