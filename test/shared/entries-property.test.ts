// Properties of the comment grammar (docs/grammar.md): it never throws on any string, and what the
// Power-Up forms post (formatEntry) reads back as the same entry (parseEntry).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldTurkish, formatEntry, MAX_REDATE_DAYS, parseEntry, redatedDays } from '../../shared/entries.js';
import { ENTRY_KINDS, type EntryDraft, type ParsedEntry, type QuotaAction, type Reading } from '../../shared/types.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Grammar-shaped fragments mixed with arbitrary code points (lone surrogates included). */
const fragment = fc.oneof(
  fc.constantFrom(
    '#günlük',
    '#HAFTALIK',
    '# aylık',
    '#tanışma',
    '**#gunluk**',
    '#',
    '##',
    ' ',
    '\n',
    '\r\n',
    '\u00a0',
    '\u0307',
    'Disk:',
    'Kota',
    'Trafik',
    'Traffic',
    '%',
    '/',
    '3,1',
    '1.024',
    '4 GB',
    "GB'ın",
    'TB',
    'MB',
    'sınırsız',
    'kalan',
    'toplam',
    '23.11',
    '23.11.2026',
    '2026-W48',
    '2026-W54',
    '2026-10',
    '31.02.2026',
    'Kasım',
    'saat',
    'bilgilendirildi',
    'optimize edildi',
    'ek kota önerildi',
    'yüzde',
    'İ',
    'ı',
    '🎉',
    '\uD800',
    '\u0000',
    "11.10'da",
    'saat',
    '09.30-10.10',
    '> ',
    '>',
    '##',
    '-',
    '−3',
    '%-5',
    'kullanıldı',
    'kalan',
    '(4 GB)',
    '48. hafta',
    'bilgilendirildiğinde',
    'takdirde',
    '#go-live',
    '29.02',
    'Aralık',
  ),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const anyText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.array(fragment, { maxLength: 40 }).map((a) => a.join('')),
);
const anyPostedAt = fc.oneof(
  fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }),
  fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'garbage' : d.toISOString())),
  fc.string(),
);

function wellFormed(e: ParsedEntry): void {
  expect(e.kinds.length).toBeGreaterThan(0);
  for (const k of e.kinds) expect(ENTRY_KINDS).toContain(k);
  expect(typeof e.forDate).toBe('string');
  expect(typeof e.late).toBe('boolean');
  for (const r of [e.readings.disk, e.readings.traffic]) {
    if (!r) continue;
    for (const v of [r.usedGB, r.totalGB, r.percent]) if (v !== undefined) expect(Number.isFinite(v)).toBe(true);
  }
  for (const w of e.warnings) expect(typeof w).toBe('string');
}

describe('parseEntry never throws (docs/grammar.md: "never an error that stops a scan")', () => {
  it('on arbitrary strings and posting times', () => {
    fc.assert(
      fc.property(anyText, anyPostedAt, (text, postedAt) => {
        const e = parseEntry(text, postedAt);
        if (e === null) return;
        wellFormed(e);
        if (postedAt instanceof Date) expect(e.forDate).toMatch(DAY);
      }),
      { numRuns: 1500 },
    );
  });

  it('finds a tag wherever it is put among arbitrary text, after white space', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.constantFrom(...ENTRY_KINDS), (noise, kind) => {
        const tag = {
          daily: '#günlük',
          weekly: '#haftalık',
          monthly: '#aylık',
          intro: '#tanışma',
          unreachable: '#ulaşılamadı',
          golive: '#canlı',
          delay: '#gecikme',
          escalation: '#bildirildi',
        }[kind];
        const e = parseEntry(`${noise} ${tag} ${noise}`, '2026-11-27T09:00:00Z');
        expect(e?.kinds).toContain(kind);
      }),
      { numRuns: 500 },
    );
  });

  it('foldTurkish is idempotent and total', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(foldTurkish(foldTurkish(s))).toBe(foldTurkish(s));
      }),
    );
  });
});

describe('dates and times (docs/grammar.md: never a future day, a clock time is no date)', () => {
  const pad2 = (n: number) => String(n).padStart(2, '0');
  const posted = fc.date({ min: new Date('2001-01-01T00:00:00Z'), max: new Date('2098-12-31T00:00:00Z'), noInvalidDate: true });

  it('a day written without a year is never after the posting day, and is within 8 years of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom('.', '/'), posted, (d, m, sep, at) => {
        const e = parseEntry(`#günlük ${pad2(d)}${sep}${m} kontrol`, at)!;
        const day = e.forDate;
        const postedDay = parseEntry('#günlük', at)!.forDate;
        expect(day <= postedDay).toBe(true);
        expect(Number(postedDay.slice(0, 4)) - Number(day.slice(0, 4))).toBeLessThanOrEqual(8);
        if (day !== postedDay) expect(day.slice(5)).toBe(`${pad2(m)}-${pad2(d)}`);
      }),
      { numRuns: 500 },
    );
  });

  it('a week or month name without a year is never a future period', () => {
    const MONTHS = ['Ocak', 'Şubat', 'Mart', 'Nisan', 'Mayıs', 'Haziran', 'Temmuz', 'Ağustos', 'Eylül', 'Ekim', 'Kasım', 'Aralık'];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 53 }), fc.integer({ min: 0, max: 11 }), posted, (w, m, at) => {
        const postedDay = parseEntry('#günlük', at)!.forDate;
        const week = parseEntry(`#haftalık ${w}. hafta`, at)!;
        if (week.forWeek) expect(week.forDate <= postedDay).toBe(true);
        const month = parseEntry(`#aylık ${MONTHS[m]} raporu`, at)!;
        expect(month.forMonth! <= postedDay.slice(0, 7)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("a clock time with a case suffix or after 'saat' leaves the entry on its posting day", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom("'da", "'de", "'ta", "'te", '’da', "'dan", "'den", 'da', "'daki"),
        fc.boolean(),
        posted,
        (h, min, suffix, saat, at) => {
          const time = `${h}.${pad2(min)}`;
          const text = saat ? `#günlük saat ${time} görüşme` : `#günlük eğitim ${time}${suffix} başladı`;
          expect(parseEntry(text, at)!.forDate).toBe(parseEntry('#günlük', at)!.forDate);
        },
      ),
      { numRuns: 500 },
    );
  });
});

// ───────────────────────── round trip ─────────────────────────

const pad = (n: number) => String(n).padStart(2, '0');
const dayKey = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
function weeksIn(y: number): number {
  const dec28 = new Date(Date.UTC(y, 11, 28));
  const dow = (dec28.getUTCDay() + 6) % 7;
  const thursday = new Date(dec28.getTime() + (3 - dow) * 86_400_000);
  return 1 + Math.floor((thursday.getTime() - Date.UTC(y, 0, 1)) / (7 * 86_400_000));
}
const weekKey = fc.integer({ min: 2000, max: 2099 }).chain((y) => fc.integer({ min: 1, max: weeksIn(y) }).map((w) => `${y}-W${pad(w)}`));
const monthKey = fc.record({ y: fc.integer({ min: 2000, max: 2099 }), m: fc.integer({ min: 1, max: 12 }) }).map(({ y, m }) => `${y}-${pad(m)}`);

const gb = fc.integer({ min: 0, max: 500_000 }).map((n) => n / 100);
const positiveGb = fc.integer({ min: 1, max: 500_000 }).map((n) => n / 100);
const pct = fc.integer({ min: 0, max: 1000 }).map((n) => n / 10);
const reading: fc.Arbitrary<Reading> = fc.oneof(
  fc.record({ usedGB: gb, totalGB: positiveGb }),
  fc.record({ percent: pct }),
  fc.record({ totalGB: positiveGb, percent: pct }),
  fc.record({ usedGB: gb, percent: pct }),
  fc.record({ usedGB: gb }),
  fc.record({ totalGB: positiveGb }),
  fc.constant({ unlimited: true }),
  fc.record({ usedGB: gb, unlimited: fc.constant(true) }),
);

/** Notes a specialist might add that do not themselves use the grammar (no tags, numbers, labels, actions). */
const GRAMMAR_WORDS = /#|\d|%|disk|kota|quota|traf|bilgi|haber|inform|notifi|optimi|gorsel|(^|[^\p{L}])ek[ \t]|yukseltme|upgrade/u;
const note = fc
  .oneof(
    fc
      .array(fc.constantFrom('Müşteri', 'aradı', 'sipariş', 'adımları', 'kontrol', 'edildi', 'ŞİMDİ', 'ılık', 'çözüldü', '🎉', '\n', '**not**'), {
        maxLength: 12,
      })
      .map((w) => w.join(' ')),
    fc.string({ unit: 'grapheme', maxLength: 60 }),
  )
  .filter((s) => !GRAMMAR_WORDS.test(foldTurkish(s)));

const draft: fc.Arbitrary<EntryDraft> = fc
  .record({
    kinds: fc.uniqueArray(fc.constantFrom(...ENTRY_KINDS), { minLength: 1 }),
    period: fc.oneof(
      fc.constant({}),
      dayKey.map((forDate) => ({ forDate })),
      weekKey.map((forWeek) => ({ forWeek })),
      monthKey.map((forMonth) => ({ forMonth })),
    ),
    disk: fc.option(reading, { nil: undefined }),
    traffic: fc.option(reading, { nil: undefined }),
    actions: fc.subarray<QuotaAction>(['informed', 'optimized', 'upgradeSuggested']),
    note: fc.option(note, { nil: undefined }),
  })
  .map(({ kinds, period, disk, traffic, actions, note: n }) => {
    const d: EntryDraft = { kinds, ...period, actions, readings: {} };
    if (disk) d.readings!.disk = disk;
    if (traffic) d.readings!.traffic = traffic;
    if (n !== undefined) d.note = n;
    return d;
  });

const close = (a: number | undefined, b: number | undefined, tol: number) => a !== undefined && b !== undefined && Math.abs(a - b) <= tol;

function sameReading(got: Reading | undefined, want: Reading): void {
  expect(got).toBeDefined();
  const r = got!;
  if (want.unlimited) {
    expect(r.unlimited).toBe(true);
    if (want.usedGB !== undefined) expect(close(r.usedGB, want.usedGB, 0.006)).toBe(true);
    return;
  }
  if (want.usedGB !== undefined) expect(close(r.usedGB, want.usedGB, 0.006)).toBe(true);
  if (want.totalGB !== undefined) expect(close(r.totalGB, want.totalGB, 0.006)).toBe(true);
  if (want.usedGB !== undefined && want.totalGB !== undefined) {
    // percent = used/total×100 of what was read back.
    expect(close(r.percent, Math.round((r.usedGB! / r.totalGB!) * 1000) / 10, 0.051)).toBe(true);
  } else if (want.percent !== undefined) {
    expect(close(r.percent, want.percent, 0.051)).toBe(true);
  }
}

describe('parseEntry(formatEntry(draft)) round-trips (docs/grammar.md: form and typed entries are one grammar)', () => {
  it('for arbitrary drafts and posting times', () => {
    fc.assert(
      fc.property(draft, fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d, postedAt) => {
        const text = formatEntry(d);
        const e = parseEntry(text, postedAt);
        expect(e, text).not.toBeNull();
        expect(e!.kinds).toEqual(d.kinds);
        // The one warning a form entry may get: its period lies more than 7 days from the posting day.
        const far = Math.abs(redatedDays(e!, parseEntry('#günlük', postedAt)!.forDate)) > MAX_REDATE_DAYS;
        expect(e!.warnings, text).toEqual(far ? [expect.stringMatching(/: check the date$/)] : []);
        if (d.forWeek) {
          expect(e!.forWeek).toBe(d.forWeek);
          expect(new Date(`${e!.forDate}T00:00:00Z`).getUTCDay()).toBe(1);
        } else if (d.forMonth) {
          expect(e!.forMonth).toBe(d.forMonth);
          expect(e!.forDate).toBe(`${d.forMonth}-01`);
        } else if (d.forDate) {
          expect(e!.forDate).toBe(d.forDate);
        } else {
          expect(e!.forDate).toMatch(DAY);
          expect(e!.late).toBe(false);
        }
        expect(e!.actions).toEqual(d.actions);
        for (const kind of ['disk', 'traffic'] as const) {
          const want = d.readings?.[kind];
          if (want) sameReading(e!.readings[kind], want);
          else expect(e!.readings[kind]).toBeUndefined();
        }
      }),
      { numRuns: 1500 },
    );
  });
});
