// Emulator webhooks: HEAD check at creation, signed POSTs (base64 HMAC-SHA1 of body + callbackURL, latin1),
// updateComment with the old text, deleteComment without text, 410 deletes the webhook (docs/trello.md §9).
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook, startEmulator, type Emulator } from '../../../server/src/demo/emulator.js';
import { BOARD_ID, call, CARD_ID, KEY, LEAD, MEMBER, NOW, OTHER_TOKEN, smallBoard, TOKEN } from './helpers.js';

interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  raw: Buffer;
}

const SECRET = 'uygulama-gizli-anahtarı';
let emu: Emulator;
let hook: Server;
let hookUrl: string;
const received: Received[] = [];
/** Status the callback answers, per path. */
const answer: Record<string, number> = {};

beforeAll(async () => {
  hook = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method!, path: req.url!, headers: req.headers, raw: Buffer.concat(chunks) });
      res.statusCode = answer[req.url!] ?? 200;
      res.end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}`;
  emu = await startEmulator({
    key: KEY,
    token: TOKEN,
    extraTokens: [OTHER_TOKEN],
    tokenMembers: { [TOKEN]: MEMBER.id },
    boards: [smallBoard()],
    appSecret: SECRET,
    clock: () => NOW,
  });
});
afterAll(async () => {
  await emu.close();
  await new Promise<void>((r) => hook.close(() => r()));
});

/** What a receiver does (docs/operations.md): recompute over the raw body + the callback URL as registered. */
function verify(raw: Buffer, callbackURL: string, header: string | undefined): boolean {
  // Trello's rule: the raw body bytes, then the callback URL's UTF-8 bytes.
  const expected = createHmac('sha1', SECRET).update(raw).update(callbackURL, 'utf8').digest('base64');
  return header === expected;
}

describe('webhooks', () => {
  it('creation HEADs the callback first; a non-200 answer refuses it', async () => {
    answer['/bad'] = 404;
    const bad = await call(emu.url, 'POST', '/1/webhooks', { query: { callbackURL: `${hookUrl}/bad`, idModel: BOARD_ID } });
    expect(bad.status).toBe(400);
    expect(bad.text).toBe(`URL (${hookUrl}/bad) did not return 200 status code, got 404`);
    expect(received.at(-1)).toMatchObject({ method: 'HEAD', path: '/bad' });
    expect((await call(emu.url, 'POST', '/1/webhooks', { query: { callbackURL: 'not a url', idModel: BOARD_ID } })).status).toBe(400);
    expect((await call(emu.url, 'POST', '/1/webhooks', { query: { callbackURL: `${hookUrl}/x`, idModel: '5f0000000000000000000000' } })).status).toBe(400);
  });

  it('creates, lists per token, refuses duplicates and other tokens', async () => {
    const r = await call(emu.url, 'POST', '/1/webhooks', { body: { callbackURL: `${hookUrl}/trello?ş=1`, idModel: BOARD_ID, description: 'Nabız' } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ idModel: BOARD_ID, callbackURL: `${hookUrl}/trello?ş=1`, active: true, description: 'Nabız', consecutiveFailures: 0 });
    expect(r.json.token).toBeUndefined();
    expect((await call(emu.url, 'POST', '/1/webhooks', { query: { callbackURL: `${hookUrl}/trello?ş=1`, idModel: BOARD_ID } })).status).toBe(400);
    const mine = await call(emu.url, 'GET', `/1/tokens/${TOKEN}/webhooks`);
    expect(mine.json.map((w: { id: string }) => w.id)).toEqual([r.json.id]);
    expect((await call(emu.url, 'GET', `/1/tokens/${OTHER_TOKEN}/webhooks`, { auth: { key: KEY, token: OTHER_TOKEN } })).json).toEqual([]);
    expect((await call(emu.url, 'DELETE', `/1/webhooks/${r.json.id}`, { auth: { key: KEY, token: OTHER_TOKEN } })).status).toBe(401);
  });

  it('card members: POST / DELETE idMembers and PUT idMembers record addMemberToCard / removeMemberFromCard (listed, delivered)', async () => {
    received.length = 0;
    const add = await call(emu.url, 'POST', `/1/cards/${CARD_ID}/idMembers`, { query: { value: LEAD.id } });
    expect(add.status).toBe(200);
    expect(add.json.map((m: { id: string }) => m.id)).toEqual([MEMBER.id, LEAD.id]);
    expect((await call(emu.url, 'POST', `/1/cards/${CARD_ID}/idMembers`, { query: { value: LEAD.id } })).status).toBe(400); // already on it
    expect((await call(emu.url, 'POST', `/1/cards/${CARD_ID}/idMembers`, { query: { value: '5f0000000000000000000000' } })).status).toBe(400);
    const del = await call(emu.url, 'DELETE', `/1/cards/${CARD_ID}/idMembers/${MEMBER.id}`);
    expect(del.json.map((m: { id: string }) => m.id)).toEqual([LEAD.id]);
    expect((await call(emu.url, 'DELETE', `/1/cards/${CARD_ID}/idMembers/${MEMBER.id}`)).status).toBe(400); // not on it
    // Replacing the members records one action per change.
    expect((await call(emu.url, 'PUT', `/1/cards/${CARD_ID}`, { query: { idMembers: MEMBER.id } })).status).toBe(200);
    const listed = (await call(emu.url, 'GET', `/1/boards/${BOARD_ID}/actions`, { query: { filter: 'addMemberToCard,removeMemberFromCard' } })).json as Array<{
      type: string;
      date: string;
      idMemberCreator: string;
      data: { idMember: string; card: { id: string } };
      member: { id: string };
    }>;
    expect(listed.map((a) => [a.type, a.data.idMember])).toEqual([
      ['addMemberToCard', MEMBER.id],
      ['removeMemberFromCard', LEAD.id],
      ['removeMemberFromCard', MEMBER.id],
      ['addMemberToCard', LEAD.id],
    ]);
    expect(listed[3]).toMatchObject({
      date: NOW.toISOString(),
      idMemberCreator: MEMBER.id,
      data: { card: { id: CARD_ID }, board: { id: BOARD_ID } },
      member: { id: LEAD.id },
    });
    await emu.flushWebhooks();
    const types = received.filter((r) => r.method === 'POST').map((p) => (JSON.parse(p.raw.toString('utf8')) as { action: { type: string } }).action.type);
    expect(types).toEqual(['addMemberToCard', 'removeMemberFromCard', 'removeMemberFromCard', 'addMemberToCard']);
  });

  it('delivers signed comment create / edit / delete; updateComment carries the old text, deleteComment none', async () => {
    const url = `${hookUrl}/trello?ş=1`;
    received.length = 0;
    const c = (await call(emu.url, 'POST', `/1/cards/${CARD_ID}/actions/comments`, { query: { text: '#günlük Eğitim – ödeme adımları ✓' } })).json;
    await call(emu.url, 'PUT', `/1/actions/${c.id}`, { query: { text: '#günlük Eğitim — kargo ayarları' } });
    await call(emu.url, 'DELETE', `/1/actions/${c.id}`);
    await emu.flushWebhooks();
    const posts = received.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(3);
    for (const p of posts) {
      expect(p.headers['content-type']).toBe('application/json');
      expect(verify(p.raw, url, p.headers['x-trello-webhook'] as string)).toBe(true);
      expect(verify(p.raw, url + 'x', p.headers['x-trello-webhook'] as string)).toBe(false);
      expect(signWebhook(SECRET, p.raw.toString('utf8'), url)).toBe(p.headers['x-trello-webhook']);
    }
    const bodies = posts.map((p) => JSON.parse(p.raw.toString('utf8')));
    expect(bodies.map((b) => b.action.type)).toEqual(['commentCard', 'updateComment', 'deleteComment']);
    expect(bodies[0].model).toMatchObject({ id: BOARD_ID, name: 'Gelişmiş Destek — Elif Yılmaz' });
    expect(bodies[0].action.data.text).toBe('#günlük Eğitim – ödeme adımları ✓');
    expect(bodies[1].action.data).toMatchObject({
      action: { id: c.id, text: '#günlük Eğitim — kargo ayarları' },
      old: { text: '#günlük Eğitim – ödeme adımları ✓' },
    });
    expect(bodies[2].action.data.action).toEqual({ id: c.id });
    expect(JSON.stringify(bodies[2])).not.toContain('kargo');
    // The encoding matters here: the obsolete latin1 rule gives another signature for this non-ASCII body.
    const latin1 = createHmac('sha1', SECRET)
      .update(Buffer.from(posts[0]!.raw.toString('utf8') + url, 'latin1'))
      .digest('base64');
    expect(latin1).not.toBe(posts[0]!.headers['x-trello-webhook']);
    expect(emu.deliveries.slice(-3).map((d) => d.status)).toEqual([200, 200, 200]);
  });

  it('a card webhook sees only its card; a callback answering 410 Gone deletes the webhook', async () => {
    const r = await call(emu.url, 'POST', '/1/webhooks', { query: { callbackURL: `${hookUrl}/gone`, idModel: CARD_ID } });
    expect(r.status).toBe(200);
    answer['/gone'] = 410;
    received.length = 0;
    await call(emu.url, 'POST', `/1/cards/${CARD_ID}/actions/comments`, { query: { text: 'not: bir not' } });
    await emu.flushWebhooks();
    const gone = received.filter((x) => x.path === '/gone' && x.method === 'POST');
    expect(gone).toHaveLength(1);
    expect(JSON.parse(gone[0]!.raw.toString()).model.id).toBe(CARD_ID);
    expect(emu.state.webhooks.has(r.json.id)).toBe(false);
    expect((await call(emu.url, 'GET', `/1/webhooks/${r.json.id}`)).status).toBe(404);
  });

  it('failed deliveries count consecutiveFailures; DELETE /1/webhooks/:id stops deliveries', async () => {
    const r = await call(emu.url, 'POST', '/1/webhooks', { query: { callbackURL: `${hookUrl}/flaky`, idModel: BOARD_ID } });
    answer['/flaky'] = 500;
    await call(emu.url, 'POST', `/1/cards/${CARD_ID}/actions/comments`, { query: { text: 'deneme' } });
    await emu.flushWebhooks();
    expect((await call(emu.url, 'GET', `/1/webhooks/${r.json.id}`)).json).toMatchObject({
      consecutiveFailures: 1,
      firstConsecutiveFailDate: NOW.toISOString(),
    });
    expect((await call(emu.url, 'DELETE', `/1/webhooks/${r.json.id}`)).status).toBe(200);
    received.length = 0;
    await call(emu.url, 'POST', `/1/cards/${CARD_ID}/actions/comments`, { query: { text: 'deneme 2' } });
    await emu.flushWebhooks();
    expect(received.filter((x) => x.path === '/flaky')).toEqual([]);
  });
});
