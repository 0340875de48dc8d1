// The periods the Power-Up's forms post are written the glossary's way (docs/glossary.md: `50. hafta
// (07.12–13.12.2026)`, `Kasım 2026`, never `2026-W50` or `2026-11`), and the grammar reads them back as the same
// period (docs/grammar.md), whenever the comment is posted.
import { describe, expect, it } from 'vitest';
import { weekDates, weekKey } from '../../shared/dates.js';
import { formatEntry, parseEntry } from '../../shared/entries.js';
import { formatMonth, formatWeek } from '../../shared/i18n.js';
import type { MonthKey, WeekKey } from '../../shared/types.js';

describe('weeks and months in posted entries: the glossary forms, read back (round trip)', () => {
  it('a weekly is posted as "50. hafta (07.12–13.12.2026)" and read back as 2026-W50', () => {
    const text = formatEntry({ kinds: ['weekly'], forWeek: '2026-W50', readings: { disk: { usedGB: 3.1, totalGB: 4 } } });
    expect(text).toBe('#haftalık 50. hafta (07.12–13.12.2026)\nDisk: 3,1 / 4 GB');
    expect(text).not.toMatch(/W\d/);
    expect(parseEntry(text, '2026-12-09T09:00:00Z')).toMatchObject({
      kinds: ['weekly'],
      forWeek: '2026-W50',
      forDate: '2026-12-07',
      late: false,
      warnings: [],
    });
  });

  it('a monthly is posted as "Kasım 2026" and read back as 2026-11', () => {
    const text = formatEntry({ kinds: ['monthly'], forMonth: '2026-11', note: 'Rapor gönderildi.' });
    expect(text).toBe('#aylık Kasım 2026\nRapor gönderildi.');
    expect(parseEntry(text, '2026-12-02T09:00:00Z')).toMatchObject({ kinds: ['monthly'], forMonth: '2026-11', warnings: [] });
  });

  it.each<WeekKey>(['2026-W01', '2026-W49', '2026-W53', '2027-W01', '2025-W01', '2020-W53'])(
    '%s round-trips with its own year, even posted years later',
    (week) => {
      const text = formatEntry({ kinds: ['weekly'], forWeek: week });
      expect(text).toBe(`#haftalık ${formatWeek(week, 'tr')}`);
      // Posted in the week itself: no warning.
      const sunday = weekDates(week)[6]!;
      expect(parseEntry(text, `${sunday}T09:00:00Z`)).toMatchObject({ forWeek: week, warnings: [] });
      // Posted long after: the same week (its dates carry the year), with the grammar's far-date warning only.
      for (const postedAt of ['2027-01-05T09:00:00Z', '2029-12-31T09:00:00Z']) {
        const e = parseEntry(text, postedAt);
        expect(e?.forWeek, `${text} @ ${postedAt}`).toBe(week);
        for (const w of e?.warnings ?? []) expect(w).toMatch(/check the date/);
      }
    },
  );

  it.each<MonthKey>(['2026-01', '2026-11', '2026-12', '2025-08'])('%s round-trips', (month) => {
    const text = formatEntry({ kinds: ['monthly'], forMonth: month });
    expect(text).toBe(`#aylık ${formatMonth(month, 'tr')}`);
    const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
    const next = m === 12 ? `${y + 1}-01-02` : `${y}-${String(m + 1).padStart(2, '0')}-02`;
    expect(parseEntry(text, `${next}T09:00:00Z`)).toMatchObject({ forMonth: month, warnings: [] });
    expect(parseEntry(text, '2029-03-01T09:00:00Z')?.forMonth).toBe(month);
  });

  it('dates that are not the named week are a warning, not a guess (the entry counts for its posting day)', () => {
    const e = parseEntry('#haftalık 50. hafta (08.12–14.12.2026)', '2026-12-20T09:00:00Z');
    expect(e?.forDate).toBe('2026-12-20');
    expect(e?.warnings.join(' ')).toMatch(/not week 50/);
    // The week number alone still reads as the most recent such week (docs/grammar.md).
    expect(parseEntry('#haftalık 50. hafta', '2026-12-20T09:00:00Z')?.forWeek).toBe(weekKey('2026-12-07'));
  });
});
