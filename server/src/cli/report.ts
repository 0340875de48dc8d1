// `nabiz report`: the evidence report of penalty reviews (R62) over the data the scans stored (the store).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { storeErrorsAsConfigErrors } from '../config.js';
import { isPostgresUrl, openStore } from '../store/store.js';
import { witnessFileFor } from '../store/witness.js';
import { ReportInputError } from '../reports/evidence-model.js';
import { createEvaluator, evidenceFromStore } from '../reports/evaluate.js';
import { REPORT_FORMATS, renderCsv, renderHtml, renderJsonParts, verificationLine } from '../reports/evidence-render.js';
import { renderPdf } from '../reports/evidence-pdf.js';
import { APPENDIX_MODES, reportFileName } from '../reports/evidence-view.js';
import { checkOutPath, isOneOf, loadCliConfig, parseFlags, parseNow, writeOut } from './args.js';
import { UsageError, type CliCommand } from './types.js';

const HELP = `Usage: nabiz report --board ID [--card ID] [--member ID] --from DATE --to DATE
                    [--format html|pdf|csv|json] [--out FILE|DIR] [--lang tr|en] [--appendix compact|none]
                    [--db LOCATION] [--now ISO]

Evidence report for a penalty review. HTML and PDF read top-down: the summary per rule (judged, on
time, late, missing, edited after the period, deleted), then only the exceptions with their evidence
(Trello action id, author, posted time in Istanbul, for-date, excerpt, marks, the original text of an
edit), then the on-time periods as a compact appendix. CSV and JSON list every period with its entry.
Also: the ledger range and its hash-chain verification, generation time, the handbook and rules version.

  --board ID     Trello board id (required)
  --card ID      only this card (id or short link)
  --member ID    only periods this member answered for (Trello member id or username)
  --from DATE    first day, YYYY-MM-DD (Europe/Istanbul)
  --to DATE      last day, YYYY-MM-DD
  --format F     html (default), pdf, csv or json
  --out FILE     write there; a directory: write there as nabiz-kanit-<specialist>-<period>.<ext>;
                 without it the report goes to stdout (pdf: only when stdout is not a terminal)
  --appendix A   compact (default): on-time periods as dates after the exceptions; none: left out (html, pdf)
  --lang L       tr (default) or en
  --db LOCATION  the store: SQLite file or postgres://… (default: DATABASE_URL, or data/nabiz-data.sqlite)
  --now WHEN     evaluate as of this instant: 2026-11-23T09:00:00+03:00, 2026-11-23T09:00 (Istanbul) or 2026-11-23 (default: now)

Exit codes: 0 ok · 1 the ledger failed verification (the report is still written and says where) · 2 bad input.
Example: nabiz report --board 5f1a… --member 5f2b… --from 2026-11-01 --to 2026-11-30 --format pdf --out kasim.pdf
`;

export const command: CliCommand = {
  help: HELP,
  async run(argv, io) {
    const values = parseFlags(
      argv,
      {
        board: { type: 'string' },
        card: { type: 'string' },
        member: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        format: { type: 'string', default: 'html' },
        out: { type: 'string' },
        lang: { type: 'string', default: 'tr' },
        appendix: { type: 'string', default: 'compact' },
        db: { type: 'string' },
        now: { type: 'string' },
      },
      HELP,
      io,
    );
    if (!values) return 0;
    if (!values.board) throw new UsageError('--board is required (a Trello board id)');
    if (!values.from || !values.to) throw new UsageError('--from and --to are required (YYYY-MM-DD)');
    const format = values.format;
    if (!isOneOf(REPORT_FORMATS, format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')} (got "${values.format}")`);
    const lang = values.lang;
    if (lang !== 'tr' && lang !== 'en') throw new UsageError(`--lang must be tr or en (got "${values.lang}")`);
    const appendix = values.appendix;
    if (!isOneOf(APPENDIX_MODES, appendix)) throw new UsageError(`--appendix must be one of ${APPENDIX_MODES.join(', ')} (got "${values.appendix}")`);
    const now = parseNow(values.now) ?? new Date();
    // --out may name a folder: the file inside gets the specialist's name and the period (reportFileName).
    const outIsFolder = values.out !== undefined && existsSync(values.out) && statSync(values.out).isDirectory();
    if (!outIsFolder) checkOutPath(values.out);
    if (format === 'pdf' && !values.out && process.stdout.isTTY) {
      throw new UsageError('--format pdf writes binary: give --out FILE or redirect stdout to a file');
    }

    const config = loadCliConfig(io.env);
    const location = values.db ?? config.DATABASE_URL;
    if (!isPostgresUrl(location) && !existsSync(location.replace(/^sqlite:/i, ''))) {
      throw new UsageError(`the store ${location} does not exist (set DATABASE_URL or --db; run \`nabiz scan\` first)`);
    }
    // The service may be writing the same store: reads see committed data only.
    const store = await storeErrorsAsConfigErrors(() => openStore(location, { witnessFile: witnessFileFor(location, config.DATA_FILE, config.WITNESS_FILE) }));
    let report: Awaited<ReturnType<typeof evidenceFromStore>>;
    try {
      report = await evidenceFromStore(
        store,
        {
          boardId: values.board,
          ...(values.card ? { cardId: values.card } : {}),
          ...(values.member ? { memberId: values.member } : {}),
          from: values.from,
          to: values.to,
        },
        now,
        createEvaluator(undefined, config.people),
      );
    } catch (e) {
      if (e instanceof ReportInputError) throw new UsageError(e.message);
      throw e;
    } finally {
      await store.close();
    }

    const body: string | Buffer | Iterable<string> =
      format === 'pdf'
        ? await renderPdf(report, lang, { appendix })
        : format === 'csv'
          ? renderCsv(report, lang)
          : format === 'json'
            ? renderJsonParts(report)
            : renderHtml(report, lang, { appendix });
    if (values.out) {
      const out = outIsFolder ? join(values.out, reportFileName(report, format, lang)) : values.out;
      writeOut(out, body);
      io.stderr(`nabiz report: wrote ${out} (${report.cards.length} cards, ${Object.values(report.totals).reduce((n, x) => n + x.periods, 0)} periods)\n`);
    } else if (typeof body === 'string') io.stdout(body);
    else if (body instanceof Uint8Array) process.stdout.write(body);
    else for (const part of body) io.stdout(part);

    if (!report.ledger.verification.ok) {
      io.stderr(`nabiz report: ${verificationLine(report, 'en')}\n`);
      return 1;
    }
    return 0;
  },
};
