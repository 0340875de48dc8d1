// Personal reminders end to end (docs/powerup.md "Nudges"): the specialist sets a time through the real Express route
// with a real Power-Up JWT, the choice is a ledger record, and the notifier's plan → claim → deliver loop posts ONE
// @mention comment to the Trello emulator at that Istanbul time while their dailies are pending — never twice a day,
// never on a weekend, never when all is written; a dry run records it and sends nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config.js';
import { PRODUCTION_ACCESS } from '../../../server/src/http/access-policy.js';
import { MAX_CHANGES_PER_DAY, NOT_ON_BOARD_TR, TOO_MANY_TR } from '../../../server/src/http/routes/reminder.js';
import { notifyTrello } from '../../../server/src/notify/channels.js';
import { createNotifier } from '../../../server/src/notify/notifier.js';
import { scanBoards } from '../../../server/src/scan/scan-boards.js';
import { ledgerOf } from '../store/helpers.js';
import { PLUGIN, startJwtApp } from '../http/jwt-app.js';
import { startWorld, type World } from '../scan/world.js';

let world: World | undefined;
let close: (() => void) | undefined;
afterEach(async () => {
  close?.();
  await world?.close();
  world = close = undefined;
});

const w = (): World => {
  if (!world) throw new Error('the world is not started');
  return world;
};
const ist = (s: string) => new Date(`${s}:00+03:00`);

async function setup() {
  // Monday 23.11.2026: the world's entries end yesterday, so every card's daily is pending today.
  world = await startWorld({ boards: 2, cards: 3, days: 10 });
  world.clock.now = ist('2026-11-23T17:00');
  await scanBoards(world.deps);
  const [board, other] = world.boardIds as [string, string];
  const specialist = world.emu.state.exportBoard(board).members[0]!.id;
  const otherSpecialist = world.emu.state.exportBoard(other).members[0]!.id;
  const trello = world.deps.trello;
  const api = await startJwtApp(
    world,
    { NOTIFY_DRY_RUN: 'false', NOTIFY_LABELS: 'false' },
    { access: PRODUCTION_ACCESS, trello: { postComment: (c: string, t: string) => trello.postComment(c, t) } },
  );
  close = api.close;
  const url = api.url;
  const config = api.config;
  const call = async (idMember: string, method: 'GET' | 'PUT', body?: unknown, idBoard = board) => {
    const token = await api.token(idMember, idBoard);
    const res = await fetch(`${url}/api/me/reminder`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const notifier = createNotifier({ store: world.store, config, ports: { trello: notifyTrello(trello) }, clock: () => w().clock.now });
  const comments = async (b = board) =>
    (await trello.listActions(b, { filter: 'commentCard' })).filter((a) => (a.data?.text ?? '').includes('Kişisel hatırlatma'));
  return { board, other, specialist, otherSpecialist, call, notifier, comments, url, config, trello };
}

describe('personal reminder', () => {
  it('is set by the specialist (a ledger record) and validated in Turkish; only a member of the board may set one', async () => {
    const s = await setup();
    expect((await s.call(s.specialist, 'GET')).body).toMatchObject({ at: null, default: '17:30', line: 'Kapalı.', deliverable: true });
    const bad = await s.call(s.specialist, 'PUT', { at: '19:00' });
    expect(bad).toEqual({ status: 400, body: { error: "Hatırlatma saati 08:00 ile 18:00 arasında olmalı: iş günü 18:15'te biter." } });
    expect(await s.call(s.otherSpecialist, 'PUT', { at: '17:30' })).toEqual({ status: 403, body: { error: NOT_ON_BOARD_TR } });
    expect((await fetch(`${s.url}/api/me/reminder`, { method: 'PUT', body: '{"at":"17:30"}' })).status).toBe(401);
    expect((await s.call(s.specialist, 'PUT', { at: 1730 })).status).toBe(400);
    const ok = await s.call(s.specialist, 'PUT', { at: '17:30' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ at: '17:30', setAt: ist('2026-11-23T17:00').toISOString() });
    expect(ok.body.line).toMatch(/^Açık: her iş günü saat 17:30;/);
    // Saving the same time again records nothing new.
    await s.call(s.specialist, 'PUT', { at: '17:30' });
    const recs = (await ledgerOf(w().store)).filter((r) => r.type === 'reminder');
    expect(recs).toEqual([expect.objectContaining({ authorId: s.specialist, value: '17:30', boardId: s.board, cardId: '', source: 'powerup' })]);
    // Read on the other board too: the choice is the member's, not the board's.
    expect((await s.call(s.specialist, 'GET', undefined, s.other)).body).toMatchObject({ at: '17:30' });
    // A loop of changes cannot grow the ledger without bound: MAX_CHANGES_PER_DAY a day, then a Turkish 429.
    for (let i = 1; i < MAX_CHANGES_PER_DAY; i++) expect((await s.call(s.specialist, 'PUT', { at: i % 2 ? null : '17:30' })).status).toBe(200);
    expect(await s.call(s.specialist, 'PUT', { at: '16:00' })).toEqual({ status: 429, body: { error: TOO_MANY_TR } });
    expect((await ledgerOf(w().store)).filter((r) => r.type === 'reminder')).toHaveLength(MAX_CHANGES_PER_DAY);
  });

  it('posts one @mention at the chosen time while dailies are pending; once a day; none for a member who did not opt in', async () => {
    const s = await setup();
    await s.call(s.specialist, 'PUT', { at: '17:30' });

    w().clock.now = ist('2026-11-23T17:29');
    expect(await s.notifier.remindersDue()).toBe(false);
    await s.notifier.run();
    expect(await s.comments()).toEqual([]);

    w().clock.now = ist('2026-11-23T17:31');
    expect(await s.notifier.remindersDue()).toBe(true);
    const r = await s.notifier.run();
    expect(r.messages.filter((m) => m.kind === 'reminder')).toEqual([expect.objectContaining({ state: 'sent', to: '@uzman0' })]);
    const posted = await s.comments();
    expect(posted).toHaveLength(1);
    const cards = w().emu.state.exportBoard(s.board).cards;
    expect(posted[0]!.data?.card?.id).toBe(cards[0]!.id); // the first by name
    expect(posted[0]!.data?.text).toBe(
      "@uzman0 Kişisel hatırlatma (saat 17:30): 3 kartta bugünün günlük kaydı henüz yok: musteri0-0.com.tr, musteri0-1.com.tr, musteri0-2.com.tr (18:15'e 44 dk).",
    );
    // The outbox keeps it as a sent reminder message.
    expect(
      w()
        .store.messages.digests()
        .filter((m) => m.kind === 'reminder'),
    ).toEqual([expect.objectContaining({ id: `reminder|${s.specialist}|2026-11-23`, state: 'sent', recipient: s.specialist, cardId: cards[0]!.id })]);

    w().clock.now = ist('2026-11-23T17:45');
    expect(await s.notifier.remindersDue()).toBe(false);
    await s.notifier.run();
    expect(await s.comments()).toHaveLength(1);
    expect(await s.comments(s.other)).toEqual([]);
  });

  it('reads no board that is no longer tracked (docs/operations.md "Boards leaving the configuration"); tracked again, it resumes', async () => {
    const s = await setup();
    expect(s.config.NABIZ_BOARDS).toContain(s.board);
    await s.call(s.specialist, 'PUT', { at: '17:30' });
    // The specialist's board leaves NABIZ_BOARDS: their pending cards there are nobody's business any more.
    const without = createNotifier({
      store: w().store,
      config: { ...s.config, NABIZ_BOARDS: s.config.NABIZ_BOARDS.filter((b) => b !== s.board) },
      ports: { trello: notifyTrello(s.trello) },
      clock: () => w().clock.now,
    });
    w().clock.now = ist('2026-11-23T17:31');
    expect(await without.remindersDue()).toBe(false);
    const r = await without.run();
    expect(r.messages.filter((m) => m.kind === 'reminder')).toEqual([]);
    expect(await s.comments()).toEqual([]);
    // Tracked again (the service's own config): the reminder goes that same evening.
    w().clock.now = ist('2026-11-23T17:35');
    expect(await s.notifier.remindersDue()).toBe(true);
    await s.notifier.run();
    expect(await s.comments()).toHaveLength(1);
  });

  it('says nothing when all is written, on a Saturday, or once switched off', async () => {
    const s = await setup();
    await s.call(s.specialist, 'PUT', { at: '17:00' });
    // Tuesday: the specialist wrote today's dailies on every card before 17:00.
    w().clock.now = ist('2026-11-24T16:00');
    for (const c of w().emu.state.exportBoard(s.board).cards) w().emu.state.addComment(c.id, s.specialist, '#günlük site kontrol edildi', w().clock.now);
    await scanBoards(w().deps);
    w().clock.now = ist('2026-11-24T17:05');
    expect(await s.notifier.remindersDue()).toBe(true); // the time has come; the cards decide
    await s.notifier.run();
    expect(await s.comments()).toEqual([]);
    // Everything written stays written: the minute job does not read the boards for them again today.
    w().clock.now = ist('2026-11-24T17:06');
    expect(await s.notifier.remindersDue()).toBe(false);
    expect(
      w()
        .store.messages.digests()
        .filter((m) => m.kind === 'reminder'),
    ).toEqual([]);

    // Saturday 28.11: not a working day.
    w().clock.now = ist('2026-11-28T17:05');
    await scanBoards(w().deps);
    expect(await s.notifier.remindersDue()).toBe(false);
    await s.notifier.run();
    expect(await s.comments()).toEqual([]);

    // Monday 30.11, switched off in the morning: nothing at 17:05 although every daily is pending.
    w().clock.now = ist('2026-11-30T09:00');
    await scanBoards(w().deps);
    expect((await s.call(s.specialist, 'PUT', { at: null })).body).toMatchObject({ at: null, line: 'Kapalı.' });
    w().clock.now = ist('2026-11-30T17:05');
    expect(await s.notifier.remindersDue()).toBe(false);
    await s.notifier.run();
    expect(await s.comments()).toEqual([]);
  });

  it('says nothing to a specialist on leave today (R31: no daily is due from them)', async () => {
    const s = await setup();
    await s.call(s.specialist, 'PUT', { at: '17:30' });
    const settings = { settings: { v: 1, leaves: [{ memberId: s.specialist, from: '2026-11-23', to: '2026-11-23', createdAt: '2026-11-01' }] } };
    w().emu.state.setPluginData(s.board, JSON.stringify(settings), 'nabiz');
    await scanBoards(w().deps);
    w().clock.now = ist('2026-11-23T17:31');
    expect(await s.notifier.remindersDue()).toBe(true); // the time has come; the day decides
    await s.notifier.run();
    expect(await s.comments()).toEqual([]);
    // The next working day they are back: the reminder comes.
    w().clock.now = ist('2026-11-24T17:31');
    await scanBoards(w().deps);
    await s.notifier.run();
    expect(await s.comments()).toHaveLength(1);
  });

  it('is in English for a member in NOTIFY_ENGLISH_MEMBERS', async () => {
    const s = await setup();
    await s.call(s.specialist, 'PUT', { at: '17:30' });
    const config = loadConfig({
      TRELLO_KEY: 'k',
      TRELLO_TOKEN: 't',
      NABIZ_BOARDS: w().boardIds.join(','),
      NOTIFY_DRY_RUN: 'false',
      NOTIFY_LABELS: 'false',
      NOTIFY_ENGLISH_MEMBERS: 'uzman0',
      LOG_LEVEL: 'silent',
    });
    const en = createNotifier({ store: w().store, config, ports: { trello: notifyTrello(w().deps.trello) }, clock: () => w().clock.now });
    w().clock.now = ist('2026-11-23T17:45');
    await en.run();
    const all = (await w().deps.trello.listActions(s.board, { filter: 'commentCard' })).filter((a) => (a.data?.text ?? '').includes('Personal reminder'));
    expect(all.map((a) => a.data?.text)).toEqual([
      '@uzman0 Personal reminder (17:30): 3 cards have no daily entry for today yet: musteri0-0.com.tr, musteri0-1.com.tr, musteri0-2.com.tr (30 min to 18:15).',
    ]);
  });

  it('a dry-run service previews a reminder once, not every minute all evening', async () => {
    const s = await setup();
    await s.call(s.specialist, 'PUT', { at: '17:30' });
    const config = loadConfig({
      TRELLO_KEY: 'k',
      TRELLO_TOKEN: 't',
      NABIZ_BOARDS: w().boardIds.join(','),
      TRELLO_PLUGIN_ID: PLUGIN,
      NOTIFY_DRY_RUN: 'true',
      NOTIFY_LABELS: 'false',
      LOG_LEVEL: 'silent',
    });
    const dry = createNotifier({ store: w().store, config, ports: { trello: notifyTrello(w().deps.trello) }, clock: () => w().clock.now });
    w().clock.now = ist('2026-11-23T17:31');
    expect(await dry.remindersDue()).toBe(true);
    const r = await dry.run();
    expect(r.recorded.filter((c) => c.messageId.startsWith('reminder|'))).toHaveLength(1);
    w().clock.now = ist('2026-11-23T17:32');
    expect(await dry.remindersDue()).toBe(false);
    expect(await s.comments()).toEqual([]);
  });

  it('a dry run records the comment it would post and sends and keeps nothing', async () => {
    const s = await setup();
    await s.call(s.specialist, 'PUT', { at: '17:30' });
    w().clock.now = ist('2026-11-23T17:40');
    const r = await s.notifier.run({ dryRun: true });
    expect(r.recorded.filter((c) => c.messageId.startsWith('reminder|'))).toEqual([
      expect.objectContaining({
        port: 'trello',
        messageId: `reminder|${s.specialist}|2026-11-23`,
        text: expect.stringMatching(/^@uzman0 Kişisel hatırlatma \(saat 17:30\): 3 kartta/),
      }),
    ]);
    expect(await s.comments()).toEqual([]);
    expect(
      w()
        .store.messages.digests()
        .filter((m) => m.kind === 'reminder'),
    ).toEqual([]);
    // A live service's preview does not hold the real send back: the minute job still finds it due.
    expect(await s.notifier.remindersDue()).toBe(true);
    // The live pass afterwards still sends it (the dry run kept nothing).
    await s.notifier.run();
    expect(await s.comments()).toHaveLength(1);
  });
});
