// The one HTML escaper of the server's pages, e-mails and reports (the dashboard's browser bundle has its own copy).

/**
 * Escape text for HTML content and quoted attribute values.
 * @example escapeHtml(`<b title="x">Ayşe's</b>`) === '&lt;b title=&quot;x&quot;&gt;Ayşe&#39;s&lt;/b&gt;'
 */
export function escapeHtml(s: string): string {
  return markInvisible(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
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
