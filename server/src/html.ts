// The one HTML escaper of the server's pages, e-mails and reports (the dashboard's browser bundle has its own copy),
// and its plain-text sibling for the e-mail text part, chat messages and Trello comments.

/**
 * Escape text for HTML content and quoted attribute values.
 * @example escapeHtml(`<b title="x">Ayşe's</b>`) === '&lt;b title=&quot;x&quot;&gt;Ayşe&#39;s&lt;/b&gt;'
 */
export function escapeHtml(s: string): string {
  return markInvisible(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Bidi controls (LRE…RLO, LRI…PDI, LRM/RLM/ALM) and zero-width characters (ZWSP, ZWNJ, ZWJ, WJ, BOM, MVS). */
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF\u180E]/g;

/**
 * Make invisible direction and zero-width characters visible as `[U+202E]`, so a name like "\u202Egnp.exe" cannot
 * pass for "exe.png" in a report or page (display spoofing). Applied by escapeHtml, the CSV cells and the PDFs.
 * @example markInvisible('a\u202Eb') === 'a[U+202E]b'
 */
export function markInvisible(s: string): string {
  return s.replace(INVISIBLE, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
}

/**
 * Line breaks and other controls: C0 (tab, CR, LF …), DEL, C1 (NEL …), the Unicode line and paragraph separators.
 * Inside one line of plain text each of them can forge a line or move the text (docs/operations.md "Limits").
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point here.
const LINE_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * One line of plain text (the text part of a digest, a chat message, a mention comment) built from strings Trello or
 * people supplied (card, board and member names, finding details): every control character, line or paragraph
 * separator, bidi control and zero-width character shows as `[U+000A]`, the way escapeHtml marks them, so a card
 * named "x\n    • forged finding" cannot add a line of its own. Apply it to each line before joining with "\n".
 * @example plainLine('Mağaza\n• sahte') === 'Mağaza[U+000A]• sahte'
 */
export function plainLine(s: string): string {
  return markInvisible(s).replace(LINE_CONTROLS, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
}
