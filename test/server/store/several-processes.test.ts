// Several processes on one store, as operators run them: CLI scans and notify runs beside a running service on
// SQLite, and two services on one PostgreSQL whose leader is killed mid-scan. Nothing lost, nothing twice, every
// digest once (counted by a real SMTP receiver), the ledger verifies.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SMTPServer } from 'smtp-server';
import { loadConfig, storeFileFor } from '../../../server/src/config.js';
import { maySendAt, notifySettings } from '../../../server/src/notify/settings.js';
import { openStore, type Store } from '../../../server/src/store/store.js';
import { freePort, startSmtp, stopSmtp, type ReceivedMail } from '../notify/smtp-receiver.js';
import { KEY, TOKEN, startWorld, type World } from '../scan/world.js';
import { freshPgDatabase, PG_URL } from './adapters.js';
import { ledgerOf } from './helpers.js';

const BIN = resolve(import.meta.dirname, '../../../bin/nabiz.js');

interface Proc {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

function start(args: string[], env: NodeJS.ProcessEnv): Proc {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, out: () => out, exited };
}

async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let world: World | undefined;
let smtp: SMTPServer | null = null;
const procs: Proc[] = [];
afterEach(async () => {
  for (const p of procs.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  await stopSmtp(smtp);
  smtp = null;
  await world?.close();
  world = undefined;
});

/** The environment of a live service over the test world, sending digests at once to a manager over SMTP. */
async function liveEnv(w: World, smtpPort: number, store: Record<string, string>): Promise<Record<string, string>> {
  const boards = w.boardIds;
  return {
    TRELLO_KEY: KEY,
    TRELLO_TOKEN: TOKEN,
    TRELLO_API_URL: w.emu.url,
    NABIZ_BOARDS: boards.join(','),
    NABIZ_PEOPLE: JSON.stringify([{ name: 'Müdür Bey', email: 'mudur@ornek.com.tr', trelloId: 'p-manager', role: 'manager' }]),
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    NOTIFY_DRY_RUN: 'false',
    NOTIFY_MENTIONS: 'false',
    NOTIFY_LABELS: 'false',
    NOTIFY_TEAMLEAD_AFTER: '0',
    NOTIFY_MANAGER_AFTER: '0',
    DIGEST_TIME: '00:00',
    NOTIFY_QUIET_HOURS: '03:00-03:01',
    SCAN_CRON: '*/2 * * * * *',
    PORT: '0',
    LOG_LEVEL: 'info',
    ...store,
  };
}

/** Digests may only go out on a working day outside quiet hours: on other days the test checks "never twice" only. */
function sendsToday(env: Record<string, string>): boolean {
  return maySendAt(new Date(), notifySettings(loadConfig(env), { trello: false }));
}

/** Every mail's Message-ID once, and per recipient at most one digest a day. */
function expectEachDigestOnce(received: ReceivedMail[]) {
  const ids = received.map((m) => m.mail.messageId);
  expect(new Set(ids).size).toBe(ids.length);
  const perRecipient = received.map((m) => m.rcpt.join(','));
  expect(new Set(perRecipient).size).toBe(perRecipient.length);
}

/** Comment records held (the ledger also holds the boards' dated facts). */
async function commentCount(store: Store): Promise<number> {
  return (await ledgerOf(store)).filter((r) => r.type === 'comment').length;
}

async function expectLedgerComplete(store: Store, expected: number) {
  const all = await ledgerOf(store);
  expect(await store.ledger.verify()).toEqual({ ok: true, count: all.length });
  expect(all.filter((r) => r.type === 'comment')).toHaveLength(expected);
  const facts = all.map((r) => `${r.type}|${r.actionId}`);
  expect(new Set(facts).size).toBe(facts.length);
}

describe('several processes on one store', () => {
  it('SQLite: scan --once and notify --send beside a running serve: nothing lost, nothing twice', { timeout: 180_000 }, async () => {
    world = await startWorld({ boards: 4, cards: 3, days: 20 });
    const port = await freePort();
    const received: ReceivedMail[] = [];
    smtp = await startSmtp(port, received);
    const dir = mkdtempSync(join(tmpdir(), 'nabiz-procs-'));
    const dataFile = join(dir, 'data.json');
    const env = await liveEnv(world, port, { DATA_FILE: dataFile });
    const serve = start(['serve'], env);
    procs.push(serve);
    await until('serve to start', () => /Press Ctrl\+C/.test(serve.out()), 90_000);

    // While the service scans every 2 s, CLI scans and notify runs start beside it, with new comments arriving.
    const card = world.emu.state.exportBoard(world.boardIds[0]!).cards[0]!;
    let added = 0;
    const clis: Proc[] = [];
    for (let round = 0; round < 2; round++) {
      world.emu.state.addComment(card.id, card.idMembers[0]!, `#günlük yan yana ${round}`, new Date());
      added++;
      clis.push(start(['scan', '--once'], env), start(['notify', '--send'], env), start(['scan', '--once'], env));
      procs.push(...clis.slice(-3));
      await new Promise((r) => setTimeout(r, 700));
    }
    const codes = await Promise.all(clis.map((p) => p.exited));
    expect(codes.filter((c) => c !== 0 && c !== 1)).toEqual([]); // 1 = a notify run with a failed send; never a crash
    const store = await openStore(storeFileFor(dataFile));
    await until('the service to scan the last comment', async () => (await commentCount(store)) === world!.commentIds.length + added);
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    await expectLedgerComplete(store, world.commentIds.length + added);
    if (sendsToday(env)) expect(received.length).toBeGreaterThan(0);
    expectEachDigestOnce(received);
    const sent = store.messages.digests().filter((m) => m.state === 'sent');
    expect(sent.length).toBe(received.length);
    await store.close();
  });

  it.skipIf(!PG_URL)(
    'PostgreSQL: two serve processes; kill -9 the leader mid-scan, the other takes over, every digest once',
    { timeout: 180_000 },
    async () => {
      world = await startWorld({ boards: 8, cards: 3, days: 20 });
      const port = await freePort();
      const received: ReceivedMail[] = [];
      smtp = await startSmtp(port, received);
      const url = await freshPgDatabase(PG_URL!);
      const env = await liveEnv(world, port, {
        DATABASE_URL: url,
        LEADER_POLL_SECONDS: '1',
        DATA_FILE: join(mkdtempSync(join(tmpdir(), 'nabiz-pg2-')), 'none.json'),
      });
      const probe = await openStore(url); // migrations first, so both services start on the schema
      // Slow Trello: the leader is surely mid-scan when it is killed.
      world.emu.faults.latencyMs = 1500;
      const both = [start(['serve'], env), start(['serve'], env)];
      procs.push(...both);
      const leads = (p: Proc) => /leader: this instance runs/.test(p.out());
      const follows = (p: Proc) => /another instance leads/.test(p.out());
      await until('one to lead and the other to follow', () => both.some(leads) && both.some(follows), 90_000);
      const a = both.find(leads)!;
      const b = both.find((p) => p !== a)!;
      await until('the leader to commit a board', async () => (await probe.sync(), probe.boards.keys().length > 0));
      a.child.kill('SIGKILL');
      await a.exited;
      await probe.sync();
      expect(probe.boards.keys().length).toBeLessThan(world.boardIds.length); // really mid-scan
      world.emu.faults.latencyMs = 0;

      await until('B to take the lead', () => /leader: this instance runs/.test(b.out()), 30_000);
      await until('B to finish the scan', async () => (await commentCount(probe)) === world!.commentIds.length, 60_000);
      // A notify run from the CLI beside B's own runs: each digest still goes once.
      const cli = start(['notify', '--send'], env);
      procs.push(cli);
      await cli.exited;
      if (sendsToday(env)) await until('a digest to arrive', () => received.length > 0, 90_000);
      await new Promise((r) => setTimeout(r, 3000)); // room for a duplicate to show up
      b.child.kill('SIGTERM');
      expect(await b.exited).toBe(0);

      await probe.sync();
      await expectLedgerComplete(probe, world.commentIds.length);
      expect(probe.boards.keys().sort()).toEqual([...world.boardIds].sort());
      expectEachDigestOnce(received);
      expect(probe.messages.digests().filter((m) => m.state === 'sent').length).toBe(received.length);
      await probe.close();
    },
  );
});
