// dayInfo: what "Bugünkü program" is told about today (weekend, public holiday, next working day).
import { describe, expect, it } from 'vitest';
import { dayInfo } from '../../../server/src/http/routes/api.js';

describe('dayInfo (status answer → Bugünkü program)', () => {
  it('a plain Monday is a working day', () => {
    expect(dayInfo('2026-11-23')).toEqual({ date: '2026-11-23', weekend: false, holiday: null, nextWorkingDay: '2026-11-24' });
  });

  it('Saturday: weekend, the next working day is Monday', () => {
    expect(dayInfo('2026-11-28')).toMatchObject({ weekend: true, holiday: null, nextWorkingDay: '2026-11-30' });
  });

  it('Republic Day (Thursday 29.10.2026) names the holiday; Friday is the next working day', () => {
    const d = dayInfo('2026-10-29');
    expect(d.weekend).toBe(false);
    expect(d.holiday?.tr).toMatch(/Cumhuriyet/);
    expect(d.nextWorkingDay).toBe('2026-10-30');
  });

  it('a Friday before a holiday Monday skips the weekend and the holiday', () => {
    // Labour Day 2026 is a Friday → Monday 04.05.2026.
    expect(dayInfo('2026-05-01')).toMatchObject({ weekend: false, nextWorkingDay: '2026-05-04' });
    expect(dayInfo('2026-05-01').holiday).not.toBeNull();
  });
});
