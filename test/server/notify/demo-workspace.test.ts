// The "done when", end to end with real parts: the generated demo workspace in the Trello
// emulator, the real scanner, a real SMTP server. Labels follow the open findings after every scan;
// mention comments land on the cards; the digest arrives once per recipient per day, survives an
// SMTP outage and lists exactly the open findings.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, storeFileFor } from '../../../server/src/config.js';
import type { Emulator } from '../../../server/src/demo/emulator.js';
import { generateDemoWorkspace, type DemoWorkspace } from '../../../server/src/demo/workspace.js';
import { silentLogger } from '../../../server/src/log.js';
import { createSmtpMailer, notifyTrello, type Mailer } from '../../../server/src/notify/channels.js';
import { createNotifier, type Notifier } from '../../../server/src/notify/notifier.js';
import { ALWAYS_READ, openFindings } from '../../../server/src/notify/plan.js';
import { storedOpenFindings } from '../../../server/src/store/open-findings.js';
import { scanBoards } from '../../../server/src/scan/scan-boards.js';
import { openStore, type Store } from '../../../server/src/store/store.js';
import type { TrelloClient } from '../../../server/src/trello/client.js';
import { ist } from './fixtures.js';
import { freePort, startSmtp, type ReceivedMail } from './smtp-receiver.js';
import { unlimitedTrello } from '../unlimited-trello.js';

const KEY = 'notifykey'.padEnd(32, '0');
const TOKEN = 'notifytoken'.padEnd(64, '0');
const LABEL = 'Nabız: eksik kayıt';

let now = ist('2026-11-24T10:00'); // Tuesday
const clock = () => now;
let ws: DemoWorkspace;
let em: Emulator;
let trello: TrelloClient;
let store: Store;
let dir: string;
let port: number;
let smtp: SMTPServer | null = null;
const received: ReceivedMail[] = [];
let mailer: Mailer;
let notifier: Notifier;
let boards: string[];

async function smtpUp(): Promise<void> {
  smtp = await startSmtp(port, received);
}

async function scan(): Promise<void> {
  const r = await scanBoards({ store, trello, boards, clock, log: silentLogger }, { now });
  expect(r.boards.every((b) => b.ok)).toBe(true);
  await notifier.afterScan(boards);
}

/** Card ids carrying the label, per board, read back from the emulator over REST. */
async function labelled(boardId: string): Promise<string[]> {
  const b = await trello.getBoardLabels(boardId);
  const l = (b.labels ?? []).filter((x) => x.name === LABEL);
  expect(l.length).toBeLessThanOrEqual(1); // created once per board
  return b.cards
    .filter((c) => l[0] && (c.idLabels ?? []).includes(l[0].id))
    .map((c) => c.id)
    .sort();
}

/** Cards the label should be on: open findings against someone on a card (a risk or a board-level finding labels nothing, docs/rules.md). */
/** The notifier's open findings, from the verdict rows. */
const openNow = async () => openFindings({ open: await storedOpenFindings(store, ALWAYS_READ) });

async function openCards(boardId: string): Promise<string[]> {
  return [...new Set([...((await openNow()).get(boardId)?.values() ?? [])].filter((f) => f.class !== 'risk' && f.cardId !== '').map((f) => f.cardId))].sort();
}

beforeAll(async () => {
  ws = generateDemoWorkspace({ seed: 7, now });
  boards = ws.boards.map((b) => b.id);
  ({ emu: em, trello } = await unlimitedTrello({ key: KEY, token: TOKEN, boards: ws.boards, clock }));
  dir = mkdtempSync(join(tmpdir(), 'nabiz-notify-demo-'));
  store = await openStore(storeFileFor(join(dir, 'data.json')));
  port = await freePort();
  await smtpUp();
  mailer = createSmtpMailer(`smtp://127.0.0.1:${port}`);
  const config = loadConfig({
    NABIZ_PEOPLE: JSON.stringify(ws.people),
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    NOTIFY_DRY_RUN: 'false',
    NOTIFY_MAX_LINES: '500',
    LOG_LEVEL: 'silent',
  });
  notifier = createNotifier({ store, config, ports: { mailer, trello: notifyTrello(trello) }, clock });
});

afterAll(async () => {
  mailer?.close?.();
  if (smtp) await new Promise<void>((r) => smtp!.close(() => r()));
  await em?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo workspace: labels, mentions and digests against the emulator and a real SMTP server', { timeout: 90_000 }, () => {
  it('labels exactly the cards with open findings after the first scan, and mentions the specialists', async () => {
    // A stray label on a card without findings must go.
    const open0 = await openCards(ws.boards[0]!.id);
    const clean = ws.boards[0]!.cards.find((c) => !open0.includes(c.id) && !c.closed)!;
    await scan();
    const board0 = ws.boards[0]!.id;
    const labelId = (await trello.getBoardLabels(board0)).labels!.find((l) => l.name === LABEL)!.id;
    expect(await openCards(board0)).not.toContain(clean.id);
    await notifyTrello(trello).addLabel(clean.id, labelId);
    await scan();
    for (const b of boards) {
      expect((await openCards(b)).length).toBeGreaterThan(0);
      expect(await labelled(b)).toEqual(await openCards(b));
    }
    // Mentions: Nabız comments that @mention the specialist, tag-free.
    const actions = (await Promise.all(boards.map((b) => trello.listActions(b, { filter: 'commentCard' })))).flat();
    const mentions = actions.filter((a) => /^@\w+ Nabız:/.test(a.data?.text ?? ''));
    expect(mentions.length).toBeGreaterThan(0);
    const usernames = new Set(ws.specialists.map((s) => s.username));
    for (const m of mentions) {
      expect(usernames.has(/^@(\w+)/.exec(m.data!.text!)![1]!)).toBe(true);
      expect(m.data!.text).not.toMatch(/#/);
    }
    // A second scan + notify does not comment again.
    const before = mentions.length;
    await scan();
    const again = (await Promise.all(boards.map((b) => trello.listActions(b, { filter: 'commentCard' }))))
      .flat()
      .filter((a) => /^@\w+ Nabız:/.test(a.data?.text ?? ''));
    expect(again.length).toBe(before);
  });

  it('delivers the digest once per recipient per day, through an SMTP outage, listing exactly the open findings', async () => {
    // Wednesday 18:30, SMTP down.
    await new Promise<void>((r) => smtp!.close(() => r()));
    smtp = null;
    now = ist('2026-11-25T18:30');
    await scan(); // the notify pass after the scan tries the digests: SMTP is down
    const digests = () => store.messages.digests().filter((m) => m.kind === 'digest');
    expect(digests().length).toBe(2);
    expect(digests().every((m) => m.state === 'failed' && m.attempts === 1)).toBe(true);
    expect(received).toHaveLength(0);
    await smtpUp();
    now = ist('2026-11-25T18:45');
    await notifier.run();
    now = ist('2026-11-25T19:30');
    await notifier.run();
    const lead = ws.people.find((p) => p.role === 'teamLead')!;
    const manager = ws.people.find((p) => p.role === 'manager')!;
    const to = received.map((r) => r.rcpt.join(',')).sort();
    expect(to).toEqual([lead.email, manager.email].sort());

    // The lead's digest lists every open finding (one line each, with its card link).
    const mail = received.find((r) => r.rcpt[0] === lead.email)!.mail;
    expect(mail.html).toBeTruthy();
    const tr = mail.text!.split('— English —')[0]!;
    const lines = tr.split('\n').filter((l) => l.startsWith('    • '));
    // Open findings that reached the lead's step (seen open since yesterday, or critical); today's
    // fresh misses (yesterday's dailies) wait for tomorrow's digest.
    const stepped = new Set(
      Object.entries(store.flags.all())
        .filter(([, f]) => !f.clearedAt && f.level !== 'specialist')
        .map(([k]) => k),
    );
    const all = [...(await openNow()).entries()].flatMap(([b, m]) => [...m.entries()].filter(([k]) => stepped.has(k)).map(([, f]) => f));
    const open = all.filter((f) => f.class !== 'risk');
    expect(open.length).toBeGreaterThan(10);
    expect(lines.length).toBe(open.length);
    for (const f of open) {
      const card = ws.boards.flatMap((b) => b.cards).find((c) => c.id === f.cardId)!;
      expect(lines.some((l) => l.includes(f.detail.tr) && l.includes(card.url ?? f.cardId))).toBe(true);
    }
    // Risks (a full disk with every action recorded, growth) come in their own section, once each.
    const risks = all.filter((f) => f.class === 'risk');
    if (risks.length) {
      expect(tr).toContain(`RİSK (${risks.length})`);
      for (const f of risks) expect(tr).toContain(f.detail.tr);
    } else expect(tr).not.toContain('RİSK (');
    // The manager's digest today: the critical ones (go-live reason, unreachable, disk critical against the
    // specialist), never a risk.
    const mgr = received.find((r) => r.rcpt[0] === manager.email)!.mail.text!;
    const crit = open.filter(
      (f) => f.rule === 'golive-reason' || f.rule === 'unreachable' || ((f.rule === 'disk' || f.rule === 'traffic') && f.status === 'critical'),
    );
    expect(crit.length).toBeGreaterThan(0);
    expect(
      mgr
        .split('— English —')[0]!
        .split('\n')
        .filter((l) => l.startsWith('    • ')),
    ).toHaveLength(crit.length);
    expect(mgr).not.toContain('RİSK (');

    // Thursday: yesterday's fresh misses reach the lead — a new digest with only those lines; runs
    // later that evening add nothing. One digest per recipient per day, whatever the number of runs.
    now = ist('2026-11-26T18:30');
    await scan();
    await notifier.run();
    now = ist('2026-11-26T19:45');
    await scan();
    await notifier.run();
    const days = received.map((r) => `${r.rcpt[0]} ${r.mail.subject?.slice(12, 22)}`);
    expect(new Set(days).size).toBe(days.length);
    const thu = received.filter((r) => r.rcpt[0] === lead.email)[1]!.mail.text!;
    for (const l of lines) expect(thu).not.toContain(l.trim());
  });

  it('keeps labels in line when an entry fixes a finding, and says "fixed" once in the next digest', async () => {
    const board = ws.boards[2]!.id;
    const dailies = [...((await openNow()).get(board)?.values() ?? [])].filter((f) => f.rule === 'daily');
    expect(dailies.length).toBeGreaterThan(0);
    const card = dailies[0]!.cardId;
    for (const f of dailies.filter((d) => d.cardId === card)) await trello.postComment(card, `#günlük ${f.period} müşteri arandı, kontrol yapıldı`);
    now = ist('2026-11-27T10:00');
    await scan();
    const fixed = new Set(dailies.filter((d) => d.cardId === card).map((d) => d.period));
    const stillOpen = [...((await openNow()).get(board)?.values() ?? [])].filter((f) => f.rule === 'daily' && f.cardId === card && fixed.has(f.period));
    expect(stillOpen).toHaveLength(0);
    for (const b of boards) expect(await labelled(b)).toEqual(await openCards(b));
    now = ist('2026-11-27T18:30');
    await notifier.run();
    const leadMail = received.filter((r) => r.rcpt[0] === ws.people.find((p) => p.role === 'teamLead')!.email);
    const last = leadMail[leadMail.length - 1]!.mail.text!;
    expect(last).toMatch(/DÜZELDİ \(\d+\)/);
    for (const p of fixed) expect(last).toContain(p.split('-').reverse().join('.'));
  });
});
