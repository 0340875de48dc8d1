// One rule shape: a rule added in one file (dummy-rule.ts, with its texts) runs beside the domain's
// rules without changing their findings, and a rule or text without its translation fails the type
// check (`npm test` runs tsc over this file: each @ts-expect-error below must stay an error).
import { describe, expect, it } from 'vitest';
import { cardRule, evaluateBoard, RULES } from '../../../shared/compliance.js';
import { dictionaries, extendTexts, RULE_IDS, text2, translator } from '../../../shared/i18n.js';
import { board, dailies, ist } from '../../fixtures/snapshot-builder.js';
import { quietRule, quietTexts } from './dummy-rule.js';

const NOW = new Date(ist('2026-11-25 12:00'));
// Assigned Monday 2 November: weeks 45–47 are judged on the 25th. Week 45 gets five dailies, the rest none.
const snapshot = board([{ profile: { assignedAt: '2026-11-02', trainingSlot: '10:00' }, comments: dailies('2026-11-02', '2026-11-06') }]);

describe('a rule added in one file', () => {
  const plain = evaluateBoard(snapshot, NOW);
  const withQuiet = evaluateBoard(snapshot, NOW, { rules: [...RULES, quietRule] });

  it('reports its own findings, judged over the shared weeks', () => {
    const quiet = withQuiet.findings.filter((f) => f.rule === 'quiet');
    expect(quiet.map((f) => [f.period, f.status])).toEqual([
      ['2026-W46', 'warning'],
      ['2026-W47', 'warning'],
    ]);
    expect(quiet[0]?.detail).toEqual({ tr: '46. hafta (09.11–15.11.2026): yalnızca 0 giriş var.', en: 'week 46 (2026-11-09 – 11-15): only 0 entries.' });
  });

  it('leaves every other finding and the summary exactly as they were', () => {
    expect(withQuiet.findings.filter((f) => f.rule !== 'quiet')).toEqual(plain.findings);
    expect(withQuiet.summary).toEqual(plain.summary);
  });

  it('sorts after the domain rules of the same card and period (the list order)', () => {
    const w46 = withQuiet.findings.filter((f) => f.period === '2026-W46').map((f) => f.rule);
    expect(w46.at(-1)).toBe('quiet');
    expect(w46).toContain('weekly');
  });

  it('speaks both languages through its texts, the domain texts unchanged', () => {
    const t = translator(quietTexts);
    expect(t.translate('rule.quiet', 'tr')).toBe('Sessiz hafta');
    expect(t.translate('rule.quiet', 'en')).toBe('Quiet week');
    expect(t.translate('rule.daily', 'en')).toBe('Daily');
    expect(Object.hasOwn(dictionaries.tr, 'rule.quiet')).toBe(false);
  });
});

describe('the registry', () => {
  it('holds one rule per labelled rule id, each id once', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...RULE_IDS].sort());
  });

  it('declares a scope and the periods each rule judges', () => {
    for (const r of RULES) {
      expect(['card', 'board']).toContain(r.scope);
      expect(r.periods.length).toBeGreaterThan(0);
    }
    expect(RULES.filter((r) => r.scope === 'board').map((r) => r.id)).toEqual(['profile', 'slot', 'leave', 'contact', 'capacity', 'inactive', 'month-review']);
  });
});

describe('a missing translation fails the type check', () => {
  const noFindings = () => ({ findings: [], outcomes: [] });

  it('a rule whose id has no label in the domain dictionaries', () => {
    // @ts-expect-error 'quiet' has no `rule.quiet` label in shared/i18n.ts
    const r = cardRule({ id: 'quiet', periods: ['week'], evaluate: noFindings });
    expect(r.scope).toBe('card');
  });

  it('texts with a key in Turkish only', () => {
    // @ts-expect-error the English dictionary lacks `rule.lonely`
    const texts = extendTexts(dictionaries, { tr: { 'rule.lonely': 'Yalnız' }, en: {} });
    // At run time a missing English text falls back to the Turkish one (never the bare key).
    expect(translator(texts).translate('rule.lonely', 'en')).toBe('Yalnız');
  });

  it('a finding text the domain dictionaries do not hold', () => {
    // @ts-expect-error `finding.quiet.warning` lives in the dummy rule's texts, not the domain's
    const detail = text2('finding.quiet.warning', { week: '2026-W46', count: 0 });
    expect(detail.tr).toBe('finding.quiet.warning');
  });
});
