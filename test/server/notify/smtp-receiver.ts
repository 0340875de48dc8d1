// A real SMTP server on a loopback port for the e-mail tests (smtp-server; mails parsed with mailparser).
import { createServer, type AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  rcpt: string[];
  mail: ParsedMail;
}

/** A port nothing listens on yet (so a test can start "SMTP down" and bring it up later on the same port). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Accepts every mail (no auth, no STARTTLS) and pushes it, parsed, onto `received`. */
export function startSmtp(port: number, received: ReceivedMail[]): Promise<SMTPServer> {
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

export const stopSmtp = (s: SMTPServer | null): Promise<void> => (s ? new Promise<void>((r) => s.close(() => r())) : Promise.resolve());
