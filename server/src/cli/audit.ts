// `nabiz audit`: evaluate a Trello board JSON export offline (DESIGN §7, issue 2 item 7).
import { readFileSync } from 'node:fs';
import { checkOutPath, parseNow, writeOut } from './args.js';
import { parseArgs } from 'node:util';
import { evaluateBoard } from '../../../shared/compliance.js';
import { snapshotFromTrello, TrelloExportError } from '../../../shared/trello-export.js';
import type { AuditResult, BoardSnapshot, Locale } from '../../../shared/types.js';
import { renderAuditCsv, renderAuditHtml } from '../reports/audit-format.js';
import { renderAuditPdf } from '../reports/audit-pdf.js';
import { UsageError, type CliCommand } from './types.js';

const FORMATS = ['json', 'csv', 'html', 'pdf'] as const;
type Format = (typeof FORMATS)[number];

const HELP = `Usage: nabiz audit --export FILE [--now ISO] [--format json|csv|html|pdf] [--out FILE] [--lang tr|en]

Evaluates a Trello board JSON export (board menu → Print, export and share → Export as JSON)
with every compliance rule, offline, and prints {"findings":[…],"summary":{…}}.

  --export FILE   the board export (required)
  --now WHEN      evaluate as of this instant: 2026-11-23T09:00:00+03:00, 2026-11-23T09:00 (Istanbul)
                  or 2026-11-23 (00:00 Istanbul); default: the current time
  --format F      json (default), csv (";"-separated, for Excel), html (for a team lead) or pdf (for a
                  penalty review: summary per specialist and card, then the findings by card)
  --out FILE      write there instead of stdout (required for pdf)
  --lang L        tr (default) or en, for csv/html/pdf texts

Periods are judged only once they have ended (Europe/Istanbul). An export holding Trello's cap of
1000 actions is cut: periods before its oldest action are not judged (summary.historyCut).
Exit codes: 0 ok · 2 bad flags or a malformed export.
Example: nabiz audit --export pano.json --now 2026-11-23T09:00:00+03:00 --format html --out denetim.html
         nabiz audit --export pano.json --now 2026-11-23T09:00:00+03:00 --format pdf --out denetim.pdf
`;

/** Reads and evaluates an export file; throws UsageError (one line) for anything malformed. */
export function auditExportFile(file: string, now: Date): { snapshot: BoardSnapshot; result: AuditResult } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `export file ${file} does not exist` : `cannot read export file ${file}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UsageError(`export file ${file} is not JSON: ${(e as Error).message}`);
  }
  let snapshot: BoardSnapshot;
  try {
    snapshot = snapshotFromTrello(json);
  } catch (e) {
    if (e instanceof TrelloExportError) throw new UsageError(`export file ${file} is ${e.message}`);
    throw e;
  }
  return { snapshot, result: evaluateBoard(snapshot, now) };
}

export const command: CliCommand = {
  help: HELP,
  async run(argv, io) {
    let values;
    try {
      ({ values } = parseArgs({
        args: argv,
        options: {
          export: { type: 'string' },
          now: { type: 'string' },
          format: { type: 'string', default: 'json' },
          out: { type: 'string' },
          lang: { type: 'string', default: 'tr' },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
      }));
    } catch (e) {
      throw new UsageError(`${(e as Error).message} (see nabiz audit --help)`);
    }
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    if (!FORMATS.includes(values.format as Format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${values.format}")`);
    const format = values.format as Format;
    if (values.lang !== 'tr' && values.lang !== 'en') throw new UsageError(`--lang must be tr or en (got "${values.lang}")`);
    const locale = values.lang as Locale;
    if (format === 'pdf' && !values.out) throw new UsageError('--format pdf writes a binary file: give --out FILE (e.g. --out denetim.pdf)');
    if (!values.export) throw new UsageError('--export FILE is required (a Trello board JSON export)');
    checkOutPath(values.out);
    let now: Date;
    if (values.now) {
      now = parseNow(values.now)!;
    } else {
      now = new Date();
      io.stderr(`nabiz audit: no --now given, evaluating as of the current time ${now.toISOString()}\n`);
    }

    const { snapshot, result } = auditExportFile(values.export, now);
    if (snapshot.historyCut) {
      io.stderr(`nabiz audit: the export holds Trello's cap of 1000 actions; history is complete only from ${result.summary.historyFrom} and nothing earlier was judged\n`);
    }
    const ctx = { snapshot, now, locale };
    if (format === 'pdf') {
      writeOut(values.out!, await renderAuditPdf(result, ctx));
      return 0;
    }
    const out =
      format === 'json'
        ? JSON.stringify({ findings: result.findings, summary: result.summary }, null, 2) + '\n'
        : format === 'csv'
          ? renderAuditCsv(result, ctx)
          : renderAuditHtml(result, ctx);
    if (values.out) writeOut(values.out, out);
    else io.stdout(out);
    return 0;
  },
};
