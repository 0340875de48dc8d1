import { describe, expect, it } from 'vitest';
import { CONNECTOR_GZIP_TARGET, PAGES_GZIP_TARGET, run } from '../../server/src/bench/bundle-size.js';

describe('connector bundle size (npm run bench)', () => {
  it('prints the gzip size and stays within 42 KB', async () => {
    const out: string[] = [];
    const r = await run({ stdout: (s) => void out.push(s) });
    expect(out.join('')).toMatch(/^bundle-size: connector\.js [\d.]+ KB minified, [\d.]+ KB gzip \(target ≤ 42\.0 KB\) OK$/m);
    expect(r.connectorGzipBytes).toBeLessThanOrEqual(CONNECTOR_GZIP_TARGET);
    expect(r.connectorGzipBytes).toBeGreaterThan(5_000);
    // The page bundle without the server's holiday calendar (date-holidays stays out of powerup/src's imports).
    expect(out.join('')).toMatch(/^bundle-size: pages\.js [\d.]+ KB gzip \(popups\/modals, loaded on demand; target ≤ 96\.0 KB\) OK$/m);
    expect(r.pagesGzipBytes).toBeLessThanOrEqual(PAGES_GZIP_TARGET);
  }, 60_000);
});
