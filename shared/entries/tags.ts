// Tag recognition (docs/grammar.md): `#word` at the start, after white space or after markdown
// emphasis/brackets (also a heading `## Günlük`, but `##günlük` is no tag); `#` may be followed by one
// space; the word must end there.
import type { EntryKind } from '../types.js';

/** Folded tag word → kind. Turkish, ASCII-typed Turkish and English (docs/grammar.md, table). */
export const TAG_WORDS: Readonly<Record<string, EntryKind>> = {
  gunluk: 'daily',
  daily: 'daily',
  haftalik: 'weekly',
  weekly: 'weekly',
  aylik: 'monthly',
  monthly: 'monthly',
  tanisma: 'intro',
  intro: 'intro',
  ulasilamadi: 'unreachable',
  unreachable: 'unreachable',
  canli: 'golive',
  golive: 'golive',
  'go-live': 'golive',
  gecikme: 'delay',
  delay: 'delay',
  // An escalation on record (P11, P20, R14): who was told is in the text (shared/escalations.ts).
  bildirildi: 'escalation',
  escalated: 'escalation',
};

/** The tag the Power-Up forms write for each kind (Turkish, canonical). */
export const CANONICAL_TAG: Readonly<Record<EntryKind, string>> = {
  daily: '#günlük',
  weekly: '#haftalık',
  monthly: '#aylık',
  intro: '#tanışma',
  unreachable: '#ulaşılamadı',
  golive: '#canlı',
  delay: '#gecikme',
  escalation: '#bildirildi',
};

export interface TagHit {
  kind: EntryKind;
  /** Index of `#` in the folded text. */
  index: number;
  /** Index just after the tag word. */
  end: number;
}

// White space (incl. NBSP and zero-width marks pasted from other apps), markdown emphasis, brackets.
// The zero-width joiner stands alone (an alternative, not in the class): in a class Biome reads it as joining its neighbours.
const BEFORE_TAG = /[\s*_~([#\u200b\u200c\u2060\ufeff]|\u200d/u;
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/** Letter, mark or digit; ASCII decided by code (hot loop on pasted walls of text). */
function isWordChar(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  return WORD_CHAR.test(s[i] ?? '');
}

function canPrecede(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  // space, tab, LF, CR, * _ ~ ( [ #
  if (c === 32 || c === 9 || c === 10 || c === 13 || c === 42 || c === 95 || c === 126 || c === 40 || c === 91 || c === 35) return true;
  return c >= 128 || (c >= 11 && c <= 12) ? BEFORE_TAG.test(s[i] ?? '') : false;
}
/** Longest tag word is 11 letters; never read further than this past a `#`. */
const MAX_WORD = 12;

/**
 * Every tag in folded text (see foldTurkish), in order. Linear: each `#` looks at most MAX_WORD characters ahead.
 * @example
 * findTags('**#gunluk** #haftalik').map((t) => t.kind) // ['daily', 'weekly']
 */
export function findTags(folded: string): TagHit[] {
  const hits: TagHit[] = [];
  let i = folded.indexOf('#');
  while (i !== -1) {
    // After another `#` only as a markdown heading (`## Günlük`): `##günlük` is no tag.
    const heading = i > 0 && folded.charCodeAt(i - 1) === 35;
    if (i === 0 || (heading ? folded[i + 1] === ' ' : canPrecede(folded, i - 1))) {
      let j = i + 1;
      if (folded[j] === ' ') j++;
      let k = j;
      while (k < folded.length && k - j <= MAX_WORD && isWordChar(folded, k)) k++;
      // `#go-live`: the one tag word with a hyphen.
      if (folded.startsWith('go-live', j) && k === j + 2) k = j + 7;
      const word = folded.slice(j, k);
      const ended = k >= folded.length || !isWordChar(folded, k);
      const kind = TAG_WORDS[word];
      if (kind && ended && Object.hasOwn(TAG_WORDS, word)) {
        hits.push({ kind, index: i, end: k });
      }
    }
    i = folded.indexOf('#', i + 1);
  }
  return hits;
}
