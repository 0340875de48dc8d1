// docs/grammar.md is what specialists copy from: every example in it must read the way it says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../shared/entries.js';
import { main } from '../../server/src/cli.js';

const DOC = readFileSync(new URL('../../docs/grammar.md', import.meta.url), 'utf8');
/** Friday 27 Nov 2026, 12:00 in Istanbul. */
const P = '2026-11-27T09:00:00Z';
const TODAY = '2026-11-27';

/** The rows of the table whose header line is `header`, as arrays of cells. */
function table(header: string, nth = 0): string[][] {
  const lines = DOC.split('\n');
  const starts = lines.flatMap((l, i) => (l.trim() === header ? [i] : []));
  const start = starts[nth];
  if (start === undefined) throw new Error(`no table "${header}" #${nth} in docs/grammar.md`);
  const rows: string[][] = [];
  for (let i = start + 2; i < lines.length && lines[i]!.startsWith('|'); i++) rows.push(lines[i]!.split('|').slice(1, -1));
  return rows;
}
const codes = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

describe('docs/grammar.md examples read as documented', () => {
  it('every example comment block is an entry without warnings (or, when it says so, no entry)', () => {
    const blocks = [...DOC.matchAll(/```text\n([\s\S]*?)```\n(\*[^\n]*\*)?/g)];
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    for (const [, text, caption] of blocks) {
      const e = parseEntry(text!.trimEnd(), P);
      if (caption?.includes('not an entry')) expect(e, text).toBeNull();
      else expect(e?.warnings, text).toEqual([]);
    }
  });

  it('the for-date table: each form names a day, week or month, without warnings', () => {
    const rows = table('| you write | the entry is for |');
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const [write] of rows) {
      const forms = codes(write!);
      const tag = forms[0]!.split(' ')[0]!;
      for (const f of forms) {
        const text = f.startsWith('#') ? f : `${tag} ${f}`;
        const e = parseEntry(text, P)!;
        // October is a month before P: that warns "check the date" (docs/grammar.md), the form itself is fine.
        expect(
          e.warnings.filter((w) => !w.endsWith(': check the date')),
          text,
        ).toEqual([]);
        expect(e.forDate !== TODAY || e.forWeek !== undefined || e.forMonth !== undefined, text).toBe(true);
      }
    }
  });

  it('the clock-time table: none of them moves the entry off the posting day', () => {
    const rows = table('| you write | read as |', 0);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const [write] of rows) {
      for (const f of codes(write!)) expect(parseEntry(`#günlük ${f} eğitim`, P)?.forDate, f).toBe(TODAY);
    }
  });

  it('the yesterday/weekday table: each form moves the entry to an earlier day', () => {
    const rows = table('| you write | the entry is for |', 1);
    expect(rows.length).toBe(3);
    for (const [write] of rows) {
      for (const f of codes(write!)) {
        const e = parseEntry(f, '2026-12-01T09:00:00Z')!; // a Tuesday
        expect(e.forDate < '2026-12-01', f).toBe(true);
        expect(e.warnings, f).toEqual([]);
      }
    }
  });

  it('the traps table: each example reads as its row says', () => {
    const rows = table('| you write | Nabız reads |');
    const want: Record<string, string> = {
      '#günlük 12.12 kampanyası hazırlandı': TODAY,
      "#günlük 13.12'de eğitim yapıldı": TODAY,
      "#günlük 20.11'de arandı": '2026-11-20',
      '#günlük 30.11 ay sonu kontrolü': '2026-11-30',
      '#günlük Kampanya kurgusu 25.11 indirimi için …': TODAY,
    };
    const firsts = rows.map(([write]) => codes(write!)[0]!);
    expect(firsts.sort()).toEqual(Object.keys(want).sort());
    for (const [text, day] of Object.entries(want)) expect(parseEntry(text, '2026-12-01T09:00:00Z')?.forDate, text).toBe(day === TODAY ? '2026-12-01' : day);
  });

  it('the readings table: each form gives a reading without warnings', () => {
    const rows = table('| you write | read as |', 1);
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const [write] of rows) {
      for (const f of codes(write!)) {
        const text = f.startsWith('#') ? f : `#haftalık\n${/^(disk|kota|quota|trafik|traffic)/i.test(f) ? f : `Disk: ${f}`}`;
        const e = parseEntry(text, P)!;
        expect(e.warnings, text).toEqual([]);
        expect(Object.keys(e.readings).length, text).toBeGreaterThan(0);
      }
    }
  });

  it('the command-line example prints exactly the output shown', async () => {
    const input = /echo '([^']+)'/.exec(DOC)![1]!;
    const shown = /```json\n([^\n]+)\n```/.exec(DOC)![1]!;
    let out = '';
    const code = await main(['parse', '--jsonl'], { stdout: (s) => void (out += s), stderr: () => {}, stdin: async () => input, env: {} });
    expect(code).toBe(0);
    expect(out.trim()).toBe(shown);
  });
});
