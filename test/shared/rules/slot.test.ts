// The slot rule (shared/compliance/rules/slot.ts); rule ids and decisions: docs/rules.md.
import { describe, expect, it } from 'vitest';
import { missingCount } from '../../../shared/status.js';
import { board, idAt, OTHER, type CardSpec } from '../../fixtures/snapshot-builder.js';
import { run } from './helpers.js';
import { text2 } from '../../../shared/i18n.js';

describe('R1/R3/R53 training slots (P13, A16)', () => {
  it('requires a slot unless pool, and flags slots of one specialist under 50 minutes apart', () => {
    const r = run(
      board(
        [
          { name: 'A', profile: { trainingSlot: '10:00' } },
          { name: 'B', profile: { trainingSlot: '10:40' } },
          { name: 'C', profile: { trainingSlot: '11:30' } },
          { name: 'D', profile: { trainingSlot: undefined } },
          { name: 'E', profile: { trainingSlot: undefined, pool: true } },
          { name: 'F', profile: { trainingSlot: '10:20', specialist: OTHER } },
        ],
        { trackingStart: '2026-11-23' },
      ),
      '2026-11-23 09:00',
    );
    const slots = r.findings.filter((f) => f.rule === 'slot').map((f) => `${r.summary.byCard[f.cardId]?.name}:${f.status}`);
    // B–C are exactly 50 minutes apart: no overlap.
    expect(slots.sort()).toEqual(['A:overlap', 'B:overlap', 'D:missing']);
  });

  it('many cards on close times: one overlap per ordered clashing pair, each naming the other card and both times', () => {
    const times = ['10:00', '10:00', '10:30', '10:49', '10:50', '11:39', '10:00', '14:00'];
    const specs: CardSpec[] = times.map((t, i) => ({ name: `K${i}`, profile: { trainingSlot: t } }));
    specs.push({ name: 'X', profile: { trainingSlot: '10:10', specialist: OTHER } });
    const r = run(board(specs, { trackingStart: '2026-11-23' }), '2026-11-23 09:00');
    const name = (id: string) => r.summary.byCard[id]?.name;
    const got = r.findings.filter((f) => f.rule === 'slot' && f.status === 'overlap').map((f) => `${name(f.cardId)} ${f.detail.en}`);
    // The pairs by hand: under 50 minutes apart, the same specialist (X's slot clashes with no card of its own).
    const expected: string[] = [];
    for (const [i, a] of times.entries())
      for (const [j, b] of times.entries()) {
        const apart = Math.abs(Number(a.slice(0, 2)) * 60 + Number(a.slice(3)) - (Number(b.slice(0, 2)) * 60 + Number(b.slice(3))));
        if (i !== j && apart < 50) expected.push(`K${i} ${text2('finding.slot.overlap', { time: a, other: `K${j}`, otherTime: b }).en}`);
      }
    expect(got.sort()).toEqual(expected.sort());
    expect(got.length).toBe(26);
  });
});

describe('R51 training slot outside working hours (P13, A12) — additional warning', () => {
  const hours = (specs: CardSpec[]) => {
    const r = run(board(specs, { trackingStart: '2026-11-23' }), '2026-11-23 09:00');
    return r.findings.filter((f) => f.rule === 'slot' && f.status === 'warning').map((f) => `${r.summary.byCard[f.cardId]?.name}`);
  };
  // One specialist per card so that overlaps (R53) do not interfere.
  const at = (name: string, trainingSlot: string, extra = {}): CardSpec => ({
    name,
    profile: { trainingSlot, specialist: idAt('2026-01-01', name.charCodeAt(0)), ...extra },
  });

  it('warns on a slot starting before 08:15 or whose 50 minutes end after 18:15; the bounds themselves are fine', () => {
    expect(
      hours([at('A', '08:14'), at('B', '08:15'), at('C', '17:25'), at('D', '17:26'), at('E', '07:00'), at('F', '18:30'), at('G', '12:00')]).sort(),
    ).toEqual(['A', 'D', 'E', 'F']);
  });

  it('is a warning with the session end in both languages, and not counted as missing', () => {
    const r = run(board([at('A', '17:40')], { trackingStart: '2026-11-23' }), '2026-11-23 09:00');
    const f = r.findings.find((x) => x.rule === 'slot');
    expect(f).toMatchObject({ status: 'warning', period: '', severity: 'warning' });
    expect(f?.detail).toEqual({
      tr: '17:40 eğitim saati mesai saatleri (08:15–18:15) dışında: 50 dakikalık eğitim 18:30 saatinde biter.',
      en: 'The 17:40 training slot lies outside working hours (08:15–18:15): the 50-minute session ends at 18:30.',
    });
    expect(missingCount(r.findings)).toBe(missingCount(r.findings.filter((x) => x !== f)));
  });

  it('ignores pool cards and cards frozen today (they hold no slot), and keeps overlap/missing as before', () => {
    expect(hours([at('P', '19:00', { pool: true }), at('Z', '19:00', { frozen: [{ from: '2026-11-20', to: '2026-11-30' }] })])).toEqual([]);
    const r = run(
      board(
        [
          { name: 'A', profile: { trainingSlot: '17:30' } },
          { name: 'B', profile: { trainingSlot: '17:00' } },
        ],
        { trackingStart: '2026-11-23' },
      ),
      '2026-11-23 09:00',
    );
    expect(
      r.findings
        .filter((f) => f.rule === 'slot')
        .map((f) => `${r.summary.byCard[f.cardId]?.name}:${f.status}`)
        .sort(),
    ).toEqual(['A:overlap', 'A:warning', 'B:overlap']);
  });
});
