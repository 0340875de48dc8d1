// The access model of docs/operations.md ("Access model"), row by row — each row's allowed view and its refusals —
// and the walk: every link a team lead's digest holds (and every link on every page those open) shows nothing of
// another team and never yields a manager session; the same for a specialist's mention.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateStoredBoard } from '../../../server/src/scan/scan-boards.js';
import { loadConfig, type Config } from '../../../server/src/config.js';
import { createApp } from '../../../server/src/http/app.js';
import { createJwtVerifier } from '../../../server/src/http/jwt.js';
import { createDemoJwtKeys, type DemoJwtKeys } from '../../../server/src/demo/jwt-keys.js';
import { silentLogger } from '../../../server/src/log.js';
import { outboxLink, signToken } from '../../../server/src/link-tokens.js';
import { createNotifier } from '../../../server/src/notify/notifier.js';
import { signDashboardLink } from '../../../server/src/reports/access.js';
import { createEvaluator } from '../../../server/src/reports/evaluate.js';
import { memoryStore, type Store } from '../../../server/src/store/store.js';
import { captureMailer } from '../notify/fixtures.js';
import { BOARD, CARD, CARD2, ILKER, SULE, buildState } from '../reports/fixture.js';

const SECRET = 'access-model-link-secret-0123456789';
const MANAGER = 'p0000000000000000000p001';
const LEAD_SULE = 'p0000000000000000000p002';
const LEAD_ILKER = 'p0000000000000000000p003';
const PEOPLE = [
  { name: 'Mehmet Yılmaz', email: 'mehmet@ornek.com.tr', trelloId: MANAGER, role: 'manager' },
  { name: 'Ayşe Kılıç', email: 'ayse@ornek.com.tr', trelloId: LEAD_SULE, role: 'teamLead', boards: [BOARD], specialists: [SULE] },
  { name: 'Gökhan Şen', email: 'gokhan@ornek.com.tr', trelloId: LEAD_ILKER, role: 'teamLead', boards: [BOARD], specialists: [ILKER] },
];
/** What must never reach Şule's team: İlker's name, ids, card. */
const OTHER_TEAM = ['İlker Çağrı Öztürk', ILKER, CARD2, 'Çiçekçi Güneş', 'Zz34cd', 'Gökhan Şen', 'gokhan@'];
/** Tuesday 10 Nov 2026, 18:35 Istanbul: digest time has passed. */
const T = new Date('2026-11-10T18:35:00+03:00');

let server: Server;
let base: string;
let store: Store;
let config: Config;
let keys: DemoJwtKeys;
const mails: Array<{ to: string; text: string; html: string }> = [];
const comments: Array<{ cardId: string; text: string }> = [];

beforeAll(async () => {
  keys = await createDemoJwtKeys(() => T);
  store = await memoryStore(buildState());
  // Judged into the verdict rows and marked judged, as a scan leaves the board.
  await evaluateStoredBoard(store, BOARD, T);
  server = createServer();
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The live notifier, with PUBLIC_URL = this server: what the digests and mentions really hold.
  const live = { ...config, PUBLIC_URL: base };
  const mailer = captureMailer();
  const trello = {
    postComment: async (cardId: string, text: string) => void comments.push({ cardId, text }),
    getBoard: async () => ({ id: BOARD, labels: [], cards: [] }),
    createLabel: async () => ({ id: 'l1' }),
    addLabel: async () => ({}),
    removeLabel: async () => ({}),
  };
  await createNotifier({ store, config: live, ports: { mailer, trello }, clock: () => T, log: silentLogger }).run();
  for (const m of mailer.sent) mails.push({ to: m.to[0]!.address, text: m.text, html: m.html });
}, 60_000);
afterAll(() => new Promise<void>((r) => server?.close(() => r())));

function createServer(): Server {
  config = loadConfig({
    NABIZ_PEOPLE: JSON.stringify(PEOPLE),
    DASHBOARD_LINK_SECRET: SECRET,
    TRELLO_KEY: 'k'.repeat(32),
    TRELLO_TOKEN: 't'.repeat(64),
    NABIZ_BOARDS: BOARD,
    SMTP_URL: 'smtp://127.0.0.1:1',
    NOTIFY_DRY_RUN: 'false',
    NOTIFY_TEAMLEAD_AFTER: '0',
    NOTIFY_MANAGER_AFTER: '0',
    LOG_LEVEL: 'silent',
  });
  const app = createApp({
    config,
    store,
    clock: () => T,
    log: silentLogger,
    verifyJwt: createJwtVerifier({ publicKeys: () => [keys.publicKey], trackedBoards: () => [BOARD], clock: () => T }),
    requestScan: async () => undefined,
  });
  return app.listen(0, '127.0.0.1');
}

const jwt = (idMember: string, idBoard = BOARD) => keys.signJwt({ idMember, idBoard, idPlugin: 'plugin' }, T);
const auth = async (idMember: string, idBoard = BOARD) => ({ Authorization: `Bearer ${await jwt(idMember, idBoard)}` });
const remote = { 'X-Forwarded-For': '203.0.113.9' };
const path = (u: string) => u.replace(/^https?:\/\/[^/]+/, '');
const exp = (s: number) => Math.floor(T.getTime() / 1000) + s;
/** Decoded payload of every signed token in a text (`link=` values and session cookies). */
const tokenSubjects = (text: string): Array<{ k: string; sub: string }> =>
  [...text.matchAll(/(?:link=|nabiz_dash=)([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]{43}/g)].map(
    (m) => JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8')) as { k: string; sub: string },
  );

describe('access model (docs/operations.md), row by row', () => {
  it('1 · anyone, no credential: /healthz says up or down, nothing else', async () => {
    const r = await fetch(`${base}/healthz`, { headers: remote });
    expect([200, 503]).toContain(r.status);
    expect(Object.keys(await r.json())).toEqual(['ok']);
  });

  it('2 · this machine (loopback, no proxy header): /healthz?detail=1 has boards, errors, webhooks, ledger head; a forwarded request without credential is refused', async () => {
    const d = (await (await fetch(`${base}/healthz?detail=1`)).json()) as { boards: unknown[]; ledger: { head: string | null }; webhooks: unknown };
    expect(d.boards).toHaveLength(1);
    expect(d.ledger.head).toBe((await store.ledger.head()).hash);
    expect(d).toHaveProperty('webhooks');
    expect((await fetch(`${base}/healthz?detail=1`, { headers: remote })).status).toBe(401);
  });

  it('3 · a manager or team lead (JWT or dashboard session): health details; a specialist is refused', async () => {
    expect((await fetch(`${base}/healthz?detail=1`, { headers: { ...remote, ...(await auth(MANAGER)) } })).status).not.toBe(401);
    const lead = await fetch(`${base}/healthz?detail=1`, { headers: { ...remote, ...(await auth(LEAD_SULE)) } });
    expect(Object.keys(await lead.json())).toContain('boards');
    expect((await fetch(`${base}/healthz?detail=1`, { headers: { ...remote, ...(await auth(SULE)) } })).status).toBe(403);
  });

  it('4 · a manager (Power-Up JWT): the dashboard of every board and specialist', async () => {
    const d = (await (await fetch(`${base}/dashboard/api/data`, { headers: await auth(MANAGER) })).json()) as { specialists: Array<{ id: string }> };
    expect(d.specialists.map((s) => s.id).sort()).toEqual([ILKER, SULE].sort());
  });

  it("5 · a team lead (Power-Up JWT): only their team; another team's filter and report are refused", async () => {
    const d = await (await fetch(`${base}/dashboard/api/data`, { headers: await auth(LEAD_SULE) })).text();
    expect(JSON.parse(d).specialists.map((s: { id: string }) => s.id)).toEqual([SULE]);
    for (const m of OTHER_TEAM) expect(d, m).not.toContain(m);
    expect((await fetch(`${base}/dashboard/api/data?lead=${LEAD_ILKER}`, { headers: await auth(LEAD_SULE) })).status).toBe(403);
    expect((await fetch(`${base}/dashboard/api/data?member=${ILKER}`, { headers: await auth(LEAD_SULE) })).status).toBe(403);
    expect(
      (await fetch(`${base}/reports/evidence?board=${BOARD}&from=2026-11-02&to=2026-11-08&format=json&member=${ILKER}`, { headers: await auth(LEAD_SULE) }))
        .status,
    ).toBe(403);
  });

  it('6 · a specialist or anyone else with a Power-Up JWT: no dashboard, no report (403); no credential: 401', async () => {
    expect((await fetch(`${base}/dashboard/api/data`, { headers: await auth(SULE) })).status).toBe(403);
    expect((await fetch(`${base}/reports/evidence?board=${BOARD}&from=2026-11-02&to=2026-11-08&format=json`, { headers: await auth(SULE) })).status).toBe(403);
    expect((await fetch(`${base}/dashboard/api/data`)).status).toBe(401);
  });

  it('7 · a digest recipient (dashboard link): a session of that person only; expired, too long, forged or tampered links are refused', async () => {
    const ok = await fetch(`${base}/dashboard?link=${signDashboardLink({ trelloId: LEAD_SULE, exp: exp(3600) }, SECRET)}`, { redirect: 'manual' });
    expect(ok.status).toBe(302);
    expect(tokenSubjects(ok.headers.get('set-cookie')!)).toEqual([expect.objectContaining({ k: 'session', sub: LEAD_SULE })]);
    const refused = [
      signDashboardLink({ trelloId: LEAD_SULE, exp: exp(-10) }, SECRET),
      signDashboardLink({ trelloId: MANAGER, exp: exp(10 * 365 * 86400) }, SECRET), // a 10-year link
      signDashboardLink({ trelloId: MANAGER, exp: exp(3600) }, 'another-secret-of-16-chars'),
      signToken('outbox', { sub: MANAGER, exp: exp(3600) }, SECRET), // an outbox token is not a dashboard link
    ];
    const token = signDashboardLink({ trelloId: LEAD_SULE, exp: exp(3600) }, SECRET);
    const [body, mac] = token.split('.') as [string, string];
    const swapped = Buffer.from(JSON.stringify({ k: 'link', sub: MANAGER, exp: exp(3600) })).toString('base64url');
    refused.push(`${swapped}.${mac}`, `${body}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`, `${body}=.${mac}`);
    for (const t of refused) {
      const r = await fetch(`${base}/dashboard?link=${encodeURIComponent(t)}`, { redirect: 'manual' });
      expect(r.status, t).toBe(401);
      expect(r.headers.get('set-cookie')).toBeNull();
    }
  });

  it("8 · a digest recipient (outbox link): their own messages; a team lead also their team's mentions; a manager their team's; never a signed link; refusals", async () => {
    const lead = await (await fetch(`${base}${path(outboxLink(base, SECRET, LEAD_SULE, T))}`)).text();
    expect(lead).toContain('Ayşe Kılıç');
    for (const m of OTHER_TEAM) expect(lead, m).not.toContain(m);
    expect(lead).not.toContain('Mehmet Yılmaz <');
    expect(tokenSubjects(lead)).toEqual([]);
    const leadJson = await (await fetch(`${base}${path(outboxLink(base, SECRET, LEAD_SULE, T)).replace('/outbox?', '/outbox.json?')}`)).text();
    for (const m of OTHER_TEAM) expect(leadJson, m).not.toContain(m);
    expect(tokenSubjects(leadJson)).toEqual([]);
    const json = JSON.parse(leadJson) as { messages: Array<{ recipient: string; kind: string }> };
    expect(json.messages.length).toBeGreaterThan(0);
    expect(json.messages.every((m) => m.recipient === LEAD_SULE || (m.kind === 'mention' && m.recipient === SULE))).toBe(true);
    const mgr = (await (await fetch(`${base}${path(outboxLink(base, SECRET, MANAGER, T)).replace('/outbox?', '/outbox.json?')}`)).json()) as {
      messages: Array<{ recipient: string; text: string }>;
    };
    expect(new Set(mgr.messages.map((m) => m.recipient))).toEqual(new Set([MANAGER, LEAD_SULE, LEAD_ILKER, SULE, ILKER]));
    expect(tokenSubjects(JSON.stringify(mgr))).toEqual([]);
    for (const q of [
      '',
      `?exp=${exp(3600)}&sig=abc`,
      `?link=${signToken('outbox', { sub: MANAGER, exp: exp(-5) }, SECRET)}`,
      `?link=${signToken('outbox', { sub: MANAGER, exp: exp(30 * 86400) }, SECRET)}`,
      `?link=${signToken('outbox', { sub: MANAGER, exp: exp(3600) }, 'another-secret-of-16-chars')}`,
      `?link=${signDashboardLink({ trelloId: MANAGER, exp: exp(3600) }, SECRET)}`,
      `?link=${signToken('outbox', { sub: SULE, exp: exp(3600) }, SECRET)}`, // not a configured person
    ]) {
      expect((await fetch(`${base}/outbox${q}`)).status, q).toBe(403);
      expect((await fetch(`${base}/outbox.json${q}`)).status, q).toBe(403);
    }
  });

  it('9 · a board member (Power-Up JWT of that board): its status; another board’s token is refused; none → 401', async () => {
    expect((await fetch(`${base}/api/boards/${BOARD}/status`, { headers: await auth(SULE) })).status).toBe(200);
    expect((await fetch(`${base}/api/boards/${BOARD}/status`, { headers: await auth(SULE, 'b0000000000000000000b999') })).status).toBe(403);
    expect((await fetch(`${base}/api/boards/${BOARD}/status`)).status).toBe(401);
  });

  it('10 · a board member: refresh of that board (≤ 1 scan/min, test/server/http/refresh-limit.test.ts); a non-member is refused', async () => {
    expect((await fetch(`${base}/api/boards/${BOARD}/refresh`, { method: 'POST', headers: await auth(SULE) })).status).toBe(200);
    const r = await fetch(`${base}/api/boards/${BOARD}/refresh`, { method: 'POST', headers: await auth(MANAGER) });
    expect(r.status).toBe(403);
  });

  it('11 · a specialist: only the mention comment on their own card, without links', () => {
    const toSule = comments.filter((c) => c.cardId === CARD);
    expect(toSule.length).toBeGreaterThan(0);
    for (const c of toSule) {
      expect(c.text).toMatch(/^@sule /);
      expect(c.text).not.toMatch(/https?:\/\//);
      for (const m of OTHER_TEAM) expect(c.text, m).not.toContain(m);
    }
  });

  it('12 · Trello (webhook signature): an unsigned delivery is refused', async () => {
    const r = await fetch(`${base}/webhooks/trello`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"action":{}}' });
    expect(r.status).toBe(401);
  });

  it('13 · demo mode only: everything open as the demo manager (test/server/notify/outbox-page-and-cli.test.ts, dashboard-access.test.ts)', async () => {
    // Outside the demo the same pages refuse without a credential (rows 6 and 8).
    expect((await fetch(`${base}/outbox`)).status).toBe(403);
    expect((await fetch(`${base}/dashboard`)).status).toBe(401);
  });
});

/** Fetch every same-origin link reachable from `start`, with one cookie jar; returns every body and cookie seen. */
async function walk(start: string[]): Promise<{ bodies: Map<string, string>; cookies: string[] }> {
  const jar = new Map<string, string>();
  const cookies: string[] = [];
  const bodies = new Map<string, string>();
  const queue = start.filter((u) => u.startsWith(base));
  while (queue.length && bodies.size < 60) {
    const url = queue.shift()!;
    if (bodies.has(url)) continue;
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      cookies.push(c);
      const [kv] = c.split(';');
      const i = kv!.indexOf('=');
      jar.set(kv!.slice(0, i), kv!.slice(i + 1));
    }
    const loc = res.headers.get('location');
    const body = await res.text();
    bodies.set(url, body);
    if (loc) queue.push(new URL(loc, url).toString());
    // Links are followed out of pages and JSON (scripts and styles are checked, not mined for template strings).
    if (!/html|json/.test(res.headers.get('content-type') ?? '')) continue;
    for (const m of body.matchAll(/(?:href|src|action)="([^"]+)"|(https?:\/\/[^\s"'<>)]+)/g)) {
      const u = new URL((m[1] ?? m[2]!).replace(/&amp;/g, '&'), url);
      if (u.origin === base) queue.push(u.toString());
    }
  }
  // What the dashboard page's script asks with the session it was given.
  const headers = { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
  if (jar.size) {
    for (const u of [
      `${base}/dashboard/api/data`,
      `${base}/reports/evidence?board=${BOARD}&from=2026-11-02&to=2026-11-08&format=json`,
      `${base}/healthz?detail=1`,
    ]) {
      bodies.set(u, await (await fetch(u, { headers: { ...headers, ...remote } })).text());
    }
    bodies.set('session', await (await fetch(`${base}/dashboard/api/session`, { method: 'POST', headers })).text());
  }
  return { bodies, cookies };
}

describe('the walk: every link of a digest and of every page it opens', () => {
  it("a team lead's digest: nothing of another team, no manager session, no one else's link", async () => {
    const digest = mails.find((m) => m.to === 'ayse@ornek.com.tr');
    expect(digest, 'the team lead got a digest').toBeDefined();
    for (const m of OTHER_TEAM) expect(digest!.text + digest!.html, m).not.toContain(m);
    expect(tokenSubjects(digest!.text + digest!.html).every((t) => t.sub === LEAD_SULE)).toBe(true);
    const links = [...new Set([...(digest!.text + digest!.html).matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0].replace(/&amp;/g, '&')))];
    expect(
      links
        .filter((l) => l.startsWith(base))
        .map((l) => new URL(l).pathname)
        .sort(),
    ).toEqual(['/dashboard', '/outbox']); // one language per digest: one dashboard link
    const { bodies, cookies } = await walk(links);
    expect(bodies.size).toBeGreaterThan(5);
    for (const [url, body] of bodies) {
      for (const m of OTHER_TEAM) expect(body, `${url} holds ${m}`).not.toContain(m);
      for (const t of tokenSubjects(body)) expect(t.sub, url).toBe(LEAD_SULE);
    }
    expect(cookies.length).toBeGreaterThan(0);
    for (const c of cookies) for (const t of tokenSubjects(c)) expect(t).toMatchObject({ k: 'session', sub: LEAD_SULE });
    expect(JSON.parse(bodies.get('session')!)).toEqual({ name: 'Ayşe Kılıç', role: 'teamLead' });
  });

  it("the manager's digest carries only the manager's own links (and a team lead's never carries it)", () => {
    const mgr = mails.find((m) => m.to === 'mehmet@ornek.com.tr')!;
    expect(tokenSubjects(mgr.text + mgr.html).length).toBeGreaterThan(0);
    expect(tokenSubjects(mgr.text + mgr.html).every((t) => t.sub === MANAGER)).toBe(true);
    for (const m of mails.filter((x) => x.to !== 'mehmet@ornek.com.tr')) expect(tokenSubjects(m.text + m.html).some((t) => t.sub === MANAGER)).toBe(false);
  });

  it("a specialist's mention: no link to follow, nothing of another team", async () => {
    const mention = comments.find((c) => c.cardId === CARD)!;
    const links = [...mention.text.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0]);
    expect(links).toEqual([]);
    const { bodies } = await walk(links);
    expect(bodies.size).toBe(0);
    for (const m of OTHER_TEAM) expect(mention.text, m).not.toContain(m);
  });
});
