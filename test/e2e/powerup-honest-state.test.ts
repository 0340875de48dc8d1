// One honest card state and evidence without ISO keys, in a real browser (Debian Chromium) against a real server +
// Trello emulator (docs/powerup.md): the compliance badge is never green beside a missed today or an open finding,
// the card back says what it counts; weeks and months are choices in words and posted the glossary's way
// (docs/glossary.md), and a second weekly for the same week asks first. Screenshots: test-results/.
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOpenFinding } from '../../shared/badges.js';
import { dateKey } from '../../shared/dates.js';
import { parseEntry } from '../../shared/entries.js';
import type { BoardStatus, CardStatus } from '../../shared/types.js';
import { openBoardPreview, boardBadges as badges } from './helpers/board-preview.js';
import { launchBrowser, screenshot, type LaunchedBrowser } from './helpers/browser.js';
import { E2E_PLUGIN_ID, startPowerUpServer, type PowerUpServer } from './helpers/powerup-server.js';

// Monday 7 December 2026, 11:00 Istanbul: week 50 (07.12–13.12.2026), early in the month (the monthly is for Kasım).
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

async function openBoard(boardId: string, at?: Date): Promise<Page> {
  return openBoardPreview(browser, server.url, boardId, { at: at ?? new Date(START.getTime() + (Date.now() - startedAt)) });
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

const mine = (st: BoardStatus, boardId: string): CardStatus[] => Object.values(st.cards).filter((c) => c.memberId === actingMember(boardId));

describe('one honest card state', () => {
  it('after 18:15 a card whose daily is missing today is never green, nor is a card with an open finding; the card back says what the badge counts', async () => {
    const boardId = server.boards[0]!;
    const st = await status(boardId);
    const pending = mine(st, boardId).find((c) => c.today?.required && !c.today.done);
    expect(pending, 'a card still waiting for today’s daily').toBeDefined();
    const page = await openBoard(boardId, new Date(`${TODAY}T15:30:00Z`)); // 18:30 Istanbul
    const b = await badges(page, pending!.cardId);
    expect(b).toContainEqual({ text: 'Bugün: eksik', color: 'red' });
    const compliance = b.find((x) => /^(Uyum|\d+ (eksik|uyarı))/.test(x.text));
    expect(compliance?.text).not.toBe('Uyum ✓');
    expect(compliance?.color).toBe('red');
    expect(compliance?.text).toMatch(/^\d+ eksik/);
    // Every card of the board: green only when nothing is missing (today included) and no open finding stands.
    for (const c of Object.values(st.cards)) {
      const shown = (await badges(page, c.cardId)).find((x) => x.text === 'Uyum ✓');
      if (!shown) continue;
      expect(c.missing, c.cardId).toBe(0);
      expect(c.findings.filter(isOpenFinding), c.cardId).toEqual([]);
      expect(c.today?.required && !c.today.done, c.cardId).toBeFalsy();
    }
    await screenshot(page, 'powerup-honest-state-board-1830');
    await openCard(page, pending!.cardId);
    const back = page.frameLocator('#card-back-section iframe');
    await back.locator('#badge-explain').waitFor({ timeout: 20_000 });
    const explain = await back.locator('#badge-explain').textContent();
    expect(explain).toContain('Uyum rozeti şunları sayar');
    expect(explain).toContain(`Şu an: ${compliance!.text}.`);
    await screenshot(page, 'powerup-honest-state-card-back');
    await page.close();
  }, 120_000);
});

describe('due today, with a countdown', () => {
  it('the compliance table lists what is still due first and says how long is left; amber in the last hour', async () => {
    const boardId = server.boards[0]!;
    const page = await openBoard(boardId, new Date(`${TODAY}T14:30:00Z`)); // 17:30 Istanbul
    await page.click('#board-buttons button:has-text("Uyum tablosu")');
    const modal = page.frameLocator('#dh-modal iframe');
    await modal.locator('body[data-ready="true"]').waitFor();
    const states = await modal.locator('#overview tbody td.today').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-today')));
    const firstOther = states.findIndex((x) => x !== 'pending' && x !== 'over');
    expect(states[0]).toBe('pending');
    expect(states.slice(firstOther).every((x) => x !== 'pending' && x !== 'over')).toBe(true);
    const cell = modal.locator('#overview tbody tr').first().locator('td.today');
    expect(await cell.locator('.countdown').textContent()).toBe("18:15'e 45 dk");
    expect(await cell.getAttribute('class')).toContain('amber');
    expect(await modal.locator('#today-countdown').textContent()).toBe(" · 18:15'e 45 dk");
    await screenshot(page, 'powerup-overview-countdown-1730');
    await page.close();
    // Earlier in the day: not amber yet.
    const noon = await openBoard(boardId, new Date(`${TODAY}T09:00:00Z`)); // 12:00 Istanbul
    await noon.click('#board-buttons button:has-text("Uyum tablosu")');
    const m2 = noon.frameLocator('#dh-modal iframe');
    await m2.locator('body[data-ready="true"]').waitFor();
    const c2 = m2.locator('#overview tbody tr').first().locator('td.today');
    expect(await c2.locator('.countdown').textContent()).toBe("18:15'e 6 sa 15 dk");
    expect(await c2.getAttribute('class')).not.toContain('amber');
    await noon.close();
  }, 90_000);
});

describe('weeks and months as choices, posted the glossary’s way', () => {
  it('the weekly form offers weeks in words and posts "50. hafta (07.12–13.12.2026)"; a second weekly for the week asks first', async () => {
    const boardId = server.boards[1]!;
    const card = mine(await status(boardId), boardId)[0];
    expect(card).toBeDefined();
    const page = await openBoard(boardId);
    await openCard(page, card!.cardId);
    await page.click('#card-buttons button:has-text("Haftalık kayıt")');
    let form = await popup(page);
    const options = await form.locator('#week option').allTextContents();
    expect(options[0]).toBe('50. hafta (07.12–13.12.2026)');
    expect(options[1]).toBe('49. hafta (30.11–06.12.2026)');
    expect(options.join(' ')).not.toMatch(/W\d/);
    expect(await form.locator('#week').inputValue()).toBe('2026-W50');
    for (const [id, v] of [
      ['#disk-used', '1'],
      ['#disk-total', '10'],
      ['#traffic-used', '5'],
      ['#traffic-total', '100'],
    ] as const)
      await form.locator(id).fill(v);
    await expect.poll(() => form.locator('#preview').textContent()).toBe('#haftalık 50. hafta (07.12–13.12.2026)\nDisk: 1 / 10 GB\nTrafik: 5 / 100 GB');
    await screenshot(page, 'powerup-weekly-week-choice');
    await form.locator('#submit').click();
    await expect.poll(() => form.locator('#messages').textContent(), { timeout: 20_000 }).toBe('Kayıt karta yorum olarak eklendi.');
    const posted = comments(card!.cardId).at(-1)!;
    expect(posted.data.text).toBe('#haftalık 50. hafta (07.12–13.12.2026)\nDisk: 1 / 10 GB\nTrafik: 5 / 100 GB');
    // The grammar reads it back as the same week.
    expect(parseEntry(String(posted.data.text), posted.date)).toMatchObject({ kinds: ['weekly'], forWeek: '2026-W50', warnings: [] });
    const count = comments(card!.cardId).length;

    // A second weekly for week 50: the form asks first and posts nothing until confirmed.
    await page.locator('#dh-popup').waitFor({ state: 'hidden', timeout: 10_000 });
    await page.click('#card-buttons button:has-text("Haftalık kayıt")');
    form = await popup(page);
    for (const [id, v] of [
      ['#disk-used', '2'],
      ['#disk-total', '10'],
      ['#traffic-used', '6'],
      ['#traffic-total', '100'],
    ] as const)
      await form.locator(id).fill(v);
    await form.locator('#submit').click();
    await expect
      .poll(() => form.locator('#messages').textContent(), { timeout: 20_000 })
      .toMatch(
        /^Bu kartta 50\. hafta \(07\.12–13\.12\.2026\) için zaten bir haftalık kayıt var \(\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}, .+\)\. Yine de eklemek için tekrar kaydedin\.$/,
      );
    expect(await form.locator('#submit').textContent()).toBe('Yine de kaydet');
    expect(comments(card!.cardId).length).toBe(count);
    await screenshot(page, 'powerup-weekly-duplicate-asks');
    // Choosing another week takes the confirmation back: the guard asks again for that week (the demo card has its
    // week-49 weekly), and "Yine de kaydet" then posts it.
    await form.locator('#week').selectOption('2026-W49');
    expect(await form.locator('#submit').textContent()).toBe('Kaydet');
    await form.locator('#submit').click();
    let said = '';
    await expect
      .poll(async () => (said = (await form.locator('#messages').textContent()) ?? ''), { timeout: 20_000 })
      .toMatch(/^(Bu kartta 49\. hafta \(30\.11–06\.12\.2026\) için zaten|Kayıt karta yorum olarak eklendi\.)/);
    if (said.startsWith('Bu kartta')) {
      await form.locator('#submit').click();
      await expect.poll(() => form.locator('#messages').textContent(), { timeout: 20_000 }).toBe('Kayıt karta yorum olarak eklendi.');
    }
    expect(comments(card!.cardId).at(-1)?.data.text).toMatch(/^#haftalık 49\. hafta \(30\.11–06\.12\.2026\)\n/);
    await page.close();
  }, 120_000);

  it('the monthly form offers months in words and posts "#aylık Kasım 2026"', async () => {
    const boardId = server.boards[2]!;
    const card = mine(await status(boardId), boardId)[0];
    expect(card).toBeDefined();
    const page = await openBoard(boardId);
    await openCard(page, card!.cardId);
    await page.click('#card-buttons button:has-text("Aylık rapor")');
    const form = await popup(page);
    const options = await form.locator('#month option').allTextContents();
    expect(options.slice(0, 3)).toEqual(['Aralık 2026', 'Kasım 2026', 'Ekim 2026']);
    // Early in the month the report is for the month just gone.
    expect(await form.locator('#month option:checked').textContent()).toBe('Kasım 2026');
    await form.locator('#note').fill('Aylık rapor gönderildi.');
    await form.locator('#submit').click();
    // The demo card may already have its November report: then the guard names the month in words first.
    let said = '';
    await expect
      .poll(async () => (said = (await form.locator('#messages').textContent()) ?? ''), { timeout: 20_000 })
      .toMatch(/^(Kayıt karta yorum olarak eklendi\.|Bu kartta Kasım 2026 için zaten bir aylık rapor var)/);
    if (said.startsWith('Bu kartta')) {
      await form.locator('#submit').click();
      await expect.poll(() => form.locator('#messages').textContent(), { timeout: 20_000 }).toBe('Kayıt karta yorum olarak eklendi.');
    }
    const posted = comments(card!.cardId).at(-1)!;
    expect(posted.data.text).toBe('#aylık Kasım 2026\nAylık rapor gönderildi.');
    expect(parseEntry(String(posted.data.text), posted.date)).toMatchObject({ kinds: ['monthly'], forMonth: '2026-11', warnings: [] });
    await screenshot(page, 'powerup-monthly-month-choice');
    await page.close();
  }, 120_000);
});

describe('plain words', () => {
  it('a member no longer on the board is "Panoda olmayan üye" in the settings, never a piece of a Trello id', async () => {
    const boardId = server.boards[0]!;
    const gone = '688f14aa0000000000000001';
    const pd = [...server.emulator.state.pluginData.values()].find((p) => p.idModel === boardId && 'settings' in (JSON.parse(p.value) as object));
    const value = pd
      ? (JSON.parse(pd.value) as { settings: { saturdayRota?: Record<string, string[]> } })
      : { settings: { v: 1 } as { saturdayRota?: Record<string, string[]> } };
    value.settings.saturdayRota = { ...(value.settings.saturdayRota ?? {}), '2027-01-09': [gone] };
    if (pd) pd.value = JSON.stringify(value);
    else server.emulator.state.addPluginData(boardId, value, E2E_PLUGIN_ID);
    const page = await openBoard(boardId);
    await page.click('#powerup-settings');
    const form = await popup(page);
    const chip = form.locator(`label.chip[data-member="${gone}"]`);
    expect(await chip.textContent()).toContain('Panoda olmayan üye');
    expect(await form.locator('body').textContent()).not.toContain('688f14');
    await screenshot(page, 'powerup-settings-not-on-board');
    await page.close();
  }, 90_000);
});
