// HEAD|POST /webhooks/trello against the emulator's real signed deliveries; forged ones are refused.
import { ledgerOf } from '../store/helpers.js';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config.js';
import { signWebhook } from '../../../server/src/demo/emulator.js';
import { createApp } from '../../../server/src/http/app.js';
import { HttpError, type AppDeps } from '../../../server/src/http/deps.js';
import { verifyWebhookSignature, webhookCallbackUrl, webhookSignature } from '../../../server/src/http/routes/webhooks.js';
import { createLogger } from '../../../server/src/log.js';
import { scanBoards } from '../../../server/src/scan/scan-boards.js';
import { verifyLedger } from '../../../server/src/store/ledger.js';
import { snapshotOf } from '../../../server/src/store/store.js';
import { registerWebhooks } from '../../../server/src/trello/webhooks.js';
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
  const config = loadConfig({ TRELLO_KEY: KEY, TRELLO_TOKEN: TOKEN, NABIZ_BOARDS: w.boardIds.join(','), TRELLO_API_URL: w.emu.url, ...(secret ? { TRELLO_APP_SECRET: secret } : {}) });
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

describe('webhook signature', () => {
  it('is base64 HMAC-SHA1 over the latin1 bytes of body + callback URL (same as Trello/the emulator)', () => {
    const body = JSON.stringify({ action: { data: { text: 'Günlük – kontrol ✓' } } });
    const url = 'https://nabiz.example.com/webhooks/trello';
    expect(webhookSignature('s3cret', body, url)).toBe(signWebhook('s3cret', body, url));
    expect(verifyWebhookSignature('s3cret', Buffer.from(body, 'utf8'), url, signWebhook('s3cret', body, url))).toBe(true);
    expect(verifyWebhookSignature('s3cret', body, url + '/', signWebhook('s3cret', body, url))).toBe(false);
    expect(verifyWebhookSignature('other', body, url, signWebhook('s3cret', body, url))).toBe(false);
    expect(verifyWebhookSignature('s3cret', body, url, undefined)).toBe(false);
    expect(verifyWebhookSignature('s3cret', body, url, 'short')).toBe(false);
  });
});

describe('/webhooks/trello', () => {
  it('registers per board (HEAD check passes) and records edits with the old text and deletions', async () => {
    world = await startWorld({ appSecret: SECRET });
    await scanBoards(world.deps);
    const { callbackURL } = await serve(world);
    const reg = await registerWebhooks({ trello: world.deps.trello, store: world.store, boards: world.boardIds, callbackURL, log: world.deps.log });
    expect(reg.every((r) => r.ok && r.created)).toBe(true);
    expect(world.store.data.boards[world.boardIds[0]!]!.webhookId).toBe(reg[0]!.webhookId);
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
    expect(tail[0]).toMatchObject({ type: 'edit', actionId: target.actionId, oldText: target.text, text: '#günlük sonradan değişti', source: 'webhook', occurredAt: world.clock.now.toISOString() });
    expect(tail[1]).toMatchObject({ type: 'delete', actionId: victim.actionId, oldText: victim.text, source: 'webhook' });
    expect(verifyLedger((await ledgerOf(world.store))).ok).toBe(true);
    const c = (await snapshotOf(world.store, target.boardId))!.comments.find((x) => x.id === target.actionId)!;
    expect(c).toMatchObject({ originalText: target.text, text: '#günlük sonradan değişti' });
    // The full pass later sees the same edit: nothing is recorded twice.
    const n = (await ledgerOf(world.store)).length;
    await scanBoards(world.deps, { full: true });
    expect((await ledgerOf(world.store)).length).toBe(n);
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
      action: { id: '6b0000000000000000000001', type: 'deleteComment', date: '2026-11-23T15:00:00.000Z', idMemberCreator: r.authorId, data: { action: { id: r.actionId }, card: { id: r.cardId }, board: { id: r.boardId } } },
    });
    const sig = sign(body, callbackURL);
    const res = await fetch(`${url}/webhooks/trello`, { method: 'POST', headers: { 'content-type': 'application/json', ...(sig ? { 'x-trello-webhook': sig } : {}) }, body });
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
    const body = JSON.stringify({ model: { id: 'ffffffffffffffffffffffff' }, action: { id: '6b0000000000000000000002', type: 'commentCard', date: '2026-11-23T15:00:00.000Z', idMemberCreator: 'm', data: { text: '#günlük', card: { id: 'c' }, board: { id: 'ffffffffffffffffffffffff' } } } });
    const res = await fetch(`${url}/webhooks/trello`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-trello-webhook': signWebhook(SECRET, body, callbackURL) }, body });
    expect(res.status).toBe(200);
    expect((await ledgerOf(world.store))).toHaveLength(0);
  });
});
