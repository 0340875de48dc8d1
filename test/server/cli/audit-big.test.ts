// `nabiz audit` on a generated 50,000-card export (never stored in the repo) finishes with a capped heap: the
// evaluation works card by card and the output is written as it goes (the timings are in `npm run bench`).
import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBigExport } from '../../../server/src/bench/audit-bench.js';

const dir = mkdtempSync(join(tmpdir(), 'nabiz-audit-big-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function countRows(file: string): Promise<{ rows: number; last: string }> {
  let rows = 0;
  let tail = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8' })) {
    rows += (chunk.match(/\r\n/g) ?? []).length;
    tail = (tail + chunk).slice(-2000);
  }
  return { rows, last: tail.split('\r\n').at(-2) ?? '' };
}

describe('nabiz audit, 50,000 cards', () => {
  it('csv with the heap capped at 512 MB: exit 0, a row per finding, linear in size', { timeout: 600_000 }, async () => {
    const exportFile = join(dir, 'export-50k.json');
    writeFileSync(exportFile, JSON.stringify(buildBigExport(50_000)));
    const out = join(dir, 'audit.csv');
    const child = spawn(
      process.execPath,
      ['--max-old-space-size=512', resolve('bin/nabiz.js'), 'audit', '--export', exportFile, '--now', '2026-11-21T09:00', '--format', 'csv', '--out', out],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(err).not.toMatch(/heap|out of memory|\n\s+at /i);
    expect(code).toBe(0);
    const { rows, last } = await countRows(out);
    // Header + at least one finding per card (no card of this export has all its entries).
    expect(rows).toBeGreaterThan(50_001);
    expect(last.split(';')).toHaveLength(8);
    expect(statSync(out).size).toBeGreaterThan(50_000 * 100);
  });
});
