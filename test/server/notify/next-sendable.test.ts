// The outbox preview says when a held message goes: a real moment (a working day outside the quiet hours),
// shown as `gönderim: 08.12.2026 08:00`, never a placeholder such as "2026-12-07 (next working hours)".
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config.js';
import { nextSendable } from '../../../server/src/notify/notifier.js';
import { maySendAt, notifySettings } from '../../../server/src/notify/settings.js';
import { ist } from './fixtures.js';

const s = notifySettings(loadConfig({ SMTP_URL: 'smtp://h:25', NOTIFY_DRY_RUN: 'false' }), { trello: false });

describe('nextSendable', () => {
  it('is the first moment sending is allowed: after the quiet hours, skipping the weekend', () => {
    // Monday 7 December 2026, 23:30 Istanbul: quiet; the next allowed moment is Tuesday morning.
    const mon = ist('2026-12-07T23:30');
    expect(maySendAt(mon, s)).toBe(false);
    const next = new Date(nextSendable(mon, s));
    expect(maySendAt(next, s)).toBe(true);
    expect(maySendAt(new Date(next.getTime() - 5 * 60_000), s)).toBe(false);
    expect(next.getTime()).toBeGreaterThan(mon.getTime());
    expect(next.getTime() - mon.getTime()).toBeLessThan(12 * 3600_000);
    // Friday night → Monday.
    const fri = new Date(nextSendable(ist('2026-12-11T23:00'), s));
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Istanbul', weekday: 'long' }).format(fri)).toBe('Monday');
    expect(nextSendable(ist('2026-12-11T23:00'), s)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
  });
});
