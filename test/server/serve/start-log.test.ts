// `nabiz serve`'s start-up log says what really happens (docs/operations.md "Configuration", SCAN_ON_START):
// with SCAN_ON_START=false no scan runs at start, the log says so and when the first scheduled one runs, and the
// notifier's start-up pass names the stored scan it follows instead of claiming a scan just ran.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startService } from '../../../server/src/main.js';

const BOARD = '5f3a1b2c3d4e5f6a7b8c9d0e';
const envFor = (dir: string): NodeJS.ProcessEnv => ({
  TRELLO_KEY: 'k'.repeat(32),
  TRELLO_TOKEN: 't'.repeat(64),
  NABIZ_BOARDS: BOARD,
  TRELLO_API_URL: 'http://127.0.0.1:9',
  DATA_FILE: join(dir, 'data.json'),
  SCAN_ON_START: 'false',
  SCAN_CRON: '0 3 1 1 *',
  LOG_LEVEL: 'info',
});

async function serve(dir: string) {
  const lines: string[] = [];
  const io = { stdout: (s: string) => void lines.push(s), stderr: (s: string) => void lines.push(s) };
  const svc = await startService({ env: envFor(dir), io, port: 0 });
  const logged = () => lines.join('').split('\n').filter(Boolean);
  return { svc, logged };
}

describe('serve with SCAN_ON_START=false', () => {
  it('says no scan ran at start and when the first runs; the notify pass names the stored scan it follows', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabiz-startlog-'));
    const first = await serve(dir);
    const earlier = '2026-11-23T09:00:00.000Z';
    try {
      expect(first.svc.firstScan).toBeNull();
      // A scan an earlier process (or `nabiz scan`) ran.
      await first.svc.store.write((tx) =>
        tx.scans.add(
          {
            at: earlier,
            kind: 'full',
            boards: [{ boardId: BOARD, ok: true, newComments: 0, edits: 0, deletions: 0, cards: 0, findings: 0, requests: 0 }],
            requests: 0,
            durationMs: 1,
          },
          500,
        ),
      );
    } finally {
      await first.svc.close();
    }
    const none = first.logged().filter((l) => /scan: none at start/.test(l));
    expect(none).toEqual([
      expect.stringMatching(
        /INFO scan: none at start \(SCAN_ON_START=false\); the first scheduled scan at \d{4}-01-01T00:00:00.000Z \(SCAN_CRON 0 3 1 1 \*\)$/,
      ),
    ]);
    expect(first.logged().some((l) => /first scan of/.test(l))).toBe(false);

    const second = await serve(dir);
    try {
      await expect.poll(() => second.logged().some((l) => /notify at start/.test(l)), { timeout: 10_000 }).toBe(true);
    } finally {
      await second.svc.close();
    }
    const lines = second.logged();
    expect(lines.filter((l) => /notify at start/.test(l))).toEqual([expect.stringContaining(`INFO notify at start, for the last stored scan (${earlier}): `)]);
    expect(lines.some((l) => /notify after (first )?scan/.test(l))).toBe(false);
    expect(lines.some((l) => /scan: none at start \(SCAN_ON_START=false\)/.test(l))).toBe(true);
  });
});
