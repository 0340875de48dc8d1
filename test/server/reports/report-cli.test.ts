// `nabiz report` end to end over a store imported from an old data file: formats, exit codes, a hand-edited ledger, the PDF's Turkish text.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../server/src/cli.js';
import Database from 'better-sqlite3';
import { ledgerFileFor, storeFileFor } from '../../../server/src/config.js';
import { silentLogger } from '../../../server/src/log.js';
import { openConfiguredStore } from '../../../server/src/store/open.js';
import type { CliIO } from '../../../server/src/cli/types.js';
import type { EvidenceReport } from '../../../server/src/reports/evidence-model.js';
import { renderJson, renderJsonParts } from '../../../server/src/reports/evidence-render.js';
import { BOARD, CARD, NOW, buildState } from './fixture.js';

let dir: string;
let dataFile: string;

function run(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s), stdin: async () => '', env: { DATA_FILE: dataFile, ...env } };
  return main(['report', ...args], io).then((code) => ({ code, out: out.join(''), err: err.join('') }));
}
const base = () => ['--board', BOARD, '--from', '2026-11-02', '--to', '2026-11-08', '--now', NOW.toISOString()];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nabiz-report-'));
  dataFile = join(dir, 'data.json');
  // Written the oldest way (ledger inside the JSON); the first open imports it into the SQLite store.
  const bytes = JSON.stringify(buildState());
  writeFileSync(dataFile, bytes);
  const { store } = await openConfiguredStore(
    { DATABASE_URL: storeFileFor(dataFile), DATA_FILE: dataFile, LEDGER_FILE: ledgerFileFor(dataFile) },
    silentLogger,
  );
  expect((await store.ledger.head()).count).toBe(8);
  await store.close();
  expect(readFileSync(dataFile, 'utf8')).toBe(bytes); // the old file is left as it was
});

describe('nabiz report', () => {
  it('prints json to stdout and exits 0', async () => {
    const r = await run([...base(), '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.totals.daily.missing).toBe(5);
    expect(j.ledger.verification.ok).toBe(true);
  });

  it('json is written a card at a time, the same bytes as one JSON.stringify of the report', async () => {
    const r = await run([...base(), '--format', 'json']);
    expect(r.out).toBe(renderJson(JSON.parse(r.out) as EvidenceReport));
    const file = join(dir, 'r.json');
    expect((await run([...base(), '--format', 'json', '--out', file])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(r.out);
    const empty = { ...(JSON.parse(r.out) as EvidenceReport), cards: [] };
    expect([...renderJsonParts(empty)].join('')).toBe(renderJson(empty));
  });

  it('writes csv and html with --out', async () => {
    const csv = join(dir, 'r.csv');
    expect((await run([...base(), '--format', 'csv', '--out', csv])).code).toBe(0);
    expect(readFileSync(csv, 'utf8')).toContain(';Günlük;03.11.2026;');
    const html = join(dir, 'r.html');
    const r = await run([...base(), '--card', CARD, '--lang', 'en', '--out', html]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`wrote ${html}`);
    expect(readFileSync(html, 'utf8')).toContain('MISSING');
  });

  it.each([
    [['--board', 'nope', '--from', '2026-11-02', '--to', '2026-11-08'], /unknown board "nope"/],
    [[...base(), '--card', 'nope'], /unknown card "nope"/],
    [[...base(), '--member', 'nobody'], /unknown member "nobody"/],
    [['--board', BOARD, '--from', '2026-11-09', '--to', '2026-11-01'], /--from 2026-11-09 is after --to 2026-11-01/],
    [['--board', BOARD, '--from', '2024-01-01', '--to', '2024-01-31'], /no data for board/],
    [[...base(), '--format', 'docx'], /--format must be one of html, pdf, csv, json/],
    [['--from', '2026-11-02', '--to', '2026-11-08'], /--board is required/],
    [[...base(), '--bogus'], /Unknown option '--bogus'/],
  ])('bad input %j → exit 2 with a clear message', async (args, message) => {
    const r = await run(args as string[]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('exits 2 when the store is missing', async () => {
    const r = await run(base(), { DATA_FILE: join(dir, 'none.json') });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the store .*none\.sqlite does not exist/);
  });

  it('a record edited by hand in the store: the report says verification failed, names the first bad record, exits 1', async () => {
    const tampered = join(dir, 'tampered.sqlite');
    copyFileSync(storeFileFor(dataFile), tampered);
    const db = new Database(tampered);
    const raw = (db.prepare('SELECT record FROM ledger WHERE seq = 1').get() as { record: string }).record;
    expect(raw).toContain('kargo entegrasyonu soruldu');
    db.prepare('UPDATE ledger SET record = ? WHERE seq = 1').run(raw.replace('kargo entegrasyonu soruldu', 'kargo entegrasyonu TAMAMLANDI'));
    db.close();
    const r = await run([...base(), '--format', 'json', '--db', tampered]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('VERIFICATION FAILED — first bad record: #1 (comment, action a0000000000000000000a002');
    const j = JSON.parse(r.out);
    expect(j.ledger.verification).toMatchObject({ ok: false, badSeq: 1, badRecord: { actionId: 'a0000000000000000000a002' } });
    const html = await run([...base(), '--format', 'html', '--db', tampered]);
    expect(html.out).toContain('DOĞRULAMA BAŞARISIZ — ilk bozuk kayıt: #1');
  });

  it('renders a PDF with Turkish letters: pdftoppm pages and pdftotext text', async () => {
    const pdf = join(dir, 'sule.pdf');
    const r = await run([...base(), '--member', 'sule', '--format', 'pdf', '--out', pdf]);
    expect(r.code).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const pngDir = mkdtempSync(join(dir, 'png-'));
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(pngDir, 'page')]);
    const pages = readdirSync(pngDir).filter((f) => f.endsWith('.png'));
    expect(pages.length).toBeGreaterThan(0);
    for (const p of pages) expect(statSync(join(pngDir, p)).size).toBeGreaterThan(5000);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const s of ['Şule Gündoğdu', 'Örnek Mağaza Işıklar', 'Gelişmiş Destek — İstanbul', 'EKSİK', '03.11.2026', 'silindi', 'Özgün metin']) {
      expect(text).toContain(s);
    }
    expect(text).toMatch(/Doğrulandı: hash zinciri sağlam/);
  });
});
