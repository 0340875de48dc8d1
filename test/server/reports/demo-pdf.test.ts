// A demo specialist's month as a PDF (issue 5 "Done when"): pages render to PNG, and the text layer holds the
// Turkish names and every missing day. Runs the real pipeline: demo workspace → emulator → scan → data file → CLI.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../server/src/cli.js';
import { storeFileFor } from '../../../server/src/config.js';
import type { Service } from '../../../server/src/main.js';
import type { EvidenceReport } from '../../../server/src/reports/evidence-model.js';
import { startDemoService } from '../serve/demo-service.js';

const NOW = new Date('2026-11-23T12:00:00Z');
let service: Service;
let dir: string;
let dataFile: string;

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['report', ...args], { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s), stdin: async () => '', env: {} });
  return { code, out: out.join(''), err: err.join('') };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nabiz-demo-pdf-'));
  dataFile = join(dir, 'data.json');
  service = await startDemoService(dataFile, NOW);
}, 120_000);
afterAll(async () => service?.close());

describe("a demo specialist's month as PDF", () => {
  it('contains the Turkish names and the missing days', async () => {
    // Pick the specialist whose October has missing days (from the JSON form of the same report).
    let chosen: { board: string; member: string; report: EvidenceReport } | undefined;
    for (const board of service.config.NABIZ_BOARDS) {
      const j = await cli(['--board', board, '--from', '2026-10-01', '--to', '2026-10-31', '--format', 'json', '--db', storeFileFor(dataFile), '--now', NOW.toISOString()]);
      expect(j.code).toBe(0);
      const report = JSON.parse(j.out) as EvidenceReport;
      const missing = report.cards.flatMap((c) => c.rows).filter((r) => r.rule === 'daily' && r.status === 'missing');
      if (missing.length >= 2) {
        chosen = { board, member: missing[0]!.memberId, report };
        break;
      }
    }
    expect(chosen).toBeDefined();
    const { board, member } = chosen!;
    const mine = await cli(['--board', board, '--member', member, '--from', '2026-10-01', '--to', '2026-10-31', '--format', 'json', '--db', storeFileFor(dataFile), '--now', NOW.toISOString()]);
    const report = JSON.parse(mine.out) as EvidenceReport;
    const missingDays = report.cards.flatMap((c) => c.rows).filter((r) => r.rule === 'daily' && r.status === 'missing').map((r) => r.period);
    expect(missingDays.length).toBeGreaterThanOrEqual(2);

    const pdf = join(dir, 'ekim.pdf');
    const r = await cli(['--board', board, '--member', member, '--from', '2026-10-01', '--to', '2026-10-31', '--format', 'pdf', '--out', pdf, '--db', storeFileFor(dataFile), '--now', NOW.toISOString()]);
    expect(r.code).toBe(0);

    execFileSync('pdftoppm', ['-png', '-r', '50', pdf, join(dir, 'page')]);
    const pngs = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(pngs.length).toBeGreaterThan(1);
    for (const p of pngs) expect(statSync(join(dir, p)).size).toBeGreaterThan(3000);

    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain(report.filter.memberName!);
    expect(text).toContain(report.board.name);
    for (const c of report.cards) expect(text).toContain(c.name);
    for (const d of missingDays) expect(text).toMatch(new RegExp(`Günlük ${d}\\s+EKSİK`));
    for (const ch of ['ş', 'ğ', 'ı', 'İ', 'ü', 'ö', 'ç', 'Ö']) expect(text).toContain(ch);
    expect(text).toContain('Doğrulandı: hash zinciri sağlam');
  }, 60_000);
});
