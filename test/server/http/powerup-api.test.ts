// /api (JWT-guarded status + refresh), /powerup (CSP, app key, no dev host) and /demo routes against a real
// server + emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoJwtKeys } from '../../../server/src/demo/jwt-keys.js';
import { createStatusClient } from '../../../powerup/src/status-client.js';
import { startPowerUpServer, E2E_KEY, E2E_TOKEN, type PowerUpServer } from '../../e2e/helpers/powerup-server.js';

let s: PowerUpServer;
let board: string;
let member: string;

beforeAll(async () => {
  s = await startPowerUpServer();
  board = s.boards[0]!;
  member = s.workspace.specialists.find((x) => x.boardId === board)!.id;
}, 120_000);
afterAll(() => s?.close());

const get = (path: string, token?: string) => fetch(`${s.url}${path}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});

describe('GET /api/boards/:id/status', () => {
  it('answers every customer card of the board to a valid t.jwt()', async () => {
    const res = await get(`/api/boards/${board}/status`, await s.signJwt({ idBoard: board, idMember: member }));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { boardId: string; cards: Record<string, { missing: number; goLive: unknown }> };
    expect(body.boardId).toBe(board);
    const clean = s.workspace.expectations.cases.clean!.find((id) => s.workspace.expectations.byCard[id]!.boardId === board)!;
    expect(body.cards[clean]).toMatchObject({ missing: 0 });
    const archived = s.workspace.expectations.cases.archived ?? [];
    for (const id of archived) expect(body.cards[id]).toBeUndefined();
  });

  it('has an ETag: If-None-Match gets a 304 without a body; bodies are compressed once per version; the Power-Up client revalidates', async () => {
    const token = await s.signJwt({ idBoard: board, idMember: member });
    const auth = { Authorization: `Bearer ${token}` };
    const r1 = await fetch(`${s.url}/api/boards/${board}/status`, { headers: { ...auth, 'Accept-Encoding': 'br' } });
    expect(r1.status).toBe(200);
    expect(r1.headers.get('content-encoding')).toBe('br');
    const etag = r1.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const body1 = await r1.text();
    const r2 = await fetch(`${s.url}/api/boards/${board}/status`, { headers: { ...auth, 'Accept-Encoding': 'gzip' } });
    expect(r2.headers.get('etag')).toBe(etag); // same version, same body, whatever the encoding
    expect(r2.headers.get('content-encoding')).toBe('gzip');
    expect(await r2.text()).toBe(body1);
    const r3 = await fetch(`${s.url}/api/boards/${board}/status`, { headers: { ...auth, 'If-None-Match': etag } });
    expect(r3.status).toBe(304);
    expect(await r3.text()).toBe('');
    expect((await fetch(`${s.url}/api/boards/${board}/status`, { headers: { ...auth, 'If-None-Match': '"other"' } })).status).toBe(200);

    // The Power-Up's status client sends If-None-Match on its next fetch and keeps the status it holds on a 304.
    const seen: number[] = [];
    let now = 1_000_000;
    const client = createStatusClient({
      baseUrl: s.url,
      now: () => now,
      fetch: async (u, i) => {
        const res = await fetch(u, i);
        seen.push(res.status);
        return res;
      },
    });
    const t = { getContext: () => ({ board }), jwt: async () => token } as unknown as Parameters<typeof client.get>[0];
    const a = await client.get(t);
    now += 1000;
    const b = await client.get(t, { notBefore: now });
    expect(seen).toEqual([200, 304]);
    expect(b.status).toEqual(a.status);
    expect(b.fetchedAt).toBe(now);
  });

  it('tells the Power-Up whether the asking member may open the manager dashboard (NABIZ_PEOPLE), per request', async () => {
    const ask = async (idMember: string) =>
      ((await (await get(`/api/boards/${board}/status`, await s.signJwt({ idBoard: board, idMember }))).json()) as { viewer?: { dashboard: boolean } }).viewer;
    expect(await ask(member)).toEqual({ dashboard: false });
    for (const p of s.workspace.people) expect(await ask(p.trelloId), p.role).toEqual({ dashboard: true });
    expect(await ask(member)).toEqual({ dashboard: false }); // not cached across members
  });

  it('refuses: no token 401, forged 401, expired 401, other plugin 403, untracked board 403, other board’s token 403', async () => {
    expect((await get(`/api/boards/${board}/status`)).status).toBe(401);
    const forged = await (await createDemoJwtKeys()).signJwt({ idBoard: board, idMember: member, idPlugin: '5e0be1c0000000000000e2e0' });
    expect((await get(`/api/boards/${board}/status`, forged)).status).toBe(401);
    const expired = await s.signJwt({ idBoard: board, idMember: member }, new Date(Date.now() - 20 * 60_000));
    expect((await get(`/api/boards/${board}/status`, expired)).status).toBe(401);
    expect((await get(`/api/boards/${board}/status`, await s.signJwt({ idBoard: board, idMember: member, idPlugin: 'another-plugin' }))).status).toBe(403);
    expect((await get(`/api/boards/5e0be1c0000000000000beef/status`, await s.signJwt({ idBoard: '5e0be1c0000000000000beef', idMember: member }))).status).toBe(
      403,
    );
    expect((await get(`/api/boards/${s.boards[1]}/status`, await s.signJwt({ idBoard: board, idMember: member }))).status).toBe(403);
  });

  it('POST /api/boards/:id/refresh scans now, so a just-posted entry counts', async () => {
    const token = await s.signJwt({ idBoard: board, idMember: member });
    const before = (await (await get(`/api/boards/${board}/status`, token)).json()) as {
      cards: Record<string, { findings: Array<{ rule: string; status: string; period: string }> }>;
    };
    const [cardId, st] = Object.entries(before.cards).find(([, c]) => c.findings.some((f) => f.rule === 'daily' && f.status === 'missing'))!;
    const day = st.findings.find((f) => f.rule === 'daily' && f.status === 'missing')!.period;
    await s.postComment(cardId, `#günlük ${day}`);
    expect((await fetch(`${s.url}/api/boards/${board}/refresh`, { method: 'POST' })).status).toBe(401);
    const r = await fetch(`${s.url}/api/boards/${board}/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    expect(r.status).toBe(200);
    const after = (await (await get(`/api/boards/${board}/status`, token)).json()) as typeof before;
    expect(after.cards[cardId]!.findings.find((f) => f.rule === 'daily' && f.period === day)?.status).toBe('late');
  });
});

describe('/powerup and /manifest.json', () => {
  it('serves every page with a CSP, the public API key and Trello’s client script', async () => {
    for (const page of ['index', 'daily', 'weekly', 'monthly', 'profile', 'golive', 'delay', 'settings', 'authorize', 'overview', 'schedule', 'card-back']) {
      const res = await get(`/powerup/${page}.html`);
      expect(res.status, page).toBe(200);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self' https://p.trellocdn.com");
      expect(csp).toContain('frame-ancestors https://trello.com https://*.trello.com');
      const html = await res.text();
      expect(html).toContain('<script src="https://p.trellocdn.com/power-up.min.js"></script>');
      expect(html).toContain(`<meta name="nabiz-app-key" content="${E2E_KEY}">`);
      expect(html).not.toContain(E2E_TOKEN);
      expect(html).not.toContain('dev-stand-in');
    }
    expect((await get('/powerup/unknown.html')).status).toBe(404);
  });

  it('never serves the dev host under /powerup; the demo pages swap only the client script', async () => {
    expect((await get('/powerup/dist/dev-host.js')).status).toBe(404);
    expect((await get('/powerup/dist/dev-stand-in.js')).status).toBe(404);
    expect((await get('/powerup/dist/connector.js')).status).toBe(200);
    const demo = await (await get('/demo/powerup/daily.html')).text();
    expect(demo).toContain('<script src="/demo/assets/dev-stand-in.js"></script>');
    expect(demo).not.toContain('p.trellocdn.com/power-up.min.js');
  });

  it('serves the manifest', async () => {
    const m = (await (await get('/manifest.json')).json()) as { name: string; connectors: { iframe: { url: string } } };
    expect(m.name).toBe('Nabız');
    expect(m.connectors.iframe.url).toBe('./powerup/index.html');
  });
});

describe('/demo', () => {
  it('signs JWTs the server accepts, and stores pluginData in the emulator (t.set) within 4096 characters', async () => {
    const j = await fetch(`${s.url}/demo/jwt`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idBoard: board, idMember: member }),
    });
    const { token } = (await j.json()) as { token: string };
    expect((await get(`/api/boards/${board}/status`, token)).status).toBe(200);
    const card = s.workspace.boards[0]!.cards[0]!.id;
    const value = JSON.stringify({ profile: { v: 1, site: 'ornek.com.tr', assignedAt: '2026-10-01' } });
    const ok = await fetch(`${s.url}/demo/plugindata`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idModel: card, value }),
    });
    expect(ok.status).toBe(200);
    expect([...s.emulator.state.pluginData.values()].filter((p) => p.idModel === card).map((p) => p.value)).toContain(value);
    const big = await fetch(`${s.url}/demo/plugindata`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idModel: card, value: 'x'.repeat(4097) }),
    });
    expect(big.status).toBe(400);
  });

  it('proxies Trello REST to the emulator for the browser (same origin), with a member’s token only', async () => {
    const mine = s.memberTokens[member]!;
    const res = await get(`/demo/trello/1/boards/${board}?fields=name&key=${E2E_KEY}&token=${mine}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toBe(board);
    expect((await get(`/demo/trello/1/boards/${board}?fields=name`)).status).toBe(401);
    expect((await get(`/demo/trello/1/boards/${board}?fields=name&key=${E2E_KEY}&token=nope`)).status).toBe(401);
    // The service token never works from the browser, not even smuggled behind a member token.
    expect((await get(`/demo/trello/1/boards/${board}?fields=name&key=${E2E_KEY}&token=${E2E_TOKEN}`)).status).toBe(403);
    expect((await get(`/demo/trello/1/boards/${board}?fields=name&key=${E2E_KEY}&token=${mine}&token=${E2E_TOKEN}`)).status).toBe(403);
    // A comment posted through the proxy is authored by the token's member, not "Nabız Servis".
    const card = s.workspace.boards[0]!.cards.find((c) => !c.closed)!.id;
    const posted = await fetch(`${s.url}/demo/trello/1/cards/${card}/actions/comments?key=${E2E_KEY}&token=${mine}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'proxy yazarı' }),
    });
    expect(posted.status).toBe(200);
    const action = (await posted.json()) as { id: string; idMemberCreator: string };
    expect(action.idMemberCreator).toBe(member);
    expect(s.emulator.state.actions.get(action.id)?.idMemberCreator).toBe(member);
  });

  it('the board preview acts as one board member and hands the browser that member’s token, never the service token', async () => {
    const config = async (query = '') => {
      const res = await get(`/demo/board/${board}${query}`);
      const html = await res.text();
      expect(html).not.toContain(E2E_TOKEN);
      const m = /<script id="nabiz-dev-config" type="application\/json">(.*?)<\/script>/.exec(html);
      return { status: res.status, config: m ? (JSON.parse(m[1]!) as { memberId: string; token: string }) : null };
    };
    const first = s.workspace.boards[0]!.members[0]!.id;
    const byDefault = await config();
    expect(byDefault.status).toBe(200);
    expect(byDefault.config).toMatchObject({ memberId: first, token: s.memberTokens[first] });
    const lead = s.workspace.teamLeadId;
    expect((await config(`?member=${lead}`)).config).toMatchObject({ memberId: lead, token: s.memberTokens[lead] });
    expect(s.memberTokens[lead]).not.toBe(s.memberTokens[first]);
    // Someone who is not on this board cannot be acted as.
    const outsider = s.workspace.members.find((x) => !s.workspace.boards[0]!.members.some((m) => m.id === x.id))!.id;
    expect((await config(`?member=${outsider}`)).status).toBe(400);
  });
});
