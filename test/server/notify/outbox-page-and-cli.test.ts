// /outbox (Turkish page; demo open, otherwise signed links only) and `nabiz notify` (dry run, cap,
// --outbox listing of expired messages).
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../server/src/cli.js';
import { loadConfig, storeFileFor } from '../../../server/src/config.js';
import { demoAccess } from '../../../server/src/demo/access-policy.js';
import type { AccessPolicy } from '../../../server/src/http/access-policy.js';
import { createApp } from '../../../server/src/http/app.js';
import { HttpError } from '../../../server/src/http/deps.js';
import { silentLogger } from '../../../server/src/log.js';
import { outboxLink } from '../../../server/src/link-tokens.js';
import { createNotifier } from '../../../server/src/notify/notifier.js';
import { memoryStore, openStore, type Store } from '../../../server/src/store/store.js';
import { CARD1, CARD3, MANAGER, PEOPLE, captureMailer, finding, ist, setFindings } from './fixtures.js';

const findings = [
  finding({ rule: 'daily', cardId: CARD1, period: '2026-11-23' }),
  finding({
    rule: 'golive-reason',
    cardId: CARD3,
    period: '2026-11-10',
    severity: 'critical',
    detail: { tr: 'Canlıya geçiş gecikti, neden yazılmadı', en: 'No delay reason' },
  }),
];

async function serve(env: Record<string, string>, store: Store, now: Date, access?: AccessPolicy): Promise<{ url: string; server: Server }> {
  const config = loadConfig({ NABIZ_PEOPLE: JSON.stringify(PEOPLE), LOG_LEVEL: 'silent', ...env });
  const app = createApp({
    ...(access ? { access } : {}),
    config,
    store,
    clock: () => now,
    log: silentLogger,
    verifyJwt: async () => {
      throw new HttpError(401, 'no');
    },
  });
  const server = await new Promise<Server>((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('/outbox page', () => {
  let server: Server | null = null;
  afterEach(async () => {
    if (server) await new Promise<void>((r) => server!.close(() => r()));
    server = null;
  });

  it('demo: open, Turkish, shows what managers would receive and the sent digests', async () => {
    const store = await memoryStore();
    await setFindings(store, findings);
    const now = ist('2026-12-04T11:00');
    // One live digest already sent (critical → manager and lead the same day).
    const mailer = captureMailer();
    const live = createNotifier({
      store,
      config: loadConfig({ NABIZ_PEOPLE: JSON.stringify(PEOPLE), SMTP_URL: 'smtp://x:1', NOTIFY_DRY_RUN: 'false', LOG_LEVEL: 'silent' }),
      ports: { mailer },
      clock: () => ist('2026-12-03T18:30'),
    });
    await live.run();
    expect(mailer.sent).toHaveLength(2);
    const s = await serve({}, store, now, demoAccess({ appKey: 'k' }));
    server = s.server;
    const res = await fetch(`${s.url}/outbox`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="tr">');
    expect(html).toContain('Giden kutusu');
    expect(html).toContain('Deneme modu'); // NOTIFY_DRY_RUN defaults to true
    expect(html).toContain('gönderildi');
    expect(html).toContain('Kemal Yönetici');
    expect(html).toMatch(/Önizleme: gönderilecekler \(\d+\)/);
    // No English leaks into the Turkish page: the run summary is Turkish too.
    expect(html).toMatch(/Deneme çalıştırması: \d+ mesaj gönderilecekti/);
    expect(html).not.toContain('dry run:');
    // Times with a two-digit day and month like every other Turkish date (03.12.2026 18:30), never 3.12.2026 from Intl's short style.
    expect(html).toContain('03.12.2026 18:30');
    expect(html).not.toMatch(/[^\d.]\d\.\d{1,2}\.20\d\d/);
    const json = (await (await fetch(`${s.url}/outbox.json`)).json()) as { messages: Array<{ state: string; to: string }>; preview: { messages: unknown[] } };
    expect(
      json.messages
        .filter((m) => m.state === 'sent')
        .map((m) => m.to)
        .sort(),
    ).toEqual(['Ayşe Lider <ayse.lider@ornek.com.tr>', 'Kemal Yönetici <kemal@ornek.com.tr>']);
    expect(JSON.stringify(json)).not.toContain('smtp://');
  });

  it('an empty outbox says so instead of showing a bare table', async () => {
    const s = await serve({}, await memoryStore(), ist('2026-11-24T11:00'), demoAccess({ appKey: 'k' }));
    server = s.server;
    const html = await (await fetch(`${s.url}/outbox`)).text();
    expect(html).toContain('Giden kutusu (0)');
    expect(html).toContain('Giden kutusu boş');
  });

  it('outside the demo: 403 without a signed link, 200 with one, 403 when it expired', async () => {
    const store = await memoryStore();
    const now = ist('2026-11-24T11:00');
    const secret = 'a-very-long-dashboard-secret-123';
    const s = await serve({ TRELLO_KEY: 'k'.repeat(32), TRELLO_TOKEN: 't'.repeat(64), NABIZ_BOARDS: 'abcdefgh', DASHBOARD_LINK_SECRET: secret }, store, now);
    server = s.server;
    const denied = await fetch(`${s.url}/outbox`);
    expect(denied.status).toBe(403);
    expect(await denied.text()).toContain('kişisel bağlantı');
    const path = (u: string) => u.replace(/^https?:\/\/[^/]+/, '');
    expect((await fetch(`${s.url}${path(outboxLink('https://nabiz.example', secret, MANAGER, now))}`)).status).toBe(200);
    expect((await fetch(`${s.url}${path(outboxLink('https://nabiz.example', 'another-secret-of-enough-length', MANAGER, now))}`)).status).toBe(403);
    const old = path(outboxLink('https://nabiz.example', secret, MANAGER, new Date(now.getTime() - 30 * 864e5)));
    const expired = await fetch(`${s.url}${old}`);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('süresi dolmuş');
  });
});

describe('nabiz notify', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nabiz-notify-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(args: string[], env: Record<string, string>) {
    let out = '';
    let err = '';
    const code = await main(['notify', ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s), stdin: async () => '', env });
    return { code, out, err };
  }

  it('--dry-run prints exactly what would go to whom and stores nothing', async () => {
    const file = join(dir, 'data.json');
    const store = await openStore(storeFileFor(file));
    await setFindings(store, findings);
    const env = { DATA_FILE: file, NABIZ_PEOPLE: JSON.stringify(PEOPLE), SMTP_URL: 'smtp://127.0.0.1:9', LOG_LEVEL: 'silent' };
    const r = await cli(['--dry-run', '--now', '2026-11-24T18:40:00+03:00'], env);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('DRY RUN: nothing is sent or stored');
    expect(r.out).toContain('→ e-mail to Kemal Yönetici <kemal@ornek.com.tr>: Nabız özeti 24.11.2026: 1 yeni');
    expect(r.out).toContain('Çınar Gıda');
    expect(r.out).toMatch(/dry run: 2 message\(s\) would be sent/);
    const j = await cli(['--dry-run', '--now', '2026-11-24T18:40:00+03:00', '--json'], env);
    const report = JSON.parse(j.out) as { dryRun: boolean; messages: Array<{ channel: string; to: string; lines: number }> };
    expect(report.dryRun).toBe(true);
    expect(report.messages.map((m) => m.to).sort()).toEqual(['Ayşe Lider <ayse.lider@ornek.com.tr>', 'Kemal Yönetici <kemal@ornek.com.tr>']);
    const again = await openStore(storeFileFor(file));
    expect(again.messages.outbox()).toHaveLength(0);
    expect(again.messages.digests()).toHaveLength(0);
  });

  it('prints the cap summary and lists expired messages with --outbox', async () => {
    const file = join(dir, 'data.json');
    const store = await openStore(storeFileFor(file));
    await setFindings(store, findings);
    const env = { DATA_FILE: file, NABIZ_PEOPLE: JSON.stringify(PEOPLE), SMTP_URL: 'smtp://127.0.0.1:9', NOTIFY_MAX_PER_RUN: '1', LOG_LEVEL: 'silent' };
    const r = await cli(['--dry-run', '--now', '2026-11-24T18:40:00+03:00'], env);
    expect(r.out).toMatch(/Held back by the per-run cap \(1\)/);
    expect(r.out).toMatch(/held back by NOTIFY_MAX_PER_RUN=1: 1 \(1 email\)/);
    // An expired digest in the store is listed, never hidden.
    const failing = captureMailer();
    failing.failWith = new Error('550 mailbox unavailable');
    const cfg = loadConfig({
      NABIZ_PEOPLE: JSON.stringify(PEOPLE),
      SMTP_URL: 'smtp://x:1',
      NOTIFY_DRY_RUN: 'false',
      NOTIFY_EXPIRE_HOURS: '1',
      LOG_LEVEL: 'silent',
    });
    let now = ist('2026-11-24T18:30');
    const n = createNotifier({ store, config: cfg, ports: { mailer: failing }, clock: () => now });
    await n.run();
    now = ist('2026-11-24T19:45');
    expect((await n.run()).expired.length).toBe(2);
    const o = await cli(['--outbox'], env);
    expect(o.out).toMatch(/EXPIRED +digest email to Kemal Yönetici/);
    expect(o.out).toContain('550 mailbox unavailable');
    expect(o.out).toContain('2 message(s) EXPIRED undelivered');
  });

  it('refuses bad flags with exit 2', async () => {
    const env = { DATA_FILE: join(dir, 'd.json'), LOG_LEVEL: 'silent' };
    expect((await cli(['--now', 'yesterday'], env)).code).toBe(2);
    expect((await cli(['--dry-run', '--send'], env)).code).toBe(2);
    expect((await cli(['--send'], env)).code).toBe(2); // no channel configured
  });
});
