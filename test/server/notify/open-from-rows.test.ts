// The notifier's open findings read from the verdict rows (store/open-findings.ts) give the same plan as the board's
// whole result did (the row the scan kept before, store/judge.ts storedResult): for the demo workspace at several
// `now`, the same open findings in the same order, and the same flags, outbox and digests from decide + compose. On
// both engines.
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config.js';
import type { Emulator } from '../../../server/src/demo/emulator.js';
import { generateDemoWorkspace } from '../../../server/src/demo/workspace.js';
import { silentLogger } from '../../../server/src/log.js';
import { boardView } from '../../../server/src/notify/notifier.js';
import { ALWAYS_READ, compose, decide, openFindings, type PlanContext } from '../../../server/src/notify/plan.js';
import { notifySettings } from '../../../server/src/notify/settings.js';
import { scanBoards } from '../../../server/src/scan/scan-boards.js';
import { judgeStoredBoard, storedResult } from '../../../server/src/store/judge.js';
import { storedOpenFindings } from '../../../server/src/store/open-findings.js';
import type { NotifyBook } from '../../../server/src/store/repos.js';
import { openStore, type Store } from '../../../server/src/store/store.js';
import { engines } from '../store/adapters.js';
import { unlimitedTrello } from '../unlimited-trello.js';

const KEY = 'openrowskey'.padEnd(32, '0');
const TOKEN = 'openrowstoken'.padEnd(64, '0');
const START = new Date('2026-11-24T07:00:00Z'); // a Tuesday, 10:00 in Istanbul
const LATER = ['2026-11-25T15:30:00Z', '2026-11-30T20:00:00Z', '2026-12-07T05:00:00Z'];

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

/** What the plan read before: every evaluated board's whole result, assembled from its rows. */
async function fromWholeResult(store: Store, boards: readonly string[]): Promise<NotifyBook['open']> {
  const out: Record<string, unknown[]> = {};
  for (const b of boards) out[b] = (await storedResult(store, b))?.findings ?? [];
  return out;
}

const entries = (m: ReturnType<typeof openFindings>) => [...m].map(([b, fs]) => [b, [...fs]]);

function plan(store: Store, open: NotifyBook['open'], ctx: PlanContext): { json: string; digests: number } {
  const book: NotifyBook = { flags: structuredClone(store.flags.all()), outbox: [], digests: [], open };
  const decided = decide(book, ctx);
  const composed = compose(book, ctx);
  return { json: JSON.stringify({ decided, composed, book: { ...book, open: undefined } }), digests: book.digests.length };
}

describe.each(engines)('open findings from the verdict rows ($name)', { timeout: 120_000 }, (engine) => {
  it('plan the same flags, outbox and digests as the whole result, for the demo workspace', async () => {
    let now = START;
    const ws = generateDemoWorkspace({ seed: 7, now });
    const t = await unlimitedTrello({ key: KEY, token: TOKEN, boards: ws.boards, clock: () => now });
    emu = t.emu;
    const trello = t.trello;
    const store = await openStore(await engine.fresh());
    const boards = ws.boards.map((b) => b.id);
    await scanBoards({ store, trello, boards, clock: () => now, log: silentLogger }, { now });
    const config = loadConfig({ NABIZ_PEOPLE: JSON.stringify(ws.people), NOTIFY_DRY_RUN: 'true', LOG_LEVEL: 'silent' });
    const settings = notifySettings(config, { trello: true, dryRun: true });
    let compared = 0;
    let digests = 0;
    for (const at of [START.toISOString(), ...LATER]) {
      now = new Date(at);
      for (const b of boards) await judgeStoredBoard(store, b, now);
      const rows = await storedOpenFindings(store, ALWAYS_READ);
      const whole = await fromWholeResult(store, boards);
      expect(Object.keys(rows)).toEqual(boards.filter((b) => b in whole).sort());
      // The same open findings per board, in the same order (the flags' and the outbox's order follow it).
      expect(entries(openFindings({ open: rows }))).toEqual(entries(openFindings({ open: whole })));
      const ctx: PlanContext = { now, settings, people: config.people, view: (id) => boardView(store, id), previewDigest: true };
      const fromRows = plan(store, rows, ctx);
      expect(fromRows.json).toBe(plan(store, whole, ctx).json);
      compared += [...openFindings({ open: rows }).values()].reduce((n, m) => n + m.size, 0);
      digests += fromRows.digests;
    }
    // Not vacuous: the demo workspace has open findings, some of them the lead's.
    expect(compared).toBeGreaterThan(50);
    expect(digests).toBeGreaterThan(0);
    await store.close();
  });
});
