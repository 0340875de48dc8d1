// Finding details and badge texts come from shared/i18n.ts in both languages.
import { describe, expect, it } from 'vitest';
import { dictionaries, formatNumber, formatPercent, formatPeriod, text2, translate } from '../../shared/i18n.js';

describe('i18n (tr/en)', () => {
  it('has every key in both languages', () => {
    expect(Object.keys(dictionaries.en).sort()).toEqual(Object.keys(dictionaries.tr).sort());
  });

  it('formats dates, months, instants (Istanbul) and numbers per locale', () => {
    expect(text2('finding.monthly.late', { month: '2026-10', deadline: '2026-11-04', posted: '2026-11-06T14:45:00Z' })).toEqual({
      tr: 'Ekim 2026 aylığı süresi (04.11.2026) geçtikten sonra girildi (06.11.2026 17:45).',
      en: 'The monthly entry for October 2026 was posted after its deadline 2026-11-04 (2026-11-06 17:45).',
    });
    expect(formatNumber(3.14, 'tr')).toBe('3,1');
    expect(formatNumber(1024, 'tr')).toBe('1024');
    expect(formatPercent(86.5, 'tr')).toBe('%86,5');
    expect(formatPercent(86.5, 'en')).toBe('86.5%');
    expect(formatPeriod('2026-W48', 'tr')).toBe('2026-W48 (23.11.2026–29.11.2026)');
    expect(formatPeriod('2026-W99', 'tr')).toBe('2026-W99');
    expect(formatPeriod('2026-11-23', 'tr')).toBe('23.11.2026');
    expect(translate('badge.golive.late', 'en', { days: 1 })).toBe('Go-live: 1 day late');
  });

  it('never throws on an unknown key or a missing variable', () => {
    expect(translate('no.such.key', 'tr')).toBe('no.such.key');
    expect(translate('finding.daily.missing', 'tr')).toBe('{date} için günlük giriş yok.');
  });
});
