// `nabiz parse --jsonl`: run the entry grammar (docs/grammar.md, docs/operations.md) over JSON lines on stdin.
import { z } from 'zod';
import { parseEntry } from '../../../shared/entries.js';
import { isRecord } from '../../../shared/guards.js';
import type { CliCommand } from './types.js';
import { UsageError } from './types.js';

const HELP = `Usage: nabiz parse --jsonl < comments.jsonl

Reads one JSON object per line on standard input:
  {"id": "<any id>", "text": "<comment text>", "postedAt": "2026-11-23T10:00:00Z"}
and writes one JSON line per input line, in the same order:
  {"id": "...", "entry": {"kinds": [...], "forDate": "2026-11-23", "late": false,
                          "readings": {...}, "actions": [...], "warnings": [...]}}
  {"id": "...", "entry": null}            the comment has no tag (#günlük, #haftalık, …)
  {"id": "...", "error": "line 3: ..."}   the input line was unusable; the others are still read
Blank lines are skipped. Exit code: 0, or 2 when any line was unusable.

Fields of "entry" (docs/grammar.md):
  forDate    the day the entry is for (a week: its Monday; a month: its 1st); a date written
             without a year is the most recent such day on or before the posting day
  forWeek, forMonth   present when the comment names a week or a month
  late       RAW: posted after the day/week/month it is for had ended (Istanbul time). It is
             not a finding: the rules decide lateness (a monthly report, for example, is on
             time until the end of the 3rd working day of the next month)
  readings   disk/traffic: usedGB, totalGB, percent (exact, not rounded), unlimited
  warnings   what could not be read (the entry still counts)

Options:
  --jsonl   read JSON lines (required)
  --help    show this help

Example:
  echo '{"id":"a1","text":"#haftalık 2026-W48\\nDisk: 3,1 / 4 GB","postedAt":"2026-11-27T09:00:00Z"}' | npx nabiz parse --jsonl
`;

const InputLine = z.object({
  id: z.union([z.string(), z.number()], { error: 'must be a string or a number' }),
  text: z.string({ error: 'must be a string' }),
  postedAt: z.iso.datetime({ offset: true, error: 'must be an ISO time such as 2026-11-23T10:00:00Z' }),
});

function idOf(v: unknown): string | number | null {
  const id = isRecord(v) ? v.id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

export const command: CliCommand = {
  help: HELP,
  async run(argv, io) {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout(HELP);
      return 0;
    }
    const unknown = argv.filter((a) => a !== '--jsonl');
    if (unknown.length) throw new UsageError(`unknown option "${unknown[0]}" (see nabiz parse --help)`);
    if (!argv.includes('--jsonl')) throw new UsageError('--jsonl is required: nabiz parse --jsonl < comments.jsonl');

    const input = (await io.stdin()).replace(/^\uFEFF/, ''); // a BOM from Windows editors
    let bad = 0;
    const lines = input.split('\n');
    for (let n = 0; n < lines.length; n++) {
      const raw = (lines[n] ?? '').replace(/\r$/, '');
      if (raw.trim() === '') continue;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch (err) {
        bad++;
        const why = err instanceof Error ? err.message : String(err);
        io.stdout(`${JSON.stringify({ id: null, error: `line ${n + 1}: not JSON (${why})` })}\n`);
        continue;
      }
      const parsed = InputLine.safeParse(json);
      if (!parsed.success) {
        bad++;
        const why = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
        io.stdout(`${JSON.stringify({ id: idOf(json), error: `line ${n + 1}: ${why}` })}\n`);
        continue;
      }
      const { id, text, postedAt } = parsed.data;
      io.stdout(`${JSON.stringify({ id, entry: parseEntry(text, postedAt) })}\n`);
    }
    if (bad) io.stderr(`nabiz parse: ${bad} line(s) could not be read (see "error" in the output)\n`);
    return bad ? 2 : 0;
  },
};
