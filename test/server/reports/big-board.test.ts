// A big board through the real SQLite store: 400 customer cards, two years of entries (~250,000 comments),
// generated here (never committed). The manager dashboard's data, the board × two-year report (json, pdf), a
// member × two-year report and `nabiz audit` of the same board as an export all answer, with counts taken from
// the generator. Arrays this long once crashed as call spreads (docs/operations.md "Limits"); the timings are
// in `npm run bench -- --only big-board`; the timeouts here are generous because the test machines are shared.
import type { Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoWeekday, publicHoliday } from '../../../shared/calendar.js';
import { BIG_BOARD, BIG_MANAGER, BIG_NOW, bigBoard, bigBoardExport, seedBigBoard, type BigBoard } from '../../../server/src/bench/big-board-bench.js';
import { main } from '../../../server/src/cli.js';
import type { CliIO } from '../../../server/src/cli/types.js';
import { loadConfig } from '../../../server/src/config.js';
import { createApp } from '../../../server/src/http/app.js';
import { createJwtVerifier } from '../../../server/src/http/jwt.js';
import { silentLogger } from '../../../server/src/log.js';
import { signDashboardLink } from '../../../server/src/reports/access.js';
import type { DashboardData } from '../../../server/src/reports/dashboard-model.js';
import type { EvidenceReport } from '../../../server/src/reports/evidence-model.js';
import { openStore, type Store } from '../../../server/src/store/store.js';

const SECRET = 'test-dashboard-link-secret-0123456789';
const FROM = '2025-01-01';
const TO = '2026-11-22';
const dir = mkdtempSync(join(tmpdir(), 'nabiz-big-board-'));
const db = join(dir, 'big.sqlite');
let big: BigBoard;
let store: Store | undefined;
let server: Server | undefined;

/** Working days of the range (weekdays that are not a public holiday): the daily periods of one card. */
function workdays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (isoWeekday(d) <= 5 && !publicHoliday(d)) out.push(d);
  return out;
}

function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s), stdin: async () => '', env: { DATABASE_URL: db } };
  return main(args, io).then((code) => ({ code, out: out.join(''), err: err.join('') }));
}

beforeAll(async () => {
  big = bigBoard();
  expect(await seedBigBoard(db, big)).toBe(big.inputs.length);
}, 900_000);
afterAll(async () => {
  server?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a board of 400 cards and two years of entries', () => {
  it('the generator makes the size of the report (≈250,000 comments)', () => {
    expect(big.snapshot.cards).toHaveLength(400);
    expect(big.inputs.length).toBeGreaterThan(240_000);
  });

  it('the manager dashboard data answers 200 with every card and specialist', { timeout: 900_000 }, async () => {
    const config = loadConfig({
      NABIZ_PEOPLE: JSON.stringify([{ name: 'Yönetici', trelloId: BIG_MANAGER, role: 'manager' }]),
      DASHBOARD_LINK_SECRET: SECRET,
      NABIZ_BOARDS: BIG_BOARD,
    });
    store = await openStore(db);
    // Signed in through a dashboard link only: no Power-Up token is offered, so the JWT verifier has no keys.
    const verifyJwt = createJwtVerifier({ publicKeys: () => [], trackedBoards: () => [BIG_BOARD], clock: () => BIG_NOW });
    server = createApp({ config, store, clock: () => BIG_NOW, log: silentLogger, verifyJwt }).listen(0, '127.0.0.1');
    await new Promise((r) => server!.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const link = signDashboardLink({ trelloId: BIG_MANAGER, exp: Math.floor(BIG_NOW.getTime() / 1000) + 3600 }, SECRET);
    const session = (await fetch(`${base}/dashboard?link=${link}`, { redirect: 'manual' })).headers.get('set-cookie')!.split(';')[0]!;
    const r = await fetch(`${base}/dashboard/api/data`, { headers: { Cookie: session } });
    expect(r.status).toBe(200);
    const d = (await r.json()) as DashboardData;
    expect(d.viewer.role).toBe('manager');
    expect(d.cards).toHaveLength(400);
    expect(d.specialists.map((s) => s.id).sort()).toEqual([...big.specialists].sort());
    expect(d.findings.total).toBeGreaterThan(0);
    expect(d.findings.total).toBe(d.findings.bySeverity.critical + d.findings.bySeverity.warning + d.findings.bySeverity.info);
    server.close();
    server = undefined;
    await store.close();
    store = undefined;
  });

  it('board × two-year report, json: exit 0, every card, every comment, every working day judged', { timeout: 900_000 }, async () => {
    const out = join(dir, 'r.json');
    const r = await cli(['report', '--board', BIG_BOARD, '--from', FROM, '--to', TO, '--format', 'json', '--out', out, '--now', BIG_NOW.toISOString()]);
    expect(r.err).not.toMatch(/Maximum call stack/);
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(out, 'utf8')) as EvidenceReport;
    expect(j.cards).toHaveLength(400);
    expect(j.ledger.count).toBe(big.inputs.length);
    expect(j.ledger.verification.ok).toBe(true);
    const days = workdays(FROM, TO);
    expect(j.totals.daily.periods).toBe(400 * days.length);
    // The generator skips the daily of card c on the day d days before BIG_NOW when (c·7 + d) mod 23 = 0.
    const today = addDays(TO, 1);
    let skipped = 0;
    for (const day of days) {
      const d = Math.round((Date.parse(today) - Date.parse(day)) / 86_400_000);
      for (let c = 0; c < 400; c++) if ((c * 7 + d) % 23 === 0) skipped++;
    }
    expect(j.totals.daily.missing).toBe(skipped);
    expect(j.totals.daily.ok).toBe(400 * days.length - skipped);
  });

  it('board × two-year report, pdf: exit 0, a PDF', { timeout: 900_000 }, async () => {
    const out = join(dir, 'r.pdf');
    const r = await cli(['report', '--board', BIG_BOARD, '--from', FROM, '--to', TO, '--format', 'pdf', '--out', out, '--now', BIG_NOW.toISOString()]);
    expect(r.code).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('member × two-year report: exit 0, that member’s 50 cards only', { timeout: 900_000 }, async () => {
    const member = big.specialists[3]!;
    const out = join(dir, 'm.json');
    const r = await cli([
      'report',
      '--board',
      BIG_BOARD,
      '--member',
      member,
      '--from',
      FROM,
      '--to',
      TO,
      '--format',
      'json',
      '--out',
      out,
      '--now',
      BIG_NOW.toISOString(),
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(out, 'utf8')) as EvidenceReport;
    expect(j.cards).toHaveLength(50);
    expect(j.cards.every((c) => c.specialistId === member)).toBe(true);
    expect(j.totals.daily.periods).toBe(50 * workdays(FROM, TO).length);
  });

  it('nabiz audit of the same board as an export: exit 0, every card judged, its findings listed', { timeout: 900_000 }, async () => {
    const file = join(dir, 'export.json');
    writeFileSync(file, JSON.stringify(bigBoardExport(big)));
    const out = join(dir, 'audit.json');
    const r = await cli(['audit', '--export', file, '--now', BIG_NOW.toISOString(), '--format', 'json', '--out', out]);
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(out, 'utf8')) as { findings: Array<{ rule: string; status: string }>; summary: { byCard: Record<string, unknown> } };
    expect(Object.keys(j.summary.byCard)).toHaveLength(400);
    expect(j.findings.length).toBeGreaterThan(0);
  });
});
