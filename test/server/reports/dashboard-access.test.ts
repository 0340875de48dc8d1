// Dashboard and report access (docs/operations.md): only configured managers and team leads; a team lead sees only their team.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config.js';
import { createApp } from '../../../server/src/http/app.js';
import { createJwtVerifier } from '../../../server/src/http/jwt.js';
import { demoAccess } from '../../../server/src/demo/access-policy.js';
import { createDemoJwtKeys, type DemoJwtKeys } from '../../../server/src/demo/jwt-keys.js';
import { signDashboardLink, verifyDashboardLink } from '../../../server/src/reports/access.js';
import type { DashboardData } from '../../../server/src/reports/dashboard-model.js';
import { memoryStore } from '../../../server/src/store/store.js';
import { silentLogger } from '../../../server/src/log.js';
import { BOARD, ILKER, NOW, SULE, buildState } from './fixture.js';

const SECRET = 'test-dashboard-link-secret-0123456789';
const MANAGER = 'p0000000000000000000p001';
const LEAD_SULE = 'p0000000000000000000p002';
const LEAD_ILKER = 'p0000000000000000000p003';
const LEAD_OTHER_BOARD = 'p0000000000000000000p004';
const people = [
  { name: 'Mehmet Yılmaz', trelloId: MANAGER, role: 'manager' },
  { name: 'Ayşe Kılıç', trelloId: LEAD_SULE, role: 'teamLead', boards: [BOARD], specialists: [SULE] },
  { name: 'Gökhan Şen', trelloId: LEAD_ILKER, role: 'teamLead', specialists: [ILKER] },
  { name: 'Canan Öz', trelloId: LEAD_OTHER_BOARD, role: 'teamLead', boards: ['b0000000000000000000b999'] },
];

let server: Server;
let base: string;
let keys: DemoJwtKeys;
const exp = (s: number) => Math.floor(NOW.getTime() / 1000) + s;

async function start(demo: boolean): Promise<{ server: Server; base: string }> {
  const config = loadConfig({ NABIZ_PEOPLE: JSON.stringify(people), DASHBOARD_LINK_SECRET: SECRET });
  const store = await memoryStore(buildState());
  const verifyJwt = createJwtVerifier({ publicKeys: () => [keys.publicKey], trackedBoards: () => [BOARD], clock: () => NOW });
  const app = createApp({
    config,
    store,
    clock: () => NOW,
    log: silentLogger,
    verifyJwt,
    ...(demo
      ? { access: demoAccess({ appKey: 'k' }), demo: { trelloUrl: 'http://127.0.0.1:1', key: 'k', token: 't', signJwt: (c) => keys.signJwt(c, NOW) } }
      : {}),
  });
  const s = app.listen(0, '127.0.0.1');
  await new Promise((r) => s.once('listening', r));
  return { server: s, base: `http://127.0.0.1:${(s.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  keys = await createDemoJwtKeys(() => NOW);
  ({ server, base } = await start(false));
});
afterAll(() => server?.close());

const jwtFor = (idMember: string) => keys.signJwt({ idMember, idBoard: BOARD, idPlugin: 'plugin' }, NOW);
const bearer = async (idMember: string) => ({ Authorization: `Bearer ${await jwtFor(idMember)}` });
const data = async (headers: Record<string, string>, q = '') => fetch(`${base}/dashboard/api/data${q}`, { headers });
const report = `/reports/evidence?board=${BOARD}&from=2026-11-02&to=2026-11-08&format=json`;

describe('dashboard access', () => {
  it('no token → 401 (API, page and report)', async () => {
    expect((await data({})).status).toBe(401);
    const page = await fetch(`${base}/dashboard`);
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('Oturum açmanız gerekiyor');
    expect((await fetch(`${base}${report}`)).status).toBe(401);
  });

  it("a specialist's Power-Up token → 403", async () => {
    const r = await data(await bearer(SULE));
    expect(r.status).toBe(403);
    expect(((await r.json()) as { error: string }).error).toMatch(/managers and team leads/);
    expect((await fetch(`${base}${report}`, { headers: await bearer(SULE) })).status).toBe(403);
  });

  it('a forged or foreign token → 401', async () => {
    expect((await data({ Authorization: 'Bearer abc.def.ghi' })).status).toBe(401);
  });

  it('a manager sees every specialist; a team lead only their team', async () => {
    const m = (await (await data(await bearer(MANAGER))).json()) as DashboardData;
    expect(m.viewer).toMatchObject({ name: 'Mehmet Yılmaz', role: 'manager' });
    expect(m.specialists.map((s) => s.id).sort()).toEqual([SULE, ILKER].sort());
    expect(m.teamLeads.map((l) => l.trelloId)).toEqual([LEAD_SULE, LEAD_ILKER, LEAD_OTHER_BOARD]);

    const l = (await (await data(await bearer(LEAD_SULE))).json()) as DashboardData;
    expect(l.specialists.map((s) => s.id)).toEqual([SULE]);
    expect(l.cards.every((c) => c.memberId === SULE)).toBe(true);
    expect(l.findings.items.every((f) => f.memberId === SULE)).toBe(true);
    expect(l.teamLeads.map((t) => t.trelloId)).toEqual([LEAD_SULE]);
  });

  it("another team's lead is refused: their lead filter, their specialist's report", async () => {
    expect((await data(await bearer(LEAD_ILKER), `?lead=${LEAD_SULE}`)).status).toBe(403);
    const r = await fetch(`${base}${report}&member=${SULE}`, { headers: await bearer(LEAD_ILKER) });
    expect(r.status).toBe(403);
    // Their board-wide report holds only their own specialist's periods.
    const own = await fetch(`${base}${report}`, { headers: await bearer(LEAD_ILKER) });
    expect(own.status).toBe(200);
    const j = (await own.json()) as { cards: Array<{ rows: Array<{ memberId: string }> }> };
    expect(j.cards.flatMap((c) => c.rows).every((x) => x.memberId === ILKER)).toBe(true);
  });

  it('a lead of another board sees nothing of this one and may not download its report', async () => {
    const d = (await (await data(await bearer(LEAD_OTHER_BOARD))).json()) as DashboardData;
    expect(d.boards).toEqual([]);
    expect(d.specialists).toEqual([]);
    expect(d.findings.total).toBe(0);
    // Filtering on a board they do not lead is refused, not answered with their own (empty) view.
    expect((await data(await bearer(LEAD_OTHER_BOARD), `?board=${BOARD}`)).status).toBe(403);
    expect((await fetch(`${base}${report}`, { headers: await bearer(LEAD_OTHER_BOARD) })).status).toBe(403);
  });

  it('a signed digest link → session cookie (HttpOnly, SameSite=Lax) → data', async () => {
    const token = signDashboardLink({ trelloId: LEAD_SULE, exp: exp(3600) }, SECRET);
    const r = await fetch(`${base}/dashboard?link=${token}`, { redirect: 'manual' });
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('/dashboard');
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^nabiz_dash=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const session = cookie.split(';')[0]!;
    const d = (await (await data({ Cookie: session })).json()) as DashboardData;
    expect(d.viewer.name).toBe('Ayşe Kılıç');
    expect((await fetch(`${base}/dashboard`, { headers: { Cookie: session } })).status).toBe(200);
  });

  it('a malformed cookie is ignored (401, not a 500); a valid session beside it still works', async () => {
    expect((await data({ Cookie: 'other=%E0%A4%A' })).status).toBe(401);
    const token = signDashboardLink({ trelloId: LEAD_SULE, exp: exp(3600) }, SECRET);
    const session = (await fetch(`${base}/dashboard?link=${token}`, { redirect: 'manual' })).headers.get('set-cookie')!.split(';')[0]!;
    expect((await data({ Cookie: `junk=%E0%A4%A; ${session}` })).status).toBe(200);
  });

  it('an expired link → 401; a tampered link → 401; a link for a non-manager → 403', async () => {
    const expired = signDashboardLink({ trelloId: MANAGER, exp: exp(-60) }, SECRET);
    const r = await fetch(`${base}/dashboard?link=${expired}`, { redirect: 'manual' });
    expect(r.status).toBe(401);
    expect(r.headers.get('set-cookie')).toBeNull();
    expect(await r.text()).toContain('Bağlantının süresi doldu');
    const good = signDashboardLink({ trelloId: MANAGER, exp: exp(60) }, SECRET);
    const tampered = good.replace(/^[^.]+/, Buffer.from(JSON.stringify({ k: 'link', sub: MANAGER, exp: exp(99999) })).toString('base64url'));
    expect((await fetch(`${base}/dashboard?link=${tampered}`, { redirect: 'manual' })).status).toBe(401);
    const specialist = signDashboardLink({ trelloId: SULE, exp: exp(60) }, SECRET);
    expect((await fetch(`${base}/dashboard?link=${specialist}`, { redirect: 'manual' })).status).toBe(403);
    // A link token is not a session cookie.
    expect((await data({ Cookie: `nabiz_dash=${good}` })).status).toBe(401);
  });

  it('report download: 400 for bad input, attachment for good', async () => {
    const h = await bearer(MANAGER);
    const bad = await fetch(`${base}/reports/evidence?board=${BOARD}&from=2026-11-09&to=2026-11-01`, { headers: h });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/after --to/);
    expect((await fetch(`${base}/reports/evidence?board=nope&from=2026-11-01&to=2026-11-09`, { headers: h })).status).toBe(400);
    expect((await fetch(`${base}/reports/evidence?board=${BOARD}&from=2026-11&to=2026-11-09`, { headers: h })).status).toBe(400);
    const pdf = await fetch(`${base}/reports/evidence?board=${BOARD}&from=2026-11-02&to=2026-11-08&format=pdf`, { headers: h });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/attachment; filename="?nabiz-kanit-[a-z0-9-]+-2026-11-02_2026-11-08\.pdf/);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    // The HTML report opens in the tab (inline), still named for when it is saved.
    const html = await fetch(`${base}/reports/evidence?board=${BOARD}&from=2026-11-02&to=2026-11-08&format=html`, { headers: h });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.headers.get('content-disposition')).toMatch(/^inline; filename="?nabiz-kanit-[a-z0-9-]+-2026-11-02_2026-11-08\.html/);
  });
});

describe('demo mode', () => {
  it('signs the demo manager in automatically only under the demo access policy', async () => {
    const demo = await start(true);
    try {
      const r = await fetch(`${demo.base}/dashboard/api/data`);
      expect(r.status).toBe(200);
      expect(((await r.json()) as DashboardData).viewer.role).toBe('manager');
      expect((await fetch(`${demo.base}/dashboard`)).status).toBe(200);
    } finally {
      demo.server.close();
    }
    expect((await fetch(`${base}/dashboard/api/data`)).status).toBe(401);
  });
});

describe('signed links', () => {
  it('verify: ok, expired, bad signature, malformed', () => {
    const t = signDashboardLink({ trelloId: MANAGER, exp: exp(10) }, SECRET);
    expect(verifyDashboardLink(t, SECRET, NOW)).toEqual({ ok: true, claims: { trelloId: MANAGER, exp: exp(10) } });
    expect(verifyDashboardLink(t, SECRET, new Date(NOW.getTime() + 11_000))).toEqual({ ok: false, reason: 'expired' });
    expect(verifyDashboardLink(t, 'another-secret-of-16+', NOW)).toEqual({ ok: false, reason: 'signature' });
    expect(verifyDashboardLink('garbage', SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });
});
