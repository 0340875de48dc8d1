// One-click fixes (docs/powerup.md "One-click fixes"): which form mends which open finding, with what prefill,
// and that the prefill reaches the form through t.popup's args, checked on the way in.
import { describe, expect, it } from 'vitest';
import { FIX_TEXT, findingFix, lastReadingFits, readPrefill, todayFix } from '../../powerup/src/fix-model.js';
import { openForm } from '../../powerup/src/pages-map.js';
import type { StatusFinding } from '../../shared/types.js';
import { fakeT, fakeWorld } from './fake-t.js';

const TODAY = '2026-12-07';
const f = (rule: string, status: string, period: string, extra: Partial<StatusFinding> = {}): StatusFinding =>
  ({ rule, status, period, severity: 'warning', ...extra }) as StatusFinding;

describe('findingFix: finding → form + prefill', () => {
  it('a missing daily → the daily form for that day (today or a past day), never a future one', () => {
    expect(findingFix(f('daily', 'missing', TODAY), TODAY)).toEqual({ form: 'daily', prefill: { date: TODAY, kind: 'daily' }, label: 'daily' });
    expect(findingFix(f('daily', 'missing', '2026-12-03'), TODAY)).toEqual({ form: 'daily', prefill: { date: '2026-12-03', kind: 'daily' }, label: 'daily' });
    expect(findingFix(f('daily', 'missing', '2026-12-08'), TODAY)).toBeNull();
  });

  it('a missing intro call → the daily form with the intro kind chosen', () => {
    expect(findingFix(f('intro', 'missing', '2026-12-02'), TODAY)).toEqual({ form: 'daily', prefill: { date: '2026-12-02', kind: 'intro' }, label: 'intro' });
  });

  it('a missing or incomplete weekly reading → the weekly form for that week', () => {
    for (const status of ['missing', 'incomplete']) {
      expect(findingFix(f('weekly', status, '2026-W49'), TODAY)).toEqual({ form: 'weekly', prefill: { week: '2026-W49' }, label: 'weekly' });
    }
  });

  it('a missing monthly → the monthly form for that month', () => {
    expect(findingFix(f('monthly', 'missing', '2026-11'), TODAY)).toEqual({ form: 'monthly', prefill: { month: '2026-11' }, label: 'monthly' });
  });

  it('a disk or traffic reading that needs "informed" → the weekly form for that week with "informed" ticked', () => {
    const informed = (week: string) => ({ form: 'weekly', prefill: { week, actions: ['informed'] }, label: 'informed' });
    expect(findingFix(f('disk', 'high', '2026-W49'), TODAY)).toEqual(informed('2026-W49'));
    expect(findingFix(f('traffic', 'high', '2026-W48'), TODAY)).toEqual(informed('2026-W48'));
    // R45: a week after a postponement needs a reminder.
    expect(findingFix(f('disk', 'postponed', '2026-W47'), TODAY)).toEqual(informed('2026-W47'));
    // Critical without its actions: the specialist's finding, mended by the actions.
    expect(findingFix(f('disk', 'critical', '2026-W49', { class: 'compliance', severity: 'critical' }), TODAY)).toEqual(informed('2026-W49'));
    expect(FIX_TEXT.tr.informed).toBe('Bilgilendirildi ekle');
  });

  it('a critical reading with every action recorded is a risk: nothing to add', () => {
    expect(findingFix(f('disk', 'critical', '2026-W49', { class: 'risk', severity: 'critical' }), TODAY)).toBeNull();
  });

  it('a stale reading → the weekly form for this week (the form default), labelled as a new reading', () => {
    expect(findingFix(f('traffic', 'stale', '2026-W44'), TODAY)).toEqual({ form: 'weekly', prefill: {}, label: 'reading' });
  });

  it('an overdue go-live without a delay reason → the delay form; never the go-live form', () => {
    expect(findingFix(f('golive-reason', 'missing', '2026-11-30', { severity: 'critical' }), TODAY)).toEqual({ form: 'delay', prefill: {}, label: 'delay' });
    // The overdue finding itself (a reason may exist): the go-live entry is never one click.
    expect(findingFix(f('golive', 'overdue', '2026-11-30'), TODAY)).toBeNull();
    expect(findingFix(f('golive', 'due-soon', '2026-12-20'), TODAY)).toBeNull();
  });

  it('late entries stay late, and findings no single form mends get no button', () => {
    expect(findingFix(f('daily', 'late', '2026-12-03'), TODAY)).toBeNull();
    expect(findingFix(f('weekly', 'late', '2026-W48'), TODAY)).toBeNull();
    expect(findingFix(f('monthly', 'late', '2026-10'), TODAY)).toBeNull();
    expect(findingFix(f('slot', 'overlap', ''), TODAY)).toBeNull();
    expect(findingFix(f('unreachable', 'escalate', '2026-12-04'), TODAY)).toBeNull();
    expect(findingFix(f('growth', 'warning', '2026-W49'), TODAY)).toBeNull();
    // A malformed period is not guessed at.
    expect(findingFix(f('weekly', 'missing', '2026-12'), TODAY)).toBeNull();
    expect(findingFix(f('disk', 'high', ''), TODAY)).toBeNull();
  });

  it("today's daily still due (pending or past 18:15) → the daily form for today; done → none", () => {
    expect(todayFix('pending', TODAY)).toEqual({ form: 'daily', prefill: { date: TODAY, kind: 'daily' }, label: 'daily' });
    expect(todayFix('over', TODAY)?.form).toBe('daily');
    expect(todayFix('done', TODAY)).toBeNull();
    expect(todayFix(null, TODAY)).toBeNull();
  });

  it('every label has its Turkish and English words', () => {
    for (const L of ['tr', 'en'] as const) for (const v of Object.values(FIX_TEXT[L])) expect(v.length).toBeGreaterThan(0);
    expect(Object.keys(FIX_TEXT.tr)).toEqual(Object.keys(FIX_TEXT.en));
  });
});

describe('the prefill on its way to the form', () => {
  it('openForm hands it to t.popup as args; without one, no args', async () => {
    const world = fakeWorld();
    const t = fakeT(world, { card: 'c1', locale: 'tr' });
    await openForm(t, 'tr', 'weekly', { week: '2026-W49', actions: ['informed'] });
    await openForm(t, 'tr', 'daily');
    const popups = world.calls.filter((c) => c.fn === 'popup').map((c) => c.arg as { url: string; args?: unknown });
    expect(popups[0]).toMatchObject({ url: './weekly.html', args: { prefill: { week: '2026-W49', actions: ['informed'] } } });
    expect(popups[1]).not.toHaveProperty('args');
  });

  it('readPrefill keeps a well-formed prefill and drops a malformed one whole', () => {
    expect(readPrefill({ week: '2026-W49', actions: ['informed'] })).toEqual({ week: '2026-W49', actions: ['informed'] });
    expect(readPrefill({ date: '2026-12-03', kind: 'intro' })).toEqual({ date: '2026-12-03', kind: 'intro' });
    expect(readPrefill({ week: '49. hafta' })).toEqual({});
    expect(readPrefill({ actions: ['delete-everything'] })).toEqual({});
    expect(readPrefill(undefined)).toEqual({});
    expect(readPrefill('2026-W49')).toEqual({});
  });
});

describe('the weekly form never carries one week’s reading into another week', () => {
  it('starts from the last reading only when the fix is for that reading’s week (or names no week)', () => {
    expect(lastReadingFits({ week: '2026-W50', actions: ['informed'] }, '2026-W50')).toBe(true);
    expect(lastReadingFits({}, '2026-W50')).toBe(true);
    expect(lastReadingFits({ week: '2026-W48' }, '2026-W50')).toBe(false);
    expect(lastReadingFits({ week: '2026-W48' }, undefined)).toBe(false);
  });
});
