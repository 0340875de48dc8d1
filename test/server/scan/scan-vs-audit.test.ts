// `nabiz scan` findings for an emulated board equal `nabiz audit` findings for the same
// board exported as JSON (the export built from the emulator's state).
import { ledgerOf } from '../store/helpers.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateBoard } from '../../../shared/compliance.js';
import { snapshotFromTrello } from '../../../shared/trello-export.js';
import type { AuditResult } from '../../../shared/types.js';
import { main } from '../../../server/src/cli.js';
import type { CliIO } from '../../../server/src/cli/types.js';
import { startEmulator, type Emulator } from '../../../server/src/demo/emulator.js';
import { generateDemoWorkspace } from '../../../server/src/demo/workspace.js';
import { storeFileFor } from '../../../server/src/config.js';
import { openStore } from '../../../server/src/store/store.js';
import { verifyLedger } from '../../../server/src/store/ledger.js';

const NOW = '2026-11-23T15:00:00.000Z';
const KEY = 'clikey0000000000000000000000000x';
const TOKEN = 'clitoken'.padEnd(64, '1');

function io(env: NodeJS.ProcessEnv) {
  const out = { stdout: '', stderr: '' };
  const cio: CliIO = { stdout: (s) => void (out.stdout += s), stderr: (s) => void (out.stderr += s), stdin: async () => '', env };
  return { cio, out };
}

let emu: Emulator;
let dir: string;
let boardIds: string[];
let scanJson: Record<string, AuditResult>;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  const ws = generateDemoWorkspace({ seed: 1, now: new Date(NOW) });
  emu = await startEmulator({ key: KEY, token: TOKEN, boards: ws.boards, clock: () => new Date(NOW) });
  boardIds = ws.boards.map((b) => b.id);
  dir = mkdtempSync(join(tmpdir(), 'nabiz-cli-'));
  env = {
    TRELLO_KEY: KEY,
    TRELLO_TOKEN: TOKEN,
    TRELLO_API_URL: emu.url,
    NABIZ_BOARDS: boardIds.join(','),
    DATA_FILE: join(dir, 'data.json'),
    LOG_LEVEL: 'silent',
  };
  const { cio, out } = io(env);
  const code = await main(['scan', '--once', '--json', '--now', NOW], cio);
  expect(out.stderr).toBe('');
  expect(code).toBe(0);
  scanJson = JSON.parse(out.stdout) as Record<string, AuditResult>;
});

afterAll(async () => {
  await emu.close();
});

describe('nabiz scan --once --json', () => {
  it('prints { boardId: { findings, summary } } for every tracked board and stores a valid ledger', async () => {
    expect(Object.keys(scanJson).sort()).toEqual([...boardIds].sort());
    for (const r of Object.values(scanJson)) expect(Object.keys(r).sort()).toEqual(['findings', 'summary']);
    const store = await openStore(storeFileFor(env.DATA_FILE!));
    expect(verifyLedger(await ledgerOf(store)).ok).toBe(true);
    // The designed cases are there: evidence of an edit, missing days. A comment deleted before Nabız first
    // saw it leaves no trace Trello lists (deleteComment is an excluded action type): no deletion evidence.
    const all = Object.values(scanJson).flatMap((r) => r.findings);
    expect(all.some((f) => f.rule === 'daily' && f.status === 'missing')).toBe(true);
    expect(all.some((f) => f.rule === 'evidence' && f.status === 'edited')).toBe(true);
    expect(all.some((f) => f.rule === 'evidence' && f.status === 'deleted')).toBe(false);
  });

  it('equals `nabiz audit` of the same board exported as JSON (boards whose export is not cut at 1000 actions)', async () => {
    let compared = 0;
    for (const id of boardIds) {
      const exp = emu.state.exportBoard(id, { actionsLimit: 1000 });
      if (exp.actions.length >= 1000) continue; // Trello's cap: the audit would (rightly) not judge early periods
      const file = join(dir, `${id}.json`);
      writeFileSync(file, JSON.stringify(exp));
      const { cio, out } = io({});
      expect(await main(['audit', '--export', file, '--now', NOW, '--format', 'json'], cio)).toBe(0);
      const audit = JSON.parse(out.stdout) as AuditResult;
      expect(scanJson[id]!.findings).toEqual(audit.findings);
      expect(scanJson[id]!.summary).toEqual(audit.summary);
      expect(audit.findings.length).toBeGreaterThan(0);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(2);
  });

  it('equals the evaluator over the full history for every board (the REST form of the export reader)', () => {
    for (const id of boardIds) {
      const exp = emu.state.exportBoard(id, { actionsLimit: 1_000_000 });
      const expected = evaluateBoard(snapshotFromTrello({ ...exp, actions: [] }, exp.actions), new Date(NOW));
      expect(scanJson[id]!.findings).toEqual(expected.findings);
    }
  });

  it('a second scan with nothing new keeps the same findings', async () => {
    const { cio, out } = io(env);
    expect(await main(['scan', '--once', '--json', '--now', NOW], cio)).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual(scanJson);
  });

  it('verify passes, then names the first bad record after tampering', async () => {
    const { cio, out } = io(env);
    expect(await main(['verify'], cio)).toBe(0);
    expect(out.stdout).toMatch(/^ledger OK: \d+ records, hash chain and derived columns intact, head [0-9a-f]{64}/);
    expect(out.stdout).toMatch(/ok   witness file .*data\.sqlite\.witness\.json matches/);
    expect(out.stdout).toContain(storeFileFor(env.DATA_FILE!));
    // Edit one record's text by hand in a copy of the store.
    const { copyFileSync } = await import('node:fs');
    const Database = (await import('better-sqlite3')).default;
    const source = await openStore(storeFileFor(env.DATA_FILE!));
    await source.close(); // checkpoints the WAL into the file, so a copy holds everything
    const tampered = join(dir, 'tampered.sqlite');
    copyFileSync(storeFileFor(env.DATA_FILE!), tampered);
    const db = new Database(tampered);
    const row = db.prepare('SELECT record FROM ledger WHERE seq = 7').get() as { record: string };
    db.prepare('UPDATE ledger SET record = ? WHERE seq = 7').run(JSON.stringify({ ...JSON.parse(row.record), text: 'rewritten after the fact' }));
    db.close();
    const t = io(env);
    expect(await main(['verify', '--db', tampered], t.cio)).toBe(1);
    expect(t.out.stdout).toMatch(/^ledger BROKEN at record seq 7 \(comment of action [0-9a-f]{24}, card [0-9a-f]{24}\): content does not match its hash/);
    // A removed record is named too.
    const gap = join(dir, 'gap.sqlite');
    copyFileSync(storeFileFor(env.DATA_FILE!), gap);
    const g2 = new Database(gap);
    g2.prepare('DELETE FROM ledger WHERE seq = 3').run();
    g2.close();
    const g = io(env);
    expect(await main(['verify', '--db', gap], g.cio)).toBe(1);
    expect(g.out.stdout).toMatch(/^ledger BROKEN at record seq 4 .*expected seq 3, found 4/);
  });

  it('usage errors exit 2: bad --now, no token', async () => {
    const a = io(env);
    expect(await main(['scan', '--once', '--now', 'yesterday'], a.cio)).toBe(2);
    expect(a.out.stderr).toMatch(/--now: "yesterday" is not an ISO date or date-time/);
    const b = io({});
    expect(await main(['scan', '--once'], b.cio)).toBe(2);
    expect(b.out.stderr).toMatch(/TRELLO_TOKEN is not set/);
  });

  it('a corrupt data file stops the scan with a clear message and is not overwritten', async () => {
    const file = join(dir, 'corrupt.json');
    const bytes = '{"version":1,"ledger":[{"seq":0,';
    writeFileSync(file, bytes);
    const { cio, out } = io({ ...env, DATA_FILE: file });
    // A data file that cannot be read is bad configuration: one line, exit 2.
    expect(await main(['scan', '--once'], cio)).toBe(2);
    expect(out.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not valid JSON.*not touched`));
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(file, 'utf8')).toBe(bytes);
  });
});
