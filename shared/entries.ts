// The comment grammar (docs/grammar.md): parse + format. Implementation in ./entries/.
export { parseEntry, GRAMMAR_VERSION, redatedDays, periodEnd as entryLastDay, MAX_REDATE_DAYS } from './entries/parse-entry.js';
export { formatEntry, formatReading } from './entries/format-entry.js';
export { foldTurkish } from './entries/fold.js';
export { findTags, TAG_WORDS, CANONICAL_TAG, type TagHit } from './entries/tags.js';
export { readValue, type ReadingKind } from './entries/readings.js';
export { parseTrNumber, formatTrNumber } from './entries/numbers.js';
