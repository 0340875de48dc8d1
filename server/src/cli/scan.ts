// `nabiz scan --once [--json] [--now ISO] [--full]`: scan the tracked boards, store evidence and findings.
// JSON output: `{ "<boardId>": { findings, summary } }` — per board exactly `nabiz audit`'s shape.
import type { AuditResult } from '../../../shared/types.js';
import { scanBoards, createScanRunner, type ScanResult } from '../scan/scan-boards.js';
import { createScheduler, scheduleScans } from '../schedule.js';
import { openCliServices, runUntilSignal } from '../main.js';
import { parseFlags, parseNow } from './args.js';
import { scanProgressBar } from './progress.js';
import { UsageError, type CliCommand } from './types.js';

const help = `nabiz scan — scan the tracked Trello boards (REST) and store evidence and findings

Usage:
  nabiz scan --once [--full] [--json] [--now ISO] [--sync-only]
  nabiz scan                      keep scanning on SCAN_CRON / FULL_SCAN_CRON (no HTTP server)

Options:
  --once        one scan, then exit (0 = every board ok, 1 = a board failed)
  --full        re-list every comment to catch edits and deletions (the nightly pass)
  --json        print { "<boardId>": { findings, summary } } (the shape of \`nabiz audit\`)
  --sync-only   store the evidence, evaluate nothing (the next scan or webhook evaluates): a first
                backfill of a very large board, or measuring the sync alone
  --now WHEN    evaluate as of this instant (reproducible reviews): 2026-11-23T09:00:00+03:00,
                2026-11-23T09:00 (Istanbul) or 2026-11-23 (00:00 Istanbul)

Needs TRELLO_KEY, TRELLO_TOKEN and NABIZ_BOARDS (see docs: Configuration). Evidence goes to the store (DATABASE_URL; a SQLite file by default).
`;

export function scanJson(result: ScanResult): Record<string, AuditResult> {
  const out: Record<string, AuditResult> = {};
  for (const b of result.boards) if (b.ok && b.result) out[b.boardId] = { findings: b.result.findings, summary: b.result.summary };
  return out;
}

function humanSummary(result: ScanResult): string {
  const lines = [`scan (${result.kind}) at ${result.at}: ${result.requests} Trello requests, ${result.durationMs} ms`];
  for (const b of result.boards) {
    if (!b.ok) {
      lines.push(`  ✗ ${b.boardId}: ${b.error}`);
      continue;
    }
    const byRule = new Map<string, number>();
    for (const f of b.result?.findings ?? []) byRule.set(`${f.rule}/${f.status}`, (byRule.get(`${f.rule}/${f.status}`) ?? 0) + 1);
    const rules = [...byRule.entries()]
      .sort()
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    lines.push(
      `  ✓ ${b.name ?? b.boardId} (${b.boardId}): ${b.cards} cards, +${b.newComments} comments, ${b.edits} edits, ${b.deletions} deletions, ${b.result?.findings.length ?? 0} findings${rules ? ` — ${rules}` : ''}`,
    );
  }
  return lines.join('\n') + '\n';
}

export const command: CliCommand = {
  help,
  async run(argv, io) {
    const args = parseFlags(
      argv,
      {
        once: { type: 'boolean', default: false },
        full: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        now: { type: 'string' },
        'sync-only': { type: 'boolean', default: false },
      },
      help,
      io,
    );
    if (!args) return 0;
    const now = parseNow(args.now);
    const services = await openCliServices(io, {
      json: args.json,
      check: (c) => {
        // Scanning reads real boards: it needs a token, whatever else the environment says.
        if (!c.TRELLO_TOKEN) {
          throw new UsageError(
            'TRELLO_TOKEN is not set: `nabiz scan` reads real boards. Set TRELLO_KEY, TRELLO_TOKEN and NABIZ_BOARDS, or run `npm start` for the demo.',
          );
        }
      },
    });
    const { config, log, store, clock } = services;
    const trello = services.trello();
    const deps = { store, trello, boards: config.NABIZ_BOARDS, clock, log, people: config.people };
    const bar = scanProgressBar(io.stderr, Boolean(process.stderr.isTTY) && !args.json);

    if (!args.once) {
      // Daemon without HTTP: cron only. serve is the usual way; this suits a separate worker.
      const runner = createScanRunner(deps, { ...(bar.onProgress ? { onProgress: bar.onProgress } : {}) });
      const scheduler = createScheduler(log);
      scheduleScans(scheduler, config, (o) => runner.run(o));
      io.stderr(`nabiz scan: scanning on "${config.SCAN_CRON}" (full pass "${config.FULL_SCAN_CRON}", Europe/Istanbul); Ctrl+C to stop\n`);
      return runUntilSignal(
        {
          close: async () => {
            await scheduler.stop();
            await runner.idle();
            await store.close();
          },
        },
        io.stderr,
      );
    }

    const result = await scanBoards(deps, {
      full: args.full,
      // Every board's findings, also of a board not judged again (unchanged today): the JSON and the summary list them.
      results: true,
      ...(args['sync-only'] ? { evaluate: false } : {}),
      ...(now ? { now } : {}),
      ...(bar.onProgress ? { onProgress: bar.onProgress } : {}),
    }).finally(() => store.close());
    bar.done();
    if (args.json) io.stdout(JSON.stringify(scanJson(result), null, 2) + '\n');
    else io.stdout(humanSummary(result));
    const failed = result.boards.filter((b) => !b.ok);
    if (args.json) for (const f of failed) io.stderr(`nabiz scan: board ${f.boardId} failed: ${f.error}\n`);
    return failed.length > 0 ? 1 : 0;
  },
};
