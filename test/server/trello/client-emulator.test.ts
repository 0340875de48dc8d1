// The REST client's write and helper calls against the emulator (Trello's shapes and rules).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTrelloClient } from '../../../server/src/trello/client.js';
import { LimiterRegistry } from '../../../server/src/trello/rate-limiter.js';
import { KEY, authorToken, startWorld, type World } from '../scan/world.js';

let world: World | undefined;
let hook: Server | undefined;
afterEach(async () => {
  await world?.close();
  hook?.close();
  world = hook = undefined;
});

describe('createTrelloClient against the emulator', () => {
  it('comments: post, read back, edit (author only), delete', async () => {
    world = await startWorld({ boards: 1 });
    const board = await world.deps.trello.getBoard(world.boardIds[0]!);
    const card = board.cards[0]!;
    const memberId = card.idMembers![0]!;
    const author = createTrelloClient({ baseUrl: world.emu.url, key: KEY, token: authorToken(memberId), limits: { registry: new LimiterRegistry() } });
    const posted = await author.postComment(card.id, '#günlük\nDisk: %78');
    expect(posted).toMatchObject({ type: 'commentCard', data: { text: '#günlük\nDisk: %78', card: { id: card.id } }, idMemberCreator: memberId });
    expect((await world.deps.trello.getAction(posted.id)).data?.text).toBe('#günlük\nDisk: %78');
    // The service token is not the author: Trello refuses with 401 and the error says so.
    await expect(world.deps.trello.editComment(card.id, posted.id, 'x')).rejects.toMatchObject({ code: 'trello-auth', status: 401 });
    await author.editComment(card.id, posted.id, '#günlük düzeltildi');
    const edited = await world.deps.trello.getAction(posted.id);
    expect(edited.data).toMatchObject({ text: '#günlük düzeltildi', dateLastEdited: expect.any(String) });
    await author.deleteComment(card.id, posted.id);
    await expect(world.deps.trello.getAction(posted.id)).rejects.toMatchObject({ code: 'trello-not-found' });
  });

  it('labels: create on the board, add to and remove from a card', async () => {
    world = await startWorld({ boards: 1 });
    const boardId = world.boardIds[0]!;
    const card = (await world.deps.trello.getBoard(boardId)).cards[0]!;
    const label = await world.deps.trello.createLabel(boardId, { name: 'Nabız: eksik kayıt', color: 'red' });
    expect(label).toMatchObject({ name: 'Nabız: eksik kayıt', color: 'red' });
    expect(await world.deps.trello.addLabel(card.id, label.id)).toEqual([label.id]);
    await world.deps.trello.removeLabel(card.id, label.id);
    const again = await world.deps.trello.getBoard(boardId);
    expect((again.cards[0] as { idLabels?: string[] }).idLabels).toEqual([]);
  });

  it('batch: up to 10 GETs in one request, each with its own status', async () => {
    world = await startWorld({ boards: 1 });
    const [c0, c1] = (await world.deps.trello.getBoard(world.boardIds[0]!)).cards;
    world.emu.requests.reset();
    const r = await world.deps.trello.batch([`/cards/${c0!.id}`, `/cards/${c1!.id}/pluginData`, '/cards/ffffffffffffffffffffffff']);
    expect(world.emu.requests.total).toBe(1);
    expect(Object.keys(r[0]!)).toEqual(['200']);
    expect(Object.keys(r[2]!)).toEqual(['404']);
  });

  it('webhooks: created after a HEAD check of the callback, listed for the token, deleted', async () => {
    world = await startWorld({ boards: 1 });
    const seen: string[] = [];
    hook = createServer((req, res) => {
      seen.push(req.method!);
      res.end();
    }).listen(0, '127.0.0.1');
    await new Promise((r) => hook!.once('listening', r));
    const callbackURL = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/webhooks/trello`;
    const w = await world.deps.trello.createWebhook({ callbackURL, idModel: world.boardIds[0]! });
    expect(seen).toContain('HEAD');
    expect(await world.deps.trello.listWebhooks()).toEqual([expect.objectContaining({ id: w.id, callbackURL, idModel: world.boardIds[0] })]);
    await world.deps.trello.deleteWebhook(w.id);
    expect(await world.deps.trello.listWebhooks()).toEqual([]);
  });
});
