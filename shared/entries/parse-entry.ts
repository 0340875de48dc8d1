// parseEntry: one Trello comment → ParsedEntry (docs/grammar.md), or null when it carries no tag.
import type { DateKey, EntryKind, ParsedEntry } from '../types.js';
import { findActions } from './actions.js';
import { addDays, isoWeekday, monthDates, monthKey } from '../dates.js';
import { istanbulDay, mondayOfIsoWeek } from './days.js';
import { foldTurkish } from './fold.js';
import { findForDate } from './for-date.js';
import { findReadings, firstLabelIndex } from './readings.js';
import { findTags } from './tags.js';

/** The for-date is looked for in at most this much of the first tagged line. */
const DATE_REGION_CAP = 2000;

/**
 * Last day of the period the entry names: its week or month when written so; for an entry that is
 * only weekly (only monthly), the week (month) holding the day written ("#haftalık 23.11" posted on
 * Friday is not late, A5); otherwise the day itself (A4, A26).
 */
function periodEnd(e: Pick<ParsedEntry, 'kinds' | 'forDate' | 'forWeek' | 'forMonth'>): DateKey {
  if (e.forWeek) {
    const monday = mondayOfIsoWeek(Number(e.forWeek.slice(0, 4)), Number(e.forWeek.slice(6)));
    if (monday) return addDays(monday, 6);
  }
  if (e.forMonth) return monthDates(e.forMonth).at(-1)!;
  if (e.kinds.every((k) => k === 'weekly')) return addDays(e.forDate, 7 - isoWeekday(e.forDate));
  if (e.kinds.every((k) => k === 'monthly')) return monthDates(monthKey(e.forDate)).at(-1)!;
  return e.forDate;
}

/** A markdown quote (`> …`) repeats an earlier comment: its tags, dates and readings are not this entry's. */
const QUOTED_LINE = /^[ \t]*>[^\n]*/gm;

function readable(text: string): string {
  const folded = foldTurkish(text);
  return folded.includes('>') ? folded.replace(QUOTED_LINE, '') : folded;
}

function parseOrThrow(text: string, postedAt: Date | string): ParsedEntry | null {
  const folded = readable(text);
  const tags = findTags(folded);
  if (tags.length === 0) return null;

  const kinds: EntryKind[] = [];
  for (const t of tags) if (!kinds.includes(t.kind)) kinds.push(t.kind);

  const warnings: string[] = [];
  const postedDay = istanbulDay(postedAt);
  if (!postedDay) warnings.push(`posting time "${String(postedAt).slice(0, 40)}" is not a valid time`);

  // For-date: the first date on the first tagged line, before any reading on that line.
  const first = tags[0]!;
  const lineStart = folded.lastIndexOf('\n', first.index) + 1;
  let lineEnd = folded.indexOf('\n', first.index);
  if (lineEnd === -1) lineEnd = folded.length;
  const line = folded.slice(lineStart, Math.min(lineEnd, lineStart + DATE_REGION_CAP));
  const label = firstLabelIndex(line);
  let region = label === -1 ? line : line.slice(0, label);
  const tagAt = first.index - lineStart;
  if (label !== -1 && label < tagAt) {
    // "Disk: 3,1/4 GB #haftalık 2026-W48": also read after the tag, up to the next reading.
    const rest = line.slice(tagAt);
    const next = firstLabelIndex(rest);
    region += `\n${next === -1 ? rest : rest.slice(0, next)}`;
  }
  const fd = findForDate(region, postedDay, kinds.includes('monthly'));
  warnings.push(...fd.warnings);

  const period = fd.value ?? { forDate: postedDay ?? '' };
  const readings = findReadings(folded);
  warnings.push(...readings.warnings);

  const named = { kinds, ...period };
  const readingsOut: ParsedEntry['readings'] = {};
  if (readings.disk) readingsOut.disk = readings.disk;
  if (readings.traffic) readingsOut.traffic = readings.traffic;
  const entry: ParsedEntry = {
    ...named,
    // Posted after the period it names ended: still counts, marked late (A26).
    late: postedDay !== null && named.forDate !== '' && postedDay > periodEnd(named),
    readings: readingsOut,
    actions: findActions(folded),
    warnings,
  };
  return entry;
}

/**
 * Read a comment with the entry grammar (docs/grammar.md). Returns null when the comment has no tag.
 * Never throws, whatever the string; `postedAt` is the Trello action date (its Istanbul day is the
 * for-date when none is written). `late` is raw (posted after the period ended): the rules decide
 * what is late for them (R41's monthly grace), so never report it as a finding by itself.
 *
 * @example
 * parseEntry('#haftalık 2026-W48\nDisk: 3,1 / 4 GB', '2026-11-27T09:00:00Z')
 * // { kinds: ['weekly'], forDate: '2026-11-23', forWeek: '2026-W48', late: false,
 * //   readings: { disk: { usedGB: 3.1, totalGB: 4, percent: 77.5 } }, actions: [], warnings: [] }
 */
export function parseEntry(text: string, postedAt: Date | string): ParsedEntry | null {
  const input = typeof text === 'string' ? text : String(text ?? '');
  try {
    return parseOrThrow(input, postedAt);
  } catch (err) {
    // Last resort so one odd comment never stops a scan: keep the kinds, say what failed.
    try {
      const tags = findTags(readable(input));
      if (tags.length === 0) return null;
      const kinds = [...new Set(tags.map((t) => t.kind))];
      return {
        kinds,
        forDate: istanbulDay(postedAt) ?? '',
        late: false,
        readings: {},
        actions: [],
        warnings: [`comment could not be read fully (${err instanceof Error ? err.message : String(err)})`],
      };
    } catch {
      return null;
    }
  }
}
