// `nabiz serve` (what `npm start` runs): the service — first scan, HTTP server, schedule, webhooks.
// Without TRELLO_TOKEN it starts the embedded demo (emulator + generated workspace) from its own entry,
// server/src/demo-main.ts, chosen by server/src/start.ts: with a token, the demo's code is never loaded. This
// command never branches on the demo itself; the demo entry supplies its banner words.
import { runUntilSignal, startBanner, type ServiceOptions } from '../main.js';
import { startEntry } from '../start.js';
import { parseFlags, parsePort } from './args.js';
import { scanProgressBar } from './progress.js';
import type { CliCommand, CliIO } from './types.js';

const help = `nabiz serve — run Nabız (what \`npm start\` runs)

Usage: nabiz serve [--port N] [--accept-reset]

  --accept-reset  start even though the store is missing records its witnesses saw (or holds another chain):
                  only after restoring what can be restored (docs/operations.md "Evidence ledger"); the decision
                  is written into the store and shown on /healthz and in every report

With TRELLO_TOKEN: scans NABIZ_BOARDS, serves the Power-Up, API, dashboard and /healthz on PORT, and keeps
scanning on SCAN_CRON (full pass on FULL_SCAN_CRON). Without TRELLO_TOKEN: the demo — an embedded Trello
emulator with a generated workspace (fresh data file on every start).
`;

export async function serveCommand(argv: string[], io: CliIO, wantDemo: boolean, helpText: string): Promise<number> {
  const args = parseFlags(argv, { port: { type: 'string' }, 'accept-reset': { type: 'boolean', default: false } }, helpText, io);
  if (!args) return 0;
  const port = parsePort(args.port);
  const bar = scanProgressBar(io.stderr, Boolean(process.stderr.isTTY));
  const opts: ServiceOptions = {
    env: io.env,
    io,
    ...(port !== undefined ? { port } : {}),
    ...(args['accept-reset'] ? { acceptReset: true } : {}),
    ...(bar.onProgress ? { onScanProgress: bar.onProgress } : {}),
  };
  const service = await startEntry(opts, wantDemo);
  bar.done();
  io.stdout(startBanner(service));
  return runUntilSignal(service, io.stderr);
}

export const command: CliCommand = {
  help,
  run: (argv, io) => serveCommand(argv, io, false, help),
};
