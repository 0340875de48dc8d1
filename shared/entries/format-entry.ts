// formatEntry: the canonical text the Power-Up forms post (docs/grammar.md), e.g.
//   #haftalık 48. hafta (23.11–29.11.2026)
//   Disk: 3,1 / 4 GB
//   Trafik: 120 / 200 GB
//   bilgilendirildi, optimize edildi
//   <note>
// parseEntry(formatEntry(d), anyPostedAt) gives back d's kinds, period, readings and actions.
import type { EntryDraft, EntryKind, QuotaAction, Reading } from '../types.js';
import { formatTrNumber } from './numbers.js';
import { CANONICAL_TAG } from './tags.js';
import { maxOf } from '../arrays.js';
import { formatMonth, formatWeek } from '../i18n.js';

const ACTION_TEXT: Record<QuotaAction, string> = {
  informed: 'bilgilendirildi',
  optimized: 'optimize edildi',
  upgradeSuggested: 'ek kota önerildi',
};
const ACTION_ORDER: QuotaAction[] = ['informed', 'optimized', 'upgradeSuggested'];

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;

/** Sizes in GB, or MB/KB when GB would round to 0 (a total of "0 GB" would not read back). */
function sizes(values: number[]): { unit: string; show: (gb: number) => string } {
  const max = maxOf(values);
  for (const [unit, f] of [
    ['GB', 1],
    ['MB', 1024],
    ['KB', 1024 * 1024],
  ] as const) {
    if (formatTrNumber(max * f) !== '0' || unit === 'KB') return { unit, show: (gb) => formatTrNumber(gb * f) };
  }
  return { unit: 'GB', show: (gb) => formatTrNumber(gb) };
}

/**
 * The value part of a reading line, or null when the reading holds nothing printable.
 * @example formatReading({ usedGB: 3.1, totalGB: 4 }) // '3,1 / 4 GB'
 */
export function formatReading(r: Reading): string | null {
  const used = finite(r.usedGB) ? r.usedGB : undefined;
  const total = finite(r.totalGB) ? r.totalGB : undefined;
  const pct = finite(r.percent) ? r.percent : undefined;
  if (r.unlimited) {
    if (used === undefined) return 'sınırsız';
    const s = sizes([used]);
    return `${s.show(used)} ${s.unit} / sınırsız`;
  }
  if (used !== undefined && total !== undefined && total > 0) {
    const s = sizes([used, total]);
    return `${s.show(used)} / ${s.show(total)} ${s.unit}`;
  }
  if (total !== undefined && total > 0 && pct !== undefined) {
    const s = sizes([total]);
    return `%${formatTrNumber(pct)}, toplam ${s.show(total)} ${s.unit}`;
  }
  if (used !== undefined) {
    const s = sizes([used]);
    return pct !== undefined ? `${s.show(used)} ${s.unit} (%${formatTrNumber(pct)})` : `${s.show(used)} ${s.unit}`;
  }
  if (total !== undefined && total > 0) {
    const s = sizes([total]);
    return `toplam ${s.show(total)} ${s.unit}`;
  }
  if (pct !== undefined) return `%${formatTrNumber(pct)}`;
  return null;
}

/** The period as the glossary writes it: `50. hafta (07.12–13.12.2026)`, `Kasım 2026`, `07.12.2026` (never ISO keys). */
function period(d: EntryDraft): string {
  const week = /^(\d{4})-?[wW](\d{1,2})$/.exec(d.forWeek ?? '');
  if (week) return formatWeek(`${week[1]}-W${(week[2] ?? '').padStart(2, '0')}`, 'tr');
  if (d.forMonth && /^\d{4}-\d{2}$/.test(d.forMonth)) return formatMonth(d.forMonth, 'tr');
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d.forDate ?? '');
  if (day) return `${day[3]}.${day[2]}.${day[1]}`;
  return '';
}

/**
 * The canonical entry text: Turkish tags and the period on the first line, then `Disk:` and
 * `Trafik:` readings with a decimal comma, the quota actions, and the note.
 *
 * @example
 * formatEntry({ kinds: ['weekly'], forWeek: '2026-W48', readings: { disk: { usedGB: 3.1, totalGB: 4 } } })
 * // '#haftalık 48. hafta (23.11–29.11.2026)\nDisk: 3,1 / 4 GB'
 */
export function formatEntry(draft: EntryDraft): string {
  const kinds: EntryKind[] = [];
  for (const k of draft.kinds ?? []) if (CANONICAL_TAG[k] && !kinds.includes(k)) kinds.push(k);
  const lines: string[] = [];
  const head = [...kinds.map((k) => CANONICAL_TAG[k]), period(draft)].filter(Boolean).join(' ');
  if (head) lines.push(head);
  const disk = draft.readings?.disk ? formatReading(draft.readings.disk) : null;
  if (disk) lines.push(`Disk: ${disk}`);
  const traffic = draft.readings?.traffic ? formatReading(draft.readings.traffic) : null;
  if (traffic) lines.push(`Trafik: ${traffic}`);
  const actions = ACTION_ORDER.filter((a) => draft.actions?.includes(a));
  if (actions.length) lines.push(actions.map((a) => ACTION_TEXT[a]).join(', '));
  const note = (draft.note ?? '').replace(/\s+$/u, '');
  if (note) lines.push(note);
  return lines.join('\n');
}
