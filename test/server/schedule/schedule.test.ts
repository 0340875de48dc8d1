import { describe, expect, it } from 'vitest';
import { createScheduler, scheduleScans } from '../../../server/src/schedule.js';
import { createLogger } from '../../../server/src/log.js';

const ist = (d: Date) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Istanbul', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return { weekday: parts.weekday!, hour: Number(parts.hour), minute: Number(parts.minute) };
};

describe('createScheduler (node-cron, Europe/Istanbul, noOverlap)', () => {
  it('registers the scan and full-pass jobs; next runs fall in Istanbul working hours', async () => {
    const s = createScheduler(createLogger('silent'));
    const calls: boolean[] = [];
    scheduleScans(s, { SCAN_CRON: '*/10 8-18 * * 1-6', FULL_SCAN_CRON: '30 2 * * *' }, async ({ full }) => void calls.push(full));
    try {
      expect(s.jobs().map((j) => j.name)).toEqual(['scan', 'full-scan']);
      for (const d of s.jobs()[0]!.task.getNextRuns(30)) {
        const t = ist(d);
        expect(t.weekday).not.toBe('Sun');
        expect(t.hour).toBeGreaterThanOrEqual(8);
        expect(t.hour).toBeLessThanOrEqual(18);
        expect(t.minute % 10).toBe(0);
      }
      const full = ist(s.jobs()[1]!.task.getNextRun()!);
      expect([full.hour, full.minute]).toEqual([2, 30]);
      // The job body is a plain function: executing it runs the scan callback.
      await s.jobs()[1]!.task.execute();
      expect(calls).toEqual([true]);
    } finally {
      await s.stop();
    }
    expect(s.jobs()).toEqual([]);
  });

  it('refuses a bad expression or a duplicate name; a failing job is logged, not thrown', async () => {
    const lines: string[] = [];
    const s = createScheduler(createLogger('debug', (l) => lines.push(l)));
    try {
      expect(() => s.add('x', 'not cron', async () => undefined)).toThrow(/not a valid cron expression/);
      s.add('digest', '30 18 * * 1-5', async () => {
        throw new Error('smtp down');
      });
      expect(() => s.add('digest', '* * * * *', async () => undefined)).toThrow(/already registered/);
      await s.jobs()[0]!.task.execute();
      expect(lines.some((l) => l.includes('ERROR job digest failed: smtp down'))).toBe(true);
      expect(Object.keys(s.nextRuns())).toEqual(['digest']);
    } finally {
      await s.stop();
    }
  });
});
