/**
 * The specialist's side of the story (docs/grammar.md "Explanations", docs/rules.md "Explanations and excused
 * periods"): `#açıklama 26.11: müşteri bayram nedeniyle kapalıydı` explains the exception of a period (a day,
 * `50. hafta`, `Kasım 2026`, or the ISO forms); `#açıklama-onay 26.11` by a team lead or manager accepts it.
 * Whose explanation counts and who may accept is decided by shared/explanations.ts, not here.
 */
import type { DateKey, MonthKey, WeekKey } from '../types.js';
import { istanbulDay } from './days.js';
import { foldTurkish } from './fold.js';
import { dateCandidates } from './for-date.js';

/** The period an explanation is for: a day, an ISO week or a month (the keys the evidence rows use). */
export type PeriodKey = DateKey | WeekKey | MonthKey;

// On folded text. `#aciklama` (also typed `#açıklama`, `#ACIKLAMA`) or `#explanation`; the acceptance tag
// carries `-onay` / `-accepted`. The word must end there (`#aciklamalar` is no tag).
const EXPLAIN = /(?:^|[\s*_([])#\s?(?:aciklama|explanation)(?![\p{L}\p{N}-])/u;
const ACCEPT = /(?:^|[\s*_([])#\s?(?:aciklama-onay[i]?|explanation-accepted)(?![\p{L}\p{N}-])/u;
const HEAD = /^[ \t]*(?:\*\*|[:;,–—-])?[ \t]*/u;
const TEXT_SEP = /^[ \t]*(?:\)[ \t]*)?[:;,.–—-]?[ \t]*/u;
/** Cheap test on the raw text before folding (every comment of a board passes here): a `#` right before either tag word. */
const MAYBE = /#\s?(?:a[cç][iıİ]klama|explanation)/iu;
/** An explanation's text is kept up to this length (a paragraph, not a wall of text). */
export const MAX_EXPLANATION = 1000;

export interface ParsedExplanation {
  period: PeriodKey;
  /** The explanation in the writer's words (original letters, trimmed). */
  text: string;
}

/** The period written right after a tag at `tagEnd` in folded `folded`, and where it ends; null when none. */
function periodAfter(folded: string, tagEnd: number, postedDay: DateKey): { period: PeriodKey; end: number } | null {
  const lineEnd = folded.indexOf('\n', tagEnd);
  const line = folded.slice(tagEnd, lineEnd === -1 ? folded.length : lineEnd);
  const head = HEAD.exec(line)?.[0].length ?? 0;
  // monthly = true: `Kasım 2026` right after the tag names the month.
  for (const c of dateCandidates(line, postedDay, true)) {
    if (c.index < head) continue;
    if (c.index > head) break;
    const r = c.attempt();
    if (!r || !('ok' in r)) continue;
    const period = r.ok.forWeek ?? r.ok.forMonth ?? r.ok.forDate;
    return { period, end: tagEnd + c.index + c.raw.length };
  }
  return null;
}

/** Folded text, and the original text when folding kept every position (it does for Turkish letters and ASCII). */
function fold(text: string): { folded: string; aligned: boolean } {
  const folded = foldTurkish(text);
  return { folded, aligned: folded.length === text.length };
}

/**
 * The explanation a comment carries: its period and text, or null (no tag, no period right after it, or no
 * text). A day without a year is the most recent such day on or before the posting day (an exception lies in
 * the past). An acceptance tag is not an explanation.
 * @example parseExplanation('#açıklama 26.11: müşteri kapalıydı', '2026-11-27T09:00:00Z') // { period: '2026-11-26', text: 'müşteri kapalıydı' }
 */
export function parseExplanation(text: string, postedAt: string): ParsedExplanation | null {
  if (!MAYBE.test(text)) return null;
  const { folded, aligned } = fold(text);
  const tag = EXPLAIN.exec(folded);
  if (!tag) return null;
  const postedDay = istanbulDay(postedAt);
  if (!postedDay) return null;
  const p = periodAfter(folded, tag.index + tag[0].length, postedDay);
  if (!p) return null;
  const rest = aligned ? text.slice(p.end) : folded.slice(p.end);
  const said = rest.replace(TEXT_SEP, '').replace(/\s+/g, ' ').trim().slice(0, MAX_EXPLANATION);
  return said ? { period: p.period, text: said } : null;
}

/** The period a `#açıklama-onay` comment accepts the explanation of, or null. */
export function parseExplanationAcceptance(text: string, postedAt: string): PeriodKey | null {
  if (!MAYBE.test(text)) return null;
  const folded = foldTurkish(text);
  const tag = ACCEPT.exec(folded);
  if (!tag) return null;
  const postedDay = istanbulDay(postedAt);
  if (!postedDay) return null;
  return periodAfter(folded, tag.index + tag[0].length, postedDay)?.period ?? null;
}

/** The comment a form writes: `#açıklama 26.11.2026: …` (the period as the glossary writes it). */
export function formatExplanation(periodWords: string, text: string): string {
  return `#açıklama ${periodWords}: ${text.replace(/\s+/g, ' ').trim()}`;
}
