// Channel adapters (I/O edge): SMTP via nodemailer, a chat incoming webhook, and the Trello writes the
// ladder needs. Each is a small port so tests use real servers (smtp-server, a local HTTP receiver,
// the emulator) and nothing here knows about the ladder.
import nodemailer from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { plainLine } from '../html.js';
import { isRecord } from '../../../shared/guards.js';
import type { TrelloClient } from '../trello/client.js';

export interface MailMessage {
  from: string;
  to: Array<{ name: string; address: string }>;
  subject: string;
  text: string;
  html: string;
  /** Stable per digest, so a resend after a crash can be recognised as the same message. */
  messageId: string;
}

export interface Mailer {
  send(m: MailMessage): Promise<void>;
  close?(): void;
}

/** nodemailer over SMTP_URL (smtp://user:pass@host:port, smtps:// for implicit TLS). */
export function createSmtpMailer(smtpUrl: string, opts: { timeoutMs?: number } = {}): Mailer {
  const t = opts.timeoutMs ?? 20_000;
  // The timeouts go to the SMTP transport itself: createTransport's second argument holds message defaults, where
  // they were ignored (nodemailer's own are 2 min to connect, 30 s for the greeting, 10 min idle).
  const transport = nodemailer.createTransport(new SMTPTransport({ url: smtpUrl, connectionTimeout: t, greetingTimeout: t, socketTimeout: t * 2 }));
  return {
    async send(m) {
      await transport.sendMail({
        from: m.from,
        // Header texts are one line each (html.ts plainLine): a name or subject cannot add a header or a line.
        to: m.to.map((a) => ({ name: plainLine(a.name), address: a.address })),
        subject: plainLine(m.subject),
        text: m.text,
        html: m.html,
        messageId: m.messageId,
        headers: { 'X-Nabiz': 'digest', 'Auto-Submitted': 'auto-generated' },
      });
    },
    close: () => transport.close(),
  };
}

export interface ChatSender {
  post(payload: unknown): Promise<void>;
}

/** POST the JSON to the incoming webhook. The URL is a secret: errors never include it. */
export function createChatWebhook(url: string, opts: { timeoutMs?: number; fetch?: typeof fetch } = {}): ChatSender {
  const f = opts.fetch ?? fetch;
  return {
    async post(payload) {
      let res: Response;
      try {
        res = await f(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json; charset=utf-8' },
          body: JSON.stringify(payload),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
        });
      } catch (e) {
        // fetch rejects with a TypeError whose cause holds the socket's code (ECONNREFUSED …); a timeout with its name.
        const code = isRecord(e) && isRecord(e.cause) && typeof e.cause.code === 'string' ? e.cause.code : undefined;
        const cause = code ?? (isRecord(e) && typeof e.name === 'string' ? e.name : String(e));
        throw new Error(`chat webhook unreachable (${cause})`);
      }
      if (!res.ok) {
        const body = (await res.text().catch(() => '')).slice(0, 200);
        throw new Error(`chat webhook answered HTTP ${res.status}${body ? `: ${body}` : ''}`);
      }
    },
  };
}

/** The Trello reads and writes notify needs; `notifyTrello(createTrelloClient(...))` provides them. */
export interface NotifyTrello {
  postComment(cardId: string, text: string): Promise<unknown>;
  /** The board with open cards (idLabels) and labels — one request (docs/operations.md). */
  getBoard(boardId: string): Promise<unknown>;
  createLabel(boardId: string, label: { name: string; color: string | null }): Promise<{ id: string }>;
  addLabel(cardId: string, labelId: string): Promise<unknown>;
  removeLabel(cardId: string, labelId: string): Promise<unknown>;
}

/** Everything a run may touch. Missing ports = the channel is not wired (its messages wait). */
export interface NotifyPorts {
  mailer?: Mailer;
  chat?: ChatSender;
  trello?: NotifyTrello;
}

/** The typed client calls notify uses (`createTrelloClient(...)` has them). */
export type NotifyTrelloClient = Pick<TrelloClient, 'postComment' | 'getBoardLabels' | 'createLabel' | 'addLabel' | 'removeLabel'>;

/**
 * The Trello writes of notify over the REST client's typed calls: every answer is validated there
 * (label writes answer with the card's label ids) and failures surface as TrelloError.
 */
export function notifyTrello(client: NotifyTrelloClient): NotifyTrello {
  return {
    postComment: (cardId, text) => client.postComment(cardId, text),
    getBoard: (boardId) => client.getBoardLabels(boardId),
    createLabel: (boardId, label) => client.createLabel(boardId, label),
    addLabel: (cardId, labelId) => client.addLabel(cardId, labelId),
    removeLabel: (cardId, labelId) => client.removeLabel(cardId, labelId),
  };
}
