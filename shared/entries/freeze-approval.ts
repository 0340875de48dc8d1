/**
 * R20: a lead's or manager's approval of a service freeze written as a comment (docs/grammar.md "Freeze
 * approval"): `#dondurma-onay 01.12–15.12`, `#dondurma-onay 01.12.2026-15.12.2026` or
 * `#freeze-approval 2026-12-01 – 2026-12-15`. Who wrote it is checked by the rules (only NABIZ_PEOPLE's leads
 * and managers approve). A day and month without a year take the posting year, or the next one when that day
 * would lie more than six months before the posting day (an approval is for a coming freeze, or a recent one).
 */
import { addDays, dateKey, isDateKey } from '../dates.js';
import type { DateKey } from '../types.js';

const TAG = /(?:^|[\s*_([])#\s?(?:dondurma-onay[ıi]?|dondurma-onay|freeze-approval)(?![\p{L}\p{N}-])/iu;
const DAY = String.raw`(\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}(?:[./]\d{4})?)`;
const RANGE = new RegExp(String.raw`^\s*:?\s*${DAY}\s*(?:[-–—]|\.\.)\s*${DAY}`, 'u');

function toKey(raw: string, postedDay: DateKey, notBefore?: DateKey): DateKey | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return isDateKey(raw) ? raw : null;
  // A missing part is NaN: no valid key is built from it.
  const [d = Number.NaN, m = Number.NaN, y] = raw.split(/[./]/).map(Number);
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (y !== undefined) {
    const k = `${y}-${pad(m)}-${pad(d)}`;
    return isDateKey(k) ? k : null;
  }
  let year = Number(postedDay.slice(0, 4));
  let k = `${year}-${pad(m)}-${pad(d)}`;
  if (!isDateKey(k)) return null;
  if (k < addDays(postedDay, -183) || (notBefore && k < notBefore)) {
    year++;
    k = `${year}-${pad(m)}-${pad(d)}`;
  }
  return isDateKey(k) ? k : null;
}

/** The approved range of a `#dondurma-onay` comment, or null when the text carries none. */
export function parseFreezeApproval(text: string, postedAt: string): { from: DateKey; to: DateKey } | null {
  const tag = TAG.exec(text);
  if (!tag) return null;
  const m = RANGE.exec(text.slice(tag.index + tag[0].length));
  if (!m) return null;
  const postedDay = dateKey(postedAt);
  const from = toKey(m[1] ?? '', postedDay);
  if (!from) return null;
  const to = toKey(m[2] ?? '', postedDay, from);
  if (!to || to < from) return null;
  return { from, to };
}
