// What the rules see of an entry's date (docs/grammar.md, docs/rules.md): a date mentioned in the text
// never moves the entry, so the day it was posted is covered; an entry re-dated by more than 7 days, or
// to a day before the card's assignment, still counts and gives the team lead an evidence warning.
import { describe, expect, it } from 'vitest';
import { evaluateBoard } from '../../shared/compliance.js';
import type { AuditResult, RuleId } from '../../shared/types.js';
import { board, ist, SPECIALIST, type CardSpec } from '../fixtures/snapshot-builder.js';

const at = (wall: string) => new Date(ist(wall));
const findings = (r: AuditResult, rule: RuleId) => r.findings.filter((f) => f.rule === rule).map((f) => `${f.period} ${f.status}`);
const one = (comments: CardSpec['comments'], assignedAt = '2026-11-02') => board([{ profile: { assignedAt }, comments }], { trackingStart: '2026-11-02' });

describe('a date mentioned in the text does not move the entry (situation 5)', () => {
  it('R31: "toplantı 12 Kasım\'a planlandı" posted on 10 November covers 10 November', () => {
    const snap = one(
      [
        { text: "#günlük Eğitim yapıldı; aylık toplantı 12 Kasım'a planlandı.", at: '2026-11-10 11:00' },
        { text: '#günlük aradım', at: '2026-11-11 11:00' },
        { text: '#günlük aradım', at: '2026-11-12 11:00' },
      ],
      '2026-11-10',
    );
    const r = evaluateBoard(snap, at('2026-11-13 09:00'));
    expect(findings(r, 'daily')).toEqual([]);
    expect(findings(r, 'evidence')).toEqual([]);
  });

  it('R31: "Kampanya kurgusu 25.11 indirimi için" posted on 10 November covers 10 November', () => {
    const snap = one([{ text: '#günlük Kampanya kurgusu 25.11 indirimi için hazırlandı', at: '2026-11-10 11:00' }], '2026-11-10');
    expect(findings(evaluateBoard(snap, at('2026-11-11 09:00')), 'daily')).toEqual([]);
  });

  it('R31: "#günlük dün" posted on Tuesday covers Monday, late', () => {
    const snap = one([{ text: '#günlük dün aradım, ulaşıldı', at: '2026-11-10 09:00' }], '2026-11-09');
    expect(findings(evaluateBoard(snap, at('2026-11-10 12:00')), 'daily')).toEqual(['2026-11-09 late']);
  });
});

describe('re-dated entries: kept, with an evidence warning for the lead (A26)', () => {
  it('an entry re-dated by more than 7 days counts for its day and warns', () => {
    const snap = one([{ text: '#günlük 03.11.2026 aradım', at: '2026-11-13 10:00' }]);
    const r = evaluateBoard(snap, at('2026-11-14 09:00'));
    expect(findings(r, 'daily')).toContain('2026-11-03 late');
    const w = r.findings.filter((f) => f.rule === 'evidence');
    expect(w.map((f) => `${f.period} ${f.status} ${f.severity} ${f.memberId}`)).toEqual([`2026-11-03 warning warning ${SPECIALIST}`]);
    expect(w[0]!.detail.en).toContain('is written for 2026-11-03, 10 days away from it');
    expect(w[0]!.detail.tr).toContain('03.11.2026 için yazılmış; dönem ile giriş arasında 10 gün var');
  });

  it('an entry re-dated by 7 days or less gives no warning', () => {
    const snap = one([{ text: '#günlük 06.11.2026 aradım', at: '2026-11-13 10:00' }]);
    expect(findings(evaluateBoard(snap, at('2026-11-14 09:00')), 'evidence')).toEqual([]);
  });

  it("an entry re-dated to a day before the card's assignment is kept and warns", () => {
    const snap = one([{ text: '#günlük 06.11.2026 aradım', at: '2026-11-10 10:00' }], '2026-11-09');
    const r = evaluateBoard(snap, at('2026-11-11 09:00'));
    const w = r.findings.filter((f) => f.rule === 'evidence');
    expect(w.map((f) => `${f.period} ${f.status}`)).toEqual(['2026-11-06 warning']);
    expect(w[0]!.detail.en).toContain('before the card was assigned (2026-11-09)');
    expect(w[0]!.detail.tr).toContain('kartın atamasından (09.11.2026) önce');
  });

  it('a monthly for the month the card was assigned in is no "before assignment"', () => {
    const snap = one([{ text: '#aylık 2026-11 raporu', at: '2026-11-30 10:00' }], '2026-11-02');
    expect(findings(evaluateBoard(snap, at('2026-12-01 09:00')), 'evidence')).toEqual([]);
  });

  it('the warnings count nowhere: the compliance badge and notifications skip status warning', () => {
    const snap = one([{ text: '#günlük 01.10.2026 aradım', at: '2026-11-03 10:00' }]);
    const r = evaluateBoard(snap, at('2026-11-04 09:00'));
    expect(r.findings.filter((f) => f.rule === 'evidence').every((f) => f.status === 'warning' && f.class === 'compliance')).toBe(true);
  });
});
