// The chat digest against a local HTTP receiver standing in for a Slack/Teams incoming webhook.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatWebhook } from '../../../server/src/notify/channels.js';
import { createNotifier } from '../../../server/src/notify/notifier.js';
import { memoryStore } from '../../../server/src/store/store.js';
import { CARD1, CARD3, finding, ist, notifyConfig, setFindings } from './fixtures.js';

let server: Server;
let url: string;
let posts: Array<{ headers: IncomingMessage['headers']; body: unknown }>;
let answer: number;

beforeEach(async () => {
  posts = [];
  answer = 200;
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      if (answer === 200) posts.push({ headers: req.headers, body: JSON.parse(raw) });
      res.statusCode = answer;
      res.end(answer === 200 ? 'ok' : 'invalid_payload');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/XXXXSECRET`;
});
afterEach(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

async function setup(format: 'slack' | 'teams') {
  const store = await memoryStore();
  let now = ist('2026-11-24T10:00');
  const cfg = notifyConfig({ SMTP_URL: '', CHAT_WEBHOOK_URL: url, CHAT_WEBHOOK_FORMAT: format, NOTIFY_LABELS: 'false', NOTIFY_MENTIONS: 'false' });
  const n = createNotifier({ store, config: cfg, ports: { chat: createChatWebhook(url) }, clock: () => now });
  await setFindings(store, [
    finding({ rule: 'daily', cardId: CARD1, period: '2026-11-23' }),
    finding({
      rule: 'unreachable',
      cardId: CARD3,
      period: '2026-11-18',
      status: 'escalate',
      severity: 'critical',
      detail: { tr: '3 iş günüdür ulaşılamıyor', en: 'Unreachable for 3 working days' },
    }),
  ]);
  return { store, n, at: (s: string) => (now = ist(s)) };
}

describe('chat webhook digest', () => {
  it('posts Slack JSON once a day with every line linked to its card', async () => {
    const { n, at } = await setup('slack');
    expect(n.settings.channels).toMatchObject({ email: false, chat: true });
    await n.run();
    at('2026-11-24T18:30');
    await n.run();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.headers['content-type']).toMatch(/application\/json/);
    const text = (posts[0]!.body as { text: string }).text;
    expect(text).toMatch(/^\*Nabız özeti 24\.11\.2026: 1 yeni/);
    expect(text).toContain('<https://trello.com/c/CCCC3333/cinar|Çınar Gıda>');
    expect(text).toContain('3 iş günüdür ulaşılamıyor');
    at('2026-11-25T18:30');
    await n.run();
    expect(posts).toHaveLength(2); // the daily miss reached the team step today
    expect((posts[1]!.body as { text: string }).text).toContain('<https://trello.com/c/AAAA1111/acme|Acme Ltd>');
    at('2026-11-25T19:00');
    await n.run();
    expect(posts).toHaveLength(2);
  });

  it('posts a Teams MessageCard', async () => {
    const { n, at } = await setup('teams');
    await n.run();
    at('2026-11-24T18:30');
    await n.run();
    const body = posts[0]!.body as Record<string, string>;
    expect(body['@type']).toBe('MessageCard');
    expect(body.summary).toMatch(/^Nabız özeti/);
    expect(body.text).toContain('[Çınar Gıda](https://trello.com/c/CCCC3333/cinar)');
  });

  it('retries after an HTTP error and never logs the secret URL', async () => {
    const { n, store, at } = await setup('slack');
    await n.run();
    answer = 500;
    at('2026-11-24T18:30');
    const r = await n.run();
    expect(r.failed).toBe(1);
    const m = store.messages.digests().find((d) => d.channel === 'chat')!;
    expect(m.lastError).toBe('chat webhook answered HTTP 500: invalid_payload');
    expect(JSON.stringify(store.image())).not.toContain('XXXXSECRET');
    answer = 200;
    at('2026-11-24T18:40');
    expect((await n.run()).sent).toBe(1);
    expect(posts).toHaveLength(1);
  });
});
