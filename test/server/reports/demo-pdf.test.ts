// A demo specialist's month as a PDF: summary first, every exception on page 1, Turkish dates in the text layer
// (pdftotext), pages that render (pdftoppm). Runs the real pipeline: demo workspace → emulator → scan → data file → CLI.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../server/src/cli.js';
import { storeFileFor } from '../../../server/src/config.js';
import type { Service } from '../../../server/src/demo-main.js';
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
      const j = await cli([
        '--board',
        board,
        '--from',
        '2026-10-01',
        '--to',
        '2026-10-31',
        '--format',
        'json',
        '--db',
        storeFileFor(dataFile),
        '--now',
        NOW.toISOString(),
      ]);
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
    const mine = await cli([
      '--board',
      board,
      '--member',
      member,
      '--from',
      '2026-10-01',
      '--to',
      '2026-10-31',
      '--format',
      'json',
      '--db',
      storeFileFor(dataFile),
      '--now',
      NOW.toISOString(),
    ]);
    const report = JSON.parse(mine.out) as EvidenceReport;
    const missingDays = report.cards
      .flatMap((c) => c.rows)
      .filter((r) => r.rule === 'daily' && r.status === 'missing')
      .map((r) => r.period);
    expect(missingDays.length).toBeGreaterThanOrEqual(2);

    const pdf = join(dir, 'ekim.pdf');
    const r = await cli([
      '--board',
      board,
      '--member',
      member,
      '--from',
      '2026-10-01',
      '--to',
      '2026-10-31',
      '--format',
      'pdf',
      '--out',
      pdf,
      '--db',
      storeFileFor(dataFile),
      '--now',
      NOW.toISOString(),
    ]);
    expect(r.code).toBe(0);

    execFileSync('pdftoppm', ['-png', '-r', '50', pdf, join(dir, 'page')]);
    const pngs = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(pngs.length).toBeGreaterThan(1);
    for (const p of pngs) expect(statSync(join(dir, p)).size).toBeGreaterThan(3000);

    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain(report.filter.memberName!);
    expect(text).toContain(report.board.name);
    for (const ch of ['ş', 'ğ', 'ı', 'İ', 'ü', 'ö', 'ç']) expect(text).toContain(ch);
    expect(text).toContain('Doğrulandı: hash zinciri sağlam');
    // A plain-language stamp: the handbook and the rules version, no design-document references.
    expect(text).toMatch(/Gelişmiş Destek Kılavuzu V1 \(01\.03\.2024\), kural seti sürüm \d+/);
    expect(text).not.toMatch(/DESIGN|§/);

    // Turkish dates and numbers everywhere: no ISO day, no decimal point in a percentage.
    expect(text).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
    expect(text).toContain('01.10.2026');
    const pct = report.totals.daily.percent!;
    if (!Number.isInteger(pct)) expect(text).toContain(String(pct).replace('.', ','));

    // Summary first, and every exception (here: each missing day) on the first page, before any appendix.
    const page1 = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
    expect(page1).toContain('Özet');
    for (const h of ['Değerlendirilen', 'Zamanında', 'Eksik', 'Değerlendirilmedi', 'düzenlendi', 'Silindi']) expect(page1).toContain(h);
    expect(page1).toMatch(/İstisnalar \(\d+\)/);
    for (const d of missingDays) {
      const tr = `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;
      expect(page1).toMatch(new RegExp(`${tr.replace(/\./g, '\\.')}\\s+Günlük\\s+\\S+\\s+EKSİK`));
    }
    expect(text.indexOf('Özet')).toBeLessThan(text.indexOf('İstisnalar'));
    expect(text.indexOf('İstisnalar')).toBeLessThan(text.indexOf('Ek: zamanında kayıtlar'));

    // Without the appendix the document is shorter and says so.
    const short = join(dir, 'ekim-kisa.pdf');
    const r2 = await cli([
      '--board',
      board,
      '--member',
      member,
      '--from',
      '2026-10-01',
      '--to',
      '2026-10-31',
      '--format',
      'pdf',
      '--appendix',
      'none',
      '--out',
      short,
      '--db',
      storeFileFor(dataFile),
      '--now',
      NOW.toISOString(),
    ]);
    expect(r2.code).toBe(0);
    const shortText = execFileSync('pdftotext', ['-layout', short, '-'], { encoding: 'utf8' });
    expect(shortText).not.toContain('Ek: zamanında kayıtlar');
    expect(shortText).toContain('--appendix none');

    // --out DIR names the file after the specialist and the month (no hex ids).
    const r3 = await cli([
      '--board',
      board,
      '--member',
      member,
      '--from',
      '2026-10-01',
      '--to',
      '2026-10-31',
      '--format',
      'pdf',
      '--out',
      dir,
      '--db',
      storeFileFor(dataFile),
      '--now',
      NOW.toISOString(),
    ]);
    expect(r3.code).toBe(0);
    const named = readdirSync(dir).filter((f) => f.startsWith('nabiz-kanit-'));
    expect(named).toHaveLength(1);
    expect(named[0]).toMatch(/^nabiz-kanit-[a-z-]+-2026-10\.pdf$/);
    if (process.env.NABIZ_SHOTS) execFileSync('cp', [pdf, short, process.env.NABIZ_SHOTS]);
  }, 60_000);
});
