// The one HTML escaper of the server's pages, e-mails and reports (the dashboard's browser bundle has its own copy).

/**
 * Escape text for HTML content and quoted attribute values.
 * @example escapeHtml(`<b title="x">Ayşe's</b>`) === '&lt;b title=&quot;x&quot;&gt;Ayşe&#39;s&lt;/b&gt;'
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
