// HEAD|POST /webhooks/trello against the emulator's real signed deliveries; forged ones are refused.
import { createHmac } from 'node:crypto';
import { ledgerOf } from '../store/helpers.js';
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../server/src/config.js';
import { signWebhook } from '../../../server/src/demo/emulator.js';
import { createApp } from '../../../server/src/http/app.js';
import { HttpError, type AppDeps } from '../../../server/src/http/deps.js';
import { MAX_WEBHOOK_BYTES, verifyWebhookSignature, webhookCallbackUrl, webhookSignature } from '../../../server/src/http/routes/webhooks.js';
import { createLogger } from '../../../server/src/log.js';
import { scanBoards } from '../../../server/src/scan/scan-boards.js';
import { verifyLedger } from '../../../server/src/store/ledger.js';
import { snapshotOf } from '../../../server/src/store/store.js';
import { createWebhookKeeper, registerWebhooks } from '../../../server/src/trello/webhooks.js';
import { KEY, TOKEN, authorToken, startWorld, type World } from '../scan/world.js';
import { createTrelloClient } from '../../../server/src/trello/client.js';
import { LimiterRegistry } from '../../../server/src/trello/rate-limiter.js';

const authorClient = (w: World, memberId: string) =>
  createTrelloClient({ baseUrl: w.emu.url, key: KEY, token: authorToken(memberId), limits: { registry: new LimiterRegistry() } });

const SECRET = 'app-secret-for-tests-0123456789abcdef';
let world: World | undefined;
let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server?.closeAllConnections();
  await world?.close();
  world = server = undefined;
});

async function serve(w: World, secret: string | null = SECRET) {
  const logs: string[] = [];
  const config = loadConfig({
    TRELLO_KEY: KEY,
    TRELLO_TOKEN: TOKEN,
    NABIZ_BOARDS: w.boardIds.join(','),
    TRELLO_API_URL: w.emu.url,
    ...(secret ? { TRELLO_APP_SECRET: secret } : {}),
  });
  const deps: AppDeps = {
    config,
    store: w.store,
    clock: () => w.clock.now,
    log: createLogger('debug', (l) => logs.push(l)),
    verifyJwt: async () => {
      throw new HttpError(401, 'no');
    },
  };
  server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise((r) => server!.once('listening', r));
  const url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  config.PUBLIC_URL = url;
  return { url, callbackURL: webhookCallbackUrl(url), logs, deps };
}

/** The obsolete rule (latin1 re-encoding of body + URL) Trello dropped in 2016. */
const latin1Signature = (secret: string, body: string, url: string) =>
  createHmac('sha1', secret)
    .update(Buffer.from(body + url, 'latin1'))
    .digest('base64');

describe('webhook signature', () => {
  it('is base64 HMAC-SHA1 over the UTF-8 bytes of body + callback URL (same as Trello/the emulator)', () => {
    const body = JSON.stringify({ action: { data: { text: 'Günlük – kontrol ✓ şğİı 🚀' } } });
    const url = 'https://nabiz.example.com/webhooks/trello?pano=Gelişmiş';
    // Independent computation over the byte string Trello signs.
    const bytes = Buffer.concat([Buffer.from(body, 'utf8'), Buffer.from(url, 'utf8')]);
    const expected = createHmac('sha1', 's3cret').update(bytes).digest('base64');
    expect(webhookSignature('s3cret', Buffer.from(body, 'utf8'), url)).toBe(expected);
    expect(signWebhook('s3cret', body, url)).toBe(expected);
    expect(latin1Signature('s3cret', body, url)).not.toBe(expected);
    expect(verifyWebhookSignature('s3cret', Buffer.from(body, 'utf8'), url, expected)).toBe(true);
    expect(verifyWebhookSignature('s3cret', Buffer.from(body, 'utf8'), url, latin1Signature('s3cret', body, url))).toBe(false);
    expect(verifyWebhookSignature('s3cret', body, url + '/', expected)).toBe(false);
    expect(verifyWebhookSignature('other', body, url, expected)).toBe(false);
    expect(verifyWebhookSignature('s3cret', body, url, undefined)).toBe(false);
    expect(verifyWebhookSignature('s3cret', body, url, 'short')).toBe(false);
  });

  it('for pure ASCII the old and new rules agree (why the latin1 bug went unnoticed on English boards)', () => {
    const body = '{"action":{"type":"commentCard"}}';
    expect(signWebhook('k', body, 'https://x.example/h')).toBe(latin1Signature('k', body, 'https://x.example/h'));
  });
});

describe('/webhooks/trello', () => {
  it('registers per board (HEAD check passes) and records edits with the old text and deletions', async () => {
    world = await startWorld({ appSecret: SECRET });
    await scanBoards(world.deps);
    const { callbackURL } = await serve(world);
    const reg = await registerWebhooks({ trello: world.deps.trello, store: world.store, boards: world.boardIds, callbackURL, log: world.deps.log });
    expect(reg.every((r) => r.ok && r.created)).toBe(true);
    expect(world.store.boards.get(world.boardIds[0]!)!.webhookId).toBe(reg[0]!.webhookId);
    // Idempotent: a restart reuses the existing webhooks.
    const again = await registerWebhooks({ trello: world.deps.trello, store: world.store, boards: world.boardIds, callbackURL, log: world.deps.log });
    expect(again.every((r) => r.ok && !r.created)).toBe(true);

    const target = (await ledgerOf(world.store))[4]!;
    world.clock.now = new Date(world.clock.now.getTime() + 3_600_000);
    // Through the REST API, like a specialist editing in Trello: the emulator fires signed webhooks.
    // Only a comment's author may edit it: act with the specialist's own token.
    const author = authorClient(world, target.authorId);
    await author.editComment(target.cardId, target.actionId, '#günlük sonradan değişti');
    const victim = (await ledgerOf(world.store))[6]!;
    await authorClient(world, victim.authorId).deleteComment(victim.cardId, victim.actionId);
    await world.emu.flushWebhooks();
    expect(world.emu.deliveries.length).toBeGreaterThanOrEqual(2);
    expect(world.emu.deliveries.every((d) => d.status === 200)).toBe(true);
    await new Promise((r) => setTimeout(r, 50));

    const tail = (await ledgerOf(world.store)).slice(-2);
    expect(tail[0]).toMatchObject({
      type: 'edit',
      actionId: target.actionId,
      oldText: target.text,
      text: '#günlük sonradan değişti',
      source: 'webhook',
      occurredAt: world.clock.now.toISOString(),
    });
    expect(tail[1]).toMatchObject({ type: 'delete', actionId: victim.actionId, oldText: victim.text, source: 'webhook' });
    expect(verifyLedger(await ledgerOf(world.store)).ok).toBe(true);
    const c = (await snapshotOf(world.store, target.boardId))!.comments.find((x) => x.id === target.actionId)!;
    expect(c).toMatchObject({ originalText: target.text, text: '#günlük sonradan değişti' });
    // The full pass later sees the same edit: nothing is recorded twice.
    const n = (await ledgerOf(world.store)).length;
    await scanBoards(world.deps, { full: true });
    expect((await ledgerOf(world.store)).length).toBe(n);
  });

  it('records a card hand-over delivered by webhook (addMemberToCard / removeMemberFromCard) with Trello’s time, once', async () => {
    world = await startWorld({ appSecret: SECRET });
    await scanBoards(world.deps);
    const { callbackURL } = await serve(world);
    await registerWebhooks({ trello: world.deps.trello, store: world.store, boards: world.boardIds, callbackURL, log: world.deps.log });
    const boardId = world.boardIds[0]!;
    const card = world.emu.state.exportBoard(boardId).cards[1]!;
    const other = world.emu.state.exportBoard(world.boardIds[1]!).members[0]!;
    world.emu.state.members.set(other.id, other);
    world.emu.state.boards
      .get(boardId)!
      .memberships.push({ id: '6a00000000000000000f0002', idMember: other.id, memberType: 'normal', unconfirmed: false, deactivated: false });
    world.clock.now = new Date(world.clock.now.getTime() + 3_600_000);
    const q = `key=${KEY}&token=${TOKEN}`;
    expect((await fetch(`${world.emu.url}/1/cards/${card.id}/idMembers?value=${other.id}&${q}`, { method: 'POST' })).status).toBe(200);
    const trelloAt = world.clock.now.toISOString();
    world.clock.now = new Date(world.clock.now.getTime() + 60_000); // delivered (recorded) a minute later
    await world.emu.flushWebhooks();
    await new Promise((r) => setTimeout(r, 50));
    const member = (await ledgerOf(world.store)).filter((r) => r.type === 'member' && !r.baseline);
    expect(member).toEqual([
      expect.objectContaining({
        cardId: card.id,
        memberId: other.id,
        op: 'add',
        postedAt: trelloAt,
        source: 'webhook',
        recordedAt: world.clock.now.toISOString(),
      }),
    ]);
    const n = (await ledgerOf(world.store)).length;
    await scanBoards(world.deps);
    await scanBoards(world.deps, { full: true });
    expect((await ledgerOf(world.store)).length).toBe(n); // the scan lists the same action: not recorded again
  });

  it('records a checklist tick delivered by webhook (updateCheckItemStateOnCard) with Trello’s time and author, once', async () => {
    world = await startWorld({ appSecret: SECRET });
    await scanBoards(world.deps);
    const { callbackURL } = await serve(world);
    await registerWebhooks({ trello: world.deps.trello, store: world.store, boards: world.boardIds, callbackURL, log: world.deps.log });
    const boardId = world.boardIds[0]!;
    const card = world.emu.state.exportBoard(boardId).cards[1]!;
    const cl = await world.deps.trello.createChecklist(card.id, 'Nabız: karşılama');
    const item = await world.deps.trello.addCheckItem(cl.id, 'Hoş geldin maili gönderildi');
    world.clock.now = new Date(world.clock.now.getTime() + 3_600_000);
    const author = card.idMembers[0]!;
    expect(
      (await fetch(`${world.emu.url}/1/cards/${card.id}/checkItem/${item.id}?key=${KEY}&token=${authorToken(author)}&state=complete`, { method: 'PUT' }))
        .status,
    ).toBe(200);
    const trelloAt = world.clock.now.toISOString();
    world.clock.now = new Date(world.clock.now.getTime() + 60_000); // delivered (recorded) a minute later
    await world.emu.flushWebhooks();
    await new Promise((r) => setTimeout(r, 50));
    const ticks = (await ledgerOf(world.store)).filter((r) => r.type === 'check-item');
    expect(ticks).toEqual([
      expect.objectContaining({
        cardId: card.id,
        checklistId: cl.id,
        checkItemId: item.id,
        checkItemName: 'Hoş geldin maili gönderildi',
        checkState: 'complete',
        authorId: author,
        postedAt: trelloAt,
        source: 'webhook',
        recordedAt: world.clock.now.toISOString(),
      }),
    ]);
    const n = (await ledgerOf(world.store)).length;
    await scanBoards(world.deps);
    await scanBoards(world.deps, { full: true });
    expect((await ledgerOf(world.store)).length).toBe(n); // the scan lists the same action: not recorded again
    expect(verifyLedger(await ledgerOf(world.store)).ok).toBe(true);
  });

  it('answers HEAD with 200 (Trello checks the callback at creation)', async () => {
    world = await startWorld();
    const { url } = await serve(world);
    const res = await fetch(`${url}/webhooks/trello`, { method: 'HEAD' });
    expect(res.status).toBe(200);
  });

  it.each([
    ['a forged signature', (body: string, cb: string) => signWebhook('not-the-secret', body, cb)],
    ['no signature', () => undefined],
    ['a signature for another URL', (body: string) => signWebhook(SECRET, body, 'https://evil.example/webhooks/trello')],
  ])('refuses %s with 401 and a warning that leaks no secret', async (_n, sign) => {
    world = await startWorld();
    await scanBoards(world.deps);
    const { url, callbackURL, logs } = await serve(world);
    const before = (await ledgerOf(world.store)).length;
    const r = (await ledgerOf(world.store))[0]!;
    const body = JSON.stringify({
      model: { id: r.boardId },
      action: {
        id: '6b0000000000000000000001',
        type: 'deleteComment',
        date: '2026-11-23T15:00:00.000Z',
        idMemberCreator: r.authorId,
        data: { action: { id: r.actionId }, card: { id: r.cardId }, board: { id: r.boardId } },
      },
    });
    const sig = sign(body, callbackURL);
    const res = await fetch(`${url}/webhooks/trello`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(sig ? { 'x-trello-webhook': sig } : {}) },
      body,
    });
    expect(res.status).toBe(401);
    expect((await ledgerOf(world.store)).length).toBe(before);
    const warn = logs.find((l) => l.includes('WARN') && l.includes('webhooks: refused'));
    expect(warn).toBeDefined();
    expect(logs.join('\n')).not.toContain(SECRET);
    if (sig) expect(logs.join('\n')).not.toContain(sig);
  });

  it('refuses everything when TRELLO_APP_SECRET is not set', async () => {
    world = await startWorld();
    const { url, logs } = await serve(world, null);
    const res = await fetch(`${url}/webhooks/trello`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-trello-webhook': 'x' }, body: '{}' });
    expect(res.status).toBe(401);
    expect(logs.join('\n')).toMatch(/TRELLO_APP_SECRET/);
  });

  it('a signed delivery for an untracked board is acknowledged and ignored', async () => {
    world = await startWorld();
    const { url, callbackURL } = await serve(world);
    const body = JSON.stringify({
      model: { id: 'ffffffffffffffffffffffff' },
      action: {
        id: '6b0000000000000000000002',
        type: 'commentCard',
        date: '2026-11-23T15:00:00.000Z',
        idMemberCreator: 'm',
        data: { text: '#günlük', card: { id: 'c' }, board: { id: 'ffffffffffffffffffffffff' } },
      },
    });
    const res = await fetch(`${url}/webhooks/trello`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-trello-webhook': signWebhook(SECRET, body, callbackURL) },
      body,
    });
    expect(res.status).toBe(200);
    expect(await ledgerOf(world.store)).toHaveLength(0);
  });

  it('every ignored delivery answers 200 with its reason in the body and a debug line; a kept one says what it recorded', async () => {
    world = await startWorld();
    await scanBoards(world.deps);
    const { url, callbackURL, logs } = await serve(world);
    const r = (await ledgerOf(world.store))[0]!;
    const send = async (action: Record<string, unknown>, model?: string) => {
      const body = JSON.stringify({
        ...(model ? { model: { id: model } } : {}),
        action: { idMemberCreator: r.authorId, date: '2026-11-23T15:00:00.000Z', ...action },
      });
      const res = await post(url, body, signWebhook(SECRET, body, callbackURL));
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const before = (await ledgerOf(world.store)).length;
    const untracked = await send({
      id: '6b0000000000000000000011',
      type: 'commentCard',
      data: { text: '#günlük', card: { id: r.cardId }, board: { id: 'ffffffffffffffffffffffff' } },
    });
    expect(untracked).toEqual({ status: 200, body: { ignored: 'board not tracked' } });
    const boardless = await send({ id: '6b0000000000000000000012', type: 'commentCard', data: { text: '#günlük' } });
    expect(boardless).toEqual({ status: 200, body: { ignored: 'no board in the delivery' } });
    const moved = await send(
      { id: '6b0000000000000000000013', type: 'updateCard', data: { card: { id: r.cardId }, board: { id: r.boardId }, old: { idList: 'x' } } },
      r.boardId,
    );
    expect(moved).toEqual({ status: 200, body: { ignored: 'action type not recorded' } });
    const comment = { id: '6b0000000000000000000014', type: 'commentCard', data: { text: '#günlük yeni', card: { id: r.cardId }, board: { id: r.boardId } } };
    expect(await send(comment, r.boardId)).toEqual({ status: 200, body: { recorded: 1 } });
    // Trello redelivers when it did not see our answer: acknowledged, nothing stored twice.
    expect(await send(comment, r.boardId)).toEqual({ status: 200, body: { ignored: 'already recorded' } });
    expect((await ledgerOf(world.store)).length).toBe(before + 1);
    const debug = logs.filter((l) => l.includes(' DEBUG webhooks: ignored'));
    expect(debug).toHaveLength(4);
    expect(debug[0]).toMatch(/ignored commentCard 6b0000000000000000000011 on board ffffffffffffffffffffffff: board not tracked/);
    expect(debug[2]).toMatch(/ignored updateCard 6b0000000000000000000013 .*: action type not recorded/);
  });

  /** A delivery shaped like Trello's (model = the board, action = a Turkish commentCard) for a tracked card. */
  const turkishDelivery = async (w: World) => {
    const r = (await ledgerOf(w.store))[0]!;
    const text = '#günlük Şirket İçi eğitim – ödeme adımları ğ ı İ ş ✓ 🚀';
    const body = JSON.stringify({
      model: { id: r.boardId, name: 'Gelişmiş Destek — Müşteri Panosu', url: 'https://trello.com/b/AbCdEfGh/gelismis-destek' },
      action: {
        id: '6b1bd1c0aaaaaaaaaaaa0001',
        idMemberCreator: r.authorId,
        type: 'commentCard',
        date: '2026-11-23T12:00:00.000Z',
        data: {
          text,
          textData: { emoji: {} },
          card: { id: r.cardId, name: 'çiçekçi.com.tr', idShort: 3, shortLink: 'Xy12Ab34' },
          board: { id: r.boardId, name: 'Gelişmiş Destek — Müşteri Panosu', shortLink: 'AbCdEfGh' },
          list: { id: 'l', name: 'Müşteriler' },
        },
        memberCreator: { id: r.authorId, fullName: 'Ayşe Işıkçı', username: 'ayseisikci' },
      },
      webhook: { id: '6b1bd1c0aaaaaaaaaaaa0002', description: 'Nabız', idModel: r.boardId, callbackURL: 'x', active: true },
    });
    return { body, text, boardId: r.boardId, cardId: r.cardId };
  };
  const post = (url: string, body: string, sig?: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/webhooks/trello`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(sig ? { 'x-trello-webhook': sig } : {}), ...headers },
      body,
    });

  it('keeps every fact whatever order the deliveries arrive in: updateComment after deleteComment is an edit, shown folded', async () => {
    world = await startWorld();
    await scanBoards(world.deps);
    const { url, callbackURL } = await serve(world);
    const r = (await ledgerOf(world.store))[0]!;
    const board = { id: r.boardId, name: 'Pano' };
    const card = { id: r.cardId, name: 'Kart' };
    const send = async (action: object) => {
      const body = JSON.stringify({ model: { id: r.boardId }, action });
      return (await post(url, body, signWebhook(SECRET, body, callbackURL))).status;
    };
    // Trello: edited at 10:00:20, deleted at 10:00:40. Delivered: the deletion first, then the edit.
    const del = {
      id: '6b1bd1c0aaaaaaaaaaaa0101',
      idMemberCreator: r.authorId,
      type: 'deleteComment',
      date: '2026-11-22T10:00:40.000Z',
      data: { action: { id: r.actionId }, card, board },
    };
    const upd = {
      id: '6b1bd1c0aaaaaaaaaaaa0102',
      idMemberCreator: r.authorId,
      type: 'updateComment',
      date: '2026-11-22T10:00:20.000Z',
      data: { action: { id: r.actionId, text: '#günlük düzeltilmiş metin' }, old: { text: r.text }, card, board },
    };
    expect(await send(del)).toBe(200);
    expect(await send(upd)).toBe(200);
    const mine = (await ledgerOf(world.store)).filter((x) => x.actionId === r.actionId);
    expect(mine.map((x) => x.type)).toEqual(['comment', 'delete', 'edit']);
    expect(mine[2]).toMatchObject({ text: '#günlük düzeltilmiş metin', oldText: r.text, occurredAt: '2026-11-22T10:00:20.000Z', source: 'webhook' });
    const [c] = await world.store.ledger.comments(r.boardId, [r.actionId]);
    expect(c).toMatchObject({
      text: '#günlük düzeltilmiş metin',
      originalText: r.text,
      editedAt: '2026-11-22T10:00:20.000Z',
      deletedAt: '2026-11-22T10:00:40.000Z',
    });
    // The same deliveries again (Trello retries): nothing twice.
    expect(await send(upd)).toBe(200);
    expect(await send(del)).toBe(200);
    expect((await ledgerOf(world.store)).filter((x) => x.actionId === r.actionId)).toHaveLength(3);
    // A comment whose deletion and edit arrived before the comment itself: all three kept, the first text original.
    const id = '6b1bd1c0aaaaaaaaaaaa0201';
    expect(await send({ ...del, id: '6b1bd1c0aaaaaaaaaaaa0202', data: { action: { id }, card, board } })).toBe(200);
    expect(
      await send({ ...upd, id: '6b1bd1c0aaaaaaaaaaaa0203', data: { action: { id, text: '#günlük ikinci' }, old: { text: '#günlük birinci' }, card, board } }),
    ).toBe(200);
    expect(
      await send({ id, idMemberCreator: r.authorId, type: 'commentCard', date: '2026-11-22T10:00:00.000Z', data: { text: '#günlük birinci', card, board } }),
    ).toBe(200);
    expect((await ledgerOf(world.store)).filter((x) => x.actionId === id).map((x) => x.type)).toEqual(['delete', 'edit', 'comment']);
    const [d] = await world.store.ledger.comments(r.boardId, [id]);
    expect(d).toMatchObject({
      text: '#günlük ikinci',
      originalText: '#günlük birinci',
      postedAt: '2026-11-22T10:00:00.000Z',
      deletedAt: '2026-11-22T10:00:40.000Z',
    });
  });

  it('accepts a real-shaped Turkish delivery signed over UTF-8 bytes: ledger record and re-evaluation', async () => {
    world = await startWorld();
    await scanBoards(world.deps);
    const { url, callbackURL, logs } = await serve(world);
    const d = await turkishDelivery(world);
    const before = (await ledgerOf(world.store)).length;
    const evaluatedBefore = world.store.evaluations.get(d.boardId)?.evaluatedAt;
    world.clock.now = new Date(world.clock.now.getTime() + 60_000);
    const res = await post(url, d.body, signWebhook(SECRET, d.body, callbackURL));
    expect(res.status).toBe(200);
    expect((await ledgerOf(world.store)).length).toBe(before + 1);
    expect((await ledgerOf(world.store)).at(-1)).toMatchObject({
      type: 'comment',
      actionId: '6b1bd1c0aaaaaaaaaaaa0001',
      text: d.text,
      authorName: 'Ayşe Işıkçı',
      source: 'webhook',
    });
    await vi.waitFor(() => expect(world!.store.evaluations.get(d.boardId)?.evaluatedAt).not.toBe(evaluatedBefore));
    expect(world.store.evaluations.get(d.boardId)!.evaluatedAt).toBe(world.clock.now.toISOString());
    // One INFO line for the commit; the delivery itself at debug.
    expect(logs.filter((l) => l.includes(' INFO webhooks:'))).toEqual([
      expect.stringMatching(new RegExp(` INFO webhooks: 1 delivery committed in \\d+ ms: 1 ledger record\\(s\\) \\(board ${d.boardId}: 1\\)$`)),
    ]);
    expect(logs).toContainEqual(
      expect.stringMatching(new RegExp(` DEBUG webhooks: commentCard 6b1bd1c0aaaaaaaaaaaa0001 on board ${d.boardId}: 1 ledger record`)),
    );
  });

  it.each([
    ['the obsolete latin1 rule', (body: string, cb: string) => latin1Signature(SECRET, body, cb)],
    ['a wrong secret', (body: string, cb: string) => signWebhook('wrong-secret', body, cb)],
  ])('refuses the same Turkish delivery signed with %s: 401, nothing stored', async (_n, sign) => {
    world = await startWorld();
    await scanBoards(world.deps);
    const { url, callbackURL } = await serve(world);
    const d = await turkishDelivery(world);
    const before = (await ledgerOf(world.store)).length;
    const res = await post(url, d.body, sign(d.body, callbackURL));
    expect(res.status).toBe(401);
    expect((await ledgerOf(world.store)).length).toBe(before);
  });

  it('refuses a body larger than any real delivery with 413 before reading it, signed or not', async () => {
    world = await startWorld();
    const { url, callbackURL, logs } = await serve(world);
    const big = JSON.stringify({ action: { id: 'x', type: 'commentCard', date: '2026-11-23T12:00:00Z', data: { text: 'ş'.repeat(MAX_WEBHOOK_BYTES) } } });
    const res = await post(url, big, signWebhook(SECRET, big, callbackURL));
    expect(res.status).toBe(413);
    expect(await ledgerOf(world.store)).toHaveLength(0);
    expect(logs.join('\n')).toMatch(/refused a delivery of \d+ bytes .* without reading it/);
    // Chunked (no Content-Length): cut off by the parser at the limit, answered 413 as well.
    const chunks = new ReadableStream({
      start(c) {
        for (let i = 0; i < 8; i++) c.enqueue(new TextEncoder().encode('x'.repeat(64 * 1024)));
        c.close();
      },
    });
    const chunked = await fetch(`${url}/webhooks/trello`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-trello-webhook': 'x' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it('the webhook path answers before express: only HEAD and POST are its own, answers uncompressed with nosniff', async () => {
    world = await startWorld();
    await scanBoards(world.deps);
    const { url, callbackURL } = await serve(world);
    // Any other method on the path goes on to express (no such route there: 404), as before.
    expect((await fetch(`${url}/webhooks/trello`)).status).toBe(404);
    expect((await fetch(`${url}/webhooks/trello`, { method: 'PUT', body: '{}' })).status).toBe(404);
    const d = await turkishDelivery(world);
    // Trello posts to the exact callback URL; a query string does not make it another path.
    const res = await fetch(`${url}/webhooks/trello?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'br, gzip', 'x-trello-webhook': signWebhook(SECRET, d.body, callbackURL) },
      body: d.body,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ recorded: 1 });
  });

  it('a client that goes away in the middle of its body gets no answer, leaves no error, and the next delivery is kept', async () => {
    world = await startWorld();
    await scanBoards(world.deps);
    const { url, callbackURL, logs } = await serve(world);
    const { port } = new URL(url);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`POST /webhooks/trello HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"action":`);
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
    });
    const d = await turkishDelivery(world);
    const res = await post(url, d.body, signWebhook(SECRET, d.body, callbackURL));
    expect(res.status).toBe(200);
    expect(logs.filter((l) => l.includes('ERROR'))).toEqual([]);
  });

  it('a signed delivery of an unknown shape → 400, the zod path in the log, nothing stored', async () => {
    world = await startWorld();
    const { url, callbackURL, logs } = await serve(world);
    const body = JSON.stringify({ model: { id: 'b' }, action: { id: 'a1', type: 'commentCard', date: 12345, data: {} } });
    const res = await post(url, body, signWebhook(SECRET, body, callbackURL));
    expect(res.status).toBe(400);
    expect(logs.join('\n')).toMatch(/unexpected shape at action\.date/);
    expect(await ledgerOf(world.store)).toHaveLength(0);
  });

  it('re-registers a webhook Trello removed (gone from the token list, as after a 410 answer) and /healthz says which boards have one', async () => {
    world = await startWorld({ appSecret: SECRET });
    await scanBoards(world.deps);
    const { url, callbackURL, deps } = await serve(world);
    const keeper = createWebhookKeeper({
      trello: world.deps.trello,
      store: world.store,
      boards: world.boardIds,
      callbackURL,
      log: world.deps.log,
      clock: () => world!.clock.now,
    });
    deps.webhookStatus = keeper.status;
    expect((await (await fetch(`${url}/healthz?detail=1`)).json()).webhookBoards).toEqual([]);
    expect((await keeper.ensure()).every((r) => r.ok && r.created)).toBe(true);
    const [b0, b1] = world.boardIds as [string, string];
    const first = world.store.boards.get(b0)!.webhookId!;
    // Trello deleted b0's webhook (e.g. after a 410 answer); b1's is untouched.
    world.emu.state.webhooks.delete(first);
    let health = await (await fetch(`${url}/healthz?detail=1`)).json();
    expect(health.webhookBoards.map((h: { live: boolean }) => h.live)).toEqual([true, true]); // as of the last check
    const again = await keeper.ensure();
    expect(again.find((r) => r.boardId === b0)).toMatchObject({ ok: true, created: true, reRegistered: true });
    expect(again.find((r) => r.boardId === b1)).toMatchObject({ ok: true, created: false });
    expect(again.find((r) => r.boardId === b1)!.reRegistered).toBeUndefined();
    expect(world.store.boards.get(b0)!.webhookId).not.toBe(first);
    expect([...world.emu.state.webhooks.values()].filter((w) => w.callbackURL === callbackURL)).toHaveLength(2);
    // A webhook Trello deactivated delivers nothing: replaced by an active one.
    const w1 = world.store.boards.get(b1)!.webhookId!;
    world.emu.state.webhooks.get(w1)!.active = false;
    const third = await keeper.ensure();
    expect(third.find((r) => r.boardId === b1)).toMatchObject({ ok: true, created: true, reRegistered: true });
    expect(world.emu.state.webhooks.has(w1)).toBe(false);
    expect([...world.emu.state.webhooks.values()].filter((w) => w.callbackURL === callbackURL && w.active)).toHaveLength(2);
    // A board whose webhook could not be registered is reported as not live.
    world.emu.faults.fail5xxNext(20, 503);
    await keeper.ensure();
    world.emu.faults.reset();
    health = await (await fetch(`${url}/healthz?detail=1`)).json();
    expect(health.webhookBoards.some((h: { live: boolean; error?: string }) => !h.live && h.error)).toBe(true);
    await keeper.ensure();
    health = await (await fetch(`${url}/healthz?detail=1`)).json();
    expect(health.webhookBoards).toEqual([expect.objectContaining({ boardId: b0, live: true }), expect.objectContaining({ boardId: b1, live: true })]);
    expect(health.webhooks).toEqual({ registered: 2 });
  });

  it('PUBLIC_URL changed: each board moves to the new URL once, the old webhooks go, one line says so (no "Trello no longer had" per board)', async () => {
    world = await startWorld({ appSecret: SECRET });
    await scanBoards(world.deps);
    const { callbackURL } = await serve(world);
    const logs: string[] = [];
    const log = createLogger('debug', (l) => logs.push(l));
    const old = createWebhookKeeper({ trello: world.deps.trello, store: world.store, boards: world.boardIds, callbackURL, log, clock: () => world!.clock.now });
    await old.ensure();
    const oldIds = world.boardIds.map((b) => world!.store.boards.get(b)!.webhookId!);
    // The service restarts under a new PUBLIC_URL (the same server answers both in this test).
    const second = await serve(world);
    logs.length = 0;
    const moved = createWebhookKeeper({
      trello: world.deps.trello,
      store: world.store,
      boards: world.boardIds,
      callbackURL: second.callbackURL,
      log,
      clock: () => world!.clock.now,
    });
    const r = await moved.ensure();
    expect(r.every((x) => x.ok && x.created && !x.reRegistered)).toBe(true);
    const newIds = world.boardIds.map((b) => world!.store.boards.get(b)!.webhookId!);
    for (let i = 0; i < newIds.length; i++) expect(newIds[i]).not.toBe(oldIds[i]);
    expect([...world.emu.state.webhooks.values()].map((w) => w.callbackURL)).toEqual(world.boardIds.map(() => second.callbackURL));
    expect(logs.filter((l) => l.includes('no longer had'))).toEqual([]);
    expect(logs.filter((l) => l.includes('callback URL changed'))).toHaveLength(1);
    // The next hourly check finds everything in place: silent.
    logs.length = 0;
    expect((await moved.ensure()).every((x) => x.ok && !x.created)).toBe(true);
    expect(logs.filter((l) => /warn|no longer had|changed/.test(l))).toEqual([]);
  });
});
