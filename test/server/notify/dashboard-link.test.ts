// Signed dashboard links in the e-mail digests (docs/operations.md): one per recipient, 7 days from the digest's
// clock, only when PUBLIC_URL and DASHBOARD_LINK_SECRET are both configured.
import { describe, expect, it } from 'vitest';
import { createNotifier } from '../../../server/src/notify/notifier.js';
import { verifyDashboardLink } from '../../../server/src/reports/access.js';
import { memoryStore } from '../../../server/src/store/store.js';
import { CARD1, LEAD, MANAGER, PEOPLE, captureMailer, finding, ist, notifyConfig, setFindings } from './fixtures.js';

const SECRET = 'digest-link-secret-0123456789';
const PUBLIC = 'https://nabiz.ornek.com.tr';
// Critical at once (docs/operations.md): both the team lead and the manager get today's digest.
const unreachable = finding({ rule: 'unreachable', cardId: CARD1, period: '2026-11-23', status: 'critical', severity: 'critical' });

async function digests(env: Record<string, string>, now = ist('2026-11-24T18:30')) {
  const store = await memoryStore();
  const mailer = captureMailer();
  const notifier = createNotifier({ store, config: notifyConfig({ NOTIFY_LABELS: 'false', ...env }), ports: { mailer }, clock: () => now });
  await setFindings(store, [unreachable]);
  await notifier.run();
  return { mailer, store, byTo: (addr: string) => mailer.sent.find((m) => m.to.some((a) => a.address === addr))! };
}

/** The `link` tokens of every /dashboard URL in a text. */
function links(text: string): URL[] {
  return [...text.matchAll(/https:\/\/nabiz\.ornek\.com\.tr\/dashboard\?[^\s"<>]+/g)].map((m) => new URL(m[0].replace(/&amp;/g, '&')));
}

describe('dashboard link in the e-mail digest', () => {
  it("gives each recipient their own link, valid 7 days from the digest, in the recipient's language only", async () => {
    const now = ist('2026-11-24T18:30');
    // The manager reads English (Person.lang); the team lead Turkish (the default).
    const people = PEOPLE.map((p) => (p.trelloId === MANAGER ? { ...p, lang: 'en' } : p));
    const { mailer, byTo } = await digests({ PUBLIC_URL: PUBLIC, DASHBOARD_LINK_SECRET: SECRET, NABIZ_PEOPLE: JSON.stringify(people) }, now);
    expect(mailer.sent).toHaveLength(2);
    for (const [addr, trelloId, lang] of [
      ['ayse.lider@ornek.com.tr', LEAD, 'tr'],
      ['kemal@ornek.com.tr', MANAGER, 'en'],
    ] as const) {
      const m = byTo(addr);
      if (lang === 'tr') {
        expect(m.subject).toMatch(/^Nabız özeti 24\.11\.2026: 1 yeni/);
        expect(m.text).toMatch(/^Paneli aç: https:\/\/nabiz\.ornek\.com\.tr\/dashboard\?link=[^&\s]+$/m);
        expect(m.html).toContain('>Paneli aç</a>');
        expect(m.text + m.html).not.toMatch(/Open dashboard|English|digest/);
      } else {
        expect(m.subject).toMatch(/^Nabız digest 2026-11-24: 1 new/);
        expect(m.text).toMatch(/^Open dashboard: https:\/\/nabiz\.ornek\.com\.tr\/dashboard\?link=.+&lang=en$/m);
        expect(m.html).toContain('>Open dashboard</a>');
        expect(m.text + m.html).not.toMatch(/Paneli aç|özeti/);
      }
      expect(m.subject).not.toContain(' / ');
      const found = [...links(m.text), ...links(m.html!)];
      expect(found).toHaveLength(2); // text + html, one language
      for (const u of found) {
        const v = verifyDashboardLink(u.searchParams.get('link')!, SECRET, now);
        expect(v).toEqual({ ok: true, claims: { trelloId, exp: Math.floor(now.getTime() / 1000) + 7 * 86400 } });
      }
      expect(links(m.text).map((u) => u.searchParams.get('lang'))).toEqual([lang === 'en' ? 'en' : null]);
      // Expires after a week; never valid under another secret.
      const token = links(m.text)[0]!.searchParams.get('link')!;
      expect(verifyDashboardLink(token, SECRET, ist('2026-12-01T18:29'))).toMatchObject({ ok: true });
      expect(verifyDashboardLink(token, SECRET, ist('2026-12-01T18:30'))).toEqual({ ok: false, reason: 'expired' });
      expect(verifyDashboardLink(token, 'another-secret-0123456789', now)).toEqual({ ok: false, reason: 'signature' });
    }
  });

  it('leaves the link out without PUBLIC_URL or without DASHBOARD_LINK_SECRET', async () => {
    for (const env of [{ PUBLIC_URL: PUBLIC }, { DASHBOARD_LINK_SECRET: SECRET }, {}] as Array<Record<string, string>>) {
      const { mailer } = await digests(env);
      expect(mailer.sent).toHaveLength(2);
      for (const m of mailer.sent) {
        expect(m.text).not.toContain('/dashboard');
        expect(m.text).not.toMatch(/Paneli aç|Open dashboard/);
        expect(m.html).not.toMatch(/Paneli aç|Open dashboard/);
      }
    }
  });

  it('the chat digest (a team channel, not a person) never carries a personal link', async () => {
    const { store } = await digests({ PUBLIC_URL: PUBLIC, DASHBOARD_LINK_SECRET: SECRET, CHAT_WEBHOOK_URL: 'http://127.0.0.1:9/hook' });
    const chat = store.messages.digests().filter((d) => d.channel === 'chat');
    expect(chat.length).toBeGreaterThan(0);
    for (const d of chat) expect(JSON.stringify(d.payload) + d.text).not.toContain('/dashboard');
    expect(
      store.messages
        .digests()
        .filter((d) => d.channel === 'email')
        .every((d) => d.text.includes('Paneli aç')),
    ).toBe(true);
  });
});
