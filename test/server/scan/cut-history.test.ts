// A Trello export holding the cap of 1000 actions is cut: the board's earlier history exists in Trello, not in the
// file. Served by the emulator (nabiz emulator --load), it must stay cut: the board says from when it holds actions
// (docs/emulator.md "Cut history"), a scan judges nothing before that, and its findings equal `nabiz audit` of the
// same file — where a scan used to report the whole history as complete (historyCut false) and judge the days before
// the cut as missing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRELLO_ACTIONS_CAP } from '../../../shared/trello-export.js';
import type { AuditResult } from '../../../shared/types.js';
import { main } from '../../../server/src/cli.js';
import type { CliIO } from '../../../server/src/cli/types.js';
import { storeFileFor } from '../../../server/src/config.js';
import { startEmulator, type Emulator } from '../../../server/src/demo/emulator.js';
import { generateDemoWorkspace } from '../../../server/src/demo/workspace.js';
import { evidenceFromStore } from '../../../server/src/reports/evaluate.js';
import { openStore } from '../../../server/src/store/store.js';

const NOW = '2026-11-23T15:00:00.000Z';
const KEY = 'cutkey00000000000000000000000000';
const TOKEN = 'cuttoken'.padEnd(64, '2');

function io(env: NodeJS.ProcessEnv) {
  const out = { stdout: '', stderr: '' };
  const cio: CliIO = { stdout: (s) => void (out.stdout += s), stderr: (s) => void (out.stderr += s), stdin: async () => '', env };
  return { cio, out };
}

let source: Emulator;
let served: Emulator;
let dir: string;
let file: string;
let boardId: string;
let oldest: string;
let capped: ReturnType<Emulator['state']['exportBoard']>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nabiz-cut-'));
  const ws = generateDemoWorkspace({ seed: 1, now: new Date(NOW) });
  source = await startEmulator({ key: KEY, token: TOKEN, boards: ws.boards, clock: () => new Date(NOW) });
  boardId = ws.boards[0]!.id;
  // Busy weeks: enough ordinary comments that the board's export reaches Trello's cap.
  const card = [...source.state.cards.values()].find((c) => c.idBoard === boardId && !c.closed)!;
  for (let i = 0; source.state.exportBoard(boardId).actions.length < TRELLO_ACTIONS_CAP; i++) {
    source.state.addComment(card.id, card.idMembers[0]!, `müşteri aradı (${i})`, new Date(Date.parse(NOW) - 3_600_000 - i * 60_000));
  }
  capped = source.state.exportBoard(boardId);
  expect(capped.actions).toHaveLength(TRELLO_ACTIONS_CAP);
  oldest = new Date(Math.min(...capped.actions.map((a) => Date.parse(a.date)))).toISOString();
  file = join(dir, 'pano.json');
  writeFileSync(file, JSON.stringify(capped));
  // What `nabiz emulator --load pano.json` does.
  served = await startEmulator({ key: KEY, token: TOKEN, clock: () => new Date(NOW) });
  expect(served.loadExport(JSON.parse(JSON.stringify(capped)))).toBe(boardId);
}, 120_000);
afterAll(async () => {
  await source?.close();
  await served?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('an export capped at 1000 actions, served by the emulator', () => {
  it('the board says from when it holds actions, whatever fields are asked; nothing older is listed', async () => {
    const get = async (q: string) =>
      (await fetch(`${served.url}/1/boards/${boardId}?key=${KEY}&token=${TOKEN}${q}`)).json() as Promise<Record<string, unknown>>;
    expect((await get('')).emulatorHistoryFrom).toBe(oldest);
    expect((await get('&fields=name,url')).emulatorHistoryFrom).toBe(oldest);
    const page = (await (
      await fetch(`${served.url}/1/boards/${boardId}/actions?key=${KEY}&token=${TOKEN}&filter=all&limit=1000&before=${oldest}`)
    ).json()) as unknown[];
    expect(page).toEqual([]);
    // Exported again, it stays cut; the source board (its whole history, seeded) was never marked.
    expect(served.state.exportBoard(boardId).emulatorHistoryFrom).toBe(oldest);
    expect(source.state.exportBoard(boardId).emulatorHistoryFrom).toBeUndefined();
    expect((await (await fetch(`${source.url}/1/boards/${boardId}?key=${KEY}&token=${TOKEN}`)).json()).emulatorHistoryFrom).toBeUndefined();
  });

  it('a scan reports the history as cut, judges nothing before it, and equals `nabiz audit` of the same file', async () => {
    const env = {
      TRELLO_KEY: KEY,
      TRELLO_TOKEN: TOKEN,
      TRELLO_API_URL: served.url,
      NABIZ_BOARDS: boardId,
      DATA_FILE: join(dir, 'data.json'),
      LOG_LEVEL: 'silent',
    };
    const s = io(env);
    expect(await main(['scan', '--once', '--json', '--now', NOW], s.cio)).toBe(0);
    const scan = (JSON.parse(s.out.stdout) as Record<string, AuditResult>)[boardId]!;
    const a = io({});
    expect(await main(['audit', '--export', file, '--now', NOW, '--format', 'json'], a.cio)).toBe(0);
    const audit = JSON.parse(a.out.stdout) as AuditResult;
    expect(audit.summary.historyCut).toBe(true);
    expect(scan.summary.historyCut).toBe(true);
    expect(scan.summary.historyFrom).toBe(audit.summary.historyFrom);
    expect(scan.summary.historyFrom! > oldest.slice(0, 10) || scan.summary.historyFrom === oldest.slice(0, 10)).toBe(true);
    expect(scan.findings).toEqual(audit.findings);
    expect(scan.summary).toEqual(audit.summary);
    // Not one day before the cut is judged (no "missing" for days the file cannot show).
    const days = scan.findings.filter((f) => /^\d{4}-\d{2}-\d{2}$/.test(f.period));
    expect(days.length).toBeGreaterThan(0);
    expect(days.every((f) => f.period >= scan.summary.historyFrom!)).toBe(true);

    // The evidence report of the stored board says the history is cut, as the audit does.
    const store = await openStore(storeFileFor(env.DATA_FILE));
    try {
      const report = await evidenceFromStore(store, { boardId, from: '2026-11-02', to: '2026-11-22' }, new Date(NOW));
      expect(JSON.stringify(report)).toMatch(/"cut":true/);
    } finally {
      await store.close();
    }
  });
});
