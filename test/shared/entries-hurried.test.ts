// The comment grammar (docs/grammar.md) against a second, harder set of comments typed the way
// specialists type in a hurry: clock times beside dates, dates without a year around New Year,
// quoted replies, conditional wording, odd readings. Each row cites the rule it serves.
import { describe, expect, it } from 'vitest';
import { evaluateBoard } from '../../shared/compliance.js';
import { formatEntry, parseEntry } from '../../shared/entries.js';
import type { AuditResult, EntryDraft, ParsedEntry, RuleId } from '../../shared/types.js';
import { board, ist, type CardSpec } from '../fixtures/snapshot-builder.js';

/** Friday 27 Nov 2026, 12:00 in Istanbul (ISO week 2026-W48 runs 23–29 Nov). */
const P = '2026-11-27T09:00:00Z';
const TODAY = '2026-11-27';

type Expect = Partial<Omit<ParsedEntry, 'readings' | 'warnings'>> & {
  readings?: ParsedEntry['readings'];
  warnings?: unknown[];
};
type Row = [rule: string, text: string, postedAt: string, expected: Expect | null];

function check([, text, postedAt, expected]: Row): void {
  const got = parseEntry(text, postedAt);
  if (expected === null) {
    expect(got).toBeNull();
    return;
  }
  expect(got).not.toBeNull();
  expect(got).toMatchObject({ warnings: [], ...expected });
  if (expected.readings) expect(got!.readings).toEqual(expected.readings);
}

const warn = (s: string) => expect.stringContaining(s);
/** Re-dated by more than 7 days: still counts, with a warning (docs/grammar.md). */
const FAR = warn(': check the date');

// ───────────────────────── a clock time is never a date ─────────────────────────
const TIMES: Row[] = [
  ['time "11.10\'da" is 11:10, not 11 October (R31)', "#günlük eğitim 11.10'da başladı, müşteri katıldı", P, { forDate: TODAY, late: false }],
  ['time "10.11\'de" is 10:11, not 10 November (R31)', "#gunluk 10.11'de aradim acmadi", P, { forDate: TODAY, late: false }],
  ['time curly apostrophe, caps lock (R31)', '#GÜNLÜK EĞİTİM 11.10’DA YAPILDI', P, { forDate: TODAY }],
  ['time suffix typed glued "11.10da" (R31)', '#günlük 11.10da kurulum toplantısı yapıldı', P, { forDate: TODAY }],
  ['time ablative "11.10\'dan sonra" (R31)', "#günlük 11.10'dan sonra ulaşıldı, sorun çözüldü", P, { forDate: TODAY }],
  ['time "11.10\'daki toplantı" (R31)', "#günlük 11.10'daki toplantıya müşteri katılmadı", P, { forDate: TODAY }],
  ['time single-digit hour "9.10\'da" (R31)', "#günlük sabah 9.10'da aradım", P, { forDate: TODAY }],
  ['time "görüşme saati: 11.10" (R31)', '#günlük görüşme saati: 11.10, sipariş adımları anlatıldı', P, { forDate: TODAY }],
  ['time "saat 10.11\'de" (R31)', "#günlük saat 10.11'de geri döndü", P, { forDate: TODAY }],
  ['time range "09.30 - 10.10": the end is a time too (R31)', '#günlük 09.30 - 10.10 arası eğitim verildi', P, { forDate: TODAY }],
  ['time range "10:00-11.10" (R31)', '#günlük 10:00-11.10 eğitim', P, { forDate: TODAY }],
  ['time range "10.10-11.10\'da" (R31)', "#günlük 10.10-11.10'da ödeme ekranı eğitimi", P, { forDate: TODAY }],
  ['time range "10.10-11:10" (R31)', '#gunluk 10.10-11:10 panel egitimi', P, { forDate: TODAY }],
  ['A26 a real date before a time still counts (R31)', "#günlük 26.11 eğitim 11.10'da bitti", P, { forDate: '2026-11-26', late: true }],
  ['A26 "25.11\'de": no clock has hour 25, a date (R31)', "#günlük 25.11'de arandı, ulaşıldı", P, { forDate: '2026-11-25', late: true }],
  ['A26 a range of days is still a date (R31)', '#günlük 24.11-25.11 arası arandı', P, { forDate: '2026-11-24', late: true }],
  ['A12 "20.11\'de" would be 20:11, after working hours: a date (R31)', "#günlük 20.11'de arandı", P, { forDate: '2026-11-20', late: true }],
  ['A12 "13.12\'de" is 13:12, inside working hours: a time', "#günlük 13.12'de arandı", P, { forDate: TODAY }],
  ['A26 a day with a suffix is named with its month: "20 Kasım\'da"', "#günlük 20 Kasım'da arandı", P, { forDate: '2026-11-20', late: true }],
  ['A26 … or with its year: "20.11.2026\'da"', "#günlük 20.11.2026'da arandı", P, { forDate: '2026-11-20', late: true }],
];

// ───────────────────────── no year: the most recent such day, never the future ─────────────────────────
const NO_YEAR: Row[] = [
  ['A26 "20.05" posted in November is this May', '#günlük 20.05 arandı', P, { forDate: '2026-05-20', late: true, warnings: [FAR] }],
  ['A26 "28.11" posted on the 27th is last year, never tomorrow', '#günlük 28.11', P, { forDate: '2025-11-28', late: true, warnings: [FAR] }],
  ['A26 today without a year is today', '#gunluk 27.11 aradim', P, { forDate: TODAY, late: false }],
  ['A26 "31.12" posted on 2 January is last year', '#günlük 31.12 yıl sonu kontrolü', '2027-01-02T08:00:00Z', { forDate: '2026-12-31', late: true }],
  ['A26 "3/1" posted on 30 December is this January', '#gunluk 3/1 aradım', '2026-12-30T08:00:00Z', { forDate: '2026-01-03', late: true, warnings: [FAR] }],
  ['A26 "29 Aralık" posted on 4 January', '#günlük 29 Aralık ulaşılamadı', '2027-01-04T08:00:00Z', { forDate: '2026-12-29', late: true }],
  ['A26 "2 ocak" posted on 31 December is this year\'s', '#günlük 2 ocak', '2026-12-31T08:00:00Z', { forDate: '2026-01-02', late: true, warnings: [FAR] }],
  ['A26 "29.02" goes back to the last leap day', '#günlük 29.02', '2027-03-01T08:00:00Z', { forDate: '2024-02-29', late: true, warnings: [FAR] }],
  ['R34 "1. hafta" posted in week 1 is this week', '#haftalık 1. hafta', '2027-01-06T08:00:00Z', { forWeek: '2027-W01', forDate: '2027-01-04', late: false }],
  [
    'R34 "53. hafta" posted in January is the last week of 2026',
    '#haftalık 53. hafta',
    '2027-01-05T08:00:00Z',
    { forWeek: '2026-W53', forDate: '2026-12-28', late: true },
  ],
  ['R34 "49. hafta" posted in week 48 is last year\'s', '#haftalik 49. hafta', P, { forWeek: '2025-W49', late: true, warnings: [FAR] }],
  [
    'R41 "#aylık aralık" posted in November is last December',
    '#aylık aralık raporu',
    '2026-11-30T08:00:00Z',
    { forMonth: '2025-12', forDate: '2025-12-01', late: true, warnings: [FAR] },
  ],
];

// ───────────────────────── the forms listed in docs/grammar.md ─────────────────────────
const FORMS: Row[] = [
  ['form "23 Kasım\'da" (R31)', "#günlük 23 Kasım'da arandı", P, { forDate: '2026-11-23', late: true }],
  ['form "Ekim 2026" (R41)', '#aylik Ekim 2026 raporu gönderildi', '2026-11-03T08:00:00Z', { forMonth: '2026-10', forDate: '2026-10-01', late: true }],
  ['form "48.hafta" typed without a space (R34)', '#haftalık 48.hafta kontrol tamam', P, { forWeek: '2026-W48', forDate: '2026-11-23', late: false }],
  [
    'form total first "10 GB\'ın 8,5 GB\'ı dolu" (R37)',
    "#haftalik\nkota 10 GB'ın 8,5 GB'ı dolu",
    P,
    { readings: { disk: { usedGB: 8.5, totalGB: 10, percent: 85 } } },
  ],
  [
    'R38 "bilgi verildi" and "ek tanımlama önerildi"',
    '#haftalık\nDisk 3,6/4 GB\nmüşteriye bilgi verildi, ek tanımlama önerildi',
    P,
    { actions: ['informed', 'upgradeSuggested'] },
  ],
  ['R27 "#go-live" alias', '#go-live oldu 🎉', P, { kinds: ['golive'] }],
  ['R27 "#GO-LIVE\'a" with a suffix', "#GO-LIVE'a alındı", P, { kinds: ['golive'] }],
];

// ───────────────────────── readings ─────────────────────────
const R = (text: string) => `#haftalık\n${text}`;
const READINGS: Row[] = [
  ['R37 used + kalan → total', R('Disk: 3,2 GB kullanıldı, kalan 0,8 GB'), P, { readings: { disk: { usedGB: 3.2, totalGB: 4, percent: 80 } } }],
  [
    'R37 used + kalan, lower case, no punctuation',
    R('trafik 150 gb kullanildi kalan 50 gb'),
    P,
    { readings: { traffic: { usedGB: 150, totalGB: 200, percent: 75 } } },
  ],
  ['R37 "used, kalan remaining" without a verb', R('Disk: 3,2 GB, kalan 0,8 GB'), P, { readings: { disk: { usedGB: 3.2, totalGB: 4, percent: 80 } } }],
  [
    'R37 "3100 MB, kalan 996": the unit carries over to the remaining amount',
    R('kota 3100 MB, kalan 996'),
    P,
    { readings: { disk: { usedGB: 3.027, totalGB: 4, percent: 75.68359375 } } },
  ],
  ['R37 "%80 (4 GB)": 4 GB is the total', R('Disk: %80 (4 GB)'), P, { readings: { disk: { usedGB: 3.2, totalGB: 4, percent: 80 } } }],
  ['R37 "Kota %85 (20GB)"', R('Kota %85 (20GB)'), P, { readings: { disk: { usedGB: 17, totalGB: 20, percent: 85 } } }],
  ['R37 "3,2 GB (%80)": a quantity before the % is the used amount', R('Disk: 3,2 GB (%80)'), P, { readings: { disk: { usedGB: 3.2, percent: 80 } } }],
  ['A10 "SINIRSIZ paket": unlimited, no percent', R('trafik: SINIRSIZ paket'), P, { readings: { traffic: { unlimited: true } } }],
  ['A10 unlimited with the used amount', R('Trafik sınırsız (120 GB kullanıldı)'), P, { readings: { traffic: { unlimited: true, usedGB: 120 } } }],
  ['R37 a negative used amount → warning, no reading', R('Disk: -3,1 / 4 GB'), P, { readings: {}, warnings: [warn('negative amount (-3,1)')] }],
  ['R37 a negative remaining → warning', R('Trafik: kalan -5 GB, toplam 200 GB'), P, { readings: {}, warnings: [warn('negative amount (-5)')] }],
  ['R37 a negative percentage → warning', R('Kota: %-12'), P, { readings: {}, warnings: [warn('negative amount (%-12)')] }],
  ['R37 a dash between label and value is no minus', R('Disk -3,1/4 GB'), P, { readings: { disk: { usedGB: 3.1, totalGB: 4, percent: 77.5 } } }],
  [
    'R37 a minus elsewhere on the line is no part of the reading',
    R('Disk: 3,1/4 GB (geçen haftaya göre -0,2)'),
    P,
    { readings: { disk: { usedGB: 3.1, totalGB: 4, percent: 77.5 } } },
  ],
  ['R37 a typed percentage stays exact: %12,25', R('Disk: %12,25'), P, { readings: { disk: { percent: 12.25 } } }],
  [
    'R38 just under 80 % stays under: 7,996 / 10 is 79.96, not 80.0',
    R('Disk 7,996/10 GB'),
    P,
    { readings: { disk: { usedGB: 7.996, totalGB: 10, percent: 79.96 } } },
  ],
  ['R37 a computed percentage is not rounded to one decimal', R('Disk 1/3 GB'), P, { readings: { disk: { usedGB: 1, totalGB: 3, percent: 33.333333333 } } }],
];

// ───────────────────────── not entries ─────────────────────────
const NOT_ENTRIES: Row[] = [
  ['grammar a quoted earlier comment is no entry', '> #günlük 20.11 arandı\nTamam, teşekkürler', P, null],
  ['grammar a quote without a space after >', '>#haftalık\n>Disk: 3,9/4 GB\nbunu kontrol ettim', P, null],
  ["grammar the quote is skipped, the reply's own tag counts", '> #günlük 20.11 dünkü not\n#günlük bugün de arandı', P, { kinds: ['daily'], forDate: TODAY }],
  [
    "R37 a quoted reading is not this entry's",
    '#haftalık\n> Disk: 3,9 / 4 GB\nDisk: 2/4 GB',
    P,
    { readings: { disk: { usedGB: 2, totalGB: 4, percent: 50 } } },
  ],
  ['grammar "##günlük" is no tag', '##günlük', P, null],
  ['grammar "##gunluk" mid-sentence is no tag', 'eski ##gunluk etiketi artık kullanılmıyor', P, null],
];

// ───────────────────────── not actions: conditions ─────────────────────────
const A = (text: string) => `#haftalık\nDisk: 3,4 / 4 GB\n${text}`;
const CONDITIONS: Row[] = [
  ['R38 "bilgilendirildiğinde" is a condition', A('müşteri bilgilendirildiğinde ek kota önerilecek'), P, { actions: [] }],
  ['R38 "bilgilendirildiyse" is a condition', A('bilgilendirildiyse optimize edilir'), P, { actions: [] }],
  ['R38 "optimize edildiği takdirde" is a condition', A('görseller optimize edildiği takdirde yer açılır'), P, { actions: [] }],
  ['R38 "ek tanımlama önerildiğinde" is a condition', A('ek tanımlama önerildiğinde dönüş yapacak'), P, { actions: [] }],
  ['R38 "bilgi verildiğinde" is a condition', A('bilgi verildiğinde karar verecek'), P, { actions: [] }],
  ['R38 "bilgilendirilmişse" is a condition', A('bilgilendirilmişse sorun yok'), P, { actions: [] }],
  ['R38 English "will be informed", "if optimized"', A('customer will be informed, if optimized no upgrade needed'), P, { actions: [] }],
  [
    'R38 "bilgilendirildikten sonra … optimize edildi": both done',
    A('müşteri bilgilendirildikten sonra görseller optimize edildi'),
    P,
    { actions: ['informed', 'optimized'] },
  ],
  [
    'R38 "bilgilendirildiğinden" (because informed) is done, not a condition',
    A('müşteri bilgilendirildiğinden ek kota önerildi'),
    P,
    { actions: ['informed', 'upgradeSuggested'] },
  ],
];

// ───────────────────────── late is raw ─────────────────────────
const LATE: Row[] = [
  [
    'R41 "late" is raw: a monthly posted on the 1st of the next month is late here, the rule grants grace',
    '#aylık 2026-11 raporu gönderildi',
    '2026-12-01T08:00:00Z',
    { forMonth: '2026-11', late: true },
  ],
  ['R34 a weekly-only entry posted in its week is not late', '#haftalık 48. hafta', '2026-11-29T18:00:00Z', { forWeek: '2026-W48', late: false }],
];

describe('parseEntry, typed in a hurry — clock times (R31)', () => {
  it.each(TIMES)('%s: %j', (...row) => check(row));
});
describe('parseEntry, typed in a hurry — dates without a year (A26)', () => {
  it.each(NO_YEAR)('%s: %j', (...row) => check(row));
});
describe('parseEntry, typed in a hurry — listed forms', () => {
  it.each(FORMS)('%s: %j', (...row) => check(row));
});
describe('parseEntry, typed in a hurry — readings (R37, A10)', () => {
  it.each(READINGS)('%s: %j', (...row) => check(row));
});
describe('parseEntry, typed in a hurry — quotes and ##tags', () => {
  it.each(NOT_ENTRIES)('%s: %j', (...row) => check(row));
});
describe('parseEntry, typed in a hurry — conditional actions (R38)', () => {
  it.each(CONDITIONS)('%s: %j', (...row) => check(row));
});
describe('parseEntry — late is the raw "posted after the period" flag', () => {
  it.each(LATE)('%s: %j', (...row) => check(row));
});

describe('formatEntry keeps one canonical form for the new readings', () => {
  it.each<[string, EntryDraft, string, ParsedEntry['readings']]>([
    ['an exact percentage', { kinds: ['weekly'], readings: { disk: { percent: 12.25 } } }, '#haftalık\nDisk: %12,25', { disk: { percent: 12.25 } }],
    [
      'a percentage of a total',
      { kinds: ['weekly'], readings: { disk: { totalGB: 4, percent: 80 } } },
      '#haftalık\nDisk: %80, toplam 4 GB',
      { disk: { usedGB: 3.2, totalGB: 4, percent: 80 } },
    ],
    [
      'unlimited traffic with the used amount',
      { kinds: ['weekly'], readings: { traffic: { unlimited: true, usedGB: 120 } } },
      '#haftalık\nTrafik: 120 GB / sınırsız',
      { traffic: { unlimited: true, usedGB: 120 } },
    ],
  ])('%s', (_name, draft, text, readings) => {
    expect(formatEntry(draft)).toBe(text);
    expect(parseEntry(text, P)).toMatchObject({ readings, warnings: [] });
  });

  it('the typed variants read the same as their canonical text', () => {
    for (const [typed, draft] of [
      ['#haftalık\nDisk: %80 (4 GB)', { kinds: ['weekly'], readings: { disk: { usedGB: 3.2, totalGB: 4 } } }],
      ['#haftalık\nDisk: 3,2 GB kullanıldı, kalan 0,8 GB', { kinds: ['weekly'], readings: { disk: { usedGB: 3.2, totalGB: 4 } } }],
      ["#haftalık\nDisk: 4 GB'ın 3,2 GB'ı dolu", { kinds: ['weekly'], readings: { disk: { usedGB: 3.2, totalGB: 4 } } }],
    ] as Array<[string, EntryDraft]>) {
      expect(parseEntry(typed, P)!.readings, typed).toEqual(parseEntry(formatEntry(draft), P)!.readings);
    }
  });
});

// ───────────────────────── what the rules then see ─────────────────────────
describe('the old misreadings no longer make unfair findings', () => {
  const at = (wall: string) => new Date(ist(wall));
  const findings = (r: AuditResult, rule: RuleId) => r.findings.filter((f) => f.rule === rule).map((f) => `${f.period} ${f.status}`);
  const week = (comments: CardSpec['comments'], profile = {}) =>
    board([{ profile: { assignedAt: '2026-11-16', ...profile }, comments }], { trackingStart: '2026-11-16' });

  it('R31: a daily mentioning a time covers its own day', () => {
    const snap = week([{ text: "#günlük eğitim 11.10'da başladı", at: '2026-11-16 12:00' }]);
    expect(findings(evaluateBoard(snap, at('2026-11-17 09:00')), 'daily')).toEqual([]);
  });

  it('R38: 79.96 % is under the 80 % line; 3,2 used + 0,8 left is at it', () => {
    const under = week([{ text: '#günlük #haftalık\nDisk 7,996/10 GB\nTrafik 10/100 GB', at: '2026-11-16 12:00' }]);
    expect(findings(evaluateBoard(under, at('2026-11-17 09:00')), 'disk')).toEqual([]);
    const at80 = week([{ text: '#günlük #haftalık\nDisk: 3,2 GB kullanıldı, kalan 0,8 GB\nTrafik 10/100 GB', at: '2026-11-16 12:00' }]);
    expect(findings(evaluateBoard(at80, at('2026-11-17 09:00')), 'disk')).toEqual(['2026-W47 high']);
  });

  it('R38: a condition is not the action, so the high reading stays flagged', () => {
    const snap = week([
      {
        text: '#günlük #haftalık\nDisk 3,5/4 GB\nTrafik 10/100 GB\ngörseller optimize edildi; müşteri bilgilendirildiyse ek kota da konuşulur',
        at: '2026-11-16 12:00',
      },
    ]);
    expect(findings(evaluateBoard(snap, at('2026-11-17 09:00')), 'disk')).toEqual(['2026-W47 high']);
  });

  it("R36: a reply quoting someone else's critical reading is not this card's reading", () => {
    const snap = week([
      { text: '#günlük #haftalık\nDisk 1/4 GB\nTrafik 10/100 GB', at: '2026-11-16 12:00' },
      { text: '> #haftalık\n> Disk 3,9/4 GB\ngeçen haftaki not buydu, düzeldi', at: '2026-11-16 15:00' },
    ]);
    expect(findings(evaluateBoard(snap, at('2026-11-17 09:00')), 'disk')).toEqual([]);
  });

  it('A10: unlimited traffic is a reading with no quota finding', () => {
    const snap = week([{ text: '#günlük #haftalık\nDisk 1/4 GB\nTrafik: sınırsız', at: '2026-11-16 12:00' }], { trafficTotalGB: 100 });
    const r = evaluateBoard(snap, at('2026-11-17 09:00'));
    expect(findings(r, 'traffic')).toEqual([]);
    expect(findings(r, 'weekly')).toEqual([]);
  });
});
