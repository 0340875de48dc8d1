import { checkOutPath, isOneOf, parseNow, writeOut } from './args.js';
import { parseArgs } from 'node:util';
import { evaluateBoard } from '../../../shared/compliance.js';
import { snapshotFromTrello, TrelloExportError } from '../../../shared/trello-export.js';
import type { BoardSnapshot, ComplianceSummary, Locale } from '../../../shared/types.js';
import { renderAuditText } from '../reports/audit-summary.js';
import { bufferedSink, fileSink, writeAuditStreaming, type Sink } from '../reports/audit-stream.js';
import { renderAuditPdf } from '../reports/audit-pdf.js';
import { InputFileError, MAX_EXPORT_BYTES, readInputFile } from '../input-file.js';
import { UsageError, type CliCommand } from './types.js';
import { errorMessage, errorCode } from '../errors.js';

const FORMATS = ['text', 'json', 'csv', 'html', 'pdf'] as const;

const HELP = `Usage: nabiz audit --export FILE [--now ISO] [--format text|json|csv|html|pdf] [--out FILE] [--lang tr|en]

Evaluates a Trello board JSON export (board menu → Print, export and share → Export as JSON)
with every compliance rule, offline. The default output starts with a summary a team lead can read
(what was read, which cards are customers and from which day the board is judged, or why nothing is
judged yet), then one line per finding.

  --export FILE   the board export (required)
  --now WHEN      evaluate as of this instant: 2026-11-23T09:00:00+03:00, 2026-11-23T09:00 (Istanbul)
                  or 2026-11-23 (00:00 Istanbul); default: the current time
  --format F      text (default: summary, then the findings), json ({"judging":{…},"findings":[…],
                  "summary":{…}} for programs; judging.judged is false, with reason and message, when
                  nothing was judged), csv (";"-separated, for Excel), html (for a team lead) or pdf (for a
                  penalty review: summary per specialist and card, then the findings by card)
  --out FILE      write there instead of stdout (required for pdf)
  --lang L        tr (default) or en, for text/json/csv/html/pdf texts

Which cards are judged: open cards in the board's customer lists (settings; default every list), never
Trello template cards nor cards whose profile says "not a customer". A board without a tracking start
is judged from its first Nabız entry; a board without any entry is read but nothing is judged.
Periods are judged only once they have ended (Europe/Istanbul). An export holding Trello's cap of
1000 actions is cut: periods before its oldest action are not judged (summary.historyCut).
Exit codes: 0 the export was read and evaluated (findings or not) · 2 bad flags, an unreadable file or
an export that is not a board (one line on stderr). (1 is for ledger verification failures of
nabiz verify/report; an audit reads no ledger.)
Example: nabiz audit --export pano.json --now 2026-11-23T09:00:00+03:00
         nabiz audit --export pano.json --now 2026-11-23T09:00:00+03:00 --format pdf --out denetim.pdf
`;

/** Reads an export file into a snapshot; throws UsageError (one line) for anything malformed. */
export function readExportFile(file: string): BoardSnapshot {
  let text: string;
  try {
    // A regular file only, and capped: `--export /dev/zero` or a pipe would otherwise never return.
    text = readInputFile(file, MAX_EXPORT_BYTES);
  } catch (e) {
    if (e instanceof InputFileError) throw new UsageError(`export file ${e.message}`);
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UsageError(`export file ${file} is not JSON: ${errorMessage(e)}`);
  }
  let snapshot: BoardSnapshot;
  try {
    snapshot = snapshotFromTrello(json);
  } catch (e) {
    if (e instanceof TrelloExportError) throw new UsageError(`export file ${file} is ${e.message}`);
    throw e;
  }
  return snapshot;
}

const auditFlags = (argv: string[]) =>
  parseArgs({
    args: argv,
    options: {
      export: { type: 'string' },
      now: { type: 'string' },
      format: { type: 'string', default: 'text' },
      out: { type: 'string' },
      lang: { type: 'string', default: 'tr' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }).values;

export const command: CliCommand = {
  help: HELP,
  async run(argv, io) {
    let values: ReturnType<typeof auditFlags>;
    try {
      values = auditFlags(argv);
    } catch (e) {
      throw new UsageError(`${errorMessage(e)} (see nabiz audit --help)`);
    }
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    const format = values.format;
    if (!isOneOf(FORMATS, format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${values.format}")`);
    const lang = values.lang;
    if (lang !== 'tr' && lang !== 'en') throw new UsageError(`--lang must be tr or en (got "${values.lang}")`);
    const locale: Locale = lang;
    const out = values.out;
    if (format === 'pdf' && !out) throw new UsageError('--format pdf writes a binary file: give --out FILE (e.g. --out denetim.pdf)');
    if (!values.export) throw new UsageError('--export FILE is required (a Trello board JSON export)');
    checkOutPath(values.out);
    let now: Date;
    if (values.now) {
      now = parseNow(values.now);
    } else {
      now = new Date();
      io.stderr(`nabiz audit: no --now given, evaluating as of the current time ${now.toISOString()}\n`);
    }

    const snapshot = readExportFile(values.export);
    const ctx = { snapshot, now, locale };
    let summary: ComplianceSummary;
    if (format === 'pdf' || format === 'text') {
      // The PDF and the text summary need the whole result; json/csv/html go card by card below.
      const result = evaluateBoard(snapshot, now);
      summary = result.summary;
      if (format === 'pdf') writeOut(out ?? '', await renderAuditPdf(result, ctx));
      else if (values.out) writeOut(values.out, renderAuditText(snapshot, result, { now, locale }));
      else io.stdout(renderAuditText(snapshot, result, { now, locale }));
    } else if (values.out) {
      const out = values.out;
      let sink: Sink;
      try {
        sink = fileSink(out);
      } catch (e) {
        throw new UsageError(`--out ${out}: cannot write the file (${errorCode(e) ?? errorMessage(e)})`);
      }
      try {
        ({ summary } = writeAuditStreaming(snapshot, now, format, ctx, sink));
        sink.close();
      } catch (e) {
        const code = errorCode(e);
        if (code) throw new UsageError(`--out ${out}: cannot write the file (${code})`);
        throw e;
      }
    } else {
      const sink = bufferedSink(io.stdout);
      ({ summary } = writeAuditStreaming(snapshot, now, format, ctx, sink));
      sink.close();
    }
    if (snapshot.historyCut) {
      io.stderr(
        `nabiz audit: the export holds Trello's cap of 1000 actions; history is complete only from ${summary.historyFrom} and nothing earlier was judged\n`,
      );
    }
    return 0;
  },
};
