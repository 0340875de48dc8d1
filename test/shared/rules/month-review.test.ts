// R17, the team lead's month-end review: per month and specialist in force, the item on the lead's checklist
// `Nabız: ay sonu YYYY-MM` must be ticked by a team lead by the end of the month's last working day (Istanbul).
import { describe, expect, it } from 'vitest';
import type { CardChecklist, CheckTick } from '../../../shared/checklists.js';
import { evaluateBoard } from '../../../shared/compliance.js';
import { evaluateBoardByCard } from '../../../shared/compliance/by-card.js';
import { monthReviewDeadline } from '../../../shared/compliance/rules/month-review.js';
import { evaluateByVerdicts } from '../../../shared/compliance/verdicts.js';
import { createCalendar } from '../../../shared/calendar.js';
import { selectCustomers } from '../../../shared/customers.js';
import { LEAD_CARD_NAME, monthOfChecklist, monthReviewChecklistName, reviewItemMember, reviewItemName } from '../../../shared/month-review.js';
import type { Approver } from '../../../shared/compliance/facts-in-force.js';
import type { BoardSnapshot, CardSnapshot, Finding } from '../../../shared/types.js';

const A = '6a40000000000000000a0001';
const B = '6a40000000000000000a0002';
const C = '6a40000000000000000a0003';
const LEAD = '6a40000000000000000c0001';
const OTHER = '6a40000000000000000c0002';
const LEAD_CARD = '6a400000000000000000ee01';
const PEOPLE: Approver[] = [
  { trelloId: LEAD, role: 'teamLead' },
  { trelloId: '6a40000000000000000c0009', role: 'manager' },
];
const NOW = new Date('2026-12-07T09:00:00Z');

/** A Trello id created at `iso` (its first 8 hex digits are the creation second). */
const idAt = (iso: string, tail: string) =>
  Math.floor(Date.parse(iso) / 1000)
    .toString(16)
    .padStart(8, '0') + tail.padStart(16, '0');

const customer = (id: string, member: string, assignedAt: string): CardSnapshot => ({
  id,
  name: `${id.slice(-4)}.com`,
  idList: 'l1',
  closed: false,
  idMembers: [member],
  pluginData: [{ value: JSON.stringify({ profile: { v: 1, site: `${id.slice(-4)}.com`, assignedAt, specialist: member, trainingSlot: '10:00' } }) }],
});

let seq = 0;
const tick = (item: string, at: string, state: CheckTick['state'], by: string): CheckTick => ({
  actionId: `6a4000000000000000ac${String(seq++).padStart(4, '0')}`,
  cardId: LEAD_CARD,
  checklistId: 'x',
  itemId: item,
  itemName: item,
  state,
  at,
  memberId: by,
});

function board(opts: { checklists?: CardChecklist[]; ticks?: CheckTick[]; cards?: CardSnapshot[]; leadCard?: boolean } = {}): BoardSnapshot {
  const cards = opts.cards ?? [customer('6a40000000000000000d0001', A, '2026-10-01'), customer('6a40000000000000000d0002', B, '2026-10-01')];
  if (opts.leadCard !== false) {
    cards.push({
      id: LEAD_CARD,
      name: LEAD_CARD_NAME,
      idList: 'l1',
      closed: false,
      idMembers: [LEAD],
      pluginData: [],
      checklists: opts.checklists ?? [],
      checkTicks: opts.ticks ?? [],
    });
  }
  return {
    id: '6a4000000000000000000b01',
    name: 'Pano',
    lists: [{ id: 'l1', name: 'Müşteriler', closed: false }],
    members: [
      { id: A, fullName: 'Ayşe Yılmaz', username: 'ayse' },
      { id: B, fullName: 'Bora Kaya', username: 'bora' },
      { id: C, fullName: 'Cem Ak', username: 'cem' },
      { id: LEAD, fullName: 'Leyla Lider', username: 'leyla' },
      { id: OTHER, fullName: 'Osman Başka', username: 'osman' },
    ],
    pluginData: [{ value: JSON.stringify({ settings: { v: 1, trackingStart: '2026-10-01' } }) }],
    comments: [],
    cards,
  };
}

/** October's checklist, added on 1 October, with items for the given members ('A'…), state as now. */
function october(items: Array<[string, CheckTick['state']]>, month = '2026-10', added = '2026-10-01T06:00:00Z'): CardChecklist {
  const members = board().members;
  return {
    id: idAt(added, month.replace('-', '')),
    name: monthReviewChecklistName(month),
    items: items.map(([id, state]) => ({
      id: `item-${id}`,
      name: reviewItemName(
        id,
        members.find((m) => m.id === id),
      ),
      state,
    })),
  };
}

const reviews = (fs: Finding[]) => fs.filter((f) => f.rule === 'month-review').map((f) => [f.memberId, f.period, f.status, f.detail.tr]);

describe('month-end review (R17)', () => {
  it('names: the checklist per month, an item per specialist matched by its (@username) or (id)', () => {
    expect(monthReviewChecklistName('2026-12')).toBe('Nabız: ay sonu 2026-12');
    expect(monthOfChecklist('Nabız: ay sonu 2026-12')).toBe('2026-12');
    expect(monthOfChecklist('Nabız: ay sonu 2026-13')).toBeNull();
    const members = board().members;
    expect(reviewItemName(A, members[0])).toBe('Ayşe Yılmaz (@ayse)');
    expect(reviewItemName(C, undefined)).toBe(`${C} (${C})`);
    expect(reviewItemMember('Ayşe Y. — aradım (@AYSE)', members)).toBe(A);
    expect(reviewItemMember(`Cem (${C})`, members)).toBe(C);
    expect(reviewItemMember('Ayşe Yılmaz', members)).toBeNull();
  });

  it('the deadline is the last working day: 30 October 2026 (31st a Saturday, 29th a holiday); no DST in Istanbul', () => {
    const cal = createCalendar({ v: 1 } as never);
    expect(monthReviewDeadline(cal, '2026-10')).toBe('2026-10-30');
    expect(monthReviewDeadline(cal, '2026-11')).toBe('2026-11-30');
    expect(monthReviewDeadline(cal, '2027-01')).toBe('2027-01-29');
  });

  it('the lead card is no customer card', () => {
    const s = selectCustomers(board());
    expect(s.customers.map((c) => c.id)).not.toContain(LEAD_CARD);
    expect(s.skipped.map((x) => [x.card.id, x.reason])).toEqual([[LEAD_CARD, 'lead-card']]);
  });

  it('on time at 23:59 Istanbul of the deadline, late one minute after; a month not ended is not judged', () => {
    const ticks = [tick(`item-${A}`, '2026-10-30T20:59:00.000Z', 'complete', LEAD), tick(`item-${B}`, '2026-10-30T21:01:00.000Z', 'complete', LEAD)];
    const nov = october([], '2026-11', '2026-11-01T06:00:00Z');
    const b = board({
      checklists: [
        october([
          [A, 'complete'],
          [B, 'complete'],
        ]),
        { ...nov, items: [] },
      ],
      ticks,
    });
    const found = reviews(evaluateBoard(b, new Date('2026-11-20T09:00:00Z'), { people: PEOPLE }).findings);
    expect(found).toEqual([
      [
        LEAD,
        '2026-10',
        'late',
        'Ekim 2026 ay sonu görüşmeleri geç işaretlendi (son gün 30.10.2026): Bora Kaya 31.10.2026 00:01 tarihinde işaretlendi (Leyla Lider).',
      ],
    ]);
    // Not before the deadline day has ended.
    expect(reviews(evaluateBoard(b, new Date('2026-10-30T20:00:00Z'), { people: PEOPLE }).findings)).toEqual([]);
  });

  it('a tick by a specialist does not count, and the finding says who ticked', () => {
    const b = board({
      checklists: [
        october([
          [A, 'complete'],
          [B, 'incomplete'],
        ]),
      ],
      ticks: [tick(`item-${A}`, '2026-10-28T09:00:00.000Z', 'complete', B)],
    });
    const [f] = reviews(evaluateBoard(b, NOW, { people: PEOPLE }).findings);
    expect(f?.slice(0, 3)).toEqual([LEAD, '2026-10', 'missing']);
    expect(f?.[3]).toContain('Ayşe Yılmaz 28.10.2026 12:00 tarihinde Bora Kaya tarafından işaretlendi; takım lideri değil, sayılmadı');
    expect(f?.[3]).toContain('Bora Kaya işaretlenmedi');
  });

  it('a tick by someone outside today’s leads who is no specialist is not judged: the people list has no history', () => {
    const b = board({
      checklists: [
        october([
          [A, 'complete'],
          [B, 'complete'],
        ]),
      ],
      ticks: [tick(`item-${A}`, '2026-10-28T09:00:00.000Z', 'complete', OTHER), tick(`item-${B}`, '2026-10-28T10:00:00.000Z', 'complete', LEAD)],
    });
    const [f] = reviews(evaluateBoard(b, NOW, { people: PEOPLE }).findings);
    expect(f?.slice(0, 3)).toEqual([LEAD, '2026-10', 'warning']);
    expect(f?.[3]).toContain('Ayşe Yılmaz 28.10.2026 12:00 tarihinde Osman Başka tarafından işaretlendi; Osman Başka bugünkü listede takım lideri değil');
    expect(f?.[3]).toContain('değerlendirilmedi');
  });

  it('untick and re-tick: the state at the deadline decides; re-ticked after it is late', () => {
    const base = [
      tick(`item-${A}`, '2026-10-20T09:00:00.000Z', 'complete', LEAD),
      tick(`item-${A}`, '2026-10-26T09:00:00.000Z', 'incomplete', LEAD),
      tick(`item-${B}`, '2026-10-27T09:00:00.000Z', 'complete', LEAD),
    ];
    const unticked = board({
      checklists: [
        october([
          [A, 'incomplete'],
          [B, 'complete'],
        ]),
      ],
      ticks: base,
    });
    const oct = (fs: Finding[]) => reviews(fs).filter((f) => f[1] === '2026-10');
    // November has no checklist on this card: not judged, said so.
    expect(reviews(evaluateBoard(unticked, NOW, { people: PEOPLE }).findings).find((f) => f[1] === '2026-11')?.[3]).toBe(
      'Kasım 2026 ay sonu görüşmeleri değerlendirilmedi (son gün 30.11.2026): "Nabız: ay sonu 2026-11" kontrol listesi yok (Ayşe Yılmaz, Bora Kaya).',
    );
    expect(oct(evaluateBoard(unticked, NOW, { people: PEOPLE }).findings).map((f) => [f[2], f[3]])).toEqual([
      ['missing', 'Ekim 2026 ay sonu görüşmeleri son güne kadar işaretlenmedi (son gün 30.10.2026): Ayşe Yılmaz işaretlenmedi.'],
    ]);
    const retick = board({
      checklists: [
        october([
          [A, 'complete'],
          [B, 'complete'],
        ]),
      ],
      ticks: [...base, tick(`item-${A}`, '2026-11-02T07:00:00.000Z', 'complete', LEAD)],
    });
    expect(oct(evaluateBoard(retick, NOW, { people: PEOPLE }).findings).map((f) => f[2])).toEqual(['late']);
    // Unticked after the deadline: it was done on time.
    const after = board({
      checklists: [
        october([
          [A, 'incomplete'],
          [B, 'complete'],
        ]),
      ],
      ticks: [tick(`item-${A}`, '2026-10-29T09:00:00.000Z', 'complete', LEAD), tick(`item-${A}`, '2026-11-03T09:00:00.000Z', 'incomplete', LEAD), base[2]!],
    });
    expect(oct(evaluateBoard(after, NOW, { people: PEOPLE }).findings)).toEqual([]);
  });

  it('a specialist joining mid-month is in that month’s review; without their item it is not judged, and said so', () => {
    const cards = [customer('6a40000000000000000d0001', A, '2026-10-01'), customer('6a40000000000000000d0003', C, '2026-10-20')];
    const b = board({ cards, checklists: [october([[A, 'complete']])], ticks: [tick(`item-${A}`, '2026-10-30T10:00:00.000Z', 'complete', LEAD)] });
    expect(reviews(evaluateBoard(b, NOW, { people: PEOPLE }).findings).filter((f) => f[1] === '2026-10')).toEqual([
      [LEAD, '2026-10', 'warning', 'Ekim 2026 ay sonu görüşmeleri değerlendirilmedi (son gün 30.10.2026): Cem Ak için listede madde yok.'],
    ]);
  });

  it('not judged: no people list, no lead card (silent); no team lead for a specialist, a tick not on record (said so)', () => {
    const b = board({
      checklists: [
        october([
          [A, 'complete'],
          [B, 'incomplete'],
        ]),
      ],
    });
    expect(reviews(evaluateBoard(b, NOW).findings)).toEqual([]);
    expect(reviews(evaluateBoard(board({ leadCard: false }), NOW, { people: PEOPLE }).findings)).toEqual([]);
    // A ticked with no tick on record: unknown when; B missing.
    const oct = reviews(evaluateBoard(b, NOW, { people: PEOPLE }).findings).filter((f) => f[1] === '2026-10');
    expect(oct).toEqual([
      [
        LEAD,
        '2026-10',
        'missing',
        'Ekim 2026 ay sonu görüşmeleri son güne kadar işaretlenmedi (son gün 30.10.2026): Ayşe Yılmaz işaretli, ne zaman işaretlendiği kayıtta yok; Bora Kaya işaretlenmedi.',
      ],
    ]);
    // Only a manager configured: nobody's lead, said so on the board (no member blamed).
    const managers = PEOPLE.filter((p) => p.role === 'manager');
    expect(reviews(evaluateBoard(b, NOW, { people: managers }).findings).filter((f) => f[1] === '2026-10')).toEqual([
      [
        '',
        '2026-10',
        'warning',
        'Ekim 2026 ay sonu görüşmeleri değerlendirilmedi (son gün 30.10.2026): Ayşe Yılmaz için takım lideri tanımlı değil (NABIZ_PEOPLE); Bora Kaya için takım lideri tanımlı değil (NABIZ_PEOPLE).',
      ],
    ]);
  });

  it('each specialist’s review is their own lead’s duty; a tick by another lead of the board counts', () => {
    const L2 = '6a40000000000000000c0003';
    const people: Approver[] = [
      { trelloId: LEAD, role: 'teamLead', specialists: [A] },
      { trelloId: L2, role: 'teamLead', specialists: [B] },
    ];
    const b = board({
      checklists: [
        october([
          [A, 'complete'],
          [B, 'incomplete'],
        ]),
      ],
      ticks: [tick(`item-${A}`, '2026-10-30T09:00:00.000Z', 'complete', L2)],
    });
    expect(
      reviews(evaluateBoard(b, NOW, { people }).findings)
        .filter((f) => f[1] === '2026-10')
        .map((f) => f.slice(0, 3)),
    ).toEqual([[L2, '2026-10', 'missing']]);
  });

  it('the streaming and per-card paths give the same findings', () => {
    const b = board({
      checklists: [
        october([
          [A, 'complete'],
          [B, 'incomplete'],
        ]),
      ],
      ticks: [tick(`item-${A}`, '2026-10-28T09:00:00.000Z', 'complete', OTHER)],
    });
    const whole = reviews(evaluateBoard(b, NOW, { people: PEOPLE }).findings);
    expect(whole.length).toBeGreaterThan(0);
    expect(reviews(evaluateByVerdicts(b, NOW, { people: PEOPLE }).findings)).toEqual(whole);
    const it = evaluateBoardByCard(b, NOW, { people: PEOPLE, chunk: 1 });
    const first = it.next();
    expect(reviews((first.value as { findings: Finding[] }).findings)).toEqual(whole);
  });
});
