// `nabiz audit --format pdf` on the Ayşe export (docs/operations.md): a real PDF read back with pdftotext/pdfinfo.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditCli } from './audit-cli.js';
import type { AuditResult } from '../../../shared/types.js';
import { CARD, FIXTURE_PATH } from '../../fixtures/build-export-ayse.js';

const NOW = '2026-11-23T09:00:00+03:00';
const dir = mkdtempSync(join(tmpdir(), 'nabiz-audit-pdf-'));

const cli = auditCli;

/** pdftotext without layout, whitespace folded: table cells and wrapped lines read as running text. */
const textOf = (pdf: string, layout = false) => execFileSync('pdftotext', [...(layout ? ['-layout'] : []), pdf, '-'], { encoding: 'utf8' });
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('nabiz audit --format pdf', () => {
  let tr: string;
  let result: AuditResult;
  const pdf = join(dir, 'denetim.pdf');

  beforeAll(async () => {
    const r = await cli(['--export', FIXTURE_PATH, '--now', NOW, '--format', 'pdf', '--out', pdf]);
    expect(r).toEqual({ code: 0, out: '', err: '' });
    tr = textOf(pdf);
    result = JSON.parse((await cli(['--export', FIXTURE_PATH, '--now', NOW, '--format', 'json'])).out) as AuditResult;
  });

  it('is a real A4 PDF with the board in its metadata', () => {
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+Nabız uyum denetimi — Gelişmiş Destek — Ayşe/);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThan(1);
  });

  it('has Turkish headings, the evaluation time as 23.11.2026 and page footers', () => {
    // 39 = 34 rule findings + 2 P10 growth and 3 P16 leave warnings (audit.test.ts).
    for (const h of ['Nabız uyum denetimi', 'Uzman bazında', 'Kart bazında', 'Bulgular (40 bulgu)', 'Değerlendirme zamanı: 23.11.2026 09:00'])
      expect(tr).toContain(h);
    expect(tr).toMatch(/Nabız · Nabız uyum denetimi · Gelişmiş Destek — Ayşe · 23\.11\.2026 09:00 · 1\/\d/);
  });

  it('summarises per specialist and per card with Turkish percentages', () => {
    const layout = textOf(pdf, true);
    expect(layout).toMatch(/Ayşe Yılmaz \(5\)\s+Günlük\s+199\s+191\s+1\s+7\s+%96\b/);
    expect(layout).toMatch(/Moda Evi — modaevi\.com\.tr[^\n]*Günlük\s+46\s+42\s+1\s+3\s+%91,3/);
    // Summary before findings.
    expect(tr.indexOf('Uzman bazında')).toBeLessThan(tr.indexOf('Kart bazında'));
    expect(tr.indexOf('Kart bazında')).toBeLessThan(tr.indexOf('Bulgular (40 bulgu)'));
  });

  it('groups the findings by card: every customer with findings, its missing days in Turkish date order', () => {
    const layout = textOf(pdf, true);
    const findings = layout.slice(layout.indexOf('Bulgular (40 bulgu)'));
    const names = [
      'Anadolu Baharat — anadolubaharat.com',
      'Kuzey Outdoor — kuzeyoutdoor.com',
      'Lavanta Kozmetik — lavantakozmetik.com',
      'Moda Evi — modaevi.com.tr',
      'Yeşil Bahçe Fidan — yesilbahcefidan.com.tr',
    ];
    const idOf = (name: string) => Object.entries(result.summary.byCard).find(([, c]) => c.name === name)![0];
    // A card's heading: its name, then the line with its id (names also occur inside other cards' details).
    const at = names.map((n) => findings.indexOf(`${n}\n${idOf(n)} · `));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at); // cards in Turkish alphabetical order
    // Moda Evi's section holds its missing days (rota Saturday 07.11, the leave day covered by Elif 10.11).
    const moda = flat(findings.slice(at[3]!, at[4]!));
    expect(moda).toContain(`${CARD.moda} · Uzman: Ayşe Yılmaz · 8 bulgu`);
    for (const d of ['07.10.2026', '07.11.2026', '10.11.2026']) expect(moda).toContain(`${d} için günlük kayıt yok.`);
    expect(moda).toContain('Elif Demir');
    // Every finding appears once in its card's section: count the rows per card against the JSON audit.
    for (const [i, name] of names.entries()) {
      const n = result.findings.filter((f) => f.cardId === idOf(name)).length;
      expect(flat(findings.slice(at[i]!, at[i + 1] ?? undefined))).toContain(`Uzman: Ayşe Yılmaz · ${n} bulgu`);
    }
  });

  it('speaks English with --lang en', async () => {
    const en = join(dir, 'audit-en.pdf');
    expect(await cli(['--export', FIXTURE_PATH, '--now', NOW, '--format', 'pdf', '--out', en, '--lang', 'en'])).toMatchObject({ code: 0 });
    const text = textOf(en);
    expect(text).toContain('Nabız compliance audit');
    expect(text).not.toContain('Uzman bazında');
    expect(text).toContain('Moda Evi — modaevi.com.tr');
  });

  it('refuses pdf without --out (exit 2, nothing written to stdout)', async () => {
    const r = await cli(['--export', FIXTURE_PATH, '--now', NOW, '--format', 'pdf']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('--format pdf writes a binary file: give --out FILE');
    expect(existsSync(join(dir, 'nope.pdf'))).toBe(false);
  });
});
