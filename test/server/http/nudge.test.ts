// POST /api/cards/:cardId/nudge: a team lead or manager of the card (NABIZ_PEOPLE) posts one Turkish @mention
// comment to the responsible specialist while today's daily is pending; one per card per Istanbul day (429
// saying when and by whom); each is a ledger fact. Real JWTs, a real store scanned from the emulator, the real
// Express app, the REST client posting to the emulator.
import { afterEach, describe, expect, it } from 'vitest';
import { PRODUCTION_ACCESS } from '../../../server/src/http/access-policy.js';
import { NOT_NUDGER_TR, NOT_PENDING_TR, NO_TRELLO_TR } from '../../../server/src/http/routes/nudge.js';
import { scanBoards } from '../../../server/src/scan/scan-boards.js';
import { ledgerOf } from '../store/helpers.js';
import { startJwtApp } from './jwt-app.js';
import { startWorld, type World } from '../scan/world.js';

let world: World | undefined;
let close: (() => void) | undefined;
afterEach(async () => {
  close?.();
  await world?.close();
  world = close = undefined;
});

const LEAD = '6a00000000000000000e1001';
const OTHER_LEAD = '6a00000000000000000e1002';
const MANAGER = '6a00000000000000000e1003';
// Monday 23.11.2026, 12:00 Istanbul: today's daily is due and not written yet (the world's entries end yesterday).
const NOON = new Date('2026-11-23T09:00:00Z');

async function setup(opts: { trello?: boolean } = {}) {
  world = await startWorld({ boards: 2, cards: 2, days: 10 });
  world.clock.now = NOON;
  await scanBoards(world.deps);
  const board = world.boardIds[0]!;
  const cardId = world.emu.state.exportBoard(board).cards[1]!.id;
  const specialist = world.emu.state.exportBoard(board).cards[1]!.idMembers[0]!;
  const people = [
    { name: 'Mehmet', trelloId: LEAD, role: 'teamLead', boards: [board], specialists: [specialist] },
    { name: 'Başka Lider', trelloId: OTHER_LEAD, role: 'teamLead', specialists: ['6a00000000000000000e9999'] },
    { name: 'Kemal Yönetici', trelloId: MANAGER, role: 'manager' },
  ];
  const trello = world.deps.trello;
  const api = await startJwtApp(
    world,
    { NABIZ_PEOPLE: JSON.stringify(people) },
    {
      access: { ...PRODUCTION_ACCESS, outboxOpen: true },
      ...(opts.trello === false ? {} : { trello: { postComment: (c: string, t: string) => trello.postComment(c, t) } }),
    },
  );
  close = api.close;
  const url = api.url;
  const token = (idMember: string, idBoard = board) => api.token(idMember, idBoard);
  const nudge = async (idMember: string | null, o: { card?: string } = {}) => {
    const res = await fetch(`${url}/api/cards/${o.card ?? cardId}/nudge`, {
      method: 'POST',
      headers: idMember ? { Authorization: `Bearer ${await token(idMember)}` } : {},
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const list = async (idMember: string) =>
    (await (await fetch(`${url}/api/cards/${cardId}/nudges`, { headers: { Authorization: `Bearer ${await token(idMember)}` } })).json()) as {
      canNudge: boolean;
      today: Record<string, unknown> | null;
      nudges: Array<Record<string, unknown>>;
    };
  const reminders = async () => (await trello.listActions(board, { filter: 'commentCard' })).filter((a) => (a.data?.text ?? '').includes('Hatırlatma:'));
  const outbox = async () => ({
    html: await (await fetch(`${url}/outbox`)).text(),
    json: (await (await fetch(`${url}/outbox.json`)).json()) as { nudges: Array<Record<string, unknown>> },
  });
  return { board, cardId, specialist, nudge, list, reminders, outbox, other: world.boardIds[1]! };
}

describe('nudge («Hatırlat») from the Power-Up', () => {
  it('refuses the specialist and another team’s lead (403 in Turkish), an anonymous caller (401); posts and records nothing', async () => {
    const s = await setup();
    expect(await s.nudge(s.specialist)).toEqual({ status: 403, body: { error: NOT_NUDGER_TR } });
    expect((await s.nudge(OTHER_LEAD)).status).toBe(403);
    expect((await s.nudge(null)).status).toBe(401);
    expect((await s.list(s.specialist)).canNudge).toBe(false);
    expect(await s.reminders()).toEqual([]);
    expect((await ledgerOf(world!.store)).filter((x) => x.type === 'nudge')).toEqual([]);
  });

  it('the lead posts exactly one @mention comment, recorded (who, when, card, comment id); a second the same day is 429 saying when and by whom', async () => {
    const s = await setup();
    const r = await s.nudge(LEAD);
    expect(r.status).toBe(200);
    const posted = await s.reminders();
    expect(posted).toHaveLength(1);
    expect(posted[0]!.data?.card?.id).toBe(s.cardId);
    expect(posted[0]!.data?.text).toBe("@uzman0 Hatırlatma: bugünün günlük kaydı henüz yok (18:15'e 6 sa 15 dk). — Takım lideri Mehmet");
    const recs = (await ledgerOf(world!.store)).filter((x) => x.type === 'nudge');
    expect(recs).toEqual([
      expect.objectContaining({
        cardId: s.cardId,
        authorId: LEAD,
        authorName: 'Mehmet',
        memberId: s.specialist,
        postedAt: NOON.toISOString(),
        sourceActionId: posted[0]!.id,
        source: 'powerup',
      }),
    ]);
    expect(r.body).toMatchObject({
      recorded: true,
      nudge: { cardId: s.cardId, by: LEAD, byName: 'Mehmet', commentId: posted[0]!.id, line: 'Hatırlatıldı 12:00 · Mehmet' },
    });

    // Later the same Istanbul day, even by the manager: 429, nothing posted.
    world!.clock.now = new Date('2026-11-23T11:30:00Z');
    const again = await s.nudge(MANAGER);
    expect(again.status).toBe(429);
    expect(again.body.error).toBe('Bu karta bugün Mehmet hatırlattı (saat 12:00); bir karta günde bir hatırlatma gönderilir.');
    expect(await s.reminders()).toHaveLength(1);
    expect((await ledgerOf(world!.store)).filter((x) => x.type === 'nudge')).toHaveLength(1);
    // The card back shows it to everyone on the board.
    const seen = await s.list(s.specialist);
    expect(seen.today).toMatchObject({ line: 'Hatırlatıldı 12:00 · Mehmet', commentId: posted[0]!.id });
    expect(seen.nudges).toHaveLength(1);
    expect((await s.list(LEAD)).canNudge).toBe(true);
    // The outbox page lists it: when, who, to whom, which card, the comment.
    const o = await s.outbox();
    expect(o.json.nudges).toEqual([expect.objectContaining({ cardId: s.cardId, byName: 'Mehmet', toName: 'Uzman 0', commentId: posted[0]!.id })]);
    expect(o.html).toContain('<h2>Hatırlatmalar (1)</h2>');
    expect(o.html).toContain('23.11.2026 12:00</td><td>Mehmet</td><td>Uzman 0</td>');

    // The limit is per Istanbul day: 21:30 UTC on the 23rd is already the 24th in Istanbul, a new day.
    world!.clock.now = new Date('2026-11-23T21:30:00Z');
    expect((await s.nudge(MANAGER)).status).toBe(200);
    const both = await s.reminders();
    expect(both).toHaveLength(2);
    expect(both.map((a) => a.data?.text)).toContain("@uzman0 Hatırlatma: bugünün günlük kaydı henüz yok (18:15'e 17 sa 45 dk). — Yönetici Kemal Yönetici");
  });

  it('answers 404 for a card of another board and 409 when the day is not pending (after 18:15)', async () => {
    const s = await setup();
    const foreign = world!.emu.state.exportBoard(s.other).cards[0]!.id;
    expect((await s.nudge(MANAGER, { card: foreign })).status).toBe(404);
    world!.clock.now = new Date('2026-11-23T15:30:00Z'); // 18:30 Istanbul: the day is over, no reminder helps
    expect(await s.nudge(LEAD)).toEqual({ status: 409, body: { error: NOT_PENDING_TR } });
    expect(await s.reminders()).toEqual([]);
  });

  it('without a Trello token: 503 in Turkish, nothing recorded', async () => {
    const s = await setup({ trello: false });
    expect(await s.nudge(LEAD)).toEqual({ status: 503, body: { error: NO_TRELLO_TR } });
    expect((await ledgerOf(world!.store)).filter((x) => x.type === 'nudge')).toEqual([]);
  });
});
