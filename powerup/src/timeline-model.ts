// The card back's "recent entries": the card's comments read with the comment grammar
// (docs/grammar.md), newest first as Trello lists them, with what could not be read (a reading
// with a total of 0, a negative amount …) so the specialist can fix the comment in Trello.
import { parseEntry } from '../../shared/entries.js';
import type { EntryKind } from '../../shared/types.js';

export interface TimelineItem {
  at: string;
  kinds: EntryKind[];
  /** First line of the comment, shortened. */
  text: string;
  author?: string;
  /** The grammar's warnings (English, as `nabiz parse` prints them); the entry still counts. */
  warnings: string[];
}

/**
 * The newest `limit` entries among a card's comments (newest first, as Trello lists them).
 * @example timelineItems([{ date: '2026-11-27T09:00:00Z', text: '#günlük aradım' }]) // [{ kinds: ['daily'], warnings: [], … }]
 */
export function timelineItems(comments: ReadonlyArray<{ date: string; text: string; author?: string }>, limit = 8): TimelineItem[] {
  const out: TimelineItem[] = [];
  for (const c of comments) {
    if (out.length >= limit) break;
    const e = parseEntry(c.text, c.date);
    if (!e) continue;
    const item: TimelineItem = { at: c.date, kinds: e.kinds, text: (c.text.split('\n', 1)[0] ?? '').slice(0, 120), warnings: e.warnings };
    if (c.author) item.author = c.author;
    out.push(item);
  }
  return out;
}
