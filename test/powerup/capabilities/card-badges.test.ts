import { describe, expect, it } from 'vitest';
import { cardBadges } from '../../../powerup/src/capabilities/card-badges.js';
import { cardDetailBadges } from '../../../powerup/src/capabilities/card-detail-badges.js';
import { fakeT, fakeWorld } from '../fake-t.js';
import { CARD, boardStatus, cardStatus, fakeServer } from '../fixtures.js';

const profile = {
  v: 1,
  site: 'ornek.com.tr',
  assignedAt: '2026-10-17',
  trainingSlot: '10:00',
  pool: false,
  integration: false,
  design: false,
  quotaTotalGB: 4,
};

async function resolve(badges: Awaited<ReturnType<ReturnType<typeof cardBadges>>>) {
  return Promise.all(badges.map((b) => b.dynamic()));
}

describe('card-badges (docs/powerup.md)', () => {
  it('renders disk, traffic, go-live, compliance and slot with Trello colours from one status', async () => {
    const world = fakeWorld();
    world.data.set(`${CARD}:shared`, { profile });
    const { deps, server } = fakeServer(boardStatus([cardStatus()]));
    const out = await resolve(await cardBadges(deps)(fakeT(world, { card: CARD })));
    expect(out.map((b) => [b.text, b.color ?? null])).toEqual([
      ['Disk 3,1/4 GB', 'yellow'],
      ['Trafik 120/200 GB', null],
      ['Canlı: 23 gün ▰▰▰▱▱', null],
      ['Uyum ✓', 'green'],
      ['Eğitim saati 10:00', null],
    ]);
    expect(out.every((b) => b.refresh === 60)).toBe(true);
    // Each badge has its icon, served by our server (Trello badge `icon`).
    expect(out.map((b) => String(b.icon).replace(/^.*\/powerup\/icons\//, ''))).toEqual(['chart.svg', 'chart.svg', 'golive.svg', 'pulse.svg', 'clock.svg']);
    expect(server.auth).toEqual(['Bearer jwt-token']);
  });

  it("colours readings by the board's thresholds from the status (one set with the rules), the defaults without them", async () => {
    const world = fakeWorld();
    world.data.set(`${CARD}:shared`, { profile });
    const colour = async (thresholds: Parameters<typeof boardStatus>[1]) => {
      const { deps } = fakeServer(boardStatus([cardStatus()], thresholds));
      return (await resolve(await cardBadges(deps)(fakeT(world, { card: CARD }))))[0]!.color ?? null;
    };
    expect(await colour({ high: 75, critical: 95, staleDays: 8 })).toBe('yellow'); // 77,5 % ≥ 75
    expect(await colour({ high: 60, critical: 70, staleDays: 8 })).toBe('red');
    expect(await colour(null)).toBe(null); // defaults 80 / 95: 77,5 % is below
  });

  it('shows "3 eksik" in red when periods are missing', async () => {
    const world = fakeWorld();
    world.data.set(`${CARD}:shared`, { profile });
    const { deps } = fakeServer(boardStatus([cardStatus({ missing: 3 })]));
    const out = await resolve(await cardBadges(deps)(fakeT(world, { card: CARD })));
    expect(out.find((b) => b.text === '3 eksik')?.color).toBe('red');
  });

  it('speaks English under an English Trello locale', async () => {
    const world = fakeWorld();
    world.data.set(`${CARD}:shared`, { profile: { ...profile, pool: true, trainingSlot: undefined } });
    const { deps } = fakeServer(boardStatus([cardStatus()]));
    const out = await resolve(await cardBadges(deps)(fakeT(world, { card: CARD, locale: 'en-US' })));
    expect(out.map((b) => b.text)).toEqual(['Disk 3.1/4 GB', 'Traffic 120/200 GB', 'Go-live: 23 days ▰▰▰▱▱', 'Compliant ✓', 'Pool · today']);
  });

  it('server unreachable: go-live and slot still render, compliance is "?"', async () => {
    const world = fakeWorld();
    world.data.set(`${CARD}:shared`, { profile });
    const { deps } = fakeServer(null);
    const out = await resolve(await cardBadges(deps)(fakeT(world, { card: CARD })));
    expect(out.map((b) => b.text)).toEqual(['Canlı: 23 gün ▰▰▰▱▱', 'Uyum ?', 'Eğitim saati 10:00']);
    expect(out.find((b) => b.text === 'Uyum ?')?.color).toBe('light-gray');
  });

  it('a card the server does not list (no customer) gets no badges', async () => {
    const world = fakeWorld();
    const { deps } = fakeServer(boardStatus([]));
    expect(await cardBadges(deps)(fakeT(world, { card: CARD }))).toEqual([]);
  });

  it('300 cards rendering and refreshing make one status request per board per 60 s', async () => {
    const cards = Array.from({ length: 300 }, (_, i) => ({ id: `6921f58000000000000${String(i).padStart(5, '0')}`, name: `site${i}.com`, idMembers: ['m1'] }));
    const world = fakeWorld(cards);
    const { deps, server, advance } = fakeServer(boardStatus(cards.map((c) => cardStatus({ cardId: c.id }))));
    const cap = cardBadges(deps);
    const all = await Promise.all(cards.map((c) => cap(fakeT(world, { card: c.id }))));
    await Promise.all(all.map(resolve));
    expect(server.requests).toBe(1);
    expect(world.jwtCalls).toBe(1);
    advance(30_000);
    await Promise.all(all.map(resolve));
    expect(server.requests).toBe(1);
    advance(31_000);
    await Promise.all(all.map(resolve));
    expect(server.requests).toBe(2);
  });

  it("a refresh reads the card once for all of that card's badges", async () => {
    const world = fakeWorld();
    world.data.set(`${CARD}:shared`, { profile });
    const { deps, advance } = fakeServer(boardStatus([cardStatus()]));
    const t = fakeT(world, { card: CARD });
    let reads = 0;
    const card = t.card;
    t.card = ((...fields: string[]) => (reads++, (card as (...f: string[]) => unknown)(...fields))) as typeof t.card;
    const badges = await cardBadges(deps)(t);
    expect(badges).toHaveLength(5);
    await resolve(badges);
    expect(reads).toBe(1);
    advance(61_000);
    const out = await resolve(badges);
    expect(reads).toBe(2);
    expect(out.map((b) => b.text)).toEqual(['Disk 3,1/4 GB', 'Trafik 120/200 GB', 'Canlı: 23 gün ▰▰▰▱▱', 'Uyum ✓', 'Eğitim saati 10:00']);
  });

  it('refetches once after a form marked the card as just posted', async () => {
    const world = fakeWorld();
    const { deps, server, advance } = fakeServer(boardStatus([cardStatus({ missing: 1 })]));
    const t = fakeT(world, { card: CARD });
    await resolve(await cardBadges(deps)(t));
    advance(5_000);
    server.status = boardStatus([cardStatus({ missing: 0 })]);
    await t.set('card', 'private', 'posted', deps.now().getTime());
    const out = await resolve(await cardBadges(deps)(t));
    expect(server.requests).toBe(2);
    expect(out.find((b) => b.text === 'Uyum ✓')?.color).toBe('green');
  });
});

describe('card-detail-badges', () => {
  it('adds "Son günlük" and opens the matching form on click', async () => {
    const world = fakeWorld();
    world.data.set(`${CARD}:shared`, { profile });
    const { deps } = fakeServer(boardStatus([cardStatus()]));
    const out = await cardDetailBadges(deps)(fakeT(world, { card: CARD }));
    expect(out[0]).toMatchObject({ title: 'Son günlük', text: 'bugün 10:42' });
    const disk = out.find((b) => b.title === 'Disk')!;
    expect(disk).toMatchObject({ text: '3,1/4 GB', color: 'yellow' });
    disk.callback!(fakeT(world, { card: CARD }) as never);
    await new Promise((r) => setTimeout(r, 0));
    expect(world.calls.at(-1)).toEqual({ fn: 'popup', arg: { title: 'Haftalık kayıt', url: './weekly.html', height: 620 } });
  });

  it('an overdue go-live with its reason opens a neutral choice, not the go-live form; without the reason, the delay form', async () => {
    const world = fakeWorld();
    world.data.set(`${CARD}:shared`, { profile: { ...profile, assignedAt: '2026-08-01' } }); // deadline long past
    const overdue = (reasonGiven: boolean) =>
      fakeServer(boardStatus([cardStatus({ goLive: { deadline: '2026-11-20', daysLeft: -3, live: false, reasonGiven } })])).deps;
    const open = async (reasonGiven: boolean) => {
      const out = await cardDetailBadges(overdue(reasonGiven))(fakeT(world, { card: CARD }));
      out.find((b) => b.title === 'Canlıya geçiş')!.callback!(fakeT(world, { card: CARD }) as never);
      await new Promise((r) => setTimeout(r, 0));
      return world.calls.at(-1) as { fn: string; arg: { title: string; url?: string; items?: Array<{ text: string; callback: (t: unknown) => unknown }> } };
    };
    expect((await open(false)).arg).toMatchObject({ title: 'Gecikme nedeni', url: './delay.html' });
    const choice = await open(true);
    expect(choice.arg.title).toBe('Canlıya geçiş gecikti');
    expect(choice.arg.url).toBeUndefined();
    expect(choice.arg.items?.map((i) => i.text)).toEqual(['Yeni gecikme nedeni yaz', 'Canlıya geçtiğini kaydet']);
    await choice.arg.items![1]!.callback(fakeT(world, { card: CARD }));
    expect(world.calls.at(-1)).toEqual({ fn: 'popup', arg: { title: 'Canlıya geçiş', url: './golive.html', height: 340 } });
  });
});
