import { describe, expect, it } from 'vitest';
import { overviewRows, todayPending } from '../../powerup/src/overview-model.js';
import { readableDates, readingTrend } from '../../powerup/src/pages/card-back.js';
import { buildSchedule } from '../../powerup/src/schedule-model.js';
import { createStatusClient } from '../../powerup/src/status-client.js';
import { RestError, postComment } from '../../powerup/src/trello-rest.js';
import type { Profile } from '../../shared/profile.js';
import { fakeT, fakeWorld } from './fake-t.js';
import { CARD, NOW, boardStatus, cardStatus } from './fixtures.js';

const p = (over: Partial<Profile>): Profile => ({ v: 1, site: 'x.com', assignedAt: '2026-10-01', pool: false, integration: false, design: false, ...over });

describe('Bugünkü program (R1–R4)', () => {
  it('orders 50-minute slots, lists pool and unscheduled customers, finds overlaps per specialist', () => {
    const s = buildSchedule(
      [
        { id: 'c1', name: 'b.com', idMembers: ['m1'], profile: p({ site: 'b.com', trainingSlot: '10:00' }) },
        { id: 'c2', name: 'a.com', idMembers: ['m1'], profile: p({ site: 'a.com', trainingSlot: '09:00' }) },
        { id: 'c3', name: 'c.com', idMembers: ['m1'], profile: p({ site: 'c.com', trainingSlot: '10:30' }) },
        { id: 'c4', name: 'd.com', idMembers: ['m2'], profile: p({ site: 'd.com', trainingSlot: '10:00' }) },
        { id: 'c5', name: 'havuz.com', idMembers: ['m2'], profile: p({ site: 'havuz.com', pool: true }) },
        { id: 'c6', name: 'yok.com', idMembers: ['m2'], profile: null },
        { id: 'c7', name: 'dondu.com', idMembers: ['m1'], profile: p({ trainingSlot: '12:00', frozen: [{ from: '2026-11-20', to: '2026-11-30' }] }) },
        { id: 'c8', name: 'yeni.com', idMembers: ['m1'], profile: p({ trainingSlot: '13:00', assignedAt: '2026-11-24' }) },
      ],
      '2026-11-23',
    );
    expect(s.slots.map((x) => `${x.start}-${x.end} ${x.name} ${x.specialist}`)).toEqual([
      '09:00-09:50 a.com m1',
      '10:00-10:50 b.com m1',
      '10:00-10:50 d.com m2',
      '10:30-11:20 c.com m1',
    ]);
    expect(s.overlaps.map((o) => [o.a.name, o.b.name])).toEqual([['b.com', 'c.com']]);
    expect(s.pool.map((x) => x.name)).toEqual(['havuz.com']);
    expect(s.unscheduled.map((x) => x.name)).toEqual(['yok.com']);
  });

  it('during leave the cover holds the slot; without a cover the slot is unattended and never an overlap', () => {
    const settings = { v: 1 as const, leaves: [{ memberId: 'm1', from: '2026-11-23', to: '2026-11-27' }] };
    const s = buildSchedule(
      [
        {
          id: 'c1',
          name: 'a.com',
          idMembers: ['m1'],
          profile: p({ site: 'a.com', trainingSlot: '09:00', cover: [{ from: '2026-11-23', to: '2026-11-27', memberId: 'm2' }] }),
        },
        { id: 'c2', name: 'b.com', idMembers: ['m1'], profile: p({ site: 'b.com', trainingSlot: '09:20' }) },
        { id: 'c3', name: 'c.com', idMembers: ['m2'], profile: p({ site: 'c.com', trainingSlot: '09:30' }) },
      ],
      '2026-11-23',
      settings,
    );
    expect(s.slots.map((x) => [x.name, x.specialist, x.unattended ?? false])).toEqual([
      ['a.com', 'm2', false],
      ['b.com', 'm1', true],
      ['c.com', 'm2', false],
    ]);
    expect(s.overlaps.map((o) => [o.a.name, o.b.name])).toEqual([['a.com', 'c.com']]);
  });
});

describe('Uyum tablosu rows', () => {
  it('one row per customer the server evaluated, with missing/late per kind', () => {
    const st = boardStatus([
      cardStatus({
        cardId: 'c1',
        findings: [
          { rule: 'daily', period: '2026-11-20', status: 'missing', severity: 'warning', detail: { tr: '', en: '' } },
          { rule: 'weekly', period: '2026-W46', status: 'late', severity: 'info', detail: { tr: '', en: '' } },
        ],
      }),
    ]);
    const rows = overviewRows(
      [
        { id: 'c1', name: 'z.com', idMembers: ['m1'] },
        { id: 'notes', name: 'Notlar', idMembers: [] },
      ],
      st,
      NOW,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.cells.daily).toMatchObject({ missing: 1, late: 0, last: '2026-11-23T07:42:00Z' });
    expect(rows[0]!.cells.weekly).toMatchObject({ missing: 0, late: 1 });
    const down = overviewRows([{ id: 'c1', name: 'z.com', idMembers: ['m1'] }], null, NOW);
    expect(down[0]!.cells.monthly.missing).toBeNull();
  });
});

describe('status client', () => {
  it('dedupes concurrent requests, caches ≥ 60 s, caches failures shorter, refetches after notBefore', async () => {
    let now = 1_000_000;
    let calls = 0;
    let fail = false;
    const client = createStatusClient({
      baseUrl: 'http://x',
      now: () => now,
      ttlMs: 10, // raised to the 60 s floor
      fetch: async () => {
        calls++;
        if (fail) return { ok: false, status: 503, json: async () => ({}) };
        return { ok: true, status: 200, json: async () => boardStatus([cardStatus()]) };
      },
    });
    const t = fakeT(fakeWorld(), { card: CARD });
    await Promise.all([client.get(t), client.get(t), client.get(t)]);
    expect(calls).toBe(1);
    now += 59_000;
    await client.get(t);
    expect(calls).toBe(1);
    await client.get(t, { notBefore: now });
    expect(calls).toBe(2);
    now += 61_000;
    fail = true;
    expect(await client.get(t)).toMatchObject({ status: null, error: 'http 503' });
    now += 10_000;
    await client.get(t);
    expect(calls).toBe(3);
    now += 6_000;
    fail = false;
    expect((await client.get(t)).status?.boardId).toBe('b1');
    expect(client.requests).toBe(4);
  });

  it('keeps the server’s reason code of a failure (Trello’s JWT keys unavailable), for the page’s own text', async () => {
    const client = createStatusClient({
      baseUrl: 'http://x',
      now: () => NOW.getTime(),
      fetch: async () => ({ ok: false, status: 503, json: async () => ({ error: 'Trello’s JWT public keys are unavailable', code: 'jwt-keys-unavailable' }) }),
    });
    expect(await client.get(fakeT(fakeWorld(), { card: CARD }))).toMatchObject({ status: null, error: 'http 503 jwt-keys-unavailable' });
  });
});

describe('posting a comment with t.getRestApi()', () => {
  it('POSTs the text as JSON to the REST origin with the member’s token', async () => {
    const world = fakeWorld();
    world.rest = {
      isAuthorized: () => true,
      getToken: async () => 'member-token',
      authorize: async () => 'member-token',
      appKey: 'pubkey',
      apiOrigin: 'http://emu/',
    };
    const sent: Array<{ url: string; body?: string }> = [];
    const r = await postComment(fakeT(world, { card: CARD }), CARD, '#günlük 20.11.2026', async (url, init) => {
      sent.push({ url, ...(init.body ? { body: init.body } : {}) });
      return { ok: true, status: 200, json: async () => ({ id: 'a1' }), text: async () => '' };
    });
    expect(r).toEqual({ id: 'a1' });
    expect(sent).toEqual([{ url: `http://emu/1/cards/${CARD}/actions/comments?key=pubkey&token=member-token`, body: '{"text":"#günlük 20.11.2026"}' }]);
  });

  it('not authorized → RestError, nothing sent', async () => {
    const world = fakeWorld();
    world.rest = { isAuthorized: () => false, getToken: async () => '', authorize: async () => '' };
    let sent = 0;
    const err = await postComment(fakeT(world, { card: CARD }), CARD, 'x', async () => {
      sent++;
      return { ok: true, status: 200, json: async () => ({}), text: async () => '' };
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RestError);
    expect(err).toMatchObject({ code: 'not-authorized' });
    expect(sent).toBe(0);
  });
});

describe("Uyum tablosu: today's pending dailies per specialist", () => {
  it('counts pending (before 18:15) and missing (after) per responsible member; done and not-required days are left out', () => {
    const today = (required: boolean, done: boolean) => ({ date: '2026-11-23', required, done });
    const st = boardStatus([
      cardStatus({ cardId: 'c1', memberId: 'm1', today: today(true, false) }),
      cardStatus({ cardId: 'c2', memberId: 'm1', today: today(true, true) }),
      cardStatus({ cardId: 'c3', memberId: 'm2', today: today(true, false) }),
      cardStatus({ cardId: 'c4', memberId: 'm2', today: today(false, false) }),
      cardStatus({ cardId: 'c5', memberId: 'm1', today: today(true, false) }),
    ]);
    const cards = ['c1', 'c2', 'c3', 'c4', 'c5'].map((id) => ({ id, name: `${id}.com`, idMembers: [] }));
    const morning = overviewRows(cards, st, new Date('2026-11-23T09:00:00Z')); // 12:00 Istanbul
    // What is still due comes first, then the rest, each by name.
    expect(morning.map((r) => [r.cardId, r.today])).toEqual([
      ['c1', 'pending'],
      ['c3', 'pending'],
      ['c5', 'pending'],
      ['c2', 'done'],
      ['c4', null],
    ]);
    expect(todayPending(morning)).toEqual([
      { memberId: 'm1', pending: 2, over: 0, cards: ['c1.com', 'c5.com'] },
      { memberId: 'm2', pending: 1, over: 0, cards: ['c3.com'] },
    ]);
    const evening = overviewRows(cards, st, new Date('2026-11-23T16:00:00Z')); // 19:00 Istanbul
    expect(todayPending(evening)[0]).toEqual({ memberId: 'm1', pending: 0, over: 2, cards: ['c1.com', 'c5.com'] });
  });
});

describe('card back: readings trend and readable dates', () => {
  it('keeps the newest reading per ISO week, oldest week first, with the profile total for used-only readings', () => {
    const trend = readingTrend(
      [
        { text: '#haftalık 2026-W46\nDisk: 2 / 4 GB', date: '2026-11-13T10:00:00Z' },
        { text: '#haftalık 2026-W47\nDisk: 3 / 4 GB', date: '2026-11-20T10:00:00Z' },
        { text: '#haftalık 2026-W47\nDisk: 3,4 / 4 GB', date: '2026-11-21T10:00:00Z' },
        { text: '#haftalık 2026-W48\nDisk: 3,6 GB', date: '2026-11-27T10:00:00Z' },
        { text: '#günlük müşteri arandı', date: '2026-11-27T11:00:00Z' },
      ],
      'disk',
      4,
    );
    expect(trend).toEqual([
      { week: '2026-W46', percent: 50 },
      { week: '2026-W47', percent: 85 },
      { week: '2026-W48', percent: 90 },
    ]);
  });

  it('writes ISO weeks and days left in a finding the team’s way', () => {
    expect(readableDates('Disk %96 dolu (2026-W47): kritik; son gün 2026-12-10.', 'tr')).toBe(
      'Disk %96 dolu (16.11.2026–22.11.2026): kritik; son gün 10.12.2026.',
    );
  });
});
