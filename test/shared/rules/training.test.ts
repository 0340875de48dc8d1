// R15, P20: a customer who does not want training during the integration. Five refused-training working days in a
// row without a `#bildirildi … eğitim istemiyor` entry are a `training` finding; the recorded escalation exempts
// the card from training-related findings (slot missing, the onboarding slot item) until go-live.
import { describe, expect, it } from 'vitest';
import { ONBOARDING_CHECKLIST, ONBOARDING_ITEMS } from '../../../shared/checklists.js';
import { evaluateBoard } from '../../../shared/compliance.js';
import { trainingRefusedIn } from '../../../shared/escalations.js';
import type { AuditResult, BoardSnapshot } from '../../../shared/types.js';
import { board, ist, SPECIALIST, type CardSpec } from '../../fixtures/snapshot-builder.js';

const NOW = new Date(ist('2026-11-23 18:00'));
const settings = { trackingStart: '2026-11-16' };
const days = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];
const refused = (n: number): NonNullable<CardSpec['comments']> =>
  days.slice(0, n).map((d) => ({ text: '#günlük arandı, müşteri entegrasyon bitene kadar eğitim istemedi', at: `${d} 11:00` }));
const ESCALATION = { text: '#bildirildi yöneticiye: müşteri entegrasyon süresince eğitim istemiyor', at: '2026-11-17 16:00' };
const of = (r: AuditResult, rule: string) => r.findings.filter((f) => f.rule === rule).map((f) => `${f.period} ${f.status}`);

describe('P20: refused training must be reported', () => {
  it('reads refusals, with or without Turkish letters; not a plain training entry', () => {
    expect(trainingRefusedIn('Müşteri eğitim istemedi')).toBe(true);
    expect(trainingRefusedIn('egitim yapilmadi, entegrasyon suruyor')).toBe(true);
    expect(trainingRefusedIn('training was declined')).toBe(true);
    expect(trainingRefusedIn('ürün eğitimi yapıldı')).toBe(false);
  });

  it('five working days of refusals without an escalation: one finding on the first day, for the owner', () => {
    const r = evaluateBoard(board([{ profile: { assignedAt: '2026-11-16' }, comments: refused(5) }], settings), NOW);
    expect(of(r, 'training')).toEqual(['2026-11-16 escalate']);
    const f = r.findings.find((x) => x.rule === 'training')!;
    expect(f.memberId).toBe(SPECIALIST);
    expect(f.actionIds).toHaveLength(5);
    expect(f.detail.tr).toContain('yöneticiye bildirin');
    expect(f.detail.en).toContain('tell a manager');
  });

  it('four days, or an escalation posted from the first day on: no finding', () => {
    expect(of(evaluateBoard(board([{ profile: { assignedAt: '2026-11-16' }, comments: refused(4) }], settings), NOW), 'training')).toEqual([]);
    const escalated = board([{ profile: { assignedAt: '2026-11-16' }, comments: [...refused(5), ESCALATION] }], settings);
    expect(of(evaluateBoard(escalated, NOW), 'training')).toEqual([]);
  });
});

describe('P20: the recorded escalation exempts training findings until go-live', () => {
  const noSlot = (extra: Partial<CardSpec> = {}, profile = {}) =>
    board([{ profile: { assignedAt: '2026-11-16', trainingSlot: undefined, ...profile }, comments: [ESCALATION], ...extra }], settings);

  it('slot missing is not judged while the escalation is in force', () => {
    expect(of(evaluateBoard(board([{ profile: { assignedAt: '2026-11-16', trainingSlot: undefined } }], settings), NOW), 'slot')).toEqual([' missing']);
    expect(of(evaluateBoard(noSlot(), NOW), 'slot')).toEqual([]);
  });

  it('after go-live the exemption ends: the slot is due again', () => {
    expect(of(evaluateBoard(noSlot({}, { liveAt: '2026-11-20' }), NOW), 'slot')).toEqual([' missing']);
  });

  it('the onboarding slot item is not judged on a deadline inside the span; the other items are', () => {
    const withChecklist = (snap: BoardSnapshot): BoardSnapshot => {
      const c = snap.cards[0]!;
      c.checklists = [
        {
          id: '6a0000000000000000000c11', // created in 2026, before every deadline
          name: ONBOARDING_CHECKLIST,
          items: ONBOARDING_ITEMS.map((it, i) => ({ id: `6a00000000000000000001${i}0`, name: it.name, state: 'incomplete' as const })),
        },
      ];
      return snap;
    };
    const items = (r: AuditResult) =>
      r.findings
        .filter((f) => f.rule === 'onboarding')
        .map((f) => f.period)
        .sort();
    const plain = withChecklist(board([{ profile: { assignedAt: '2026-11-16' } }], settings));
    // Slot item due 17.11, welcome mail 18.11; first report and KVKK 23.11, a day not over at NOW.
    expect(items(evaluateBoard(plain, NOW))).toEqual(['2026-11-17', '2026-11-18']);
    const exempt = withChecklist(board([{ profile: { assignedAt: '2026-11-16' }, comments: [ESCALATION] }], settings));
    expect(items(evaluateBoard(exempt, NOW))).toEqual(['2026-11-18']);
  });
});
