// Settings and Istanbul clock helpers of notify: quiet hours, working days, period ends, cron lines.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config.js';
import { notifyCronExpressions } from '../../../server/src/notify/jobs.js';
import { untag } from '../../../server/src/notify/render.js';
import {
  digestDue,
  inQuietHours,
  isCritical,
  isOpenFinding,
  isOrgWorkingDay,
  nextDigestTime,
  notifySettings,
  parseCritical,
  periodEnd,
  workingDaysAfter,
} from '../../../server/src/notify/settings.js';
import { ist } from './fixtures.js';

const s = notifySettings(loadConfig({ SMTP_URL: 'smtp://h:25', NOTIFY_DRY_RUN: 'false' }), { trello: false });

describe('notify settings', () => {
  it('has the documented defaults', () => {
    expect(s).toMatchObject({
      dryRun: false,
      teamLeadAfter: 1,
      managerAfter: 3,
      digestAt: 18 * 60 + 30,
      quietFrom: 20 * 60,
      quietTo: 8 * 60,
      label: 'Nabız: eksik kayıt',
      maxPerRun: 50,
      maxLines: 100,
      expireHours: 72,
    });
    expect(s.channels).toEqual({ email: true, chat: false, trello: false });
  });

  it('quiet hours wrap midnight (Europe/Istanbul, not the machine zone)', () => {
    expect(inQuietHours(ist('2026-11-24T19:59'), s)).toBe(false);
    expect(inQuietHours(ist('2026-11-24T20:00'), s)).toBe(true);
    expect(inQuietHours(ist('2026-11-25T03:00'), s)).toBe(true);
    expect(inQuietHours(ist('2026-11-25T08:00'), s)).toBe(false);
    expect(inQuietHours(new Date('2026-11-24T17:30:00Z'), s)).toBe(true); // 20:30 in Istanbul
  });

  it('digests are due on working days from DIGEST_TIME until quiet hours', () => {
    expect(digestDue(ist('2026-11-24T18:29'), s)).toBe(false);
    expect(digestDue(ist('2026-11-24T18:30'), s)).toBe(true);
    expect(digestDue(ist('2026-10-29T18:30'), s)).toBe(false); // Cumhuriyet Bayramı
    expect(digestDue(ist('2026-11-28T18:30'), s)).toBe(false); // Saturday
    expect(nextDigestTime(ist('2026-10-28T19:00'), s).toISOString()).toBe(ist('2026-10-28T19:00').toISOString());
    expect(nextDigestTime(ist('2026-10-28T21:00'), s).toISOString()).toBe(ist('2026-10-30T18:30').toISOString());
  });

  it('counts working days without weekends and holidays', () => {
    expect(isOrgWorkingDay('2026-10-28')).toBe(true); // half-day eve counts (A2)
    expect(isOrgWorkingDay('2026-10-29')).toBe(false);
    expect(workingDaysAfter('2026-10-27', '2026-11-02')).toBe(3); // Wed, Fri, Mon
  });

  it('knows where periods end', () => {
    expect(periodEnd('2026-11-23', '2026-12-01')).toBe('2026-11-23');
    expect(periodEnd('2026-W48', '2026-12-01')).toBe('2026-11-29');
    expect(periodEnd('2027-W01', '2027-01-20')).toBe('2027-01-10');
    expect(periodEnd('2026-12', '2027-01-20')).toBe('2026-12-31');
    expect(periodEnd('', '2026-12-01')).toBe('2026-12-01');
  });

  it('critical-at-once and open findings follow the issue', () => {
    const c = parseCritical('golive-reason,unreachable,disk:critical,traffic:critical');
    expect(isCritical({ rule: 'golive-reason', status: 'missing' }, c)).toBe(true);
    expect(isCritical({ rule: 'disk', status: 'critical' }, c)).toBe(true);
    expect(isCritical({ rule: 'disk', status: 'high' }, c)).toBe(false);
    expect(isOpenFinding({ status: 'late', severity: 'warning' })).toBe(false);
    expect(isOpenFinding({ status: 'due-soon', severity: 'info' })).toBe(false);
    expect(isOpenFinding({ status: 'missing', severity: 'warning' })).toBe(true);
    // The additional handbook warnings (P10 growth, P13 slot hours, P3 pool contact, P15/P16 leave) are status `warning`: never escalated.
    expect(isOpenFinding({ status: 'warning', severity: 'warning' })).toBe(false);
  });

  it('refuses a digest time inside the quiet window', () => {
    expect(() => notifySettings(loadConfig({ DIGEST_TIME: '21:00' }), { trello: false })).toThrow(/DIGEST_TIME: 21:00 falls inside NOTIFY_QUIET_HOURS/);
  });

  it('builds cron lines from the settings', () => {
    expect(notifyCronExpressions(s)).toEqual({ digest: '30 18 * * 1-5', flush: '5-55/10 8-19 * * 1-5', reminders: '* 8-18 * * 1-5' });
  });

  it('strips tags from texts written to Trello', () => {
    expect(untag('no #günlük entry, # haftalık either; site.com/#x stays? #1')).toBe('no günlük entry, haftalık either; site.com/x stays? #1');
  });
});

describe('notify jobs on the service scheduler', () => {
  it('registers the digest, flush and after-scan jobs with valid cron lines', async () => {
    const { createScheduler } = await import('../../../server/src/schedule.js');
    const { scheduleNotify } = await import('../../../server/src/notify/schedule.js');
    const { memoryStore } = await import('../../../server/src/store/store.js');
    const { silentLogger } = await import('../../../server/src/log.js');
    const scheduler = createScheduler(silentLogger);
    try {
      const { notifier } = await scheduleNotify(scheduler, {
        config: loadConfig({ LOG_LEVEL: 'silent' }),
        store: await memoryStore(),
        clock: () => ist('2026-11-24T10:00'),
        log: silentLogger,
      });
      expect(notifier.settings.dryRun).toBe(true);
      expect(scheduler.jobs().map((j) => `${j.name} ${j.expression}`)).toEqual([
        'notify-digest 30 18 * * 1-5',
        'notify-flush 5-55/10 8-19 * * 1-5',
        'notify-reminders * 8-18 * * 1-5',
        'notify-after-scan * * * * *',
      ]);
    } finally {
      await scheduler.stop();
    }
  });
});
