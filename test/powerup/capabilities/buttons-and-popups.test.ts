import { describe, expect, it } from 'vitest';
import { authorizationStatus } from '../../../powerup/src/capabilities/authorization-status.js';
import { boardButtons } from '../../../powerup/src/capabilities/board-buttons.js';
import { cardBackSection } from '../../../powerup/src/capabilities/card-back-section.js';
import { cardButtons } from '../../../powerup/src/capabilities/card-buttons.js';
import { CAPABILITY_IDS, createCapabilities } from '../../../powerup/src/capabilities/index.js';
import { showAuthorization } from '../../../powerup/src/capabilities/show-authorization.js';
import { showSettings } from '../../../powerup/src/capabilities/show-settings.js';
import type { RestApiClient } from '../../../powerup/src/t.js';
import manifest from '../../../manifest.json' with { type: 'json' };
import { fakeT, fakeWorld } from '../fake-t.js';
import { CARD, boardStatus, cardStatus, fakeServer } from '../fixtures.js';

const rest = (authorized: boolean | (() => never)): RestApiClient => ({
  isAuthorized: typeof authorized === 'function' ? authorized : () => authorized,
  getToken: async () => 'tok',
  authorize: async () => 'tok',
});

describe('capability map', () => {
  it('has one handler per capability, and the manifest lists exactly those', () => {
    const { deps } = fakeServer(boardStatus([]));
    expect(Object.keys(createCapabilities(deps)).sort()).toEqual([...CAPABILITY_IDS].sort());
    expect([...manifest.capabilities].sort()).toEqual([...CAPABILITY_IDS].sort());
    expect(manifest.connectors.iframe.url).toBe('./powerup/index.html');
    expect(manifest.name).toBe('Nabız');
  });
});

describe('card-buttons', () => {
  it('offers the forms in Turkish, each opening its popup page; go-live while not live, delay once overdue', async () => {
    const world = fakeWorld();
    const { deps } = fakeServer(boardStatus([cardStatus({ goLive: { deadline: '2026-11-20', daysLeft: -3, live: false } })]));
    const buttons = await cardButtons(deps)(fakeT(world, { card: CARD }));
    expect(buttons.map((b) => b.text)).toEqual([
      'Günlük kayıt',
      'Haftalık kayıt',
      'Aylık rapor',
      'Canlıya geçiş',
      'Gecikme nedeni',
      'Yöneticiye bildirildi',
      'Müşteri profili',
    ]);
    expect(buttons[0]!.icon).toBe('http://nabiz.test/powerup/icons/daily.svg');
    for (const b of buttons) await b.callback(fakeT(world, { card: CARD }) as never);
    expect(world.calls.map((c) => (c.arg as { url: string }).url)).toEqual([
      './daily.html',
      './weekly.html',
      './monthly.html',
      './golive.html',
      './delay.html',
      './escalation.html',
      './profile.html',
    ]);
    const live = fakeServer(boardStatus([cardStatus({ goLive: { deadline: '2026-12-16', daysLeft: null, live: true, liveAt: '2026-11-20' } })]));
    expect((await cardButtons(live.deps)(fakeT(fakeWorld(), { card: CARD }))).map((b) => b.text)).toEqual([
      'Günlük kayıt',
      'Haftalık kayıt',
      'Aylık rapor',
      'Yöneticiye bildirildi',
      'Müşteri profili',
    ]);
    const onTrack = fakeServer(boardStatus([cardStatus()]));
    expect((await cardButtons(onTrack.deps)(fakeT(fakeWorld(), { card: CARD }))).map((b) => b.text)).toEqual([
      'Günlük kayıt',
      'Haftalık kayıt',
      'Aylık rapor',
      'Canlıya geçiş',
      'Yöneticiye bildirildi',
      'Müşteri profili',
    ]);
  });

  it('English locale → English labels', async () => {
    const { deps } = fakeServer(null);
    const buttons = await cardButtons(deps)(fakeT(fakeWorld(), { card: CARD, locale: 'en' }));
    expect(buttons.map((b) => b.text)).toEqual(['Daily entry', 'Weekly entry', 'Monthly report', 'Go-live', 'Delay reason', 'Escalated', 'Customer profile']);
  });
});

describe('card-back-section', () => {
  it('is one signed iframe under the 1500 px cap', async () => {
    const { deps } = fakeServer(boardStatus([]));
    const s = await cardBackSection(deps)(fakeT(fakeWorld(), { card: CARD }));
    expect(s.content).toEqual({ type: 'iframe', url: './card-back.html#signed', height: 320 });
    expect(s.content.height!).toBeLessThanOrEqual(1500);
    expect(s.icon).toMatch(/pulse\.svg$/);
  });
});

describe('board-buttons', () => {
  it('opens the compliance table and today’s schedule as modals', async () => {
    const world = fakeWorld();
    const { deps } = fakeServer({ ...boardStatus([]), viewer: { dashboard: true } });
    const buttons = await boardButtons(deps)(fakeT(world));
    expect(buttons.map((b) => b.text)).toEqual(['Uyum tablosu', 'Bugünkü program', 'Yönetici paneli']);
    expect(buttons[0]!.icon.light).toMatch(/table\.svg$/);
    for (const b of buttons) await b.callback(fakeT(world) as never);
    expect(world.calls.map((c) => [c.fn, (c.arg as { url: string }).url])).toEqual([
      ['modal', './overview.html'],
      ['modal', './schedule.html'],
      ['modal', 'http://nabiz.test/dashboard?powerup=1'],
    ]);
  });

  it('shows “Yönetici paneli” only to people the server says may use it (managers and team leads)', async () => {
    const specialist = fakeServer({ ...boardStatus([]), viewer: { dashboard: false } });
    expect((await boardButtons(specialist.deps)(fakeT(fakeWorld()))).map((b) => b.text)).toEqual(['Uyum tablosu', 'Bugünkü program']);
    const down = fakeServer(null);
    expect((await boardButtons(down.deps)(fakeT(fakeWorld()))).map((b) => b.text)).toEqual(['Uyum tablosu', 'Bugünkü program']);
  });

  it('opens the manager dashboard fullscreen from the server, signed in with t.jwt() (powerup=1), in the board’s locale', async () => {
    const { deps } = fakeServer({ ...boardStatus([]), viewer: { dashboard: true } });
    const tr = fakeWorld();
    const trButton = (await boardButtons(deps)(fakeT(tr)))[2]!;
    expect(trButton).toMatchObject({ text: 'Yönetici paneli', condition: 'signedIn' });
    expect(trButton.icon).toEqual({ light: 'http://nabiz.test/powerup/icons/chart.svg', dark: 'http://nabiz.test/powerup/icons/chart-light.svg' });
    await trButton.callback(fakeT(tr) as never);
    expect(tr.calls).toEqual([{ fn: 'modal', arg: { url: 'http://nabiz.test/dashboard?powerup=1', title: 'Yönetici paneli', fullscreen: true } }]);

    const en = fakeWorld();
    const enButton = (await boardButtons(deps)(fakeT(en, { locale: 'en' })))[2]!;
    expect(enButton.text).toBe('Manager dashboard');
    await enButton.callback(fakeT(en, { locale: 'en' }) as never);
    expect(en.calls).toEqual([{ fn: 'modal', arg: { url: 'http://nabiz.test/dashboard?powerup=1&lang=en', title: 'Manager dashboard', fullscreen: true } }]);
  });
});

describe('show-settings / authorization', () => {
  it('show-settings opens the settings popup', async () => {
    const world = fakeWorld();
    await showSettings()(fakeT(world));
    expect(world.calls[0]).toEqual({ fn: 'popup', arg: { title: 'Nabız ayarları', url: './settings.html', height: 520 } });
  });

  it('authorization-status reflects the REST client, and is false when it is missing or throws', async () => {
    const world = fakeWorld();
    expect(await authorizationStatus()(fakeT(world))).toEqual({ authorized: false });
    world.rest = rest(true);
    expect(await authorizationStatus()(fakeT(world))).toEqual({ authorized: true });
    world.rest = rest(false);
    expect(await authorizationStatus()(fakeT(world))).toEqual({ authorized: false });
    world.rest = rest(() => {
      throw new Error('storage partitioned');
    });
    expect(await authorizationStatus()(fakeT(world))).toEqual({ authorized: false });
  });

  it('show-authorization opens the authorize popup', async () => {
    const world = fakeWorld();
    await showAuthorization()(fakeT(world, { locale: 'en' }));
    expect(world.calls[0]).toEqual({ fn: 'popup', arg: { title: 'Trello authorization', url: './authorize.html', height: 180 } });
  });
});
