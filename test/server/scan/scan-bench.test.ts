// The benchmark module runs (tiny sizes): request counts are checked, never timings.
import { describe, expect, it } from 'vitest';
import { runScanBench } from '../../../server/src/bench/scan-bench.js';

describe('scan benchmark', () => {
  it('measures ours against the lower bound and the naive per-card scanner', { timeout: 60_000 }, async () => {
    let out = '';
    let err = '';
    const r = await runScanBench(
      { stdout: (s) => void (out += s), stderr: (s) => void (err += s) },
      { boards: 2, cards: 4, days: 20, latencyMs: 0, naive: true, naiveBoards: 1, settleMs: 0 },
    );
    const by = Object.fromEntries(r.rows.map((x) => [x.scenario, x]));
    expect(by['full scan (first: backfill)']!.requests).toBe(by['full scan (first: backfill)']!.lowerBound);
    expect(by['incremental, nothing new']!.requests).toBe(2);
    expect(err).not.toMatch(/\(note\)/); // the naive model counts exactly what the naive scanner sends
    const naive = r.rows.find((x) => x.scenario.startsWith('naive per-card, all 2 boards'))!;
    expect(naive.requests).toBeGreaterThan(by['full scan (first: backfill)']!.requests);
    expect(out).toMatch(/\| scenario +\| requests \| lower bound \| req \/ bound \| wall s \| peak RSS MB \|/);
    expect(out).toMatch(/PASS {2}full scan requests ≤ 1\.1 × lower bound/);
    // The cost of the fact history is measured in the same run, against the scan without it (timings printed, not asserted).
    expect(by['full scan without facts (as before)']!.requests).toBe(by['full scan (first: backfill)']!.requests);
    expect(out).toMatch(
      /full scan \(first: backfill\) \(2\+2 runs\): wall [\d.]+ s with facts vs [\d.]+ s without \(×[\d.]+\); CPU [\d.]+ s vs [\d.]+ s \(×[\d.]+\)/,
    );
    expect(out).toMatch(/incremental, nothing new \(6\+6 runs\)/);
    expect(out).toMatch(/(PASS|FAIL) {2}full scan \(first: backfill\): with fact history ≤ 1\.1 × without/);
  });
});
