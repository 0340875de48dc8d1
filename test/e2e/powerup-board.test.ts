// The Power-Up in a real browser (Debian Chromium via playwright-core) against a real server + Trello emulator:
// the demo board preview runs our unchanged connector and pages through the dev host.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dateKey, weekDates, weekKey } from '../../shared/dates.js';
import { formatDate, formatWeek } from '../../shared/i18n.js';
import { launchBrowser, screenshot, type LaunchedBrowser } from './helpers/browser.js';
import { startPowerUpServer, type PowerUpServer } from './helpers/powerup-server.js';

let server: PowerUpServer;
let browser: LaunchedBrowser;

beforeAll(async () => {
  server = await startPowerUpServer();
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const exp = () => server.workspace.expectations;
const caseCard = (c: string) => {
  const id = exp().cases[c as keyof ReturnType<typeof exp>['cases']]?.[0];
  if (!id) throw new Error(`demo workspace has no ${c} card`);
  return exp().byCard[id]!;
};

async function openBoard(boardId: string, query = ''): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${server.url}/demo/board/${boardId}${query}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return page;
}

async function badges(page: Page, cardId: string): Promise<Array<{ text: string; color: string }>> {
  return page.$$eval(`.dh-card[data-card="${cardId}"] .dh-badge:not([hidden])`, (els) =>
    els.map((e) => ({ text: e.textContent ?? '', color: e.getAttribute('data-color') ?? '' })),
  );
}

describe('demo board preview', () => {
  it('shows badges with the right text and colour on named demo cards', async () => {
    const clean = caseCard('clean');
    const page = await openBoard(clean.boardId);
    expect(await badges(page, clean.cardId)).toContainEqual({ text: 'Uyum ✓', color: 'green' });

    const missing = caseCard('missing-days');
    const m = (await badges(page, missing.cardId)).find((b) => /eksik$/.test(b.text));
    expect(m?.color).toBe('red');
    expect(m?.text).toMatch(/^\d+ eksik$/);

    const disk = caseCard('disk-critical');
    expect((await badges(page, disk.cardId)).find((b) => b.text.startsWith('Disk '))?.color).toBe('red');

    const overdue = caseCard('golive-overdue');
    expect(await badges(page, overdue.cardId)).toContainEqual({ text: expect.stringMatching(/^Canlı: \d+ gün gecikti ▰▰▰▰▰$/), color: 'red' });

    const pool = caseCard('pool');
    expect((await badges(page, pool.cardId)).map((b) => b.text)).toContainEqual(expect.stringMatching(/^Havuz( · (bugün|\d+ gün))?$/));
    await screenshot(page, 'powerup-board');
    await page.close();
  });

  it('speaks English when Trello’s locale is English', async () => {
    const clean = caseCard('clean');
    const page = await openBoard(clean.boardId, '?locale=en');
    expect(await badges(page, clean.cardId)).toContainEqual({ text: 'Compliant ✓', color: 'green' });
    await page.close();
  });

  it('the weekly form refuses “abc” with a Turkish message and posts nothing', async () => {
    const card = caseCard('clean');
    const page = await openBoard(card.boardId);
    const before = [...server.emulator.state.actions.values()].filter((a) => a.type === 'commentCard').length;
    await page.click(`.dh-card[data-card="${card.cardId}"]`);
    await page.click('#card-buttons button:has-text("Haftalık kayıt")');
    const popup = page.frameLocator('#dh-popup iframe');
    await popup.locator('body[data-ready="true"]').waitFor();
    await popup.locator('#disk-used').fill('abc');
    await popup.locator('#disk-total').fill('4');
    await popup.locator('#traffic-used').fill('12');
    await popup.locator('#traffic-total').fill('100');
    await popup.locator('#disk-total').press('Enter');
    await expect.poll(() => popup.locator('#messages').textContent()).toBe('Disk kotası — Kullanılan: “abc” bir sayı değil. Örnek: 3,1');
    await screenshot(page, 'powerup-weekly-abc');
    expect([...server.emulator.state.actions.values()].filter((a) => a.type === 'commentCard').length).toBe(before);
    await page.close();
  });

  it('the compliance table lists every customer of the board, filterable by specialist', async () => {
    const boardId = server.boards[0]!;
    const status = await server.apiStatus(boardId, server.workspace.specialists.find((s) => s.boardId === boardId)!.id);
    const page = await openBoard(boardId);
    await page.click('#board-buttons button:has-text("Uyum tablosu")');
    const modal = page.frameLocator('#dh-modal iframe');
    await modal.locator('body[data-ready="true"]').waitFor();
    const rows = await modal.locator('#overview tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-card')));
    expect(rows.sort()).toEqual(Object.keys(status.cards).sort());
    const names = await modal.locator('#overview tbody th').allTextContents();
    for (const id of Object.keys(status.cards)) expect(names).toContain(server.workspace.boards[0]!.cards.find((c) => c.id === id)!.name);
    const member = await modal.locator('#specialist-filter option').nth(1).getAttribute('value');
    await modal.locator('#specialist-filter').selectOption(member!);
    const members = await modal.locator('#overview tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-member')));
    expect(members.length).toBe(Object.values(status.cards).filter((c) => c.memberId === member).length);
    expect(new Set(members)).toEqual(new Set([member]));
    await modal.locator('#specialist-filter').selectOption('');
    await screenshot(page, 'powerup-overview');
    // The schedule modal: slots in time order.
    await page.click('#dh-modal .dh-close');
    await page.click('#board-buttons button:has-text("Bugünkü program")');
    await modal.locator('body[data-ready="true"]').waitFor();
    const times = await modal.locator('#slots td.time').allTextContents();
    expect(times.length).toBeGreaterThan(0);
    expect([...times].sort()).toEqual(times);
    await screenshot(page, 'powerup-schedule');
    await page.close();
  });

  it('the manager opens the dashboard from the board button: fullscreen modal, signed in with t.jwt()', async () => {
    const boardId = server.boards[0]!;
    const manager = server.workspace.people.find((p) => p.role === 'manager')!;
    const page = await openBoard(boardId, `?member=${manager.trelloId}`);
    await page.click('#board-buttons button:has-text("Yönetici paneli")');
    expect(await page.locator('#dh-modal .dh-modal').getAttribute('class')).toContain('full');
    const modal = page.frameLocator('#dh-modal iframe');
    await modal.locator('body[data-ready="1"]').waitFor({ timeout: 30_000 });
    expect(await modal.locator('.who').textContent()).toContain(manager.name);
    expect(await modal.locator('h1').textContent()).toBe('Nabız — Yönetici paneli');
    expect(await modal.locator('#specialists tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, 'powerup-dashboard');
    await page.close();
  }, 60_000);

  it('board settings (show-settings) are stored in board pluginData', async () => {
    const boardId = server.boards[2]!;
    const page = await openBoard(boardId);
    await page.click('#powerup-settings');
    const popup = page.frameLocator('#dh-popup iframe');
    await popup.locator('body[data-ready="true"]').waitFor();
    const member = server.workspace.specialists.find((x) => x.boardId === boardId)!.id;
    // People are picked by name and avatar (member pickers); a Friday is refused with a Turkish date.
    await popup.locator('#add-rota').click();
    const rota = popup.locator('.rota-row').last();
    const rotaIndex = await popup.locator('.rota-row').count();
    await rota.locator('input[type=date]').fill('2026-11-27');
    await rota.locator(`label.chip[data-member="${member}"]`).click();
    await popup.locator('#submit').click();
    await expect.poll(() => popup.locator('#messages').textContent()).toBe(`Nöbet ${rotaIndex}: 27.11.2026 cumartesi değil.`);
    await rota.locator('input[type=date]').fill('2026-11-28');
    // A leave with a cover: the cover lands in the profile of each of the member's cards.
    const cover = server.workspace.boards.find((b) => b.id === boardId)!.members.find((m) => m.id !== member)!.id;
    await popup.locator('#add-leave').click();
    const leave = popup.locator('.leave-row').last();
    await leave.locator(`.leave-member label.chip[data-member="${member}"]`).click();
    await leave.locator('input.leave-from').fill('2027-01-04');
    await leave.locator('input.leave-to').fill('2027-01-08');
    await leave.locator(`.leave-cover label.chip[data-member="${cover}"]`).click();
    await popup.locator('#submit').click();
    await expect.poll(() => popup.locator('#messages').textContent(), { timeout: 20_000 }).toBe('Ayarlar kaydedildi.');
    const pd = (id: string) =>
      [...server.emulator.state.pluginData.values()]
        .filter((p) => p.idModel === id)
        .map((p) => JSON.parse(p.value) as { settings?: { saturdayRota?: Record<string, string[]> }; profile?: { cover?: unknown[]; specialist?: string } });
    expect(pd(boardId).find((v) => v.settings)?.settings?.saturdayRota?.['2026-11-28']).toContain(member);
    const boardCards = server.workspace.boards.find((b) => b.id === boardId)!.cards.filter((c) => !c.closed && c.idMembers[0] === member);
    expect(boardCards.length).toBeGreaterThan(0);
    let covered = 0;
    for (const c of boardCards) {
      const profiles = pd(c.id).filter((v) => v.profile && (v.profile.specialist ?? member) === member);
      for (const v of profiles) {
        expect(v.profile!.cover, c.name).toContainEqual({ from: '2027-01-04', to: '2027-01-08', memberId: cover });
        covered++;
      }
    }
    expect(covered).toBeGreaterThan(0);
    // The seeded leaves were kept (the form shows what is stored).
    expect(pd(boardId).find((v) => v.settings)?.settings).toMatchObject({
      leaves: expect.arrayContaining([expect.objectContaining({ memberId: member, from: '2027-01-04' })]),
    });
    await page.close();
  });

  it('the profile form stores the card profile with t.set (emulator pluginData) and the slot badge follows', async () => {
    const card = caseCard('clean');
    const page = await openBoard(card.boardId);
    await page.click(`.dh-card[data-card="${card.cardId}"]`);
    await page.click('#card-buttons button:has-text("Müşteri profili")');
    const popup = page.frameLocator('#dh-popup iframe');
    await popup.locator('body[data-ready="true"]').waitFor();
    await popup.locator('#trainingSlot').fill('08:10');
    await popup.locator('#quotaTotalGB').fill('dört');
    await popup.locator('#submit').click();
    await expect.poll(() => popup.locator('#messages').textContent()).toBe('Disk kotası toplam: “dört” bir sayı değil. Örnek: 3,1');
    await popup.locator('#quotaTotalGB').fill('7,5');
    await popup.locator('#submit').click();
    await expect.poll(() => popup.locator('#messages').textContent(), { timeout: 20_000 }).toBe('Profil kaydedildi.');
    const stored = [...server.emulator.state.pluginData.values()].filter((p) => p.idModel === card.cardId);
    expect(stored).toHaveLength(1);
    expect(JSON.parse(stored[0]!.value).profile).toMatchObject({ v: 1, trainingSlot: '08:10', quotaTotalGB: 7.5 });
    await page.click('#card-back .dh-close');
    await expect.poll(() => badges(page, card.cardId)).toContainEqual({ text: 'Eğitim saati 08:10', color: 'none' });
    await screenshot(page, 'powerup-profile-saved');
    await page.close();
  }, 60_000);

  it('a daily entry logged through the form lands as a comment in the emulator and turns the badge green after the scan', async () => {
    // A card whose only open periods are missing dailies: fill all but the last by hand (set-up), then log the
    // last one through the form (a backdated daily: today is "due", never missing).
    const boardId = caseCard('missing-days').boardId;
    const member = server.workspace.specialists.find((s) => s.boardId === boardId)!.id;
    const status = await server.apiStatus(boardId, member);
    const counted = (f: { rule: string; status: string }) =>
      ['daily', 'weekly', 'monthly', 'intro', 'golive-reason'].includes(f.rule) && (f.status === 'missing' || f.status === 'incomplete');
    const target = Object.values(status.cards).find((c) => c.missing > 0 && c.findings.filter(counted).every((f) => f.rule === 'daily'));
    expect(target, 'a card missing only dailies').toBeDefined();
    const days = target!.findings
      .filter(counted)
      .map((f) => f.period)
      .sort();
    for (const d of days.slice(0, -1)) await server.postComment(target!.cardId, `#günlük ${d}`);
    await server.scan();
    const last = days.at(-1)!;

    // The preview acts as the board's first member (no ?member=): the card's specialist, with their own token.
    expect(server.workspace.boards.find((b) => b.id === boardId)!.members[0]!.id).toBe(member);
    const name = server.workspace.members.find((m) => m.id === member)!.fullName;
    const page = await openBoard(boardId);
    expect(await page.locator('.dh-me').textContent()).toContain(name);
    expect(
      await badges(page, target!.cardId),
      JSON.stringify({ target: target!.cardId, days, after: (await server.apiStatus(boardId, member)).cards[target!.cardId] }),
    ).toContainEqual({ text: '1 eksik', color: 'red' });
    await page.click(`.dh-card[data-card="${target!.cardId}"]`);
    await page.click('#card-buttons button:has-text("Günlük kayıt")');
    const popup = page.frameLocator('#dh-popup iframe');
    await popup.locator('body[data-ready="true"]').waitFor();
    await popup.locator('#date').fill(last);
    await popup.locator('#note').fill('Eğitim yapıldı, ürün yükleme anlatıldı.');
    await expect.poll(() => popup.locator('#preview').textContent()).toBe(`#günlük ${formatDate(last, 'tr')}\nEğitim yapıldı, ürün yükleme anlatıldı.`);
    await popup.locator('#submit').click();
    await expect.poll(() => popup.locator('#messages').textContent(), { timeout: 20_000 }).toBe('Kayıt karta yorum olarak eklendi.');

    const comment = [...server.emulator.state.actions.values()].find(
      (a) => a.type === 'commentCard' && a.data.card?.id === target!.cardId && a.data.text?.startsWith(`#günlük ${formatDate(last, 'tr')}`),
    );
    expect(comment?.data.text).toBe(`#günlük ${formatDate(last, 'tr')}\nEğitim yapıldı, ürün yükleme anlatıldı.`);
    // Authored by the acting member (their token), as t.getRestApi() does in Trello — not by the service token.
    expect(comment?.idMemberCreator).toBe(member);
    expect(comment?.memberCreator?.fullName).toBe(name);
    await page.click('#card-back .dh-close');
    await expect.poll(() => badges(page, target!.cardId), { timeout: 20_000 }).toContainEqual({ text: 'Uyum ✓', color: 'green' });
    // The card back's timeline names the author.
    await page.click(`.dh-card[data-card="${target!.cardId}"]`);
    const entry = page.locator(`#activity .dh-comment[data-action="${comment!.id}"]`);
    await entry.waitFor();
    expect(await entry.locator('strong').textContent()).toBe(name);
    await page.click('#card-back .dh-close');
    await screenshot(page, 'powerup-daily-saved');
    await page.close();
  }, 90_000);
  it('Bugünkü program on a Saturday says it is not a working day and shows Monday’s program', async () => {
    const boardId = server.boards[0]!;
    const page = await browser.newPage();
    // Browser clock only: the server's day differs, so the page falls back to its own weekend check.
    await page.clock.setFixedTime(new Date('2026-11-28T09:00:00+03:00'));
    await page.goto(`${server.url}/demo/board/${boardId}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    await page.click('#board-buttons button:has-text("Bugünkü program")');
    const modal = page.frameLocator('#dh-modal iframe');
    await modal.locator('body[data-ready="true"]').waitFor();
    expect(await modal.locator('#schedule-day').textContent()).toBe('Cumartesi, 28.11.2026');
    expect(await modal.locator('#day-off').textContent()).toContain('Bugün iş günü değil: Cumartesi, hafta sonu.');
    expect(await modal.locator('#day-off').textContent()).toContain('Pazartesi, 30.11.2026');
    expect(await modal.locator('#slots td.time').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('the weekly form shows the week’s days and marks a field it cannot read', async () => {
    const card = caseCard('clean');
    const page = await openBoard(card.boardId);
    await page.click(`.dh-card[data-card="${card.cardId}"]`);
    await page.click('#card-buttons button:has-text("Haftalık kayıt")');
    const popup = page.frameLocator('#dh-popup iframe');
    await popup.locator('body[data-ready="true"]').waitFor();
    // Weeks are choices in words (this week and the 12 before); the chosen week's days show in full.
    const earlier = weekKey(addDays(dateKey(new Date()), -14));
    await popup.locator('#week').selectOption(earlier);
    const days = weekDates(earlier);
    await expect.poll(() => popup.locator('#week-range').textContent()).toBe(`${formatDate(days[0]!, 'tr')}–${formatDate(days[6]!, 'tr')}`);
    expect(await popup.locator('#week option:checked').textContent()).toBe(formatWeek(earlier, 'tr'));
    await popup.locator('#disk-used').fill('abc');
    await expect.poll(() => popup.locator('#disk-used').getAttribute('aria-invalid')).toBe('true');
    await popup.locator('#disk-used').fill('3,5');
    await expect.poll(() => popup.locator('#disk-used').getAttribute('aria-invalid')).toBeNull();
    await page.close();
  });
});
