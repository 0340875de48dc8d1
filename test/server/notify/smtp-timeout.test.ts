// createSmtpMailer's timeouts reach the SMTP connection: a server that accepts the connection and never greets
// fails the send after the configured greeting timeout (nodemailer's own default is 30 s), so a hung mail server
// cannot hold the digest job.
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { createSmtpMailer } from '../../../server/src/notify/channels.js';

let server: Server | undefined;
const sockets = new Set<Socket>();

afterEach(async () => {
  for (const s of sockets) s.destroy();
  sockets.clear();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

it('a server that never greets fails the send with the greeting timeout', { timeout: 15_000 }, async () => {
  const silent = createServer((s) => void sockets.add(s));
  server = silent;
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
  const addr = silent.address();
  if (!addr || typeof addr === 'string') throw new Error('no TCP port');
  const mailer = createSmtpMailer(`smtp://127.0.0.1:${addr.port}`, { timeoutMs: 300 });
  try {
    const send = mailer.send({
      from: 'nabiz@ornek.com.tr',
      to: [{ name: 'Ayşe', address: 'ayse@ornek.com.tr' }],
      subject: 'x',
      text: 'x',
      html: '<p>x</p>',
      messageId: '<t@nabiz>',
    });
    await expect(send).rejects.toThrow(/Greeting never received/);
  } finally {
    mailer.close?.();
  }
});
