// The comment grammar (docs/grammar.md) against comments written the way specialists type them
// (docs/grammar.md: folding, numbers and dates, wording). Each row cites the rule it serves.
import { describe, expect, it } from 'vitest';
import { foldTurkish, formatEntry, formatTrNumber, parseEntry, parseTrNumber } from '../../shared/entries.js';
import type { EntryDraft, ParsedEntry } from '../../shared/types.js';

/** Friday 27 Nov 2026, 12:00 in Istanbul (ISO week 2026-W48 runs 23–29 Nov). */
const P = '2026-11-27T09:00:00Z';
const TODAY = '2026-11-27';

type Expect = Partial<Omit<ParsedEntry, 'readings' | 'warnings'>> & {
  readings?: ParsedEntry['readings'];
  warnings?: unknown[];
};
type Row = [rule: string, text: string, postedAt: string | Date, expected: Expect | null];

function check([, text, postedAt, expected]: Row): void {
  const got = parseEntry(text, postedAt);
  if (expected === null) {
    expect(got).toBeNull();
    return;
  }
  expect(got).not.toBeNull();
  const defaults = { warnings: [] as unknown[] };
  expect(got).toMatchObject({ ...defaults, ...expected });
  if (expected.readings) expect(got!.readings).toEqual(expected.readings);
}

const warn = (s: string) => expect.stringContaining(s);
/** Re-dated by more than 7 days: still counts, with a warning (docs/grammar.md). */
const FAR = warn(': check the date');

// ───────────────────────── tags ─────────────────────────
const TAGS: Row[] = [
  ['daily tag (R31)', '#günlük', P, { kinds: ['daily'], forDate: TODAY, late: false }],
  ['ASCII daily (R31)', '#gunluk müşteri arandı', P, { kinds: ['daily'] }],
  ['English daily (R31)', '#daily called, no issues', P, { kinds: ['daily'] }],
  ['upper case with İ/Ü (R31)', '#GÜNLÜK KONTROL YAPILDI', P, { kinds: ['daily'] }],
  ['upper case without Turkish letters (R31)', '#GUNLUK', P, { kinds: ['daily'] }],
  ['title case (R31)', '#Günlük rutin kontrol', P, { kinds: ['daily'] }],
  ['decomposed ü pasted (R31)', '#gu\u0308nlu\u0308k', P, { kinds: ['daily'] }],
  ['weekly tag (R34)', '#haftalık kontrol yapıldı', P, { kinds: ['weekly'] }],
  ['weekly upper case, dotless I (R34)', '#HAFTALIK', P, { kinds: ['weekly'] }],
  ['weekly typed with ı (R34)', '#haftal\u0131k', P, { kinds: ['weekly'] }],
  ['weekly ASCII (R34)', '#haftalik test siparis verildi', P, { kinds: ['weekly'] }],
  ['weekly English (R34)', '#Weekly', P, { kinds: ['weekly'] }],
  ['monthly tag (R41)', '#aylık rapor gönderildi', P, { kinds: ['monthly'] }],
  ['monthly upper case (R41)', '#AYLIK RAPOR', P, { kinds: ['monthly'] }],
  ['monthly English (R41)', '#monthly', P, { kinds: ['monthly'] }],
  ['intro tag (R18)', '#tanışma tanışma araması yapıldı', P, { kinds: ['intro'] }],
  ['intro upper case with Ş (R18)', '#TANIŞMA', P, { kinds: ['intro'] }],
  ['intro with stray U+0307 (R18)', '#tani\u0307s\u0327ma', P, { kinds: ['intro'] }],
  ['intro English (R18)', '#intro call done', P, { kinds: ['intro'] }],
  ['unreachable tag (R11)', '#ulaşılamadı telefonu açmadı', P, { kinds: ['unreachable'] }],
  ['unreachable upper case (R11)', '#ULAŞILAMADI', P, { kinds: ['unreachable'] }],
  ['unreachable ASCII (R11)', '#ulasilamadi 2 kez arandi', P, { kinds: ['unreachable'] }],
  ['unreachable English (R11)', '#unreachable', P, { kinds: ['unreachable'] }],
  ['go-live tag (R27)', "#canlı'ya alındı 🎉", P, { kinds: ['golive'] }],
  ['go-live upper case, I → i (R27)', '#CANLI', P, { kinds: ['golive'] }],
  ['go-live English (R27)', '#golive', P, { kinds: ['golive'] }],
  ['go-live with hyphen (R27)', '#go-live today', P, { kinds: ['golive'] }],
  ['delay reason (R28)', '#gecikme neden: ERP entegrasyonu bekleniyor', P, { kinds: ['delay'] }],
  ['delay English (R28)', '#delay waiting for the customer', P, { kinds: ['delay'] }],
  ['markdown bold around tag', '**#günlük** aradım', P, { kinds: ['daily'] }],
  ['markdown italic around tag', '_#haftalık_', P, { kinds: ['weekly'] }],
  ['strike-through around tag', '~~#aylık~~', P, { kinds: ['monthly'] }],
  ['tag in brackets', 'Müşteri arandı (#günlük)', P, { kinds: ['daily'] }],
  ['markdown heading', '## Günlük\nsorun yok', P, { kinds: ['daily'] }],
  ['one space after #', '# günlük işlem yok', P, { kinds: ['daily'] }],
  ['two spaces after # is no tag', '#  günlük', P, null],
  ['tag word must end (#günlükler)', '#günlükler bitti', P, null],
  ['tag word must end (digits)', '#gunluk2', P, null],
  ['URL fragment is no tag', 'bkz. site.com/#haftalik', P, null],
  ['# glued to a word is no tag', 'abc#günlük', P, null],
  ['tag after NBSP (pasted)', 'kontrol\u00a0#günlük', P, { kinds: ['daily'] }],
  ['tag after punctuation word end', '#günlük: sorun yok.', P, { kinds: ['daily'] }],
  ['tag at the end of the text', 'Müşteri arandı, işlem yok #gunluk', P, { kinds: ['daily'] }],
  ['natural words without # are no entry', 'günlük kontrol yapıldı', P, null],
  ['empty comment', '', P, null],
  ['A18 several tags on one line', '#günlük #haftalık', P, { kinds: ['daily', 'weekly'] }],
  ['A18 several tags on several lines', '#haftalık\nkontrol\n#aylık rapor', P, { kinds: ['weekly', 'monthly'] }],
  ['A18 a repeated tag counts once', '#günlük aradım #GUNLUK', P, { kinds: ['daily'] }],
  ['emoji around tags', '✅ #günlük 👍 sorun yok 🚀', P, { kinds: ['daily'] }],
];

// ───────────────────────── for-dates ─────────────────────────
const DATES: Row[] = [
  ['no date → posted Istanbul day (R31)', '#günlük', '2026-11-23T22:30:00Z', { forDate: '2026-11-24', late: false }],
  ['23:59:59 Istanbul is still that day (R31)', '#günlük', '2026-11-23T20:59:59Z', { forDate: '2026-11-23' }],
  ['postedAt as a Date (R31)', '#günlük', new Date('2026-11-23T21:00:00Z'), { forDate: '2026-11-24' }],
  ['ISO date, same day (R31)', '#günlük 2026-11-23', '2026-11-23T15:00:00Z', { forDate: '2026-11-23', late: false }],
  ['A26 ISO date posted after midnight Istanbul is late', '#günlük 2026-11-23', '2026-11-23T21:30:00Z', { forDate: '2026-11-23', late: true }],
  ['A26 backdated 23.11.2026 counts, late', '#günlük 23.11.2026 aradım', P, { forDate: '2026-11-23', late: true }],
  ['23/11/2026 (R31)', '#gunluk 23/11/2026', P, { forDate: '2026-11-23' }],
  ['two-digit year 23.11.26', '#günlük 23.11.26', P, { forDate: '2026-11-23' }],
  ['23.11 takes the posting year (A26)', '#günlük 23.11 görüşme yapıldı', P, { forDate: '2026-11-23', late: true }],
  ['A26 date written before the tag ("12.03 günlük")', '25.11 #günlük', P, { forDate: '2026-11-25', late: true }],
  ['December entry posted in January', '#günlük 28.12 arandı', '2027-01-04T07:00:00Z', { forDate: '2026-12-28', late: true }],
  ['A26 a day just ahead is never the future: last January', '#günlük 02.01', '2026-12-31T09:00:00Z', { forDate: '2026-01-02', late: true, warnings: [FAR] }],
  ['"23 Kasım" day and month name', '#günlük 23 Kasım', P, { forDate: '2026-11-23', late: true }],
  ['"23 kasim 2026" ASCII month name', '#GUNLUK 23 KASIM 2026', P, { forDate: '2026-11-23' }],
  ['ISO week → Monday (R34)', '#haftalık 2026-W48', P, { forDate: '2026-11-23', forWeek: '2026-W48', late: false }],
  ['ISO week lower case (R34)', '#haftalik 2026-w48', P, { forWeek: '2026-W48' }],
  ['A5 weekly posted Sunday 23:00 Istanbul is on time (R34)', '#haftalık 2026-W48', '2026-11-29T20:00:00Z', { late: false }],
  ['A5 weekly posted Monday 00:30 Istanbul is late (R34)', '#haftalık 2026-W48', '2026-11-29T21:30:00Z', { late: true }],
  ['week 53 of a 53-week year (R34)', '#haftalık 2026-W53', '2026-12-30T09:00:00Z', { forDate: '2026-12-28', forWeek: '2026-W53' }],
  ['week 1 starting in the previous year (R34)', '#haftalık 2026-W01', '2026-01-02T09:00:00Z', { forDate: '2025-12-29', forWeek: '2026-W01', late: false }],
  ['"48. hafta" → the nearest week 48 (R34)', '#haftalık 48. hafta', P, { forDate: '2026-11-23', forWeek: '2026-W48', late: false }],
  ['"W48" without a year (R34)', '#haftalik W48 kontrol', P, { forWeek: '2026-W48' }],
  [
    'A26 "1. hafta" at the turn of the year is the most recent week 1 (R34)',
    '#haftalık 1. hafta',
    '2026-12-30T09:00:00Z',
    { forWeek: '2026-W01', forDate: '2025-12-29', late: true, warnings: [FAR] },
  ],
  ['"3 haftadır" is a duration, not a week', '#günlük 3 haftadır sorun yok', P, { forDate: TODAY }],
  ['A5 a weekly-only entry dated on a day is judged by its week (R34)', '#haftalık 23.11', P, { forDate: '2026-11-23', late: false }],
  ['A4 a daily+weekly entry dated on a day is judged by the day (R31)', '#günlük #haftalık 23.11', P, { forDate: '2026-11-23', late: true }],
  ['A5 a monthly-only entry dated on a day is judged by its month (R41)', '#aylık 02.11.2026', P, { forDate: '2026-11-02', late: false }],
  ['week that does not exist → warning (R34)', '#haftalık 2025-W53', P, { forDate: TODAY, warnings: [warn('2025-W53')] }],
  ['month → 1st (R41)', '#aylık 2026-10', '2026-11-03T09:00:00Z', { forDate: '2026-10-01', forMonth: '2026-10', late: true }],
  ['month written 11.2026 (R41)', '#aylık 11.2026 raporu', P, { forDate: '2026-11-01', forMonth: '2026-11', late: false }],
  ['month name and year (R41)', '#aylık Ekim 2026 raporu', '2026-11-02T09:00:00Z', { forMonth: '2026-10', late: true }],
  ['month name alone on a monthly entry (R41)', '#aylik aralik raporu', '2027-01-04T09:00:00Z', { forMonth: '2026-12' }],
  [
    'A26 a month name later in a monthly entry is no date (R41)',
    '#aylık rapor gönderildi, ocak ayında toplantı',
    '2026-11-30T09:00:00Z',
    { forDate: '2026-11-30' },
  ],
  ['"Tarih:23.11" after a colon', '#günlük Tarih:23.11', P, { forDate: '2026-11-23' }],
  ['tag after a zero-width space (pasted)', 'kontrol\u200b#günlük', P, { kinds: ['daily'] }],
  ['A26 a month name alone is no date on a daily entry', '#günlük aralık kontrolü', P, { forDate: TODAY }],
  ['only the first tagged line is read', '#günlük\n20.11.2026 tarihli sipariş kontrol edildi', P, { forDate: TODAY }],
  ['the first tagged line need not be the first line', 'Not: müşteri aradı\n#günlük 26.11.2026', P, { forDate: '2026-11-26' }],
  ['first date on the line wins', '#günlük 26.11.2026 (25.11.2026 için)', P, { forDate: '2026-11-26' }],
  ['a time "saat 10.11" is no date', '#günlük saat 10.11 görüşme', P, { forDate: TODAY }],
  ['a time 14.00 is no date', '#günlük 14.00 eğitim yapıldı', P, { forDate: TODAY }],
  ['a time range 09.10-10.00 is no date', '#günlük 09.10-10.00 eğitim', P, { forDate: TODAY }],
  ['a price 12.10 TL is no date', '#günlük 12.10 TL kargo ücreti kontrol edildi', P, { forDate: TODAY }],
  ['an IP address is no date', '#günlük 192.168.1.10 sunucusu kontrol', P, { forDate: TODAY }],
  ['a duration 1.5 saat is no date', '#günlük 1.5 saat eğitim', P, { forDate: TODAY }],
  [
    'a reading 3.1/4 on the tag line is no date (R37)',
    '#haftalık Disk: 3.1/4',
    P,
    { forDate: TODAY, readings: { disk: { usedGB: 3.1, totalGB: 4, percent: 77.5 } } },
  ],
  [
    'a date after a tag that follows a reading',
    'Disk: 3,1/4 GB #haftalık 2026-W47',
    P,
    { forWeek: '2026-W47', late: true, readings: { disk: { usedGB: 3.1, totalGB: 4, percent: 77.5 } } },
  ],
  ['impossible day → posted day + warning', '#daily 31.02.2026', P, { forDate: TODAY, warnings: [warn('31.02.2026')] }],
  ['invalid postedAt with a written date', '#günlük 23.11.2026', 'dün', { forDate: '2026-11-23', late: false, warnings: [warn('not a valid time')] }],
];

// ───────────────────────── readings ─────────────────────────
const R = (text: string) => `#haftalık\n${text}`;
const READINGS: Row[] = [
  ['R37 "Disk: 3,1 / 4 GB"', R('Disk: 3,1 / 4 GB'), P, { readings: { disk: { usedGB: 3.1, totalGB: 4, percent: 77.5 } } }],
  ['R37 "Disk kotası" label, no spaces', R('Disk kotası: 3,1/4 GB'), P, { readings: { disk: { usedGB: 3.1, totalGB: 4, percent: 77.5 } } }],
  ['"DİSK KOTASI" upper case', R('DİSK KOTASI 3,1 / 4 GB'), P, { readings: { disk: { usedGB: 3.1, totalGB: 4, percent: 77.5 } } }],
  ['decimal point and no unit → GB', R('disk kotasi 3.1/4'), P, { readings: { disk: { usedGB: 3.1, totalGB: 4, percent: 77.5 } } }],
  ['MB/GB binary units', R('Kota: 3100MB/4GB'), P, { readings: { disk: { usedGB: 3.027, totalGB: 4, percent: 75.68359375 } } }],
  ['thousands dot 1.024 MB', R('Quota: 1.024 MB / 4 GB'), P, { readings: { disk: { usedGB: 1, totalGB: 4, percent: 25 } } }],
  [
    '"3.125 / 4 GB" read as a decimal when thousands make no sense',
    R('Disk: 3.125 / 4 GB'),
    P,
    { readings: { disk: { usedGB: 3.125, totalGB: 4, percent: 78.125 } } },
  ],
  ['R37 traffic', R('Trafik: 120 / 200 GB'), P, { readings: { traffic: { usedGB: 120, totalGB: 200, percent: 60 } } }],
  ['TB on both sides', R('Traffic 1,2 TB / 2 TB'), P, { readings: { traffic: { usedGB: 1228.8, totalGB: 2048, percent: 60 } } }],
  ['units on both sides', R('Trafik: 120 GB / 200 GB'), P, { readings: { traffic: { usedGB: 120, totalGB: 200, percent: 60 } } }],
  ['percent first %78', R('Disk: %78'), P, { readings: { disk: { percent: 78 } } }],
  ['percent after 78%', R('Disk: 78%'), P, { readings: { disk: { percent: 78 } } }],
  ['percent with space 78 %', R('Kota 78 % dolu'), P, { readings: { disk: { percent: 78 } } }],
  ['decimal percent %78,5', R('Trafik: %78,5'), P, { readings: { traffic: { percent: 78.5 } } }],
  ['"yüzde 40"', R('Trafik kullanımı yüzde 40'), P, { readings: { traffic: { percent: 40 } } }],
  ['total first "4 GB\'ın 3,2 GB\'ı dolu"', R("Disk: 4 GB'ın 3,2 GB'ı dolu"), P, { readings: { disk: { usedGB: 3.2, totalGB: 4, percent: 80 } } }],
  [
    '"4 GB\'lık kotanın 3,2 GB\'ı kullanılıyor"',
    R("Kota: 4 GB'lık kotanın 3,2 GB'ı kullanılıyor"),
    P,
    { readings: { disk: { usedGB: 3.2, totalGB: 4, percent: 80 } } },
  ],
  ['"toplam 4 GB, kullanılan 3,2 GB"', R('Disk: toplam 4 GB, kullanılan 3,2 GB'), P, { readings: { disk: { usedGB: 3.2, totalGB: 4, percent: 80 } } }],
  [
    '"toplam 4 GB, kalan 0,8 GB" → used = total − remaining',
    R('Disk kotası: toplam 4 GB, kalan 0,8 GB'),
    P,
    { readings: { disk: { usedGB: 3.2, totalGB: 4, percent: 80 } } },
  ],
  ['"0,8 GB boş" after the total', R("Disk: 4 GB'ın 0,8 GB'ı boş"), P, { readings: { disk: { usedGB: 3.2, totalGB: 4, percent: 80 } } }],
  [
    'used beside a total "3,1 GB\'ı kullanılmış, toplam 4 GB"',
    R("Disk: 3,1 GB'ı kullanılmış, toplam 4 GB"),
    P,
    { readings: { disk: { usedGB: 3.1, totalGB: 4, percent: 77.5 } } },
  ],
  ['"(toplam 4 GB)" in brackets', R('Disk kotası : 3,25 GB (toplam 4 GB)'), P, { readings: { disk: { usedGB: 3.25, totalGB: 4, percent: 81.25 } } }],
  [
    '"kullanılmayan 0,8 GB" is the free part',
    R('Disk: toplam 4 GB, kullanılmayan 0,8 GB'),
    P,
    { readings: { disk: { usedGB: 3.2, totalGB: 4, percent: 80 } } },
  ],
  ['"3.1 GB of 4 GB" (English)', R('Quota: 3.1 GB of 4 GB'), P, { readings: { disk: { usedGB: 3.1, totalGB: 4, percent: 77.5 } } }],
  ['R37 emoji before the label', R('📀 Disk: 3,1GB/4GB (%77)'), P, { readings: { disk: { usedGB: 3.1, totalGB: 4, percent: 77.5 } } }],
  ['remaining without a total → warning', R('Disk: kalan 0,8 GB'), P, { readings: {}, warnings: [warn('remaining amount without a total')] }],
  ['A10 traffic "sınırsız"', R('Trafik: sınırsız'), P, { readings: { traffic: { unlimited: true } } }],
  ['A10 "SINIRSIZ" upper case', R('TRAFİK HAKKI: SINIRSIZ'), P, { readings: { traffic: { unlimited: true } } }],
  ['A10 used of an unlimited traffic', R('Trafik: 120 GB / sınırsız'), P, { readings: { traffic: { usedGB: 120, unlimited: true } } }],
  ['total 0 → warning, reading omitted', R('Disk: 3,1 / 0 GB'), P, { readings: {}, warnings: [warn('total is 0')] }],
  ['two numbers without "/" → warning', R('Disk: 3,1 4'), P, { readings: {}, warnings: [warn('several numbers')] }],
  ['a count is no size → warning on a reading line', R('Kota 3 gün içinde dolacak'), P, { readings: {}, warnings: [warn('disk reading')] }],
  ['a label without numbers is plain text', R('Disk kontrol edildi, sorun yok'), P, { readings: {}, warnings: [] }],
  ['R37 bullet and bold label', R('- **Disk:** 3,1 / 4 GB'), P, { readings: { disk: { usedGB: 3.1, totalGB: 4, percent: 77.5 } } }],
  [
    'R37 both readings mid-line after the tag',
    '#haftalık disk 3,1/4 GB, trafik 120/200 GB',
    P,
    { readings: { disk: { usedGB: 3.1, totalGB: 4, percent: 77.5 }, traffic: { usedGB: 120, totalGB: 200, percent: 60 } } },
  ],
  ['R37 "Trafik kotası" is traffic, not disk', R('Trafik kotası: 120/200 GB'), P, { readings: { traffic: { usedGB: 120, totalGB: 200, percent: 60 } } }],
  ['R37 "trafiği" (k→ğ) label', R("Trafiği 150/200 GB'a ulaştı"), P, { readings: { traffic: { usedGB: 150, totalGB: 200, percent: 75 } } }],
  ['R37 used only (total from the profile)', R('Disk kullanımı: 3,2 GB'), P, { readings: { disk: { usedGB: 3.2 } } }],
  ['R37 typed percent next to used/total: computed wins', R('Disk 2,9 GB / 4 GB (%72)'), P, { readings: { disk: { usedGB: 2.9, totalGB: 4, percent: 72.5 } } }],
  [
    'R37 first reading of a kind wins',
    R('Disk: 1/4 GB\nDisk: 2/4 GB'),
    P,
    { readings: { disk: { usedGB: 1, totalGB: 4, percent: 25 } }, warnings: [warn('second disk reading')] },
  ],
  ['R37 a daily entry has no readings', '#günlük sorun yok', P, { readings: {} }],
];

// ───────────────────────── quota actions ─────────────────────────
const A = (text: string) => `#haftalık\nDisk: 3,4 / 4 GB\n${text}`;
const ACTIONS: Row[] = [
  ['R38 "bilgilendirildi"', A('bilgilendirildi'), P, { actions: ['informed'] }],
  ['R38 "Müşteri bilgilendirildi."', A('Müşteri bilgilendirildi.'), P, { actions: ['informed'] }],
  ['"MÜŞTERİ BİLGİLENDİRİLDİ"', A('MÜŞTERİ BİLGİLENDİRİLDİ'), P, { actions: ['informed'] }],
  ['R38 "bilgi verildi"', A('müşteriye bilgi verildi'), P, { actions: ['informed'] }],
  ['R38 "customer informed"', A('customer informed'), P, { actions: ['informed'] }],
  ['negation "bilgilendirilmedi" is not done', A('müşteri bilgilendirilmedi'), P, { actions: [] }],
  ['future "bilgilendirilecek" is not done', A('yarın bilgilendirilecek'), P, { actions: [] }],
  ['informing the team lead is an escalation, not R38', A('takım liderine bilgi verildi'), P, { actions: [] }],
  ['R38 "optimize edildi"', A('görseller optimize edildi'), P, { actions: ['optimized'] }],
  ['R38 "optimize edilmiştir"', A('Ürün görselleri optimize edilmiştir.'), P, { actions: ['optimized'] }],
  ['R38 "görsel optimizasyonu yapıldı"', A('görsel optimizasyonu yapıldı'), P, { actions: ['optimized'] }],
  ['R38 "gorsel optimizasyonu" ASCII', A('gorsel optimizasyonu webcrab ile'), P, { actions: ['optimized'] }],
  ['R38 "optimized"', A('images optimized'), P, { actions: ['optimized'] }],
  ['"optimize edilmedi" is not done', A('optimize edilmedi'), P, { actions: [] }],
  ['"görsel optimizasyonu yapılmadı" is not done', A('görsel optimizasyonu yapılmadı'), P, { actions: [] }],
  ['R38 "ek kota önerildi"', A('ek kota önerildi'), P, { actions: ['upgradeSuggested'] }],
  ['R38 "ek tanım önerildi"', A('ek tanım önerildi'), P, { actions: ['upgradeSuggested'] }],
  ['R38 "ek tanımlamalar önerilmiştir" (suffixes)', A('ek tanımlamalar önerilmiştir'), P, { actions: ['upgradeSuggested'] }],
  ['R38 "ek paket önerildi"', A('ek paket önerildi'), P, { actions: ['upgradeSuggested'] }],
  ['"EK KOTA ÖNERİLDİ"', A('EK KOTA ÖNERİLDİ'), P, { actions: ['upgradeSuggested'] }],
  ['R38 "ek kota ve trafik önerildi"', A('ek kota ve trafik önerildi'), P, { actions: ['upgradeSuggested'] }],
  ['R38 "upgrade suggested"', A('upgrade suggested'), P, { actions: ['upgradeSuggested'] }],
  ['"ek kota önerilmedi" is not done', A('ek kota önerilmedi'), P, { actions: [] }],
  [
    'R38 all three on the canonical line',
    A('bilgilendirildi, optimize edildi, ek kota önerildi'),
    P,
    { actions: ['informed', 'optimized', 'upgradeSuggested'] },
  ],
  [
    'R38 actions in canonical order whatever the typing order',
    A('ek tanımlama önerildi; müşteri bilgilendirildi'),
    P,
    { actions: ['informed', 'upgradeSuggested'] },
  ],
];

// ───────────────────────── whole comments as typed ─────────────────────────
const REAL: Row[] = [
  [
    'R34 R36 R37 R38 a typed weekly with markdown',
    '**#HAFTALIK** 2026-W48\n- Disk kotası: 3,4 / 4 GB (%85)\n- Trafik: 150/200 GB\nMüşteri bilgilendirildi, görseller optimize edildi.',
    P,
    {
      kinds: ['weekly'],
      forDate: '2026-11-23',
      forWeek: '2026-W48',
      late: false,
      readings: { disk: { usedGB: 3.4, totalGB: 4, percent: 85 }, traffic: { usedGB: 150, totalGB: 200, percent: 75 } },
      actions: ['informed', 'optimized'],
    },
  ],
  [
    'R34 weekly typed without Turkish letters',
    '#haftalik kontrol yapildi, guncelleme yapildi\ndisk kotasi 2.1/4 gb\ntrafik hakki 80 / 200\nmusteri bilgilendirildi',
    P,
    {
      kinds: ['weekly'],
      readings: { disk: { usedGB: 2.1, totalGB: 4, percent: 52.5 }, traffic: { usedGB: 80, totalGB: 200, percent: 40 } },
      actions: ['informed'],
    },
  ],
  ['R31 daily as typed', '#gunluk aradim, siparis adimlari kontrol edildi, sorun yok', P, { kinds: ['daily'], forDate: TODAY, readings: {}, actions: [] }],
  [
    'A18 daily and weekly in one comment',
    '#günlük #haftalık 26.11.2026\nDisk: %64\nTrafik: sınırsız',
    P,
    { kinds: ['daily', 'weekly'], forDate: '2026-11-26', late: true, readings: { disk: { percent: 64 }, traffic: { unlimited: true } } },
  ],
  ['R11 unreachable as typed', '#ulaşılamadı 2 kez arandı, meşgul', P, { kinds: ['unreachable'], forDate: TODAY }],
  [
    'R41 monthly on the 2nd of the next month',
    '#aylık Kasım raporu gönderildi, toplantı planlandı',
    '2026-12-02T09:00:00Z',
    { kinds: ['monthly'], forMonth: '2026-11', forDate: '2026-11-01', late: true },
  ],
  [
    'CRLF line ends (pasted from Windows)',
    '#haftalık 2026-W48\r\nDisk: 3,1 / 4 GB\r\nTrafik: 120 / 200 GB\r\n',
    P,
    { forWeek: '2026-W48', readings: { disk: { usedGB: 3.1, totalGB: 4, percent: 77.5 }, traffic: { usedGB: 120, totalGB: 200, percent: 60 } } },
  ],
];

describe('parseEntry — tags (docs/grammar.md)', () => {
  it.each(TAGS)('%s: %j', (...row) => check(row));
});
describe('parseEntry — for-dates (docs/grammar.md, A26, docs/rules.md)', () => {
  it.each(DATES)('%s: %j', (...row) => check(row));
});
describe('parseEntry — readings (R36, R37, docs/grammar.md)', () => {
  it.each(READINGS)('%s: %j', (...row) => check(row));
});
describe('parseEntry — quota actions (R38, docs/grammar.md)', () => {
  it.each(ACTIONS)('%s: %j', (...row) => check(row));
});
describe('parseEntry — whole comments as specialists type them', () => {
  it.each(REAL)('%s', (...row) => check(row));
});

describe('parseEntry — hostile input never throws', () => {
  it.each([
    ['lone surrogates', '#günlük \uD800 \uDFFF disk \uD83D'],
    ['control characters', '#günlük\u0000\u0001\u001b[31m\u007f disk: 3\u0000/4'],
    ['only emoji', '🎉🎉🎉 #️⃣ #🎉'],
    ['right-to-left marks', '\u202e#günlük\u202c'],
    ['a thousand tags', '#günlük '.repeat(1000)],
  ])('%s', (_name, text) => {
    expect(() => parseEntry(text, P)).not.toThrow();
  });

  it('reads 10 MB of text and still finds the tag and the reading', () => {
    const filler = 'lorem ipsum 3,1 / 4 disk kota trafik 23.11 %78 bilgi ek ';
    const text = `#haftalık\nDisk: 3,1 / 4 GB\n${filler.repeat(Math.ceil(10_000_000 / filler.length))}`;
    const e = parseEntry(text, P);
    expect(e?.kinds).toEqual(['weekly']);
    expect(e?.readings.disk).toEqual({ usedGB: 3.1, totalGB: 4, percent: 77.5 });
  });

  it('reads a 10 MB single line of digits, dots and slashes', () => {
    const text = `#günlük ${'1.1/'.repeat(2_500_000)}`;
    expect(parseEntry(text, P)?.forDate).toBe(TODAY);
  });

  it('an unusable postedAt yields a warning, not an exception', () => {
    const e = parseEntry('#günlük', 'not a date');
    expect(e).toMatchObject({ kinds: ['daily'], forDate: '', late: false });
    expect(e?.warnings[0]).toContain('not a valid time');
  });
});

describe('foldTurkish (docs/grammar.md)', () => {
  it.each([
    ['DİSK', 'disk'],
    ['KOTASI', 'kotasi'],
    ['ışık', 'isik'],
    ['İstanbul', 'istanbul'],
    ['Şişli Güneş Çağ Öz', 'sisli gunes cag oz'],
    ['hâlâ îmâ ûmumî', 'hala ima umumi'],
    ['gu\u0308nlu\u0308k', 'gunluk'],
    ['Geli\u0307s\u0327mi\u0307s\u0327', 'gelismis'],
    ['I\u0307STANBUL', 'istanbul'],
    ['a\u00a0b', 'a b'],
    ['', ''],
  ])('%j → %j', (input, out) => {
    expect(foldTurkish(input)).toBe(out);
  });
});

describe('formatEntry (canonical form text, docs/grammar.md)', () => {
  it.each<[string, EntryDraft, string]>([
    [
      'weekly with readings, actions and a note',
      {
        kinds: ['weekly'],
        forWeek: '2026-W48',
        readings: { disk: { usedGB: 3.1, totalGB: 4 }, traffic: { usedGB: 120, totalGB: 200 } },
        actions: ['optimized', 'informed'],
        note: 'Görseller küçültüldü.',
      },
      '#haftalık 48. hafta (23.11–29.11.2026)\nDisk: 3,1 / 4 GB\nTrafik: 120 / 200 GB\nbilgilendirildi, optimize edildi\nGörseller küçültüldü.',
    ],
    ['daily with a day', { kinds: ['daily'], forDate: '2026-11-23', note: 'Aradım, sorun yok' }, '#günlük 23.11.2026\nAradım, sorun yok'],
    ['daily without a date (the posted day)', { kinds: ['daily'] }, '#günlük'],
    ['monthly', { kinds: ['monthly'], forMonth: '2026-10' }, '#aylık Ekim 2026'],
    ['several kinds, deduplicated', { kinds: ['daily', 'weekly', 'daily'], forWeek: '2026-W48' }, '#günlük #haftalık 48. hafta (23.11–29.11.2026)'],
    [
      'percent and unlimited',
      { kinds: ['weekly'], readings: { disk: { percent: 78.5 }, traffic: { unlimited: true } } },
      '#haftalık\nDisk: %78,5\nTrafik: sınırsız',
    ],
    ['upgrade suggested', { kinds: ['weekly'], actions: ['upgradeSuggested'] }, '#haftalık\nek kota önerildi'],
    ['small totals in MB', { kinds: ['weekly'], readings: { disk: { usedGB: 0.001, totalGB: 0.004 } } }, '#haftalık\nDisk: 1,02 / 4,1 MB'],
    ['every kind has its Turkish tag', { kinds: ['intro', 'unreachable', 'golive', 'delay'] }, '#tanışma #ulaşılamadı #canlı #gecikme'],
  ])('%s', (_name, draft, text) => {
    expect(formatEntry(draft)).toBe(text);
    const back = parseEntry(text, P)!;
    expect(back.kinds).toEqual([...new Set(draft.kinds)]);
    expect(back.actions).toEqual(['informed', 'optimized', 'upgradeSuggested'].filter((a) => draft.actions?.includes(a as never)));
  });
});

describe('Turkish numbers (docs/grammar.md)', () => {
  it.each([
    ['3,1', 3.1],
    ['3.1', 3.1],
    ['1.024', 1024],
    ['1.024,5', 1024.5],
    ['1.234.567', 1234567],
    ['0,05', 0.05],
    ['3.1415', 3.1415],
    ['1,2,3', null],
    ['12.34.5', null],
  ])('parseTrNumber(%j) → %j', (raw, value) => {
    expect(parseTrNumber(raw)?.value ?? null).toBe(value);
  });

  it.each([
    [3.1, '3,1'],
    [4, '4'],
    [1228.8, '1228,8'],
    [0.005, '0,01'],
    [77.456, '77,46'],
  ])('formatTrNumber(%j) → %j', (n, text) => {
    expect(formatTrNumber(n)).toBe(text);
  });
});
