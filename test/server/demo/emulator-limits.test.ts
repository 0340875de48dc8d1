// Emulator: /1/batch, rate limits (per token, per key), fault injection and the request counter.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../server/src/demo/emulator.js';
import { BOARD_ID, call, CARD_ID, KEY, MEMBER, OTHER_TOKEN, smallBoard, TOKEN } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ key: KEY, token: TOKEN, extraTokens: [OTHER_TOKEN, 'third'], tokenMembers: { [TOKEN]: MEMBER.id }, boards: [smallBoard()] });
});
afterAll(() => emu.close());
afterEach(() => {
  emu.faults.reset();
  emu.requests.reset();
});

describe('/1/batch', () => {
  it('answers one {status: body} per url, in order, without the /1 prefix', async () => {
    const urls = [`/boards/${BOARD_ID}/cards`, `/cards/${CARD_ID}/pluginData`, '/cards/5f0000000000000000000000', `/boards/${BOARD_ID}?fields=name,url`].join(
      ',',
    );
    const r = await call(emu.url, 'GET', '/1/batch', { query: { urls } });
    expect(r.status).toBe(200);
    expect(r.json).toHaveLength(4);
    expect(r.json[0]['200'][0].id).toBe(CARD_ID);
    expect(r.json[1]['200'][0].idModel).toBe(CARD_ID);
    expect(r.json[2]).toEqual({ '404': 'The requested resource was not found.' });
    expect(Object.keys(r.json[3]['200']).sort()).toEqual(['id', 'name', 'url']); // a comma inside a url's query is kept
  });

  it('refuses more than 10 urls, and nested batch or /1-prefixed urls per item', async () => {
    const eleven = Array.from({ length: 11 }, () => `/boards/${BOARD_ID}`).join(',');
    expect((await call(emu.url, 'GET', '/1/batch', { query: { urls: eleven } })).status).toBe(400);
    const r = await call(emu.url, 'GET', '/1/batch', { query: { urls: `/batch?urls=/boards/${BOARD_ID},/1/boards/${BOARD_ID}` } });
    expect(r.json.map((x: object) => Object.keys(x)[0])).toEqual(['400', '400']);
  });

  it('counts as one request, sub-requests listed under batch:', async () => {
    await call(emu.url, 'GET', '/1/batch', { query: { urls: `/boards/${BOARD_ID}/cards,/boards/${BOARD_ID}/lists` } });
    expect(emu.requests.total).toBe(1);
    expect(emu.requests.byRoute).toMatchObject({ 'GET /1/batch': 1, 'batch:GET /1/boards/:id/cards': 1, 'batch:GET /1/boards/:id/lists': 1 });
  });
});

describe('rate limits', () => {
  it('per token: the 101st request in the window is a 429 API_TOKEN_LIMIT_EXCEEDED; another token still passes', async () => {
    emu.faults.rateLimits = { perToken: 100, perKey: 300, windowMs: 60_000 };
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) statuses.push((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`, { query: { fields: 'name' } })).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const r = await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`);
    expect(r.status).toBe(429);
    expect(r.json).toEqual({ error: 'API_TOKEN_LIMIT_EXCEEDED', message: 'Rate limit exceeded' });
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`, { auth: { key: KEY, token: OTHER_TOKEN } })).status).toBe(200);
  });

  it('per key: tokens of one key share its budget (API_KEY_LIMIT_EXCEEDED)', async () => {
    emu.faults.rateLimits = { perToken: 5, perKey: 8, windowMs: 60_000 };
    const seen: number[] = [];
    for (const t of [TOKEN, OTHER_TOKEN, 'third'])
      for (let i = 0; i < 3; i++) seen.push((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`, { auth: { key: KEY, token: t } })).status);
    expect(seen.filter((s) => s === 200)).toHaveLength(8);
    const last = await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`, { auth: { key: KEY, token: 'third' } });
    expect(last.json).toEqual({ error: 'API_KEY_LIMIT_EXCEEDED', message: 'Rate limit exceeded' });
  });

  it('the window slides: requests pass again once it has gone by', async () => {
    emu.faults.rateLimits = { perToken: 3, perKey: 300, windowMs: 1500 };
    for (let i = 0; i < 3; i++) expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`)).status).toBe(200);
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`)).status).toBe(429);
    await new Promise((r) => setTimeout(r, 1600));
    const ok = await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-rate-limit-api-token-remaining')).toBe('2');
  });

  it('more than 200 refusals for a key block the rest of the window', async () => {
    emu.faults.rateLimits = { perToken: 1, perKey: 300, windowMs: 60_000 };
    await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`);
    for (let i = 0; i < 201; i++) await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`);
    // a fresh token of the same key is now refused too
    const r = await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`, { auth: { key: KEY, token: OTHER_TOKEN } });
    expect(r.status).toBe(429);
  });
});

describe('fault injection', () => {
  it('fail429Next(n): a burst of n 429s, then normal service', async () => {
    emu.faults.fail429Next(2);
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`)).status).toBe(429);
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`)).json).toEqual({ error: 'API_TOKEN_LIMIT_EXCEEDED', message: 'Rate limit exceeded' });
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`)).status).toBe(200);
  });

  it('fail5xxNext(n, status)', async () => {
    emu.faults.fail5xxNext(1);
    emu.faults.fail5xxNext(1, 503);
    const r = await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`);
    expect(r.status).toBe(503);
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`)).status).toBe(503);
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`)).status).toBe(200);
  });

  it('dropNext(n) destroys the socket: the client sees a network error', async () => {
    emu.faults.dropNext(1);
    await expect(call(emu.url, 'GET', `/1/boards/${BOARD_ID}`)).rejects.toThrow();
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`)).status).toBe(200);
  });

  it('latencyMs delays every response by at least that much', async () => {
    emu.faults.latencyMs = 60;
    const t0 = performance.now();
    await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(55);
  });

  it('faults apply before auth and count as requests; reset() clears everything', async () => {
    emu.faults.fail5xxNext(5);
    emu.faults.latencyMs = 10;
    emu.faults.rateLimits = { perToken: 1, perKey: 1, windowMs: 60_000 };
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`, { auth: false })).status).toBe(500);
    emu.faults.reset();
    expect(emu.faults.latencyMs).toBe(0);
    expect(emu.faults.rateLimits).toEqual({ perToken: 100, perKey: 300, windowMs: 10_000 });
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`)).status).toBe(200);
    expect((await call(emu.url, 'GET', `/1/boards/${BOARD_ID}`)).status).toBe(200);
    expect(emu.requests.total).toBe(3);
    expect(emu.requests.byRoute['GET /1/boards/:id']).toBe(3);
  });
});
