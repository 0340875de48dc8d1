// E-mail digests against a real SMTP server (smtp-server on a loopback port), parsed with mailparser:
// both parts, right recipients and lines; SMTP down then up; a kill between decide and send; re-runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSmtpMailer, type Mailer } from '../../../server/src/notify/channels.js';
import { createNotifier } from '../../../server/src/notify/notifier.js';
import { openFileStore, type Store } from '../../../server/src/store/store.js';
import { CARD1, CARD2, CARD3, finding, ist, notifyConfig, setFindings } from './fixtures.js';

interface Received {
  rcpt: string[];
  mail: ParsedMail;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

function startSmtp(port: number, received: Received[]): Promise<SMTPServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ rcpt: session.envelope.rcptTo.map((r) => r.address), mail });
          cb();
        })
        .catch(cb);
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

const stop = (s: SMTPServer | null) => (s ? new Promise<void>((r) => s.close(() => r())) : Promise.resolve());

let dir: string;
let port: number;
let smtp: SMTPServer | null = null;
let received: Received[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nabiz-notify-'));
  port = await freePort();
  received = [];
});
afterEach(async () => {
  await stop(smtp);
  smtp = null;
  rmSync(dir, { recursive: true, force: true });
});

const findings = [
  finding({ rule: 'daily', cardId: CARD1, period: '2026-11-23' }),
  finding({ rule: 'weekly', cardId: CARD2, period: '2026-W47', status: 'incomplete', detail: { tr: 'Haftalık kayıtta trafik okuması yok', en: 'Weekly entry has no traffic reading' } }),
  finding({ rule: 'disk', cardId: CARD3, period: '2026-W48', status: 'critical', severity: 'critical', detail: { tr: 'Disk %97 dolu', en: 'Disk 97% full' } }),
];

function notifierFor(store: Store, mailer: Mailer, clock: () => Date) {
  return createNotifier({ store, config: notifyConfig({ SMTP_URL: `smtp://127.0.0.1:${port}`, NOTIFY_LABELS: 'false', MAIL_FROM: 'Nabız <nabiz@ornek.com.tr>' }), ports: { mailer }, clock });
}

describe('e-mail digest over real SMTP', () => {
  it('arrives once per recipient per day with a plain and an HTML part, Turkish first, grouped and linked', async () => {
    smtp = await startSmtp(port, received);
    const store = await openFileStore(join(dir, 'data.json'));
    let now = ist('2026-11-24T10:00');
    const mailer = createSmtpMailer(`smtp://127.0.0.1:${port}`);
    const n = notifierFor(store, mailer, () => now);
    await setFindings(store, findings);
    await n.run();
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
    // Both parts, Turkish section before English.
    const text = lead.text!;
    expect(text.indexOf('YENİ AÇIK KAYITLAR')).toBeGreaterThan(-1);
    expect(text.indexOf('YENİ AÇIK KAYITLAR')).toBeLessThan(text.indexOf('NEW OPEN FINDINGS'));
    expect(typeof lead.html).toBe('string');
    const html = lead.html as string;
    expect(html.indexOf('lang="tr"')).toBeLessThan(html.indexOf('lang="en"'));
    // Grouped by specialist → customer; each line links the card.
    expect(text).toMatch(/Mehmet Kaya\n {2}Acme Ltd — https:\/\/trello\.com\/c\/AAAA1111\/acme\n {4}• Günlük 23\.11\.2026 — eksik/);
    expect(text).toMatch(/Mehmet Kaya[\s\S]*Boğaziçi Tekstil[\s\S]*Zeynep Ak\n {2}Çınar Gıda/);
    expect(html).toContain('<a href="https://trello.com/c/CCCC3333/cinar">');
    expect(html).toContain('Disk %97 dolu');
    // The manager gets only what reached their step: the critical disk line today.
    expect(mgr.text).toContain('Çınar Gıda');
    expect(mgr.text).not.toContain('Acme Ltd');
    // Lines in the e-mail = the open findings the lead oversees.
    expect((text.split('— English —')[0]!.match(/^ {4}• /gm) ?? []).length).toBe(3);

    // A second run the same day sends nothing.
    now = ist('2026-11-25T19:10');
    expect((await n.run()).sent).toBe(0);
    expect(received).toHaveLength(2);
    mailer.close?.();
  });

  it('survives an SMTP outage: fails, backs off, delivers once when the server is back', async () => {
    const store = await openFileStore(join(dir, 'data.json'));
    let now = ist('2026-11-24T10:00');
    const mailer = createSmtpMailer(`smtp://127.0.0.1:${port}`);
    const n = notifierFor(store, mailer, () => now);
    await setFindings(store, findings);
    await n.run();
    now = ist('2026-11-25T18:30');
    const down = await n.run();
    expect(down.failed).toBe(2);
    expect(store.data.digests.filter((m) => m.kind === 'digest').every((m) => m.state === 'failed' && /ECONNREFUSED/.test(m.lastError ?? ''))).toBe(true);

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
    const file = join(dir, 'data.json');
    const store1 = await openFileStore(file);
    let now = ist('2026-11-24T10:00');
    await setFindings(store1, findings);
    const real = createSmtpMailer(`smtp://127.0.0.1:${port}`);
    // Process 1 decides, persists, marks the first digest `sending`, then dies inside send().
    let reached!: () => void;
    const inSend = new Promise<void>((r) => (reached = r));
    const dying: Mailer = {
      send: () => {
        reached();
        return new Promise<void>(() => undefined); // never returns: the process is gone
      },
    };
    const n1 = notifierFor(store1, dying, () => now);
    await n1.run();
    now = ist('2026-11-25T18:30');
    void n1.run();
    await inSend;
    expect(received).toHaveLength(0);

    // Process 2: reads the file as left behind and finishes the job.
    const store2 = await openFileStore(file);
    expect(store2.data.digests.filter((m) => m.kind === 'digest').map((m) => m.state).sort()).toEqual(['pending', 'sending']);
    const n2 = notifierFor(store2, real, () => now);
    const r = await n2.run();
    expect(r.sent).toBe(2);
    expect(received).toHaveLength(2);
    expect(new Set(received.map((x) => x.rcpt.join(','))).size).toBe(2);
    expect((await n2.run()).sent).toBe(0);
    real.close?.();
  });

  it('a crash after the server accepted but before "sent" was stored costs one duplicate at most, with the same Message-ID', async () => {
    smtp = await startSmtp(port, received);
    const file = join(dir, 'data.json');
    const store1 = await openFileStore(file);
    let now = ist('2026-11-24T10:00');
    await setFindings(store1, [findings[2]!]);
    const real = createSmtpMailer(`smtp://127.0.0.1:${port}`);
    let reached!: () => void;
    const delivered = new Promise<void>((r) => (reached = r));
    const deliverThenDie: Mailer = {
      async send(m) {
        await real.send(m);
        reached();
        await new Promise<void>(() => undefined);
      },
    };
    const n1 = notifierFor(store1, deliverThenDie, () => now);
    await n1.run();
    now = ist('2026-11-24T18:30');
    void n1.run();
    await delivered;
    const store2 = await openFileStore(file);
    const n2 = notifierFor(store2, real, () => now);
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
    const file = join(dir, 'data.json');
    const store1 = await openFileStore(file);
    let now = ist('2026-11-24T10:00');
    await setFindings(store1, findings);
    const throwing: Mailer = {
      send: async () => {
        throw new Error('killed');
      },
    };
    const n1 = notifierFor(store1, throwing, () => now);
    await n1.run();
    now = ist('2026-11-25T18:30');
    expect((await n1.run()).failed).toBe(2);
    const store2 = await openFileStore(file);
    const real = createSmtpMailer(`smtp://127.0.0.1:${port}`);
    const n2 = notifierFor(store2, real, () => now);
    now = ist('2026-11-25T18:35');
    expect((await n2.run()).sent).toBe(2);
    now = ist('2026-11-25T18:50');
    expect((await n2.run()).sent).toBe(0);
    expect(received).toHaveLength(2);
    real.close?.();
  });
});
