// The notify use case: decide → persist (pending) → send → mark sent (docs/operations.md).
// - decide+compose run inside one store.write (tx.messages.plan): the outbox is on disk before anything leaves;
// - a message is marked `sending` (persisted) right before its send, in the one write that also records the
//   previous message's outcome (each write names only its message and outbox rows); a crash in between leaves
//   `sending`, which the next run resends once;
// - failures are retried with backoff until they expire; expired messages are reported in the next
//   digest and by the CLI, never dropped;
// - dry run: the same plan → claim → deliver path on a copy of the state, delivering into a recording channel
//   (recordingPorts) instead of the real ones: it records exactly what each channel would receive, persists
//   nothing and sends nothing.
import type { Config, Person } from '../config.js';
import { silentLogger, type Logger } from '../log.js';
import type { NotifyBook } from '../store/repos.js';
import type { OutboxItem } from '../store/notify-schema.js';
import type { Store } from '../store/store.js';
import type { Clock } from '../../../shared/types.js';
import type { MailMessage, NotifyPorts } from './channels.js';
import { DEFAULT_LINK_MAX_DAYS, linkExpiry, outboxLink } from '../link-tokens.js';
import { dashboardLinkUrl, signDashboardLink } from '../reports/access.js';
import { syncLabels, type LabelSyncResult } from './labels.js';
import { ALWAYS_READ, backoffMs, compose, decide, expire, type BoardView, type DecideResult, type PlanContext } from './plan.js';
import { storedOpenFindings, trackedBoards } from '../store/open-findings.js';
import { mailbox, personByTrelloId } from './recipients.js';
import { addReminders, createReminderPrefs, dueMembers, planReminders } from './reminders.js';
import { reminderMessageId } from '../../../shared/reminder.js';
import { dateKey } from '../../../shared/dates.js';
import type { MessageRecord } from '../store/notify-schema.js';
import { maySendAt, nextDigestTime, notifySettings, type NotifySettings } from './settings.js';

export interface NotifyDeps {
  store: Store;
  config: Config;
  ports: NotifyPorts;
  clock: Clock;
  log?: Logger;
  /** Override the effective settings (tests, CLI --dry-run). */
  settings?: Partial<NotifySettings>;
  /** A fixed /outbox link for every digest (the demo, where the page is open); default: each recipient's own signed link. */
  outboxUrl?: () => string | undefined;
  /** Keep the Trello labels live in a dry run (the demo entry: its "Trello" is the emulator). */
  labelsLiveInDryRun?: boolean;
  /** false: mint no signed links at all (the outbox page's preview: pages never carry anyone's link). */
  mintLinks?: boolean;
}

/** How long the links in a digest stay valid when LINK_MAX_DAYS is not configured. */
export const DASHBOARD_LINK_DAYS = DEFAULT_LINK_MAX_DAYS;

export interface MessageSummary {
  id: string;
  kind: MessageRecord['kind'];
  channel: MessageRecord['channel'];
  /** Trello member id of the recipient, or 'chat' (who may see this message: notify/outbox-access.ts). */
  recipient: string;
  boardId?: string;
  to: string;
  subject: string;
  lines: number;
  state: MessageRecord['state'];
  attempts: number;
  text: string;
  html?: string;
  payload?: unknown;
  lastError?: string;
  /** Dry run: when this would go out. */
  dueAt?: string;
}

export interface NotifyRunReport {
  now: string;
  dryRun: boolean;
  decided: DecideResult;
  composed: string[];
  /** Messages this run sent, or (dry run) would send. */
  messages: MessageSummary[];
  sent: number;
  failed: number;
  /** Messages left for a later run by NOTIFY_MAX_PER_RUN. */
  heldByCap: MessageSummary[];
  /** Digest lines left for the next digest by NOTIFY_MAX_LINES. */
  heldLines: number;
  expired: string[];
  labels: LabelSyncResult[];
  /** Label changes were only computed, not written. */
  labelsDry: boolean;
  /** Dry run: what each channel would have received, call by call, from the recording channel. */
  recorded: RecordedDelivery[];
  /** Why nothing was sent (quiet hours, holiday…), when that is the case. */
  note?: string;
  /** One-line human summary (the CLI prints it last). */
  summary: string;
}

/** One call a channel received (or, in a dry run, would have received) for one message. */
export type ChannelCall = { port: 'mailer'; mail: MailMessage } | { port: 'chat'; payload: unknown } | { port: 'trello'; cardId: string; text: string };
export type RecordedDelivery = ChannelCall & { messageId: string };

/**
 * The dry run's channel: every port present (a preview shows what a configured service would send), each call
 * recorded exactly as the real port would get it. Label reads/writes are not deliveries and are refused.
 */
export function recordingPorts(record: (call: ChannelCall) => void): NotifyPorts {
  const notDelivery = () => Promise.reject(new Error('recording channel: labels are not deliveries'));
  return {
    mailer: { send: async (mail) => void record({ port: 'mailer', mail: structuredClone(mail) }) },
    chat: { post: async (payload) => void record({ port: 'chat', payload: structuredClone(payload) }) },
    trello: {
      postComment: async (cardId, text) => void record({ port: 'trello', cardId, text }),
      getBoard: notDelivery,
      createLabel: notDelivery,
      addLabel: notDelivery,
      removeLabel: notDelivery,
    },
  };
}

/**
 * The rows one message's steps touch: the message and its outbox items, each got, changed and put back. The live
 * run's are the store's (store/repos.ts: each put writes that one row), the dry run's its copy's.
 */
interface MessageBook {
  digest(id: string): MessageRecord | undefined;
  itemsOf(messageId: string): OutboxItem[];
  putDigest(rec: MessageRecord): Promise<void>;
  putOutbox(item: OutboxItem): Promise<void>;
}

/** The dry run's copy as a MessageBook: its records are changed in place. */
function copyBook(b: NotifyBook): MessageBook {
  return {
    digest: (id) => b.digests.find((x) => x.id === id),
    itemsOf: (id) => b.outbox.filter((i) => i.messageId === id),
    putDigest: async () => undefined,
    putOutbox: async () => undefined,
  };
}

/** Ledger steps of one message (the live run writes them in one store.write, the dry run applies them to its copy). */
async function claimIn(b: MessageBook, id: string, t: string, may: (m: MessageRecord) => boolean): Promise<MessageRecord | null> {
  const rec = b.digest(id);
  if (!rec || !may(rec)) return null;
  rec.state = 'sending';
  rec.attempts += 1;
  rec.claimedAt = t;
  await b.putDigest(rec);
  return structuredClone(rec);
}

async function failIn(b: MessageBook, id: string, error: string, now: Date): Promise<void> {
  const rec = b.digest(id);
  if (!rec) return;
  rec.state = 'failed';
  rec.lastError = error;
  rec.nextAttemptAt = new Date(now.getTime() + backoffMs(rec.attempts)).toISOString();
  await b.putDigest(rec);
}

async function sentIn(b: MessageBook, id: string, t: string): Promise<void> {
  const rec = b.digest(id);
  if (!rec) return;
  rec.state = 'sent';
  rec.sentAt = t;
  delete rec.nextAttemptAt;
  await b.putDigest(rec);
  const keys = new Set(rec.itemKeys);
  for (const it of b.itemsOf(rec.id)) {
    if (!keys.has(it.key)) continue;
    Object.assign(it, { state: 'sent', sentAt: t });
    await b.putOutbox(it);
  }
}

/** Where the plan and the message steps are written: the store (live) or the dry run's copy. */
type Books = <T>(f: (b: NotifyBook) => T) => Promise<T>;
type Steps = <T>(f: (b: MessageBook) => Promise<T>) => Promise<T>;

/** A `sending` claim older than this belongs to a process that died mid-send: the message is sent again (once). */
const CLAIM_STALE_MS = 10 * 60_000;

export function boardView(store: Pick<Store, 'boards' | 'snapshots'>, boardId: string): BoardView {
  // Names and links only: the stored snapshot, not snapshotOf (which rebuilds every comment from the ledger).
  const snap = store.snapshots.get(boardId);
  const v: BoardView = { name: snap?.name ?? store.boards.get(boardId)?.name ?? boardId, cards: {}, members: {} };
  for (const c of snap?.cards ?? []) {
    v.cards[c.id] = { name: c.name, url: c.url ?? (c.shortLink ? `https://trello.com/c/${c.shortLink}` : `https://trello.com/c/${c.id}`) };
  }
  for (const m of snap?.members ?? []) v.members[m.id] = { fullName: m.fullName, ...(m.username ? { username: m.username } : {}) };
  return v;
}

const summarise = (m: MessageRecord, dueAt?: string): MessageSummary => ({
  id: m.id,
  kind: m.kind,
  channel: m.channel,
  recipient: m.recipient,
  ...(m.boardId ? { boardId: m.boardId } : {}),
  to: m.to,
  subject: m.subject,
  lines: m.itemKeys.length,
  state: m.state,
  attempts: m.attempts,
  text: m.text,
  ...(m.html ? { html: m.html } : {}),
  ...(m.payload !== undefined ? { payload: m.payload } : {}),
  ...(m.lastError ? { lastError: m.lastError } : {}),
  ...(dueAt ? { dueAt } : {}),
});

export interface Notifier {
  readonly settings: NotifySettings;
  /** One notify pass at the clock's now (what the schedule and `nabiz notify` call). */
  run(opts?: { dryRun?: boolean; now?: Date }): Promise<NotifyRunReport>;
  /** After a scan: keep the labels in line with the findings (and queue mentions). */
  afterScan(boardIds?: string[], opts?: { now?: Date }): Promise<NotifyRunReport>;
  /** Is a specialist's personal reminder due at `now` (the reminder job runs a pass only then)? */
  remindersDue(now?: Date): Promise<boolean>;
}

export function createNotifier(deps: NotifyDeps): Notifier {
  const log = deps.log ?? silentLogger;
  const settings: NotifySettings = { ...notifySettings(deps.config, { trello: Boolean(deps.ports.trello) }), ...deps.settings };
  let running: Promise<NotifyRunReport> | null = null;
  // NABIZ_BOARDS is required with a Trello token (config.ts): an empty list means no board list at all, so every board.
  const configured = deps.config.NABIZ_BOARDS.length ? deps.config.NABIZ_BOARDS : null;
  const reminderPrefs = createReminderPrefs(deps.store, () => trackedBoards(deps.store, configured).tracked);
  /** Reminders a dry run already recorded (it keeps nothing): the minute job must not preview them again all evening. */
  const previewed = new Set<string>();
  /** Members found with nothing pending today after their time came (memberId → Istanbul day): not read again today. */
  const idleOn = new Map<string, string>();
  const knownToday = (memberId: string, now: Date) =>
    idleOn.get(memberId) === dateKey(now) || (settings.dryRun && previewed.has(reminderMessageId(memberId, now)));
  // Personal reminders go as @mention comments: only with a Trello writer (docs/powerup.md "Nudges").
  const remindersOn = () => settings.channels.trello;

  /** The stored boards last found not tracked, with why (logged when that changes, not at every run). */
  let skipped = '';
  /** The boards this run acts on (docs/operations.md "Boards leaving the configuration"), logging the others once. */
  const tracking = () => {
    const t = trackedBoards(deps.store, configured);
    const list = t.untracked.map((u) => `${u.boardId} (${u.why})`).join(', ');
    if (list !== skipped && list)
      log.info(`notify: ${t.untracked.length} stored board(s) not tracked, skipped (their flags wait as they are, their evidence is kept): ${list}`);
    skipped = list;
    return t.tracked;
  };
  let tracked = new Set<string>();

  let ledgerHead: { count: number; hash: string } | undefined;
  const ctxFor = (now: Date, preview: boolean): PlanContext => {
    const views = new Map<string, BoardView>();
    const { PUBLIC_URL: pub, DASHBOARD_LINK_SECRET: secret } = deps.config;
    const days = deps.config.LINK_MAX_DAYS ?? DASHBOARD_LINK_DAYS;
    const mint = deps.mintLinks !== false && pub && secret;
    // Every link is bound to its recipient (the person id is in the signed payload) and lives LINK_MAX_DAYS:
    // the dashboard link opens only their view, the outbox link only their messages. None without both settings.
    const dashboardLink = mint
      ? (p: Person) => {
          const token = signDashboardLink({ trelloId: p.trelloId, exp: linkExpiry(now, days, days) }, secret);
          return { tr: dashboardLinkUrl(pub, token), en: dashboardLinkUrl(pub, token, 'en') };
        }
      : undefined;
    const personalOutbox = mint ? (p: Person) => outboxLink(pub, secret, p.trelloId, now, days) : undefined;
    const fixed = deps.outboxUrl?.();
    const outboxFor = fixed ? () => fixed : personalOutbox;
    return {
      now,
      settings,
      people: deps.config.people,
      ...(dashboardLink ? { dashboardLink } : {}),
      view: (id) => {
        let v = views.get(id);
        if (!v) views.set(id, (v = boardView(deps.store, id)));
        return v;
      },
      previewDigest: preview,
      tracked: (boardId) => tracked.has(boardId),
      ...(outboxFor ? { outboxLink: outboxFor } : {}),
      ...(ledgerHead ? { ledgerHead } : {}),
    };
  };

  async function deliver(m: MessageRecord, p: NotifyPorts): Promise<void> {
    if (m.channel === 'email') {
      if (!p.mailer) throw new Error('no SMTP mailer configured');
      const person: Person | undefined = personByTrelloId(deps.config.people, m.recipient);
      const to = person ? mailbox(person) : null;
      if (!to) throw new Error(`recipient ${m.recipient} has no e-mail address in NABIZ_PEOPLE`);
      const domain = /@([^>\s]+)/.exec(settings.mailFrom)?.[1] ?? 'nabiz.local';
      await p.mailer.send({
        from: settings.mailFrom,
        to: [to],
        subject: m.subject,
        text: m.text,
        html: m.html ?? `<pre>${m.text}</pre>`,
        messageId: `<${m.id.replace(/[^A-Za-z0-9.-]/g, '.')}@${domain}>`,
      });
    } else if (m.channel === 'chat') {
      if (!p.chat) throw new Error('no chat webhook configured');
      await p.chat.post(m.payload ?? { text: m.text });
    } else {
      if (!p.trello) throw new Error('no Trello writer configured');
      if (!m.cardId) throw new Error(`mention ${m.id} has no card`);
      await p.trello.postComment(m.cardId, m.text);
    }
  }

  async function runOnce(opts: { dryRun?: boolean; now?: Date; boards?: string[]; observe?: boolean }): Promise<NotifyRunReport> {
    const now = opts.now ?? deps.clock();
    const dryRun = opts.dryRun ?? settings.dryRun;
    // Another process (a scan, the service) may have written since: decide on the current findings.
    await deps.store.sync();
    // The managers' digests carry the ledger head as a witness outside the store.
    const head = await deps.store.ledger.head();
    ledgerHead = { count: head.count, hash: head.hash };
    const report: NotifyRunReport = {
      now: now.toISOString(),
      dryRun,
      decided: { opened: [], cleared: [], escalated: [], newItems: 0, cancelled: [] },
      composed: [],
      messages: [],
      sent: 0,
      failed: 0,
      heldByCap: [],
      heldLines: 0,
      expired: [],
      labels: [],
      labelsDry: true,
      recorded: [],
      summary: '',
    };

    // The open findings of every tracked board, from the verdict rows (one query): the labels' and the plan's. An
    // untracked board is absent: its flags neither escalate nor clear, its labels are left as they are.
    const boards = tracking();
    tracked = new Set(boards);
    const open = await storedOpenFindings(deps.store, ALWAYS_READ, boards);
    if (settings.label && deps.ports.trello) {
      // Labels are state, not messages; the demo entry keeps them live in dry run (its "Trello" is the emulator).
      const labelsDry = opts.dryRun ?? (settings.dryRun && !deps.labelsLiveInDryRun);
      report.labelsDry = labelsDry;
      report.labels = await syncLabels({ open }, deps.ports.trello, {
        label: settings.label,
        dryRun: labelsDry,
        ...(opts.boards ? { boards: opts.boards } : {}),
      });
      for (const l of report.labels) if (l.error) log.warn(`notify: labels on board ${l.boardId}: ${l.error}`);
    }

    // The specialists' personal reminders due now, with today's pending cards (read before the write: they need the ledger).
    const { planned: reminders, idle } = remindersOn()
      ? await planReminders(deps.store, deps.config.people, await reminderPrefs.read(), now, (m) => knownToday(m, now), settings.englishMembers, boards)
      : { planned: [], idle: [] };
    for (const m of idle) idleOn.set(m, dateKey(now));
    // Plan: decide + compose + expire in one write (live), or on a copy (dry run: digests previewed even before DIGEST_TIME).
    const copy = dryRun ? planCopy(deps.store, open) : null;
    const books: Books = copy ? async (f) => f(copy) : (f) => deps.store.write((tx) => tx.messages.plan(f, open));
    const steps: Steps = copy ? (f) => f(copyBook(copy)) : (f) => deps.store.write((tx) => f(tx.messages));
    const planned = await books((s) => {
      const ctx = ctxFor(now, dryRun);
      const decided = decide(s, ctx);
      const c = compose(s, ctx);
      const remindersAdded = addReminders(s, reminders, now);
      // Only a dry-run service skips what it previewed: a live service's /outbox preview must not hold the real send back.
      if (dryRun && settings.dryRun) for (const id of remindersAdded) previewed.add(id);
      for (const id of remindersAdded) c.created.push(id);
      const expired = expire(s, now);
      return { decided, c, expired };
    });
    report.decided = planned.decided;
    report.composed = planned.c.created;
    report.heldLines = planned.c.held;
    report.expired = planned.expired;
    if (!dryRun) for (const id of planned.expired) log.warn(`notify: message ${id} expired undelivered; it is reported in the next digest`);

    const t = now.toISOString();
    let ports = deps.ports;
    // A mention or reminder of a board no longer tracked waits (it goes if the board is tracked again before it expires).
    const ofTracked = (m: MessageRecord) => !m.boardId || tracked.has(m.boardId);
    let may = (m: MessageRecord) => claimable(m, t, now) && ofTracked(m);
    let dueAt: (m: MessageRecord) => string | undefined = () => undefined;
    let current = '';
    if (copy) {
      // The preview lists everything waiting, labelled with when it would go; it delivers into the recording channel.
      ports = recordingPorts((call) => report.recorded.push({ messageId: current, ...call }));
      may = (m) => (m.state === 'pending' || m.state === 'failed' || m.state === 'sending') && ofTracked(m);
      const due = maySendAt(now, settings) ? t : nextSendable(now, settings);
      const digestAt = nextDigestTime(now, settings).toISOString();
      const created = new Set(planned.c.created);
      dueAt = (m) => (m.kind === 'digest' && created.has(m.id) ? digestAt : due);
    } else if (!maySendAt(now, settings)) {
      report.note = 'quiet hours or not a working day: nothing sent';
      report.summary = summaryLine(report, settings);
      return report;
    } else {
      await deps.store.sync();
    }

    const ready = order((copy ? copy.digests : deps.store.messages.digests()).filter(may));
    // One write per message: the outcome of a send (sent / failed) is written in the same transaction as the next
    // message's claim, and the last outcome on its own. A crash before that write leaves the message `sending`,
    // which is sent again once its claim is stale — the same "at most one resend" as a crash mid-send.
    let outcome: ((b: MessageBook) => Promise<void>) | null = null;
    for (const [i, m0] of ready.entries()) {
      if (i >= settings.maxPerRun) {
        report.heldByCap.push(summarise(m0, dueAt(m0)));
        continue;
      }
      // Claim (`sending`) before the send: a crash now means one resend at most. The claim is checked inside
      // the store's write transaction, so of two processes (a CLI run beside the service) only one sends.
      const previous = outcome;
      outcome = null;
      const m = await steps(async (b) => {
        await previous?.(b);
        return claimIn(b, m0.id, t, may);
      });
      if (!m) continue;
      current = m.id;
      try {
        await deliver(m, ports);
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        outcome = (b) => failIn(b, m.id, msg, now);
        report.failed++;
        if (!dryRun) log.warn(`notify: ${m.kind} ${m.id} to ${m.to} failed (attempt ${m.attempts}): ${msg}`);
        report.messages.push({ ...summarise(dryRun ? m0 : m, dueAt(m0)), state: 'failed', lastError: msg });
        continue;
      }
      outcome = (b) => sentIn(b, m.id, t);
      if (dryRun) {
        // The preview reports the message as it waits (pending, and when it would go), not as the copy's `sent`.
        report.messages.push(summarise(m0, dueAt(m0)));
        continue;
      }
      const { nextAttemptAt: _retry, ...sentRec } = m;
      report.sent++;
      report.messages.push(summarise({ ...sentRec, state: 'sent', sentAt: t }));
      log.info(`notify: sent ${m.kind} ${m.id} to ${m.to} (${m.itemKeys.length} lines)`);
    }
    const last = outcome;
    if (last) await steps(last);
    // A scheduled dry run still advances the ladder (flags are observations, not messages), so the
    // preview escalates like the live service would and going live does not restart every clock.
    if (copy && opts.observe) await deps.store.write((tx) => tx.messages.plan((b) => void (b.flags = copy.flags)));
    report.summary = summaryLine(report, settings);
    return report;
  }

  /** Sendable now: pending, failed and due, or `sending` whose claim is stale (its sender died mid-send). */
  function claimable(m: MessageRecord, t: string, now: Date): boolean {
    if (m.state === 'pending') return true;
    if (m.state === 'failed') return !m.nextAttemptAt || m.nextAttemptAt <= t;
    if (m.state === 'sending') return !m.claimedAt || now.getTime() - Date.parse(m.claimedAt) >= CLAIM_STALE_MS;
    return false;
  }

  const serial = (f: () => Promise<NotifyRunReport>): Promise<NotifyRunReport> => {
    // One pass at a time in this process (the schedule also sets noOverlap).
    const p = (running ?? Promise.resolve()).catch(() => undefined).then(f);
    running = p;
    return p.finally(() => {
      if (running === p) running = null;
    });
  };

  return {
    settings,
    run: (opts = {}) => serial(() => runOnce({ ...opts, observe: !opts.now && opts.dryRun === undefined })),
    afterScan: (boardIds, opts = {}) => serial(() => runOnce({ ...opts, observe: !opts.now, ...(boardIds ? { boards: boardIds } : {}) })),
    async remindersDue(now = deps.clock()) {
      if (!remindersOn()) return false;
      await deps.store.sync();
      return dueMembers(await reminderPrefs.read(), deps.store.messages.digests(), now).some((p) => !knownToday(p.memberId, now));
    },
  };
}

/**
 * What a dry run may change, copied; the rest (ledger, boards, findings) shared read-only. decide/compose/prune
 * only write flags, outbox and digests — a whole-state structuredClone would copy the ledger on every preview.
 */
export function planCopy(store: Pick<Store, 'flags' | 'messages'>, open: NotifyBook['open']): NotifyBook {
  return {
    flags: structuredClone(store.flags.all()),
    outbox: structuredClone(store.messages.outbox()),
    digests: structuredClone(store.messages.digests()),
    open,
  };
}

/** Digests before mentions, oldest first: the cap never starves a digest. */
function order(ms: MessageRecord[]): MessageRecord[] {
  return [...ms].sort((a, b) => (a.kind === b.kind ? a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id) : a.kind === 'digest' ? -1 : 1));
}

/**
 * The first moment sending is allowed again (a working day outside the quiet hours), as an ISO instant, so the outbox
 * can say `gönderim: 08.12.2026 08:00` instead of a placeholder. Steps in 5 minutes over at most 3 weeks (holidays).
 */
export function nextSendable(now: Date, s: NotifySettings): string {
  const step = 5 * 60_000;
  const start = Math.ceil(now.getTime() / step) * step;
  for (let t = start; t < now.getTime() + 21 * 86_400_000; t += step) if (maySendAt(new Date(t), s)) return new Date(t).toISOString();
  return now.toISOString();
}

function summaryLine(r: NotifyRunReport, s: NotifySettings): string {
  const parts: string[] = [];
  if (r.dryRun) parts.push(`dry run: ${r.messages.length} message(s) would be sent`);
  else parts.push(`sent ${r.sent}, failed ${r.failed}`);
  parts.push(`flags opened ${r.decided.opened.length}, escalated ${r.decided.escalated.length}, cleared ${r.decided.cleared.length}`);
  if (r.heldByCap.length) {
    const by: Record<string, number> = {};
    for (const m of r.heldByCap) by[m.channel] = (by[m.channel] ?? 0) + 1;
    parts.push(
      `held back by NOTIFY_MAX_PER_RUN=${s.maxPerRun}: ${r.heldByCap.length} (${Object.entries(by)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')})`,
    );
  }
  if (r.heldLines) parts.push(`${r.heldLines} digest line(s) wait for the next digest (NOTIFY_MAX_LINES=${s.maxLines})`);
  if (r.expired.length) parts.push(`${r.expired.length} expired undelivered`);
  const added = r.labels.reduce((n, l) => n + l.added.length, 0);
  const removed = r.labels.reduce((n, l) => n + l.removed.length, 0);
  if (r.labels.length) parts.push(`labels +${added} −${removed}${r.labelsDry ? ' (would)' : ''}`);
  if (r.note) parts.push(r.note);
  return parts.join('; ');
}
