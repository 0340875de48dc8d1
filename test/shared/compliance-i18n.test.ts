// Finding details and badge texts come from shared/i18n.ts in both languages.
import { describe, expect, it } from 'vitest';
import {
  FINDING_STATUSES,
  RULE_IDS,
  dictionaries,
  formatNumber,
  formatPercent,
  formatPeriod,
  formatPeriodWords,
  ruleLabel,
  statusLabel,
  text2,
  translate,
} from '../../shared/i18n.js';

describe('i18n (tr/en)', () => {
  it('has every key in both languages', () => {
    expect(Object.keys(dictionaries.en).sort()).toEqual(Object.keys(dictionaries.tr).sort());
  });

  it('formats dates, months, instants (Istanbul) and numbers per locale', () => {
    expect(text2('finding.monthly.late', { month: '2026-10', deadline: '2026-11-04', posted: '2026-11-06T14:45:00Z' })).toEqual({
      tr: 'Ekim 2026 aylık kaydı süresi (04.11.2026) geçtikten sonra girildi (06.11.2026 17:45).',
      en: 'The monthly entry for October 2026 was posted after its deadline 2026-11-04 (2026-11-06 17:45).',
    });
    expect(formatNumber(3.14, 'tr')).toBe('3,1');
    expect(formatNumber(1024, 'tr')).toBe('1024');
    expect(formatPercent(86.5, 'tr')).toBe('%86,5');
    expect(formatPercent(86.5, 'en')).toBe('86.5%');
    expect(formatPeriod('2026-W48', 'tr')).toBe('2026-W48 (23.11.2026–29.11.2026)');
    expect(formatPeriodWords('2026-W48', 'tr')).toBe('48. hafta (23.11–29.11.2026)');
    expect(formatPeriodWords('2026-W53', 'tr')).toBe('53. hafta (28.12–03.01.2027)');
    expect(formatPeriodWords('2026-W48', 'en')).toBe('week 48 (2026-11-23 – 11-29)');
    expect(formatPeriodWords('2026-11-23', 'tr')).toBe('23.11.2026');
    expect(formatPeriodWords('2026-11', 'tr')).toBe('Kasım 2026');
    expect(formatPeriod('2026-W99', 'tr')).toBe('2026-W99');
    expect(formatPeriod('2026-11-23', 'tr')).toBe('23.11.2026');
    expect(translate('badge.golive.late', 'en', { days: 1 })).toBe('Go-live: 1 day late');
  });

  it('never throws on an unknown key or a missing variable', () => {
    // @ts-expect-error an unknown key is a type error; at run time it still never throws
    expect(translate('no.such.key', 'tr')).toBe('no.such.key');
    expect(translate('finding.daily.missing', 'tr')).toBe('{date} için günlük kayıt yok.');
  });

  it('has one short tr + en label for every rule and finding status (the words every surface uses)', () => {
    expect(RULE_IDS).toEqual(expect.arrayContaining(['growth', 'pool-contact', 'leave', 'unreachable']));
    for (const l of ['tr', 'en'] as const) {
      for (const r of RULE_IDS) expect(dictionaries[l][`rule.${r}`], `rule.${r} (${l})`).toMatch(/\S/);
      for (const s of FINDING_STATUSES) expect(dictionaries[l][`status.${s}`], `status.${s} (${l})`).toMatch(/\S/);
    }
    expect(ruleLabel('unreachable', 'tr')).toBe('Ulaşılamadı');
    expect(ruleLabel('pool-contact', 'en')).toBe('Pool weekly contact');
    expect(ruleLabel('leave', 'tr')).toBe('İzin ve vekil');
    expect(ruleLabel('leave', 'en')).toBe('Leave and cover');
    expect(statusLabel('late', 'tr')).toBe('geç');
    expect(ruleLabel('no-such-rule', 'tr')).toBe('no-such-rule');
    expect(statusLabel('no-such-status', 'en')).toBe('no-such-status');
  });
});
