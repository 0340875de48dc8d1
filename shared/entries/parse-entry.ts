// parseEntry: one Trello comment → ParsedEntry (docs/grammar.md), or null when it carries no tag.
import type { DateKey, DateMention, EntryKind, ParsedEntry } from '../types.js';
import { findActions } from './actions.js';
import { addDays, addMonths, daysBetween, isoWeekday, monthKey } from '../dates.js';
import { istanbulDay, mondayOfIsoWeek } from './days.js';
import { foldTurkish } from './fold.js';
import { dateCandidates, relativeDay, type Attempt, type Candidate, type ForDate } from './for-date.js';
import { findReadings, firstLabelIndex } from './readings.js';
import { findTags } from './tags.js';

/** The for-date is looked for in at most this much of the first tagged line. */
const DATE_REGION_CAP = 2000;

/**
 * Last day of the period the entry names: its week or month when written so; for an entry that is
 * only weekly (only monthly), the week (month) holding the day written ("#haftalık 23.11" posted on
 * Friday is not late, A5); otherwise the day itself (A4, A26).
 */
export function periodEnd(e: Pick<ParsedEntry, 'kinds' | 'forDate' | 'forWeek' | 'forMonth'>): DateKey {
  if (e.forWeek) {
    const monday = mondayOfIsoWeek(Number(e.forWeek.slice(0, 4)), Number(e.forWeek.slice(6)));
    if (monday) return addDays(monday, 6);
  }
  if (e.forMonth) return monthEnd(e.forMonth);
  if (e.kinds.every((k) => k === 'weekly')) return addDays(e.forDate, 7 - isoWeekday(e.forDate));
  if (e.kinds.every((k) => k === 'monthly')) return monthEnd(monthKey(e.forDate));
  return e.forDate;
}

/** Last day of a month, without listing the month's days (this runs on every parse). Throws on a bad month, as monthDates does. */
function monthEnd(month: string): DateKey {
  return addDays(`${addMonths(month, 1)}-01`, -1);
}

/** An entry re-dated further than this from its posting day keeps counting, with a warning (docs/grammar.md). */
export const MAX_REDATE_DAYS = 7;

/**
 * How far the period an entry names lies from its posting day, in days: > 0 when it ended that many
 * days before the posting day, < 0 when it starts that many days after it, 0 when the posting day is in it.
 */
export function redatedDays(e: Pick<ParsedEntry, 'kinds' | 'forDate' | 'forWeek' | 'forMonth'>, postedDay: DateKey): number {
  const end = periodEnd(e);
  if (end < postedDay) return daysBetween(end, postedDay);
  if (e.forDate > postedDay) return -daysBetween(postedDay, e.forDate);
  return 0;
}

/** Between the tag and its date: white space, punctuation, markdown, further tags, a `Tarih:` label. */
const HEAD_SEP = /[ \t:;,.\-–—*_~()[\]"'’|]*/y;
const DATE_LABEL = /(?:tarih\p{L}*|date)(?![\p{L}\p{N}])/uy;
/** A line that holds only a date before the tag ("25.11 #günlük"). */
const BEFORE_DATE = /^[\s*_~([>\-•]*$/u;
const AFTER_DATE = /^[\s*_~)\]:;,.\-–—]*$/u;
/**
 * After a day: an event's name, not the entry's day ("12.12 kampanyası", "11.11 indirimleri",
 * "25.11 indirimi için"): docs/grammar.md, traps.
 */
const EVENT_AFTER = /^[ \t]*(?:['’]\p{L}*[ \t]*)?(?:kampanya|indirim|firsat|sale|etkinli|black[ \t]*friday|efsane)/u;

function skip(re: RegExp, s: string, at: number): number {
  re.lastIndex = at;
  const m = re.exec(s);
  return m ? at + m[0].length : at;
}

interface OwnDate {
  value: ForDate | null;
  /** Where the date starts on the line, and its text. */
  index: number;
  text: string;
  warning?: string;
}

/** The entry's own date on its first tagged line (folded), `tags` being that line's tags (line-relative). */
function ownDate(line: string, tags: Array<{ index: number; end: number }>, postedDay: DateKey | null, monthly: boolean): OwnDate {
  const none: OwnDate = { value: null, index: -1, text: '' };
  const tag = tags[0];
  if (!tag) return none; // callers pass the line's tags, never none
  const cands = dateCandidates(line, postedDay, monthly);
  const at = (i: number): { c: Candidate; r: NonNullable<Attempt> } | null => {
    for (const c of cands) {
      if (c.index < i) continue;
      if (c.index > i) break;
      const r = c.attempt();
      if (r !== null) return { c, r };
    }
    return null;
  };
  // Right after the tag (and any tags, separators or a "Tarih:" label that follow it).
  let head = tag.end;
  for (;;) {
    head = skip(HEAD_SEP, line, head);
    const next = tags.find((t) => t.index === head);
    if (!next) break;
    head = next.end;
  }
  DATE_LABEL.lastIndex = head;
  if (DATE_LABEL.test(line)) head = skip(HEAD_SEP, line, DATE_LABEL.lastIndex);

  const rel = relativeDay(line, head, postedDay);
  if (rel) {
    // "cuma 21.11": the written date is the more precise one.
    const d = at(skip(HEAD_SEP, line, rel.end));
    if (d && 'ok' in d.r) return { value: d.r.ok, index: d.c.index, text: d.c.raw };
    return { value: { forDate: rel.forDate }, index: head, text: rel.raw.trim() };
  }
  const d = at(head);
  if (d) {
    if ('warn' in d.r) return { ...none, warning: d.r.warn };
    const isDay = !d.r.ok.forWeek && !d.r.ok.forMonth;
    if (isDay && EVENT_AFTER.test(line.slice(d.c.index + d.c.raw.length, d.c.index + d.c.raw.length + 40))) return none;
    return { value: d.r.ok, index: d.c.index, text: d.c.raw };
  }
  // A line that starts with the date: "25.11 #günlük".
  const tagAt = tag.index;
  for (const c of cands) {
    if (c.index >= tagAt) break;
    if (!BEFORE_DATE.test(line.slice(0, c.index)) || !AFTER_DATE.test(line.slice(c.index + c.raw.length, tagAt))) continue;
    const r = c.attempt();
    if (r && 'ok' in r) return { value: r.ok, index: c.index, text: c.raw };
  }
  return none;
}

/** Mentions are looked for in this much of the comment, and at most this many are kept. */
const MENTION_SCAN = 4000;
const MAX_MENTIONS = 10;

/**
 * Dates mentioned in the text (folded, quotes removed) other than the entry's own (at `ownAt`): kept
 * and shown, never re-dating (docs/grammar.md). A day without a year is the one nearest the posting day.
 * Reading values are skipped (`Disk: 3,1/4` holds no date).
 */
function findMentions(folded: string, postedDay: DateKey, ownAt: number): DateMention[] {
  const out: DateMention[] = [];
  const seen = new Set<string>();
  const text = folded.slice(0, MENTION_SCAN);
  let start = 0;
  while (start < text.length && out.length < MAX_MENTIONS) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const full = text.slice(start, end);
    const label = firstLabelIndex(full);
    const line = label === -1 ? full : full.slice(0, label);
    for (const c of dateCandidates(line, postedDay, false, 'nearest')) {
      if (start + c.index === ownAt) continue;
      const r = c.attempt();
      if (!r || !('ok' in r)) continue;
      const key = `${c.raw}|${r.ok.forDate}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ text: c.raw, ...r.ok });
      if (out.length >= MAX_MENTIONS) break;
    }
    start = end + 1;
  }
  return out;
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
  const first = tags[0];
  if (!first) return null;

  const kinds: EntryKind[] = [];
  for (const t of tags) if (!kinds.includes(t.kind)) kinds.push(t.kind);

  const warnings: string[] = [];
  const postedDay = istanbulDay(postedAt);
  if (!postedDay) warnings.push(`posting time "${String(postedAt).slice(0, 40)}" is not a valid time`);

  // For-date: only a date right after the tag (or filling the line before it) re-dates the entry;
  // every other date is a mention (docs/grammar.md, "Which day …" and "Traps").
  const lineStart = folded.lastIndexOf('\n', first.index) + 1;
  let lineEnd = folded.indexOf('\n', first.index);
  if (lineEnd === -1) lineEnd = folded.length;
  const line = folded.slice(lineStart, Math.min(lineEnd, lineStart + DATE_REGION_CAP));
  const onLine = tags
    .filter((t) => t.index >= lineStart && t.end <= lineStart + line.length)
    .map((t) => ({ index: t.index - lineStart, end: t.end - lineStart }));
  const own = ownDate(line, onLine, postedDay, kinds.includes('monthly'));
  if (own.warning) warnings.push(`${own.warning}; the entry counts for the day it was posted`);

  const period = own.value ?? { forDate: postedDay ?? '' };
  const readings = findReadings(folded);
  warnings.push(...readings.warnings);

  // Built key by key, not spread: the spread of three shapes of period was a slow generic copy. Key
  // order (kinds, forDate, forWeek | forMonth) is the spread's, so the stored JSON is the same.
  const named: Pick<ParsedEntry, 'kinds' | 'forDate' | 'forWeek' | 'forMonth'> = { kinds, forDate: period.forDate };
  if (period.forWeek !== undefined) named.forWeek = period.forWeek;
  if (period.forMonth !== undefined) named.forMonth = period.forMonth;
  const readingsOut: ParsedEntry['readings'] = {};
  if (readings.disk) readingsOut.disk = readings.disk;
  if (readings.traffic) readingsOut.traffic = readings.traffic;
  if (own.value && postedDay) {
    const far = redatedDays(named, postedDay);
    if (Math.abs(far) > MAX_REDATE_DAYS) {
      const shown = named.forWeek ?? named.forMonth ?? named.forDate;
      warnings.push(
        `date "${own.text}" puts the entry ${Math.abs(far)} days ${far > 0 ? 'before' : 'after'} the day it was posted (${postedDay}); it counts for ${shown}: check the date`,
      );
    }
  }
  const entry: ParsedEntry = Object.assign(named, {
    // Posted after the period it names ended: still counts, marked late (A26).
    late: postedDay !== null && named.forDate !== '' && postedDay > periodEnd(named),
    readings: readingsOut,
    actions: findActions(folded),
    warnings,
  });
  const mentions = postedDay ? findMentions(folded, postedDay, own.value ? lineStart + own.index : -1) : [];
  if (mentions.length) entry.mentions = mentions;
  return entry;
}

/**
 * The grammar's version: bump it whenever parseEntry's output for some input changes (a tag, a date form, a
 * reading). The store keeps each comment's parse with the version it was made under and parses again when it
 * differs (docs/architecture.md "Evaluation path").
 */
export const GRAMMAR_VERSION = 1;

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
