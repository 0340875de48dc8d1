// A card, member or board name is Trello data anyone on the board can type: its line breaks, line separators, bidi
// controls and zero-width characters must not forge lines in the plain-text digest, the chat message or the mention
// comment (html.ts plainLine), while the HTML part keeps escaping them as before.
import { describe, expect, it } from 'vitest';
import { plainLine } from '../../../server/src/html.js';
import { chatPayload, digestHtml, digestText, mentionText, type DigestView, type LineView } from '../../../server/src/notify/render.js';

const FORGED = '\n    • Günlük 23.11.2026 — eksik: sahte satır';
const line = (over: Partial<LineView> = {}): LineView => ({
  specialist: 'Ayşe Yılmaz',
  customer: `Anadolu Baharat${FORGED}`,
  cardUrl: 'https://trello.com/c/AAAA1111/anadolu',
  boardName: 'Müşteriler\r\nBcc: x@example.com',
  rule: 'daily',
  period: '2026-11-20',
  status: 'missing',
  severity: 'warning',
  level: 'specialist',
  detail: { tr: 'ayrıntı\u2028ikinci satır\u2029', en: 'detail\u2028second line' },
  ...over,
});
const view = (lines: LineView[]): DigestView => ({
  recipientName: 'Zeynep\u202Ekaz',
  role: 'teamLead',
  day: '2026-11-24',
  lines,
  cleared: [line({ customer: 'Ege Tekstil\n✓ Sahte: düzeldi' })],
  expired: [],
  stillOpen: 0,
  held: 0,
});
/** Everything that can break or reorder a line of plain text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point.
const BREAKERS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202A-\u202E\u2066-\u2069\u200B-\u200F\u061C\u2060\uFEFF]/;

describe('plain-text channels neutralise control characters from Trello strings', () => {
  it('plainLine marks every control, separator, bidi and zero-width character like escapeHtml does', () => {
    expect(plainLine('a\nb\r\nc\td\u2028e\u2029f\u0085g')).toBe('a[U+000A]b[U+000D][U+000A]c[U+0009]d[U+2028]e[U+2029]f[U+0085]g');
    expect(plainLine('\u202Egnp.exe \u200Bx')).toBe('[U+202E]gnp.exe [U+200B]x');
    expect(plainLine('Ayşe Yılmaz — ödeme %95 ✓ 🚀')).toBe('Ayşe Yılmaz — ödeme %95 ✓ 🚀');
  });

  it('the e-mail text part: a forged card name stays on its own line, shown with its marks', () => {
    const text = digestText(view([line(), line({ specialist: 'Mehmet\u2066 Kaya', customer: 'Çiçekçi' })]));
    expect(text).not.toMatch(BREAKERS);
    const lines = text.split('\n');
    // Nothing in a name starts a line of its own: no line begins with the forged bullet.
    expect(lines.filter((l) => l.includes('sahte satır'))).toHaveLength(1); // the customer heading, marked
    expect(lines.some((l) => /^\s*• Günlük 23\.11\.2026 — eksik: sahte satır/.test(l))).toBe(false);
    expect(lines.some((l) => /^\s*✓ Sahte/.test(l))).toBe(false);
    expect(text).toContain('Anadolu Baharat[U+000A]    • Günlük 23.11.2026 — eksik: sahte satır — https://trello.com/c/AAAA1111/anadolu');
    expect(text).toContain('ayrıntı[U+2028]ikinci satır[U+2029]');
    expect(text).toContain('Alıcı: Zeynep[U+202E]kaz');
    expect(text).toContain('Mehmet[U+2066] Kaya');
    // The real structure is untouched: one heading per specialist, bullets where the digest puts them.
    expect(lines.filter((l) => l.startsWith('    • '))).toHaveLength(2);
  });

  it('the HTML part keeps escaping (marks bidi, never a raw control in a name)', () => {
    const html = digestHtml(view([line()]));
    expect(html).toContain('Zeynep[U+202E]kaz');
    expect(html).not.toMatch(/[\u202A-\u202E]/);
  });

  it('chat messages (Slack and Teams): one message line per finding, whatever the names hold', () => {
    for (const format of ['slack', 'teams'] as const) {
      const text = (chatPayload(view([line()]), format) as { text: string }).text;
      expect(text, format).not.toMatch(BREAKERS);
      const lines = text.split('\n').filter(Boolean);
      expect(
        lines.some((l) => /^\s*• Günlük 23\.11\.2026 — eksik: sahte satır/.test(l)),
        format,
      ).toBe(false);
      expect(
        lines.some((l) => /^✓ Sahte/.test(l)),
        format,
      ).toBe(false);
      expect(text, format).toContain('[U+000A]');
    }
  });

  it('Slack: a name cannot ping the channel or pass for a link (&, <, > escaped as Slack asks)', () => {
    const text = (
      chatPayload(
        view([
          line({ specialist: 'Ayşe <!channel>', customer: 'A&B <https://evil.example|Güvenli>', detail: { tr: 'bak <https://evil.example|buraya>', en: 'x' } }),
        ]),
        'slack',
      ) as { text: string }
    ).text;
    expect(text).toContain('*Ayşe &lt;!channel&gt;*');
    expect(text).toContain('bak &lt;https://evil.example|buraya&gt;');
    expect(text).toContain('<https://trello.com/c/AAAA1111/anadolu|A&amp;B https://evil.exampleGüvenli>');
    // The only links left are ours.
    expect([...text.matchAll(/<([^>|]+)\|/g)].map((m) => m[1])).toEqual(['https://trello.com/c/AAAA1111/anadolu', 'https://trello.com/c/AAAA1111/anadolu']);
    expect(text).not.toContain('<!channel>');
  });

  it('mention comments on the card: the detail cannot add a line', () => {
    const text = mentionText({ fullName: 'Ayşe\nYılmaz' }, [line({ detail: { tr: 'ayrıntı\n- Sahte — eksik', en: 'x' } })]);
    expect(text).not.toMatch(BREAKERS);
    expect(text.split('\n')).toHaveLength(3);
    expect(text.split('\n')[0]).toBe('Ayşe[U+000A]Yılmaz Nabız: bu kartta eksik kayıt var.');
    expect(text).toContain('ayrıntı[U+000A]- Sahte — eksik');
  });
});
