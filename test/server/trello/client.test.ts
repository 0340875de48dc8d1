// REST client edge cases against nock (no network: test/setup.ts). Time is injected: `sleep` advances a fake clock.
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createTrelloClient, type TrelloLimits } from '../../../server/src/trello/client.js';
import { TrelloError } from '../../../server/src/trello/errors.js';
import { LimiterRegistry } from '../../../server/src/trello/rate-limiter.js';

const API = 'https://api.trello.com';
const KEY = 'k'.repeat(32);
const TOKEN = 'tok' + '9'.repeat(61);
const BOARD = '5f3a1b2c3d4e5f6a7b8c9d0e';

function fakeTime() {
  let t = Date.parse('2026-11-23T09:00:00Z');
  const sleeps: number[] = [];
  return {
    clock: () => new Date(t),
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    sleeps,
  };
}

function client(limits: TrelloLimits = {}, time = fakeTime()) {
  return {
    time,
    c: createTrelloClient({
      baseUrl: API,
      key: KEY,
      token: TOKEN,
      clock: time.clock,
      sleep: time.sleep,
      random: () => 0.5,
      limits: { registry: new LimiterRegistry(), ...limits },
    }),
  };
}

const board = (cards: unknown[] = [{ id: 'c1', name: 'shop.com.tr', idList: 'l1', closed: false, idMembers: ['m1'], pluginData: [] }]) => ({
  id: BOARD,
  name: 'Ayşe — müşteriler',
  url: `https://trello.com/b/AbCd1234/x`,
  cards,
  lists: [{ id: 'l1', name: 'Müşteriler', closed: false }],
  members: [{ id: 'm1', fullName: 'Ayşe Yılmaz', username: 'ayse' }],
  pluginData: [],
});

const action = (id: string) => ({
  id,
  type: 'commentCard',
  date: '2026-11-20T09:00:00.000Z',
  idMemberCreator: 'm1',
  data: { text: '#günlük', card: { id: 'c1' } },
});
/** A nock query matcher that accepts any query and keeps the last one for assertions. */
function recordQuery() {
  const seen = { query: {} as Record<string, string> };
  return { seen, match: (q: object) => ((seen.query = q as Record<string, string>), true) };
}

const hexId = (n: number) => (0x6900000 + n).toString(16).padStart(8, '0') + '0'.repeat(16);

describe('createTrelloClient', () => {
  it('getBoard: one request with the nested resources, key and token', async () => {
    const { seen, match } = recordQuery();
    nock(API).get(`/1/boards/${BOARD}`).query(match).reply(200, board());
    const { c } = client();
    const b = await c.getBoard(BOARD);
    expect(b.cards).toHaveLength(1);
    expect(seen.query).toMatchObject({ cards: 'open', card_pluginData: 'true', lists: 'all', members: 'all', pluginData: 'true', key: KEY, token: TOKEN });
    expect(c.stats.requests).toBe(1);
  });

  it('429: waits for the rate-limit window, then retries', async () => {
    nock(API).get(`/1/boards/${BOARD}`).query(true).reply(429, { error: 'API_TOKEN_LIMIT_EXCEEDED', message: 'Rate limit exceeded' });
    nock(API).get(`/1/boards/${BOARD}`).query(true).reply(200, board());
    const { c, time } = client();
    await c.getBoard(BOARD);
    expect(time.sleeps).toEqual([10_000]);
    expect(c.stats).toMatchObject({ requests: 2, rateLimited: 1 });
  });

  it('429 with Retry-After honours it', async () => {
    nock(API).get(`/1/boards/${BOARD}`).query(true).reply(429, { error: 'API_KEY_LIMIT_EXCEEDED' }, { 'Retry-After': '3' });
    nock(API).get(`/1/boards/${BOARD}`).query(true).reply(200, board());
    const { c, time } = client();
    await c.getBoard(BOARD);
    expect(time.sleeps).toEqual([3000]);
  });

  it('a 429 storm ends in trello-rate-limited after maxRateLimitTries', async () => {
    nock(API).get(`/1/boards/${BOARD}`).query(true).times(3).reply(429, { error: 'API_TOKEN_LIMIT_EXCEEDED' });
    const { c } = client({ maxRateLimitTries: 3 });
    await expect(c.getBoard(BOARD)).rejects.toMatchObject({ code: 'trello-rate-limited', status: 429 });
  });

  it('5xx and dropped connections: retried with jittered exponential backoff', async () => {
    nock(API).get(`/1/boards/${BOARD}`).query(true).reply(500, 'oops');
    nock(API).get(`/1/boards/${BOARD}`).query(true).replyWithError('socket hang up'); // (object form hangs with axios under nock 14);
    nock(API).get(`/1/boards/${BOARD}`).query(true).reply(503, 'busy');
    nock(API).get(`/1/boards/${BOARD}`).query(true).reply(200, board());
    const { c, time } = client({ backoffMs: 100 });
    await c.getBoard(BOARD);
    // random() = 0.5 → 75 % of 100·2^(n−1)
    expect(time.sleeps).toEqual([75, 150, 300]);
    expect(c.stats.retries).toBe(3);
  });

  it('gives up after maxTries 5xx with a clear error', async () => {
    nock(API).get(`/1/boards/${BOARD}`).query(true).times(5).reply(502, 'bad gateway');
    const { c } = client();
    const err = await c.getBoard(BOARD).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrelloError);
    expect(err).toMatchObject({ code: 'trello-unavailable', status: 502 });
    expect(c.stats.requests).toBe(5);
  });

  it('a timeout is retried, then reported as a network error naming TRELLO_API_URL', async () => {
    nock(API).get(`/1/boards/${BOARD}`).query(true).times(2).delay(300).reply(200, board());
    const { c } = client({ timeoutMs: 50, maxTries: 2 });
    const err = (await c.getBoard(BOARD).catch((e: unknown) => e)) as TrelloError;
    expect(err.code).toBe('trello-network');
    expect(err.message).toMatch(/TRELLO_API_URL/);
  });

  it('401 → trello-auth saying which board and what to check; no secrets in the message', async () => {
    nock(API).get(`/1/boards/${BOARD}`).query(true).reply(401, 'invalid token');
    const { c } = client();
    const err = (await c.getBoard(BOARD).catch((e: unknown) => e)) as TrelloError;
    expect(err.code).toBe('trello-auth');
    expect(err.message).toMatch(new RegExp(`^401 from Trello: TRELLO_TOKEN cannot read board ${BOARD} — check`));
    expect(err.message).not.toContain(TOKEN);
    expect(err.message).not.toContain(KEY);
  });

  it('404 → trello-not-found pointing at NABIZ_BOARDS; 4xx are not retried', async () => {
    nock(API).get(`/1/boards/${BOARD}`).query(true).reply(404, 'The requested resource was not found.');
    const { c } = client();
    await expect(c.getBoard(BOARD)).rejects.toMatchObject({ code: 'trello-not-found', message: expect.stringMatching(/NABIZ_BOARDS/) });
    expect(c.stats.requests).toBe(1);
  });

  it('a malformed response → trello-invalid-response with the path of the bad field', async () => {
    nock(API)
      .get(`/1/boards/${BOARD}`)
      .query(true)
      .reply(200, board([{ id: 'c1', idList: 'l1' }, { name: 'no id' }]));
    const { c } = client();
    const err = (await c.getBoard(BOARD).catch((e: unknown) => e)) as TrelloError;
    expect(err.code).toBe('trello-invalid-response');
    expect(err.fieldPath).toBe('cards.1.id');
    expect(err.message).toContain('field cards.1.id');
  });

  it('listActions pages backwards by date: before = the oldest date + 1 ms, repeats of that millisecond dropped', async () => {
    // Newest first; every third action shares its millisecond with the next one (Trello's order is by date).
    const t0 = Date.parse('2026-11-20T09:00:00.000Z');
    const acts = Array.from({ length: 2003 }, (_, i) => ({
      ...action(hexId(2003 - i)),
      date: new Date(t0 + (2003 - i) * 10 - (i % 3 === 1 ? 10 : 0)).toISOString(),
    }));
    const seen: Array<Record<string, string>> = [];
    nock(API)
      .get(`/1/boards/${BOARD}/actions`)
      .query(true)
      .times(3)
      .reply((uri) => {
        const q = Object.fromEntries(new URL(uri, API).searchParams) as Record<string, string>;
        seen.push(q);
        const before = q.before ? Date.parse(q.before) : Infinity;
        return [200, acts.filter((a) => Date.parse(a.date) < before).slice(0, Number(q.limit))];
      });
    const { c } = client();
    const all = await c.listActions(BOARD, { since: hexId(0), filter: 'commentCard' });
    expect(all.map((a) => a.id)).toEqual(acts.map((a) => a.id)); // all, once, in order
    expect(seen).toHaveLength(3);
    expect(seen[0]).toMatchObject({ limit: '1000', since: hexId(0), filter: 'commentCard' });
    expect(seen[0]!.before).toBeUndefined();
    expect(seen[1]!.before).toBe(new Date(Date.parse(acts[999]!.date) + 1).toISOString());
  });

  it('throttles itself: never more than perToken requests in any window', async () => {
    nock(API).get(`/1/boards/${BOARD}`).query(true).times(7).reply(200, board());
    const time = fakeTime();
    const starts: number[] = [];
    const { c } = client({ perToken: 3, windowMs: 1000 }, time);
    for (let i = 0; i < 7; i++) {
      await c.getBoard(BOARD);
      starts.push(time.clock().getTime());
    }
    for (const s of starts) expect(starts.filter((x) => x > s - 1000 && x <= s).length).toBeLessThanOrEqual(3);
    expect(c.stats.throttledMs).toBeGreaterThan(0);
  });

  it('clients of one key share the key window', async () => {
    nock(API).get(`/1/boards/${BOARD}`).query(true).times(6).reply(200, board());
    const time = fakeTime();
    const registry = new LimiterRegistry();
    const mk = (token: string) =>
      createTrelloClient({
        baseUrl: API,
        key: KEY,
        token,
        clock: time.clock,
        sleep: time.sleep,
        limits: { registry, perKey: 4, perToken: 90, windowMs: 1000 },
      });
    const a = mk('a'.repeat(64));
    const b = mk('b'.repeat(64));
    await Promise.all([a.getBoard(BOARD), a.getBoard(BOARD), a.getBoard(BOARD), b.getBoard(BOARD), b.getBoard(BOARD), b.getBoard(BOARD)]);
    expect(time.sleeps.length).toBeGreaterThan(0);
    expect(a.stats.throttledMs + b.stats.throttledMs).toBeGreaterThanOrEqual(1000);
  });

  it('postComment sends the text in the JSON body (long texts hit 414 in a query string)', async () => {
    let body: unknown;
    nock(API)
      .post('/1/cards/c1/actions/comments', (b) => {
        body = b;
        return true;
      })
      .query(true)
      .reply(200, action(hexId(1)));
    const { c } = client();
    const text = '#haftalık\nDisk: 3,1 / 4 GB\n' + 'x'.repeat(9000);
    await c.postComment('c1', text);
    expect(body).toEqual({ text });
  });

  it('listWebhooks: the token in the path never reaches an error message', async () => {
    nock(API).get(`/1/tokens/${TOKEN}/webhooks`).query(true).reply(403, 'unauthorized permission requested');
    const { c } = client();
    const err = (await c.listWebhooks().catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('/1/tokens/{token}/webhooks');
    expect(err.message).not.toContain(TOKEN);
  });

  it('batch refuses more than 10 urls before sending anything', async () => {
    const { c } = client();
    expect(() => c.batch(Array.from({ length: 11 }, (_, i) => `/cards/c${i}`))).toThrow(/1–10 urls/);
    expect(c.stats.requests).toBe(0);
  });

  it('label writes: the add answers a plain array of label ids, the removal { _value: null }', async () => {
    const LABEL = '6a1b2c3d4e5f6a7b8c9d0e1f';
    const { seen, match } = recordQuery();
    nock(API)
      .post('/1/cards/c1/idLabels')
      .query(match)
      .reply(200, ['l0', LABEL])
      .delete(`/1/cards/c1/idLabels/${LABEL}`)
      .query(true)
      .reply(200, { _value: null });
    const { c } = client();
    const ids: string[] = await c.addLabel('c1', LABEL);
    expect(ids).toEqual(['l0', LABEL]);
    expect(seen.query.value).toBe(LABEL);
    await expect(c.removeLabel('c1', LABEL)).resolves.toEqual({ _value: null });
  });

  it("label writes: an answer that is not the card's label ids is a trello-invalid-response", async () => {
    nock(API)
      .post('/1/cards/c1/idLabels')
      .query(true)
      .reply(200, { id: 'c1', idLabels: ['l1'] });
    nock(API).delete('/1/cards/c1/idLabels/l1').query(true).reply(200, 'OK');
    const { c } = client();
    await expect(c.addLabel('c1', 'l1')).rejects.toMatchObject({ code: 'trello-invalid-response' });
    await expect(c.removeLabel('c1', 'l1')).rejects.toMatchObject({ code: 'trello-invalid-response' });
  });

  it('getBoardLabels: one light request with every label (not the nested default of 50)', async () => {
    const { seen, match } = recordQuery();
    nock(API)
      .get(`/1/boards/${BOARD}`)
      .query(match)
      .reply(200, { id: BOARD, labels: [{ id: 'l1', name: 'Nabız: eksik kayıt', color: 'red' }], cards: [{ id: 'c1', closed: false, idLabels: ['l1'] }] });
    const { c } = client();
    const b = await c.getBoardLabels(BOARD);
    expect(b.cards[0]!.idLabels).toEqual(['l1']);
    expect(seen.query).toMatchObject({ cards: 'open', card_fields: 'idLabels,closed', labels: 'all', labels_limit: '1000' });
    expect(seen.query.card_pluginData).toBeUndefined();
  });
});
