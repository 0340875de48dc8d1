// The slot rule (shared/compliance/rules/slot.ts); rule ids and decisions: docs/rules.md.
import { describe, expect, it } from 'vitest';
import { missingCount } from '../../../shared/status.js';
import { board, idAt, OTHER, type CardSpec } from '../../fixtures/snapshot-builder.js';
import { run } from './helpers.js';

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

  it('many cards on close times: one overlap per clashing card, naming the cards it clashes with in start order', () => {
    const times = ['10:00', '10:00', '10:30', '10:49', '10:50', '11:39', '10:00', '14:00'];
    const specs: CardSpec[] = times.map((t, i) => ({ name: `K${i}`, profile: { trainingSlot: t } }));
    specs.push({ name: 'X', profile: { trainingSlot: '10:10', specialist: OTHER } });
    const r = run(board(specs, { trackingStart: '2026-11-23' }), '2026-11-23 09:00');
    const name = (id: string) => r.summary.byCard[id]?.name;
    const got = r.findings.filter((f) => f.rule === 'slot' && f.status === 'overlap').map((f) => `${name(f.cardId)}: ${f.detail.en}`);
    // By hand: under 50 minutes apart, the same specialist (X's slot clashes with no card of its own; K7 at 14:00 with none).
    expect(got.sort()).toEqual([
      'K0: The 10:00 training slot overlaps 4 cards (50 min): K1 (10:00), K6 (10:00), K2 (10:30), K3 (10:49).',
      'K1: The 10:00 training slot overlaps 4 cards (50 min): K0 (10:00), K6 (10:00), K2 (10:30), K3 (10:49).',
      'K2: The 10:30 training slot overlaps 5 cards (50 min): K0 (10:00), K1 (10:00), K6 (10:00), K3 (10:49), K4 (10:50).',
      'K3: The 10:49 training slot overlaps 5 cards (50 min): K0 (10:00), K1 (10:00), K6 (10:00), K2 (10:30), K4 (10:50).',
      'K4: The 10:50 training slot overlaps 3 cards (50 min): K2 (10:30), K3 (10:49), K5 (11:39).',
      'K5: The 11:39 training slot overlaps 1 card (50 min): K4 (10:50).',
      'K6: The 10:00 training slot overlaps 4 cards (50 min): K0 (10:00), K1 (10:00), K2 (10:30), K3 (10:49).',
    ]);
    const k5 = r.findings.find((f) => f.status === 'overlap' && name(f.cardId) === 'K5');
    expect(k5?.detail.tr).toBe('11:39 eğitim saati 1 kartın saatiyle çakışıyor (50 dk): K4 (10:50).');
  });

  it('k cards on one hour: k findings, each naming the first five others and counting the rest; a card moved away leaves the others right', () => {
    const k = 9;
    // Names out of alphabetical order by time, so the order is by start time first, then by name.
    const specs: CardSpec[] = Array.from({ length: k }, (_, i) => ({ name: `C${k - i}`, profile: { trainingSlot: i < 3 ? '10:20' : '10:00' } }));
    const overlaps = (list: CardSpec[]) => {
      const r = run(board(list, { trackingStart: '2026-11-23' }), '2026-11-23 09:00');
      return new Map(
        r.findings.filter((f) => f.rule === 'slot' && f.status === 'overlap').map((f) => [r.summary.byCard[f.cardId]?.name ?? '', f.detail] as const),
      );
    };
    const all = overlaps(specs);
    expect(all.size).toBe(k);
    // Start order: C1…C6 at 10:00, then C7, C8, C9 at 10:20.
    const order = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9'];
    const at = (n: string) => (['C7', 'C8', 'C9'].includes(n) ? '10:20' : '10:00');
    for (const [card, detail] of all) {
      const others = order.filter((n) => n !== card);
      const named = others
        .slice(0, 5)
        .map((n) => `${n} (${at(n)})`)
        .join(', ');
      expect(detail).toEqual({
        tr: `${at(card)} eğitim saati 8 kartın saatiyle çakışıyor (50 dk): ${named} ve 3 kart daha.`,
        en: `The ${at(card)} training slot overlaps 8 cards (50 min): ${named} and 3 more.`,
      });
    }
    // C3 (10:00) moves to 14:00: it clashes with nothing, the others now name 7 cards without it.
    const moved = overlaps(specs.map((c) => (c.name === 'C3' ? { ...c, profile: { trainingSlot: '14:00' } } : c)));
    expect([...moved.keys()].sort()).toEqual(order.filter((n) => n !== 'C3'));
    expect(moved.get('C1')?.en).toBe(
      'The 10:00 training slot overlaps 7 cards (50 min): C2 (10:00), C4 (10:00), C5 (10:00), C6 (10:00), C7 (10:20) and 2 more.',
    );
    expect(moved.get('C9')?.tr).toBe(
      '10:20 eğitim saati 7 kartın saatiyle çakışıyor (50 dk): C1 (10:00), C2 (10:00), C4 (10:00), C5 (10:00), C6 (10:00) ve 2 kart daha.',
    );
    // Down to two cards: each names the other alone.
    const two = overlaps(specs.filter((c) => c.name === 'C1' || c.name === 'C9'));
    expect(two.get('C9')?.en).toBe('The 10:20 training slot overlaps 1 card (50 min): C1 (10:00).');
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
