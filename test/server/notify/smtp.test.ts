// E-mail digests against a real SMTP server (smtp-server on a loopback port), parsed with mailparser:
// both parts, right recipients and lines; SMTP down then up; a kill between decide and send; re-runs.
import { storeFileFor } from '../../../server/src/config.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSmtpMailer, type MailMessage, type Mailer } from '../../../server/src/notify/channels.js';
import { createNotifier } from '../../../server/src/notify/notifier.js';
import { openStore, type Store } from '../../../server/src/store/store.js';
import type { Finding } from '../../../shared/types.js';
import { CARD1, CARD2, CARD3, finding, ist, notifyConfig, setFindings } from './fixtures.js';
import { freePort, startSmtp, stopSmtp, type ReceivedMail } from './smtp-receiver.js';

let dir: string;
let port: number;
let smtp: SMTPServer | null = null;
let received: ReceivedMail[];
let now: Date;
const clock = () => now;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nabiz-notify-'));
  port = await freePort();
  received = [];
  now = ist('2026-11-24T10:00'); // Tuesday: findings become outbox items, the digest is due at 18:30
});
afterEach(async () => {
  await stopSmtp(smtp);
  smtp = null;
  rmSync(dir, { recursive: true, force: true });
});

const findings = [
  finding({ rule: 'daily', cardId: CARD1, period: '2026-11-23' }),
  finding({
    rule: 'weekly',
    cardId: CARD2,
    period: '2026-W47',
    status: 'incomplete',
    detail: { tr: 'Haftalık kayıtta trafik okuması yok', en: 'Weekly entry has no traffic reading' },
  }),
  finding({ rule: 'disk', cardId: CARD3, period: '2026-W48', status: 'critical', severity: 'critical', detail: { tr: 'Disk %97 dolu', en: 'Disk 97% full' } }),
];

const smtpMailer = () => createSmtpMailer(`smtp://127.0.0.1:${port}`);

function notifierFor(store: Store, mailer: Mailer) {
  return createNotifier({
    store,
    config: notifyConfig({ SMTP_URL: `smtp://127.0.0.1:${port}`, NOTIFY_LABELS: 'false', MAIL_FROM: 'Nabız <nabiz@ornek.com.tr>' }),
    ports: { mailer },
    clock,
  });
}

/** A mailer whose process dies inside send(): `before` runs (say, a real delivery), then send never returns. */
function dyingMailer(before: (m: MailMessage) => Promise<void> = async () => undefined) {
  let reached!: () => void;
  const inSend = new Promise<void>((r) => (reached = r));
  const mailer: Mailer = {
    async send(m) {
      await before(m);
      reached();
      await new Promise<void>(() => undefined); // the process is gone
    },
  };
  return { mailer, inSend };
}

/** The data file with `stored` findings and a first notify run at Tuesday 10:00 (a "process" over that file). */
async function firstRun(mailer: Mailer, stored: Finding[] = findings) {
  const store = await openStore(storeFileFor(join(dir, 'data.json')));
  await setFindings(store, stored);
  const n = notifierFor(store, mailer);
  await n.run();
  return { store, n };
}

describe('e-mail digest over real SMTP', () => {
  it('arrives once per recipient per day with a plain and an HTML part, Turkish first, grouped and linked', async () => {
    smtp = await startSmtp(port, received);
    const mailer = smtpMailer();
    const { n } = await firstRun(mailer);
    now = ist('2026-11-25T18:30');
    const r = await n.run();
    expect(r.sent).toBe(2);
    expect(received).toHaveLength(2);
    const byRcpt = Object.fromEntries(received.map((x) => [x.rcpt.join(','), x.mail]));
    const lead = byRcpt['ayse.lider@ornek.com.tr']!;
    const mgr = byRcpt['kemal@ornek.com.tr']!;
    expect(lead && mgr).toBeTruthy();
    expect(lead.from?.text).toContain('nabiz@ornek.com.tr');
    expect(lead.subject).toMatch(/^Nabız özeti 25\.11\.2026: 3 yeni/);
    // Both parts, in the recipient's language only (Turkish by default): no English section, subject in one language.
    const text = lead.text!;
    expect(text).toContain('YENİ UYARILAR (3)');
    expect(text).not.toMatch(/NEW FINDINGS|English/);
    expect(lead.subject).not.toContain(' / ');
    expect(typeof lead.html).toBe('string');
    const html = lead.html as string;
    expect(html).toContain('lang="tr"');
    expect(html).not.toContain('lang="en"');
    // Grouped by specialist → customer; each line links the card.
    expect(text).toMatch(/Mehmet Kaya\n {2}Acme Ltd — https:\/\/trello\.com\/c\/AAAA1111\/acme\n {4}• Günlük 23\.11\.2026 — eksik/);
    expect(text).toMatch(/Mehmet Kaya[\s\S]*Boğaziçi Tekstil[\s\S]*Zeynep Ak\n {2}Çınar Gıda/);
    expect(html).toContain('<a href="https://trello.com/c/CCCC3333/cinar">');
    expect(html).toContain('Disk %97 dolu');
    // The manager gets only what reached their step: the critical disk line today.
    expect(mgr.text).toContain('Çınar Gıda');
    expect(mgr.text).not.toContain('Acme Ltd');
    // Lines in the e-mail = the open findings the lead oversees.
    expect((text.match(/^ {4}• /gm) ?? []).length).toBe(3);

    // A second run the same day sends nothing.
    now = ist('2026-11-25T19:10');
    expect((await n.run()).sent).toBe(0);
    expect(received).toHaveLength(2);
    mailer.close?.();
  });

  it('survives an SMTP outage: fails, backs off, delivers once when the server is back', async () => {
    const mailer = smtpMailer();
    const { store, n } = await firstRun(mailer);
    now = ist('2026-11-25T18:30');
    const down = await n.run();
    expect(down.failed).toBe(2);
    expect(
      store.messages
        .digests()
        .filter((m) => m.kind === 'digest')
        .every((m) => m.state === 'failed' && /ECONNREFUSED/.test(m.lastError ?? '')),
    ).toBe(true);

    smtp = await startSmtp(port, received);
    now = ist('2026-11-25T18:31'); // still backing off
    expect((await n.run()).sent).toBe(0);
    now = ist('2026-11-25T18:33');
    const up = await n.run();
    expect(up.sent).toBe(2);
    expect(received.map((x) => x.rcpt.join(',')).sort()).toEqual(['ayse.lider@ornek.com.tr', 'kemal@ornek.com.tr']);
    now = ist('2026-11-25T19:00');
    await n.run();
    now = ist('2026-11-26T18:30');
    await n.run(); // nothing new the next day either
    expect(received).toHaveLength(2);
    mailer.close?.();
  });

  it('a kill between decide and send resends at most once (fresh process on the same data file)', async () => {
    smtp = await startSmtp(port, received);
    const real = smtpMailer();
    // Process 1 decides, persists, marks the first digest `sending`, then dies inside send().
    const dying = dyingMailer();
    const { n: n1 } = await firstRun(dying.mailer);
    now = ist('2026-11-25T18:30');
    void n1.run();
    await dying.inSend;
    expect(received).toHaveLength(0);

    // Process 2, once the dead process's `sending` claim is stale (10 minutes): reads the store as left behind
    // and finishes the job. (Before that, a live sender could still be sending it: see the two-process test.)
    now = ist('2026-11-25T18:41');
    const store2 = await openStore(storeFileFor(join(dir, 'data.json')));
    expect(
      store2.messages
        .digests()
        .filter((m) => m.kind === 'digest')
        .map((m) => m.state)
        .sort(),
    ).toEqual(['pending', 'sending']);
    const n2 = notifierFor(store2, real);
    const r = await n2.run();
    expect(r.sent).toBe(2);
    expect(received).toHaveLength(2);
    expect(new Set(received.map((x) => x.rcpt.join(','))).size).toBe(2);
    expect((await n2.run()).sent).toBe(0);
    real.close?.();
  });

  it('a crash after the server accepted but before "sent" was stored costs one duplicate at most, with the same Message-ID', async () => {
    smtp = await startSmtp(port, received);
    const real = smtpMailer();
    const deliverThenDie = dyingMailer((m) => real.send(m));
    const { n: n1 } = await firstRun(deliverThenDie.mailer, [findings[2]!]);
    now = ist('2026-11-24T18:30');
    void n1.run();
    await deliverThenDie.inSend;
    const n2 = notifierFor(await openStore(storeFileFor(join(dir, 'data.json'))), real);
    await n2.run();
    await n2.run();
    now = ist('2026-11-24T19:30');
    await n2.run();
    const ids = received.map((x) => x.mail.messageId);
    // lead + manager (critical goes to both); the one in flight at the crash may come twice.
    expect(received.length).toBeGreaterThanOrEqual(2);
    expect(received.length).toBeLessThanOrEqual(3);
    expect(new Set(ids).size).toBe(2);
    real.close?.();
  });

  it('a sender that throws after the outbox was persisted: a fresh run delivers exactly once', async () => {
    smtp = await startSmtp(port, received);
    const throwing: Mailer = {
      send: async () => {
        throw new Error('killed');
      },
    };
    const { n: n1 } = await firstRun(throwing);
    now = ist('2026-11-25T18:30');
    expect((await n1.run()).failed).toBe(2);
    const real = smtpMailer();
    const n2 = notifierFor(await openStore(storeFileFor(join(dir, 'data.json'))), real);
    now = ist('2026-11-25T18:35');
    expect((await n2.run()).sent).toBe(2);
    now = ist('2026-11-25T18:50');
    expect((await n2.run()).sent).toBe(0);
    expect(received).toHaveLength(2);
    real.close?.();
  });
});
