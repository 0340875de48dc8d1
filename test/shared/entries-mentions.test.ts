// Dates in the text are mentions (docs/grammar.md "Which day …" and "Traps"): only a date right after
// the tag (or filling the line before it) re-dates an entry; `dün`, `önceki gün` and a weekday right after
// the tag name a recent day; an entry moved more than 7 days keeps counting with a warning.
import { describe, expect, it } from 'vitest';
import { formatEntry, parseEntry } from '../../shared/entries.js';
import type { ParsedEntry } from '../../shared/types.js';

/** Monday 10 November 2025, 12:00 in Istanbul. */
const NOV10 = '2025-11-10T09:00:00Z';
/** Friday 27 November 2026, 12:00 in Istanbul. */
const P = '2026-11-27T09:00:00Z';
const TODAY = '2026-11-27';

type Row = [rule: string, text: string, postedAt: string, expected: Partial<ParsedEntry> & { warnings?: unknown[] }];
const warn = (s: string) => expect.stringContaining(s);
const FAR = warn(': check the date');

function check([, text, postedAt, expected]: Row): void {
  const got = parseEntry(text, postedAt);
  expect(got).not.toBeNull();
  const { mentions, ...rest } = expected;
  expect(got).toMatchObject({ warnings: [], ...rest });
  if ('mentions' in expected) expect(got!.mentions).toEqual(mentions);
}

const MENTIONS: Row[] = [
  [
    "A26 a meeting date later in the text is a mention, not the entry's day",
    "#günlük Eğitim yapıldı; aylık toplantı 12 Kasım'a planlandı.",
    NOV10,
    { forDate: '2025-11-10', late: false, mentions: [{ text: '12 kasim', forDate: '2025-11-12' }] },
  ],
  [
    'A26 a campaign day in the text is a mention',
    '#günlük Kampanya kurgusu 25.11 indirimi için hazırlandı',
    NOV10,
    { forDate: '2025-11-10', late: false, mentions: [{ text: '25.11', forDate: '2025-11-25' }] },
  ],
  [
    'A26 a date with its year mid-text is a mention',
    '#günlük sipariş 20.11.2026 tarihli fatura kontrol edildi',
    P,
    { forDate: TODAY, late: false, mentions: [{ text: '20.11.2026', forDate: '2026-11-20' }] },
  ],
  [
    'A26 a date on a later line is a mention',
    '#günlük aradım\n20.11.2026 tarihli sipariş kontrol edildi',
    P,
    { forDate: TODAY, mentions: [{ text: '20.11.2026', forDate: '2026-11-20' }] },
  ],
  [
    "A26 the entry's own date is no mention; a second date is",
    '#günlük 26.11.2026 (25.11.2026 için)',
    P,
    { forDate: '2026-11-26', mentions: [{ text: '25.11.2026', forDate: '2026-11-25' }] },
  ],
  ['A26 a week mentioned in a daily', '#günlük 48. hafta planı konuşuldu', P, { forDate: '2026-11-23', forWeek: '2026-W48' }],
  ['A26 no dates, no mentions', '#günlük aradım', P, { forDate: TODAY, mentions: undefined }],
  ['A26 clock times are neither dates nor mentions', "#günlük eğitim 11.10'da başladı", P, { forDate: TODAY, mentions: undefined }],
  ['A26 a reading is no mention', '#haftalık\nDisk: 3,1 / 4 GB\nTrafik 12/20 GB', P, { forDate: TODAY, mentions: undefined }],
];

const TRAPS: Row[] = [
  [
    'trap "12.12 kampanyası" right after the tag is the campaign, not 12 December',
    '#günlük 12.12 kampanyası hazırlandı',
    '2026-12-05T09:00:00Z',
    { forDate: '2026-12-05', late: false, mentions: [{ text: '12.12', forDate: '2026-12-12' }] },
  ],
  [
    'trap "11.11 indirimleri"',
    '#günlük 11.11 indirimleri için banner eklendi',
    '2026-11-05T09:00:00Z',
    { forDate: '2026-11-05', mentions: [{ text: '11.11', forDate: '2026-11-11' }] },
  ],
  ['trap "13.12\'de" is 13:12, inside working hours', "#günlük 13.12'de eğitim yapıldı", P, { forDate: TODAY, mentions: undefined }],
  ['A12 "20.11\'de" would be 20:11, after 18:15: a date', "#günlük 20.11'de arandı", P, { forDate: '2026-11-20', late: true }],
  [
    'A12 "8.10\'da" would be 08:10, before 08:15: a date (8 October), far back',
    "#günlük 8.10'da arandı",
    P,
    { forDate: '2026-10-08', late: true, warnings: [FAR] },
  ],
  ['A12 "18.15\'te" is the last minute of the day: a time', "#günlük 18.15'te bitti", P, { forDate: TODAY }],
  ['trap "30.11 ay sonu" is 30 November, not "30.11 months"', '#günlük 30.11 ay sonu kontrolü', '2026-12-01T09:00:00Z', { forDate: '2026-11-30', late: true }],
  ['trap "28.11 hafta sonu"', '#günlük 28.11 hafta sonu yedeklemesi kontrol edildi', '2026-11-30T09:00:00Z', { forDate: '2026-11-28', late: true }],
  ['trap "26.11 gün sonu"', '#günlük 26.11 gün sonu raporu', P, { forDate: '2026-11-26', late: true }],
  ['a duration "1.5 gün" stays a duration', '#günlük 1.5 gün sürdü', P, { forDate: TODAY }],
];

const RELATIVE: Row[] = [
  ['R31 "dün" is yesterday', '#günlük dün aradım, sorun yok', '2026-11-24T09:00:00Z', { forDate: '2026-11-23', late: true }],
  ['R31 "dünkü" is yesterday', '#günlük dünkü görüşme: panel anlatıldı', '2026-11-24T09:00:00Z', { forDate: '2026-11-23', late: true }],
  ['R31 "dun" typed without Turkish letters', '#gunluk dun aradim', '2026-11-24T09:00:00Z', { forDate: '2026-11-23' }],
  ['R31 "önceki gün" is the day before yesterday', '#günlük önceki gün ulaşıldı', '2026-11-25T09:00:00Z', { forDate: '2026-11-23', late: true }],
  ['R31 "dün" posted just after midnight is the day before', '#günlük dün akşam arandı', '2026-11-24T21:30:00Z', { forDate: '2026-11-24' }],
  [
    'R31 a weekday right after the tag is the most recent one: "cuma:" on Monday',
    '#günlük cuma: aradım',
    '2026-11-30T09:00:00Z',
    { forDate: '2026-11-27', late: true },
  ],
  ['R31 "cuma" posted on a Friday is that same day', '#günlük cuma: aradım', P, { forDate: TODAY, late: false }],
  ['R31 "Pazartesi günü" posted on Wednesday', '#günlük Pazartesi günü eğitim verildi', '2026-11-25T09:00:00Z', { forDate: '2026-11-23', late: true }],
  ['R31 "salı" and "çarşamba"', '#günlük Çarşamba kontrol edildi', P, { forDate: '2026-11-25' }],
  ['R31 a weekday followed by a date: the date counts', '#günlük Cuma 20.11 aradım', P, { forDate: '2026-11-20' }],
  ['R31 "pazar yeri" (marketplace) is no Sunday', '#günlük pazar yeri entegrasyonu konuşuldu', P, { forDate: TODAY }],
  ['R31 "dün" later in the text is no date', '#günlük müşteri dün aramış, bugün geri dönüldü', P, { forDate: TODAY }],
  ['R31 "cuma" later in the text is no date', '#günlük toplantı cuma yapılacak', '2026-11-30T09:00:00Z', { forDate: '2026-11-30' }],
];

const PLACES: Row[] = [
  ['A26 a date right after the tag', '#günlük 23.11 görüşme yapıldı', P, { forDate: '2026-11-23', late: true }],
  ['A26 after a "Tarih:" label', '#günlük Tarih: 23.11', P, { forDate: '2026-11-23' }],
  ['A26 after markdown and a colon', '**#günlük**: 23.11.2026 aradım', P, { forDate: '2026-11-23' }],
  ['A26 after a second tag', '#günlük #haftalık 2026-W48', P, { forDate: '2026-11-23', forWeek: '2026-W48' }],
  ['A26 a line that starts with the date', '25.11 #günlük aradım', P, { forDate: '2026-11-25' }],
  [
    'A26 a date after some words is a mention, whatever the words',
    '#günlük aradım 23.11',
    P,
    { forDate: TODAY, mentions: [{ text: '23.11', forDate: '2026-11-23' }] },
  ],
  ['A26 a date after a reading before the tag', 'Disk: 3,1/4 GB #haftalık 2026-W47', P, { forWeek: '2026-W47', late: true }],
];

const FAR_ROWS: Row[] = [
  ['A26 re-dated by 7 days: no warning', '#günlük 20.11.2026 aradım', P, { forDate: '2026-11-20', late: true }],
  [
    'A26 re-dated by 8 days: kept, with a warning',
    '#günlük 19.11.2026 aradım',
    P,
    { forDate: '2026-11-19', late: true, warnings: [warn('8 days before the day it was posted (2026-11-27)')] },
  ],
  [
    'A26 a date far in the future: kept, with a warning',
    '#günlük 10.12.2026',
    P,
    { forDate: '2026-12-10', warnings: [warn('13 days after the day it was posted')] },
  ],
  ['A26 a weekly for last week, posted on Friday: no warning (its week ended 5 days before)', '#haftalık 2026-W47', P, { forWeek: '2026-W47', late: true }],
  ['A26 a monthly for October posted on 27 November: warning', '#aylık 2026-10', P, { forMonth: '2026-10', warnings: [FAR] }],
  ['A26 a mention far away never warns', '#günlük 2025 Mart siparişleri konuşuldu, 01.03.2025', P, { forDate: TODAY }],
];

describe('dates in the text are mentions (docs/grammar.md)', () => {
  it.each(MENTIONS)('%s: %j', (...row) => check(row));
});
describe('traps (docs/grammar.md)', () => {
  it.each(TRAPS)('%s: %j', (...row) => check(row));
});
describe('yesterday and weekdays right after the tag', () => {
  it.each(RELATIVE)('%s: %j', (...row) => check(row));
});
describe("where the entry's own date may stand", () => {
  it.each(PLACES)('%s: %j', (...row) => check(row));
});
describe('re-dated by more than 7 days', () => {
  it.each(FAR_ROWS)('%s: %j', (...row) => check(row));
});

describe('form entries keep their date whatever the note says', () => {
  it.each([
    ['a campaign in the note', { kinds: ['daily'] as const, forDate: '2026-11-23', note: '12.12 kampanyası hazırlandı' }, '2026-11-23'],
    ['a meeting date in the note', { kinds: ['daily'] as const, forDate: '2026-11-24', note: "aylık toplantı 30 Kasım'a planlandı" }, '2026-11-24'],
    ["no date in the form: the posting day, the note's date is a mention", { kinds: ['daily'] as const, note: '20.11.2026 tarihli sipariş' }, TODAY],
  ])('%s', (_name, draft, day) => {
    const e = parseEntry(formatEntry({ ...draft, kinds: [...draft.kinds] }), P)!;
    expect(e.forDate).toBe(day);
    expect(e.mentions?.length).toBe(1);
  });
});

describe('readings without an amount warn (docs/grammar.md)', () => {
  it('"Disk: çok dolu" has no number: a warning, no reading', () => {
    const e = parseEntry('#haftalık\nDisk: çok dolu\nTrafik: 10/100 GB', P)!;
    expect(e.readings.disk).toBeUndefined();
    expect(e.warnings).toEqual([warn('disk reading "cok dolu": no amount or percentage')]);
  });
  it('"Kota dolu" (a fill word, no colon) warns too', () => {
    expect(parseEntry('#haftalık\nKota dolu', P)!.warnings).toEqual([warn('no amount or percentage')]);
  });
  it('a sentence about the disk stays plain text', () => {
    expect(parseEntry('#haftalık\nDisk kontrol edildi, sorun yok', P)!.warnings).toEqual([]);
  });
});
